// fetch(url): fetch one article (conditional GET), extract it, store it (batched with other
// fetches in flight), and send a version that has not been classified yet to classify.
// Unchanged content makes no version; a 304 costs one UPDATE.
import { UnrecoverableError } from 'bullmq';
import { PermanentError } from '../config/errors.js';
import { EXTRACTOR_VERSION, extractArticle } from '../crawlers/extract.js';
import { decodeHtml } from '../crawlers/decode.js';
import { fetchPage, GoneError } from '../crawlers/fetch-page.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export type FetchOutcome = 'not-modified' | 'unchanged' | 'new-document' | 'new-version' | 'gone';

export async function processFetch(payload: Payload<'fetch'>, deps: Deps): Promise<{ outcome: FetchOutcome; versionId?: number }> {
  const source = deps.sources.get(payload.sourceId);
  if (!source) throw new UnrecoverableError(`unknown source "${payload.sourceId}"`);
  const known = await deps.db.document.findUnique({ where: { canonicalUrl: payload.url }, select: { id: true, etag: true, lastModified: true } });

  let page;
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
    if (err instanceof GoneError && known) {
      await deps.db.document.update({ where: { id: known.id }, data: { status: 'gone', lastCheckedAt: deps.clock() } });
      return { outcome: 'gone' };
    }
    if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
    throw err;
  }
  if (page.notModified && known) {
    await deps.db.document.update({ where: { id: known.id }, data: { lastCheckedAt: deps.clock() } });
    return { outcome: 'not-modified' };
  }

  const html = decodeHtml(page.body, page.contentType);
  const extracted = extractArticle(html, payload.url, source.selectors, source.tz);
  if (!extracted.title || !extracted.text) throw new UnrecoverableError(`${payload.url}: no article found (title or body empty)`);

  const stored = await deps.articleWriter.submit({
    sourceId: source.id,
    canonicalUrl: payload.url,
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
