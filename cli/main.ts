// The `silkwatch` command. Exit codes (DESIGN.md): 0 ok, 1 failure, 2 bad configuration or
// usage, 3 a service (Redis, PostgreSQL, SMTP) unreachable — always with one clear line.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/env.js';
import { ServiceUnavailableError, UsageError } from '../config/errors.js';
import { createLogger } from '../config/logger.js';
import { SourcesFileError } from '../config/sources.js';
import { extractArticle } from '../crawlers/extract.js';
import { decodeHtml } from '../crawlers/decode.js';
import { startHttp } from '../http/server.js';
import { declareSchedulers, sweepDigests } from '../queues/scheduler.js';
import { parseQueueList, QUEUE_NAMES, type QueueName } from '../queues/registry.js';
import { startWorkers } from '../workers/index.js';
import { createDb } from '../db/client.js';
import { describeCounts, loadSeeds, SeedFileError } from '../seeds/load.js';
import { formatMeasures, listMeasures, type MeasureFilters } from '../seeds/measures.js';
import { TOPIC_IDS } from '../seeds/schema.js';
import { dateArg, listOf } from './args.js';
import { registerClassifyCommand } from './classify.js';
import { registerExportCommand } from './export.js';
import { runOnce } from './once.js';
import { registerHistoryCommand } from './history.js';
import { registerSearchCommand } from './search.js';
import { registerShowCommand } from './show.js';
import { registerSourceCommands } from './sources.js';
import { registerSubscriptionCommands } from './subscriptions.js';
import { boot, prepareDatabase, VERSION, type Runtime } from './runtime.js';

const SWEEP_EVERY_MS = 60_000;

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

/** Resolves on SIGINT/SIGTERM; a second signal exits at once. */
function untilSignal(log: Logger): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string) => {
      log.info({ signal }, 'shutting down (again to force)');
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
}

async function serveUntilSignal(runtime: Runtime, log: Logger, opts: { http: boolean; port: number; schedulerRole: boolean }) {
  const stopped = untilSignal(log); // listen first: a signal during start-up still shuts down cleanly
  let server: Server | undefined;
  if (opts.http) {
    const secret = runtime.deps.config.UNSUBSCRIBE_SECRET;
    // Without UNSUBSCRIBE_SECRET there is nothing to sign links with: /health only, and digests
    // tell readers how to unsubscribe through the CLI (digests/unsubscribe.ts).
    if (!secret) log.warn('UNSUBSCRIBE_SECRET is not set: no unsubscribe links in digests and no /unsubscribe endpoint; set it to a random string of at least 16 characters');
    server = await startHttp({
      port: opts.port,
      db: runtime.deps.db,
      redis: runtime.redis,
      log,
      publicBaseUrl: runtime.deps.config.PUBLIC_BASE_URL,
      ...(secret ? { unsubscribe: { secret } } : {}),
    });
  }
  let sweep: NodeJS.Timeout | undefined;
  if (opts.schedulerRole) {
    const declared = await declareSchedulers(runtime.deps.producer, runtime.sources);
    log.info({ schedulers: declared }, `declared ${declared.length} crawl schedule(s)`);
    const tick = () => sweepDigests(runtime.deps.db, runtime.deps.producer, runtime.deps.clock()).catch((err) => log.error({ err: err.message }, 'digest sweep failed'));
    await tick();
    sweep = setInterval(tick, SWEEP_EVERY_MS);
  }
  await stopped;
  if (sweep) clearInterval(sweep);
  server?.close();
  await runtime.close();
}

const program = new Command('silkwatch')
  .description('Monitors Chinese government and press sources for new or updated Belt and Road Initiative policies and emails digests.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

program
  .command('run')
  .description('apply migrations, then run the scheduler, all workers and the HTTP endpoints in one process')
  .option('--once', 'crawl every enabled source once through the whole pipeline, send the digests that are due, and exit')
  .addOption(
    new Option('--max-wait <seconds>', 'with --once: give up (exit 1) after this many seconds').default(600).argParser((v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
      return n;
    }),
  )
  .option('--no-http', 'do not serve the HTTP endpoints')
  .action(async (opts: { once?: boolean; maxWait: number; http: boolean }) => {
    const { config, log } = context();
    const runtime = await boot(config, log, { seed: true });
    runtime.workers = startWorkers([...QUEUE_NAMES], runtime.deps, runtime.redis);
    if (!opts.once) return serveUntilSignal(runtime, log, { http: opts.http, port: config.HTTP_PORT, schedulerRole: true });
    const stop = untilSignal(log).then(() => ({ ok: false, pending: ['interrupted'] }));
    const result = await Promise.race([runOnce(runtime, { maxWaitMs: opts.maxWait * 1000 }), stop]);
    await runtime.close();
    if (!result.ok) {
      process.stderr.write(`silkwatch: jobs still pending after ${opts.maxWait} s: ${result.pending.slice(0, 20).join(', ')}${result.pending.length > 20 ? ', …' : ''}\n`);
      process.exitCode = 1;
    }
  });

program
  .command('worker')
  .description('run the workers of some queues only (scale-out); the scheduler runs elsewhere')
  .requiredOption('--queues <names>', `comma-separated queue names: ${QUEUE_NAMES.join(',')}`, (v) => {
    try {
      return parseQueueList(v);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  })
  .action(async (opts: { queues: QueueName[] }) => {
    const { config, log } = context();
    const runtime = await boot(config, log, { mail: opts.queues.includes('digest') });
    runtime.workers = startWorkers(opts.queues, runtime.deps, runtime.redis);
    log.info({ queues: opts.queues }, 'workers started');
    await serveUntilSignal(runtime, log, { http: false, port: 0, schedulerRole: false });
  });

program
  .command('scheduler')
  .description('declare one crawl schedule per enabled source and sweep due digests; runs no workers')
  .action(async () => {
    const { config, log } = context();
    const runtime = await boot(config, log, { mail: false });
    await serveUntilSignal(runtime, log, { http: false, port: 0, schedulerRole: true });
  });

program
  .command('serve')
  .description('serve the HTTP endpoints (GET /health) on HTTP_PORT')
  .action(async () => {
    const { config, log } = context();
    const runtime = await boot(config, log, { mail: false });
    await serveUntilSignal(runtime, log, { http: true, port: config.HTTP_PORT, schedulerRole: false });
  });

program
  .command('migrate')
  .description('create the database if missing and apply pending migrations (no download needed)')
  .action(async () => {
    const { config, log } = context();
    await prepareDatabase(config, log);
  });

program
  .command('seed')
  .description('load the BRI topic taxonomy and the catalog of existing measures (idempotent) and print what was loaded')
  .action(async () => {
    const { config, log } = context();
    await prepareDatabase(config, log);
    const db = createDb(config.DATABASE_URL, 2);
    try {
      const report = await loadSeeds(db);
      process.stdout.write(`${describeCounts('topics', report.topics)}\n${describeCounts('measures', report.measures)}\n`);
    } finally {
      await db.$disconnect();
    }
  });

program
  .command('measures')
  .description('list the catalog of existing measures (seed and crawled) with provenance')
  .option('--topics <ids>', `comma-separated topic ids: ${TOPIC_IDS.join(',')}`, listOf('--topics', TOPIC_IDS))
  .option('--regions <regions>', 'comma-separated regions of the parent policy (e.g. shanghai,zhejiang)', listOf('--regions'))
  .option('--since <date>', 'parent policy dated on or after (YYYY-MM-DD)', dateArg('--since'))
  .option('--until <date>', 'parent policy dated on or before (YYYY-MM-DD)', dateArg('--until'))
  .option('--json', 'print a JSON array')
  .action(async (opts: MeasureFilters & { json?: boolean }) => {
    const { config, log } = context();
    await prepareDatabase(config, log);
    const db = createDb(config.DATABASE_URL, 2);
    try {
      await loadSeeds(db); // idempotent: the catalog shown is the one the files define
      const measures = await listMeasures(db, opts);
      process.stdout.write(opts.json ? `${JSON.stringify(measures, null, 2)}\n` : formatMeasures(measures));
    } finally {
      await db.$disconnect();
    }
  });

program
  .command('extract')
  .description('extract one saved article page and print { title, text, published, lang, issuer, docNumber }')
  .argument('<file>', 'an HTML file')
  .requiredOption('--url <url>', 'the URL the page was fetched from')
  .option('--charset <charset>', 'the page encoding when the file does not declare it (e.g. gbk)')
  .option('--tz <zone>', 'the source time zone for dates without a zone', 'Asia/Shanghai')
  .option('--json', 'print JSON (the only output format)')
  .action(async (file: string, opts: { url: string; charset?: string; tz: string }) => {
    try {
      new URL(opts.url);
    } catch {
      throw new UsageError(`--url: expected an absolute URL, got "${opts.url}"`);
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (opts.charset) {
      try {
        new TextDecoder(opts.charset);
      } catch {
        throw new UsageError(`--charset: unknown encoding "${opts.charset}"`);
      }
    }
    const e = extractArticle(decodeHtml(bytes, null, opts.charset), opts.url, {}, opts.tz);
    process.stdout.write(`${JSON.stringify({ title: e.title, text: e.text, published: e.published, lang: e.lang, issuer: e.issuer, docNumber: e.docNumber })}\n`);
  });

registerSourceCommands(program);
registerHistoryCommand(program);
registerSearchCommand(program);
registerClassifyCommand(program);
registerSubscriptionCommands(program);
registerExportCommand(program);
registerShowCommand(program);

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the usage error
    }
    if (err instanceof ConfigError || err instanceof SourcesFileError || err instanceof UsageError || err instanceof SeedFileError) {
      process.stderr.write(`silkwatch: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ServiceUnavailableError) {
      process.stderr.write(`silkwatch: ${err.message}\n`);
      return 3;
    }
    process.stderr.write(`silkwatch: ${(err as Error).message ?? err}\n`);
    return 1;
  }
}
