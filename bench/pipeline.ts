// `npm run bench [-- --pages N]`: throughput of the silkwatch pipeline (crawl → extract → store)
// against a raw fetch + cheerio.load loop, on the same generated site, in one run.
//
// 1. Serves a generated site on 127.0.0.1 (bench/site.ts): N article pages of a fixed size
//    (45 KB), listing pages of 100 links with a.next pagination.
// 2. Baseline: global fetch + res.text() + cheerio.load over the N article URLs, concurrency 16.
// 3. Pipeline: fresh database silkwatch_bench, unique queue prefix, one source for the site,
//    boot() (migrations before the clock starts), crawl + fetch workers only; timed from
//    enqueuing the crawl job until crawl and fetch have drained; then checks that N Documents
//    were stored. The classify jobs the fetch worker enqueues are left unprocessed (and removed).
// 4. Prints both figures and their ratio, cleans up (queues, database, site), exits 0.
//
// Speed targets live here, never in the tests: only ratios measured in the same run mean much.
import { dropDatabase } from '../db/client.js';
import { freshBenchDatabase } from './support.js';
import * as cheerio from 'cheerio';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Job, Queue } from 'bullmq';
import { boot, type Runtime } from '../cli/runtime.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { deletePrefixKeys } from '../queues/connection.js';
import { QUEUE_NAMES } from '../queues/registry.js';
import { startWorkers } from '../workers/index.js';
import { startBenchSite, type BenchSite } from './site.js';

const CONCURRENCY = 16;
const PAGE_BYTES = 45 * 1024;
const DB_NAME = 'silkwatch_bench';
const POLL_MS = 100;
/** Give up (and fail) when the pipeline has not drained after this long. */
const MAX_WAIT_MS = 10 * 60_000;

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '2000' },
    'cpu-profile': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: npm run bench [-- --pages N] [--cpu-profile FILE.cpuprofile]');
  console.log('  --pages N          article pages (default 2000, 45 KB each)');
  console.log('  --cpu-profile F    write a V8 CPU profile of the timed pipeline phase (main thread) to F');
  process.exit(0);
}
const PAGES = Number(args.pages);
if (!Number.isInteger(PAGES) || PAGES < 1 || PAGES > 99_999) {
  console.error(`--pages: expected a whole number between 1 and 99999, got ${JSON.stringify(args.pages)}`);
  process.exit(2);
}

// Ctrl-C stops the run but still cleans up (queues, database, site).
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error('\ninterrupted: cleaning up (Ctrl-C again to quit at once)');
});
const checkInterrupted = () => {
  if (interrupted) throw new Error('interrupted');
};

const seconds = (ms: number) => ms / 1000;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

// ---------------------------------------------------------------------------------------------
// Baseline: what a bare crawler of the same pages costs on this machine, right now.

/** CPU time of this process (all its threads) in ms since `since`. */
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

async function rawLoop(urls: string[], concurrency: number): Promise<{ ms: number; cpuMs: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        checkInterrupted();
        const url = urls[next++];
        const res = await fetch(url);
        if (!res.ok) throw new Error(`baseline: ${url}: HTTP ${res.status}`);
        const html = await res.text();
        const $ = cheerio.load(html);
        if ($('h1').length === 0) throw new Error(`baseline: ${url}: no <h1>`);
      }
    }),
  );
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu) };
}

// ---------------------------------------------------------------------------------------------
// Pipeline set-up and tear-down


function sourcesYaml(site: BenchSite): string {
  return `sources:
  - id: bench
    name: Bench site
    lang: en
    region: bench
    listing:
      - ${site.url}/news/index.html
    articles:
      - '${site.articlePattern}'
    pagination: { next: 'a.next', maxPages: 50 }
    politeness: { perHostConcurrency: ${CONCURRENCY}, delayMs: 0 }
    firstCrawl: alert
`;
}

interface StoreStats {
  batches: number;
  items: number;
  ms: number;
  maxSize: number;
}

/** Observes the runtime's article Batcher (its own options unchanged): batch count, sizes and time in storeArticles. */
function instrumentStore(runtime: Runtime): { stats: StoreStats; opts: { max?: number; waitMs?: number } } {
  const batcher = runtime.deps.articleWriter as unknown as { flushBatch: (items: unknown[]) => Promise<unknown[]>; opts: { max?: number; waitMs?: number } };
  const stats: StoreStats = { batches: 0, items: 0, ms: 0, maxSize: 0 };
  const inner = batcher.flushBatch;
  batcher.flushBatch = async (items) => {
    const t = performance.now();
    try {
      return await inner(items);
    } finally {
      stats.batches++;
      stats.items += items.length;
      stats.maxSize = Math.max(stats.maxSize, items.length);
      stats.ms += performance.now() - t;
    }
  };
  return { stats, opts: batcher.opts ?? {} };
}

async function drained(queues: Queue[]): Promise<boolean> {
  const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
  return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) === 0);
}

interface PipelineResult {
  ms: number;
  crawlMs: number;
  firstFetchMs: number;
  fetched: number;
  failed: number;
  documents: number;
  versions: number;
  snapshots: number;
  store: StoreStats;
  batcherOpts: { max?: number; waitMs?: number };
  bootMs: number;
  cpuMs: number;
  /** The second crawl of the unchanged site, every article due for a re-check (conditional GET). */
  recrawl: { ms: number; cpuMs: number; bytes: number; firstBytes: number; articleRequests: number; listingRequests: number; versions: number };
}

async function runPipeline(site: BenchSite): Promise<PipelineResult> {
  const bench = await freshBenchDatabase(DB_NAME);

  const dir = mkdtempSync(join(tmpdir(), 'silkwatch-bench-'));
  const sourcesFile = join(dir, 'sources.yaml');
  writeFileSync(sourcesFile, sourcesYaml(site));
  const prefix = `{silkwatch-bench-${randomBytes(4).toString('hex')}}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: bench,
    QUEUE_PREFIX: prefix,
    SOURCES_FILE: sourcesFile,
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
  });
  const log = createLogger(config.LOG_LEVEL);

  let runtime: Runtime | undefined;
  try {
    const bootStarted = performance.now();
    // The second crawl runs 8 days "later" so that every stored article is due for a re-check.
    let clockOffsetMs = 0;
    runtime = await boot(config, log, { mail: false, crawlMinConcurrency: CONCURRENCY, clock: () => new Date(Date.now() + clockOffsetMs) });
    const bootMs = performance.now() - bootStarted;
    const { producer, db } = runtime.deps;
    const store = instrumentStore(runtime);

    runtime.workers = startWorkers(['crawl', 'fetch'], runtime.deps, runtime.redis);
    await Promise.all(runtime.workers.map((w) => w.waitUntilReady()));
    const [crawlWorker, fetchWorker] = runtime.workers;
    let lastDone = 0;
    let firstFetch = 0;
    let fetched = 0;
    let failed = 0;
    crawlWorker.on('completed', () => (lastDone = Math.max(lastDone, performance.now())));
    fetchWorker.on('completed', () => {
      const now = performance.now();
      firstFetch ||= now;
      lastDone = Math.max(lastDone, now);
      fetched++;
    });
    fetchWorker.on('failed', () => failed++);
    crawlWorker.on('failed', () => failed++);
    const watched = [producer.queues.crawl, producer.queues.fetch];

    let profiler: Session | undefined;
    if (args['cpu-profile']) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
    }

    // The clock: from enqueuing the crawl job until crawl and fetch have drained.
    const timedCrawl = async () => {
      const cpu = process.cpuUsage();
      const bytesBefore = site.served.bytes;
      const started = performance.now();
      lastDone = 0;
      const crawlJob: Job = await producer.enqueue('crawl', { sourceId: 'bench', trigger: 'manual', runKey: `bench${Date.now()}` });
      const deadline = Date.now() + MAX_WAIT_MS;
      let crawlDone = false;
      for (;;) {
        checkInterrupted();
        if (Date.now() > deadline) throw new Error(`the pipeline did not drain within ${MAX_WAIT_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!crawlDone) {
          const state = await producer.queues.crawl.getJobState(crawlJob.id!);
          if (state === 'failed') {
            const job = await producer.queues.crawl.getJob(crawlJob.id!);
            throw new Error(`the crawl job failed: ${job?.failedReason}`);
          }
          crawlDone = state === 'completed';
          if (!crawlDone) continue;
        }
        if (await drained(watched)) break;
      }
      // The last completion seen by the workers (exact); the poll only confirms it (±100 ms).
      const ended = lastDone || performance.now();
      return { crawlJob, started, ms: ended - started, cpuMs: cpuMs(cpu), bytes: site.served.bytes - bytesBefore };
    };

    if (profiler) await profiler.post('Profiler.start');
    const first = await timedCrawl();
    const { crawlJob, started } = first;
    const pipelineCpuMs = first.cpuMs;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = resolve(args['cpu-profile']!);
      writeFileSync(file, JSON.stringify(profile));
      profiler.disconnect();
      console.log(`CPU profile of the pipeline phase written to ${file}`);
    }
    const ended = started + first.ms;
    const job = await producer.queues.crawl.getJob(crawlJob.id!);
    const crawlMs = job?.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : NaN;

    const [documents, versions, snapshots] = await Promise.all([db.document.count(), db.documentVersion.count(), db.rawSnapshot.count()]);

    const firstPhase = { fetched, failed };
    clockOffsetMs = 8 * 86_400_000; // articles older than a year are re-checked weekly (RECHECK_SCHEDULE)
    const servedBefore = { ...site.served };
    const second = await timedCrawl();
    const recrawl = {
      ms: second.ms,
      cpuMs: second.cpuMs,
      bytes: second.bytes,
      firstBytes: first.bytes,
      articleRequests: site.served.article - servedBefore.article,
      listingRequests: site.served.listing - servedBefore.listing,
      versions: (await db.documentVersion.count()) - versions,
    };
    return {
      recrawl,
      ms: ended - started,
      crawlMs,
      firstFetchMs: firstFetch ? firstFetch - started : NaN,
      fetched: firstPhase.fetched,
      failed: firstPhase.failed,
      documents,
      versions,
      snapshots,
      store: store.stats,
      batcherOpts: store.opts,
      bootMs,
      cpuMs: pipelineCpuMs,
    };
  } finally {
    if (runtime) {
      await Promise.all(runtime.workers.map((w) => w.close()));
      for (const name of QUEUE_NAMES) await runtime.deps.producer.queues[name].obliterate({ force: true });
      // Anything else under the prefix (e.g. politeness state): SCAN, not KEYS, on a shared Redis.
      await deletePrefixKeys(runtime.redis, prefix);
      await runtime.close();
    }
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(bench);
  }
}

// ---------------------------------------------------------------------------------------------

const genStarted = performance.now();
const site = await startBenchSite({ pages: PAGES, pageBytes: PAGE_BYTES });
const genMs = performance.now() - genStarted;
let exitCode = 0;
try {
  console.log(`silkwatch bench — ${PAGES} pages of ${(PAGE_BYTES / 1024).toFixed(0)} KB on ${site.url} (${site.listingUrls.length} listing pages of 100 links; generated in ${fmt(genMs, 0)} ms)`);
  console.log(`node ${process.version}, ${cpus().length} cores\n`);

  // Warm-up (not timed): JIT for undici and cheerio, keep-alive sockets.
  await rawLoop(site.articleUrls.slice(0, Math.min(200, PAGES)), CONCURRENCY);
  const raw = await rawLoop(site.articleUrls, CONCURRENCY);
  const rawMs = raw.ms;
  const rawRate = PAGES / seconds(rawMs);
  const rawPeakRssMB = process.resourceUsage().maxRSS / 1024;

  const servedBefore = { ...site.served };
  const p = await runPipeline(site);
  const pipeRate = PAGES / seconds(p.ms);
  // First crawl only: the second crawl's requests are reported on their own line.
  const articleRequests = site.served.article - servedBefore.article - p.recrawl.articleRequests;
  const listingRequests = site.served.listing - servedBefore.listing - p.recrawl.listingRequests;

  const rows: [string, string, string][] = [
    [`raw fetch+cheerio (c=${CONCURRENCY})`, `${fmt(rawRate)} pages/s`, '(baseline)'],
    ['silkwatch crawl→extract→store', `${fmt(pipeRate)} pages/s`, `${fmt(pipeRate / rawRate, 2)}× baseline`],
    ['second crawl, site unchanged: time', `${fmt(seconds(p.recrawl.ms), 2)} s`, `${fmt((100 * p.recrawl.ms) / p.ms, 1)}% of the first crawl (${fmt(seconds(p.ms), 2)} s)`],
    ['second crawl, site unchanged: bytes', `${fmt(p.recrawl.bytes / 1024, 0)} KB`, `${fmt((100 * p.recrawl.bytes) / p.recrawl.firstBytes, 2)}% of the first crawl (${fmt(p.recrawl.firstBytes / 1024 / 1024, 1)} MB)`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length)) + 3;
  const w1 = Math.max(...rows.map((r) => r[1].length)) + 3;
  console.log(rows.map(([a, b, c]) => a.padEnd(w0) + b.padStart(w1 - 3).padEnd(w1) + c).join('\n'));
  console.log('');
  const store = p.store;
  const details: [string, string][] = [
    ['pages', `${PAGES} articles × ${PAGE_BYTES} bytes (${(PAGE_BYTES / 1024).toFixed(0)} KB), ${site.listingUrls.length} listing pages`],
    ['raw loop', `${fmt(seconds(rawMs), 2)} s, process CPU ${fmt(raw.cpuMs / PAGES, 2)} ms/page`],
    ['pipeline', `${fmt(seconds(p.ms), 2)} s from enqueue to drained, process CPU ${fmt(p.cpuMs / PAGES, 2)} ms/page (boot + migrations before the clock: ${fmt(seconds(p.bootMs), 2)} s)`],
    ['  discovery (crawl job)', `${fmt(seconds(p.crawlMs), 2)} s, ${listingRequests} listing requests; first fetch done at ${fmt(seconds(p.firstFetchMs), 2)} s`],
    ['  fetch jobs', `${p.fetched} completed, ${p.failed} failed attempts, ${articleRequests} article requests`],
    [
      '  store',
      `batched: ${store.batches} transactions for ${store.items} pages (avg ${fmt(store.items / Math.max(1, store.batches))}/batch, max ${store.maxSize}; Batcher max ${p.batcherOpts.max ?? '?'} / waitMs ${p.batcherOpts.waitMs ?? '?'}), ${fmt(seconds(store.ms), 2)} s in storeArticles (batch wall times summed)`,
    ],
    ['  stored', `${p.documents} documents, ${p.versions} versions, ${p.snapshots} raw snapshots`],
    ['second crawl', `${p.recrawl.listingRequests} listing requests, ${p.recrawl.articleRequests} conditional article requests (all due for a re-check), ${p.recrawl.versions} new versions, CPU ${fmt(p.recrawl.cpuMs / PAGES, 2)} ms/page`],
    ['peak RSS', `${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB (${fmt(rawPeakRssMB, 0)} MB before the pipeline started: site + raw loop)`],
  ];
  const dw = Math.max(...details.map((d) => d[0].length)) + 2;
  console.log(details.map(([k, v]) => `${k.padEnd(dw)}${v}`).join('\n'));

  if (p.recrawl.versions !== 0) {
    console.error(`\nFAILED: the unchanged site made ${p.recrawl.versions} new versions on the second crawl`);
    exitCode = 1;
  }
  if (p.documents !== PAGES) {
    console.error(`\nFAILED: expected ${PAGES} documents in the database, found ${p.documents}`);
    exitCode = 1;
  }
} catch (err) {
  console.error(`\nbench FAILED: ${(err as Error).stack ?? err}`);
  exitCode = 1;
} finally {
  await site.close();
}
process.exit(exitCode);
