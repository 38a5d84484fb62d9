// The figures `npm run eval` prints: precision/recall/F1 from counts, topic micro-F1, and the
// bootstrap intervals that say how far a figure could move on another set of the same size.
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, microF1, prf, relevancePrf } from './eval/labelled.js';

describe('eval figures', () => {
  it('relevance P/R/F1 counts judged-relevant against labelled-relevant pairs', () => {
    const r = relevancePrf([
      { got: true, want: true },
      { got: true, want: false },
      { got: false, want: true },
      { got: false, want: false },
      { got: true, want: true },
    ]);
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 1]);
    expect(r.p).toBeCloseTo(2 / 3);
    expect(r.f1).toBeCloseTo(2 / 3);
    expect(prf(0, 0, 0)).toEqual({ p: 1, r: 1, f1: 1 });
  });

  it('topic micro-F1 pools every topic of every article', () => {
    const m = microF1([
      { got: ['trade', 'finance'], want: ['trade'] },
      { got: ['connectivity'], want: ['connectivity', 'cooperation-mechanisms'] },
    ]);
    expect(m.p).toBeCloseTo(2 / 3);
    expect(m.r).toBeCloseTo(2 / 3);
    expect(m.per.get('finance')).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(m.per.get('cooperation-mechanisms')).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('a bootstrap interval holds the figure, is seeded, and narrows as the set grows', () => {
    // A set where 80% of the articles are right: the mean's interval.
    const set = (n: number) => Array.from({ length: n }, (_, i) => (i % 5 === 4 ? 0 : 1));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [lo, hi] = bootstrapInterval(set(40), mean);
    expect(lo).toBeLessThan(0.8);
    expect(hi).toBeGreaterThan(0.8);
    // about ±1.96 · sqrt(0.8 · 0.2 / 40) = ±0.124 around 0.8
    expect(hi - lo).toBeGreaterThan(0.18);
    expect(hi - lo).toBeLessThan(0.32);
    expect(bootstrapInterval(set(40), mean)).toEqual([lo, hi]);
    expect(bootstrapInterval(set(40), mean, { seed: 2 })).not.toEqual([lo, hi]);
    const [lo4, hi4] = bootstrapInterval(set(400), mean);
    expect(hi4 - lo4).toBeLessThan((hi - lo) / 2);
    // a set that is all right has nowhere to move
    expect(bootstrapInterval(set(4).map(() => 1), mean)).toEqual([1, 1]);
  });

  it('refuses what it cannot resample with a clear error', () => {
    expect(() => bootstrapInterval([], () => 0)).toThrow(/no items/);
    expect(() => bootstrapInterval([1], () => 0, { level: 95 })).toThrow(/level must be between 0 and 1/);
    expect(() => bootstrapInterval([1], () => 0, { rounds: 0 })).toThrow(/rounds must be a positive integer/);
  });
});
