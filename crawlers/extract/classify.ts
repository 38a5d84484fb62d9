// Article extraction, line classification: meta lines (datelines, labels), boilerplate lines, and
// the source / issuer / document-number readers applied to header and body lines by
// crawlers/extract.ts and the publish-date step (extract/published.ts).
import { findDates } from '../dates.js';
import { DOC_NUMBER, DOC_NUMBER_2, LABEL_WORDS, LABEL_AT_START, SOURCE_LABEL, NEXT_LABEL, BOILER_LINE, BREADCRUMB_LINE, TODAY, ZH_GOV_BODY, EN_GOV_BODY, EN_MEDIA } from './vocabulary.js';
import { CJK, norm, dedupeRepeated } from './text.js';
import type { Line } from './lines.js';

/** A line of the article head: dates, times, source / author labels, counters, print links. */
export function isMetaLine(text: string, tz: string): boolean {
  if (text.length > 200) return false;
  if (TODAY.test(text)) return false;
  if (LABEL_AT_START.test(text)) return true;
  if (/[。！？]$|[a-z]{2}[.!?]$/.test(text)) return false; // a sentence, not a dateline
  const dates = findDates(text, tz);
  if (!dates.length) return false;
  let rest = text;
  for (const d of dates) rest = rest.replace(d.match, ' ');
  rest = rest
    .replace(new RegExp(`(?:${LABEL_WORDS})\\s*[:：]`, 'gi'), ' ')
    .replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/g, ' ')
    .replace(/\b(?:gmt|utc|bjt|cst)\s*[+-]?\d*\b/gi, ' ')
    .replace(/\b(?:print|share|updated|by)\b/gi, ' ');
  const words = rest.match(/[A-Za-z0-9.'’-]+|[\u3400-\u9fff]/g) ?? [];
  const cjk = words.filter((w) => CJK.test(w)).length;
  const latin = words.length - cjk;
  return latin <= 6 && cjk <= 16;
}

export function isBoilerLine(line: Line, title: string | null): boolean {
  const t = line.text;
  if (t.length <= 80 && BOILER_LINE.test(t)) return true;
  if (t.length <= 200 && BREADCRUMB_LINE.test(t)) return true;
  if (title && norm(dedupeRepeated(t)) === norm(title)) return true;
  if (line.linkRatio >= 0.6 && !line.hasFile) return true;
  return false;
}

export function sourceFrom(text: string): string | null {
  const m = SOURCE_LABEL.exec(text);
  if (!m) return null;
  let v = text.slice(m.index + m[0].length);
  const cut = NEXT_LABEL.exec(v);
  if (cut) v = v.slice(0, cut.index);
  const d = findDates(v)[0];
  if (d) v = v.slice(0, d.index);
  v = v.replace(/^[\s:：]+|[\s)）\]】.,;，。；]+$/g, '').trim();
  return v && v.length <= 80 ? v : null;
}

export function stripSourceLabel(text: string): string {
  return text.replace(/^\s*(?:sources?|来源|文章来源|信息来源|稿源|來源)\s*[:：]\s*/i, '').replace(/[\s)）\]】]+$/, '').trim();
}

export function looksLikeGovBody(s: string): boolean {
  const v = s.trim();
  if (!v || v.length > 60) return false;
  if (CJK.test(v)) {
    if (v.split(/[、，,\s]+/).length > 2) return false;
    return ZH_GOV_BODY.test(v);
  }
  return EN_GOV_BODY.test(v) && !EN_MEDIA.test(v) && !v.includes(',');
}

export function docNumberIn(text: string): string | null {
  const m = DOC_NUMBER.exec(text) ?? DOC_NUMBER_2.exec(text);
  return m ? m[0].replace(/\s+/g, '') : null;
}
