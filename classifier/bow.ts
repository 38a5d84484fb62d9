// The words of a text as a bag (bag of words), and the topic resemblance model over it: per topic, a
// logistic regression over the text's TF-IDF vector, fitted on the dev articles labelled with the
// topic (fit-topics.ts writes classifier/bow-model.json). Its score — how much the article's words
// resemble those of the articles the labellers gave the topic — is one feature of the topic model
// (weights.ts `resembles`): it reads the words around the lexicon's terms that the labellers went by
// (a forum's name, "signed", 签署, 合作文件 …) without a term list for them.
//
// The bag's keys come from the units cut() already made, without another pass over the text:
//   - each word (letters or digits), by the hash of its folded form (known to the lexicon or not);
//   - each two neighbouring Chinese characters that no punctuation or line break parts (the unit's
//     `join`): a Chinese character alone is no key, its pairs say more.
// Pairs of English words were tried: the same leave-one-file-out figure (0.849 against 0.850) for
// twice the keys of an English text. Keys are 32-bit hashes: two forms that share one are one
// feature, at fitting as at scoring.
import { foldText } from './fold.js';
import { IntMap } from './knowledge.js';
import { CJK_BASE, unitForms, type Units } from './matcher.js';

const EMPTY = -1; // IntMap's empty slot, never a key

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x27d4eb2d, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === EMPTY ? -2 : h;
}

const WORD = 0x5bd1e995;

/** The bag's key that unit i of a text ends, or EMPTY: a word is a key; a Chinese character is the
 *  second of a pair with the character before it when nothing parts them (its `join`). */
function keyAt(u: Units, i: number): number {
  if (u.id[i] < CJK_BASE) return mix(u.form[i], WORD);
  return i > 0 && u.join[i] && u.id[i - 1] >= CJK_BASE ? mix(u.form[i - 1], u.form[i]) : EMPTY;
}

/** The bag's keys of a text's units, in text order, repeated as they occur. */
export function bagKeys(u: Units): Int32Array {
  const out = new Int32Array(u.n);
  let n = 0;
  for (let i = 0; i < u.n; i++) {
    const key = keyAt(u, i);
    if (key !== EMPTY) out[n++] = key;
  }
  return out.subarray(0, n);
}

/** The bag's keys of a text's units with their folded forms ("belt", "一带"), for fitting. */
export function namedKeys(u: Units, text: string): { key: number; name: string }[] {
  const out: { key: number; name: string }[] = [];
  const formOf = (i: number) => foldText(text.slice(u.start[i], u.end[i]));
  for (let i = 0; i < u.n; i++) {
    const key = keyAt(u, i);
    if (key !== EMPTY) out.push({ key, name: u.id[i] < CJK_BASE ? formOf(i) : formOf(i - 1) + formOf(i) });
  }
  return out;
}

/** The key of a form written in the model file (a word, or two Chinese characters); EMPTY when the
 *  form is not one key. */
export function keyOfName(name: string): number {
  const units = unitForms(name);
  if (units?.length === 1 && !units[0].cjk) return mix(units[0].form, WORD);
  if (units?.length === 2 && units[0].cjk && units[1].cjk) return mix(units[0].form, units[1].form);
  return EMPTY;
}

/** The resemblance model (bow-model.json): per feature its idf and one weight per topic. */
export interface BowModel {
  topics: string[];
  /** Feature key → row. */
  index: IntMap;
  /** A bit per key's high 16 bits, set for every key of the index: most words of a text are no
   *  feature, and one look at 8 KB says so without probing the index (tfidf). */
  filter: Uint32Array;
  idf: Float32Array;
  bias: Float64Array;
  /** Row-major: weights[row * topics.length + topic] (single precision: half the memory to reach). */
  weights: Float32Array;
  names: string[];
}

/** The model file's shape. */
export interface BowModelFile {
  comment: string;
  topics: string[];
  bias: number[];
  /** [form, idf, ...one weight per topic]. */
  features: [string, number, ...number[]][];
}

/** The index of a model's feature keys (key → row, in the order given) and its filter. */
export function keyIndex(keys: ArrayLike<number>): { index: IntMap; filter: Uint32Array } {
  const index = new IntMap(keys.length);
  const filter = new Uint32Array(2048);
  for (let row = 0; row < keys.length; row++) {
    index.set(keys[row], row);
    const bit = keys[row] >>> 16;
    filter[bit >>> 5] |= 1 << (bit & 31);
  }
  return { index, filter };
}

/**
 * The model of a parsed bow-model.json, checked: topic ids, one finite bias per topic, and rows of
 * [form, idf, one finite weight per topic] whose form is one key (a word or two Chinese characters)
 * no other row has. A file that fails says where (`what` names it in the message).
 */
const MAX_WEIGHT = 1000;

export function readBowModel(file: unknown, what = 'bow-model.json'): BowModel {
  const fail = (why: string): never => {
    throw new Error(`${what}: ${why} (refit it: npx tsx classifier/fit-topics.ts --write)`);
  };
  const f = (file ?? {}) as Partial<BowModelFile>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!Array.isArray(f.topics) || !f.topics.length || !f.topics.every((t) => typeof t === 'string')) fail('"topics" must be a list of topic ids');
  const topics = f.topics as string[];
  const T = topics.length;
  // (A fitted weight or bias is a few units at most, an idf at least 1: bounds keep a damaged file
  // from scoring Infinity or NaN.)
  const weight = (x: unknown) => finite(x) && Math.abs(x) <= MAX_WEIGHT;
  if (!Array.isArray(f.bias) || f.bias.length !== T || !f.bias.every(weight)) fail(`"bias" must be ${T} numbers of at most ${MAX_WEIGHT} in size, one per topic`);
  if (!Array.isArray(f.features) || !f.features.length) fail('"features" must be a non-empty list of [form, idf, ...weights] rows');
  const rows = f.features as unknown[];
  const keys = new Set<number>(); // in row order
  const idf = new Float32Array(rows.length);
  const weights = new Float32Array(rows.length * T);
  const names: string[] = [];
  rows.forEach((r, row) => {
    if (!Array.isArray(r) || r.length !== 2 + T || typeof r[0] !== 'string' || !(finite(r[1]) && r[1] >= 1 && r[1] <= MAX_WEIGHT) || !r.slice(2).every(weight)) fail(`feature row ${row} must be [form, idf (1 or more), ${T} weights of at most ${MAX_WEIGHT} in size]`);
    const [name, df, ...w] = r as [string, number, ...number[]];
    const key = keyOfName(name);
    if (key === EMPTY) fail(`feature "${name}" (row ${row}) is not one word or two Chinese characters`);
    if (keys.has(key)) fail(`feature "${name}" (row ${row}) has the key of an earlier row`);
    keys.add(key);
    idf[row] = df;
    for (let t = 0; t < T; t++) weights[row * T + t] = w[t];
    names.push(name);
  });
  return { topics, ...keyIndex([...keys]), idf, bias: Float64Array.from(f.bias as number[]), weights, names };
}

/** Counting scratch shared by all calls (synchronous, never re-entered), grown to the largest model. */
let counts = new Float64Array(1024);
/** Rows and values of the last bag read (tfidfScratch): scratch as counts, grown to the largest
 *  bag (typed arrays of a bag's size are allocated off the heap: the two per call took about half of
 *  resemblance's time). */
let rowScratch = new Int32Array(1024);
let valueScratch = new Float64Array(1024);
/** 1 + ln(n) for the small counts of a bag (Math.log's own values: the same numbers, read from a table). */
const ONE_PLUS_LOG = Float64Array.from({ length: 256 }, (_, n) => 1 + Math.log(n));

/**
 * A bag as the model's L2-normalised TF-IDF vector (sublinear tf): its rows, in the order their keys
 * first occur, and values.
 */
export function tfidf(model: Pick<BowModel, 'index' | 'filter' | 'idf'>, keys: Int32Array): { rows: Int32Array; values: Float64Array } {
  const n = tfidfScratch(model, keys);
  return { rows: rowScratch.slice(0, n), values: valueScratch.slice(0, n) };
}

/** tfidf into rowScratch and valueScratch (valid until the next call); returns how many rows. */
function tfidfScratch(model: Pick<BowModel, 'index' | 'filter' | 'idf'>, keys: Int32Array): number {
  if (rowScratch.length < keys.length) {
    rowScratch = new Int32Array(keys.length);
    valueScratch = new Float64Array(keys.length);
  }
  const rows = rowScratch;
  const values = valueScratch;
  const { index, filter, idf } = model;
  if (counts.length < idf.length) counts = new Float64Array(idf.length);
  const c = counts;
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const bit = keys[i] >>> 16;
    if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
    const row = index.get(keys[i]);
    if (row < 0) continue;
    if (c[row] === 0) rows[n++] = row;
    c[row]++;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const count = c[r];
    const v = (count < ONE_PLUS_LOG.length ? ONE_PLUS_LOG[count] : 1 + Math.log(count)) * idf[r];
    c[r] = 0;
    values[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < n; i++) values[i] /= norm;
  return n;
}

/** The model's score (a logit) for each of its topics, for a bag of keys (bagKeys). */
export function resemblance(model: BowModel, keys: Int32Array): Float64Array {
  const T = model.topics.length;
  const out = Float64Array.from(model.bias);
  const n = tfidfScratch(model, keys);
  const rows = rowScratch;
  const values = valueScratch;
  const w = model.weights;
  for (let i = 0; i < n; i++) {
    const base = rows[i] * T;
    const v = values[i];
    for (let t = 0; t < T; t++) out[t] += v * w[base + t];
  }
  return out;
}

/**
 * What in a bag adds most to one topic's score: the model's forms with their share of the score
 * (value × weight), strongest first, positive shares only (for explaining a judgement).
 */
export function strongestForms(model: BowModel, keys: Int32Array, topic: number, n = 5): { form: string; weight: number }[] {
  const T = model.topics.length;
  const { rows, values } = tfidf(model, keys);
  const out: { form: string; weight: number }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const w = values[i] * model.weights[rows[i] * T + topic];
    if (w > 0) out.push({ form: model.names[rows[i]], weight: w });
  }
  return out.sort((a, b) => b.weight - a.weight || (a.form < b.form ? -1 : 1)).slice(0, n).map((f) => ({ form: f.form, weight: Number(f.weight.toFixed(3)) }));
}
