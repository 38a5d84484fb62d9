// The labelled evaluation sets (GUIDE.md): the main set articles.jsonl (dev/test), the later batches
// batch2.jsonl and batch3.jsonl (dev/holdout, §7–§8), batch4.jsonl, batch6.jsonl, batch9.jsonl, batch11.jsonl, batch14.jsonl,
// batch18.jsonl, batch19.jsonl, batch20.jsonl and batch22.jsonl (dev only, §10, §12, §15, §17, §20, §24, §26) and batch5.jsonl, batch7.jsonl, batch8.jsonl, batch10.jsonl, batch12.jsonl,
// batch13.jsonl, batch15.jsonl, batch16.jsonl, batch17.jsonl and batch21.jsonl (holdout only, §11, §13, §14, §16, §18, §19, §21–§23, §25) when they are
// there, for the eval (run.ts) and the models' fitters (classifier/fit-topics.ts,
// fit-relevance.ts); and the precision/recall/F1 they count with.
import { existsSync, readFileSync } from 'node:fs';
import { mulberry32 } from '../support/random.js';

export interface Article {
  id: string;
  split: 'dev' | 'test' | 'holdout';
  lang: 'en' | 'zh';
  url: string;
  source: string;
  title: string;
  published: string | null;
  text: string;
  relevant: boolean;
  topics: string[];
  negativeClass: string | null;
  note: string;
  /** The file the article was read from (not a field of the file). */
  file: string;
}

export const LABELLED_FILES = ['articles.jsonl', 'batch2.jsonl', 'batch3.jsonl', 'batch4.jsonl', 'batch5.jsonl', 'batch6.jsonl', 'batch7.jsonl', 'batch8.jsonl', 'batch9.jsonl', 'batch10.jsonl', 'batch11.jsonl', 'batch12.jsonl', 'batch13.jsonl', 'batch14.jsonl', 'batch15.jsonl', 'batch16.jsonl', 'batch17.jsonl', 'batch18.jsonl', 'batch19.jsonl', 'batch20.jsonl', 'batch21.jsonl', 'batch22.jsonl'] as const;

/** Every labelled article of the files, in file order (a missing file counts as empty). */
export function readLabelled(): Article[] {
  return LABELLED_FILES.flatMap((name) => {
    const file = new URL(`./${name}`, import.meta.url);
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => ({ ...(JSON.parse(l) as Omit<Article, 'file'>), file: name }))
      : [];
  });
}

/** The second labeller's topics (GUIDE.md §9, second-topics.jsonl), in file order; [] without the file. */
export function readSecondTopics(): { id: string; topics: string[] }[] {
  const file = new URL('./second-topics.jsonl', import.meta.url);
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; topics: string[] })
    : [];
}

/** Relevance precision/recall/F1 and counts of (judged relevant, labelled relevant) pairs. */
export function relevancePrf(pairs: { got: boolean; want: boolean }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { got, want } of pairs) {
    if (got && want) tp++;
    else if (got) fp++;
    else if (want) fn++;
  }
  return { ...prf(tp, fp, fn), tp, fp, fn };
}

/** Topic micro precision/recall/F1 of (output, labels) pairs, with the counts per topic. */
export function microF1(pairs: { got: string[]; want: string[] }[]) {
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => {
    if (!per.has(t)) per.set(t, { tp: 0, fp: 0, fn: 0 });
    per.get(t)![k]++;
  };
  for (const { got, want } of pairs) {
    for (const t of got) bump(t, want.includes(t) ? 'tp' : 'fp');
    for (const t of want) if (!got.includes(t)) bump(t, 'fn');
  }
  const sum = (k: 'tp' | 'fp' | 'fn') => [...per.values()].reduce((n, c) => n + c[k], 0);
  return { ...prf(sum('tp'), sum('fp'), sum('fn')), per };
}

/** Precision, recall and F1 from counts (an empty side counts as perfect, as the eval prints it). */
export function prf(tp: number, fp: number, fn: number) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/**
 * A percentile bootstrap interval of a figure over a set of articles: the figure of `rounds` samples
 * drawn with replacement (as many as there are items), cut at the (1 - level) / 2 tails. Seeded, so
 * a run prints the same interval every time. The labelled sets are small (the test split holds 40
 * relevant articles): the interval says how far a figure could move on another set of that size.
 */
export function bootstrapInterval<T>(items: T[], figure: (sample: T[]) => number, { rounds = 2000, level = 0.95, seed = 1 } = {}): [number, number] {
  if (!items.length) throw new Error('bootstrapInterval: no items to resample');
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapInterval: level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bootstrapInterval: rounds must be a positive integer, got ${rounds}`);
  const random = mulberry32(seed);
  const figures: number[] = [];
  const sample: T[] = new Array(items.length);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)];
    figures.push(figure(sample));
  }
  figures.sort((a, b) => a - b);
  const at = (q: number) => figures[Math.min(rounds - 1, Math.max(0, Math.round(q * (rounds - 1))))];
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)];
}
