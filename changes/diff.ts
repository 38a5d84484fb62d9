// What changed between two versions of a document, and whether it matters to a compliance
// reader. Pure functions over the stored (extracted) fields, so the classify worker, the
// `silkwatch history` command and the tests all see the same answer.
//
// How it works:
// 1. The body is cut into sentences (EN: . ! ? not after an abbreviation such as "No." or
//    "U.S.", never inside a decimal such as "3.5"; ZH: 。！？, closing quotes kept with their
//    sentence). Paragraph breaks always end a sentence.
// 2. Every sentence becomes a list of word tokens: a date ("2024年5月1日", "May 1, 2024",
//    "2024-05-01" — all the same token value), a number ("1,234" = "1234", "3.5%"), a Latin word
//    (case-folded) or one Chinese character (characters are the words of Chinese). Everything
//    else — whitespace, punctuation, full-width versus half-width forms (NFKC) — is not a token.
// 3. Sentences are aligned with jsdiff's `diffArrays` over their token keys. A removed and an
//    added sentence with the same key are a move; a removed and an added sentence of the same
//    hunk whose word multisets are similar (Dice ≥ 0.5) are one changed sentence, diffed word by
//    word (again `diffArrays`, over tokens); what is left is added or removed. Edit counts are
//    bounded (jsdiff's maxEditLength): past them the comparison falls back to multisets, so a
//    rewritten 100-page document costs well under a second, not minutes.
// 4. Title, publish date and document number are compared by value (title and number by their
//    tokens); attachments as sets of URLs.
//
// Material (the substance changed): an added, removed or changed sentence (every token
// difference counts: a word, a number, a date, the name of a measure), a changed title, publish
// date or document number, a changed attachment list.
// Cosmetic (stored as a version when the content hash differs, but raises nothing):
// whitespace, punctuation, full-width/half-width variants, letter case, thousands separators,
// the spelling of a date ("May 1, 2024" / "2024-05-01"), the same words cut into sentences
// differently, identical sentences in another order (moves are not listed), and
// page widgets that slipped past extraction (view counters "阅读次数：1234" / "Views: 1,234",
// "current time" / "今天是…" clocks) — a second line of defence; extraction drops them first.
import { diffArrays } from 'diff';

export interface VersionText {
  title: string;
  body: string;
  published: string | null;
  docNumber: string | null;
  attachments: string[];
}

export type ChangeReason =
  | 'title-changed'
  | 'published-changed'
  | 'doc-number-changed'
  | 'sentence-added'
  | 'sentence-removed'
  | 'sentence-changed'
  | 'number-changed'
  | 'date-changed'
  | 'attachment-added'
  | 'attachment-removed'
  | 'attachment-replaced';

/** The order reasons are listed in. */
export const REASONS: readonly ChangeReason[] = [
  'title-changed',
  'published-changed',
  'doc-number-changed',
  'sentence-added',
  'sentence-removed',
  'sentence-changed',
  'number-changed',
  'date-changed',
  'attachment-added',
  'attachment-removed',
  'attachment-replaced',
];

export interface ChangedSentence {
  before: string;
  after: string;
  words: { added: string[]; removed: string[] };
}

export interface ChangeSummary {
  material: boolean;
  reasons: ChangeReason[];
  added: string[];
  removed: string[];
  changed: ChangedSentence[];
  attachments: { added: string[]; removed: string[] };
  fields: { field: 'title' | 'published' | 'docNumber'; before: string | null; after: string | null }[];
  stats: { wordsAdded: number; wordsRemoved: number };
}

/** Two sentences are one changed sentence when their word multisets overlap this much (Dice). */
export const SIMILARITY_THRESHOLD = 0.5;

// ---------------------------------------------------------------------------------------------
// Sentences

// Words that end with a period without ending the sentence. Compared case-insensitively. The
// first ones only before a number ("No. 5", "Art. 12"; but "the answer was no. The …").
const NUMBERED = new Set(['no', 'nos', 'art', 'arts', 'para', 'paras', 'sec', 'secs', 'ch', 'chap', 'vol', 'vols', 'fig', 'figs', 'p', 'pp']);
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gov', 'govt', 'lt', 'capt', 'st', 'mt', 'ft', 'rd', 'ave',
  'co', 'corp', 'inc', 'ltd', 'bros', 'jr', 'sr', 'dept', 'approx', 'vs', 'viz', 'cf', 'al', 'e.g', 'i.e',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const CLOSERS = '"\'”’」』）)]】》';

function isAbbreviation(before: string, next: string): boolean {
  // The word right before the period, with its inner periods ("U.S", "e.g", "No").
  const m = /([\p{L}.]+)$/u.exec(before);
  if (!m) return false;
  const word = m[1].replace(/^\.+/, '');
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (NUMBERED.has(word.toLowerCase())) return /\d/.test(next);
  // Initials and dotted acronyms: "U.S", "P.R.C", "J" (a middle initial).
  return /^(?:\p{L}\.)*\p{L}$/u.test(word) && (word.includes('.') || /^\p{Lu}$/u.test(word));
}

/** The first character at or after `from` that is not whitespace ('' at the end). */
function nextVisible(p: string, from: number): string {
  let k = from;
  while (k < p.length && /\s/.test(p[k])) k++;
  return k < p.length ? String.fromCodePoint(p.codePointAt(k)!) : '';
}

/** A paragraph's sentences, trimmed, in order. */
function splitParagraph(p: string): string[] {
  const out: string[] = [];
  let start = 0;
  const cut = (end: number) => {
    const s = p.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '。' || c === '！' || c === '？' || c === '｡') {
      let j = i + 1;
      while (j < p.length && (CLOSERS.includes(p[j]) || p[j] === '。' || p[j] === '！' || p[j] === '？')) j++;
      cut(j);
      i = j - 1;
      continue;
    }
    if (c === '.' || c === '!' || c === '?') {
      // Runs of terminators ("?!", "...") and closing quotes stay with the sentence.
      let j = i + 1;
      while (j < p.length && '.!?'.includes(p[j])) j++;
      while (j < p.length && CLOSERS.includes(p[j])) j++;
      if (j < p.length && !/\s/.test(p[j]) && !/[\p{Script=Han}]/u.test(p[j])) {
        i = j - 1; // "3.5", "www.gov.cn", "U.S.-China": no boundary without a space after
        continue;
      }
      if (c === '.' && j === i + 1) {
        const next = nextVisible(p, j);
        if (isAbbreviation(p.slice(Math.max(0, i - 40), i), next)) {
          i = j - 1;
          continue;
        }
        // The next word must open a sentence: a capital, a digit, a quote or a Chinese character.
        if (next && !/[\p{Lu}\p{N}"'“‘(\[\p{Script=Han}]/u.test(next)) {
          i = j - 1;
          continue;
        }
      }
      if (c === '.' && j - i === 3) {
        // An ellipsis mid-sentence ("... and ... the") is not a boundary either.
        const next = nextVisible(p, j);
        if (next && !/[\p{Lu}\p{Script=Han}]/u.test(next)) {
          i = j - 1;
          continue;
        }
      }
      cut(j);
      i = j - 1;
    }
  }
  cut(p.length);
  return out;
}

/** The sentences of a body (paragraphs separated by line breaks), in order, whitespace collapsed. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap(splitParagraph);
}

// ---------------------------------------------------------------------------------------------
// Words

export type TokenKind = 'date' | 'number' | 'word' | 'han';

export interface Token {
  kind: TokenKind;
  /** The comparison value: case-folded word, number without thousands separators, date as Y-M-D. */
  key: string;
  /** Offsets in the NFKC form of the sentence. */
  start: number;
  end: number;
}

const MONTH_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const monthOf = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()];
const pad = (n: number | string | undefined) => (n === undefined ? '?' : String(Number(n)).padStart(2, '0'));

// One regex, alternatives tried in order at each position: dates first (so their digits are not
// numbers), then numbers, Chinese characters, Latin (and other) words.
const TOKEN = new RegExp(
  [
    /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/.source, // 1-3: 2024年5月1日, 2024年5月
    /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.source, // 4-5: 5月1日
    /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.source, // 6-8: 2024-05-01, 2024/5/1, 2024.5.1
    `\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, // 9-11: May 1, 2024 / May 1
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}\\.?(?:,?\\s+(\\d{4})\\b)?`, // 12-14: 1 May 2024
    `\\b${MONTH_RE}\\.?,?\\s+(\\d{4})\\b`, // 15-16: May 2024
    /(\d+(?:[.,]\d+)*(?:\s?%)?)/.source, // 17: numbers
    /(\p{Script=Han})/u.source, // 18: one Chinese character
    /([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)/u.source, // 19: words
  ].join('|'),
  'gu',
);

function numberKey(s: string): string {
  let v = s.replace(/\s/g, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$/.test(v)) v = v.replace(/,/g, ''); // 1,234 = 1234
  return v;
}

export function tokenize(sentence: string): Token[] {
  const s = sentence.normalize('NFKC');
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const start = m.index!;
    const end = start + m[0].length;
    const g = m;
    let kind: TokenKind;
    let key: string;
    if (g[1]) [kind, key] = ['date', `${g[1]}-${pad(g[2])}-${pad(g[3])}`];
    else if (g[4]) [kind, key] = ['date', `?-${pad(g[4])}-${pad(g[5])}`];
    else if (g[6]) [kind, key] = ['date', `${g[6]}-${pad(g[7])}-${pad(g[8])}`];
    else if (g[9]) [kind, key] = ['date', `${g[11] ?? '?'}-${pad(monthOf(g[9]))}-${pad(g[10])}`];
    else if (g[12]) [kind, key] = ['date', `${g[14] ?? '?'}-${pad(monthOf(g[13]))}-${pad(g[12])}`];
    else if (g[15]) [kind, key] = ['date', `${g[16]}-${pad(monthOf(g[15]))}-?`];
    else if (g[17]) [kind, key] = ['number', numberKey(g[17])];
    else if (g[18]) [kind, key] = ['han', g[18]];
    else [kind, key] = ['word', g[19].toLowerCase().replace(/’/g, "'")];
    out.push({ kind, key, start, end });
  }
  return out;
}

// Page widgets that change on every visit. Extraction normally drops them; if one reaches the
// body anyway it must not read as a change.
const COUNTER = /(?:阅读次数|阅读量|浏览次数|浏览量|点击数|点击量|点击率|访问量|访问次数|访问人次|browse number|page views|views|hits|clicks|visits|read count)\s*[:：]\s*[\d,]+\s*次?/gi;
const CLOCK = /^(?:当前时间|现在时间|现在是|今天是|今日是|current time|local time|today is)\s*[:：]?/i;

function withoutWidgets(sentence: string): string {
  if (CLOCK.test(sentence) && sentence.length <= 80) return '';
  return sentence.replace(COUNTER, ' ').trim();
}

interface Sentence {
  text: string;
  nfkc: string;
  tokens: Token[];
  /** Token key → count (for the similarity). */
  bag: Map<string, number>;
  key: string;
}

function sentencesOf(body: string): Sentence[] {
  const out: Sentence[] = [];
  for (const raw of splitSentences(body)) {
    const text = withoutWidgets(raw);
    if (!text) continue;
    const tokens = tokenize(text);
    if (!tokens.length) continue; // punctuation only: no substance
    out.push({ text, nfkc: text.normalize('NFKC'), tokens, bag: bagOf(tokens), key: tokens.map((t) => t.key).join(' ') });
  }
  return out;
}

/** Word-level similarity of two sentences: Dice coefficient of their token multisets. */
export function similarity(a: string, b: string): number {
  const ta = tokenize(a);
  const tb = tokenize(b);
  return dice({ tokens: ta, bag: bagOf(ta) }, { tokens: tb, bag: bagOf(tb) });
}

function bagOf(tokens: Token[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const t of tokens) bag.set(t.key, (bag.get(t.key) ?? 0) + 1);
  return bag;
}

function dice(a: { tokens: Token[]; bag: Map<string, number> }, b: { tokens: Token[]; bag: Map<string, number> }): number {
  if (!a.tokens.length && !b.tokens.length) return 1;
  let common = 0;
  for (const [key, n] of b.bag) common += Math.min(n, a.bag.get(key) ?? 0);
  return (2 * common) / (a.tokens.length + b.tokens.length);
}

/** Beyond this many word edits inside one sentence, the word diff is an unordered comparison. */
const MAX_WORD_EDITS = 2000;
/** Beyond this many sentence edits, sentences are compared as multisets (no alignment). */
const MAX_SENTENCE_EDITS = 1000;
/** Removed × added sentences of one hunk compared pairwise; beyond it, only nearby positions. */
const PAIR_BUDGET = 40_000;
const PAIR_WINDOW = 60;

/**
 * Which items of `a` and `b` are not common: jsdiff's `diffArrays` (an LCS alignment), or, past
 * `maxEdits`, a multiset comparison (each item of one side matched with an equal one of the other).
 */
function unmatched(a: string[], b: string[], maxEdits: number): { removed: number[]; added: number[]; hunks: { removed: number[]; added: number[] }[] } {
  const parts = diffArrays(a, b, { maxEditLength: maxEdits });
  const hunks: { removed: number[]; added: number[] }[] = [];
  if (!parts) {
    const left = (from: string[], to: string[]) => {
      const counts = new Map<string, number>();
      for (const k of to) counts.set(k, (counts.get(k) ?? 0) + 1);
      return from.flatMap((k, i) => {
        const n = counts.get(k) ?? 0;
        if (n > 0) {
          counts.set(k, n - 1);
          return [];
        }
        return [i];
      });
    };
    const hunk = { removed: left(a, b), added: left(b, a) };
    return { ...hunk, hunks: [hunk] };
  }
  let hunk = { removed: [] as number[], added: [] as number[] };
  let i = 0;
  let j = 0;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (part.removed) for (let k = 0; k < n; k++) hunk.removed.push(i++);
    else if (part.added) for (let k = 0; k < n; k++) hunk.added.push(j++);
    else {
      if (hunk.removed.length || hunk.added.length) hunks.push(hunk);
      hunk = { removed: [], added: [] };
      i += n;
      j += n;
    }
  }
  if (hunk.removed.length || hunk.added.length) hunks.push(hunk);
  return { removed: hunks.flatMap((h) => h.removed), added: hunks.flatMap((h) => h.added), hunks };
}

/** Consecutive indices as runs: [1,2,3,7] → [[1,2,3],[7]]. */
function runs(indices: number[]): number[][] {
  const out: number[][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else out.push([i]);
  }
  return out;
}

/** The runs of words removed from `a` and added in `b` (jsdiff over token keys), as printed. */
function wordDiff(a: Sentence, b: Sentence): { added: string[]; removed: string[]; addedTokens: Token[]; removedTokens: Token[] } {
  const d = unmatched(a.tokens.map((t) => t.key), b.tokens.map((t) => t.key), MAX_WORD_EDITS);
  const text = (s: Sentence, run: number[]) => s.nfkc.slice(s.tokens[run[0]].start, s.tokens[run[run.length - 1]].end);
  return {
    removed: runs(d.removed).map((run) => text(a, run)),
    added: runs(d.added).map((run) => text(b, run)),
    removedTokens: d.removed.map((i) => a.tokens[i]),
    addedTokens: d.added.map((j) => b.tokens[j]),
  };
}

// ---------------------------------------------------------------------------------------------

const fieldKey = (s: string | null) => tokenize(s ?? '').map((t) => t.key).join(' ');

export function diffVersions(before: VersionText, after: VersionText): ChangeSummary {
  const reasons = new Set<ChangeReason>();
  const fields: ChangeSummary['fields'] = [];
  if (fieldKey(before.title) !== fieldKey(after.title)) {
    fields.push({ field: 'title', before: before.title, after: after.title });
    reasons.add('title-changed');
  }
  if ((before.published ?? null) !== (after.published ?? null)) {
    fields.push({ field: 'published', before: before.published ?? null, after: after.published ?? null });
    reasons.add('published-changed');
  }
  if (fieldKey(before.docNumber) !== fieldKey(after.docNumber)) {
    fields.push({ field: 'docNumber', before: before.docNumber ?? null, after: after.docNumber ?? null });
    reasons.add('doc-number-changed');
  }

  // Sentences: align by key, then pair the leftovers into moves and changes.
  const a = sentencesOf(before.body);
  const b = sentencesOf(after.body);
  // A hunk (removed and added sentences between two common ones) whose words are the same run is
  // the same text cut into sentences differently ("… yuan. It opens …" / "… yuan; it opens …").
  const words = (list: Sentence[], idx: number[]) => idx.map((k) => list[k].key).join(' ');
  const hunks = unmatched(a.map((s) => s.key), b.map((s) => s.key), MAX_SENTENCE_EDITS).hunks.filter(
    (h) => !(h.removed.length && h.added.length && words(a, h.removed) === words(b, h.added)),
  );
  // Moves: the same sentence elsewhere (cosmetic).
  const addedByKey = new Map<string, number[]>();
  for (const h of hunks) for (const x of h.added) addedByKey.set(b[x].key, [...(addedByKey.get(b[x].key) ?? []), x]);
  const freeAdded = new Set(hunks.flatMap((h) => h.added));
  const freeRemoved = new Set<number>();
  for (const r of hunks.flatMap((h) => h.removed)) {
    const match = addedByKey.get(a[r].key)?.shift();
    if (match !== undefined) freeAdded.delete(match);
    else freeRemoved.add(r);
  }
  // Changes: in each hunk, the most similar pairs first, each sentence in at most one pair.
  const pairs: { r: number; x: number }[] = [];
  for (const h of hunks) {
    const rs = h.removed.filter((r) => freeRemoved.has(r));
    const xs = h.added.filter((x) => freeAdded.has(x));
    const candidates: { r: number; x: number; score: number }[] = [];
    const wide = rs.length * xs.length > PAIR_BUDGET;
    rs.forEach((r, k) => {
      const centre = Math.round((k * xs.length) / rs.length);
      const from = wide ? Math.max(0, centre - PAIR_WINDOW) : 0;
      const to = wide ? Math.min(xs.length, centre + PAIR_WINDOW + 1) : xs.length;
      for (let m = from; m < to; m++) {
        const x = xs[m];
        const score = dice(a[r], b[x]);
        if (score >= SIMILARITY_THRESHOLD) candidates.push({ r, x, score });
      }
    });
    candidates.sort((p, q) => q.score - p.score || p.x - q.x || p.r - q.r);
    for (const c of candidates) {
      if (freeRemoved.has(c.r) && freeAdded.has(c.x)) {
        pairs.push(c);
        freeRemoved.delete(c.r);
        freeAdded.delete(c.x);
      }
    }
  }
  pairs.sort((p, q) => p.x - q.x);

  let wordsAdded = 0;
  let wordsRemoved = 0;
  const changed: ChangedSentence[] = pairs.map(({ r, x }) => {
    const d = wordDiff(a[r], b[x]);
    wordsAdded += d.addedTokens.length;
    wordsRemoved += d.removedTokens.length;
    const touched = [...d.addedTokens, ...d.removedTokens];
    if (touched.some((t) => t.kind === 'number')) reasons.add('number-changed');
    if (touched.some((t) => t.kind === 'date')) reasons.add('date-changed');
    return { before: a[r].text, after: b[x].text, words: { added: d.added, removed: d.removed } };
  });
  const added = [...freeAdded].sort((p, q) => p - q).map((x) => b[x]);
  const removed = [...freeRemoved].sort((p, q) => p - q).map((r) => a[r]);
  for (const s of added) wordsAdded += s.tokens.length;
  for (const s of removed) wordsRemoved += s.tokens.length;
  if (added.length) reasons.add('sentence-added');
  if (removed.length) reasons.add('sentence-removed');
  if (changed.length) reasons.add('sentence-changed');

  // Attachments: sets of URLs.
  const was = new Set(before.attachments);
  const is = new Set(after.attachments);
  const attachments = { added: [...is].filter((u) => !was.has(u)).sort(), removed: [...was].filter((u) => !is.has(u)).sort() };
  if (attachments.added.length && attachments.removed.length) reasons.add('attachment-replaced');
  else if (attachments.added.length) reasons.add('attachment-added');
  else if (attachments.removed.length) reasons.add('attachment-removed');

  const ordered = REASONS.filter((r) => reasons.has(r));
  return {
    material: ordered.length > 0,
    reasons: ordered,
    added: added.map((s) => s.text),
    removed: removed.map((s) => s.text),
    changed,
    attachments,
    fields,
    stats: { wordsAdded, wordsRemoved },
  };
}

// ---------------------------------------------------------------------------------------------
// Stored versions

/** The fields of a stored DocumentVersion the diff reads (`published` is a @db.Date). */
export interface StoredVersionLike {
  title: string;
  body: string;
  published: Date | string | null;
  docNumber: string | null;
  attachments: unknown;
  extractorVersion: number;
}

/** A DocumentVersion row as diffVersions reads it: published as YYYY-MM-DD, attachments as URLs. */
export function versionText(v: StoredVersionLike): VersionText {
  const published = v.published === null ? null : typeof v.published === 'string' ? v.published.slice(0, 10) : v.published.toISOString().slice(0, 10);
  const attachments = Array.isArray(v.attachments) ? v.attachments.filter((a): a is string => typeof a === 'string') : [];
  return { title: v.title, body: v.body, published, docNumber: v.docNumber, attachments };
}

export type Amendment =
  | { kind: 'rebaselined'; extractorVersion: { before: number; after: number } }
  | { kind: 'cosmetic'; summary: ChangeSummary }
  | { kind: 'amended'; summary: ChangeSummary };

/**
 * What a new version of a document amounts to, given the version before it: `rebaselined` when a
 * new extractor made it (never an event, DESIGN.md), `amended` when the change is material (an
 * UPDATED event with cause amended, carrying the summary), `cosmetic` otherwise (stored, no event).
 */
export function assessNewVersion(previous: StoredVersionLike, current: StoredVersionLike): Amendment {
  if (previous.extractorVersion !== current.extractorVersion) {
    return { kind: 'rebaselined', extractorVersion: { before: previous.extractorVersion, after: current.extractorVersion } };
  }
  const summary = diffVersions(versionText(previous), versionText(current));
  return summary.material ? { kind: 'amended', summary } : { kind: 'cosmetic', summary };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const FIELD_LABEL = { title: 'Title', published: 'Published', docNumber: 'Document number' } as const;

function clip(s: string, max = 280): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Plain text, one item per line: "Title: a → b", "Added: …", "Removed: …", "Changed: … → …"
 * (with the words that differ), "Attachments: added …; removed …". At most `maxItems` (default
 * 10) sentences per kind, then "… and N more".
 */
export function renderChangeSummary(s: ChangeSummary, opts: { maxItems?: number } = {}): string {
  const max = Math.max(1, opts.maxItems ?? 10);
  const lines: string[] = [];
  const some = <T>(items: T[], each: (item: T) => void, label: string) => {
    items.slice(0, max).forEach(each);
    if (items.length > max) lines.push(`${label}: … and ${items.length - max} more`);
  };
  for (const f of s.fields) lines.push(`${FIELD_LABEL[f.field]}: ${f.before ?? '(none)'} → ${f.after ?? '(none)'}`);
  some(s.added, (t) => lines.push(`Added: ${clip(t)}`), 'Added');
  some(s.removed, (t) => lines.push(`Removed: ${clip(t)}`), 'Removed');
  some(
    s.changed,
    (c) => {
      lines.push(`Changed: ${clip(c.before)} → ${clip(c.after)}`);
      const words = [...c.words.removed.map((w) => `-"${w}"`), ...c.words.added.map((w) => `+"${w}"`)];
      if (words.length) lines.push(`  words: ${clip(words.join(' '), 200)}`);
    },
    'Changed',
  );
  const att = [...s.attachments.added.map((u) => `added ${u}`), ...s.attachments.removed.map((u) => `removed ${u}`)];
  if (att.length) lines.push(`Attachments: ${att.join('; ')}`);
  if (!lines.length) return s.material ? 'Material change.' : 'No material change (cosmetic differences only).';
  return lines.join('\n');
}
