// fetch(url): fetch one article (conditional GET), extract it, store it (batched with other
// fetches in flight), and send a version that has not been classified yet to classify.
// Unchanged content makes no version; a 304 costs one UPDATE.
//
// Every skip or failure is logged once here with its reason and counted on the source
// (db/source-health.ts). A stored page that answers 404/410 on two consecutive checks is marked
// gone: Document.missingCount counts consecutive misses, the second marks the document gone.
// Any later 200 or 304 resets the count and makes it live again.
import { UnrecoverableError } from 'bullmq';
import { PermanentError } from '../config/errors.js';
import { EXTRACTOR_VERSION, extractArticle } from '../crawlers/extract.js';
import { decodeHtml } from '../crawlers/decode.js';
import { fetchPage, GoneError, type FetchedPage } from '../crawlers/fetch-page.js';
import { canonicalUrl } from '../crawlers/canonical.js';
import { reasonFor, recordFailure } from '../db/source-health.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export type FetchOutcome = 'not-modified' | 'unchanged' | 'new-document' | 'new-version' | 'missing' | 'gone' | 'not-html';

/** Counts a skip or failure on the source; accounting never hides the error being handled. */
async function count(deps: Deps, sourceId: string, reason: string): Promise<void> {
  try {
    await recordFailure(deps.db, sourceId, reason);
  } catch (err) {
    deps.log.error({ source: sourceId, reason, err: (err as Error).message }, 'could not count a failure on the source');
  }
}

/** Not an HTML page: the fetcher's `kind` when it tells, else the Content-Type. */
function isAttachment(page: FetchedPage): boolean {
  const kind = (page as FetchedPage & { kind?: string }).kind;
  if (kind) return kind !== 'html';
  const type = page.contentType?.split(';')[0].trim().toLowerCase();
  return !!type && !/html|xml|^text\/plain$/.test(type);
}

export async function processFetch(payload: Payload<'fetch'>, deps: Deps): Promise<{ outcome: FetchOutcome; versionId?: number }> {
  const source = deps.sources.get(payload.sourceId);
  if (!source) throw new UnrecoverableError(`unknown source "${payload.sourceId}"`);
  const log = deps.log.child({ source: source.id, url: payload.url });
  const known = await deps.db.document.findUnique({
    where: { canonicalUrl: payload.url },
    select: { id: true, etag: true, lastModified: true },
  });

  let page: FetchedPage;
  try {
    page = await fetchPage(payload.url, {
      userAgent: deps.userAgent,
      guard: deps.guard,
      politeness: deps.politeness,
      policy: source.politeness,
      etag: known?.etag,
      lastModified: known?.lastModified,
    });
  } catch (err) {
    const reason = reasonFor(err);
    const message = (err as Error).message;
    await count(deps, source.id, reason);
    if (err instanceof GoneError && known) {
      // One statement counts the strike and decides: the CASE sees the count before this update.
      const [row] = await deps.db.$queryRaw<{ status: string; missingCount: number }[]>`
        UPDATE "Document" SET
          "missingCount" = "missingCount" + 1,
          "status" = CASE WHEN "missingCount" + 1 >= 2 THEN 'gone'::"DocumentStatus" ELSE "status" END,
          "lastCheckedAt" = ${deps.clock()}::timestamp
        WHERE "id" = ${known.id}
        RETURNING "status"::text AS "status", "missingCount"`;
      const outcome: FetchOutcome = row?.status === 'gone' ? 'gone' : 'missing';
      log.warn({ reason, outcome }, outcome === 'gone' ? 'article gone (missing on two consecutive checks)' : 'article missing (marked gone if the next check misses too)');
      // Exactly on the transition to gone: a relevant policy that disappeared is news.
      if (row?.missingCount === 2) await raiseWithdrawn(deps, known.id, reason);
      return { outcome };
    }
    if (err instanceof PermanentError) {
      log.warn({ reason, err: message }, 'article skipped');
      throw new UnrecoverableError(message);
    }
    log.warn({ reason, err: message }, 'article fetch failed (will be retried)');
    throw err;
  }
  if (page.notModified && known) {
    await deps.db.document.update({ where: { id: known.id }, data: { lastCheckedAt: deps.clock(), status: 'live', missingCount: 0 } });
    return { outcome: 'not-modified' };
  }
  if (isAttachment(page)) {
    // A PDF, a Word file, an image behind an article link: not a document of its own.
    await count(deps, source.id, 'not-html');
    log.info({ reason: 'not-html', contentType: page.contentType }, 'article skipped: not an HTML page');
    return { outcome: 'not-html' };
  }

  const html = decodeHtml(page.body, page.contentType);
  const extracted = extractArticle(html, payload.url, source.selectors, source.tz);
  if (!extracted.title || !extracted.text) {
    await count(deps, source.id, 'not-article');
    const message = `${payload.url}: no article found (title or body empty)`;
    log.warn({ reason: 'not-article' }, 'article skipped: no title or body found');
    throw new UnrecoverableError(message);
  }

  const stored = await deps.articleWriter.submit({
    sourceId: source.id,
    canonicalUrl: await documentKey(deps, payload.url, extracted.canonicalUrl),
    etag: page.etag,
    lastModified: page.lastModified,
    raw: page.body,
    contentType: page.contentType,
    extracted: { ...extracted, title: extracted.title },
    extractorVersion: EXTRACTOR_VERSION,
    fetchedAt: deps.clock(),
  });
  if (stored.needsClassification) {
    await deps.producer.enqueue('classify', { versionId: stored.versionId, baseline: payload.baseline });
  }
  const outcome: FetchOutcome = !stored.created ? 'unchanged' : stored.ordinal === 1 ? 'new-document' : 'new-version';
  return { outcome, versionId: stored.versionId };
}

/**
 * The Document a page belongs to. A page's <link rel=canonical> on the same host names the
 * document when that document is already stored (the same article reached through a second
 * URL); otherwise the discovered URL stays the key, so the next crawl recognises it as known.
 */
async function documentKey(deps: Deps, url: string, declared: string | null): Promise<string> {
  if (!declared) return url;
  let target: string;
  try {
    target = canonicalUrl(declared, url);
  } catch {
    return url;
  }
  if (target === url || new URL(target).host !== new URL(url).host) return url;
  const existing = await deps.db.document.findUnique({ where: { canonicalUrl: target }, select: { id: true } });
  return existing ? target : url;
}

/** UPDATED (cause withdrawn) for a gone document whose current version was judged relevant. */
async function raiseWithdrawn(deps: Deps, documentId: number, reason: string): Promise<void> {
  const document = await deps.db.document.findUniqueOrThrow({ where: { id: documentId } });
  if (!document.currentVersionId) return;
  const relevant = await deps.db.classification.findFirst({ where: { versionId: document.currentVersionId, relevant: true }, orderBy: { createdAt: 'desc' } });
  if (!relevant) return;
  const event = await deps.db.policyEvent.upsert({
    where: { versionId_kind_cause: { versionId: document.currentVersionId, kind: 'UPDATED', cause: 'withdrawn' } },
    create: {
      kind: 'UPDATED',
      cause: 'withdrawn',
      clusterId: document.clusterId ?? document.id,
      documentId,
      versionId: document.currentVersionId,
      score: relevant.score,
      changes: { withdrawn: true, reason, lastSeen: document.lastCheckedAt },
    },
    update: {},
  });
  await deps.producer.enqueue('alert', { eventId: event.id });
}
