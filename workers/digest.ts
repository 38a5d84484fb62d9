// digest(subscriptionId, periodKey): render and send one digest, once. Status guard:
// PENDING → SENDING → SENT | FAILED. A digest found in SENDING (a crash or a temporary SMTP
// failure after the move) is re-sent with the same Message-ID: the only duplicate possible
// (docs/exactly-once.md). Temporary failures (4xx, timeouts, refused connections) leave it in
// SENDING with the error and are retried by BullMQ with back-off; a permanent one (5xx), or a
// temporary one on the job's last attempt, marks it FAILED with the reason.
import { UnrecoverableError } from 'bullmq';
import { dateOnly } from '../db/dates.js';
import { renderChangeSummary, type ChangeSummary } from '../changes/diff.js';
import { matchesFilter, type SubscriptionFilter } from '../digests/collect.js';
import { smtpFailure } from '../digests/mailer.js';
import { localDay } from '../digests/periods.js';
import { renderDigest, type DigestEntry, type DigestMeasure } from '../digests/render.js';
import { unsubscribeFooter, unsubscribeUrl } from '../digests/unsubscribe.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export async function processDigest(payload: Payload<'digest'>, deps: Deps, jobId = '') {
  const key = { subscriptionId_periodKey: { subscriptionId: payload.subscriptionId, periodKey: payload.periodKey } };
  const claimed = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7311, ${payload.subscriptionId}::int)`;
    const digest = await tx.digest.findUnique({ where: key });
    if (!digest) return null;
    if (digest.status === 'SENT' || digest.status === 'FAILED') return null;
    return tx.digest.update({ where: { id: digest.id }, data: { status: 'SENDING', attempts: { increment: 1 } } });
  });
  if (!claimed) return { sent: false };

  const digest = await loadDigest(deps, claimed.id);
  if (digest.items.length === 0) {
    // An empty period sends nothing.
    await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'SENT', sentAt: deps.clock() } });
    return { sent: false };
  }
  const entries = await digestEntries(deps, digest.items.map((i) => i.event), digest.subscription);
  const topicNames = Object.fromEntries((await deps.db.topic.findMany({ select: { id: true, nameEn: true } })).map((t) => [t.id, t.nameEn]));
  const secret = deps.config.UNSUBSCRIBE_SECRET;
  const unsubscribe = secret ? unsubscribeUrl(deps.config.PUBLIC_BASE_URL, secret, digest.subscriptionId) : undefined;
  const rendered = renderDigest(entries, {
    periodLabel: payload.periodKey.startsWith('i-') ? 'immediate' : payload.periodKey.slice(2),
    unsubscribeUrl: unsubscribe,
    unsubscribeNote: unsubscribe ? undefined : unsubscribeFooter(digest.subscriptionId, digest.subscription.subscriber.email),
    topicNames,
  });
  let sentAt = 0;
  try {
    const result = await deps.mailer.send({
      to: digest.subscription.subscriber.email,
      ...rendered,
      messageId: digest.messageId,
      fileStem: `digest-${digest.subscriptionId}-${digest.periodKey}`,
      // RFC 2369 + RFC 8058 one-click: mail clients show an unsubscribe button that POSTs.
      headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
    });
    // From here until the UPDATE commits, a crash re-sends this message (same Message-ID).
    sentAt = performance.now();
    await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'SENT', sentAt: deps.clock(), outboxPath: result.outboxPath ?? null, error: null } });
    const windowMs = Math.round((performance.now() - sentAt) * 1000) / 1000;
    deps.log.info(
      { digestId: digest.id, messageId: digest.messageId, to: digest.subscription.subscriber.email, items: entries.length, outboxPath: result.outboxPath, duplicateWindowMs: windowMs },
      result.outboxPath ? `digest written to ${result.outboxPath}` : 'digest sent',
    );
    return { sent: true, items: entries.length, outboxPath: result.outboxPath, duplicateWindowMs: windowMs };
  } catch (err) {
    if (sentAt) throw err; // accepted by the server, the status update failed: retry re-sends (same Message-ID)
    const failure = smtpFailure(err);
    if (failure.permanent) {
      await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'FAILED', error: failure.reason } });
      throw new UnrecoverableError(`digest ${digest.id} refused permanently: ${failure.reason}`);
    }
    if (await isLastAttempt(deps, jobId)) {
      await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'FAILED', error: `gave up after ${claimed.attempts} attempt(s): ${failure.reason}` } });
      throw new UnrecoverableError(`digest ${digest.id} failed on its last attempt: ${failure.reason}`);
    }
    await deps.db.digest.update({ where: { id: digest.id }, data: { error: failure.reason } });
    throw err;
  }
}

/** Whether the running digest job has no retry left (BullMQ counts failed attempts in attemptsMade). */
async function isLastAttempt(deps: Deps, jobId: string): Promise<boolean> {
  if (!jobId) return false;
  const job = await deps.producer.queues.digest.getJob(jobId).catch(() => undefined);
  if (!job) return false;
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** What an item shows of a version: its classification and its measure links in stored order. */
const VERSION_INCLUDE = { classifications: { orderBy: { id: 'asc' } }, measureLinks: { orderBy: { id: 'asc' }, include: { measure: { select: { title: true, text: true } } } } } as const;

function loadDigest(deps: Deps, id: number) {
  return deps.db.digest.findUniqueOrThrow({
    where: { id },
    include: {
      subscription: { include: { subscriber: true } },
      items: { include: { event: { include: { document: { include: { source: true } }, version: { include: VERSION_INCLUDE } } } }, orderBy: { eventId: 'asc' } },
    },
  });
}

type DigestEvent = Awaited<ReturnType<typeof loadDigest>>['items'][number]['event'];

/**
 * One entry per event. A NEW item shows its cluster's earliest-published copy (the original,
 * whichever copy was crawled first) — of those in the subscription's languages, sources and
 * regions where it names some — and lists every other URL of the cluster; an UPDATED item shows
 * the document that changed.
 */
async function digestEntries(deps: Deps, events: DigestEvent[], subscription: Omit<SubscriptionFilter, 'topics' | 'minScore'> & { tz: string }): Promise<DigestEntry[]> {
  const copies = await deps.db.document.findMany({
    where: { clusterId: { in: events.map((e) => e.clusterId) } },
    select: { id: true, clusterId: true, canonicalUrl: true, currentVersionId: true, sourceId: true, source: { select: { name: true, region: true } } },
  });
  const versions = new Map(
    (
      await deps.db.documentVersion.findMany({
        where: { id: { in: copies.flatMap((c) => (c.currentVersionId ? [c.currentVersionId] : [])) } },
        select: { id: true, title: true, published: true, lang: true },
      })
    ).map((v) => [v.id, v]),
  );
  const wanted = (c: (typeof copies)[number] & { version: { lang: string } }) =>
    matchesFilter({ ...subscription, topics: [], minScore: null }, { topics: [], region: c.source.region, sourceId: c.sourceId, lang: c.version.lang, score: 0 });
  const members = (clusterId: number) =>
    copies
      .filter((c) => c.clusterId === clusterId && c.currentVersionId)
      .map((c) => ({ ...c, version: versions.get(c.currentVersionId!)! }))
      .sort((a, b) => (a.version.published?.getTime() ?? Infinity) - (b.version.published?.getTime() ?? Infinity) || a.id - b.id);
  const shownOf = new Map(
    events.map((event) => {
      const cluster = members(event.clusterId);
      return [event.id, { cluster, shown: event.kind === 'NEW' && cluster.length ? (cluster.find(wanted) ?? cluster[0]) : null }];
    }),
  );
  // A copy shown in the event document's place speaks for itself: its issuer, topics and links.
  const shownIds = events.flatMap((e) => {
    const shown = shownOf.get(e.id)!.shown;
    return shown && shown.id !== e.documentId ? [shown.version.id] : [];
  });
  const otherVersions = new Map((await deps.db.documentVersion.findMany({ where: { id: { in: shownIds } }, include: VERSION_INCLUDE })).map((v) => [v.id, v]));
  return events.map((event) => {
    const { cluster, shown } = shownOf.get(event.id)!;
    const version = (shown && otherVersions.get(shown.version.id)) ?? event.version;
    // Title and date from the shown page's current version (the event's own when none is shown).
    const current = shown?.version ?? event.version;
    const measures = topMeasures(version.measureLinks);
    const classification = version.classifications.at(-1);
    return {
      kind: event.kind,
      title: current.title,
      url: shown?.canonicalUrl ?? event.document.canonicalUrl,
      sourceName: shown?.source.name ?? event.document.source.name,
      issuer: version.issuer,
      published: current.published ? dateOnly(current.published) : null,
      topics: ((classification?.topics ?? []) as { id: string }[]).map((t) => t.id),
      why: whyFlagged(classification?.evidence, [current.title, ...measures.map((m) => m.evidence ?? '')]),
      measures,
      moreMeasures: version.measureLinks.length - measures.length,
      alsoAt: cluster.filter((c) => c.id !== (shown?.id ?? event.documentId)).map((c) => ({ url: c.canonicalUrl, sourceName: c.source.name })),
      changes: describeChange(event.cause, event.changes),
      // An amended page: when the changed version was fetched; otherwise when the event was raised.
      changeSeen: event.kind === 'UPDATED' ? localDay(event.cause === 'amended' ? event.version.fetchedAt : event.createdAt, subscription.tz) : undefined,
    };
  });
}

/** The first sentence of the relevance evidence that the item does not show anyway (its headline
 *  or a measure's evidence, or a part of them: the evidence takes one sentence of a headline that
 *  has two), or null. */
function whyFlagged(evidence: unknown, shown: string[]): string | null {
  if (!Array.isArray(evidence)) return null;
  const norm = (x: string) => x.replace(/\s+/g, ' ').trim();
  const seen = shown.map(norm).filter(Boolean);
  return evidence.find((x): x is string => typeof x === 'string' && !!norm(x) && !seen.some((s) => s.includes(norm(x)))) ?? null;
}

/** What an UPDATED item changed, as the digest shows it. */
function describeChange(cause: string, changes: unknown): string[] | undefined {
  if (cause === 'amended' && changes) return renderChangeSummary(changes as ChangeSummary, { maxItems: 5 }).split('\n').filter(Boolean);
  if (cause === 'withdrawn') return [`Withdrawn: the page is no longer published (${(changes as { reason?: string } | null)?.reason ?? 'gone'}).`];
  if (cause === 'supersedes') {
    const ids = ((changes as { supersedes?: { id: string }[] } | null)?.supersedes ?? []).map((m) => m.id);
    return [`Supersedes: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`];
  }
  return undefined;
}

/** The three most telling measure links: those that announce, update or implement; else mentions.
 *  Equal scores keep the classifier's order (links are stored in it): a plan before its items. */
function topMeasures(links: DigestEvent['version']['measureLinks']): DigestMeasure[] {
  const byScore = [...links].sort((a, b) => b.score - a.score || a.id - b.id);
  const strong = byScore.filter((l) => l.relation !== 'mentions');
  return (strong.length ? strong : byScore).slice(0, 3).map((l) => ({
    title: l.measure.title || l.measure.text,
    relation: l.relation,
    evidence: (Array.isArray(l.evidence) ? (l.evidence as unknown[]).find((x): x is string => typeof x === 'string') : null) ?? null,
  }));
}
