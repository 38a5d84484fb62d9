// Near-duplicate fingerprints for syndicated copies (Shanghai's site → China Daily, provincial
// news → the Belt and Road Portal). SimHash over 3-token shingles of the normalised text, where a
// token is an English word or a single Chinese character, so the two scripts share one scheme.
// Copies whose 64-bit fingerprints differ in at most MAX_DISTANCE bits are the same article.

export const MAX_DISTANCE = 3;
const SHINGLE = 3;

/** Lower-cased words and single CJK characters; punctuation and spacing are dropped. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9\u00c0-\u024f]+/g) ?? [];
}

/** Two independent 32-bit hashes (FNV-1a and a Murmur-style mix) make one 64-bit shingle hash. */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b ^ (b >>> 13)) >>> 0];
}

export function simhash(text: string): bigint | null {
  const words = tokens(text);
  if (words.length < SHINGLE) return null;
  const weights = new Int32Array(64);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const [hi, lo] = hash64(words.slice(i, i + SHINGLE).join(' '));
    for (let bit = 0; bit < 32; bit++) {
      weights[bit] += (hi >>> bit) & 1 ? 1 : -1;
      weights[32 + bit] += (lo >>> bit) & 1 ? 1 : -1;
    }
  }
  let value = 0n;
  for (let bit = 0; bit < 64; bit++) if (weights[bit] > 0) value |= 1n << BigInt(bit);
  // Stored as PostgreSQL BIGINT (signed): map to the signed 64-bit range.
  return BigInt.asIntN(64, value);
}

export function hamming(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** Four 16-bit bands tagged with their position: two fingerprints within distance 3 share one. */
export function bands(fingerprint: bigint): number[] {
  const u = BigInt.asUintN(64, fingerprint);
  return [0, 1, 2, 3].map((i) => i * 65536 + Number((u >> BigInt(16 * i)) & 0xffffn));
}
