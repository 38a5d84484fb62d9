// Discovery: one Crawlee CheerioCrawler run over a source's listing pages, collecting the
// article URLs that match the source's `articles` patterns and following pagination until a
// page brings nothing new or `maxPages` is reached. Each run has its own in-memory request
// queue (Crawlee's default queue is process-wide) and leaves no ./storage behind.
import { CheerioCrawler, Configuration, Log, Logger, LogLevel, RequestQueue, type CheerioCrawlingContext } from '@crawlee/cheerio';
import { MemoryStorage } from '@crawlee/memory-storage';
import { randomUUID } from 'node:crypto';
import type { Logger as Pino } from 'pino';
import type { Source } from '../config/sources.js';
import { canonicalUrl } from './canonical.js';
import type { HostGuard } from './host-guard.js';
import { noPoliteness, type Politeness } from './politeness.js';

export interface DiscoverOptions {
  userAgent: string;
  guard: HostGuard;
  politeness?: Politeness;
  log: Pino;
  /** Which of these canonical URLs are already stored (pagination stops at a page with nothing new). */
  known: (urls: string[]) => Promise<Set<string>>;
  /** Crawlee concurrency floor; the bench raises it, polite defaults keep the source's own limit. */
  minConcurrency?: number;
}

export interface Discovery {
  articleUrls: string[];
  listingPages: number;
  failures: { url: string; reason: string }[];
}

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

export async function discoverArticles(source: Source, opts: DiscoverOptions): Promise<Discovery> {
  const patterns = source.articles.map((p) => new RegExp(p));
  const maxPages = source.pagination?.maxPages ?? 1;
  const found = new Set<string>();
  const failures: Discovery['failures'] = [];
  let listingPages = 0;

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
      ],
      async requestHandler({ $, request }: CheerioCrawlingContext) {
        listingPages++;
        const page = request.userData.page as number;
        const onPage: string[] = [];
        $('a[href]').each((_, a) => {
          const href = $(a).attr('href');
          if (!href) return;
          let url: string;
          try {
            url = canonicalUrl(href, request.loadedUrl ?? request.url);
          } catch {
            return;
          }
          if (patterns.some((re) => re.test(url))) onPage.push(url);
        });
        const fresh = onPage.filter((u) => !found.has(u));
        fresh.forEach((u) => found.add(u));
        const known = await opts.known(fresh);
        const unknown = fresh.filter((u) => !known.has(u));
        // A page that brings no unknown article means we have caught up with the archive.
        if (page >= maxPages || (unknown.length === 0 && page > 1) || fresh.length === 0) return;
        let next: string | null = pageUrl(source, page + 1);
        const p = source.pagination;
        if (p && 'next' in p) {
          const href = $(p.next).first().attr('href');
          next = href ? new URL(href, request.loadedUrl ?? request.url).toString() : null;
        }
        if (next) await requestQueue.addRequest({ url: next, uniqueKey: next, userData: { page: page + 1 } });
      },
      async failedRequestHandler({ request }, error) {
        await release(request.id);
        failures.push({ url: request.url, reason: error.message.split('\n')[0] });
      },
    },
    config,
  );

  try {
    await requestQueue.addRequests(source.listing.map((url) => ({ url, uniqueKey: url, userData: { page: 1 } })));
    await crawler.run();
  } finally {
    await Promise.all([...held.keys()].map((id) => release(id)));
    await crawler.teardown().catch(() => {});
    await requestQueue.drop().catch(() => {});
  }
  return { articleUrls: [...found], listingPages, failures };
}
