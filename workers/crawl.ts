// crawl(sourceId): discover the source's article URLs with Crawlee and enqueue one fetch job
// per URL that is new or due for a re-check. Records the source's health as it goes.
import { UnrecoverableError } from 'bullmq';
import type { Payload } from '../queues/registry.js';
import { shortHash } from '../queues/registry.js';
import { discoverArticles } from '../crawlers/discover.js';
import type { Deps } from './deps.js';

/** Known articles are fetched again (conditional GET) when their last check is this old. */
export const RECHECK_AFTER_MS = 12 * 3600_000;

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

  const knownRows = await deps.db.document.findMany({
    where: { canonicalUrl: { in: discovery.articleUrls } },
    select: { canonicalUrl: true, lastCheckedAt: true },
  });
  const lastChecked = new Map(knownRows.map((r) => [r.canonicalUrl, r.lastCheckedAt]));
  const due = discovery.articleUrls.filter((url) => {
    if (!lastChecked.has(url)) return true;
    const at = lastChecked.get(url);
    return !at || now.getTime() - at.getTime() >= RECHECK_AFTER_MS;
  });
  const runKey = payload.runKey ?? shortHash(jobId);
  await Promise.all(due.map((url) => deps.producer.enqueue('fetch', { sourceId: source.id, url, runKey, baseline })));

  const failed = discovery.failures.length > 0 && discovery.listingPages === 0;
  await deps.db.source.update({
    where: { id: source.id },
    data: {
      lastCrawlAt: now,
      ...(failed ? {} : { lastSuccessAt: now }),
      articlesFound: discovery.articleUrls.length,
    },
  });
  log.info({ listingPages: discovery.listingPages, articles: discovery.articleUrls.length, enqueued: due.length, failures: discovery.failures }, 'crawl done');
  if (failed) throw new Error(`no listing page of ${source.id} could be fetched: ${discovery.failures.map((f) => `${f.url} (${f.reason})`).join('; ')}`);
  return { articles: discovery.articleUrls.length, enqueued: due.length };
}
