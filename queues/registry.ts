// The pipeline's edges, in one place:
//   scheduler → crawl(sourceId) → fetch(url) → classify(versionId) → alert(eventId) → digest(subscriptionId, periodKey)
// Every queue is declared once: payload schema, retry policy, deterministic job id, retention.
// Producers call `enqueue`, processors are wrapped by `definedProcessor` (workers/), so nobody
// builds queue options by hand.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const QUEUE_NAMES = ['crawl', 'fetch', 'classify', 'alert', 'digest'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Short stable hash for job ids (BullMQ custom ids must not contain ':'). */
export const shortHash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

const crawlPayload = z.object({
  sourceId: z.string().min(1),
  /** `schedule` runs come from the job scheduler; `once` from `run --once`; `manual` from tools. */
  trigger: z.enum(['schedule', 'once', 'manual']).default('schedule'),
  runKey: z.string().regex(/^[^:]+$/).optional(),
});

const fetchPayload = z.object({
  sourceId: z.string().min(1),
  url: z.url(),
  /** The crawl run that found the URL: one fetch per URL per run, retried safely. */
  runKey: z.string().regex(/^[^:]+$/),
  /** First crawl of a `firstCrawl: baseline` source: store everything, alert only on recent items. */
  baseline: z.boolean().default(false),
});

const classifyPayload = z.object({
  versionId: z.number().int().positive(),
  baseline: z.boolean().default(false),
});

// `member`: a document that joined the event's cluster later (a syndicated copy, another
// language's report of the same edition); the event is fanned out again for the subscriptions
// that only it matches (by source, region or language).
const alertPayload = z.object({ eventId: z.number().int().positive(), member: z.number().int().positive().optional() });

const digestPayload = z.object({
  subscriptionId: z.number().int().positive(),
  periodKey: z.string().regex(/^[^:]+$/, 'period keys contain no ":"'),
});

// Exponential back-off: transient failures (a site's 503, a DB failover) get minutes, not hours.
const policy = (attempts: number, delayMs: number) => ({ attempts, backoff: { type: 'exponential' as const, delay: delayMs } });

export const queues = {
  crawl: {
    payload: crawlPayload,
    ...policy(3, 30_000),
    jobId: (p: z.infer<typeof crawlPayload>) => (p.runKey ? `crawl-${p.sourceId}-${p.runKey}` : undefined),
  },
  fetch: {
    payload: fetchPayload,
    ...policy(4, 10_000),
    jobId: (p: z.infer<typeof fetchPayload>) => `fetch-${shortHash(p.url)}-${p.runKey}`,
  },
  classify: {
    payload: classifyPayload,
    ...policy(3, 5_000),
    jobId: (p: z.infer<typeof classifyPayload>) => `classify-${p.versionId}`,
  },
  alert: {
    payload: alertPayload,
    ...policy(5, 5_000),
    jobId: (p: z.infer<typeof alertPayload>) => `alert-${p.eventId}${p.member ? `-m${p.member}` : ''}`,
  },
  digest: {
    payload: digestPayload,
    ...policy(6, 30_000),
    jobId: (p: z.infer<typeof digestPayload>) => `digest-${p.subscriptionId}-${p.periodKey}`,
  },
} satisfies Record<QueueName, { payload: z.ZodType; attempts: number; backoff: object; jobId: (p: never) => string | undefined }>;

export type Payload<Q extends QueueName> = z.infer<(typeof queues)[Q]['payload']>;
export type PayloadInput<Q extends QueueName> = z.input<(typeof queues)[Q]['payload']>;

/** Completed jobs are dropped from Redis after a while so it does not grow without end. */
export const retention = {
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

export function parseQueueList(value: string): QueueName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
  if (bad.length || names.length === 0) {
    throw new Error(`--queues: unknown queue ${bad.map((b) => `"${b}"`).join(', ') || '(none given)'}; expected a comma-separated list of ${QUEUE_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as QueueName[];
}
