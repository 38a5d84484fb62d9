// Feeds: RSS 2.0, Atom 1.0 and RSS 1.0 (RDF) parsed with cheerio in XML mode into
// { url, title, published } items. Tolerant by design: CDATA, HTML-escaped titles, HTML entities
// that XML does not define (&nbsp;), missing fields, relative links, and GBK-declared XML that the
// server labels without a charset (common on Chinese government sites). XML mode never expands DTD
// entities, so entity bombs and external entities are inert.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { decodeHtml } from './decode.js';

export interface FeedItem {
  /** Absolute URL of the item (resolved against the feed URL; not canonicalised here). */
  url: string;
  title: string | null;
  /** ISO 8601 instant (`2024-04-08T01:30:00.000Z`), or null when absent or unreadable. */
  published: string | null;
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'rdf' | 'unknown';
  title: string | null;
  items: FeedItem[];
}

export interface FeedOptions {
  /** The Content-Type header of the response (its charset wins over the XML declaration). */
  contentType?: string | null;
  /** URL of the feed itself, for relative links. */
  baseUrl?: string;
  /** Zone of dates that carry none (default Asia/Shanghai). */
  tz?: string;
  /** At most this many items (default 10 000). */
  maxItems?: number;
}

/**
 * Decodes XML bytes: a byte-order mark, else the charset of the Content-Type header (RFC 7303: it
 * wins over the document), else the XML declaration's `encoding`, else what decodeHtml finds
 * (<meta charset> of HTML served as XML, UTF-8). The declaration is handed to decodeHtml as if the
 * header had said it, so decodeHtml's check of the label against the bytes still applies.
 */
export function decodeXml(bytes: Buffer, contentType: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return stripBom(decodeHtml(bytes, null, 'utf-8'));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return stripBom(decodeHtml(bytes, null, 'utf-16le'));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return stripBom(decodeHtml(bytes, null, 'utf-16be'));
  if (contentType && /charset\s*=/i.test(contentType)) return stripBom(decodeHtml(bytes, contentType));
  const head = bytes.subarray(0, 512).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  return stripBom(decodeHtml(bytes, declared ? `${contentType || 'application/xml'}; charset=${declared}` : contentType));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Loads XML text (or bytes, decoded with `decodeXml`) into cheerio's XML mode. */
export function loadXml(input: Buffer | string, contentType: string | null = null): cheerio.CheerioAPI {
  const text = typeof input === 'string' ? stripBom(input) : decodeXml(input, contentType);
  return cheerio.load(text, { xml: true });
}

/** Local name in lower case: `dc:date` → `date`, `pubDate` → `pubdate`. */
export function localName(node: AnyNode): string {
  const name = (node as Element).name ?? '';
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function childElements(node: AnyNode): Element[] {
  return ((node as Element).children ?? []).filter(isElement);
}

/** First child element whose local name is one of `names` (in the order of `names`). */
export function firstChild(node: AnyNode, ...names: string[]): Element | undefined {
  const children = childElements(node);
  for (const name of names) {
    const hit = children.find((c) => localName(c) === name);
    if (hit) return hit;
  }
  return undefined;
}

/** Text of an element: CDATA included, markup inside escaped HTML removed, whitespace collapsed. */
export function elementText($: cheerio.CheerioAPI, el: Element | undefined): string | null {
  if (!el) return null;
  let text = $(el).text();
  // Feed titles are very often HTML (escaped or in CDATA), and XML mode leaves HTML-only entities
  // such as &nbsp; or &rsquo; undecoded: a second pass through the HTML parser cleans both.
  if (/[<&]/.test(text)) text = cheerio.load(`<div>${text}</div>`).root().text();
  text = text.replace(/\s+/g, ' ').trim();
  return text || null;
}

function resolve(raw: string | null | undefined, base: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates: RFC 822 (RSS pubDate), W3C/ISO 8601 (Atom, dc:date, sitemaps), and the zone-less
// "2024-04-08 09:30:00" that Chinese CMSs print. A missing zone means the source's zone.

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** Offset of `tz` at `instant`, in minutes east of UTC. */
function zoneOffsetMinutes(instant: number, tz: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The instant at which the wall clock of `tz` shows the given local time. */
function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let instant = wall - zoneOffsetMinutes(wall, tz) * 60_000;
  instant = wall - zoneOffsetMinutes(instant, tz) * 60_000; // second pass across a DST change
  return instant;
}

function offsetMinutes(zone: string | undefined, tz: string): number | null {
  if (!zone) return null;
  const z = zone.toUpperCase();
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const named: Record<string, number> = { Z: 0, UT: 0, UTC: 0, GMT: 0, EST: -300, EDT: -240, MST: -420, MDT: -360, PST: -480, PDT: -420, CDT: -300, BJT: 480, HKT: 480 };
  // "CST" is US Central in RFC 822 but China Standard Time on Chinese servers.
  if (z === 'CST') return tz === 'Asia/Shanghai' || tz === 'Asia/Chongqing' || tz === 'Asia/Hong_Kong' || tz === 'Asia/Taipei' ? 480 : -360;
  return named[z] ?? null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string | undefined, tz: string): string | null {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null; // 2024-02-30
  const offset = offsetMinutes(zone, tz);
  const instant = offset === null ? zonedInstant(y, mo, d, h, mi, Math.min(s, 59), tz) : Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offset * 60_000;
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** Parses a feed or sitemap date into an ISO instant; dates without a zone are read in `tz`. */
export function parseFeedDate(raw: string | null | undefined, tz = 'Asia/Shanghai'): string | null {
  const text = raw?.trim();
  if (!text) return null;
  // ISO 8601 / W3C-DTF: 2024-04-08, 2024-04-08T09:30+08:00, 2024-04-08 09:30:00, 2024/4/8 9:30
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?$/i.exec(text);
  if (m) return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7], tz);
  // RFC 822 / 1123: "Mon, 08 Apr 2024 09:30:00 +0800", "8 Apr 2024 09:30 GMT", "Mon, 08 Apr 2024"
  m = /^(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{4}|[A-Za-z]{1,4})?/.exec(text);
  if (m && MONTHS[m[2].toLowerCase()]) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return build(year, MONTHS[m[2].toLowerCase()], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7], tz);
  }
  // Chinese: 2024年04月08日 09:30
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (m) return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), undefined, tz);
  return null;
}

// ---------------------------------------------------------------------------------------------

function atomLink($: cheerio.CheerioAPI, entry: Element, base: string | undefined): string | null {
  const links = childElements(entry).filter((c) => localName(c) === 'link');
  const rel = (l: Element) => ($(l).attr('rel') ?? 'alternate').trim().toLowerCase();
  const alternates = links.filter((l) => rel(l) === 'alternate');
  const preferred = alternates.find((l) => /html/i.test($(l).attr('type') ?? 'text/html')) ?? alternates[0];
  const href = preferred ? ($(preferred).attr('href') ?? $(preferred).text()) : null;
  const url = resolve(href, base);
  if (url) return url;
  // No alternate link: an <id> that is itself an http(s) URL is the article's address.
  const id = elementText($, firstChild(entry, 'id'));
  return id && /^https?:\/\//i.test(id) ? resolve(id, base) : null;
}

function rssLink($: cheerio.CheerioAPI, item: Element, base: string | undefined): string | null {
  for (const link of childElements(item).filter((c) => localName(c) === 'link')) {
    // <link>url</link>, or an <atom:link href> inside an RSS item.
    const rel = ($(link).attr('rel') ?? 'alternate').toLowerCase();
    if (rel !== 'alternate') continue;
    const url = resolve($(link).attr('href') ?? $(link).text(), base);
    if (url) return url;
  }
  const about = resolve($(item).attr('rdf:about'), base);
  if (about) return about;
  const guid = firstChild(item, 'guid');
  if (guid && ($(guid).attr('isPermaLink') ?? $(guid).attr('ispermalink') ?? 'true').trim().toLowerCase() !== 'false') {
    const text = $(guid).text().trim();
    if (/^https?:\/\//i.test(text)) return resolve(text, base);
  }
  // Feedburner and similar keep the original address here.
  const orig = elementText($, firstChild(item, 'origlink'));
  return orig ? resolve(orig, base) : null;
}

/** Parses an RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 document. Items without any usable URL are dropped. */
export function parseFeed(input: Buffer | string, opts: FeedOptions = {}): ParsedFeed {
  const tz = opts.tz ?? 'Asia/Shanghai';
  const max = opts.maxItems ?? 10_000;
  const $ = loadXml(input, opts.contentType ?? null);
  const root = $.root().children().toArray().find(isElement);
  const rootName = root ? localName(root) : '';
  const kind: ParsedFeed['kind'] = rootName === 'feed' ? 'atom' : rootName === 'rss' ? 'rss' : rootName === 'rdf' ? 'rdf' : 'unknown';
  const base = opts.baseUrl;
  const items: FeedItem[] = [];

  if (kind === 'atom') {
    const feedBase = resolve(root && $(root).attr('xml:base'), base) ?? base;
    for (const entry of childElements(root!).filter((c) => localName(c) === 'entry')) {
      if (items.length >= max) break;
      const entryBase = resolve($(entry).attr('xml:base'), feedBase) ?? feedBase;
      const url = atomLink($, entry, entryBase);
      if (!url) continue;
      const date = firstChild(entry, 'published', 'issued', 'updated', 'modified', 'date');
      items.push({ url, title: elementText($, firstChild(entry, 'title')), published: parseFeedDate(date && $(date).text(), tz) });
    }
    return { kind, title: root ? elementText($, firstChild(root, 'title')) : null, items };
  }

  // RSS 2.0 (<rss><channel><item>), RSS 1.0 (<rdf:RDF><channel/><item/>), or anything else that
  // holds <item>s: take every item wherever it sits.
  const channel = root ? (firstChild(root, 'channel') ?? root) : undefined;
  $('*').each((_, el) => {
    if (items.length >= max || !isElement(el) || localName(el) !== 'item') return;
    const url = rssLink($, el, base);
    if (!url) return;
    const date = firstChild(el, 'pubdate', 'date', 'published', 'issued', 'updated', 'modified');
    items.push({ url, title: elementText($, firstChild(el, 'title')), published: parseFeedDate(date && $(date).text(), tz) });
  });
  return { kind, title: channel ? elementText($, firstChild(channel, 'title')) : null, items };
}

/** True when the text looks like a feed rather than a sitemap or an HTML page. */
export function looksLikeFeed(text: string): boolean {
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 4096));
}
