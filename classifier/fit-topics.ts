// Fits the topic model (classifier/weights.ts: TOPIC_BIAS, TOPIC_WEIGHTS, TOPIC_PRIORS) on the
// DEV data only: the articles of test/eval/articles.jsonl with split == "dev" that are labelled
// relevant, plus the dev halves of test/eval/batch2.jsonl and batch3.jsonl and all of batch4.jsonl,
// batch6.jsonl, batch9.jsonl, batch11.jsonl, batch14.jsonl, batch18.jsonl, batch19.jsonl, batch20.jsonl and batch22.jsonl (GUIDE.md §7–§26). The test split and the holdout halves are never used here.
//
// One row per (article, topic the article has terms of): the features of topicCandidates, y = the
// topic is among the article's labels. One feature, `resembles`, is the score of the topic
// resemblance model (bow.ts), fitted here too (bow-fit.ts) on the same articles and written to
// classifier/bow-model.json: the topic model's rows take each article's score from a resemblance
// model fitted without the article's file (stacking: a new article's score comes from a model that
// has not seen it either), and leave-one-file-out nests that inside the held-out file's fit.
// L2-regularised logistic regression (logistic.ts); feature
// weights held ≥ 0 (more evidence never argues against a topic); per-topic offsets are one-hot
// features under a stronger L2, so a topic moves from the common bias only where the data insist.
// Prints, for a few L2 strengths and selection thresholds, leave-one-article-out topic micro-F1 (the
// selection rule of classify.ts applied to the held-out article) and leave-one-FILE-out micro-F1
// (fit on the dev data of all files but one, score that one): each file was labelled by other people,
// so the second is the estimate for a set labelled by someone else, and it chooses the strengths
// and the threshold. Then the weights of the chosen ones.
//
//   npx tsx classifier/fit-topics.ts [--l2 0.3] [--prior-l2 16] [--bow-c 8] [--min-df 10] [--quick]
//                                    [--without-resemblance] [--misses] [--write] [--check]
// --quick: the chosen strengths only, no leave-one-article-out (about 40 s instead of several minutes).
import { readFileSync, writeFileSync } from 'node:fs';
import { microF1, readLabelled } from '../test/eval/labelled.js';
import { bagOf, chooseTopics, TOPIC_SELECT, topicFeatures, type TopicCandidate } from './classify.js';
import { fitLogistic, predict } from './logistic.js';
import { loadSeedKnowledge } from './seed-knowledge.js';
import { keyOfName, readBowModel, resemblance, type BowModelFile } from './bow.js';
import { BOW_C, bowModelFile, fitBow, MIN_DF } from './bow-fit.js';
import { TOPIC_BIAS, TOPIC_FEATURES, TOPIC_PRIORS, TOPIC_WEIGHTS } from './weights.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const L2 = opt('--l2', 3);
const PRIOR_L2 = opt('--prior-l2', 16);
const C = opt('--bow-c', BOW_C);
const MIN = opt('--min-df', MIN_DF);

// Only dev data: the test split and the batches' holdout halves are never read for fitting.
const articles = readLabelled().filter((a) => a.split === 'dev' && a.relevant);

// Knowledge without a resemblance model: the candidates' `resembles` is set here, from models
// fitted without the article (below), never from the committed one.
const k = loadSeedKnowledge([], null);
const TOPICS = k.topicIds;
const RESEMBLES = TOPIC_FEATURES.indexOf('resembles');
const names = new Map<number, string>();
const docs = articles.map((a) => {
  const input = { title: a.title, text: a.text };
  const bag = bagOf(input, k);
  // The form the model file gives a key: the first one seen that reads back as the same key.
  for (const { key, name } of bag.named) if (!names.has(key) && keyOfName(name) === key) names.set(key, name);
  return { a, candidates: topicFeatures(input, k), bag: { keys: bag.keys, topics: a.topics } };
});
// A key whose forms never read back as it (text the reading rewrote) is left out of the bags.
for (const d of docs) d.bag.keys = d.bag.keys.filter((key) => names.has(key));
const files = [...new Set(docs.map((d) => d.a.file))];

/** Resemblance scores (one per topic) for the documents `of`, by a model fitted on `on`. */
type Scores = (Float64Array | undefined)[];
function scoresBy(on: number[], of: number[], into: Scores): Scores {
  const model = fitBow(on.map((i) => docs[i].bag), TOPICS, null, C, MIN);
  for (const i of of) into[i] = resemblance(model, docs[i].bag.keys);
  return into;
}
/** Out-of-file scores for the documents idx: each file's from a model fitted on the others among idx. */
function outOfFile(idx: number[]): Scores {
  const out: Scores = [];
  for (const f of new Set(idx.map((i) => docs[i].a.file))) scoresBy(idx.filter((i) => docs[i].a.file !== f), idx.filter((i) => docs[i].a.file === f), out);
  return out;
}

const vector = (c: TopicCandidate, r: Float64Array | undefined) => [...TOPIC_FEATURES.map((f) => (f === 'resembles' ? (r ? r[TOPICS.indexOf(c.id)] : 0) : c.x[f])), ...TOPICS.map((t) => (t === c.id ? 1 : 0))];
const rowsOf = (idx: number[], scores: Scores) => idx.flatMap((i) => docs[i].candidates.map((c) => ({ x: vector(c, scores[i]), y: docs[i].a.topics.includes(c.id) ? 1 : 0 })));

// --without-resemblance: the model with the resemblance weight held at 0 (what it adds).
const without = args.includes('--without-resemblance');
const fit = (idx: number[], scores: Scores, l2: number, priorL2: number) =>
  fitLogistic(rowsOf(idx, scores), {
    l2: [...TOPIC_FEATURES.map(() => l2), ...TOPICS.map(() => priorL2)],
    signs: [...TOPIC_FEATURES.map(() => 1 as const), ...TOPICS.map(() => 0 as const)],
    fixed: without ? new Map([[RESEMBLES, 0]]) : undefined,
  });

/** The topics classify.ts would list for document i under beta (its selection rule). */
const select = (beta: number[], i: number, scores: Scores, threshold = TOPIC_SELECT) =>
  chooseTopics(docs[i].candidates, (c) => predict(beta, vector(c, scores[i])), threshold).map((s) => s.c.id);

const all = docs.map((_, i) => i);
console.log(`// ${docs.length} relevant dev articles, ${rowsOf(all, []).length} (article, topic) rows; resemblance model: ${names.size} keys seen, C ${C}, min df ${MIN}`);
// The topic model is fitted on resemblance scores each article got from a model fitted without
// its file (stacking), as a new article's score comes from a model fitted without it.
const global = outOfFile(all);
const beta = fit(all, global, L2, PRIOR_L2);
const bow = fitBow(all.map((i) => docs[i].bag), TOPICS, names, C, MIN);
const BOW_FILE = new URL('./bow-model.json', import.meta.url);
const bowJson = `${JSON.stringify(
  bowModelFile(
    bow,
    `Topic resemblance model (classifier/bow.ts), written by classifier/fit-topics.ts --write: fitted on ${docs.length} relevant dev articles, C ${C}, keys in at least ${MIN} of them. Each feature: [form, idf, one weight per topic].`,
  ),
)}\n`.replace(/\],\[/g, '],\n[');

// --check: fit the chosen strengths only and compare with weights.ts and bow-model.json (exit 1
// when they differ): the committed weights are what this fitter gives on the committed data.
if (args.includes('--check')) {
  const want = [TOPIC_BIAS, ...TOPIC_FEATURES.map((f) => TOPIC_WEIGHTS[f]), ...TOPICS.map((t) => TOPIC_PRIORS[t] ?? 0)];
  const off = want.map((w, i) => Math.abs(w - Number(beta[i].toFixed(3)))).filter((d) => d > 0.0015).length;
  // The file's forms and numbers against the fit's, to the last decimal written (a missing or
  // unreadable file differs).
  const bowOff = (() => {
    try {
      const have = JSON.parse(readFileSync(BOW_FILE, 'utf8')) as BowModelFile;
      readBowModel(have); // (a file the classifier would refuse differs)
      const want = JSON.parse(bowJson) as BowModelFile;
      const close = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 0.00015 : a === b);
      return (
        have.topics.join() !== want.topics.join() ||
        have.bias.length !== want.bias.length ||
        !want.bias.every((b, i) => close(have.bias[i], b)) ||
        have.features.length !== want.features.length ||
        !want.features.every((row, i) => row.length === have.features[i].length && row.every((v, j) => close(have.features[i][j], v)))
      );
    } catch {
      return true;
    }
  })();
  console.log(off ? `weights.ts differs from the fit in ${off} value(s): run npx tsx classifier/fit-topics.ts --write` : 'weights.ts matches the fit');
  console.log(bowOff ? 'bow-model.json differs from the fit: run npx tsx classifier/fit-topics.ts --write' : 'bow-model.json matches the fit');
  process.exit(off || bowOff ? 1 : 0);
}

// The selection threshold (TOPIC_SELECT in classify.ts) is chosen here too: log-loss fits the
// probabilities, the threshold then trades precision for recall on the held-out articles.
const THRESHOLDS = [0.35, 0.4, 0.45, 0.5, 0.55];
// Leave-one-file-out: the held-out file's scores from a resemblance model fitted on the other
// files, the training articles' from models fitted without their own file among those (nested).
const heldOut = new Map(
  files.map((f) => {
    const train = all.filter((i) => docs[i].a.file !== f);
    const test = all.filter((i) => docs[i].a.file === f);
    return [f, { train, test, inner: outOfFile(train), outer: scoresBy(train, test, []) }];
  }),
);
const scoreFiles = (betaOf: (f: string) => number[], th: number, only?: string) =>
  microF1([...heldOut].flatMap(([f, h]) => (only && f !== only ? [] : h.test.map((i) => ({ got: select(betaOf(f), i, h.outer, th), want: docs[i].a.topics })))));
const grid = args.includes('--quick') ? [[L2, PRIOR_L2]] : [0.3, 1, 3].flatMap((l2) => [1, 4, 16].map((p) => [l2, p]));
for (const [l2, priorL2] of grid) {
  const loo = args.includes('--quick') ? null : all.map((i) => fit(all.filter((j) => j !== i), global, l2, priorL2));
  const lofo = new Map([...heldOut].map(([f, h]) => [f, fit(h.train, h.inner, l2, priorL2)]));
  console.log(`// L2 ${l2}, prior L2 ${priorL2}, topic micro-F1 at threshold ${THRESHOLDS.join(' / ')}:`);
  // (Its resemblance scores are out-of-file, not out-of-article: a little optimistic. It chooses nothing.)
  if (loo) console.log(`//   leave-one-article-out ${THRESHOLDS.map((th) => microF1(all.map((i) => ({ got: select(loo[i], i, global, th), want: docs[i].a.topics }))).f1.toFixed(3)).join(' / ')}`);
  console.log(`//   leave-one-file-out    ${THRESHOLDS.map((th) => `${scoreFiles((f) => lofo.get(f)!, th).f1.toFixed(3)} (${files.map((f) => scoreFiles((g) => lofo.get(g)!, th, f).f1.toFixed(2)).join(' ')})`).join(' / ')}`);
}
const train = microF1(all.map((i) => ({ got: select(beta, i, global), want: docs[i].a.topics })));
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
// --write: replaces the fitted block of weights.ts (from TOPIC_BIAS to the end of TOPIC_PRIORS)
// and writes bow-model.json.
if (args.includes('--write')) {
  const file = new URL('./weights.ts', import.meta.url);
  const src = readFileSync(file, 'utf8');
  const from = src.indexOf('export const TOPIC_BIAS');
  const to = src.indexOf('};', src.indexOf('export const TOPIC_PRIORS')) + 2;
  writeFileSync(file, src.slice(0, from) + code + src.slice(to));
  writeFileSync(BOW_FILE, bowJson);
  console.log(`// written to classifier/weights.ts and classifier/bow-model.json (${bow.names.length} features)`);
}
if (args.includes('--misses')) {
  for (const [i, d] of docs.entries()) {
    const got = select(beta, i, global);
    const miss = d.a.topics.filter((t) => !got.includes(t));
    const extra = got.filter((t) => !d.a.topics.includes(t));
    if (!miss.length && !extra.length) continue;
    const show = (t: string) => {
      const c = d.candidates.find((c) => c.id === t);
      return c ? `${t}(p ${predict(beta, vector(c, global[i])).toFixed(2)}, mass ${c.sum.toFixed(1)})` : `${t}(no terms)`;
    };
    console.log(`// ${d.a.id}: missed ${miss.map(show).join(', ') || '-'}; extra ${extra.map(show).join(', ') || '-'}`);
  }
}
