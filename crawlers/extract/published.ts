// Article extraction, step 5: the publish date — date hint, JSON-LD, meta tags, <time>, then the
// header region, lines after the body and a closing signature date. Called by crawlers/extract.ts
// once the title line and body are known.
import type * as cheerio from 'cheerio';
import { findDates, parseDateValue, parsePublished } from '../dates.js';
import { DATE_LABEL, PUBLISH_LABEL, WEEKDAY, TODAY } from './vocabulary.js';
import { collapse } from './text.js';
import type { Page } from './measure.js';
import type { Line } from './lines.js';
import { isMetaLine } from './classify.js';

const META_DATE_KEYS = [
  'pubdate', 'publishdate', 'publish_date', 'publish-date', 'publishtime', 'pubtime', 'published_time', 'published-date',
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'datepublished',
  'dc.date.issued', 'dc.date', 'dc.date.created', 'dcterms.issued', 'dcterms.date', 'dcterms.created', 'firstpublishedtime',
  'releasedate', 'release_date', 'sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'weibo:article:create_at',
];

export function pickPublished(page: Page, $: cheerio.CheerioAPI, dateHint: string | undefined, header: Line[], after: Line[], all: Line[], paragraphs: string[], tz: string, near: Line[]): string | null {
  if (dateHint) {
    const d = parsePublished(collapse($(dateHint).first().text()), tz);
    if (d) return d;
  }
  for (const node of page.meta.jsonLd) {
    const v = node.datePublished ?? node.dateCreated;
    if (typeof v === 'string') {
      const d = parseDateValue(v, tz);
      if (d) return d;
    }
  }
  for (const key of META_DATE_KEYS) {
    const v = page.meta.byName.get(key);
    if (v) {
      const d = parseDateValue(v, tz);
      if (d) return d;
    }
  }
  // <time itemprop="datePublished" datetime="…"> and <time pubdate>
  if (page.meta.timeValue) {
    const d = parseDateValue(page.meta.timeValue, tz);
    if (d) return d;
  }
  // The article head: a publish label first, then any date label, then the first date.
  const head = joined(header);
  for (const t of head) {
    const d = labelledDate(t, tz, true);
    if (d) return d;
  }
  for (const t of head) {
    const d = labelledDate(t, tz);
    if (d) return d;
  }
  for (const t of head) {
    const d = findDates(t, tz)[0];
    if (d && isMetaLine(t, tz)) return d.value;
  }
  // A labelled date line after the body ("Date: 2018-03-26 10:50").
  for (const t of joined(after)) {
    const d = labelledDate(t, tz);
    if (d) return d;
  }
  // A publish-labelled date anywhere outside furniture and link lists (government information tables).
  const usable = all.filter((l) => l.linkRatio < 0.5 && l.text.length <= 120 && !(l.listItem && l.linkRatio > 0));
  for (const t of joined(usable)) {
    const d = labelledDate(t, tz, true);
    if (d) return d;
  }
  // A bare date line right above the title or right after the body.
  for (const l of near) {
    const d = findDates(l.text, tz)[0];
    if (d) return d.value;
  }
  // A release or signature date closing the body (2023年9月14日（星期四）, 二〇二四年四月八日).
  for (const p of paragraphs.slice(-3).reverse()) {
    if (p.length <= 30) {
      const ds = findDates(p, tz);
      const rest = ds.length === 1 ? p.replace(ds[0].match, '').replace(WEEKDAY, '').replace(/[\s()（）,，]/g, '') : 'x'.repeat(9);
      if (rest.length <= 2) return ds[0].value;
    }
  }
  return null;
}

/** Line texts, a bare label cell ("发布日期：") joined with the value cell that follows it. */
export function joined(lines: Line[]): string[] {
  return lines.map((l, i) => (/^[^:：]{1,14}[:：]$/.test(l.text) && lines[i + 1] ? `${l.text} ${lines[i + 1].text}` : l.text));
}

/** The date right after a date label in `text` ("发布时间：2024-04-08", "Updated: Apr 8, 2024"). */
function labelledDate(text: string, tz: string, publishOnly = false): string | null {
  if (TODAY.test(text)) return null;
  for (const d of findDates(text, tz)) {
    const before = text.slice(Math.max(0, d.index - 24), d.index);
    if ((publishOnly ? PUBLISH_LABEL : DATE_LABEL).test(before)) return d.value;
  }
  return null;
}
