// `silkwatch sources` (every source of the sources file with its health) and
// `silkwatch check-source <id>` (a dry run of one source: listing → first article → extraction,
// storing nothing, sending nothing, needing neither Redis nor PostgreSQL).
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/env.js';
import { UsageError } from '../config/errors.js';
import { createLogger, type Logger } from '../config/logger.js';
import { loadSources, type Source } from '../config/sources.js';
import { decodeHtml } from '../crawlers/decode.js';
import { discoverArticles } from '../crawlers/discover.js';
import { extractArticle } from '../crawlers/extract.js';
import { fetchPage, type FetchedPage } from '../crawlers/fetch-page.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { noPoliteness } from '../crawlers/politeness.js';
import { createDb } from '../db/client.js';
import { sourceHealth, type SourceHealth } from '../db/source-health.js';
import { userAgentFor } from '../workers/deps.js';
import { prepareDatabase, syncSources, VERSION } from './runtime.js';

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

// -- silkwatch sources ------------------------------------------------------------------------

export interface SourceRow {
  id: string;
  name: string;
  lang: string;
  region: string;
  enabled: boolean;
  schedule: string;
  listing: string[];
  lastCrawlAt: string | null;
  lastSuccessAt: string | null;
  articlesFound: number;
  documents: number;
  gone: number;
  failures: Record<string, number>;
}

export function sourceRows(sources: Source[], health: SourceHealth[]): SourceRow[] {
  const byId = new Map(health.map((h) => [h.id, h]));
  return sources.map((s) => {
    const h = byId.get(s.id);
    return {
      id: s.id,
      name: s.name,
      lang: s.lang,
      region: s.region,
      enabled: s.enabled,
      schedule: s.schedule,
      listing: s.listing,
      lastCrawlAt: h?.lastCrawlAt?.toISOString() ?? null,
      lastSuccessAt: h?.lastSuccessAt?.toISOString() ?? null,
      articlesFound: h?.articlesFound ?? 0,
      documents: h?.documents ?? 0,
      gone: h?.gone ?? 0,
      failures: h?.failures ?? {},
    };
  });
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never');

export function formatSources(rows: SourceRow[]): string {
  const head = ['ID', 'ON', 'LAST SUCCESS (UTC)', 'LAST CRAWL (UTC)', 'FOUND', 'DOCS', 'GONE', 'FAILURES'];
  const body = rows.map((r) => [
    r.id,
    r.enabled ? 'yes' : 'no',
    when(r.lastSuccessAt),
    when(r.lastCrawlAt),
    String(r.articlesFound),
    String(r.documents),
    String(r.gone),
    Object.entries(r.failures).map(([reason, n]) => `${reason}=${n}`).join(' ') || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return `${[line(head), ...body.map(line)].join('\n')}\n`;
}

// -- silkwatch check-source -------------------------------------------------------------------

export interface CheckResult {
  source: { id: string; name: string; lang: string; region: string };
  listing: string[];
  listingPages: number;
  failures: { url: string; reason: string }[];
  articleLinks: number;
  firstLinks: string[];
  article: string | null;
  kind: 'html' | 'attachment' | null;
  extracted: {
    title: string | null;
    published: string | null;
    lang: string;
    issuer: string | null;
    docNumber: string | null;
    textLength: number;
    excerpt: string;
  } | null;
  problem: string | null;
}

/** Listing page(s) → first article → extraction. Fetches only; stores and sends nothing. */
export async function checkSource(source: Source, config: Config, log: Logger): Promise<CheckResult> {
  const userAgent = userAgentFor(VERSION, config.CRAWL_CONTACT_URL);
  const guard = new HostGuard(config.ALLOW_PRIVATE_HOSTS);
  // One listing page per listing URL is enough to see whether the patterns still match.
  const onePage: Source = { ...source, pagination: source.pagination ? { ...source.pagination, maxPages: 1 } : undefined };
  const discovery = await discoverArticles(onePage, { userAgent, guard, politeness: noPoliteness, log, known: async () => new Set<string>() });
  const result: CheckResult = {
    source: { id: source.id, name: source.name, lang: source.lang, region: source.region },
    listing: source.listing,
    listingPages: discovery.listingPages,
    failures: discovery.failures,
    articleLinks: discovery.articleUrls.length,
    firstLinks: discovery.articleUrls.slice(0, 5),
    article: null,
    kind: null,
    extracted: null,
    problem: null,
  };
  if (discovery.listingPages === 0 && discovery.failures.length) {
    throw new Error(`could not fetch the listing of ${source.id}: ${discovery.failures.map((f) => `${f.url} (${f.reason})`).join('; ')}`);
  }
  const url = discovery.articleUrls[0];
  if (!url) {
    result.problem = `no link on the listing page(s) matches the articles pattern(s) ${source.articles.join(' ')}`;
    return result;
  }
  result.article = url;
  let page: FetchedPage;
  try {
    page = await fetchPage(url, { userAgent, guard, politeness: noPoliteness, policy: source.politeness });
  } catch (err) {
    throw new Error(`could not fetch the article ${url}: ${(err as Error).message}`);
  }
  const kind = (page as FetchedPage & { kind?: 'html' | 'attachment' }).kind ?? 'html';
  result.kind = kind;
  if (kind !== 'html') {
    result.problem = `the first article link is not an HTML page (${page.contentType ?? 'no Content-Type'})`;
    return result;
  }
  const e = extractArticle(decodeHtml(page.body, page.contentType), url, source.selectors, source.tz);
  result.extracted = {
    title: e.title,
    published: e.published,
    lang: e.lang,
    issuer: e.issuer,
    docNumber: e.docNumber,
    textLength: e.text.length,
    excerpt: e.text.slice(0, 300),
  };
  if (!e.title || !e.text) result.problem = 'no article found on the page (title or body empty)';
  return result;
}

export function formatCheck(r: CheckResult): string {
  const out: string[] = [];
  const row = (label: string, value: string | number | null) => out.push(`${label.padEnd(12)}${value ?? '-'}`);
  const more = (value: string) => out.push(`${''.padEnd(12)}${value}`);
  row('source', `${r.source.id} — ${r.source.name} (${r.source.lang}, ${r.source.region})`);
  r.listing.forEach((url, i) => (i === 0 ? row('listing', url) : more(url)));
  row('pages read', r.listingPages);
  for (const f of r.failures) row('failed', `${f.url}: ${f.reason}`);
  row('links', `${r.articleLinks} article link(s)`);
  for (const url of r.firstLinks) more(url);
  row('article', r.article);
  if (r.extracted) {
    row('title', r.extracted.title);
    row('published', r.extracted.published);
    row('lang', r.extracted.lang);
    row('issuer', r.extracted.issuer);
    row('docNumber', r.extracted.docNumber);
    row('text', `${r.extracted.textLength} characters`);
    const lines = r.extracted.excerpt.split('\n').filter(Boolean);
    if (r.extracted.textLength > r.extracted.excerpt.length && lines.length) lines[lines.length - 1] += ' …';
    for (const line of lines) more(line);
  }
  if (r.problem) row('problem', r.problem);
  out.push('(dry run: nothing was stored, nothing was sent)');
  return `${out.join('\n')}\n`;
}

// -- registration -----------------------------------------------------------------------------

export function registerSourceCommands(program: Command): void {
  program
    .command('sources')
    .description('list the sources of the sources file with their health: last success, articles found, documents, gone, failures by reason')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const { config, log } = context();
      const sources = loadSources(config.SOURCES_FILE); // a bad file fails before any service is touched
      await prepareDatabase(config, log);
      const db = createDb(config.DATABASE_URL, 2);
      try {
        await syncSources(db, sources); // entries added to the file show up at once
        const rows = sourceRows(sources, await sourceHealth(db));
        process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatSources(rows));
      } finally {
        await db.$disconnect();
      }
    });

  program
    .command('check-source')
    .description('dry run of one source: fetch its listing and first article and print what would be extracted (stores and sends nothing)')
    .argument('<id>', 'a source id from the sources file')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { config, log } = context();
      const sources = loadSources(config.SOURCES_FILE);
      const source = sources.find((s) => s.id === id);
      if (!source) throw new UsageError(`unknown source "${id}"; the sources file ${config.SOURCES_FILE} has: ${sources.map((s) => s.id).join(', ') || '(none)'}`);
      const result = await checkSource(source, config, log);
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatCheck(result));
      if (result.problem) process.exitCode = 1;
    });
}
