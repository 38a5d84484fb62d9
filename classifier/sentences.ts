// The sentence around a span of text, for evidence: verbatim, trimmed, whole where it can be.
// English full stops after abbreviations and initials ("U.S. dollars", "on Dec. 3", "Mr. Li") do not
// end a sentence; closing quotes and brackets after a sentence's end ("。」", ".\"") stay with it, and
// a quote opening a paragraph stays with the paragraph; a full stop with no space after it ends a
// sentence before a capitalised word ("Thursday.The"); a sentence is taken whole up to REACH
// characters either side of the span, and one longer than that is cut at WINDOW, after a clause
// break or a space, never inside a word.

import { isCjk } from './matcher.js';

/** Whitespace, as the sentence splitter reads it (ASCII, no-break, ideographic, the Unicode spaces). */
export const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x2028 || c === 0x2029 || c === 0xfeff;

/** Closing quotes and brackets: " ' ) ] ” ’ 」 』 ） 】 》 〕 */
const isCloser = (c: number) =>
  c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x3011 || c === 0x300b || c === 0x3015;
/** Clause breaks a long sentence is cut after: , ; : ， 、 ； ： */
const isClause = (c: number) => c === 44 || c === 59 || c === 58 || c === 0xff0c || c === 0x3001 || c === 0xff1b || c === 0xff1a;

/** Words whose full stop is an abbreviation's, not a sentence's end: written capitalised ("No. 5",
 *  "Dec. 14"; "was no." ends a sentence), and a few in lower case; "PT." starts an Indonesian
 *  company's name ("PT. Kawasan Industri Terpadu …"). */
const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr Prof Gov Gen Sen Rep St No Nos Dept Corp Jr Sr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs approx PT'.split(' '),
);

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whether the full stop at i belongs to an abbreviation or an initial ("Mr. Li", "U.S. President",
 *  "e.g. Gwadar"), or the text runs on after it in lower case ("U.S. dollars"). */
function abbreviationDot(text: string, i: number): boolean {
  let w = i;
  while (w > 0 && isLetter(text.charCodeAt(w - 1))) w--;
  // "21st." is an ordinal at a sentence's end, not "St."
  if (w > 0 && isDigit(text.charCodeAt(w - 1))) return false;
  // U.S. / e.g.; not the last letter of an ampersand's initials, "countries along the B&R. From …"
  if (i - w === 1 && (text.charCodeAt(w) <= 90 || text.charCodeAt(w - 1) === 46) && text.charCodeAt(w - 1) !== 38) return true;
  if (i - w >= 2 && i - w <= 6 && ABBREVIATIONS.has(text.slice(w, i))) {
    // "10 am PT." is Pacific Time ending a sentence, not the start of a company's name.
    return !(text.slice(w, i) === 'PT' && /(?:(?<![a-z])[ap]\.?m\.?|\bnoon|\bmidnight|\d:\d\d|(?<!\d)\d{1,2})\s*$/i.test(text.slice(Math.max(0, w - 10), w)));
  }
  let n = i + 1;
  while (n < text.length && text.charCodeAt(n) !== 10 && isSpace(text.charCodeAt(n))) n++;
  return n < text.length && isLower(text.charCodeAt(n));
}

/** The characters a sentence may end at, as a table (one read instead of eight comparisons for each
 *  character sentenceSpan and longParagraphBreaks walk over): END_MARK for . ! ? 。 ！ ？ (isEndMark),
 *  END_BREAK for a line break and ； (isBoundary counts them too). */
const END_MARK = 1;
const END_BREAK = 2;
const ENDS = new Uint8Array(65536);
for (const c of [46, 33, 63, 0x3002, 0xff01, 0xff1f]) ENDS[c] = END_MARK;
for (const c of [10, 0xff1b]) ENDS[c] = END_BREAK;

/** Whether a sentence ends at the character i (it is the sentence's last, before any closers). */
function isBoundary(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 46) return ENDS[c] !== 0;
  let n = i + 1;
  while (n < text.length && isCloser(text.charCodeAt(n))) n++;
  if (n < text.length && !isSpace(text.charCodeAt(n))) {
    // No space after it: a sentence still ends in "on Thursday.The section …" (a word or number,
    // then a capitalised word), but not in "U.S.A", "No.3" or "xinhuanet.com".
    const before = text.charCodeAt(i - 1);
    if (n !== i + 1 || !(isLower(before) || isDigit(before)) || !isUpper(text.charCodeAt(n)) || !isLower(text.charCodeAt(n + 1))) return false;
  }
  return !abbreviationDot(text, i);
}

/** How far the sentence may reach either side of the span, in characters, when no sentence end
 *  lies within REACH: a sentence of up to REACH characters either side is taken whole. */
const WINDOW = 300;
const REACH = 450;
/** A sentence cut at the window is cut at a clause break or space within this many characters. */
const BACK_OFF = 120;

/** The span of the sentence around [s, e), trimmed; a sentence longer than REACH either side is cut at WINDOW. */
export function sentenceSpan(text: string, s: number, e: number): [number, number] {
  let start = s;
  while (start > 0 && s - start < REACH && !isBoundary(text, start - 1)) start--;
  if (start > 0 && !isBoundary(text, start - 1)) start = s - WINDOW;
  if (start > 0 && !isBoundary(text, start - 1) && !isSpace(text.charCodeAt(start - 1))) {
    // Cut by the window: start after a clause break or a space, not inside a word.
    for (let k = start; k < Math.min(s, start + BACK_OFF); k++) {
      const c = text.charCodeAt(k);
      if (isClause(c) || isSpace(c)) {
        start = k + 1;
        break;
      }
    }
  }
  let end = e;
  while (end < text.length && end - e < REACH && !isBoundary(text, end)) end++;
  if (end < text.length && !isBoundary(text, end)) end = e + WINDOW;
  if (end < text.length && isBoundary(text, end)) {
    if (text.charCodeAt(end) !== 10) end++;
    while (end < text.length && isCloser(text.charCodeAt(end))) end++;
  } else if (end < text.length && !isSpace(text.charCodeAt(end))) {
    for (let k = end; k > Math.max(e, end - BACK_OFF); k--) {
      const c = text.charCodeAt(k - 1);
      if (isClause(c) || isSpace(c)) {
        end = isSpace(c) ? k - 1 : k;
        break;
      }
    }
  }
  // A sentence starts after the closers of the one before it.
  while (start < end && (isSpace(text.charCodeAt(start)) || (start > 0 && isCloser(text.charCodeAt(start)) && closesSentence(text, start)))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** How far a quotation is followed beyond a sentence for evidence, in characters (Chinese: half). */
const QUOTE_REACH = 300;
/** A paragraph longer than this before the sentence is not read for its quotations. */
const QUOTE_SCAN = 3000;
/** The longest evidence a quotation widens a sentence to: the sentences holding its marks are
 *  taken whole, and a longer quotation is better shown by its sentence alone. */
const QUOTE_MAX = 600;
/** Opening quotes and their closers: “ ” 「 」 『 』 (a straight " closes the one it follows). */
const QUOTE_PAIRS = new Map([
  [0x201c, 0x201d],
  [0x300c, 0x300d],
  [0x300e, 0x300f],
]);
/** The quotation marks readQuote reads (found by the regex engine: most characters are none). */
const QUOTE_MARK = /["“”「」『』]/g;

/** Whether a straight " at i may open a quotation: at a line's start or after a space, a bracket, a
 *  dash, a colon, a Chinese colon, comma or 、 (表示："…") or a Chinese character (他说"…), and before
 *  a word ('said "the corridor', not 'the 12" pipe', '5\'10"' or 'port" he'). */
function opensQuote(text: string, i: number): boolean {
  const before = i > 0 ? text.charCodeAt(i - 1) : 10;
  const after = text.charCodeAt(i + 1);
  const lead =
    isSpace(before) || before === 40 || before === 91 || before === 123 || before === 58 || before === 0x2014 || before === 0x2013 || before === 45 || before === 0xff1a || before === 0xff0c || before === 0x3001 || isCjk(before);
  return lead && i + 1 < text.length && !isSpace(after);
}

/** Reads the quotation mark at i into the stack of open quotations' positions. */
function readQuote(text: string, i: number, open: number[]): void {
  const c = text.charCodeAt(i);
  const top = open.length ? text.charCodeAt(open[open.length - 1]) : -1;
  if (c === 34) {
    if (top === 34) open.pop();
    else if (opensQuote(text, i)) open.push(i);
  } else if (QUOTE_PAIRS.has(c)) open.push(i);
  else if (top >= 0 && QUOTE_PAIRS.get(top) === c) open.pop();
}

/** A text's quotation marks and line breaks, for the text read last: evidence is taken from one
 *  document's text many times over. (A straight " after a digit opens nothing — an inch's, a second's —
 *  but may close a quotation: "Vision 2030".) */
let marks: { text: string; quotes: number[]; breaks: number[] } = { text: '', quotes: [], breaks: [] };
function marksOf(text: string): typeof marks {
  if (marks.text !== text) {
    const quotes: number[] = [];
    // (test, not exec: no match array made per mark; a mark is one character, so it is at lastIndex - 1)
    QUOTE_MARK.lastIndex = 0;
    while (QUOTE_MARK.test(text)) quotes.push(QUOTE_MARK.lastIndex - 1);
    const breaks: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
    marks = { text, quotes, breaks };
  }
  return marks;
}

/** The index of the first number in `at` (ascending) that is at least x: at.length when none is. */
export function lowerBound(at: number[], x: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A sentence's span widened to the quotation it stands in, for evidence: a sentence that starts inside
 * a quotation opened earlier in its paragraph (the speaker's second sentence: 'People long for … through
 * film," said …') starts with the sentence that opens it, and one that opens a quotation it does not
 * close ('"Film is a showcase of life and dreams.') ends with the sentence that closes it, so the reader
 * sees the words quoted whole, with who said them. Only within the paragraph, with the marks at most
 * QUOTE_REACH characters beyond the sentence (half in a Chinese one), the whole at most QUOTE_MAX, and
 * only where the quotation's other end is found: a stray quote mark, or a quotation that runs on into
 * the next paragraph, widens nothing.
 */
export function quotedSpan(text: string, span: [number, number]): [number, number] {
  const [s, e] = span;
  const { quotes, breaks } = marksOf(text);
  const b = lowerBound(breaks, s);
  const p = b > 0 ? breaks[b - 1] + 1 : 0; // the paragraph's start
  if (s - p > QUOTE_SCAN) return span;
  let j = lowerBound(quotes, p);
  if (j === quotes.length || quotes[j] >= e) return span; // (no mark opens before its end: the common case)
  let zh = false;
  for (let i = s; i < Math.min(e, s + 60) && !zh; i++) zh = isCjk(text.charCodeAt(i));
  const reach = zh ? QUOTE_REACH / 2 : QUOTE_REACH;
  const open: number[] = [];
  for (; j < quotes.length && quotes[j] < s; j++) readQuote(text, quotes[j], open);
  let start = s;
  if (open.length && s - open[0] <= reach) start = Math.min(s, sentenceSpan(text, open[0], open[0] + 1)[0]);
  else if (open.length) return span; // (opened too far back: where it closes is not read either)
  for (; j < quotes.length && quotes[j] < e; j++) readQuote(text, quotes[j], open);
  let end = e;
  if (open.length) {
    // Where the quotation the span leaves open closes: in its paragraph, within the reach.
    const first = open[0];
    const next = lowerBound(breaks, e);
    const stop = Math.min(next < breaks.length ? breaks[next] : text.length, e + reach + 1);
    end = -1;
    for (; j < quotes.length && quotes[j] < stop; j++) {
      const i = quotes[j];
      readQuote(text, i, open);
      if (open[0] === first) continue;
      // Up to the closer when it ends a sentence ('dreams."'), else to the end of its sentence.
      let k = i - 1;
      while (k > e && isCloser(text.charCodeAt(k))) k--;
      end = isBoundary(text, k) ? i + 1 : sentenceSpan(text, i, i + 1)[1];
      break;
    }
    if (end < 0) return span;
  }
  return end - start > Math.max(QUOTE_MAX, e - s) ? span : [start, end];
}

/** Whether the closer at i follows a sentence's end on the same line (possibly after other
 *  closers): a quote opening a paragraph is the paragraph's own. */
function closesSentence(text: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && isCloser(text.charCodeAt(p))) p--;
  return p >= 0 && text.charCodeAt(p) !== 10 && isBoundary(text, p);
}

/** Lines of hard-wrapped text (a wire feed's or a mail's fixed-width lines, a PDF's text) are at
 *  least this long (Chinese: CJK_WRAP_MIN) and FULL_LINE of the text's width: a shorter line
 *  is a heading, a list entry or a paragraph's last line. */
const WRAP_MIN = 40;
const CJK_WRAP_MIN = 20;
const CJK_ANY = /[\u3400-\u9fff]/;
const FULL_LINE = 0.7;
const NEAR_FULL = 0.85;
const CJK_FULL = 0.9;
/** A line may run on after it: a lower-case letter, a digit, a comma or a hyphen. */
const runsOn = (c: number) => isLower(c) || isDigit(c) || c === 44 || c === 45;
/** Chinese punctuation inside a sentence: ，、 */
const CJK_INSIDE = new Set([0xff0c, 0x3001]);
/** A line ending in a word that cannot end a heading or a name: it goes on. */
const FUNCTION_WORD_END = /\b(?:and|or|of|for|the|to|in|on|at|with|a|an|by|from)$/i;
/** A continued line may start with it: a letter or digit, an opening quote or bracket (Chinese: a
 *  character), or what never starts a line of its own — a closing bracket, 。，、；：！？, and the
 *  ASCII ,;:%. that Chinese sites also write between characters and inside figures ("15.3%\n,占",
 *  "37\n.8%"), and the ampersand of "the Silk Road Economic Belt\n& the 21st Century Maritime Silk
 *  Road". */
const LINE_CONTINUES = new Set([...')）」』”。，、；：！？,;:%.&'].map((c) => c.charCodeAt(0)));
const continues = (c: number) => isLetter(c) || isDigit(c) || c === 34 || c === 0x201c || c === 40 || isCjk(c) || LINE_CONTINUES.has(c);
/** The brackets ("(", "（") still open after text[a, b), given `open` before it. */
function openAfter(text: string, a: number, b: number, open: number): number {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 0xff08) open++;
    else if ((c === 41 || c === 0xff09) && open > 0) open--;
  }
  return open;
}
/** Opening brackets less closing ones in text[a, b), or -1 as soon as a bracket closes that the
 *  span did not open. */
function bracketBalance(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 0xff08) n++;
    else if ((c === 41 || c === 0xff09) && --n < 0) return -1;
  }
  return n;
}
/** Whether text[a, b) holds more Chinese characters than Latin letters. */
function moreChinese(text: string, a: number, b: number): boolean {
  let balance = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) balance++;
    else if (isLetter(c)) balance--;
  }
  return balance > 0;
}
/** A list entry's number or letter with its closing bracket only ("1）", "a)", "一）"): a line that
 *  starts so is no wrapped bracket's rest. */
const LIST_CLOSE = /^(?:[0-9]{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,2})[)）]/;
/** How far into the next line a bracket left open must close for the break to be a wrap. */
const BRACKET_REACH = 60;
/** A stop or comma inside text[from, to) — not the character it ends in: a line of prose holds one
 *  where a name does not, nor a list of names each ending in a comma. */
const PROSE_MARK = /[，、。；：,;]/;
const holdsProseMark = (text: string, from: number, to: number) => PROSE_MARK.test(text.slice(from, to - 1));
/** A list entry's or heading's marker at a line's start: "1.", "2)", "(a)", "•", "-", 一、 （一） (1) ① 第三条. */
const LIST_MARK = /^(?:[0-9]{1,2}[.)](?:\s|$)|\([0-9a-z]{1,2}\)|[•·*\-–] |[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[①-⑳]|第[一二三四五六七八九十百0-9]+[条章节])/;

/**
 * A text that is not wrapped may still hold a stray line break inside the initiative's name, where a
 * page's markup broke a line ("…lies at the meeting point of the Silk Road\nEconomic Belt and the 21st
 * Century Maritime Silk Road."). A single line break (no blank line on either side) that falls inside
 * one of the names of ACROSS_NAME is a space — same length, as unwrapLines. Only inside a name: a
 * caption, heading, byline or dateline on the line above its paragraph stays a line of its own.
 */
const ACROSS_NAME = /Silk +Road +Economic +Belt|Maritime +Silk +Road|Belt +and +Road|21st[- ]+Century +Maritime|一 *[带帶] *一 *路|丝 *绸 *之 *路|絲 *綢 *之 *路|经 *济 *带|經 *濟 *帶/g;
/** A line that starts with the bracketed initials of the name the line before ends in, the sentence
 *  going on after them: "…the National Development and Reform Commission\n(NDRC), told a news
 *  conference.", "…197 Belt and Road\n(B&R) cooperation documents" (a dateline's "(AP) —" goes on
 *  with no word; "…near Almaty\n(VIDEO) watch…" names no initials of the line before). */
const GLOSS_GOES_ON = /^\(([A-Z][A-Z&]{1,9})\)(?:,|\s+[a-z])/;
function glossesLineBefore(text: string, lineStart: number, lineEnd: number, next: number): boolean {
  const m = GLOSS_GOES_ON.exec(text.slice(next, next + 16));
  if (!m) return false;
  const letters = m[1].replace(/&/g, '');
  const capitals = text.slice(Math.max(lineStart, lineEnd - 120), lineEnd).match(/\b[A-Z]/g) ?? [];
  return capitals.slice(-letters.length).join('') === letters;
}
function joinLoneBreaks(text: string, starts: number[], ends: number[]): string {
  let out: string[] | null = null;
  for (let n = 0; n + 1 < starts.length; n++) {
    if (ends[n] === starts[n] || ends[n + 1] === starts[n + 1]) continue;
    if (isLetter(text.charCodeAt(ends[n] - 1)) && glossesLineBefore(text, starts[n], ends[n], starts[n + 1])) {
      out ??= text.split('');
      for (let i = ends[n]; i < starts[n + 1]; i++) out[i] = ' ';
      continue;
    }
    // the two lines' ends around the break, the break as spaces
    const from = Math.max(starts[n], ends[n] - 30);
    const to = Math.min(ends[n + 1], starts[n + 1] + 30);
    const window = text.slice(from, to).replace(/[\r\n]/g, ' ');
    const at = ends[n] - from;
    const gap = starts[n + 1] - from;
    ACROSS_NAME.lastIndex = 0;
    for (let m = ACROSS_NAME.exec(window); m; m = ACROSS_NAME.exec(window)) {
      if (m.index < at && m.index + m[0].length > gap) {
        out ??= text.split('');
        for (let i = ends[n]; i < starts[n + 1]; i++) out[i] = ' ';
        break;
      }
    }
  }
  return out ? out.join('') : text;
}

/**
 * The text with the line breaks of hard-wrapped lines as spaces — same length, so offsets into it
 * are offsets into the text. A line is full when it is at least WRAP_MIN characters long
 * (CJK_WRAP_MIN with Chinese) and FULL_LINE of the text's width: of the lines with a line after
 * them in their paragraph, the length three in four do not exceed (one long link or table row does
 * not set it). Only a text that looks hard-wrapped is touched: at least three full lines that end
 * inside a sentence and go on (in a Chinese text, also lines of prose broken inside a bracket the
 * next line closes) — in English with a lower-case word, or with any word after a line
 * that nearly fills the width (NEAR_FULL; a heading is shorter and followed by a capital), in
 * Chinese after a character or ，、 with a character, anywhere before a line that starts with
 * 。，) or another mark no line starts with — and those at least half of its single line breaks; a
 * line that starts as a list entry (一、, （一）, 1.) counts only as a paragraph's first line (in
 * Chinese with a stop or comma inside, in English going on in lower case), not a heading. Then
 * every full line's break is a space where the next line goes on (no blank line, no indent, no
 * list marker). A text whose paragraphs are separated by single newlines keeps them, headings and
 * all. "\r\n" counts as one line break.
 */
export function unwrapLines(text: string): string {
  if (text.indexOf('\n') < 0) return text;
  // Lines: [start, end) without the line break; end of the line's content (no trailing spaces, \r).
  const starts: number[] = [];
  const ends: number[] = [];
  for (let a = 0; a <= text.length; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = text.length;
    let e = b;
    while (e > a && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32)) e--;
    starts.push(a);
    ends.push(e);
    a = b + 1;
  }
  // The width: of the lines with a line after them in their paragraph (a title or a paragraph on a
  // line of its own is no wrapped line), the length three in four do not exceed — one long line (a
  // link, a table row) does not set it.
  const inner: number[] = [];
  for (let n = 0; n + 1 < starts.length; n++) if (ends[n + 1] > starts[n + 1] && ends[n] > starts[n]) inner.push(ends[n] - starts[n]);
  if (inner.length < 3) return joinLoneBreaks(text, starts, ends);
  inner.sort((a, b) => a - b);
  const width = inner[Math.floor(inner.length * 0.75)];
  // A Chinese text: more Chinese characters than Latin letters (counted once, when a line needs it).
  let chineseText: boolean | undefined;
  const chinese = () => {
    if (chineseText === undefined) {
      chineseText = moreChinese(text, 0, text.length);
    }
    return chineseText;
  };
  let single = 0;
  let runOn = 0;
  const wraps: number[] = [];
  let open = 0; // brackets left open by the lines of the paragraph so far
  for (let n = 0; n + 1 < starts.length; n++) {
    const len = ends[n] - starts[n];
    const next = starts[n + 1];
    // (a bracket stays open only across breaks taken for wraps: a new line of a list or a paragraph starts at 0)
    open = openAfter(text, starts[n], ends[n], wraps[wraps.length - 1] === n - 1 ? open : 0);
    if (len === 0 || ends[n + 1] === next) {
      open = 0;
      continue; // a blank line on either side: a paragraph break
    }
    single++;
    const last = text.charCodeAt(ends[n] - 1);
    const first = text.charCodeAt(next);
    const cjk = isCjk(last) || CJK_INSIDE.has(last) || isCjk(first);
    // (Inside a bracket the next line closes, the break is a wrap however short the line: a Chinese
    // wrap cuts an English name into words, "…(Build\nBack Better\nWorld,简称B3W)…". In a Chinese
    // text it shows the text is wrapped, as a line running on does, where the line is one of prose —
    // of CJK_WRAP_MIN characters, a stop or comma inside: a Chinese text full of English names,
    // wrapped, has few full lines between such breaks (batch22's zh-644 at 40 columns). Not a list
    // of names with their English forms, one per line, nor an English contacts block, whose
    // brackets break too: a heading over its paragraph would be joined to it.)
    if (open > 0 && bracketBalance(text, next, Math.min(ends[n + 1], next + BRACKET_REACH)) < 0 && !LIST_MARK.test(text.slice(next, next + 6)) && !LIST_CLOSE.test(text.slice(next, next + 4))) {
      wraps.push(n);
      if (len >= CJK_WRAP_MIN && holdsProseMark(text, starts[n], ends[n]) && chinese()) runOn++;
      continue;
    }
    // (A Chinese line may end in an English name: "…“全球门户”(Global\nGateway)…"; in a Chinese text a
    // line may be all English: "(Partnership for Global Infrastructure and\nInvestment)".)
    // (An English line of a Chinese text is held to the Chinese minimum only where it visibly runs
    // on: a function word, comma or hyphen at its end, or a lower-case word after it; an English
    // heading before a Chinese paragraph does not.)
    const englishRunsOn = () => last === 44 || last === 45 || isLower(first) || FUNCTION_WORD_END.test(text.slice(Math.max(starts[n], ends[n] - 8), ends[n]));
    if (len < FULL_LINE * width || len < (cjk || CJK_ANY.test(text.slice(starts[n], ends[n])) || (len < WRAP_MIN && englishRunsOn() && chinese()) ? CJK_WRAP_MIN : WRAP_MIN)) {
      // (A short English line after a wrapped one that stops mid-sentence and goes on in lower case
      // held a stray break of its source: "…of the Silk Road\nEconomic Belt\nand the 21st Century…".)
      // (The line after goes on at full length: a trailing "source: xinhua" line is no continuation.)
      if (!cjk && wraps[wraps.length - 1] === n - 1 && isLetter(last) && isLower(first) && ends[n + 1] - next >= WRAP_MIN) wraps.push(n);
      continue;
    }
    if (!continues(first) || LIST_MARK.test(text.slice(next, next + 6))) continue;
    wraps.push(n);
    // What shows the text is wrapped: a line that ends inside a sentence and goes on — in English
    // with a lower-case word, or with any word after a line that nearly fills the width (a heading
    // is followed by a capital). A line that starts as a list entry (一、…, 1. …) counts only as a
    // paragraph's first line, not a heading's: in Chinese with a stop or comma inside, in English
    // going on in lower case.
    const marked = LIST_MARK.test(text.slice(starts[n], starts[n] + 6));
    if (LINE_CONTINUES.has(first)) runOn++; // a line never starts with 。or ): the break is a wrap
    else if (cjk) {
      // (Chinese wraps at a number of characters: a wrapped line all but fills the width, where a
      // list of names, one per line, varies.) Nor does a name hold a stop or comma, where a line of
      // prose does.
      // (A comma may be an ASCII one after a Chinese character, as a page's full-width forms are
      // often given: "…11时46分,\n随着…", batch17's zh-541 wrapped at 40.)
      const commaAfterCjk = last === 44 && isCjk(text.charCodeAt(ends[n] - 2));
      // (The stop or comma inside the line, not the one it ends in: a list of names, each ending in
      // a comma, runs on no more for it.)
      if ((isCjk(last) || CJK_INSIDE.has(last) || commaAfterCjk) && isCjk(first) && len >= CJK_FULL * width && holdsProseMark(text, starts[n] + (marked ? 3 : 0), ends[n])) runOn++;
    } else if (runsOn(last) && (isLower(first) || isDigit(first) || (!marked && len >= NEAR_FULL * width && (isLower(last) || last === 44) && isLetter(first)))) runOn++;
  }
  if (runOn < 3 || runOn * 2 < single) return joinLoneBreaks(text, starts, ends);
  const out = text.split('');
  for (const n of wraps) for (let i = ends[n]; i < starts[n + 1]; i++) out[i] = ' ';
  return out.join('');
}

/** The median paragraph of the labelled texts (test/eval, 1,109 articles, 6,106 paragraphs): 218
 *  characters in English, 102 in Chinese. */
const PARAGRAPH = 200;
const PARAGRAPH_ZH = 100;
/** A paragraph three times as long is read as several (longParagraphBreaks). */
const LONG_PARAGRAPH = 600;
const LONG_PARAGRAPH_ZH = 300;
/** . ! ? 。 ！ ？ (ENDS) */
const isEndMark = (c: number) => ENDS[c] === END_MARK;
/** Whether the full stop at i numbers a list item: a bare number of one or two figures after a
 *  space, a colon or the line's start ("…the following projects: 1. Build ports"; not "in 2023."). */
function listNumberDot(text: string, i: number): boolean {
  let d = i;
  while (d > 0 && isDigit(text.charCodeAt(d - 1))) d--;
  if (d === i || i - d > 2) return false;
  const before = d > 0 ? text.charCodeAt(d - 1) : 10;
  return isSpace(before) || before === 58 || before === 0xff1a || before === 10;
}
/** The shortest last part a long paragraph is broken off for. */
const MIN_PART = 20;
/** How many of a paragraph's first characters tell its language. */
const LANGUAGE_SAMPLE = 200;

/**
 * Where the long paragraphs of text[from…] are read as breaking: a paragraph (line) of
 * LONG_PARAGRAPH characters or more (LONG_PARAGRAPH_ZH in Chinese, more Chinese characters than
 * Latin letters) breaks after the first sentence end once a part holds PARAGRAPH characters, and
 * after the closing quotes or brackets there. A text whose paragraphs were run together on one line
 * (an export, a feed's summary) otherwise reads as one paragraph: its lead is the whole text and
 * every anchor is in it. (Read one line a paragraph, the labelled articles' paragraphs run
 * together changed 56 relevance judgements of 1,109; split this way, 6.)
 */
export function longParagraphBreaks(text: string, from = 0): number[] {
  const out: number[] = [];
  for (let a = from; a < text.length; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = text.length;
    let e = b;
    while (e > a && isSpace(text.charCodeAt(e - 1))) e--;
    if (e - a >= LONG_PARAGRAPH_ZH) {
      // (the paragraph's language by its first characters: a Chinese paragraph quotes English names,
      // an English one a Chinese name, but not for long)
      const zh = moreChinese(text, a, Math.min(e, a + LANGUAGE_SAMPLE));
      if (e - a >= (zh ? LONG_PARAGRAPH_ZH : LONG_PARAGRAPH)) {
        const target = zh ? PARAGRAPH_ZH : PARAGRAPH;
        for (let i = a + target; i < e; i++) {
          const c = text.charCodeAt(i);
          if (!isEndMark(c) || !isBoundary(text, i) || (c === 46 && listNumberDot(text, i))) continue;
          // (after a run of marks and the closers after them: "?!", "。。。", "。”")
          let n = i + 1;
          while (n < e && (isEndMark(text.charCodeAt(n)) || isCloser(text.charCodeAt(n)))) n++;
          // (an ASCII ? or ! inside a word or a link goes on: "…/123.html?id=4")
          if ((c === 33 || c === 63) && n < e && !isSpace(text.charCodeAt(n)) && !isCjk(text.charCodeAt(n))) continue;
          if (e - n < MIN_PART) break; // (no paragraph of its own: "（完）", a credit)
          out.push(n);
          i = n + target - 1; // the next part holds `target` characters at least
        }
      }
    }
    a = b + 1;
  }
  return out;
}
