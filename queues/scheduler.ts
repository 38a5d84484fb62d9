// Repeatable work, declared at boot: one BullMQ job scheduler per enabled source (upsert, so a
// restart never duplicates a schedule; disabled sources lose theirs), and the digest sweep that
// (re)queues digests that are due or were left SENDING by a crash.
import type { Source } from '../config/sources.js';
import type { Db } from '../db/client.js';
import type { Producer } from './producer.js';

export const DIGEST_SWEEP_SCHEDULER = 'digest-sweep';

export async function declareSchedulers(producer: Producer, sources: Source[]): Promise<string[]> {
  const crawl = producer.queues.crawl;
  const declared: string[] = [];
  for (const source of sources) {
    const id = `crawl-${source.id}`;
    if (!source.enabled) {
      await crawl.removeJobScheduler(id);
      continue;
    }
    await crawl.upsertJobScheduler(id, { pattern: source.schedule, tz: source.tz }, { name: 'crawl', data: { sourceId: source.id, trigger: 'schedule' }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } } });
    declared.push(id);
  }
  // Schedulers of sources removed from the file are removed too.
  for (const scheduler of await crawl.getJobSchedulers()) {
    if (scheduler.key.startsWith('crawl-') && !declared.includes(scheduler.key)) await crawl.removeJobScheduler(scheduler.key);
  }
  return declared;
}

/**
 * Enqueues a digest job for every digest that is due (or all immediate ones, when `flushImmediate`:
 * `run --once` sends what it collected before it exits) and promotes ones waiting in delay.
 */
export async function sweepDigests(db: Db, producer: Producer, now: Date, opts: { flushImmediate?: boolean } = {}): Promise<number> {
  const due = await db.digest.findMany({
    where: {
      status: { in: ['PENDING', 'SENDING'] },
      OR: [{ dueAt: { lte: now } }, ...(opts.flushImmediate ? [{ periodKey: { startsWith: 'i-' } }] : [])],
    },
    select: { subscriptionId: true, periodKey: true },
  });
  for (const d of due) {
    const job = await producer.enqueue('digest', d);
    const state = await job.getState();
    if (state === 'delayed') await job.promote();
    // A job BullMQ gave up on (stalled too often) while its digest is still PENDING/SENDING:
    // the digest's status guard makes a retry safe.
    else if (state === 'failed') await job.retry('failed');
  }
  return due.length;
}
