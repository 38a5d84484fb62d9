// One BullMQ Worker per queue, each running that queue's processor with the shared deps.
// A payload that fails its schema is a programming error: UnrecoverableError, never retried.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { queues as registry, type QueueName } from '../queues/registry.js';
import { processAlert } from './alert.js';
import { processClassify } from './classify.js';
import { processCrawl } from './crawl.js';
import type { Deps } from './deps.js';
import { processDigest } from './digest.js';
import { processFetch } from './fetch.js';

// Fetch waits on the network most of the time; the others on PostgreSQL.
export const CONCURRENCY: Record<QueueName, number> = { crawl: 2, fetch: 16, classify: 4, alert: 4, digest: 2 };

const processors: { [Q in QueueName]: (payload: never, deps: Deps, jobId: string) => Promise<unknown> } = {
  crawl: processCrawl,
  fetch: processFetch,
  classify: processClassify,
  alert: processAlert,
  digest: processDigest,
};

export function startWorkers(names: QueueName[], deps: Deps, connection: Redis, concurrency: Partial<Record<QueueName, number>> = {}): Worker[] {
  return names.map((name) => {
    const worker = new Worker(
      name,
      async (job: Job) => {
        const parsed = registry[name].payload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad ${name} payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return processors[name](parsed.data as never, deps, job.id ?? '');
      },
      {
        connection,
        prefix: deps.producer.prefix,
        concurrency: concurrency[name] ?? CONCURRENCY[name],
        // A job whose worker died is taken up again after at most lock + stalled interval.
        lockDuration: deps.config.WORKER_LOCK_MS,
        stalledInterval: deps.config.WORKER_STALLED_INTERVAL_MS,
        // A digest job whose worker died mid-send must come back, even after several crashes:
        // the status guard in PostgreSQL (not BullMQ) decides whether anything is re-sent.
        maxStalledCount: name === 'digest' ? 10 : 2,
      },
    );
    worker.on('failed', (job, err) => {
      deps.log.warn({ queue: name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, `${name} job failed`);
    });
    worker.on('error', (err) => deps.log.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });
}
