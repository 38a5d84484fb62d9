// crawl(sourceId): discover the source's article URLs with Crawlee and enqueue one fetch job
// per URL that is new or due for a re-check. Records the source's health as it goes: every
// listing page, feed or sitemap that could not be read is logged with its cause and counted as
// `listing-failed` / `feed-failed` / `sitemap-failed`, and a crawl whose pages match no article
// URL counts `no-articles` (a layout change, an error page served with 200, or a listing
// rendered by JavaScript).
import { UnrecoverableError } from 'bullmq';
import type { Payload } from '../queues/registry.js';
import { shortHash } from '../queues/registry.js';
import { isDue } from '../changes/recheck.js';
import { discoverArticles } from '../crawlers/discover.js';
import { reasonFor, recordFailure } from '../db/source-health.js';
import type { Deps } from './deps.js';

/** Known articles no listing shows any more, re-checked per crawl at most (oldest check first). */
export const MAX_OFF_LISTING_RECHECKS = 200;

interface KnownDocument {
  canonicalUrl: string;
  lastCheckedAt: Date | null;
  firstSeenAt: Date;
  published: Date | null;
}

export async function processCrawl(payload: Payload<'crawl'>, deps: Deps, jobId: string) {
  const source = deps.sources.get(payload.sourceId);
  if (!source) throw new UnrecoverableError(`unknown source "${payload.sourceId}" (not in the sources file)`);
  const log = deps.log.child({ source: source.id, jobId });
  const now = deps.clock();
  const row = await deps.db.source.findUnique({ where: { id: source.id }, select: { lastSuccessAt: true } });
  const baseline = source.firstCrawl === 'baseline' && !row?.lastSuccessAt;

  const discovery = await discoverArticles(source, {
    userAgent: deps.userAgent,
    guard: deps.guard,
    politeness: deps.politeness,
    log,
    minConcurrency: deps.crawlMinConcurrency,
    known: async (urls) => {
      const rows = await deps.db.document.findMany({ where: { canonicalUrl: { in: urls } }, select: { canonicalUrl: true } });
      return new Set(rows.map((r) => r.canonicalUrl));
    },
  });

  // Known articles are fetched again (conditional GET) when the age-based schedule says so —
  // those the listings show, and those they no longer show (so a withdrawn page is noticed).
  const known = await deps.db.$queryRaw<KnownDocument[]>`
    SELECT d."canonicalUrl", d."lastCheckedAt", d."firstSeenAt", v."published"
    FROM "Document" d LEFT JOIN "DocumentVersion" v ON v."id" = d."currentVersionId"
    WHERE d."sourceId" = ${source.id} AND d."status" = 'live'::"DocumentStatus"`;
  const byUrl = new Map(known.map((d) => [d.canonicalUrl, d]));
  const policy = deps.config.RECHECK_SCHEDULE;
  const listed = new Set(discovery.articleUrls);
  const due = [
    ...discovery.articleUrls.filter((url) => !byUrl.has(url) || isDue(byUrl.get(url)!, now, policy)),
    ...known
      .filter((d) => !listed.has(d.canonicalUrl) && isDue(d, now, policy))
      .sort((a, b) => (a.lastCheckedAt?.getTime() ?? 0) - (b.lastCheckedAt?.getTime() ?? 0))
      .slice(0, MAX_OFF_LISTING_RECHECKS)
      .map((d) => d.canonicalUrl),
  ];
  const runKey = payload.runKey ?? shortHash(jobId);
  await Promise.all(due.map((url) => deps.producer.enqueue('fetch', { sourceId: source.id, url, runKey, baseline })));

  // Failed: nothing could be read at all (no listing page, feed or sitemap answered).
  const read = discovery.pages.listing + discovery.pages.feed + discovery.pages.sitemap;
  const failed = discovery.failures.length > 0 && read === 0;
  // Discovery failures by what failed: a listing page, a feed, or a sitemap (child files included).
  const feeds = new Set(source.feeds);
  const sitemaps = new Set(source.sitemaps);
  const failedKinds = new Map<string, number>();
  for (const failure of discovery.failures) {
    const reason = feeds.has(failure.url) ? 'feed-failed' : sitemaps.has(failure.url) || /\.xml(\.gz)?$/i.test(new URL(failure.url).pathname) ? 'sitemap-failed' : 'listing-failed';
    failedKinds.set(reason, (failedKinds.get(reason) ?? 0) + 1);
    log.warn({ reason, cause: reasonFor(failure.reason), url: failure.url, err: failure.reason }, `${reason.replace('-failed', '')} could not be read`);
  }
  for (const [reason, n] of failedKinds) await recordFailure(deps.db, source.id, reason, n);
  if (read > 0 && discovery.articleUrls.length === 0) {
    log.warn({ reason: 'no-articles', pagesRead: read }, 'no link on the pages read matches the source\'s article patterns');
    await recordFailure(deps.db, source.id, 'no-articles');
  }
  await deps.db.source.update({
    where: { id: source.id },
    data: {
      lastCrawlAt: now,
      ...(failed ? {} : { lastSuccessAt: now }),
      articlesFound: discovery.articleUrls.length,
    },
  });
  log.info({ listingPages: discovery.listingPages, articles: discovery.articleUrls.length, enqueued: due.length, failures: discovery.failures.length }, 'crawl done');
  if (failed) throw new Error(`no listing page of ${source.id} could be fetched: ${discovery.failures.map((f) => `${f.url} (${f.reason})`).join('; ')}`);
  return { articles: discovery.articleUrls.length, enqueued: due.length };
}
