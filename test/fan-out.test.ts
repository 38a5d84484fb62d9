// Fan-out of one event to many subscriptions, set-based: each matching subscription gets the
// event once (a retried alert adds nothing), later subscriptions and non-matching filters none,
// and the digest jobs are queued in one batch.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boot, type Runtime } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { FAN_OUT_CHUNK } from '../digests/collect.js';
import { demoSourcesYaml } from '../fixtures/site-server.js';
import { processAlert } from '../workers/alert.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { deletePrefix, REDIS_URL, testPrefix } from './support/queues.js';

let database: TestDatabase;
let prefix: string;
let runtime: Runtime;
const now = new Date('2026-11-23T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase('fanout');
  prefix = testPrefix('fanout');
  const sourcesFile = join(mkdtempSync(join(tmpdir(), 'sw-')), 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml('http://127.0.0.1:9'));
  const config = loadConfig({ DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix, SOURCES_FILE: sourcesFile, LOG_LEVEL: 'silent', DIGEST_IMMEDIATE_WINDOW_MS: '60000' });
  runtime = await boot(config, createLogger('silent', { pretty: false }), { clock: () => now, mail: false, seed: false });
});

afterAll(async () => {
  await runtime?.close();
  await Promise.all([database?.drop(), prefix && deletePrefix(prefix)]);
});

it('places one event once per matching subscription, across chunks, and queues their digests', async () => {
  const { db } = runtime.deps;
  const doc = await db.document.create({ data: { canonicalUrl: 'https://example.org/a.html', sourceId: 'fixture-bri' } });
  const version = await db.documentVersion.create({ data: { documentId: doc.id, ordinal: 1, contentHash: 'h', title: 'Belt and Road plan', body: 'b', lang: 'en', rawSha256: 'x', extractorVersion: 2 } });
  await db.classification.create({ data: { versionId: version.id, classifierVersion: 't', relevant: true, score: 0.9, topics: [{ id: 'trade', score: 0.9, evidence: [] }] } });
  const event = await db.policyEvent.create({ data: { kind: 'NEW', cause: 'new', clusterId: doc.id, documentId: doc.id, versionId: version.id, score: 0.9, createdAt: now } });

  const n = FAN_OUT_CHUNK + 20; // more than one chunk
  const before = new Date(now.getTime() - 60_000);
  await db.subscriber.createMany({ data: Array.from({ length: n + 2 }, (_, i) => ({ email: `s${i}@example.org` })) });
  const subscribers = await db.subscriber.findMany({ orderBy: { id: 'asc' } });
  await db.subscription.createMany({
    data: subscribers.map((s, i) => ({
      subscriberId: s.id,
      cadence: i % 3 === 0 ? ('daily' as const) : ('immediate' as const),
      tz: i % 2 ? 'Asia/Shanghai' : 'Europe/Berlin',
      // the last two: one filtered out by topic, one created after the event
      topics: i === n ? ['finance'] : [],
      createdAt: i === n + 1 ? new Date(now.getTime() + 1) : before,
    })),
  });

  const first = await processAlert({ eventId: event.id }, runtime.deps);
  expect(first).toEqual({ subscriptions: n });
  expect(await db.digestItem.count({ where: { eventId: event.id } })).toBe(n);
  // daily digests are due at 08:00 local on the next day, immediate ones at the window's end
  const periods = new Set((await db.digest.findMany({ select: { periodKey: true } })).map((d) => d.periodKey));
  expect(periods).toEqual(new Set(['i-1795420800000', 'd-2026-11-24']));
  const queued = await runtime.deps.producer.queues.digest.getJobCounts('delayed', 'waiting');
  expect(queued.delayed + queued.waiting).toBe(await db.digest.count());

  const again = await processAlert({ eventId: event.id }, runtime.deps); // a retried alert job
  expect(again).toEqual({ subscriptions: 0 });
  expect(await db.digestItem.count({ where: { eventId: event.id } })).toBe(n);
});
