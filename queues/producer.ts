// The one way jobs enter the pipeline: validates the payload against the registry, derives
// the deterministic job id, applies the queue's retry and retention policy.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, queues as registry, retention, type PayloadInput, type QueueName } from './registry.js';

export class Producer {
  readonly queues: Record<QueueName, Queue>;

  constructor(connection: Redis, readonly prefix: string) {
    this.queues = Object.fromEntries(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })])) as Record<QueueName, Queue>;
  }

  async enqueue<Q extends QueueName>(name: Q, payload: PayloadInput<Q>, opts: Pick<JobsOptions, 'delay' | 'priority'> = {}) {
    const def = registry[name];
    const data = def.payload.parse(payload);
    const jobId = (def.jobId as (p: typeof data) => string | undefined)(data);
    return this.queues[name].add(name, data, { jobId, attempts: def.attempts, backoff: def.backoff, ...retention, ...opts });
  }

  /** Many jobs of one queue in one round trip (BullMQ addBulk), validated like `enqueue`. */
  async enqueueBulk<Q extends QueueName>(name: Q, jobs: { payload: PayloadInput<Q>; delay?: number }[]) {
    if (jobs.length === 0) return [];
    const def = registry[name];
    return this.queues[name].addBulk(
      jobs.map(({ payload, delay }) => {
        const data = def.payload.parse(payload);
        const jobId = (def.jobId as (p: typeof data) => string | undefined)(data);
        return { name, data, opts: { jobId, attempts: def.attempts, backoff: def.backoff, ...retention, ...(delay ? { delay } : {}) } };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
