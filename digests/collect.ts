// Putting events into digests. An event reaches a subscription at most once (DigestItem is
// unique on subscription + event) and only through a PENDING digest: the per-subscription
// advisory lock orders this against the PENDING → SENDING move of the digest worker.
import type { Db } from '../db/client.js';
import { periodFor } from './periods.js';

export interface SubscriptionFilter {
  topics: string[];
  regions: string[];
  sources: string[];
  languages: string[];
  minScore: number | null;
}

export interface EventFacts {
  topics: string[];
  region: string;
  sourceId: string;
  lang: string;
  score: number;
}

/** Empty filter lists match everything; otherwise one listed value must match. */
export function matchesFilter(f: SubscriptionFilter, e: EventFacts): boolean {
  if (f.topics.length && !f.topics.some((t) => e.topics.includes(t))) return false;
  if (f.regions.length && !f.regions.includes(e.region)) return false;
  if (f.sources.length && !f.sources.includes(e.sourceId)) return false;
  if (f.languages.length && !f.languages.includes(e.lang)) return false;
  if (f.minScore !== null && e.score < f.minScore) return false;
  return true;
}

export const messageIdFor = (subscriptionId: number, periodKey: string, host: string) => `<digest-${subscriptionId}-${periodKey}@${host}>`;

export interface DigestTarget {
  id: number;
  cadence: 'immediate' | 'daily' | 'weekly';
  tz: string;
  sendAt: string;
  weekday: number | null;
}

/** Subscriptions placed per transaction: each holds one advisory lock per subscription, and
 * PostgreSQL's shared lock table is sized for a few thousand (max_locks_per_transaction). */
export const FAN_OUT_CHUNK = 500;

/**
 * Puts one event into the current digest of each subscription, set-based: per chunk one
 * transaction locks the subscriptions, creates the missing digests and inserts the items with
 * ON CONFLICT, so an event reaches a subscription at most once. Returns the placements made now.
 */
export async function addToDigests(
  db: Db,
  args: { subscriptions: DigestTarget[]; eventId: number; now: Date; immediateWindowMs: number; mailHost: string },
): Promise<{ subscriptionId: number; periodKey: string; dueAt: Date }[]> {
  const placed: { subscriptionId: number; periodKey: string; dueAt: Date }[] = [];
  for (let i = 0; i < args.subscriptions.length; i += FAN_OUT_CHUNK) {
    const chunk = args.subscriptions.slice(i, i + FAN_OUT_CHUNK);
    placed.push(...(await placeChunk(db, chunk, args)));
  }
  return placed;
}

async function placeChunk(
  db: Db,
  chunk: DigestTarget[],
  args: { eventId: number; now: Date; immediateWindowMs: number; mailHost: string },
): Promise<{ subscriptionId: number; periodKey: string; dueAt: Date }[]> {
  return db.$transaction(async (tx) => {
    // Locks taken in id order, so two fan-outs never wait on each other in a cycle.
    const ids = chunk.map((s) => s.id).sort((a, b) => a - b);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7311, s.id) FROM (SELECT unnest(${ids}::int[]) AS id ORDER BY 1) AS s`;
    const already = new Set(
      (await tx.digestItem.findMany({ where: { eventId: args.eventId, subscriptionId: { in: ids } }, select: { subscriptionId: true } })).map((r) => r.subscriptionId),
    );
    const wanted = chunk
      .filter((s) => !already.has(s.id))
      .map((s) => ({ sub: s, period: periodFor({ cadence: s.cadence, tz: s.tz, sendAt: s.sendAt, weekday: s.weekday }, args.now, args.immediateWindowMs) }));
    if (wanted.length === 0) return [];
    const existing = await tx.digest.findMany({
      where: { OR: wanted.map((w) => ({ subscriptionId: w.sub.id, periodKey: w.period.key })) },
      select: { subscriptionId: true, periodKey: true, status: true },
    });
    const closed = new Set(existing.filter((d) => d.status !== 'PENDING').map((d) => `${d.subscriptionId} ${d.periodKey}`));
    const targets: { subscriptionId: number; periodKey: string; dueAt: Date }[] = [];
    for (const { sub, period } of wanted) {
      if (!closed.has(`${sub.id} ${period.key}`)) targets.push({ subscriptionId: sub.id, periodKey: period.key, dueAt: period.dueAt });
      // That period's digest has already gone out (e.g. `run --once` flushed it early): an
      // immediate subscription opens a new window starting now; a periodic one waits for its next.
      else if (sub.cadence === 'immediate') {
        targets.push({ subscriptionId: sub.id, periodKey: `i-${args.now.getTime()}`, dueAt: new Date(args.now.getTime() + args.immediateWindowMs) });
      }
    }
    if (targets.length === 0) return [];
    await tx.digest.createMany({
      data: targets.map((t) => ({ ...t, messageId: messageIdFor(t.subscriptionId, t.periodKey, args.mailHost) })),
      skipDuplicates: true,
    });
    const digests = await tx.digest.findMany({
      where: { status: 'PENDING', OR: targets.map((t) => ({ subscriptionId: t.subscriptionId, periodKey: t.periodKey })) },
      select: { id: true, subscriptionId: true, periodKey: true, dueAt: true },
    });
    await tx.digestItem.createMany({ data: digests.map((d) => ({ digestId: d.id, subscriptionId: d.subscriptionId, eventId: args.eventId })), skipDuplicates: true });
    return digests.map((d) => ({ subscriptionId: d.subscriptionId, periodKey: d.periodKey, dueAt: d.dueAt }));
  });
}
