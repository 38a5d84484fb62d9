// One pass over a text finds every phrase the classifier knows (topic terms, cues, BRI anchors,
// measure aliases, …) and cuts the text into the units BM25 works on. Built for speed: the
// regex-per-topic matcher of topic-terms.ts runs at ~1,800 articles of 6 KB per second on one
// core, below the speed target before any other work is done; this one scans once.
//
// Units: the text is folded (fold.ts: lower case, traditional → simplified, dashes and quotes
// unified — length-preserving, so offsets are offsets in the original), then cut into English
// words ([a-z0-9]+ and Latin letters with diacritics) and single CJK characters. Every other
// character is a gap. Phrases are unit sequences, stored in a trie keyed by unit id:
// - an English word's id comes from a vocabulary of the words the phrases use, stemmed lightly
//   (economies → economy, trains → train, logistics → logistic) on both sides, so plurals match;
//   a text word the vocabulary does not know gets id -1 and can start or continue no phrase;
// - a CJK character's id is CJK_BASE + its folded code, so Chinese phrases match as substrings;
// - a phrase continues from one unit to the next only across a "joining" gap — nothing, spaces,
//   hyphens, quotes, apostrophes or "·" — never across other punctuation. So
//   "Belt and Road" = "belt-and-road" = “Belt and Road”, 共建“一带一路” contains 一带一路, and
//   "belt, and road" is no phrase. "&" is a unit of its own, the word "and": "Belt & Road" =
//   "Belt and Road", and "B&R" is b-and-r in phrases and texts alike.
// Each unit also knows its paragraph (a newline starts one) and its sentence (. ! ? 。！？；; or a
// newline end one), which the features and BM25 passages use.
import { FOLD } from './fold.js';

export const CJK_BASE = 0x200000;

const ALNUM = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ALNUM[c] = 1;
for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) ALNUM[c] = 1;

const JOINER = new Uint8Array(65536);
for (const ch of ' -"\'&·・\u200b') JOINER[ch.charCodeAt(0)] = 1;

/** Characters after which a sentence ends ('.' only when followed by a space or the end). */
const SENTENCE_END = new Uint8Array(65536);
for (const ch of '!?;。！？；') SENTENCE_END[ch.charCodeAt(0)] = 1;

export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Light English stemming, the same for phrases and texts. */
export function stem(w: string): string {
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (n > 4 && w.endsWith('es') && /(?:ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (n > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

export interface Vocabulary {
  /** Surface form (lower case) → id of its stem. */
  ids: Map<string, number>;
  /** id → stem. */
  words: string[];
  /**
   * The same surface forms in an open-addressing hash table over folded character codes, so a
   * text word is looked up without building its string: slot → form index + 1 (0 = empty).
   */
  table: Int32Array;
  formHash: number[];
  forms: string[];
  formIds: number[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The form of "&", read as the word "and" (cut): the hash of "and". */
const AND_FORM = hashOf('and');

export function newVocabulary(): Vocabulary {
  return { ids: new Map(), words: [], table: new Int32Array(1 << 12), formHash: [], forms: [], formIds: [] };
}

function hashOf(form: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < form.length; k++) h = Math.imul(h ^ form.charCodeAt(k), FNV_PRIME);
  return h | 0;
}

function place(vocab: Vocabulary, f: number): void {
  const mask = vocab.table.length - 1;
  let slot = vocab.formHash[f] & mask;
  while (vocab.table[slot] !== 0) slot = (slot + 1) & mask;
  vocab.table[slot] = f + 1;
}

function register(vocab: Vocabulary, form: string, id: number): void {
  if (vocab.ids.has(form)) return;
  vocab.ids.set(form, id);
  const f = vocab.forms.length;
  vocab.forms.push(form);
  vocab.formIds.push(id);
  vocab.formHash.push(hashOf(form));
  // At most an eighth full: most words of a text are not in the vocabulary (no phrase has them),
  // and such a word is turned away at the first empty slot (a half-full table took a few probes
  // more: cut() 7% slower).
  if (vocab.forms.length * 8 > vocab.table.length) {
    vocab.table = new Int32Array(vocab.table.length * 2);
    for (let g = 0; g < vocab.forms.length; g++) place(vocab, g);
  } else place(vocab, f);
}

/** The id of the folded word text[i, j) of hash h, or -1 (no string is built). */
function lookup(vocab: Vocabulary, text: string, i: number, j: number, h: number): number {
  const { table, formHash, forms } = vocab;
  const fold = FOLD;
  const mask = table.length - 1;
  let slot = h & mask;
  for (;;) {
    const f = table[slot] - 1;
    if (f < 0) return -1;
    if (formHash[f] === h) {
      const form = forms[f];
      if (form.length === j - i) {
        let k = 0;
        while (k < form.length && form.charCodeAt(k) === fold[text.charCodeAt(i + k)]) k++;
        if (k === form.length) return vocab.formIds[f];
      }
    }
    slot = (slot + 1) & mask;
  }
}

/** The id of a word, registering its stem and the usual inflections when new. */
export function wordId(vocab: Vocabulary, word: string): number {
  const known = vocab.ids.get(word);
  if (known !== undefined) return known;
  const base = stem(word);
  let id = vocab.ids.get(base);
  if (id === undefined) {
    id = vocab.words.length;
    vocab.words.push(base);
  }
  for (const form of [word, base, `${base}s`, `${base}es`, base.endsWith('y') ? `${base.slice(0, -1)}ies` : '']) {
    if (form) register(vocab, form, id);
  }
  return id;
}

/** A text cut into units. Offsets are UTF-16 offsets in the original text. */
export interface Units {
  n: number;
  id: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** 1 when a phrase may continue from unit i - 1 to unit i. */
  join: Uint8Array;
  /** The unit's folded form as a number, known word or not: a word's FNV-1a hash over its folded
   *  characters, a Chinese character's CJK_BASE + folded code (bow.ts reads words by it). */
  form: Int32Array;
  para: Int32Array;
  sent: Int32Array;
  paragraphs: number;
  sentences: number;
}

/** Character kinds for cut(), indexed by the raw UTF-16 code. */
const K_GAP = 0;
const K_WORD = 1; // letter or digit, already in folded form
const K_WORD_FOLD = 2; // letter or digit that folding changes (upper case, full width)
const K_CJK = 3;
const K_NEWLINE = 4;
const K_END = 5; // ends a sentence
const K_JOIN = 6;
const K_PERIOD = 7;
const KIND = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  const f = FOLD[c];
  if (ALNUM[f]) KIND[c] = f === c ? K_WORD : K_WORD_FOLD;
  else if (isCjk(f)) KIND[c] = K_CJK;
  else if (c === 10) KIND[c] = K_NEWLINE;
  else if (f === 46) KIND[c] = K_PERIOD;
  else if (SENTENCE_END[f]) KIND[c] = K_END;
  else if (JOINER[f]) KIND[c] = K_JOIN;
}

/**
 * The `form`s cut() gives a text that is units only, with no gap between them (a word, "&", or
 * Chinese characters), each with whether it is a Chinese character; null for any other text. For
 * short strings such as the resemblance model's forms: they do not go through cut(), whose
 * optimised code is for articles (a few thousand calls on short names left classify() 8% slower).
 */
export function unitForms(text: string): { form: number; cjk: boolean }[] | null {
  const out: { form: number; cjk: boolean }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const raw = text.charCodeAt(i);
    const kind = KIND[raw];
    if (kind === K_CJK) {
      out.push({ form: CJK_BASE + FOLD[raw], cjk: true });
      i++;
    } else if (raw === AMPERSAND) {
      out.push({ form: AND_FORM, cjk: false });
      i++;
    } else if (kind === K_WORD || kind === K_WORD_FOLD) {
      let h = FNV_OFFSET;
      let j = i;
      while (j < n && (KIND[text.charCodeAt(j)] === K_WORD || KIND[text.charCodeAt(j)] === K_WORD_FOLD)) h = Math.imul(h ^ FOLD[text.charCodeAt(j++)], FNV_PRIME);
      out.push({ form: h | 0, cjk: false });
      i = j;
    } else return null;
  }
  return out;
}

/**
 * The unit ids of a phrase or catalog text, adding its English words to the vocabulary so cut()
 * knows them. Phrases are compiled here, not by cut(): thousands of short phrases run through
 * cut() first left its optimised code for articles about 2× slower (their loop had never met a
 * newline or a full stop).
 */
export function learnUnits(text: string, vocab: Vocabulary): number[] {
  const ids: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kind = KIND[text.charCodeAt(i)];
    if (kind === K_CJK) ids.push(CJK_BASE + FOLD[text.charCodeAt(i)]);
    else if (text.charCodeAt(i) === AMPERSAND) ids.push(wordId(vocab, 'and'));
    if (kind !== K_WORD && kind !== K_WORD_FOLD) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (KIND[text.charCodeAt(j)] === K_WORD || KIND[text.charCodeAt(j)] === K_WORD_FOLD)) j++;
    ids.push(wordId(vocab, foldWord(text.slice(i, j))));
    i = j;
  }
  return ids;
}

const AMPERSAND = 38;
const andIds = new WeakMap<Vocabulary, number>();
/** The vocabulary's id of "and" (-1 when no phrase uses it), which "&" stands for. */
function andId(vocab: Vocabulary): number {
  let v = andIds.get(vocab);
  if (v === undefined) andIds.set(vocab, (v = lookup(vocab, 'and', 0, 3, hashOf('and'))));
  return v;
}

/** Cuts the text into units; an English word the vocabulary does not know gets id -1. */
export function cut(text: string, vocab: Vocabulary): Units {
  const n = text.length;
  // Scratch arrays shared by all calls (cut is synchronous and never re-entered), sized for the
  // longest text so far; the result gets copies of the used part. (Growing per call from inside
  // the loop made every array access a closure-context load: 10× slower.)
  if (scratch.id.length < n + 1) scratch = newScratch(n + 1);
  const { id, start, end, join, para, sent, form } = scratch;
  // The tables are read through locals: a module-level binding read in a loop is a load from the
  // module's context with a check that it is initialised, each time (tsx loads every file as an ES
  // module; one-process A/B runs of these locals here, in lookup, foldText, shingleHashes and scan:
  // classify about 3% faster).
  const fold = FOLD;
  const kinds = KIND;
  let u = 0;
  let p = 0;
  let s = 0;
  let gapJoins = 0; // 1 while the gap since the last unit holds joining characters only
  let i = 0;
  while (i < n) {
    const raw = text.charCodeAt(i);
    const kind = kinds[raw];
    // "&" is the word "and" ("Belt & Road" = "Belt and Road"; "B&R" is b-and-r on both sides).
    if (kind === K_WORD || kind === K_WORD_FOLD || kind === K_CJK || raw === AMPERSAND) {
      if (kind === K_CJK || raw === AMPERSAND) {
        id[u] = kind === K_CJK ? CJK_BASE + fold[raw] : andId(vocab);
        form[u] = kind === K_CJK ? CJK_BASE + fold[raw] : AND_FORM;
        end[u] = i + 1;
      } else {
        let j = i + 1;
        let h = Math.imul(FNV_OFFSET ^ fold[raw], FNV_PRIME);
        while (j < n) {
          const r2 = text.charCodeAt(j);
          const k2 = kinds[r2];
          if (k2 !== K_WORD && k2 !== K_WORD_FOLD) break;
          h = Math.imul(h ^ fold[r2], FNV_PRIME);
          j++;
        }
        id[u] = lookup(vocab, text, i, j, h | 0);
        form[u] = h | 0;
        end[u] = j;
      }
      start[u] = i;
      join[u] = u > 0 && gapJoins ? 1 : 0;
      para[u] = p;
      sent[u] = s;
      i = end[u];
      u++;
      gapJoins = 1;
      continue;
    }
    // A gap character.
    if (kind === K_NEWLINE) {
      if (u > 0 && para[u - 1] === p) p++;
      if (u > 0 && sent[u - 1] === s) s++;
      gapJoins = 0;
    } else if (kind === K_END || (kind === K_PERIOD && (i + 1 >= n || fold[text.charCodeAt(i + 1)] <= 32))) {
      if (u > 0 && sent[u - 1] === s) s++;
      gapJoins = 0;
    } else if (kind !== K_JOIN) gapJoins = 0;
    i++;
  }
  // The copies are views of one buffer: one allocation instead of seven.
  const m = u + 1;
  const buffer = new ArrayBuffer(m * 25);
  const ids = new Int32Array(buffer, 0, m);
  const starts = new Int32Array(buffer, 4 * m, m);
  const ends = new Int32Array(buffer, 8 * m, m);
  const forms = new Int32Array(buffer, 12 * m, m);
  const paras = new Int32Array(buffer, 16 * m, m);
  const sents = new Int32Array(buffer, 20 * m, m);
  const joins = new Uint8Array(buffer, 24 * m, m);
  ids.set(id.subarray(0, m));
  starts.set(start.subarray(0, m));
  ends.set(end.subarray(0, m));
  forms.set(form.subarray(0, m));
  paras.set(para.subarray(0, m));
  sents.set(sent.subarray(0, m));
  joins.set(join.subarray(0, m));
  return {
    n: u,
    id: ids,
    start: starts,
    end: ends,
    join: joins,
    form: forms,
    para: paras,
    sent: sents,
    paragraphs: u > 0 ? para[u - 1] + 1 : 0,
    sentences: u > 0 ? sent[u - 1] + 1 : 0,
  };
}

function newScratch(size: number) {
  return { id: new Int32Array(size), start: new Int32Array(size), end: new Int32Array(size), join: new Uint8Array(size), form: new Int32Array(size), para: new Int32Array(size), sent: new Int32Array(size) };
}
let scratch = newScratch(1 << 14);

function foldWord(w: string): string {
  let out = '';
  for (let k = 0; k < w.length; k++) out += String.fromCharCode(FOLD[w.charCodeAt(k)]);
  return out;
}

interface TrieNode {
  next: Map<number, TrieNode> | null;
  out: number[] | null;
}

const node = (): TrieNode => ({ next: null, out: null });

/** The trie in typed arrays, built from the Map trie on the first scan after an add: node 0 is the
 *  root, and an edge (node, unit) is found in one open-addressing table instead of a Map per node.
 *  (The Map lookups were the hot line of scan: about a third of its time.) */
interface CompiledTrie {
  rootWord: Int32Array;
  rootCjk: Int32Array;
  outStart: Int32Array;
  outCount: Int32Array;
  outs: Int32Array;
  hasNext: Uint8Array;
  edgeNode: Int32Array;
  edgeUnit: Int32Array;
  edgeTarget: Int32Array;
  mask: number;
}

const edgeSlot = (nodeId: number, unit: number, mask: number) => (Math.imul(nodeId, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;

function compileTrie(root: TrieNode): CompiledTrie {
  const nodes: TrieNode[] = [root];
  const ids = new Map<TrieNode, number>([[root, 0]]);
  let edges = 0;
  for (let x = 0; x < nodes.length; x++) {
    for (const child of nodes[x].next?.values() ?? []) {
      ids.set(child, nodes.length);
      nodes.push(child);
      edges++;
    }
  }
  const N = nodes.length;
  const outStart = new Int32Array(N);
  const outCount = new Int32Array(N);
  const hasNext = new Uint8Array(N);
  const flat: number[] = [];
  let size = 1;
  while (size < edges * 2 + 2) size <<= 1;
  const mask = size - 1;
  const edgeNode = new Int32Array(size).fill(-1);
  const edgeUnit = new Int32Array(size);
  const edgeTarget = new Int32Array(size);
  let maxWord = 0;
  for (const unit of root.next?.keys() ?? []) if (unit < CJK_BASE) maxWord = Math.max(maxWord, unit + 1);
  const rootWord = new Int32Array(maxWord);
  const rootCjk = new Int32Array(65536);
  nodes.forEach((nd, x) => {
    outStart[x] = flat.length;
    outCount[x] = nd.out?.length ?? 0;
    if (nd.out) flat.push(...nd.out);
    if (!nd.next) return;
    hasNext[x] = nd.next.size ? 1 : 0;
    for (const [unit, child] of nd.next) {
      const target = ids.get(child)!;
      if (x === 0) {
        if (unit >= CJK_BASE) rootCjk[unit - CJK_BASE] = target;
        else rootWord[unit] = target;
        continue;
      }
      let slot = edgeSlot(x, unit, mask);
      while (edgeNode[slot] !== -1) slot = (slot + 1) & mask;
      edgeNode[slot] = x;
      edgeUnit[slot] = unit;
      edgeTarget[slot] = target;
    }
  });
  return { rootWord, rootCjk, outStart, outCount, outs: Int32Array.from(flat), hasNext, edgeNode, edgeUnit, edgeTarget, mask };
}

/** A set of phrases, each with a payload, matched in one pass. */
export class PhraseSet<P> {
  readonly vocab: Vocabulary;
  private readonly root = node();
  private compiled: CompiledTrie | null = null;
  private readonly keys = new Map<string, number>();
  /** Phrase index → payloads (several roles may share a phrase). */
  readonly payloads: P[][] = [];
  /** Phrase index → its text as first added. */
  readonly texts: string[] = [];
  /** Phrase index → number of units. */
  readonly lengths: number[] = [];

  constructor(vocab: Vocabulary) {
    this.vocab = vocab;
  }

  /** Adds a phrase; returns its index, or -1 when it has no units. */
  add(text: string, payload: P): number {
    const units = learnUnits(text, this.vocab);
    if (units.length === 0) return -1;
    const key = units.join(',');
    let index = this.keys.get(key);
    if (index === undefined) {
      index = this.payloads.length;
      this.keys.set(key, index);
      this.payloads.push([]);
      this.texts.push(text);
      this.lengths.push(units.length);
      let at = this.root;
      for (let k = 0; k < units.length; k++) {
        if (!at.next) at.next = new Map();
        let child = at.next.get(units[k]);
        if (!child) {
          child = node();
          at.next.set(units[k], child);
        }
        at = child;
      }
      (at.out ??= []).push(index);
      this.compiled = null;
    }
    this.payloads[index].push(payload);
    return index;
  }

  /** Every occurrence of every phrase: flat triples (phrase index, first unit, unit after). */
  scan(u: Units): Int32Array {
    const t = (this.compiled ??= compileTrie(this.root));
    const { rootWord, rootCjk, outStart, outCount, outs, hasNext, edgeNode, edgeUnit, edgeTarget, mask } = t;
    // The triples are gathered in a buffer shared by all calls (scan is synchronous and never
    // re-entered) and copied out once, instead of a new array doubled from 96 in each call.
    let out = scanOut;
    let k = 0;
    const { id, join, n } = u;
    const cjkBase = CJK_BASE;
    for (let i = 0; i < n; i++) {
      const first = id[i];
      if (first < 0) continue;
      let at = first >= cjkBase ? rootCjk[first - cjkBase] : first < rootWord.length ? rootWord[first] : 0;
      let j = i;
      while (at !== 0) {
        const count = outCount[at];
        if (count) {
          if (k + 3 * count > out.length) {
            const grown = new Int32Array(Math.max(out.length * 2, k + 3 * count));
            grown.set(out);
            out = scanOut = grown;
          }
          for (let o = outStart[at], end = o + count; o < end; o++) {
            out[k++] = outs[o];
            out[k++] = i;
            out[k++] = j + 1;
          }
        }
        j++;
        if (j >= n || !join[j] || !hasNext[at]) break;
        const nid = id[j];
        if (nid < 0) break;
        let slot = edgeSlot(at, nid, mask);
        let next = 0;
        while (edgeNode[slot] !== -1) {
          if (edgeNode[slot] === at && edgeUnit[slot] === nid) {
            next = edgeTarget[slot];
            break;
          }
          slot = (slot + 1) & mask;
        }
        at = next;
      }
    }
    return out.slice(0, k);
  }
}

let scanOut = new Int32Array(1 << 12);
