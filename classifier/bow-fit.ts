// Fits the topic resemblance model of bow.ts (used by fit-topics.ts; never at classify time): the
// vocabulary is every key in at least MIN_DF of the training articles, idf = ln((1 + n) / (1 + df)) + 1,
// and per topic an L2-regularised logistic regression (strength 1 / C, bias free) over the
// articles' L2-normalised sublinear TF-IDF vectors, by L-BFGS. Deterministic: the same articles
// in the same order give the same weights.
import { keyIndex, tfidf, type BowModel, type BowModelFile } from './bow.js';

export interface BagDoc {
  keys: Int32Array;
  topics: string[];
}

export const BOW_C = 8;
export const MIN_DF = 10;

/** Fits the model on the documents (their labelled topics); names: key → form, when known. */
export function fitBow(docs: BagDoc[], topics: string[], names: Map<number, string> | null = null, C = BOW_C, minDf = MIN_DF): BowModel {
  const df = new Map<number, number>();
  for (const d of docs) for (const k of new Set(d.keys)) df.set(k, (df.get(k) ?? 0) + 1);
  const kept = [...df].filter(([, n]) => n >= minDf).map(([k]) => k);
  // Rows in the order of the forms (then keys), so the file reads alphabetically and does not
  // depend on the order the articles were read in.
  const nameOf = (k: number) => names?.get(k) ?? '';
  kept.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : a - b));
  const keys = keyIndex(kept);
  const idf = Float32Array.from(kept, (k) => Math.log((1 + docs.length) / (1 + df.get(k)!)) + 1);
  const X = docs.map((d) => tfidf({ ...keys, idf }, d.keys));
  const T = topics.length;
  const bias = new Float64Array(T);
  const weights = new Float32Array(kept.length * T);
  topics.forEach((topic, t) => {
    const y = docs.map((d) => (d.topics.includes(topic) ? 1 : 0));
    const beta = fitSparseLogistic(X, y, kept.length, 1 / C);
    bias[t] = beta[0];
    for (let f = 0; f < kept.length; f++) weights[f * T + t] = beta[f + 1];
  });
  return { topics, ...keys, idf, bias, weights, names: kept.map(nameOf) };
}

/** The model as bow-model.json holds it (weights to 4 decimals, idf to 4). */
export function bowModelFile(model: BowModel, comment: string): BowModelFile {
  const T = model.topics.length;
  const r4 = (x: number) => Number(x.toFixed(4));
  return {
    comment,
    topics: model.topics,
    bias: [...model.bias].map(r4),
    features: model.names.map((name, row) => [name, r4(model.idf[row]), ...Array.from({ length: T }, (_, t) => r4(model.weights[row * T + t]))]),
  };
}

type Sparse = { rows: Int32Array; values: Float64Array };

/**
 * Minimises Σ log(1 + e^z) − y·z + (l2 / 2)·|w|² over [bias, ...w], z = bias + x·w, by L-BFGS
 * (memory 10, backtracking line search) until the gradient's largest component is below 1e-6.
 */
export function fitSparseLogistic(X: Sparse[], y: number[], dims: number, l2: number, maxIterations = 500): Float64Array {
  const D = dims + 1;
  const value = (beta: Float64Array, grad: Float64Array | null) => {
    let loss = 0;
    if (grad) grad.fill(0);
    for (let i = 0; i < X.length; i++) {
      const { rows, values } = X[i];
      let z = beta[0];
      for (let j = 0; j < rows.length; j++) z += values[j] * beta[rows[j] + 1];
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
      if (grad) {
        const r = 1 / (1 + Math.exp(-z)) - y[i];
        grad[0] += r;
        for (let j = 0; j < rows.length; j++) grad[rows[j] + 1] += r * values[j];
      }
    }
    for (let f = 1; f < D; f++) {
      loss += 0.5 * l2 * beta[f] * beta[f];
      if (grad) grad[f] += l2 * beta[f];
    }
    return loss;
  };
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  let beta = new Float64Array(D);
  let g = new Float64Array(D);
  let f = value(beta, g);
  const S: Float64Array[] = [];
  const Yh: Float64Array[] = [];
  const M = 10;
  for (let it = 0; it < maxIterations; it++) {
    let gmax = 0;
    for (let i = 0; i < D; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (gmax < 1e-6) break;
    // Two-loop recursion: d = −H·g.
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = dot(S[k], q) / dot(Yh[k], S[k]);
      alpha[k] = a;
      for (let i = 0; i < D; i++) q[i] -= a * Yh[k][i];
    }
    const gamma = S.length ? dot(S[S.length - 1], Yh[S.length - 1]) / dot(Yh[Yh.length - 1], Yh[Yh.length - 1]) : 1 / Math.sqrt(dot(g, g));
    for (let i = 0; i < D; i++) q[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = dot(Yh[k], q) / dot(Yh[k], S[k]);
      for (let i = 0; i < D; i++) q[i] += S[k][i] * (alpha[k] - b);
    }
    const d = q.map((v) => -v);
    const slope = dot(g, d);
    if (slope >= 0) break;
    let step = 1;
    let next = new Float64Array(D);
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < D; i++) next[i] = beta[i] + step * d[i];
      fNext = value(next, null);
      if (fNext <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNext < f)) break;
    const gNext = new Float64Array(D);
    value(next, gNext);
    const s = new Float64Array(D);
    const yv = new Float64Array(D);
    for (let i = 0; i < D; i++) {
      s[i] = next[i] - beta[i];
      yv[i] = gNext[i] - g[i];
    }
    if (dot(s, yv) > 1e-12) {
      S.push(s);
      Yh.push(yv);
      if (S.length > M) {
        S.shift();
        Yh.shift();
      }
    }
    beta = next;
    g = gNext;
    f = fNext;
    next = new Float64Array(D);
  }
  return beta;
}
