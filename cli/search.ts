// `silkwatch search "query" [--topics …] [--sources …] [--regions …] [--lang …] [--since …]
// [--until …] [--limit N] [--json]`: ranked full-text search over the current version of every
// document, English and Chinese (corpus/search.ts). On a terminal matches are bold; otherwise
// they are set in «…». --json prints an array of { documentId, versionId, url, source, region,
// lang, title, published, rank, topics, snippet }, where `snippet` is HTML: the text escaped and
// the matches in <b>…</b>. Reads PostgreSQL only.
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config/env.js';
import { UsageError } from '../config/errors.js';
import { createLogger } from '../config/logger.js';
import { formatHits, hitsJson, parseQuery, search, type SearchOptions } from '../corpus/search.js';
import { createDb } from '../db/client.js';
import { TOPIC_IDS } from '../seeds/schema.js';
import { dateArg, listOf } from './args.js';
import { prepareDatabase } from './runtime.js';

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search (English and Chinese) over the current version of every document, ranked, with highlighted snippets')
    .argument('<query>', 'words and/or Chinese text; "quoted phrase", or, -word work as in web search')
    .option('--topics <ids>', `comma-separated topic ids: ${TOPIC_IDS.join(',')}`, listOf('--topics', TOPIC_IDS))
    .option('--sources <ids>', 'comma-separated source ids', listOf('--sources'))
    .option('--regions <regions>', 'comma-separated regions (e.g. shanghai,zhejiang)', listOf('--regions'))
    .option('--lang <langs>', 'comma-separated languages: en,zh', listOf('--lang', ['en', 'zh']))
    .option('--since <date>', 'published on or after (YYYY-MM-DD)', dateArg('--since'))
    .option('--until <date>', 'published on or before (YYYY-MM-DD)', dateArg('--until'))
    .option('--limit <n>', 'at most this many results (1-200, default 20)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 200) throw new InvalidArgumentError('--limit: expected a whole number from 1 to 200');
      return n;
    })
    .option('--json', 'print a JSON array; `snippet` is HTML-escaped with matches in <b>…</b>')
    .action(async (query: string, opts: SearchOptions & { json?: boolean }) => {
      const parsed = parseQuery(query);
      if (!parsed.text && !parsed.singles.length) throw new UsageError('search: the query is empty');
      if (opts.since && opts.until && opts.since > opts.until) throw new UsageError(`--since ${opts.since} is after --until ${opts.until}`);
      const config = loadConfig();
      const log = createLogger(config.LOG_LEVEL);
      await prepareDatabase(config, log);
      const db = createDb(config.DATABASE_URL, 2);
      try {
        const hits = await search(db, query, opts);
        process.stdout.write(opts.json ? `${JSON.stringify(hitsJson(hits), null, 2)}\n` : formatHits(hits, process.stdout.isTTY ? 'ansi' : 'plain'));
      } finally {
        await db.$disconnect();
      }
    });
}
