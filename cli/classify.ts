// `silkwatch classify --json`: judges JSON lines from stdin with the lexical classifier and writes
// one JSON line per input line, in order (DESIGN.md, "Interfaces that must stay stable"):
//   in   { "id", "title", "text" } + optional "url", "lang", "published", "issuer", "docNumber",
//        "source" (other keys ignored; blank lines skipped; `line` counts from 1)
//   out  { "id", "relevant", "score", "topics": [{ "id", "score", "evidence" }],
//          "measures": [{ "id", "relation", "score", "evidence" }] }
//   bad  { "id": <id or null>, "line": n, "error": { "code", "message" } } — the rest go on, and
//        the exit code is 1 at the end if any line failed.
//   --explain adds, last, "evidence": the relevance judgement's own evidence (at most three
//        verbatim sentences: the BRI names it weighed, or for a text judged not relevant the
//        strongest counter-cue first), "editionOf", and "resemblance": for each listed topic the
//        topic resemblance model's score (a logit) and the words of the text that add most to it
//        (classifier/bow.ts); without it the shape is exactly the above.
// The knowledge is the seed files' topics and measures plus, when the database answers within a
// short timeout, the measures found in crawled policies (Measure rows with origin `crawled`);
// without a database it runs on the seeds alone. Input is streamed line by line.
import type { Command } from 'commander';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { classify, topicResemblance, type ClassifyInput } from '../classifier/index.js';
import type { CatalogMeasure } from '../classifier/knowledge.js';
import { catalogEntryOf, loadSeedKnowledge, type MeasureRow } from '../classifier/seed-knowledge.js';
import { loadConfig } from '../config/env.js';
import { createLogger, type Logger } from '../config/logger.js';

/** How long classify waits for PostgreSQL before going on with the seeds alone. */
export const DB_TIMEOUT_MS = 2500;

export interface LineError {
  id: string | number | null;
  line: number;
  error: { code: 'invalid_json' | 'not_an_object' | 'missing_field' | 'invalid_field'; message: string };
}

export interface LineResult {
  id: string | number | null;
  relevant: boolean;
  score: number;
  topics: { id: string; score: number; evidence: string[] }[];
  measures: { id: string; relation: string; score: number; evidence: string[] }[];
  /** With --explain only. */
  evidence?: string[];
  editionOf?: string[];
  resemblance?: { id: string; score: number; words: { form: string; weight: number }[] }[];
}

const OPTIONAL = ['url', 'issuer', 'docNumber', 'source'] as const;

/** Validates one parsed line; returns the classifier input or the error. */
export function parseLine(raw: string, line: number): ClassifyInput | LineError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { id: null, line, error: { code: 'invalid_json', message: `not valid JSON: ${(err as Error).message}` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, line, error: { code: 'not_an_object', message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` } };
  }
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' || (typeof o.id === 'number' && Number.isFinite(o.id)) ? o.id : null;
  const fail = (code: LineError['error']['code'], message: string): LineError => ({ id, line, error: { code, message } });
  if (o.id !== undefined && o.id !== null && id === null) return fail('invalid_field', '"id" must be a string or a number');
  for (const key of ['title', 'text'] as const) {
    if (o[key] === undefined || o[key] === null) return fail('missing_field', `"${key}" is missing`);
    if (typeof o[key] !== 'string') return fail('invalid_field', `"${key}" must be a string`);
    if (!(o[key] as string).trim()) return fail('missing_field', `"${key}" is empty`);
  }
  for (const key of OPTIONAL) {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') return fail('invalid_field', `"${key}" must be a string or null`);
  }
  if (o.lang !== undefined && o.lang !== null && o.lang !== 'en' && o.lang !== 'zh') return fail('invalid_field', '"lang" must be "en", "zh" or null');
  if (o.published !== undefined && o.published !== null && (typeof o.published !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.published))) {
    return fail('invalid_field', '"published" must be a date YYYY-MM-DD or null');
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id,
    title: o.title as string,
    text: o.text as string,
    url: str(o.url),
    lang: (o.lang as 'en' | 'zh' | null | undefined) ?? null,
    published: str(o.published),
    issuer: str(o.issuer),
    docNumber: str(o.docNumber),
    source: str(o.source),
  };
}

const isError = (x: ClassifyInput | LineError): x is LineError => 'error' in x;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The crawled catalog entries, or [] (with a debug line) when the database does not answer. */
async function crawledMeasures(databaseUrl: string, log: Logger): Promise<CatalogMeasure[]> {
  let db: { measure: { findMany(args: object): Promise<MeasureRow[]> }; $disconnect(): Promise<void> } | undefined;
  try {
    const { createDb } = await import('../db/client.js');
    db = createDb(databaseUrl, 1);
    const rows = await withTimeout(db.measure.findMany({ where: { origin: 'crawled' }, orderBy: { id: 'asc' } }), DB_TIMEOUT_MS, 'PostgreSQL');
    log.debug({ crawled: rows.length }, 'classify: crawled measures loaded');
    return rows.map(catalogEntryOf);
  } catch (err) {
    const reason = (err as Error).message?.split('\n')[0] || (err as { code?: string }).code || String(err);
    log.debug({ err: reason }, 'classify: database unavailable, judging against the seed catalog only');
    return [];
  } finally {
    if (db) await withTimeout(db.$disconnect(), 1000, 'disconnect').catch(() => {});
  }
}

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('judge JSON lines on stdin ({ id, title, text, … }): relevance, topics and catalog measure links with evidence, one JSON line out per line in')
    .option('--json', 'JSON lines in and out (the only format)')
    .option('--explain', 'also give the relevance evidence ("evidence"), the catalog editions the text reports ("editionOf") and what the topics\' words resemble ("resemblance")')
    .action(async (opts: { explain?: boolean }) => {
      const config = loadConfig();
      const log = createLogger(config.LOG_LEVEL);
      const crawled = await crawledMeasures(config.DATABASE_URL, log);
      const knowledge = loadSeedKnowledge(crawled);
      const threshold = config.CLASSIFY_THRESHOLD;
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      // A reader that goes away (`| head`) ends the run quietly instead of crashing on EPIPE.
      let closed = false;
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
        rl.close();
      });
      let line = 0;
      let failed = 0;
      for await (const raw of rl) {
        if (closed) break;
        line++;
        if (!raw.trim()) continue;
        const parsed = parseLine(raw, line);
        let out: LineResult | LineError;
        if (isError(parsed)) {
          failed++;
          out = parsed;
        } else {
          const j = classify(parsed, knowledge, { threshold });
          out = { id: parsed.id ?? null, relevant: j.relevant, score: j.score, topics: j.topics, measures: j.measures };
          if (opts.explain) Object.assign(out, { evidence: j.evidence, editionOf: j.editionOf, resemblance: topicResemblance(parsed, knowledge, j.topics.map((t) => t.id)) });
        }
        if (!process.stdout.write(`${JSON.stringify(out)}\n`) && !closed) {
          try {
            await once(process.stdout, 'drain'); // rejects when the pipe breaks
          } catch {
            closed = true;
          }
        }
      }
      if (failed) {
        log.debug({ failed, lines: line }, 'classify: some lines failed');
        process.exitCode = 1;
      }
    });
}
