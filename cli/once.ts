// `run --once`: one crawl of every enabled source through the whole pipeline, then the digests
// that are due (and every immediate one collected on the way), then exit when the queues have
// drained — or report the jobs still pending after --max-wait.
import type { Job, Queue } from 'bullmq';
import { sweepDigests } from '../queues/scheduler.js';
import type { QueueName } from '../queues/registry.js';
import type { Runtime } from './runtime.js';

const PIPELINE: QueueName[] = ['crawl', 'fetch', 'classify', 'alert'];
const POLL_MS = 150;

/** Jobs of this queue that this run still has to wait for (scheduler templates and digests not yet due excluded). */
async function pendingJobs(queue: Queue, now: number, digest: boolean): Promise<Job[]> {
  const busy = await queue.getJobs(['active', 'waiting', 'prioritized', 'waiting-children'], 0, 50);
  const delayed = (await queue.getJobs(['delayed'], 0, 500)).filter((job) => {
    if (!job.id || job.id.startsWith('repeat:')) return false; // a job scheduler's next run
    if (digest) return job.attemptsMade > 0 || job.timestamp + (job.delay ?? 0) <= now; // retries, and digests already due
    return true; // retries with back-off
  });
  return [...busy, ...delayed];
}

async function pending(runtime: Runtime, names: QueueName[]): Promise<Job[]> {
  const now = runtime.deps.clock().getTime();
  const lists = await Promise.all(names.map((n) => pendingJobs(runtime.deps.producer.queues[n], now, n === 'digest')));
  return lists.flat();
}

export async function runOnce(runtime: Runtime, opts: { maxWaitMs: number; runKey?: string }): Promise<{ ok: boolean; pending: string[] }> {
  const { deps } = runtime;
  const runKey = opts.runKey ?? `once-${deps.clock().getTime()}`;
  const deadline = Date.now() + opts.maxWaitMs;
  for (const source of runtime.sources.filter((s) => s.enabled)) {
    await deps.producer.enqueue('crawl', { sourceId: source.id, trigger: 'once', runKey });
  }
  let quietRounds = 0;
  while (Date.now() < deadline) {
    const busy = await pending(runtime, PIPELINE);
    if (busy.length === 0) {
      // The pipeline is quiet: send what is due, then make sure nothing new was started meanwhile.
      await sweepDigests(deps.db, deps.producer, deps.clock(), { flushImmediate: true });
      const digests = await pending(runtime, ['digest']);
      quietRounds = digests.length === 0 ? quietRounds + 1 : 0;
      if (quietRounds >= 2) return { ok: true, pending: [] };
    } else {
      quietRounds = 0;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const left = await pending(runtime, [...PIPELINE, 'digest']);
  return { ok: false, pending: left.map((j) => `${j.queueName}/${j.id}`) };
}
