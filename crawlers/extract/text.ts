// Article extraction, small text and DOM helpers (weighted length, whitespace collapsing,
// normalised comparison, class / id words, hidden elements, URL resolution, language detection)
// used by every step of crawlers/extract.ts.
import type { AnyNode, Element } from 'domhandler';
import { SKIP_TAGS, HIDDEN_WORDS } from './vocabulary.js';

export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Weighted text length: a Chinese character counts 3, other non-space characters 1. */
export function weight(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000) continue;
    w += (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ? 3 : 1;
  }
  return w;
}

export const collapse = (s: string) => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();

/** Lower-cased text without spaces and punctuation, for comparing titles and lines. */
export const norm = (s: string) => s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/** "X X X" (the same title printed several times) → "X". */
export function dedupeRepeated(s: string): string {
  const t = collapse(s);
  if (t.length < 4) return t;
  for (let n = 4; n >= 2; n--) {
    for (const sep of [' ', '']) {
      const len = (t.length - (n - 1) * sep.length) / n;
      if (!Number.isInteger(len) || len < 2) continue;
      let same = true;
      for (let k = 1; k < n && same; k++) {
        const at = k * (len + sep.length);
        same = t.startsWith(sep, at - sep.length) && t.startsWith(t.slice(0, len), at);
      }
      if (same) return t.slice(0, len);
    }
  }
  return t;
}

export function wordsOf(el: Element): string[] {
  const raw = `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (!a) return false;
  if (a.hidden !== undefined) return true;
  if (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style)) return true;
  if (a.class) for (const w of a.class.toLowerCase().split(/\s+/)) if (HIDDEN_WORDS.has(w)) return true;
  return false;
}

export function classNames(el: Element): string {
  return `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
}

export function elementText(el: AnyNode): string {
  let out = '';
  const visit = (n: AnyNode) => {
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (n.type === 'tag') {
      const e = n as Element;
      if (SKIP_TAGS.has(e.name) && e.name !== 'img') return;
      if (e.name === 'br') out += ' ';
      for (const c of e.children) visit(c);
    }
  };
  visit(el);
  return collapse(out);
}

export function resolveUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith('#')) return null;
  try {
    return new URL(h, base).toString();
  } catch {
    return null;
  }
}

export function detectLang(text: string): 'en' | 'zh' {
  let cjk = 0;
  let latin = 0;
  for (let i = 0, n = Math.min(text.length, 5000); i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
  }
  // One Chinese character carries about as much as a short English word (~4.5 letters).
  return cjk * 4 > latin ? 'zh' : 'en';
}
