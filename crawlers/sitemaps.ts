// Sitemaps: <urlset> files, <sitemapindex> files (whose children discovery fetches, nested at most
// SITEMAP_MAX_DEPTH deep), gzip'd sitemaps (.xml.gz — recognised by their magic bytes, inflated
// with a size cap) and plain-text sitemaps (one URL per line). <lastmod> is kept, and so are the
// title and publication date of Google News sitemaps (<news:news>).
import { gunzipSync } from 'node:zlib';
import { childElements, elementText, firstChild, loadXml, localName, parseFeedDate } from './feeds.js';

/** Root sitemap = depth 0; an index's children are one deeper; nothing deeper than this is fetched. */
export const SITEMAP_MAX_DEPTH = 2;
/** The sitemaps protocol's own limits: 50 000 URLs and 50 MB (uncompressed) per file. */
export const SITEMAP_MAX_ENTRIES = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export interface SitemapEntry {
  /** Absolute URL (not canonicalised here). */
  url: string;
  /** ISO 8601 instant of <lastmod>, or null. */
  lastmod: string | null;
  /** Google News sitemaps only. */
  title?: string | null;
  published?: string | null;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'index' | 'text' | 'unknown';
  /** Page URLs (urlset / text sitemaps). */
  urls: SitemapEntry[];
  /** Child sitemaps (sitemap index files). */
  sitemaps: SitemapEntry[];
  /** More entries than `maxEntries` were present. */
  truncated: boolean;
}

export interface SitemapOptions {
  contentType?: string | null;
  /** URL of the sitemap itself, for relative locations. */
  baseUrl?: string;
  tz?: string;
  /** Entries read per file (default 50 000). */
  maxEntries?: number;
  /** Cap on the (inflated) size in bytes (default 50 MB). */
  maxBytes?: number;
}

export class SitemapTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`sitemap larger than ${limit} bytes once inflated`);
    this.name = 'SitemapTooLargeError';
  }
}

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates gzip bytes, refusing to produce more than `maxBytes` (a gzip bomb stays a small error). */
export function gunzipCapped(bytes: Buffer, maxBytes = SITEMAP_MAX_BYTES): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new SitemapTooLargeError(maxBytes);
    throw err;
  }
}

function absolute(raw: string | null, base: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Parses one sitemap file (bytes as fetched: gzip'd or not, any declared charset). */
export function parseSitemap(input: Buffer, opts: SitemapOptions = {}): ParsedSitemap {
  const maxBytes = opts.maxBytes ?? SITEMAP_MAX_BYTES;
  const max = opts.maxEntries ?? SITEMAP_MAX_ENTRIES;
  const tz = opts.tz ?? 'Asia/Shanghai';
  let bytes = input;
  // A gzip'd sitemap is often served with Content-Encoding (the HTTP client already inflated it),
  // sometimes as application/x-gzip: the magic bytes decide. The charset header then no longer
  // describes the bytes.
  let contentType = opts.contentType ?? null;
  if (isGzip(bytes)) {
    bytes = gunzipCapped(bytes, maxBytes);
    contentType = null;
  }
  if (bytes.length > maxBytes) throw new SitemapTooLargeError(maxBytes);

  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (!head.startsWith('<')) {
    // Plain-text sitemap: one absolute URL per line.
    const urls: SitemapEntry[] = [];
    let truncated = false;
    for (const line of bytes.toString('utf8').split(/\r?\n/)) {
      const url = /^https?:\/\//i.test(line.trim()) ? absolute(line, opts.baseUrl) : null;
      if (!url) continue;
      if (urls.length >= max) {
        truncated = true;
        break;
      }
      urls.push({ url, lastmod: null });
    }
    return { kind: urls.length ? 'text' : 'unknown', urls, sitemaps: [], truncated };
  }

  const $ = loadXml(bytes, contentType);
  const root = $.root().children().toArray().find((n) => n.type === 'tag');
  const rootName = root ? localName(root) : '';
  const kind: ParsedSitemap['kind'] = rootName === 'sitemapindex' ? 'index' : rootName === 'urlset' ? 'urlset' : 'unknown';
  const childName = kind === 'index' ? 'sitemap' : 'url';
  const out: SitemapEntry[] = [];
  let truncated = false;
  for (const el of root ? childElements(root) : []) {
    if (localName(el) !== childName) continue;
    if (out.length >= max) {
      truncated = true;
      break;
    }
    const url = absolute(elementText($, firstChild(el, 'loc')), opts.baseUrl);
    if (!url) continue;
    const entry: SitemapEntry = { url, lastmod: parseFeedDate(elementText($, firstChild(el, 'lastmod')), tz) };
    const news = firstChild(el, 'news');
    if (news) {
      entry.title = elementText($, firstChild(news, 'title'));
      entry.published = parseFeedDate(elementText($, firstChild(news, 'publication_date')), tz);
    }
    out.push(entry);
  }
  return kind === 'index' ? { kind, urls: [], sitemaps: out, truncated } : { kind, urls: out, sitemaps: [], truncated };
}

/** Newest first by lastmod (entries without one keep their order, after the dated ones). */
export function newestFirst<T extends { lastmod: string | null }>(entries: T[]): T[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      if (a.e.lastmod && b.e.lastmod) return a.e.lastmod < b.e.lastmod ? 1 : a.e.lastmod > b.e.lastmod ? -1 : a.i - b.i;
      if (a.e.lastmod) return -1;
      if (b.e.lastmod) return 1;
      return a.i - b.i;
    })
    .map(({ e }) => e);
}
