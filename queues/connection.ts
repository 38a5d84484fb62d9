// Redis connections for BullMQ. Workers need maxRetriesPerRequest: null (BullMQ's blocking
// commands must wait through reconnects); the start-up probe fails fast instead of hanging.
import { Redis } from 'ioredis';
import { redactUrl } from '../config/env.js';
import { reasonOf, ServiceUnavailableError } from '../config/errors.js';

export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** One PING with a short timeout and no retries; throws ServiceUnavailableError when Redis does not answer. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<{ maxmemoryPolicy?: string }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {}); // reported through the rejected promise below
  let timer: NodeJS.Timeout | undefined;
  // A port that accepts TCP but never speaks Redis would otherwise hang the ready check.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        await redis.connect();
        await redis.ping();
        const policy = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
        return { maxmemoryPolicy: policy[1] };
      })(),
      deadline,
    ]);
  } catch (err) {
    throw new ServiceUnavailableError('Redis', redactUrl(url), reasonOf(err), 'Is Redis running and is REDIS_URL right? (default redis://127.0.0.1:6379)');
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/** Removes every key of one deployment or test prefix (SCAN, never KEYS, on a shared Redis). */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
