// `npx tsx bench/digests.ts`: how fast an immediate digest follows a new article, and how long
// one event takes to fan out to 10,000 subscriptions — each beside a baseline from the same run.
//
// 1. Fresh database silkwatch_bench_digests, unique queue prefix, the fixture site (seed
//    articles), an SMTP catcher, one immediate subscription, all workers; `runOnce` baselines
//    the seeds (their digest is ignored).
// 2. Latency, 50 times: add one new relevant article, t0 = enqueuing a crawl job, t1 = the SMTP
//    catcher holding the digest that names the article. Baseline: the crawl job alone
//    (finishedOn - processedOn).
// 3. Fan-out: 10,000 immediate subscriptions (createMany), then one real event from
//    crawl → fetch → classify with the alert worker stopped; processAlert timed directly.
//    Baseline: 10,000 sequential single-row INSERTs (and one SELECT of the subscriptions).
// 4. Cleans up (queues, prefix keys, database, site, SMTP); exit 0, or 1 with the reason.
import { dropDatabase } from '../db/client.js';
import { benchDatabaseUrl, freshBenchDatabase } from './support.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnce } from '../cli/once.js';
import { boot, type Runtime } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createSubscription } from '../db/subscriptions.js';
import { demoSourcesYaml, seedArticles, startFixtureSite, type FixtureSite } from '../fixtures/site-server.js';
import { deletePrefixKeys } from '../queues/connection.js';
import { QUEUE_NAMES } from '../queues/registry.js';
import { startSmtpCatcher, type SmtpCatcher } from '../test/support/smtp.js';
import { processAlert } from '../workers/alert.js';
import { startWorkers } from '../workers/index.js';

const DB_NAME = 'silkwatch_bench_digests';
const ARTICLES = 50;
const SUBSCRIPTIONS = 10_000;
const SOURCE_ID = 'fixture-bri';
const WAIT_MS = 60_000;

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];


function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

// Distinct wording per article so that the near-duplicate clustering never takes one for a copy of another.
const CITIES = ['Ningbo', 'Xiamen', 'Qingdao', 'Chongqing', 'Kunming', 'Urumqi', 'Xi’an', 'Nanning', 'Lanzhou', 'Fuzhou', 'Hefei', 'Wuhan', 'Harbin'];
const SECTORS = ['port logistics', 'rail freight', 'cross-border e-commerce', 'green energy', 'digital trade', 'vocational training', 'customs clearance', 'overseas investment insurance', 'agricultural exports', 'cultural exchange'];
const WORDS = 'alpha bravo cedar delta ember fjord garnet harbor indigo juniper kestrel lumen meadow nectar opal prairie quartz raven sierra tundra umber vessel willow xenon yarrow zephyr'.split(' ');

function newArticle(i: number, today: string) {
  const city = CITIES[i % CITIES.length];
  const sector = SECTORS[(i * 7) % SECTORS.length];
  const tag = randomBytes(3).toString('hex');
  const noise = Array.from({ length: 40 }, () => WORDS[randomBytes(1)[0] % WORDS.length]).join(' ');
  const title = `${city} issues measures ${i + 1} on ${sector} for the Belt and Road Initiative (${tag})`;
  return {
    // The listing sorts same-day articles by path: a descending key puts the newest on page 1, as
    // on a real site (the crawler stops paginating at a page without unknown articles).
    path: `/news/${today.replaceAll('-', '')}/bench-${999 - i}-${tag}.html`,
    layout: 'chinadaily' as const,
    title,
    published: today,
    source: 'english.shanghai.gov.cn',
    paragraphs: [
      `${city} has issued several measures to support ${sector} along the Belt and Road, the municipal development and reform commission said on ${today}; batch ${i + 1}, reference ${tag}.`,
      `The measures provide subsidies of up to ${(i + 3) * 11} million yuan for enterprises in ${sector} that open routes to countries participating in the Belt and Road Initiative, and promise faster approvals for overseas projects.`,
      `Officials said the city will deepen cooperation with partners in Central Asia, Southeast Asia and Europe under the Belt and Road Initiative, and will report progress every quarter. Notes: ${noise}.`,
    ],
  };
}

let exitCode = 0;
let site: FixtureSite | undefined;
let smtp: SmtpCatcher | undefined;
let runtime: Runtime | undefined;
let prefix = '';
const bench = benchDatabaseUrl(DB_NAME);
const dir = mkdtempSync(join(tmpdir(), 'silkwatch-bench-digests-'));

try {
  await freshBenchDatabase(DB_NAME);
  site = await startFixtureSite({ articles: seedArticles() });
  smtp = await startSmtpCatcher();
  const sourcesFile = join(dir, 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml(site.url));
  prefix = `{silkwatch-bench-digests-${randomBytes(4).toString('hex')}}`;
  const config = loadConfig({
    DATABASE_URL: bench,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    SOURCES_FILE: sourcesFile,
    SMTP_URL: smtp.url,
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DIGEST_IMMEDIATE_WINDOW_MS: '0',
  });
  const log = createLogger(config.LOG_LEVEL);
  runtime = await boot(config, log);
  const rt = runtime;
  const { db, producer } = rt.deps;
  console.log(`silkwatch digests bench — fixture site ${site.url}, SMTP ${smtp.url}; node ${process.version}, ${cpus().length} cores\n`);

  await createSubscription(db, { email: 'reader@example.org', cadence: 'immediate' });
  rt.workers = startWorkers([...QUEUE_NAMES], rt.deps, rt.redis);
  await Promise.all(rt.workers.map((w) => w.waitUntilReady()));

  // Baseline the five seeds; their digest is not measured.
  const once = await runOnce(rt, { maxWaitMs: 120_000, runKey: 'baseline' });
  if (!once.ok) throw new Error(`runOnce did not drain: pending ${once.pending.join(', ')}`);

  // ---- latency: article appears → crawl enqueued (t0) → digest at the SMTP server (t1)
  const today = new Date().toISOString().slice(0, 10);
  const latencies: number[] = [];
  const crawlMs: number[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const article = newArticle(i, today);
    site.addArticle(article);
    let seen = smtp.messages.length;
    const t0 = performance.now();
    const job = await producer.enqueue('crawl', { sourceId: SOURCE_ID, trigger: 'manual', runKey: `lat${i}` });
    let t1 = 0;
    const deadline = Date.now() + WAIT_MS;
    while (!t1) {
      const mail = await withTimeout(smtp.waitFor(seen + 1), Math.max(1, deadline - Date.now()), `digest for article ${i + 1} ("${article.title}")`).catch(async (err) => {
        const doc = await db.document.findFirst({ where: { canonicalUrl: { endsWith: article.path } }, include: { versions: { include: { classifications: true } } } });
        const events = doc ? await db.policyEvent.findMany({ where: { OR: [{ documentId: doc.id }, ...(doc.clusterId ? [{ clusterId: doc.clusterId }] : [])] } }) : [];
        const cls = doc?.versions.at(-1)?.classifications.at(-1);
        throw new Error(
          `${(err as Error).message}; document ${doc ? `${doc.id} cluster ${doc.clusterId}` : 'not stored'}, classification ${cls ? `relevant=${cls.relevant} score=${cls.score}` : 'none'}, events ${JSON.stringify(events.map((e) => [e.id, e.documentId, e.kind, e.cause]))}`,
        );
      });
      seen++;
      if (`${mail.subject ?? ''}\n${mail.text ?? ''}`.includes(article.title)) t1 = performance.now();
    }
    latencies.push(t1 - t0);
    const done = await producer.queues.crawl.getJob(job.id!);
    if (!done?.finishedOn || !done.processedOn) throw new Error(`crawl job ${job.id} has no processedOn/finishedOn`);
    crawlMs.push(done.finishedOn - done.processedOn);
  }
  const lat = [...latencies].sort((a, b) => a - b);
  const crawlSorted = [...crawlMs].sort((a, b) => a - b);
  const latP50 = quantile(lat, 0.5);
  const crawlP50 = quantile(crawlSorted, 0.5);

  // ---- fan-out: 10,000 subscriptions, one event, processAlert timed directly
  const setupStarted = performance.now();
  await db.subscriber.createMany({ data: Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({ email: `bench-${i}@example.org` })) });
  const subscribers = await db.subscriber.findMany({ where: { email: { startsWith: 'bench-' } }, select: { id: true } });
  await db.subscription.createMany({ data: subscribers.map((s) => ({ subscriberId: s.id, cadence: 'immediate' as const, topics: [], regions: [], sources: [], languages: [] })) });
  const setupMs = performance.now() - setupStarted;

  // One real event: crawl → fetch → classify, the alert worker stopped; its alert job is taken out.
  await Promise.all(rt.workers.map((w) => w.close()));
  rt.workers = startWorkers(['crawl', 'fetch', 'classify'], rt.deps, rt.redis);
  await Promise.all(rt.workers.map((w) => w.waitUntilReady()));
  site.addArticle(newArticle(ARTICLES, today));
  await producer.enqueue('crawl', { sourceId: SOURCE_ID, trigger: 'manual', runKey: 'fanout' });
  let eventId: number | undefined;
  const eventDeadline = Date.now() + WAIT_MS;
  while (eventId === undefined) {
    if (Date.now() > eventDeadline) throw new Error('fan-out: no alert job from the new article within 60 s');
    await new Promise((r) => setTimeout(r, 50)); // set-up wait only, nothing is measured here
    const [job] = await producer.queues.alert.getJobs(['waiting', 'prioritized', 'delayed'], 0, 0);
    if (job) {
      eventId = (job.data as { eventId: number }).eventId;
      await job.remove();
    }
  }
  await Promise.all(rt.workers.map((w) => w.close()));
  rt.workers = [];
  const activeSubs = await db.subscription.count({ where: { active: true } });

  // Time spent in Redis (the digest enqueues) inside processAlert, observed without changing it.
  let enqueueMs = 0;
  const innerEnqueue = producer.enqueue.bind(producer);
  producer.enqueue = (async (...args: Parameters<typeof producer.enqueue>) => {
    const t = performance.now();
    try {
      return await innerEnqueue(...args);
    } finally {
      enqueueMs += performance.now() - t;
    }
  }) as typeof producer.enqueue;
  const fanStarted = performance.now();
  const result = await processAlert({ eventId }, rt.deps);
  const fanMs = performance.now() - fanStarted;
  producer.enqueue = innerEnqueue;
  const [items, digests] = await Promise.all([db.digestItem.count({ where: { eventId } }), db.digest.count({ where: { items: { some: { eventId } } } })]);

  // Baselines on the same client and database.
  await db.$executeRawUnsafe('CREATE TABLE bench_baseline (id serial PRIMARY KEY, subscription_id int NOT NULL, event_id int NOT NULL)');
  const insStarted = performance.now();
  for (let i = 0; i < SUBSCRIPTIONS; i++) await db.$executeRaw`INSERT INTO bench_baseline (subscription_id, event_id) VALUES (${i}, ${eventId})`;
  const insertMs = performance.now() - insStarted;
  await db.$executeRawUnsafe('DROP TABLE bench_baseline');
  const selStarted = performance.now();
  const selected = await db.subscription.findMany({ where: { active: true } });
  const selectMs = performance.now() - selStarted;

  // ---- report
  const rows: [string, string][] = [
    [`article → immediate digest at SMTP (${ARTICLES} articles)`, `p50 ${fmt(latP50, 0)} ms, p95 ${fmt(quantile(lat, 0.95), 0)} ms, min ${fmt(lat[0], 0)} ms, max ${fmt(lat.at(-1)!, 0)} ms`],
    ['  baseline: crawl job alone (finishedOn - processedOn)', `p50 ${fmt(crawlP50, 0)} ms, p95 ${fmt(quantile(crawlSorted, 0.95), 0)} ms → end-to-end p50 is ${fmt(latP50 / Math.max(1, crawlP50), 1)}× the crawl job (fetch+classify+alert+digest+SMTP add ${fmt(latP50 - crawlP50, 0)} ms)`],
    [`fan-out: processAlert, ${activeSubs} active subscriptions`, `${fmt(fanMs, 0)} ms, ${fmt(fanMs / activeSubs, 3)} ms/subscription (of which digest enqueues ${fmt(enqueueMs, 0)} ms); ${result.subscriptions} delivered, ${items} digest items, ${digests} digests`],
    [`  baseline: ${SUBSCRIPTIONS} single-row INSERTs`, `${fmt(insertMs, 0)} ms, ${fmt(insertMs / SUBSCRIPTIONS, 3)} ms/row → fan-out is ${fmt(fanMs / insertMs, 1)}× this`],
    [`  baseline: SELECT of the subscriptions`, `${fmt(selectMs, 0)} ms for ${selected.length} rows`],
    ['  set-up (not timed above)', `createMany of ${SUBSCRIPTIONS} subscribers + subscriptions: ${fmt(setupMs, 0)} ms; event ${eventId}`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  console.log(rows.map(([a, b]) => `${a.padEnd(w)}${b}`).join('\n'));

  if (result.subscriptions !== activeSubs || items !== activeSubs || digests !== activeSubs) {
    throw new Error(`fan-out: expected ${activeSubs} deliveries/items/digests, got ${result.subscriptions}/${items}/${digests}`);
  }
} catch (err) {
  console.error(`\nbench FAILED: ${(err as Error).stack ?? err}`);
  exitCode = 1;
} finally {
  const step = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup (${what}) failed: ${(err as Error).message}`);
      exitCode = 1;
    }
  };
  if (runtime) {
    const rt = runtime;
    await step('workers', () => Promise.all(rt.workers.map((w) => w.close())));
    rt.workers = [];
    await step('queues', async () => {
      for (const name of QUEUE_NAMES) await rt.deps.producer.queues[name].obliterate({ force: true });
      await deletePrefixKeys(rt.redis, prefix);
    });
    await step('runtime', () => rt.close());
  }
  await step('database', () => dropDatabase(bench));
  if (site) await step('site', () => site!.close());
  if (smtp) await step('smtp', () => smtp!.close());
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
