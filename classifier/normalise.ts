// What the classifier reads of an input: the title and text as given, less the clutter some copies
// carry, with a map back to the input so evidence stays verbatim.
//
// Mirror and reprint sites print Chinese with the pinyin of characters in brackets ("國家發(fā)展改
// 革委", "《關(guān)于推進共建"一帶一路"綠色發(fā)展的意見》", "中國新聞網(wǎng)"): every such word is split,
// so no phrase, title or issuer is found in it. The bracketed syllable (one with a tone mark, right
// after a Chinese character) is read as if it were not there.

import { decodeHTML } from 'entities';
import { articleSpans } from '../crawlers/extract.js';
import { lowerBound } from './sentences.js';

/** A pinyin syllable with a tone mark in brackets, right after a Chinese character. */
const PINYIN = /(?<=[\u3400-\u9fff\uf900-\ufaff])[(（][a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}[)）]/g;
const TONED = new Set([...'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ'].map((c) => c.charCodeAt(0)));
/** Whether a closing bracket follows a tone-marked vowel within a syllable's length: a quick test
 *  most texts fail (the regex's leading lookbehind costs more than the classifier's own cut). */
function mayHavePinyin(text: string): boolean {
  for (const close of [')', '）']) {
    for (let i = text.indexOf(close); i >= 0; i = text.indexOf(close, i + 1)) {
      for (let j = i - 1; j >= 0 && j >= i - 6; j--) if (TONED.has(text.charCodeAt(j))) return true;
    }
  }
  return false;
}

/** A pinyin syllable: an initial, one to three vowels, a final n, ng or r ("fā", "guān", "zhuàng",
 *  "ér"; not "café"). */
const SYLLABLE = /^[(（](?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?[)）]$/;

/** The text without the bracketed pinyin, and for each of its characters the offset in the text
 *  (`at`, one longer than the result: at[length] = text.length); `at` is null when nothing was dropped. */
export function dropPinyin(text: string): { text: string; at: Int32Array | null } {
  if (!mayHavePinyin(text)) return { text, at: null };
  let out = '';
  const at: number[] = [];
  let from = 0;
  for (const m of text.matchAll(PINYIN)) {
    if (!SYLLABLE.test(m[0])) continue;
    out += text.slice(from, m.index);
    for (let i = from; i < m.index!; i++) at.push(i);
    from = m.index! + m[0].length;
  }
  if (from === 0) return { text, at: null };
  out += text.slice(from);
  for (let i = from; i < text.length; i++) at.push(i);
  at.push(text.length);
  return { text: out, at: Int32Array.from(at) };
}

// Text copied out of a web page may also keep what the page's markup meant rather than what it
// showed: HTML entities ("Belt &amp; Road", "China&#39;s", "&ldquo;"), invisible characters (a soft
// hyphen inside "Ini\u00adtiative", zero-width spaces, a byte-order mark) and spaces of other widths
// (no-break spaces). A phrase, an acronym's bracket or a sentence's end is then missed: "China&#39;s"
// ends a sentence at its ";", and a soft hyphen splits the initiative's name. They are read as the
// characters they stand for, dropped, or read as a plain space; so is a carriage return before a
// line feed (Windows line ends: a caption's credit "(Xinhua/…)\r\n" was no credit), and HTML tags
// left in the text: <p>, <br> and the other block tags are line breaks, <strong> or <a …> nothing
// (paragraphs joined by <br><br> read as one long line changed 25 of the labelled judgements), and a
// script, a style sheet or a comment, which a page never shows, nothing (a whole page: readPage below).

/** Characters a page does not show: soft hyphen, zero-width space, non-joiner and joiner, the
 *  direction marks, word joiner, byte-order mark. */
const invisible = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff;
/** Spaces of other widths (no-break, en, em, thin, narrow no-break …), read as a plain space. The
 *  ideographic space (U+3000) of Chinese paragraph indents stays: the matcher folds it already. */
const oddSpace = (c: number) => c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f;
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f]/g;
/** Any character cleanText may change (a quick test most texts fail: faster than a loop in code). */
const CLUTTER = /[&<\r\u00ad\u00a0\u2000-\u200f\u202f\u205f\u2060\ufeff]/;
/** A carriage return: dropped before a line feed (Windows line ends), read as one alone (old Mac). */
const CR = 13;
const LONE_CR = /\r(?!\n)/g;

/** The named entities a page's text uses. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', shy: '', zwsp: '', zwnj: '', zwj: '', lrm: '', rlm: '',
  ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a',
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7', bull: '\u2022', prime: '\u2032', Prime: '\u2033',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', times: '\u00d7', divide: '\u00f7', plusmn: '\u00b1', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
  yen: '\u00a5', euro: '\u20ac', pound: '\u00a3', cent: '\u00a2', sect: '\u00a7', para: '\u00b6', hyphen: '\u2010', minus: '\u2212', percnt: '%', num: '#', colon: ':', semi: ';', comma: ',', period: '.', excl: '!', quest: '?',
};
/** The Latin-1 entities (HTML 4: &nbsp; … &yuml;, U+00A0–U+00FF in order), "T&uuml;rkiye". */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
LATIN1.split(' ').forEach((name, k) => {
  if (!Object.hasOwn(NAMED, name)) NAMED[name] = String.fromCharCode(0xa0 + k);
});
/** An entity at a given offset (sticky): decimal, hexadecimal or named, with its semicolon (the
 *  few a page may write without it, "&nbsp", "&copy 2024", also so before a character that is no
 *  letter or digit, as browsers read them). */
const ENTITY = /&(?:#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});|([A-Za-z][A-Za-z0-9]{1,31});|(amp|lt|gt|quot|nbsp|copy|reg)(?![A-Za-z0-9;]))/y;

/** An HTML tag at a given offset (sticky): its name in lower or upper case (a namespace prefix
 *  allowed: Word's <o:p>; checked in tagAt), its attributes each with a value or a known boolean
 *  one (async, download, hidden, NOWRAP, data-…): "<A Belt and Road Vision …>", "<Time for Action>"
 *  and "a<b and b>c" are text. */
const TAG = /<\/?([a-z][a-z0-9]{0,10}(?::[a-z][a-z0-9]{0,10})?)(?:\s+(?:[a-z_:][-a-z0-9_:.]{0,40}\s*=\s*(?:"[^"]{0,2000}"|'[^']{0,2000}'|[^\s"'=<>`]{1,2000})|(?:async|defer|nomodule|download|hidden|disabled|checked|selected|readonly|required|multiple|open|controls|autoplay|muted|loop|playsinline|nowrap|noshade|compact|itemscope|allowfullscreen|(?:data|aria)-[-a-z0-9]{1,40})(?=[\s/>]))){0,20}\s*\/?>/iy;
/** The tags a page's text is marked up with: those that start a block are read as a line break,
 *  a table's cell as a space, the others (<strong>, <a href="…">, <span>) as nothing. An unknown
 *  name ("<5%", "<Belt and Road>") is text. */
const BLOCK_TAGS = new Set(
  'p br div li ul ol h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot caption section article blockquote figure figcaption header footer nav aside main html body title form fieldset legend address details summary hr pre center dd dt dl'.split(' '),
);
const CELL_TAGS = new Set(['td', 'th']);
const INLINE_TAGS = new Set(
  'a abbr b big cite code em font i img small span strong sub sup u ins del mark time q s strike label button input select option textarea meta link base wbr nobr tt var kbd samp dfn bdi bdo picture source video audio o:p'.split(' '),
);
/** Elements whose content a page never shows as its text: a script, a style sheet, a template.
 *  From the opening tag to its closing one they read as a line break; without a closing tag the
 *  opening one is text. (<head> only in a whole page, whose body the extractor did not find: "the
 *  <head> of state … </head>" in prose is text.) */
const HIDDEN_ELEMENTS = new Set('script style noscript template svg iframe'.split(' '));
const HIDDEN_IN_PAGE = new Set([...HIDDEN_ELEMENTS, 'head']);

const closingTags = new Map<string, RegExp>();
/** A hidden element's closing tag, any case (searched from lastIndex). */
const closingTag = (name: string) => closingTags.get(name) ?? closingTags.set(name, new RegExp(`</${name}\\s*>`, 'gi')).get(name)!;

/**
 * Where the closing mark after an offset ends, remembered within one text: each search that finds
 * nothing, or finds a mark, answers every later search from before that mark too, so a text with
 * thousands of unclosed "<script>" or "<!--" is read in one pass, not one per "<".
 */
class Closers {
  private found = new Map<string, { from: number; start: number; end: number }>();
  constructor(private readonly text: string) {}
  /** The offset after the first `key` mark at or after `from` (-1 when there is none); `find`
   *  gives the mark's [start, end) or null. */
  private after(key: string, from: number, find: (from: number) => [number, number] | null): number {
    const f = this.found.get(key);
    if (f && from >= f.from && (f.end < 0 || from <= f.start)) return f.end;
    const m = find(from);
    this.found.set(key, { from, start: m ? m[0] : -1, end: m ? m[1] : -1 });
    return m ? m[1] : -1;
  }
  closingTag(name: string, from: number): number {
    return this.after(name, from, (at) => {
      const re = closingTag(name);
      re.lastIndex = at;
      const m = re.exec(this.text);
      return m ? [m.index, re.lastIndex] : null;
    });
  }
  string(mark: string, from: number): number {
    return this.after(mark, from, (at) => {
      const k = this.text.indexOf(mark, at);
      return k < 0 ? null : [k, k + mark.length];
    });
  }
}

/** A declaration (<!DOCTYPE html>), read as nothing. */
const DECLARATION = /<![A-Za-z][^<>]{0,200}>/y;

/** The tag at text[i] ("<") and what it reads as, or null; the elements of `hidden` read as a line
 *  break up to their closing tag. */
function tagAt(text: string, i: number, closers: Closers, hidden: Set<string>): { text: string; length: number } | null {
  if (text.charCodeAt(i + 1) === 33) {
    // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE …>: nothing; never closed, text
    const end = text.startsWith('<!--', i) ? closers.string('-->', i + 4) : text.startsWith('<![CDATA[', i) ? closers.string(']]>', i + 9) : -2;
    if (end !== -2) return end < 0 ? null : { text: '', length: end - i };
    DECLARATION.lastIndex = i;
    const d = DECLARATION.exec(text);
    return d ? { text: '', length: d[0].length } : null;
  }
  TAG.lastIndex = i;
  const m = TAG.exec(text);
  // a tag's name is in lower or upper case: "<Time for Action>" is a title
  if (!m || (m[1] !== m[1].toLowerCase() && m[1] !== m[1].toUpperCase())) return null;
  const name = m[1].toLowerCase();
  if (hidden.has(name) && text.charCodeAt(i + 1) !== 47) {
    const end = closers.closingTag(name, i + m[0].length);
    return end < 0 ? null : { text: '\n', length: end - i };
  }
  const as = BLOCK_TAGS.has(name) ? '\n' : CELL_TAGS.has(name) ? ' ' : INLINE_TAGS.has(name) ? '' : null;
  return as === null ? null : { text: as, length: m[0].length };
}

/** The characters an entity stands for, or null (an unknown name, a code point no text holds). */
function entityText(m: RegExpExecArray): string | null {
  if (m[4] !== undefined) return NAMED[m[4]];
  if (m[3] !== undefined) return Object.hasOwn(NAMED, m[3]) ? NAMED[m[3]] : null;
  const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

/** A piece of input as read: its text, and for each character its start and end in the input
 *  (`start` and `end` null when the offsets are the input's own). */
interface ReadPiece {
  text: string;
  start: Int32Array | null;
  end: Int32Array | null;
}

/** The text with entities decoded, invisible characters dropped and other spaces plain (see above). */
export function cleanText(text: string, page = false): ReadPiece {
  // Most texts need nothing, and an "&" is mostly "R&D" or "Belt & Road": the map is built only for
  // an entity that decodes or an invisible character.
  const first = CLUTTER.exec(text);
  if (!first) return { text, start: null, end: null };
  let i = first.index;
  const closers = new Closers(text);
  // (a whole page, whose body the extractor did not find: its <head> is hidden too)
  const hidden = page ? HIDDEN_IN_PAGE : HIDDEN_ELEMENTS;
  let drops = false;
  let spaces = false;
  for (; i < text.length && !drops; i++) {
    const c = text.charCodeAt(i);
    if (c === 38) drops = entityAt(text, i) !== null;
    else if (c === 60) drops = tagAt(text, i, closers, hidden) !== null;
    else if (invisible(c) || (c === CR && text.charCodeAt(i + 1) === 10)) drops = true;
    else if (oddSpace(c) || c === CR) spaces = true;
  }
  if (!drops) return { text: spaces ? text.replace(ODD_SPACES, ' ').replace(LONE_CR, '\n') : text, start: null, end: null };
  const parts: string[] = [];
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  let n = 0;
  const put = (s: string, a: number, b: number) => {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (invisible(c)) continue;
      parts.push(oddSpace(c) ? ' ' : s[k]);
      start[n] = a;
      end[n++] = b;
    }
  };
  let run = 0; // start of the run of characters kept as they are
  const flush = (i: number) => {
    if (i > run) parts.push(text.slice(run, i).replace(ODD_SPACES, ' ').replace(LONE_CR, '\n'));
    for (let k = run; k < i; k++) {
      start[n] = k;
      end[n++] = k + 1;
    }
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60) {
      const m = c === 38 ? entityAt(text, i) : tagAt(text, i, closers, hidden);
      if (m) {
        flush(i);
        put(m.text, i, i + m.length);
        i += m.length;
        run = i;
        continue;
      }
    } else if (invisible(c) || (c === CR && text.charCodeAt(i + 1) === 10)) {
      flush(i);
      run = ++i;
      continue;
    }
    i++;
  }
  flush(text.length);
  return { text: parts.join(''), start: start.subarray(0, n), end: end.subarray(0, n) };
}

/** A string as read (cleanText's text), with no allocation where there is nothing to clean. */
export const asRead = (text: string) => (CLUTTER.test(text) ? cleanText(text).text : text);

/** The decodable entity at text[i] ("&"), or null. */
function entityAt(text: string, i: number): { text: string; length: number } | null {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(text);
  const d = m ? entityText(m) : null;
  return m && d !== null ? { text: d, length: m[0].length } : null;
}

// A whole HTML page given as the text (a saved page piped to `silkwatch classify`) carries the
// site's menus, sidebars of other headlines, its <head> and scripts: on a Belt and Road site every
// page names the initiative there, whatever its article is about. Such a text is read as the
// crawler reads the page (crawlers/extract.ts): only the article's body paragraphs, each at its
// own place in the page, so evidence still quotes the text as given.

/** A whole page rather than a text or a fragment of markup: it opens (after a byte-order mark,
 *  spaces and comments) with a doctype or an XML prolog, or with a tag and has a <body> or <html>. */
export function isWholePage(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // (a loop, not a regex: a lazy comment pattern repeated over many comments backtracks
  // exponentially when no doctype follows)
  for (;;) {
    while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
    if (!text.startsWith('<!--', i)) break;
    const end = text.indexOf('-->', i + 4);
    if (end < 0) break;
    i = end + 3;
  }
  if (text.charCodeAt(i) !== 60) return false;
  return PAGE_DECLARED.test(text.slice(i, i + 20)) || PAGE_ELEMENT.test(text);
}
const isSpaceCode = (c: number) => c === 32 || (c >= 9 && c <= 13);
const PAGE_DECLARED = /^(?:<!doctype\s+html|<\?xml)/i;
const PAGE_ELEMENT = /<(?:body|html)[\s>]/i;

/** A character reference in an HTML text node, as the parser reads it (with or without its
 *  semicolon: "&nbspBelt", "&copy2024"). */
const REFERENCE = /&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/g;

/**
 * One text node of a page as read: character references decoded as the HTML parser decodes them
 * (the `entities` library htmlparser2 is built on, so the same as the crawler's extractor reads
 * the node), invisible characters dropped, other spaces and the source's line breaks and tabs
 * read as a space; each character with its [start, end) in the page (offset by `at`).
 */
function readNode(raw: string, at: number, parts: string[], start: number[], end: number[]): void {
  const put = (s: string, a: number, b: number) => {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (invisible(c) || (c === CR && s.charCodeAt(k + 1) === 10)) continue;
      parts.push(oddSpace(c) || (c >= 9 && c <= 13) ? ' ' : s[k]);
      start.push(at + a);
      end.push(at + b);
    }
  };
  let from = 0;
  for (const m of raw.matchAll(REFERENCE)) {
    const decoded = decodeHTML(m[0]);
    if (decoded === m[0]) continue;
    for (let i = from; i < m.index; i++) put(raw[i], i, i + 1);
    put(decoded, m.index, m.index + m[0].length);
    from = m.index + m[0].length;
  }
  for (let i = from; i < raw.length; i++) put(raw[i], i, i + 1);
}

/** A whole page as read: its body paragraphs (articleSpans: the text nodes the crawler's extractor
 *  reads, so no markup and nothing it leaves out, such as a hidden span or a button), each node
 *  read as the parser reads it (readNode), a blank line between paragraphs; null when the page has
 *  no body the extractor finds. */
function readPage(page: string): ReadPiece | null {
  const paragraphs = articleSpans(page);
  if (!paragraphs.length) return null;
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (const ranges of paragraphs) {
    if (parts.length) {
      // The blank line between two paragraphs stands where the second starts (it quotes nothing).
      const a = ranges[0][0];
      parts.push('\n', '\n');
      start.push(a, a);
      end.push(a, a);
    }
    for (const [a, b] of ranges) readNode(page.slice(a, b), a, parts, start, end);
  }
  return { text: parts.join(''), start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** One piece of the input as the classifier reads it: cleaned (cleanText; unless `clean` is false;
 *  a whole page as its body, readPage), then without bracketed pinyin. */
function readPiece(given: string, clean: boolean): ReadPiece {
  const page = clean && isWholePage(given);
  const c = !clean ? { text: given, start: null, end: null } : (page && readPage(given)) || cleanText(given, page);
  const p = dropPinyin(c.text);
  if (!p.at) return c;
  const n = p.text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = p.at[i];
    start[i] = c.start ? c.start[k] : k;
    end[i] = c.end ? c.end[k] : k + 1;
  }
  return { text: p.text, start, end };
}

/** Where each character read starts and ends in the input (see readable): for i from 0 to the
 *  length read (the length read itself gives the input's length). */
export interface OffsetMap {
  start(i: number): number;
  end(i: number): number;
}
const arrayMap = (start: Int32Array, end: Int32Array): OffsetMap => ({ start: (i) => start[i], end: (i) => end[i] });

/**
 * The title and text the classifier reads (cleaned, bracketed pinyin dropped), the title, a blank
 * line and the text as one string, the same as given (`raw`), and the map from the first to the
 * second (null when their offsets are the same). With `clean` false only the pinyin is dropped:
 * a policy's listed items (classify.ts listedMeasures) are stored as the page gave them.
 */
export function readable(title: string, text: string, clean = true): { title: string; text: string; full: string; raw: string; at: OffsetMap | null } {
  const t = readPiece(title, clean);
  const x = readPiece(text, clean);
  const full = `${t.text}\n\n${x.text}`;
  const raw = `${title}\n\n${text}`;
  if (!t.start && !x.start) return { title: t.text, text: x.text, full, raw, at: null };
  const start = new Int32Array(full.length + 1);
  const end = new Int32Array(full.length + 1);
  const tl = t.text.length;
  for (let i = 0; i < tl; i++) {
    start[i] = t.start ? t.start[i] : i;
    end[i] = t.end ? t.end[i] : i + 1;
  }
  for (let i = 0; i < 2; i++) {
    start[tl + i] = title.length + i;
    end[tl + i] = title.length + i + 1;
  }
  const base = title.length + 2;
  for (let i = 0; i < x.text.length; i++) {
    start[tl + 2 + i] = base + (x.start ? x.start[i] : i);
    end[tl + 2 + i] = base + (x.end ? x.end[i] : i + 1);
  }
  start[full.length] = end[full.length] = raw.length;
  return { title: t.text, text: x.text, full, raw, at: arrayMap(start, end) };
}

/** The input's characters of [a, b) of the string read (see readable). */
export function verbatimSpan(at: OffsetMap | null, a: number, b: number): [number, number] {
  if (!at) return [a, b];
  return [at.start(a), b > a ? at.end(b - 1) : at.start(a)];
}

/** A string with a line break inserted at each of the offsets (ascending). */
export const withLineBreaks = (s: string, breaks: number[]) => [...breaks.map((b, i) => s.slice(i ? breaks[i - 1] : 0, b)), s.slice(breaks.at(-1) ?? 0)].join('\n');

/** The string read with a line break inserted at each of the offsets (ascending), its map to the
 *  input (a break maps to no character: it starts and ends where the character after it starts), and
 *  where the breaks now stand (`placed`, null when there are none).
 *  The map counts the breaks before an offset (a binary search): evidence asks for a few offsets. */
export function insertLineBreaks(full: string, at: OffsetMap | null, breaks: number[], rawLength: number): { full: string; at: OffsetMap | null; placed: number[] | null } {
  if (!breaks.length) return { full, at, placed: null };
  const placed = breaks.map((b, k) => b + k); // where each break is in the new string
  const inner = (i: number, side: 'start' | 'end') => (i >= full.length ? (at ? at.start(full.length) : rawLength) : at ? at[side](i) : side === 'start' ? i : i + 1);
  const locate = (i: number, side: 'start' | 'end') => {
    const lo = lowerBound(placed, i);
    // lo breaks lie before i; i is a break itself when placed[lo] === i
    return lo < placed.length && placed[lo] === i ? inner(i - lo, 'start') : inner(i - lo, side);
  };
  return { full: withLineBreaks(full, breaks), at: { start: (i) => locate(i, 'start'), end: (i) => locate(i, 'end') }, placed };
}
