// <link rel=canonical>: a page reached through a second URL whose canonical link names an
// article already stored updates that document instead of making a duplicate.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncSources } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { parseSources } from '../config/sources.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { noPoliteness } from '../crawlers/politeness.js';
import { storeArticles } from '../db/articles.js';
import { Batcher } from '../db/batcher.js';
import { createDb, type Db } from '../db/client.js';
import type { Deps } from '../workers/deps.js';
import { processFetch } from '../workers/fetch.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let server: http.Server;
let base: string;
let database: TestDatabase;
let db: Db;
let deps: Deps;
const enqueued: unknown[] = [];

const page = (canonical: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Plan - Shanghai</title>
<link rel="canonical" href="${canonical}"></head><body><nav><a href="/">Home</a></nav>
<h1>Shanghai issues Belt and Road action plan</h1><div class="info">Updated: Apr 8, 2024</div>
<div class="TRS_Editor"><p>Shanghai released an action plan to deepen Belt and Road cooperation with partner countries.</p>
<p>The plan lists measures on trade, finance and connectivity for the next three years.</p></div></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // Both URLs declare /news/20240408/plan.html as the article's canonical address.
    res.end(page('/news/20240408/plan.html'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase('canonical');
  db = createDb(database.url, 2);
  const [source] = parseSources(`sources:\n  - id: s\n    name: S\n    lang: en\n    region: shanghai\n    listing: [${base}/news/]\n    articles: ['^${base.replace(/\./g, '\\.')}/news/.+$']\n`, 's.yaml');
  await syncSources(db, [source]);
  const config = loadConfig({ DATABASE_URL: database.url, ALLOW_PRIVATE_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' });
  deps = {
    config,
    db,
    log: createLogger('silent', { pretty: false }),
    // Only the enqueue call is observed here; queues are exercised by the pipeline tests.
    producer: { enqueue: async (...args: unknown[]) => void enqueued.push(args) } as unknown as Deps['producer'],
    mailer: {} as Deps['mailer'],
    clock: () => new Date('2026-11-23T08:00:00Z'),
    sources: new Map([[source.id, source]]),
    guard: new HostGuard(config.ALLOW_PRIVATE_HOSTS),
    politeness: noPoliteness,
    userAgent: 'silkwatch/0.0.0 (+https://example.org/silkwatch)',
    articleWriter: new Batcher((items: Parameters<typeof storeArticles>[1]) => storeArticles(db, items), { max: 10, waitMs: 5 }),
    knowledge: {} as Deps['knowledge'],
  };
});

afterAll(async () => {
  server?.close();
  await db?.$disconnect();
  await database?.drop();
});

it('files a second URL under the stored canonical document', async () => {
  const canonical = `${base}/news/20240408/plan.html`;
  expect((await processFetch({ sourceId: 's', url: canonical, runKey: 'a', baseline: false }, deps)).outcome).toBe('new-document');
  const second = await processFetch({ sourceId: 's', url: `${base}/news/20240408/plan-print.html`, runKey: 'b', baseline: false }, deps);
  expect(second.outcome).toBe('unchanged');
  expect((await db.document.findMany({ select: { canonicalUrl: true } })).map((d) => d.canonicalUrl)).toEqual([canonical]);
});

it('keeps the discovered URL when the canonical one is not stored (so the next crawl knows it)', async () => {
  server.removeAllListeners('request');
  server.on('request', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('/news/20240409/elsewhere.html'));
  });
  const url = `${base}/news/20240409/other.html`;
  await processFetch({ sourceId: 's', url, runKey: 'c', baseline: false }, deps);
  expect(await db.document.findUnique({ where: { canonicalUrl: url } })).not.toBeNull();
});
