// L2-regularised logistic regression by Newton's method, with weights held to a sign (a weight
// that comes out with the wrong sign is fixed at 0 and the rest refitted) and weights fixed by
// hand. Used by the fitters of the relevance and topic models (fit-relevance.ts, fit-topics.ts);
// small dense problems only (tens of features, hundreds or thousands of rows).

export interface Row {
  x: number[];
  y: number;
}

export interface FitOptions {
  /** L2 strength per weight (the bias is not regularised). */
  l2: number[];
  /** +1: weight ≥ 0, -1: weight ≤ 0, 0: free. */
  signs: (1 | -1 | 0)[];
  /** Weights set by hand (feature index → value): not fitted, added to every row's score. */
  fixed?: Map<number, number>;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The model's probability for x; beta = [bias, ...weights]. */
export const predict = (beta: number[], x: number[]) => sigmoid(beta[0] + x.reduce((s, v, i) => s + v * beta[i + 1], 0));

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

/** Fits [bias, ...weights] under the options' signs and fixed weights. */
export function fitLogistic(rows: Row[], opts: FitOptions): number[] {
  const D = opts.l2.length;
  const given = opts.fixed ?? new Map<number, number>();
  const zero = new Set<number>();
  for (;;) {
    const beta = fitFree(rows, D, opts.l2, given, zero);
    const wrong = beta.map((v, i) => i - 1).filter((f) => f >= 0 && !given.has(f) && !zero.has(f) && opts.signs[f] !== 0 && beta[f + 1] * opts.signs[f] < 0);
    if (!wrong.length) return beta;
    for (const f of wrong) zero.add(f);
  }
}

function fitFree(rows: Row[], D: number, l2: number[], given: Map<number, number>, zero: Set<number>): number[] {
  const held = (f: number) => given.has(f) || zero.has(f);
  let beta = new Array(D + 1).fill(0);
  for (const [f, v] of given) beta[f + 1] = v;
  for (let it = 0; it < 30; it++) {
    const g = new Array(D + 1).fill(0);
    const H = Array.from({ length: D + 1 }, () => new Array(D + 1).fill(0));
    for (const r of rows) {
      const x = [1, ...r.x];
      const p = sigmoid(x.reduce((s, v, i) => s + v * beta[i], 0));
      const w = p * (1 - p);
      for (let i = 0; i <= D; i++) {
        if (x[i] === 0) continue;
        g[i] += (p - r.y) * x[i];
        for (let j = 0; j <= D; j++) H[i][j] += w * x[i] * x[j];
      }
    }
    for (let f = 0; f < D; f++) {
      g[f + 1] += l2[f] * beta[f + 1];
      H[f + 1][f + 1] += l2[f];
    }
    H[0][0] += 1e-6;
    for (let f = 0; f < D; f++) {
      if (!held(f)) continue;
      const i = f + 1;
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
