// Start-up and shut-down of a silkwatch process: check that each service answers (one clear
// line and exit 3 otherwise), create and migrate the database, sync the sources file into it,
// and build the deps every processor receives. Shut-down closes workers (waiting for active
// jobs), queues, Redis and the database.
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import { loadSources, type Source } from '../config/sources.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { RedisPoliteness } from '../crawlers/redis-politeness.js';
import { storeArticles } from '../db/articles.js';
import { Batcher } from '../db/batcher.js';
import { createDb, ensureDatabase, type Db } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { createMailer } from '../digests/mailer.js';
import { createRedis, probeRedis } from '../queues/connection.js';
import { Producer } from '../queues/producer.js';
import { KnowledgeCache } from '../classifier/knowledge-cache.js';
import { describeCounts, loadSeeds } from '../seeds/load.js';
import type { Deps } from '../workers/deps.js';
import { userAgentFor } from '../workers/deps.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface Runtime {
  deps: Deps;
  sources: Source[];
  redis: Redis;
  workers: Worker[];
  close(): Promise<void>;
}

/** Checks PostgreSQL (creating the database if missing) and applies pending migrations. */
export async function prepareDatabase(config: Config, log: Logger): Promise<void> {
  const { created } = await ensureDatabase(config.DATABASE_URL);
  if (created) log.info('created the database');
  const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, log });
  if (applied.length) log.info({ applied }, `applied ${applied.length} migration(s)`);
}

export async function syncSources(db: Db, sources: Source[]): Promise<void> {
  for (const s of sources) {
    const data = { name: s.name, region: s.region, lang: s.lang, baseUrl: new URL(s.listing[0]).origin, config: s as object, enabled: s.enabled };
    await db.source.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
  }
}

export interface BootOptions {
  clock?: () => Date;
  /** Skip the SMTP check (processes that never send mail). */
  mail?: boolean;
  /** Load the seed topics and measure catalog (idempotent; default on: classification links to it). */
  seed?: boolean;
  crawlMinConcurrency?: number;
}

export async function boot(config: Config, log: Logger, opts: BootOptions = {}): Promise<Runtime> {
  // Validate the sources file before touching any service: a typo must not wait on a timeout.
  const sources = loadSources(config.SOURCES_FILE);
  const policy = await probeRedis(config.REDIS_URL);
  if (policy.maxmemoryPolicy && policy.maxmemoryPolicy !== 'noeviction') {
    log.warn({ maxmemoryPolicy: policy.maxmemoryPolicy }, 'Redis maxmemory-policy should be noeviction: queued jobs may be evicted');
  }
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: config.OUTBOX_DIR });
  if (opts.mail !== false) await mailer.verify();
  await prepareDatabase(config, log);

  const db = createDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  await syncSources(db, sources);
  if (opts.seed !== false) {
    const report = await loadSeeds(db);
    log.info(report, `${describeCounts('topics', report.topics)}; ${describeCounts('measures', report.measures)}`);
  }
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (err) => log.error({ err: err.message }, 'Redis connection error'));
  const producer = new Producer(redis, config.QUEUE_PREFIX);
  const articleWriter = new Batcher((items: Parameters<typeof storeArticles>[1]) => storeArticles(db, items), { max: 100, waitMs: 25 });

  const guard = new HostGuard(config.ALLOW_PRIVATE_HOSTS);

  const deps: Deps = {
    config,
    db,
    log,
    producer,
    mailer,
    clock: opts.clock ?? (() => new Date()),
    sources: new Map(sources.map((s) => [s.id, s])),
    guard,
    politeness: new RedisPoliteness({ redis, prefix: config.QUEUE_PREFIX, guard, log }),
    userAgent: userAgentFor(VERSION, config.CRAWL_CONTACT_URL),
    articleWriter,
    knowledge: new KnowledgeCache(),
    crawlMinConcurrency: opts.crawlMinConcurrency,
  };
  const runtime: Runtime = {
    deps,
    sources,
    redis,
    workers: [],
    async close() {
      await Promise.all(runtime.workers.map((w) => w.close()));
      await articleWriter.drain();
      await producer.close();
      redis.disconnect();
      mailer.close();
      await db.$disconnect();
    },
  };
  return runtime;
}
