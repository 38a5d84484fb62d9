// Fits the relevance model's weights (classifier/weights.ts) on the DEV data of the labelled sets
// (test/eval/labelled.ts: split == "dev" of articles.jsonl and batches 2, 3, 4 and 6 — not batch9, batch11, batch14 or batch18–20, see
// NOT_FITTED; the test split and the holdout halves are never used here) plus the five seed documents as positives: L2-regularised
// logistic regression by gradient descent over the features of features.ts. Prints leave-one-out
// and leave-one-file-out figures, the weights to paste into weights.ts and the training fit.
//
//   npx tsx classifier/fit-relevance.ts [--l2 1]
import { readLabelled, relevancePrf } from '../test/eval/labelled.js';
import { relevanceFeatures } from './classify.js';
import { FEATURES, type FeatureName } from './features.js';
import { fitLogistic, predict } from './logistic.js';
import { loadSeedKnowledge, seedDocuments } from './seed-knowledge.js';

const args = process.argv.slice(2);
const lambda = Number(args[args.indexOf('--l2') + 1] ?? '') || 1;

const k = loadSeedKnowledge();
const rows: { id: string; x: number[]; y: number; lang?: string; file?: string }[] = [];
// batch9.jsonl (GUIDE.md §15) trains the topic model only. Refitted with it (L2 1, leave-one-file-out F1
// EN 0.954 / ZH 0.965 over six files), ten labelled articles between 0.46 and 0.60 crossed the
// threshold one way or the other (three dev, all for the worse; seven held out, four for the better)
// and a reviewer's port profile (test/classifier.test.ts, a strategy list and the stock location
// phrase) rose over it, to 0.51; no gain beyond the noise, so the fit without it is kept.
// batch11.jsonl (§17) likewise: refitted with it (L2 1), no article of the dev data or of batch11 itself
// was judged better (its two passing mentions at 0.54 and 0.76 and its two borderline relevant ones
// at 0.38 and 0.46 stayed where they were) and a dev article (en-102) fell to 0.495.
// batch14.jsonl (§20) joined the dev data for a topic vocabulary mend (roads and energy links as
// connectivity); it agreed on the relevance of all 20 of its articles, and nothing of relevance was
// mended from it, so the relevance model is not refitted with it.
// batch18.jsonl, batch19.jsonl and batch20.jsonl (§24) joined the dev data for evidence, vocabulary and
// the topic model; blind, they agreed on the relevance of 67 of 71 articles, and nothing of relevance
// was mended from them. Refitted with them (L2 1), leave-one-file-out F1 over their files too was EN
// 0.956 / ZH 0.971 (0.961 / 0.973 without them), so the relevance model is not refitted with them.
// batch22.jsonl (§26) joined the dev data for rival programmes' Chinese names (lexicon.ts
// OTHER_PROGRAMMES) and the topic model; the relevance model is not refitted with it.
const NOT_FITTED = new Set(['batch9.jsonl', 'batch11.jsonl', 'batch14.jsonl', 'batch18.jsonl', 'batch19.jsonl', 'batch20.jsonl', 'batch22.jsonl']);
for (const a of readLabelled()) {
  if (a.split !== 'dev' || NOT_FITTED.has(a.file)) continue;
  const f = relevanceFeatures({ title: a.title, text: a.text }, k);
  rows.push({ id: a.id, x: FEATURES.map((n) => f[n]), y: a.relevant ? 1 : 0, lang: a.lang, file: a.file });
}
for (const d of seedDocuments()) {
  const f = relevanceFeatures({ title: d.title, text: d.text }, k);
  rows.push({ id: d.id, x: FEATURES.map((n) => f[n]), y: 1 });
}

/** The sign each weight must have to stay explainable (+1 for evidence for, -1 against). */
const SIGNS: Record<FeatureName, 1 | -1> = {
  titleAnchors: 1,
  leadAnchors: 1,
  bodyAnchors: 1,
  anchorParagraphs: 1,
  listy: -1,
  contrast: -1,
  otherProgrammes: -1,
  otherProgrammeTitle: -1,
  otherSense: -1,
  otherInitiatives: -1,
  offSubject: -1,
  actionNearAnchor: 1,
  flagshipOnly: -1,
  partners: 1,
};

/**
 * Hand-set weights, not fitted, where the dev split has too few cases to learn them from:
 * - listy: two passing mentions in a list of national strategies, and one relevant borderline
 *   article in such a list; the issue names the pattern, so it keeps a fixed negative weight;
 * - titleAnchors: the guide's rule that a headline naming the BRI frames the article as BRI (its
 *   fitted weight stays low because titled articles are strong on every other anchor feature
 *   too); 2 was the best of 1.5 / 2 / 2.5 by leave-one-out log-loss (0.168 / 0.167 / 0.167) and
 *   the largest that keeps both headline-level "X counters the Belt and Road" pieces negative.
 */
const PRIOR: Partial<Record<FeatureName, number>> = { listy: -1.5, titleAnchors: 2 };

/** Sign-constrained L2 fit (logistic.ts) with the hand-set weights held; returns [bias, ...weights]. */
const fit = (data: typeof rows, l2: number) =>
  fitLogistic(data, {
    l2: FEATURES.map(() => l2),
    signs: FEATURES.map((n) => SIGNS[n]),
    fixed: new Map(FEATURES.flatMap((n, i) => (PRIOR[n] === undefined ? [] : [[i, PRIOR[n]!] as [number, number]]))),
  });

// Leave-one-out accuracy and log-loss for a few regularisation strengths (log-loss chooses), and
// leave-one-file-out F1 per language; the chosen strength is fitted on all.
const files = [...new Set(rows.flatMap((r) => (r.file ? [r.file] : [])))];
for (const l2 of [1, 3, 10, 30]) {
  let right = 0;
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const beta = fit(rows.filter((_, j) => j !== i), l2);
    const p = predict(beta, rows[i].x);
    if (p >= 0.5 === (rows[i].y === 1)) right++;
    loss -= Math.log(Math.max(1e-9, rows[i].y ? p : 1 - p));
  }
  // Leave-one-FILE-out: fit on the other files' dev data (and the seeds), judge this file's at 0.5;
  // each file had other labellers, so this is the estimate for a set labelled by someone else.
  const judged = files.flatMap((f) => {
    const beta = fit(rows.filter((r) => r.file !== f), l2);
    return rows.filter((r) => r.file === f).map((r) => ({ ...r, yes: predict(beta, r.x) >= 0.5 }));
  });
  const f1 = (lang: string) => relevancePrf(judged.filter((r) => r.lang === lang).map((r) => ({ got: r.yes, want: r.y === 1 }))).f1.toFixed(3);
  console.log(`// L2 ${l2}: leave-one-out accuracy ${(right / rows.length).toFixed(3)}, log-loss ${(loss / rows.length).toFixed(3)}; leave-one-file-out F1 EN ${f1('en')} / ZH ${f1('zh')}`);
}
const beta = fit(rows, lambda);
const b = beta[0];
const w = beta.slice(1);
console.log(`// fitted on ${rows.length} documents (dev halves + 5 seed documents), L2 ${lambda}`);
console.log(`export const RELEVANCE_BIAS = ${b.toFixed(3)};`);
console.log('export const RELEVANCE_WEIGHTS: Record<FeatureName, number> = {');
FEATURES.forEach((n: FeatureName, i) => console.log(`  ${n}: ${w[i].toFixed(3)},`));
console.log('};');
let wrong = 0;
for (const r of rows) {
  const p = predict(beta, r.x);
  if (p >= 0.5 !== (r.y === 1)) {
    wrong++;
    console.log(`// training miss ${r.id} y=${r.y} p=${p.toFixed(3)}`);
  }
}
console.log(`// training accuracy ${(1 - wrong / rows.length).toFixed(3)}`);
