// Fits the relevance model's weights (classifier/weights.ts) on the DEV split of the labelled set
// (test/eval/articles.jsonl, split == "dev" only — the test split is never read here) plus the
// five seed documents as positives: L2-regularised logistic regression by gradient descent over
// the features of features.ts. Prints the weights to paste into weights.ts and the training fit.
//
//   npx tsx classifier/fit-relevance.ts [--l2 1]
import { readFileSync } from 'node:fs';
import { relevanceFeatures } from './classify.js';
import { FEATURES, type FeatureName } from './features.js';
import { loadSeedKnowledge, seedDocuments } from './seed-knowledge.js';

const args = process.argv.slice(2);
const lambda = Number(args[args.indexOf('--l2') + 1] ?? '') || 1;

const k = loadSeedKnowledge();
const rows: { id: string; x: number[]; y: number }[] = [];
for (const line of readFileSync(new URL('../test/eval/articles.jsonl', import.meta.url), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const a = JSON.parse(line) as { id: string; split: string; title: string; text: string; relevant: boolean };
  if (a.split !== 'dev') continue;
  const f = relevanceFeatures({ title: a.title, text: a.text }, k);
  rows.push({ id: a.id, x: FEATURES.map((n) => f[n]), y: a.relevant ? 1 : 0 });
}
for (const d of seedDocuments()) {
  const f = relevanceFeatures({ title: d.title, text: d.text }, k);
  rows.push({ id: d.id, x: FEATURES.map((n) => f[n]), y: 1 });
}

const D = FEATURES.length;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Solves A x = y (Gaussian elimination with partial pivoting). */
function solve(A: number[][], y: number[]): number[] {
  const n = y.length;
  const M = A.map((row, i) => [...row, y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || M[c][c] === 0) continue;
      const f = M[r][c] / M[c][c];
      for (let k2 = c; k2 <= n; k2++) M[r][k2] -= f * M[c][k2];
    }
  }
  return M.map((row, i) => row[n] / (row[i] || 1));
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
const offset = (x: number[]) => FEATURES.reduce((s, n, i) => s + (PRIOR[n] ?? 0) * x[i], 0);

/** Sign-constrained fit: a weight that comes out with the wrong sign is fixed at 0, and refit. */
function fit(data: typeof rows, l2: number): number[] {
  const fixed = new Set<number>(FEATURES.map((n, i) => i + 1).filter((i) => PRIOR[FEATURES[i - 1]] !== undefined));
  for (;;) {
    const beta = fitFree(data, l2, fixed);
    const wrong = FEATURES.map((n, i) => (i + 1)).filter((i) => !fixed.has(i) && beta[i] * SIGNS[FEATURES[i - 1]] < 0);
    if (!wrong.length) return beta.map((v, i) => (i > 0 && PRIOR[FEATURES[i - 1]] !== undefined ? PRIOR[FEATURES[i - 1]]! : v));
    for (const i of wrong) fixed.add(i);
  }
}

/** L2-regularised logistic regression by Newton's method; returns [bias, ...weights]. */
function fitFree(data: typeof rows, l2: number, fixed: Set<number>): number[] {
  let beta = new Array(D + 1).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array(D + 1).fill(0);
    const H = Array.from({ length: D + 1 }, () => new Array(D + 1).fill(0));
    for (const r of data) {
      const x = [1, ...r.x];
      const p = sigmoid(offset(r.x) + x.reduce((s, v, i) => s + v * beta[i], 0));
      for (let i = 0; i <= D; i++) {
        g[i] += (p - r.y) * x[i];
        for (let j = 0; j <= D; j++) H[i][j] += p * (1 - p) * x[i] * x[j];
      }
    }
    for (let i = 1; i <= D; i++) {
      g[i] += l2 * beta[i];
      H[i][i] += l2;
    }
    H[0][0] += 1e-6;
    for (const i of fixed) {
      g[i] = 0;
      H[i].fill(0);
      for (const row of H) row[i] = 0;
      H[i][i] = 1;
    }
    const step = solve(H, g);
    beta = beta.map((v, i) => v - step[i]);
  }
  return beta;
}
const predict = (beta: number[], x: number[]) => sigmoid(beta[0] + x.reduce((s, v, i) => s + v * beta[i + 1], 0));

// Leave-one-out accuracy for a few regularisation strengths; the chosen one is fitted on all.
for (const l2 of [1, 3, 10, 30]) {
  let right = 0;
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const beta = fit(rows.filter((_, j) => j !== i), l2);
    const p = predict(beta, rows[i].x);
    if (p >= 0.5 === (rows[i].y === 1)) right++;
    loss -= Math.log(Math.max(1e-9, rows[i].y ? p : 1 - p));
  }
  console.log(`// L2 ${l2}: leave-one-out accuracy ${(right / rows.length).toFixed(3)}, log-loss ${(loss / rows.length).toFixed(3)}`);
}
const beta = fit(rows, lambda);
const b = beta[0];
const w = beta.slice(1);
console.log(`// fitted on ${rows.length} documents (dev split + 5 seed documents), L2 ${lambda}`);
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
