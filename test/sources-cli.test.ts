// `silkwatch check-source` and `silkwatch sources` on the real CLI against the fixture site, the
// per-source failure counts (db/source-health.ts), and the fetch worker's failure accounting:
// a stored page is marked gone after two consecutive 404s, a 200 in between resets the count;
// and the crawl worker's: a listing that cannot be read, a listing that matches nothing.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSources } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { parseSources, type Source } from '../config/sources.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { noPoliteness } from '../crawlers/politeness.js';
import { storeArticles } from '../db/articles.js';
import { Batcher } from '../db/batcher.js';
import { createDb, type Db } from '../db/client.js';
import { reasonFor, recordFailure, sourceHealth } from '../db/source-health.js';
import { demoSourcesYaml, startFixtureSite, type FixtureArticle, type FixtureSite } from '../fixtures/site-server.js';
import type { Deps } from '../workers/deps.js';
import { processCrawl } from '../workers/crawl.js';
import { processFetch } from '../workers/fetch.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp.js';

let site: FixtureSite;
let smtp: SmtpCatcher;
let database: TestDatabase;
let db: Db;
let dir: string;
let sourcesFile: string;
let source: Source;

beforeAll(async () => {
  [site, smtp, database] = await Promise.all([startFixtureSite(), startSmtpCatcher(), createTestDatabase('sources')]);
  dir = mkdtempSync(join(tmpdir(), 'silkwatch-sources-'));
  sourcesFile = join(dir, 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml(site.url));
  source = parseSources(demoSourcesYaml(site.url), sourcesFile)[0];
  db = createDb(database.url, 12);
});

afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([site?.close(), smtp?.close(), database?.drop()]);
});

const env = () => ({
  DATABASE_URL: database.url,
  // Nothing here may need Redis: a closed port proves it.
  REDIS_URL: 'redis://127.0.0.1:1',
  SMTP_URL: smtp.url,
  OUTBOX_DIR: join(dir, 'outbox'),
  SOURCES_FILE: sourcesFile,
  ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  LOG_LEVEL: 'silent',
});

const fixtureAt = (url: string): FixtureArticle => {
  const path = new URL(url).pathname;
  const article = site.articles.find((a) => a.path === path);
  if (!article) throw new Error(`no fixture article at ${path}`);
  return article;
};

describe('silkwatch check-source', () => {
  it('prints the first article of the listing as it would be extracted, and stores and sends nothing', async () => {
    const before = site.requests.length;
    const r = await runCli(['check-source', 'fixture-bri', '--json'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.source.id).toBe('fixture-bri');
    expect(out.listing).toEqual([`${site.url}/news/index.html`]);
    expect(out.listingPages).toBe(1); // one listing page is enough for a dry run
    expect(out.articleLinks).toBeGreaterThan(0);
    expect(out.firstLinks[0]).toBe(out.article);
    const article = fixtureAt(out.article);
    expect(out.extracted.title).toBe(article.title);
    expect(out.extracted.published).toBe(article.published);
    expect(out.extracted.lang).toBe(article.layout === 'shanghai-zh' ? 'zh' : 'en');
    expect(out.extracted.textLength).toBeGreaterThan(200);
    expect(out.extracted.excerpt.length).toBeLessThanOrEqual(300);
    expect(out.problem).toBeNull();
    // The listing page and exactly one article, nothing else.
    const fetched = site.requests.slice(before).map((q) => new URL(q.url, site.url).pathname);
    expect(fetched).toEqual(['/news/index.html', new URL(out.article).pathname]);

    const text = await runCli(['check-source', 'fixture-bri'], env());
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`title       ${article.title}`);
    expect(text.stdout).toContain(`published   ${article.published}`);
    expect(text.stdout).toContain(out.article);
    expect(text.stdout).toContain('dry run');

    // Dry run: the database holds no document (it was migrated but never written) and no mail left.
    expect(await db.document.count()).toBe(0);
    expect(await db.source.count()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect(() => readdirSync(join(dir, 'outbox'))).toThrow();
  });

  it('exits 2 naming the known ids for an unknown id', async () => {
    const r = await runCli(['check-source', 'no-such-source'], env());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown source "no-such-source".*fixture-bri/);
  });

  it('exits 1 with the reason when the listing cannot be fetched', async () => {
    const file = join(dir, 'down.yaml');
    writeFileSync(file, demoSourcesYaml('http://127.0.0.1:1'));
    const r = await runCli(['check-source', 'fixture-bri'], { ...env(), SOURCES_FILE: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not fetch the listing of fixture-bri: http:\/\/127\.0\.0\.1:1\/news\/index\.html \(.+\)/);
  });
});

describe('recordFailure', () => {
  it('counts concurrent failures of one source without losing any', async () => {
    await syncSources(db, [source]);
    await Promise.all([
      ...Array.from({ length: 40 }, () => recordFailure(db, source.id, 'timeout')),
      ...Array.from({ length: 25 }, () => recordFailure(db, source.id, 'http-5xx')),
      recordFailure(db, source.id, 'listing-failed', 3),
    ]);
    const [health] = await sourceHealth(db);
    expect(health.failures).toEqual({ 'http-5xx': 25, 'listing-failed': 3, timeout: 40 });
    await recordFailure(db, 'not-a-source', 'timeout'); // ignored, no error
    await db.source.update({ where: { id: source.id }, data: { failures: {} } });
  });

  it('names the reasons of the fetcher\'s errors', () => {
    expect(reasonFor(new Error('http://x.cn/a.html: HTTP 404'))).toBe('http-404');
    expect(reasonFor(new Error('http://x.cn/a.html: HTTP 410'))).toBe('http-410');
    expect(reasonFor(new Error('http://x.cn/a.html: HTTP 503'))).toBe('http-5xx');
    expect(reasonFor(new Error('http://x.cn/a.html: HTTP 403'))).toBe('http-403');
    expect(reasonFor(new Error('500 - Internal Server Error: oops'))).toBe('http-5xx');
    expect(reasonFor(new Error('http://x.cn/a.html: timed out after 30000 ms'))).toBe('timeout');
    expect(reasonFor(new Error('http://x.cn/a.html: 23'))).toBe('timeout');
    expect(reasonFor(new Error('http://x.cn/a.html: response larger than 10485760 bytes'))).toBe('too-large');
    expect(reasonFor(new Error('http://x.cn/a.html: more than 5 redirects'))).toBe('redirects');
    expect(reasonFor(new Error('refused http://10.0.0.1: 10.0.0.1 resolves to the private address 10.0.0.1 (add it to ALLOW_PRIVATE_HOSTS to allow)'))).toBe('private-address');
    expect(reasonFor(new Error('http://x.cn/robots-in-parks.html: disallowed by robots.txt (Disallow: /)'))).toBe('robots');
    expect(reasonFor(new Error('http://x.cn/humanoid-robots.html: ECONNREFUSED'))).toBe('network');
  });
});

describe('the fetch worker', () => {
  let now = new Date('2026-11-23T08:00:00Z');
  let deps: Deps;
  let pdfServer: http.Server;
  let pdfUrl: string;

  beforeAll(async () => {
    await syncSources(db, [source]);
    const config = loadConfig({ DATABASE_URL: database.url, SOURCES_FILE: sourcesFile, ALLOW_PRIVATE_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' });
    const enqueue = async () => 'job';
    deps = {
      config,
      db,
      log: createLogger('silent', { pretty: false }),
      producer: { enqueue } as unknown as Deps['producer'],
      mailer: {} as Deps['mailer'],
      clock: () => now,
      sources: new Map([[source.id, source]]),
      guard: new HostGuard(config.ALLOW_PRIVATE_HOSTS),
      politeness: noPoliteness,
      userAgent: 'silkwatch/0.0.0 (+https://example.org/silkwatch)',
      articleWriter: new Batcher((items: Parameters<typeof storeArticles>[1]) => storeArticles(db, items), { max: 10, waitMs: 5 }),
      knowledge: {} as Deps['knowledge'],
    };
    pdfServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4 not really');
    });
    await new Promise<void>((r) => pdfServer.listen(0, '127.0.0.1', r));
    pdfUrl = `http://127.0.0.1:${(pdfServer.address() as AddressInfo).port}/news/20240408/measures.pdf`;
  });

  afterAll(async () => {
    await deps?.articleWriter.drain();
    await new Promise<void>((r) => (pdfServer ? pdfServer.close(() => r()) : r()));
  });

  const fetchOnce = (url: string) => {
    now = new Date(now.getTime() + 13 * 3600_000);
    return processFetch({ sourceId: source.id, url, runKey: `r${now.getTime()}`, baseline: false }, deps);
  };
  const doc = (url: string) => db.document.findUniqueOrThrow({ where: { canonicalUrl: url }, select: { status: true, missingCount: true, lastCheckedAt: true } });
  const failures = async () => (await sourceHealth(db)).find((h) => h.id === source.id)!.failures;

  it('marks a stored page gone after two consecutive 404s, and a 200 in between resets the count', async () => {
    const article = { ...site.articles[0] };
    const url = `${site.url}${article.path}`;
    expect((await fetchOnce(url)).outcome).toBe('new-document');
    expect(await doc(url)).toMatchObject({ status: 'live' });

    site.removeArticle(article.path);
    expect((await fetchOnce(url)).outcome).toBe('missing');
    expect(await doc(url)).toEqual({ status: 'live', missingCount: 1, lastCheckedAt: now });

    site.addArticle(article); // back: a 200 (or 304) resets the strike
    expect(['not-modified', 'unchanged', 'new-version']).toContain((await fetchOnce(url)).outcome);
    expect(await doc(url)).toEqual({ status: 'live', missingCount: 0, lastCheckedAt: now });

    site.removeArticle(article.path);
    expect((await fetchOnce(url)).outcome).toBe('missing'); // one miss again, not two in a row
    expect((await doc(url)).status).toBe('live');
    expect((await fetchOnce(url)).outcome).toBe('gone');
    expect(await doc(url)).toEqual({ status: 'gone', missingCount: 2, lastCheckedAt: now });
    expect((await fetchOnce(url)).outcome).toBe('gone'); // stays gone
    expect((await failures())['http-404']).toBe(4);

    const [health] = await sourceHealth(db);
    expect(health).toMatchObject({ documents: 1, gone: 1 });
    site.addArticle(article);
  });

  it('counts a 404 of a page never stored, and a non-HTML article link, without storing either', async () => {
    await expect(fetchOnce(`${site.url}/news/20240101/never-there.html`)).rejects.toThrow(/HTTP 404/);
    expect((await failures())['http-404']).toBe(5);
    expect((await fetchOnce(pdfUrl)).outcome).toBe('not-html');
    expect((await failures())['not-html']).toBe(1);
    expect(await db.document.count()).toBe(1);
  });
});

describe('silkwatch sources', () => {
  it('lists every source of the file with its health', async () => {
    const r = await runCli(['sources', '--json'], env());
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 'fixture-bri',
      name: 'Fixture Belt and Road site',
      enabled: true,
      lastSuccessAt: null,
      articlesFound: 0,
      documents: 1,
      gone: 1,
      failures: { 'http-404': 5, 'not-html': 1 },
    });

    const table = await runCli(['sources'], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+ON\s+LAST SUCCESS/);
    expect(table.stdout).toMatch(/fixture-bri\s+yes\s+never\s+never\s+0\s+1\s+1\s+http-404=5 not-html=1/);
  });

  it('shows a source added to the file at once, without a crawl', async () => {
    const more = `${demoSourcesYaml(site.url)}  - id: added-later
    name: Added later
    lang: zh
    region: zhejiang
    listing: [${site.url}/news/index.html]
    articles: ['^https://never\\.example/.+$']
`;
    writeFileSync(sourcesFile, more);
    const r = await runCli(['sources', '--json'], env());
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((row: { id: string }) => row.id)).toEqual(['fixture-bri', 'added-later']);
    expect(rows[1]).toMatchObject({ documents: 0, gone: 0, failures: {}, lastSuccessAt: null });
    writeFileSync(sourcesFile, demoSourcesYaml(site.url));
  });
});

describe('the crawl worker', () => {
  const crawlDeps = (sources: Source[]): Deps => {
    const config = loadConfig({ DATABASE_URL: database.url, ALLOW_PRIVATE_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' });
    return {
      config,
      db,
      log: createLogger('silent', { pretty: false }),
      producer: { enqueue: async () => 'job' } as unknown as Deps['producer'],
      mailer: {} as Deps['mailer'],
      clock: () => new Date(),
      sources: new Map(sources.map((s) => [s.id, s])),
      guard: new HostGuard(config.ALLOW_PRIVATE_HOSTS),
      politeness: noPoliteness,
      userAgent: 'silkwatch/0.0.0 (+https://example.org/silkwatch)',
      articleWriter: {} as Deps['articleWriter'],
      knowledge: {} as Deps['knowledge'],
    };
  };
  const health = async (id: string) => (await sourceHealth(db)).find((h) => h.id === id)!;

  it('counts a listing that cannot be fetched, and a listing whose links match no article pattern', async () => {
    const [down] = parseSources(demoSourcesYaml('http://127.0.0.1:1').replace('id: fixture-bri', 'id: down-site'), 'down');
    const [nomatch] = parseSources(
      demoSourcesYaml(site.url).replace('id: fixture-bri', 'id: no-match').replace(/articles: \[.*\]/, () => "articles: ['^https://never\\.example/.+$']"),
      'nomatch',
    );
    await syncSources(db, [down, nomatch]);
    const deps = crawlDeps([down, nomatch]);

    await expect(processCrawl({ sourceId: down.id, trigger: 'manual' }, deps, 'job-1')).rejects.toThrow(/no listing page of down-site could be fetched/);
    expect(await health(down.id)).toMatchObject({ failures: { 'listing-failed': 1 }, lastSuccessAt: null });

    expect(await processCrawl({ sourceId: nomatch.id, trigger: 'manual' }, deps, 'job-2')).toEqual({ articles: 0, enqueued: 0 });
    const h = await health(nomatch.id);
    expect(h.failures).toEqual({ 'no-articles': 1 });
    expect(h.lastSuccessAt).not.toBeNull();
  });
});
