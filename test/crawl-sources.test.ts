// Six fixture sources through the real pipeline (Crawlee, BullMQ, Redis politeness, PostgreSQL):
// every discoverable article stored, robots.txt obeyed, the syndicated copy in one cluster with
// one event, and a second crawl of the unchanged sites downloading only listings, feeds,
// sitemaps and 304s.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnce } from '../cli/once.js';
import { boot } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDb, type Db } from '../db/client.js';
import { MULTI_SOURCE_IDS, startMultiSite, type MultiSite } from '../fixtures/multi-site.js';
import { QUEUE_NAMES } from '../queues/registry.js';
import { startWorkers } from '../workers/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { deletePrefix, REDIS_URL, testPrefix } from './support/queues.js';

let site: MultiSite;
let database: TestDatabase;
let db: Db;
let prefix: string;
let sourcesFile: string;
let now = new Date('2026-11-23T08:00:00Z');

async function crawlOnce() {
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SOURCES_FILE: sourcesFile,
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'sw-outbox-')),
    LOG_LEVEL: 'silent',
  });
  const runtime = await boot(config, createLogger('silent', { pretty: false }), { clock: () => now, seed: true });
  try {
    runtime.workers = startWorkers([...QUEUE_NAMES], runtime.deps, runtime.redis);
    expect(await runOnce(runtime, { maxWaitMs: 90_000 })).toEqual({ ok: true, pending: [] });
  } finally {
    await runtime.close();
  }
}

beforeAll(async () => {
  [site, database] = await Promise.all([startMultiSite(), createTestDatabase('sources')]);
  db = createDb(database.url, 2);
  prefix = testPrefix('sources');
  sourcesFile = join(mkdtempSync(join(tmpdir(), 'sw-')), 'sources.yaml');
  writeFileSync(sourcesFile, site.sourcesYaml());
});

afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([site?.close(), database?.drop(), prefix && deletePrefix(prefix)]);
});

describe('crawling six sources', () => {
  it('stores every discoverable article except those robots.txt disallows', async () => {
    await crawlOnce();
    const stored = new Set((await db.document.findMany({ select: { canonicalUrl: true } })).map((d) => d.canonicalUrl));
    for (const id of MULTI_SOURCE_IDS) {
      const source = site.sources[id];
      const disallowed = new Set(source.disallowedUrls());
      for (const url of source.discoverableUrls()) expect(stored.has(url), `${id}: ${url}`).toBe(!disallowed.has(url));
      for (const url of source.navigationUrls) expect(stored.has(url)).toBe(false);
    }
    // robots.txt was read, and no disallowed path was ever requested.
    const disallowedPaths = MULTI_SOURCE_IDS.flatMap((id) => site.sources[id].disallowedPaths.map((p) => ({ id, p })));
    expect(disallowedPaths.length).toBeGreaterThan(0);
    for (const { id, p } of disallowedPaths) {
      expect(site.requests.filter((r) => r.source === id && r.url.startsWith(p))).toEqual([]);
    }
    expect(site.requests.some((r) => r.kind === 'robots')).toBe(true);
    expect(site.requests.every((r) => String(r.headers['user-agent']).startsWith('silkwatch/'))).toBe(true);
  });

  it('puts the syndicated copy in its original cluster, with one NEW event', async () => {
    expect(site.syndicated.length).toBeGreaterThan(0);
    for (const { original, copy } of site.syndicated) {
      const [a, b] = await Promise.all([original, copy].map((url) => db.document.findUniqueOrThrow({ where: { canonicalUrl: url } })));
      expect(a.clusterId).not.toBeNull();
      expect(b.clusterId).toBe(a.clusterId);
      expect(await db.policyEvent.count({ where: { clusterId: a.clusterId!, kind: 'NEW' } })).toBe(1);
    }
  });

  it('re-crawls an unchanged site with listings, feeds, sitemaps and 304s only', async () => {
    const before = site.requests.length;
    const versions = await db.documentVersion.count();
    now = new Date(now.getTime() + 8 * 86_400_000); // every article is due for a re-check (older than a year: weekly)
    await crawlOnce();
    const second = site.requests.slice(before);
    const articles = second.filter((r) => r.kind === 'article');
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.filter((r) => r.status !== 304)).toEqual([]);
    expect(second.filter((r) => !['listing', 'feed', 'sitemap', 'robots', 'article'].includes(r.kind))).toEqual([]);
    expect(await db.documentVersion.count()).toBe(versions);
    const firstBytes = site.requests.slice(0, before).reduce((n, r) => n + r.bytes, 0);
    const secondArticleBytes = articles.reduce((n, r) => n + r.bytes, 0);
    expect(secondArticleBytes).toBe(0);
    expect(firstBytes).toBeGreaterThan(0);
  });
});
