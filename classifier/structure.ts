// Document structure: the numbered / lettered items a policy document lists (for "measures a new
// policy lists join the catalog"), verbatim, with their section path.
//
// A paragraph is an item when it starts with a list marker. Marker families, each its own level:
//   "1." "1、" "1)"   "(1)" "（1）"   "(a)" "a)"   "一、" "一是"   "（一）"   "①"
//   "First," "Second," … "Finally,"   "第一，" …
// The first family met is level 1, the next new family level 2, and so on; meeting an earlier
// family again closes the deeper levels (the usual shape of Chinese and English policy texts).
// A family counts only when it marks at least two items, so one "1." is no list.

export interface ListedItem {
  title: string;
  text: string;
  sectionPath: string[];
}

interface Marker {
  family: string;
  length: number;
}

const CN_NUM = '一二三四五六七八九十';
const ORDINALS = /^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Firstly|Secondly|Thirdly|Fourthly|Fifthly|Finally|Lastly)(?:ly)?\s*[,，:：]\s*/;

// (The characters their markers start with are listed again in MARKER_START: a new family's go there too.)
const FAMILIES: { family: string; re: RegExp }[] = [
  { family: 'num', re: /^\d{1,2}\s*[.．、]\s*(?=\S)(?!\d)/ },
  { family: 'num-paren', re: /^(?:[(（]\d{1,2}[)）]|\d{1,2}[)）])\s*/ },
  { family: 'letter', re: /^(?:[(（][a-zA-Z][)）]|[a-z][)）])\s*/ },
  { family: 'cn', re: new RegExp(`^[${CN_NUM}]{1,3}(?:、|是)\\s*`) },
  { family: 'cn-paren', re: new RegExp(`^[(（][${CN_NUM}]{1,3}[)）]\\s*`) },
  { family: 'circled', re: /^[\u2460-\u2473]\s*/ },
  { family: 'ordinal', re: ORDINALS },
  { family: 'cn-ordinal', re: new RegExp(`^第[${CN_NUM}]{1,3}[，,、：:]\\s*`) },
];

/** The characters a family's marker can start with: a digit, ( （, a lower-case letter, 一 … 十, ①
 *  … ⑳, the first letters of ORDINALS, 第. A line starting with any other is tried against no
 *  family's regex (most paragraphs: listItems reads every one). */
const MARKER_START = new Uint8Array(65536);
for (const c of `0123456789(（abcdefghijklmnopqrstuvwxyz${CN_NUM}FSTENL第`) MARKER_START[c.charCodeAt(0)] = 1;
for (let c = 0x2460; c <= 0x2473; c++) MARKER_START[c] = 1;

function markerOf(line: string): Marker | null {
  if (!MARKER_START[line.charCodeAt(0)]) return null;
  for (const f of FAMILIES) {
    const m = f.re.exec(line);
    if (m && m[0].length < line.length) return { family: f.family, length: m[0].length };
  }
  return null;
}

/** The first sentence (or clause before a colon) of an item, at most ~160 characters. */
function itemTitle(text: string): string {
  const m = /^(.{8,160}?)(?:[.。;；:：](?:\s|$)|[。；：])/.exec(text);
  let title = (m ? m[1] : text).trim();
  if (title.length > 160) title = `${title.slice(0, 157).replace(/\s+\S*$/, '')}…`;
  return title;
}

interface Paragraph {
  start: number;
  end: number;
}

function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let i = 0;
  while (i < text.length) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    let s = i;
    let e = j;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    i = j + 1;
  }
  return out;
}

/** The numbered / lettered items of a text, verbatim (the marker itself left out of `text`). */
export function listItems(title: string, text: string): ListedItem[] {
  const paras = paragraphs(text);
  const marked = paras.map((p) => ({ p, m: markerOf(text.slice(p.start, p.end)) }));
  const counts = new Map<string, number>();
  for (const { m } of marked) if (m) counts.set(m.family, (counts.get(m.family) ?? 0) + 1);
  const levels: string[] = [];
  const stack: string[] = [];
  const items: ListedItem[] = [];
  for (const { p, m } of marked) {
    if (!m || (counts.get(m.family) ?? 0) < 2) continue;
    let level = levels.indexOf(m.family);
    if (level < 0) {
      levels.length = stack.length;
      levels.push(m.family);
      level = levels.length - 1;
    }
    stack.length = level;
    const line = text.slice(p.start, p.end);
    const body = text.slice(p.start + m.length, p.end).trim();
    if (!body) continue;
    items.push({ title: itemTitle(body), text: body, sectionPath: [title.trim(), ...stack] });
    stack.push(line);
  }
  return items;
}
