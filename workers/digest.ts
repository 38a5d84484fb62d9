// digest(subscriptionId, periodKey): render and send one digest, once. Status guard:
// PENDING → SENDING → SENT | FAILED. A digest found in SENDING (a crash or a temporary SMTP
// failure after the move) is re-sent with the same Message-ID: the only duplicate possible.
import { UnrecoverableError } from 'bullmq';
import { dateOnly } from '../db/dates.js';
import { renderDigest, type DigestEntry } from '../digests/render.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export async function processDigest(payload: Payload<'digest'>, deps: Deps) {
  const key = { subscriptionId_periodKey: { subscriptionId: payload.subscriptionId, periodKey: payload.periodKey } };
  const claimed = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7311, ${payload.subscriptionId}::int)`;
    const digest = await tx.digest.findUnique({ where: key });
    if (!digest) return null;
    if (digest.status === 'SENT' || digest.status === 'FAILED') return null;
    return tx.digest.update({ where: { id: digest.id }, data: { status: 'SENDING', attempts: { increment: 1 } } });
  });
  if (!claimed) return { sent: false };

  const digest = await deps.db.digest.findUniqueOrThrow({
    where: { id: claimed.id },
    include: {
      subscription: { include: { subscriber: true } },
      items: { include: { event: { include: { document: { include: { source: true } }, version: { include: { classifications: true } } } } }, orderBy: { eventId: 'asc' } },
    },
  });
  if (digest.items.length === 0) {
    // An empty period sends nothing.
    await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'SENT', sentAt: deps.clock() } });
    return { sent: false };
  }
  // Every URL of a syndicated cluster goes with its item.
  const copies = await deps.db.document.findMany({
    where: { clusterId: { in: digest.items.map((i) => i.event.clusterId) } },
    select: { id: true, clusterId: true, canonicalUrl: true, source: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  const entries: DigestEntry[] = digest.items.map(({ event }) => ({
    kind: event.kind,
    title: event.version.title,
    url: event.document.canonicalUrl,
    sourceName: event.document.source.name,
    published: event.version.published ? dateOnly(event.version.published) : null,
    topics: ((event.version.classifications.at(-1)?.topics ?? []) as { id: string }[]).map((t) => t.id),
    alsoAt: copies.filter((c) => c.clusterId === event.clusterId && c.id !== event.documentId).map((c) => ({ url: c.canonicalUrl, sourceName: c.source.name })),
  }));
  const rendered = renderDigest(entries, { periodLabel: payload.periodKey.startsWith('i-') ? 'immediate' : payload.periodKey.slice(2) });
  try {
    const result = await deps.mailer.send({
      to: digest.subscription.subscriber.email,
      ...rendered,
      messageId: digest.messageId,
      fileStem: `digest-${digest.subscriptionId}-${digest.periodKey}`,
    });
    await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'SENT', sentAt: deps.clock(), outboxPath: result.outboxPath ?? null, error: null } });
    deps.log.info({ digestId: digest.id, to: digest.subscription.subscriber.email, items: entries.length, outboxPath: result.outboxPath }, result.outboxPath ? `digest written to ${result.outboxPath}` : 'digest sent');
    return { sent: true, items: entries.length, outboxPath: result.outboxPath };
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    if (code && code >= 500) {
      await deps.db.digest.update({ where: { id: digest.id }, data: { status: 'FAILED', error: `SMTP ${code}: ${(err as Error).message}` } });
      throw new UnrecoverableError(`digest ${digest.id} refused permanently: ${(err as Error).message}`);
    }
    await deps.db.digest.update({ where: { id: digest.id }, data: { error: (err as Error).message } });
    throw err;
  }
}
