// `npm run demo`: the whole pipeline without internet. Serves the bundled fixture site (the five
// seed articles in their sources' layouts, plus a Chinese GBK report of the 2024 priorities — one
// item with the English page — and two non-BRI items) on
// 127.0.0.1, points a fresh demo database and queue prefix at it, subscribes demo@example.org
// (immediate digests), runs `silkwatch run --once`, and prints where the digest was written.
// Second act: it amends one page of the site (a new measure and a changed figure) and runs
// again; the second digest lists that page as updated, with what changed.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/env.js';
import { createDb, dropDatabase } from '../db/client.js';
import { createSubscription } from '../db/subscriptions.js';
import { deletePrefixKeys } from '../queues/connection.js';
import { defaultArticles, demoSourcesYaml, startFixtureSite } from '../fixtures/site-server.js';

const started = Date.now();
const base = loadConfig();
const databaseUrl = new URL(base.DATABASE_URL);
databaseUrl.pathname = '/silkwatch_demo';
const prefix = '{silkwatch-demo}';
const outbox = resolve(base.OUTBOX_DIR);


async function resetDemoQueues() {
  const redis = new Redis(base.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  await deletePrefixKeys(redis, prefix);
  redis.disconnect();
}

function runSilkwatch(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/silkwatch.js'), ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => done(code ?? 1));
  });
}

const site = await startFixtureSite({ articles: defaultArticles() });
try {
  console.log(`fixture site on ${site.url} (${site.articles.length} articles)`);
  const dir = mkdtempSync(join(tmpdir(), 'silkwatch-demo-'));
  const sourcesFile = join(dir, 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml(site.url));

  await dropDatabase(databaseUrl.toString());
  await resetDemoQueues();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    QUEUE_PREFIX: prefix,
    SOURCES_FILE: sourcesFile,
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    OUTBOX_DIR: outbox,
    SMTP_URL: '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The demo's second run comes seconds after the first: re-check every article each run.
    RECHECK_SCHEDULE: '*:1s',
  };
  let code = await runSilkwatch(['migrate'], env);
  if (code !== 0) process.exit(code);

  const db = createDb(databaseUrl.toString(), 2);
  const subscription = await createSubscription(db, { email: 'demo@example.org', cadence: 'immediate' });
  console.log(`subscribed demo@example.org (immediate digests, subscription ${subscription.id})`);

  const showDigests = async (since: number) => {
    const digests = await db.digest.findMany({ where: { subscriptionId: subscription.id, id: { gt: since } }, include: { items: true }, orderBy: { id: 'asc' } });
    for (const d of digests) console.log(`digest ${d.periodKey}: ${d.items.length} item(s), ${d.status} → ${d.outboxPath}`);
    return digests;
  };

  console.log('\nact 1: first crawl of the site');
  code = await runSilkwatch(['run', '--once', '--no-http', '--max-wait', '50'], env);
  if (code !== 0) process.exit(code);
  const first = await showDigests(0);
  if (first.length === 0) {
    console.error('no digest was produced');
    process.exit(1);
  }

  console.log('\nact 2: the Zhejiang page is amended in place (a measure added, a figure changed)');
  const page = site.articles.find((a) => a.path.includes('zj-2020'))!;
  site.updateArticle(page.path, {
    paragraphs: [
      ...page.paragraphs.map((p) => p.replace('Thirteen national-level goals', 'Fourteen national-level goals')),
      'To open two new China-Europe freight train routes from Yiwu to Central Asia within the year, with customs clearance at the inland port.',
    ],
  });
  code = await runSilkwatch(['run', '--once', '--no-http', '--max-wait', '50'], env);
  if (code !== 0) process.exit(code);
  const second = await showDigests(first.at(-1)!.id);
  await db.$disconnect();
  if (second.length === 0) {
    console.error('the amendment produced no digest');
    process.exit(1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await site.close();
}
