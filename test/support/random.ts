// Seeded randomness for tests, benches and the evaluation's bootstrap: the same seed gives the same
// numbers on every run and machine, so a failure or a figure can be replayed.

/** mulberry32: a small seeded pseudo-random generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
