// `npm run eval`: classifies every labelled article of test/eval/articles.jsonl with the lexical
// classifier against the seed knowledge and prints, for the dev and the test split (and the dev
// and holdout halves of test/eval/batch2.jsonl and batch3.jsonl, the all-dev batch4.jsonl,
// batch6.jsonl, batch9.jsonl, batch11.jsonl, batch14.jsonl, batch18.jsonl, batch19.jsonl, batch20.jsonl and batch22.jsonl and the all-holdout batch5.jsonl, batch7.jsonl, batch8.jsonl,
// batch10.jsonl, batch12.jsonl, batch13.jsonl, batch15.jsonl, batch16.jsonl, batch17.jsonl and batch21.jsonl, GUIDE.md §7–§26, when
// present; a split drawn from several files also per file), English and
// Chinese separately and together:
//   - relevance precision / recall / F1 (threshold CLASSIFY_THRESHOLD, default 0.5);
//   - topic micro-F1 over the articles LABELLED relevant (the classifier's topics as it outputs
//     them, so an article it wrongly judges irrelevant counts with no topics), and per topic;
//   - 95% bootstrap intervals of relevance F1 and topic micro-F1 per split and language (how far a
//     figure could move on another set of the same size);
//   - the misses (id, label, score, title, top evidence) and a confusion by negativeClass.
// Tune on dev only (`--split dev` prints dev alone); report test untouched. Always exits 0.
//
//   npx tsx test/eval/run.ts [--split dev|test|holdout|all] [--threshold 0.5] [--topics]
import { classify, type Judgement } from '../../classifier/index.js';
import { loadSeedKnowledge } from '../../classifier/seed-knowledge.js';
import { bootstrapInterval, microF1, prf, readLabelled, readSecondTopics, relevancePrf, type Article } from './labelled.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
type Split = Article['split'];
const splits: Split[] = opt('--split', 'all') === 'all' ? ['dev', 'test', 'holdout'] : [opt('--split', 'all') as Split];
const threshold = Number(opt('--threshold', process.env.CLASSIFY_THRESHOLD ?? '0.5'));
const perTopic = args.includes('--topics');

const articles = readLabelled();

const knowledge = loadSeedKnowledge();
const t0 = performance.now();
const judged = new Map<string, Judgement>();
for (const a of articles) {
  if (!splits.includes(a.split)) continue;
  judged.set(a.id, classify({ id: a.id, title: a.title, text: a.text, url: a.url, lang: a.lang, published: a.published, source: a.source }, knowledge, { threshold }));
}
const ms = performance.now() - t0;

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

const relevance = (items: Article[]) => relevancePrf(items.map((a) => ({ got: judged.get(a.id)!.relevant, want: a.relevant })));

const topics = (items: Article[]) =>
  microF1(items.filter((a) => a.relevant).map((a) => ({ got: judged.get(a.id)!.topics.map((t) => t.id), want: a.topics })));

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

console.log(`silkwatch classifier evaluation — ${articles.length} labelled articles, threshold ${threshold}, ${judged.size} classified in ${ms.toFixed(0)} ms`);
console.log('Topic micro-F1 is computed over the articles LABELLED relevant, with the topics the classifier outputs.');
console.log('The models were fitted on dev (the topic resemblance model on its very words): dev figures are no estimate; test and holdout are,');
console.log('and so is leave-one-file-out in classifier/fit-topics.ts and fit-relevance.ts.\n');

const rows: string[][] = [['split', 'lang', 'n', 'rel P', 'rel R', 'rel F1', 'tp/fp/fn', 'topic P', 'topic R', 'topic micro-F1']];
// How far each figure could move on another set of the same size: 95% percentile bootstrap
// intervals over the articles (2,000 resamples, seeded). Relevance resamples all the split's
// articles, topics the ones labelled relevant.
const ci = ([lo, hi]: [number, number]) => `${pct(lo)}–${pct(hi)}`;
const intervals: string[][] = [['split', 'lang', 'rel F1', 'interval', 'topic micro-F1', 'interval']];
const row = (label: string, lang: string, items: Article[]) => {
  const r = relevance(items);
  const t = topics(items);
  rows.push([label, lang, String(items.length), pct(r.p), pct(r.r), pct(r.f1), `${r.tp}/${r.fp}/${r.fn}`, pct(t.p), pct(t.r), pct(t.f1)]);
  return { rel: r.f1, top: t.f1 };
};
for (const split of splits) {
  for (const lang of ['en', 'zh', 'all'] as const) {
    const items = articles.filter((a) => a.split === split && (lang === 'all' || a.lang === lang));
    const { rel, top } = row(split, lang, items);
    if (!items.length) continue;
    const labelled = items.filter((a) => a.relevant);
    intervals.push([
      split,
      lang,
      pct(rel),
      ci(bootstrapInterval(items, (s) => relevance(s).f1)),
      pct(top),
      labelled.length ? ci(bootstrapInterval(labelled, (s) => topics(s).f1)) : '-',
    ]);
  }
  // A split drawn from several files (the holdout halves of batch2 and batch3) also per file.
  const files = [...new Set(articles.filter((a) => a.split === split).map((a) => a.file))];
  if (files.length < 2) continue;
  for (const file of files) row(`  ${file.replace('.jsonl', '')}`, 'all', articles.filter((a) => a.split === split && a.file === file));
}
const printTable = (table: string[][]) => {
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table) console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  '));
};
printTable(rows);
console.log('\n95% intervals (percentile bootstrap over the articles, 2,000 resamples):');
printTable(intervals);

// How far people agree (GUIDE.md §9): a second labeller gave topics, blind to the labels and to the
// classifier, to the relevant test and holdout articles of articles.jsonl and batch2.jsonl
// (second-topics.jsonl). Scored like the classifier, against the labels, on the same articles.
const second = new Map(readSecondTopics().map((x) => [x.id, x.topics]));
if (second.size) {
  const agreement = (got: (a: Article) => string[], items: Article[]) => microF1(items.map((a) => ({ got: got(a), want: a.topics }))).f1;
  let heading = false;
  for (const split of splits) {
    const items = articles.filter((a) => a.split === split && second.has(a.id) && judged.has(a.id));
    if (!items.length) continue;
    if (!heading) console.log('\nTopic micro-F1 against the labels on the articles a second labeller also labelled (topics only, blind):');
    heading = true;
    const human = agreement((a) => second.get(a.id)!, items);
    const machine = agreement((a) => judged.get(a.id)!.topics.map((t) => t.id), items);
    console.log(`  ${split.padEnd(7)} ${String(items.length).padStart(3)} articles: second labeller ${pct(human)}, classifier ${pct(machine)}`);
  }
}

for (const split of splits) {
  const items = articles.filter((a) => a.split === split);
  console.log(`\n== ${split}: misses (relevance) ==`);
  const misses = items.filter((a) => judged.get(a.id)!.relevant !== a.relevant);
  if (!misses.length) console.log('  none');
  for (const a of misses) {
    const j = judged.get(a.id)!;
    console.log(`  ${a.id}  label=${a.relevant ? 'relevant' : `negative/${a.negativeClass}`}  score=${j.score.toFixed(3)}  ${clip(a.title, 90)}`);
    console.log(`      evidence: ${j.evidence.length ? clip(j.evidence[0], 150) : '-'}`);
  }
  console.log(`\n== ${split}: topic misses (labelled relevant) ==`);
  let any = false;
  for (const a of items.filter((x) => x.relevant)) {
    const got = judged.get(a.id)!.topics.map((t) => t.id);
    const missing = a.topics.filter((t) => !got.includes(t));
    const extra = got.filter((t) => !a.topics.includes(t));
    if (!missing.length && !extra.length) continue;
    any = true;
    console.log(`  ${a.id}  label=[${a.topics.join(', ')}]  got=[${judged.get(a.id)!.topics.map((t) => `${t.id} ${t.score}`).join(', ')}]`);
  }
  if (!any) console.log('  none');
  console.log(`\n== ${split}: confusion by negativeClass ==`);
  const classes = new Map<string, { n: number; flagged: number }>();
  for (const a of items) {
    const key = a.relevant ? '(relevant)' : a.negativeClass ?? 'other';
    if (!classes.has(key)) classes.set(key, { n: 0, flagged: 0 });
    const c = classes.get(key)!;
    c.n++;
    if (judged.get(a.id)!.relevant) c.flagged++;
  }
  for (const [key, c] of [...classes].sort()) console.log(`  ${key.padEnd(24)} ${String(c.n).padStart(3)} articles, judged relevant ${String(c.flagged).padStart(3)}`);
  if (perTopic) {
    console.log(`\n== ${split}: per topic ==`);
    const t = topics(items);
    for (const [id, c] of [...t.per].sort()) {
      const m = prf(c.tp, c.fp, c.fn);
      console.log(`  ${id.padEnd(24)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f1)}  (${c.tp}/${c.fp}/${c.fn})`);
    }
  }
}
process.exitCode = 0;
