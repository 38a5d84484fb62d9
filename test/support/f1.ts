// Token F1 between an extracted text and a hand-written expected text. Tokens: every Chinese
// (CJK) character on its own, and lower-cased runs of Latin letters and digits (apostrophes inside
// a word kept: "china's"). Punctuation and whitespace are not tokens, so paragraph breaks and
// full-width vs half-width punctuation do not count. F1 is over the multiset of tokens.

const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CJK = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;

export function tokens(text: string): string[] {
  return (text.normalize('NFKC').match(TOKEN) ?? []).map((t) => (CJK.test(t) ? t : t.toLowerCase().replace(/’/g, "'")));
}

export interface F1 {
  f1: number;
  precision: number;
  recall: number;
  /** Expected tokens the extraction missed, and extracted tokens not expected (with counts). */
  missing: Map<string, number>;
  extra: Map<string, number>;
}

function counts(ts: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

export function tokenF1(extracted: string, expected: string): F1 {
  const got = counts(tokens(extracted));
  const want = counts(tokens(expected));
  let overlap = 0;
  let nGot = 0;
  let nWant = 0;
  const missing = new Map<string, number>();
  const extra = new Map<string, number>();
  for (const [t, n] of got) {
    nGot += n;
    const w = want.get(t) ?? 0;
    overlap += Math.min(n, w);
    if (n > w) extra.set(t, n - w);
  }
  for (const [t, n] of want) {
    nWant += n;
    const g = got.get(t) ?? 0;
    if (n > g) missing.set(t, n - g);
  }
  if (nGot === 0 && nWant === 0) return { f1: 1, precision: 1, recall: 1, missing, extra };
  const precision = nGot ? overlap / nGot : 0;
  const recall = nWant ? overlap / nWant : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall, missing, extra };
}

/** A short description of what differs, for assertion messages. */
export function describeF1(r: F1, max = 12): string {
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, max)
      .map(([t, n]) => (n > 1 ? `${t}×${n}` : t))
      .join(' ');
  return `F1 ${r.f1.toFixed(4)} (P ${r.precision.toFixed(3)}, R ${r.recall.toFixed(3)}); missing: ${top(r.missing) || '-'}; extra: ${top(r.extra) || '-'}`;
}
