// Discovery: one Crawlee CheerioCrawler run over a source's listing pages, feeds (RSS/Atom) and
// sitemaps, collecting the article URLs that match the source's `articles` patterns (canonical
// form; navigation and listing pages fail the patterns and are dropped). Listing pagination — a
// URL template or a "next" link — goes on until a page brings no article the database does not
// already know (`known`), no next link, or `maxPages`. Sitemap indexes are followed at most
// SITEMAP_MAX_DEPTH deep. `<link rel=canonical>` of articles is the fetch stage's business.
// Each run has its own in-memory request queue (Crawlee's default queue is process-wide) and
// leaves no ./storage behind.
import { CheerioCrawler, Configuration, Log, Logger, LogLevel, RequestQueue, type CheerioCrawlingContext } from '@crawlee/cheerio';
import { MemoryStorage } from '@crawlee/memory-storage';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import type { Logger as Pino } from 'pino';
import type { Source } from '../config/sources.js';
import { canonicalUrl } from './canonical.js';
import { decodeHtml } from './decode.js';
import { parseFeed, type FeedItem } from './feeds.js';
import type { HostGuard } from './host-guard.js';
import { noPoliteness, type Politeness } from './politeness.js';
import { newestFirst, parseSitemap, SITEMAP_MAX_BYTES, SITEMAP_MAX_DEPTH, type SitemapEntry } from './sitemaps.js';

export interface DiscoverOptions {
  userAgent: string;
  guard: HostGuard;
  politeness?: Politeness;
  log: Pino;
  /** Which of these canonical URLs are already stored (pagination stops at a page with nothing new). */
  known: (urls: string[]) => Promise<Set<string>>;
  /** Crawlee concurrency floor; the bench raises it, polite defaults keep the source's own limit. */
  minConcurrency?: number;
  /** Article URLs taken from sitemaps per run, newest <lastmod> first within a file (default 5 000). */
  maxSitemapUrls?: number;
  /** Cap on one feed's or sitemap's size once inflated (default 50 MB). */
  maxXmlBytes?: number;
}

export type DiscoveryKind = 'listing' | 'feed' | 'sitemap';

export interface Discovery {
  /** Canonical article URLs, each once, in the order they were found. */
  articleUrls: string[];
  /** HTML listing pages fetched and read (pagination included; a 404 is a failure, not a page). */
  listingPages: number;
  failures: { url: string; reason: string }[];
  /** Feed items whose URL is an article (canonical URL), first occurrence of each URL. */
  feedItems: FeedItem[];
  /** Sitemap entries whose URL is an article (canonical URL), first occurrence of each URL. */
  sitemapUrls: SitemapEntry[];
  /** Documents read per kind (sitemaps: every file, index files included). */
  pages: Record<DiscoveryKind, number>;
  /** Distinct article URLs each kind brought (a URL found by two kinds counts for both). */
  found: Record<DiscoveryKind, number>;
  /** Body bytes received (after Content-Encoding, before gunzip of .xml.gz). */
  bytes: number;
}

/** The response's own Content-Type, kept aside while Crawlee is told the body is opaque bytes. */
const ORIGINAL_CONTENT_TYPE = 'x-silkwatch-content-type';

/** Routes Crawlee's own log lines into our pino logger (Crawlee prints to stdout otherwise). */
class PinoBridge extends Logger {
  constructor(private readonly pino: Pino) {
    super({});
  }
  override _log(level: LogLevel, message: string, data?: Record<string, unknown>): void {
    const target = level <= LogLevel.ERROR ? 'error' : level === LogLevel.WARNING ? 'warn' : 'debug';
    this.pino[target]({ crawlee: true, ...data }, message);
  }
}

function pageUrl(source: Source, n: number): string | null {
  const p = source.pagination;
  return p && 'template' in p ? p.template.replace('{n}', String(n)) : null;
}

/** The listing a page template continues: the one sharing the longest prefix with the template. */
function templateOwner(source: Source): number {
  const p = source.pagination;
  if (!p || !('template' in p)) return -1;
  const stem = p.template.slice(0, p.template.indexOf('{n}'));
  let best = 0;
  let bestLength = -1;
  source.listing.forEach((url, i) => {
    let n = 0;
    while (n < url.length && n < stem.length && url[n] === stem[n]) n++;
    if (n > bestLength) [best, bestLength] = [i, n];
  });
  return best;
}

const sameHost = (a: string, b: string) => new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();

export async function discoverArticles(source: Source, opts: DiscoverOptions): Promise<Discovery> {
  const patterns = source.articles.map((p) => new RegExp(p));
  const maxPages = source.pagination?.maxPages ?? 1;
  const maxSitemapUrls = opts.maxSitemapUrls ?? 5_000;
  const maxXmlBytes = opts.maxXmlBytes ?? SITEMAP_MAX_BYTES;
  const owner = templateOwner(source);
  const found = new Set<string>();
  const listingSeen = new Set<string>();
  const byKind: Record<DiscoveryKind, Set<string>> = { listing: new Set(), feed: new Set(), sitemap: new Set() };
  const pages: Record<DiscoveryKind, number> = { listing: 0, feed: 0, sitemap: 0 };
  const feedItems = new Map<string, FeedItem>();
  const sitemapUrls = new Map<string, SitemapEntry>();
  const failures: Discovery['failures'] = [];
  let bytes = 0;
  let sitemapCapLogged = false;

  /** Canonical form when it is an article URL, else null. */
  const article = (href: string, base: string): string | null => {
    let url: string;
    try {
      url = canonicalUrl(href, base);
    } catch {
      return null;
    }
    return patterns.some((re) => re.test(url)) ? url : null;
  };
  const add = (url: string, kind: DiscoveryKind) => {
    found.add(url);
    byKind[kind].add(url);
  };

  const config = new Configuration({ persistStorage: false, purgeOnStart: false, storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }) });
  const requestQueue = await RequestQueue.open(`crawl-${source.id}-${randomUUID()}`, { config });
  const log = new PinoBridge(opts.log);
  const politeness = opts.politeness ?? noPoliteness;
  // Slots held in the cross-process gate, released once Crawlee has the response (or gave up).
  const held = new Map<string, () => Promise<void>>();
  const release = async (requestId: string | undefined) => {
    const done = requestId ? held.get(requestId) : undefined;
    if (requestId) held.delete(requestId);
    await done?.();
  };

  async function onListing(request: CheerioCrawlingContext['request'], body: Buffer, contentType: string | null): Promise<void> {
    pages.listing++;
    const page = request.userData.page as number;
    const base = request.loadedUrl ?? request.url;
    const $ = cheerio.load(decodeHtml(body, contentType));
    const onPage = new Set<string>();
    $('a[href]').each((_, a) => {
      const url = article($(a).attr('href') ?? '', base);
      if (url) onPage.add(url);
    });
    // "Fresh" is relative to the listing pages of this run only: an article a feed or sitemap
    // already brought must not cut the pagination short.
    const fresh = [...onPage].filter((u) => !listingSeen.has(u));
    for (const u of fresh) {
      listingSeen.add(u);
      add(u, 'listing');
    }
    const known = fresh.length ? await opts.known(fresh) : new Set<string>();
    const unknown = fresh.filter((u) => !known.has(u));
    // A page that brings no unknown article means we have caught up with the archive.
    if (page >= maxPages || unknown.length === 0) return;
    const p = source.pagination;
    let next: string | null = null;
    if (p && 'next' in p) {
      const href = $(p.next).first().attr('href');
      try {
        next = href && !/^\s*javascript:/i.test(href) ? new URL(href, base).toString() : null;
      } catch {
        next = null;
      }
    } else if (request.userData.chain === owner) {
      next = pageUrl(source, page + 1);
    }
    if (next) await requestQueue.addRequest({ url: next, uniqueKey: next, userData: { kind: 'listing', page: page + 1, chain: request.userData.chain } });
  }

  function onFeed(request: CheerioCrawlingContext['request'], body: Buffer, contentType: string | null): void {
    if (body.length > maxXmlBytes) throw new Error(`feed larger than ${maxXmlBytes} bytes`);
    pages.feed++;
    const feed = parseFeed(body, { contentType, baseUrl: request.loadedUrl ?? request.url, tz: source.tz });
    for (const item of feed.items) {
      const url = article(item.url, item.url);
      if (!url || feedItems.has(url)) continue;
      feedItems.set(url, { ...item, url });
      add(url, 'feed');
    }
    if (feed.kind === 'unknown') opts.log.warn({ url: request.url }, 'feed is neither RSS nor Atom');
  }

  async function onSitemap(request: CheerioCrawlingContext['request'], body: Buffer, contentType: string | null): Promise<void> {
    pages.sitemap++;
    const depth = request.userData.depth as number;
    const base = request.loadedUrl ?? request.url;
    const sitemap = parseSitemap(body, { contentType, baseUrl: base, tz: source.tz, maxBytes: maxXmlBytes });
    if (sitemap.truncated) opts.log.warn({ url: request.url }, 'sitemap holds more entries than read');
    for (const child of sitemap.sitemaps) {
      if (depth + 1 > SITEMAP_MAX_DEPTH) {
        opts.log.debug({ url: child.url, depth: depth + 1 }, 'sitemap nested too deep, not read');
        continue;
      }
      if (!sameHost(child.url, base)) {
        opts.log.debug({ url: child.url, index: request.url }, 'sitemap on another host, not read');
        continue;
      }
      await requestQueue.addRequest({ url: child.url, uniqueKey: `sitemap:${child.url}`, userData: { kind: 'sitemap', depth: depth + 1 } });
    }
    for (const entry of newestFirst(sitemap.urls)) {
      const url = article(entry.url, entry.url);
      if (!url || sitemapUrls.has(url)) continue;
      if (sitemapUrls.size >= maxSitemapUrls) {
        if (!sitemapCapLogged) opts.log.warn({ max: maxSitemapUrls }, 'sitemap article cap reached; the rest is left for later crawls');
        sitemapCapLogged = true;
        break;
      }
      sitemapUrls.set(url, { ...entry, url });
      add(url, 'sitemap');
    }
  }

  const crawler = new CheerioCrawler(
    {
      requestQueue,
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxRequestRetries: 2,
      requestHandlerTimeoutSecs: 60,
      navigationTimeoutSecs: 30,
      minConcurrency: Math.min(opts.minConcurrency ?? 1, source.politeness.perHostConcurrency),
      maxConcurrency: source.politeness.perHostConcurrency,
      sameDomainDelaySecs: source.politeness.delayMs / 1000,
      // Feeds and sitemaps come under many labels (and gzip'd sitemaps as archives).
      additionalMimeTypes: [
        'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml',
        'application/x-gzip', 'application/gzip', 'application/octet-stream', 'text/plain',
      ],
      log: new Log({ logger: log, level: LogLevel.INFO }),
      // Our User-Agent, not Crawlee's browser-like generated headers: sites must see who we are.
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await opts.guard.check(request.url);
          await release(request.id); // a retry of the same request
          held.set(request.id!, await politeness.acquire(request.url, source.politeness, opts.userAgent));
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': opts.userAgent };
          gotOptions.headerGeneratorOptions = undefined;
          gotOptions.useHeaderGenerator = false;
        },
      ],
      postNavigationHooks: [
        async ({ request, response }) => {
          await release(request.id);
          const status = response?.statusCode;
          if (status === 429 || status === 503) await politeness.backOff(request.url, String(response?.headers['retry-after'] ?? '') || null);
        },
        // Crawlee has checked the Content-Type against additionalMimeTypes by now. Every body is
        // wanted as the raw bytes: Crawlee decodes text with the header's charset only (or UTF-8),
        // which garbles GBK pages and feeds that declare their charset in the document.
        async ({ response }) => {
          if (!response?.headers) return;
          response.headers[ORIGINAL_CONTENT_TYPE] = response.headers['content-type'] ?? '';
          response.headers['content-type'] = 'application/octet-stream';
        },
      ],
      async requestHandler({ request, response, body }: CheerioCrawlingContext) {
        const kind = (request.userData.kind ?? 'listing') as DiscoveryKind;
        const status = response.statusCode ?? 0;
        if (status === 429) throw new Error('429 Too Many Requests'); // retried after the back-off
        if (status >= 400) {
          // A template page past the last one is the end of the listing, not a failure.
          if (!(kind === 'listing' && (request.userData.page as number) > 1)) failures.push({ url: request.url, reason: `HTTP ${status}` });
          return;
        }
        const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
        bytes += raw.length;
        const contentType = String(response.headers[ORIGINAL_CONTENT_TYPE] ?? '') || null;
        try {
          if (kind === 'feed') onFeed(request, raw, contentType);
          else if (kind === 'sitemap') await onSitemap(request, raw, contentType);
          else await onListing(request, raw, contentType);
        } catch (err) {
          if (kind === 'listing') throw err; // e.g. `known` failing: let Crawlee retry
          // A malformed or oversized feed or sitemap does not get better by asking again.
          failures.push({ url: request.url, reason: (err as Error).message.split('\n')[0] });
        }
      },
      async failedRequestHandler({ request }, error) {
        await release(request.id);
        failures.push({ url: request.url, reason: error.message.split('\n')[0] });
      },
    },
    config,
  );

  try {
    await requestQueue.addRequests([
      ...source.listing.map((url, chain) => ({ url, uniqueKey: url, userData: { kind: 'listing', page: 1, chain } })),
      ...source.feeds.map((url) => ({ url, uniqueKey: `feed:${url}`, userData: { kind: 'feed' } })),
      ...source.sitemaps.map((url) => ({ url, uniqueKey: `sitemap:${url}`, userData: { kind: 'sitemap', depth: 0 } })),
    ]);
    await crawler.run();
  } finally {
    await Promise.all([...held.keys()].map((id) => release(id)));
    await crawler.teardown().catch(() => {});
    await requestQueue.drop().catch(() => {});
  }
  return {
    articleUrls: [...found],
    listingPages: pages.listing,
    failures,
    feedItems: [...feedItems.values()],
    sitemapUrls: [...sitemapUrls.values()],
    pages,
    found: { listing: byKind.listing.size, feed: byKind.feed.size, sitemap: byKind.sitemap.size },
    bytes,
  };
}
