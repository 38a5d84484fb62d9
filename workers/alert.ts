// alert(eventId): fan a policy event out to the subscriptions whose filters match. Each gets the
// event in its current digest; the digest job is scheduled for when that digest is due
// (immediate ones after DIGEST_IMMEDIATE_WINDOW_MS, periodic ones at the subscriber's hour).
import { UnrecoverableError } from 'bullmq';
import { addToDigests, matchesFilter } from '../digests/collect.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export async function processAlert(payload: Payload<'alert'>, deps: Deps) {
  const event = await deps.db.policyEvent.findUnique({
    where: { id: payload.eventId },
    include: { document: { include: { source: true } }, version: { include: { classifications: true } } },
  });
  if (!event) throw new UnrecoverableError(`event ${payload.eventId} does not exist`);
  const classification = event.version.classifications.at(-1);
  const topics = ((classification?.topics ?? []) as { id: string }[]).map((t) => t.id);
  // A policy's event stands for every document of its cluster (its syndicated copies, the other
  // language's report of the same edition): a subscription to any one's source, region or
  // language gets it. A change (amended, withdrawn) is the changed document's own.
  const members =
    event.cause === 'new' || event.cause === 'supersedes'
      ? await deps.db.document.findMany({
          where: { clusterId: event.clusterId, NOT: { id: event.documentId }, currentVersionId: { not: null } },
          select: { sourceId: true, currentVersionId: true, source: { select: { region: true } } },
        })
      : [];
  const langs = new Map(
    (await deps.db.documentVersion.findMany({ where: { id: { in: members.map((m) => m.currentVersionId!) } }, select: { id: true, lang: true } })).map((v) => [v.id, v.lang]),
  );
  const facts = [
    { region: event.document.source.region, sourceId: event.document.sourceId, lang: event.version.lang },
    ...members.map((m) => ({ region: m.source.region, sourceId: m.sourceId, lang: langs.get(m.currentVersionId!) ?? event.version.lang })),
  ].map((f) => ({ ...f, topics, score: event.score }));
  // Events from before a subscription existed are not sent to it.
  const subscriptions = await deps.db.subscription.findMany({ where: { active: true, createdAt: { lte: event.createdAt } } });
  const mailHost = new URL(deps.config.PUBLIC_BASE_URL).hostname;
  const now = deps.clock();
  const placed = await addToDigests(deps.db, {
    subscriptions: subscriptions.filter((sub) => facts.some((f) => matchesFilter(sub, f))),
    eventId: event.id,
    now,
    immediateWindowMs: deps.config.DIGEST_IMMEDIATE_WINDOW_MS,
    mailHost,
  });
  // One round trip for all digest jobs; job ids dedupe a digest already waiting for its time.
  await deps.producer.enqueueBulk(
    'digest',
    placed.map((p) => ({ payload: { subscriptionId: p.subscriptionId, periodKey: p.periodKey }, delay: Math.max(0, p.dueAt.getTime() - now.getTime()) })),
  );
  const delivered = placed.length;
  return { subscriptions: delivered };
}
