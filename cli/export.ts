// `silkwatch export --format jsonl|csv [filters] [--versions all|latest] [--out FILE] [--bom]`:
// the corpus as JSONL or CSV (corpus/export.ts), streamed from PostgreSQL. Data goes to stdout or,
// with --out, to a file written atomically (a temporary file beside it, renamed at the end). A
// progress line (rows and rate) appears on stderr only when stderr is a terminal: on a pipe the
// output is nothing but data.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { loadConfig, type Config } from '../config/env.js';
import { createLogger, type Logger } from '../config/logger.js';
import { exportCorpus, type ExportFilters, type ExportFormat } from '../corpus/export.js';
import { createDb } from '../db/client.js';
import { TOPIC_IDS } from '../seeds/schema.js';
import { dateArg, listOf } from './args.js';
import { prepareDatabase } from './runtime.js';

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

interface ExportCliOptions extends Omit<ExportFilters, 'versions'> {
  format: ExportFormat;
  versions: 'all' | 'latest';
  out?: string;
  bom?: boolean;
}

/** A single updating stderr line on a terminal; does nothing otherwise. */
function progressBar(enabled: boolean) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const render = (rows: number) => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    process.stderr.write(`\rexported ${rows.toLocaleString('en-US')} rows  (${Math.round(rows / secs).toLocaleString('en-US')} rows/s)\x1b[K`);
    shown = true;
  };
  return {
    update(rows: number) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      render(rows);
    },
    done(rows: number) {
      if (!enabled) return;
      render(rows);
      if (shown) process.stderr.write('\n');
    },
  };
}

function flushed(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => out.write('', (err) => (err ? reject(err) : resolve())));
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export document versions with source, classification, measures and syndicated URLs as JSONL or CSV (streamed)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).makeOptionMandatory())
    .option('--since <date>', 'published on or after (YYYY-MM-DD)', dateArg('--since'))
    .option('--until <date>', 'published on or before (YYYY-MM-DD)', dateArg('--until'))
    .option('--topics <ids>', `comma-separated topic ids (any of them): ${TOPIC_IDS.join(',')}`, listOf('--topics', TOPIC_IDS))
    .option('--sources <ids>', 'comma-separated source ids', listOf('--sources'))
    .option('--regions <regions>', 'comma-separated regions (e.g. shanghai,zhejiang)', listOf('--regions'))
    .option('--lang <langs>', 'comma-separated languages: en,zh', listOf('--lang', ['en', 'zh']))
    .option('--relevant-only', 'only versions whose latest classification is relevant')
    .addOption(new Option('--versions <which>', 'every version, or only each document\'s current one').choices(['all', 'latest']).default('all'))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark (for spreadsheets)')
    .action(async (opts: ExportCliOptions) => {
      const { config, log } = context();
      await prepareDatabase(config, log);
      const db = createDb(config.DATABASE_URL, 2);
      const tmp = opts.out ? join(dirname(opts.out), `.${basename(opts.out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`) : null;
      const out: Writable = tmp ? createWriteStream(tmp) : process.stdout;
      const bar = progressBar(Boolean(process.stderr.isTTY));
      try {
        if (tmp) await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
        const { rows } = await exportCorpus(db, out, {
          format: opts.format,
          bom: opts.bom,
          since: opts.since,
          until: opts.until,
          topics: opts.topics,
          sources: opts.sources,
          regions: opts.regions,
          lang: opts.lang,
          relevantOnly: opts.relevantOnly,
          versions: opts.versions,
          onProgress: (n) => bar.update(n),
        });
        if (tmp) {
          await new Promise<void>((resolve, reject) => out.once('error', reject).end(() => resolve()));
          await rename(tmp, opts.out!);
        } else {
          await flushed(out);
        }
        bar.done(rows);
        log.debug({ rows, format: opts.format, out: opts.out ?? 'stdout' }, 'export done');
      } catch (err) {
        if (tmp) {
          out.destroy();
          await unlink(tmp).catch(() => {});
        }
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') return; // the reader went away (e.g. `| head`)
        throw err;
      } finally {
        await db.$disconnect();
      }
    });
}
