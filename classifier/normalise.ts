// What the classifier reads of an input: the title and text as given, less the clutter some copies
// carry, with a map back to the input so evidence stays verbatim.
//
// Mirror and reprint sites print Chinese with the pinyin of characters in brackets ("國家發(fā)展改
// 革委", "《關(guān)于推進共建"一帶一路"綠色發(fā)展的意見》", "中國新聞網(wǎng)"): every such word is split,
// so no phrase, title or issuer is found in it. The bracketed syllable (one with a tone mark, right
// after a Chinese character) is read as if it were not there.

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

/**
 * The title and text the classifier reads (bracketed pinyin dropped), the title, a blank line and
 * the text as one string, the same as given (`raw`), and the map from the first to the second
 * (null when they are the same).
 */
export function readable(title: string, text: string): { title: string; text: string; full: string; raw: string; at: Int32Array | null } {
  const t = dropPinyin(title);
  const x = dropPinyin(text);
  const full = `${t.text}\n\n${x.text}`;
  const raw = `${title}\n\n${text}`;
  if (!t.at && !x.at) return { title, text, full, raw, at: null };
  const at = new Int32Array(full.length + 1);
  const tl = t.text.length;
  for (let i = 0; i < tl; i++) at[i] = t.at ? t.at[i] : i;
  at[tl] = title.length;
  at[tl + 1] = title.length + 1;
  const base = title.length + 2;
  for (let i = 0; i <= x.text.length; i++) at[tl + 2 + i] = base + (x.at ? x.at[i] : i);
  return { title: t.text, text: x.text, full, raw, at };
}

/** The input's characters of [a, b) of the string read (see readable). */
export function verbatimSpan(at: Int32Array | null, a: number, b: number): [number, number] {
  if (!at) return [a, b];
  return [at[a], b > a ? at[b - 1] + 1 : at[a]];
}
