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

export async function addToDigest(
  db: Db,
  args: { subscriptionId: number; eventId: number; now: Date; immediateWindowMs: number; mailHost: string },
): Promise<{ periodKey: string; dueAt: Date } | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7311, ${args.subscriptionId}::int)`;
    const already = await tx.digestItem.findUnique({ where: { subscriptionId_eventId: { subscriptionId: args.subscriptionId, eventId: args.eventId } } });
    if (already) return null;
    const sub = await tx.subscription.findUniqueOrThrow({ where: { id: args.subscriptionId } });
    let period = periodFor({ cadence: sub.cadence, tz: sub.tz, sendAt: sub.sendAt, weekday: sub.weekday }, args.now, args.immediateWindowMs);
    let digest = await tx.digest.findUnique({ where: { subscriptionId_periodKey: { subscriptionId: sub.id, periodKey: period.key } } });
    if (digest && digest.status !== 'PENDING') {
      // That period's digest has already gone out (e.g. `run --once` flushed it early): open a
      // new immediate window starting now.
      if (sub.cadence !== 'immediate') return null;
      period = { key: `i-${args.now.getTime()}`, dueAt: new Date(args.now.getTime() + args.immediateWindowMs) };
      digest = await tx.digest.findUnique({ where: { subscriptionId_periodKey: { subscriptionId: sub.id, periodKey: period.key } } });
      if (digest && digest.status !== 'PENDING') return null;
    }
    digest ??= await tx.digest.create({
      data: { subscriptionId: sub.id, periodKey: period.key, dueAt: period.dueAt, messageId: messageIdFor(sub.id, period.key, args.mailHost) },
    });
    await tx.digestItem.create({ data: { digestId: digest.id, subscriptionId: sub.id, eventId: args.eventId } });
    return { periodKey: digest.periodKey, dueAt: digest.dueAt };
  });
}
