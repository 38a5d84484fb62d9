// Fits the topic model (classifier/weights.ts: TOPIC_BIAS, TOPIC_WEIGHTS, TOPIC_PRIORS) on the
// DEV data only: the articles of test/eval/articles.jsonl with split == "dev" that are labelled
// relevant, plus the dev halves of test/eval/batch2.jsonl and batch3.jsonl and all of batch4.jsonl,
// batch6.jsonl, batch9.jsonl, batch11.jsonl and batch14.jsonl (GUIDE.md §7–§20). The test split and the holdout halves are never used here.
//
// One row per (article, topic the article has terms of): the features of topicCandidates, y = the
// topic is among the article's labels. L2-regularised logistic regression (logistic.ts); feature
// weights held ≥ 0 (more evidence never argues against a topic); per-topic offsets are one-hot
// features under a stronger L2, so a topic moves from the common bias only where the data insist.
// Prints, for a few L2 strengths and selection thresholds, leave-one-article-out topic micro-F1 (the
// selection rule of classify.ts applied to the held-out article) and leave-one-FILE-out micro-F1
// (fit on the dev data of all files but one, score that one): each file was labelled by other people,
// so the second is the estimate for a set labelled by someone else, and it chooses the strengths
// and the threshold. Then the weights of the chosen ones.
//
//   npx tsx classifier/fit-topics.ts [--l2 0.3] [--prior-l2 16] [--misses] [--write] [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { microF1, readLabelled } from '../test/eval/labelled.js';
import { chooseTopics, TOPIC_SELECT, topicFeatures, type TopicCandidate } from './classify.js';
import { fitLogistic, predict } from './logistic.js';
import { loadSeedKnowledge } from './seed-knowledge.js';
import { TOPIC_BIAS, TOPIC_FEATURES, TOPIC_PRIORS, TOPIC_WEIGHTS } from './weights.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const L2 = opt('--l2', 3);
const PRIOR_L2 = opt('--prior-l2', 16);

// Only dev data: the test split and the batches' holdout halves are never read for fitting.
const articles = readLabelled().filter((a) => a.split === 'dev' && a.relevant);

const k = loadSeedKnowledge();
const TOPICS = k.topicIds;
const vector = (c: TopicCandidate) => [...TOPIC_FEATURES.map((f) => c.x[f]), ...TOPICS.map((t) => (t === c.id ? 1 : 0))];
const docs = articles.map((a) => ({ a, candidates: topicFeatures({ title: a.title, text: a.text }, k) }));
const rowsOf = (ds: typeof docs) => ds.flatMap((d) => d.candidates.map((c) => ({ x: vector(c), y: d.a.topics.includes(c.id) ? 1 : 0 })));

const fit = (ds: typeof docs, l2: number, priorL2: number) =>
  fitLogistic(rowsOf(ds), {
    l2: [...TOPIC_FEATURES.map(() => l2), ...TOPICS.map(() => priorL2)],
    signs: [...TOPIC_FEATURES.map(() => 1 as const), ...TOPICS.map(() => 0 as const)],
  });

/** The topics classify.ts would list for a document under beta (its selection rule). */
const select = (beta: number[], candidates: TopicCandidate[], threshold = TOPIC_SELECT) =>
  chooseTopics(candidates, (c) => predict(beta, vector(c)), threshold).map((s) => s.c.id);

console.log(`// ${docs.length} relevant dev articles, ${rowsOf(docs).length} (article, topic) rows`);
// --check: fit the chosen strengths only and compare with weights.ts (exit 1 when they differ):
// the committed weights are what this fitter gives on the committed data.
if (args.includes('--check')) {
  const beta = fit(docs, L2, PRIOR_L2);
  const want = [TOPIC_BIAS, ...TOPIC_FEATURES.map((f) => TOPIC_WEIGHTS[f]), ...TOPICS.map((t) => TOPIC_PRIORS[t] ?? 0)];
  const off = want.map((w, i) => Math.abs(w - Number(beta[i].toFixed(3)))).filter((d) => d > 0.0015).length;
  console.log(off ? `weights.ts differs from the fit in ${off} value(s): run npx tsx classifier/fit-topics.ts --write` : 'weights.ts matches the fit');
  process.exit(off ? 1 : 0);
}

// The selection threshold (TOPIC_SELECT in classify.ts) is chosen here too: log-loss fits the
// probabilities, the threshold then trades precision for recall on the held-out articles.
const THRESHOLDS = [0.35, 0.4, 0.45, 0.5, 0.55];
const files = [...new Set(docs.map((d) => d.a.file))];
const score = (betaOf: (i: number) => number[], th: number, only?: string) =>
  microF1(docs.flatMap((d, i) => (only && d.a.file !== only ? [] : [{ got: select(betaOf(i), d.candidates, th), want: d.a.topics }])));
for (const l2 of [0.3, 1, 3]) {
  for (const priorL2 of [1, 4, 16]) {
    const loo = docs.map((_, i) => fit(docs.filter((__, j) => j !== i), l2, priorL2));
    const lofo = new Map(files.map((f) => [f, fit(docs.filter((d) => d.a.file !== f), l2, priorL2)]));
    const byFile = (i: number) => lofo.get(docs[i].a.file)!;
    console.log(`// L2 ${l2}, prior L2 ${priorL2}, topic micro-F1 at threshold ${THRESHOLDS.join(' / ')}:`);
    console.log(`//   leave-one-article-out ${THRESHOLDS.map((th) => score((i) => loo[i], th).f1.toFixed(3)).join(' / ')}`);
    console.log(`//   leave-one-file-out    ${THRESHOLDS.map((th) => `${score(byFile, th).f1.toFixed(3)} (${files.map((f) => score(byFile, th, f).f1.toFixed(2)).join(' ')})`).join(' / ')}`);
  }
}
const beta = fit(docs, L2, PRIOR_L2);
const train = microF1(docs.map((d) => ({ got: select(beta, d.candidates), want: d.a.topics })));
console.log(`// fitted on all ${docs.length} articles, L2 ${L2}, prior L2 ${PRIOR_L2}; training topic micro-F1 ${train.f1.toFixed(3)}`);
const code = [
  `export const TOPIC_BIAS = ${beta[0].toFixed(3)};`,
  'export const TOPIC_WEIGHTS: Record<TopicFeature, number> = {',
  ...TOPIC_FEATURES.map((f, i) => `  ${f}: ${beta[i + 1].toFixed(3)},`),
  '};',
  '/** Per-topic offsets (how readily the guide\'s labellers give a topic beyond its terms\' mass). */',
  'export const TOPIC_PRIORS: Record<string, number> = {',
  ...TOPICS.map((t, i) => `  '${t}': ${beta[TOPIC_FEATURES.length + i + 1].toFixed(3)},`),
  '};',
].join('\n');
console.log(code);
// --write: replaces the fitted block of weights.ts (from TOPIC_BIAS to the end of TOPIC_PRIORS).
if (args.includes('--write')) {
  const file = new URL('./weights.ts', import.meta.url);
  const src = readFileSync(file, 'utf8');
  const from = src.indexOf('export const TOPIC_BIAS');
  const to = src.indexOf('};', src.indexOf('export const TOPIC_PRIORS')) + 2;
  writeFileSync(file, src.slice(0, from) + code + src.slice(to));
  console.log('// written to classifier/weights.ts');
}
if (args.includes('--misses')) {
  for (const d of docs) {
    const got = select(beta, d.candidates);
    const miss = d.a.topics.filter((t) => !got.includes(t));
    const extra = got.filter((t) => !d.a.topics.includes(t));
    if (!miss.length && !extra.length) continue;
    const show = (t: string) => {
      const c = d.candidates.find((c) => c.id === t);
      return c ? `${t}(p ${predict(beta, vector(c)).toFixed(2)}, mass ${c.sum.toFixed(1)})` : `${t}(no terms)`;
    };
    console.log(`// ${d.a.id}: missed ${miss.map(show).join(', ') || '-'}; extra ${extra.map(show).join(', ') || '-'}`);
  }
}
