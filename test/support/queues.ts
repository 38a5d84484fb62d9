// Each test file gets its own BullMQ prefix and removes every key under it afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deletePrefixKeys } from '../../queues/connection.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testPrefix(label: string): string {
  return `{silkwatch-test-${label}-${randomBytes(4).toString('hex')}}`;
}

export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await deletePrefixKeys(redis, prefix);
  redis.disconnect();
}
