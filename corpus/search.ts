// Full-text search over the current version of every document, English and Chinese.
//
// The index (migrations *_search_index, *_search_word_pairs): DocumentVersion."search" is a
// generated tsvector of silkwatch_search_text(title) (weight A) and silkwatch_search_text(body)
// (weight B), parsed with the 'english' configuration, plus one lexeme 'a b' per pair of adjacent
// Latin lexemes, under a GIN index. silkwatch_search_text() keeps Latin text and
// rewrites every run of CJK characters as its overlapping bigrams, since PostgreSQL has no Chinese
// parser. The query goes through the same function and websearch_to_tsquery('english', …):
//   - English words are stemmed and ANDed; "quoted phrases", `or` and `-word` work as on the web;
//     a phrase's word pairs are ANDed, so the index finds "free zone" without reading every row
//     that holds both words (ranking drops the pairs: ts_filter keeps the lexemes with positions);
//   - a Chinese run becomes its bigrams ANDed ("中欧班列" → 中欧 & 欧班 & 班列), so any substring of
//     two or more characters is found inside longer sentences; a quoted one must be contiguous;
//   - a lone CJK character is matched as a prefix of the bigrams (中 → 中:*).
// Filters: topics (of the version's latest classification), sources, regions (of the source),
// languages, since/until (publish date, inclusive; a b-tree index on "published"). Only each
// document's current version is searched. Ranking: ts_rank_cd (cover density, title weighted above
// body, normalised by log of the length), ties broken by the newer publish date.
//
// Snippets: ts_headline over the body when the query has no CJK; when it does, ts_headline
// cannot help (the body is not stored bigrammed), so the snippet is cut in JS around the first
// occurrence of a query term in the original body. Matches are wrapped in the private-use marks
// MARK_START / MARK_END; renderSnippet() turns them into ANSI bold (terminal), «…» (plain text)
// or <b>…</b> with everything else HTML-escaped (JSON: `snippet` is safe to put into HTML).
import { Prisma, type Db } from '../db/client.js';

export interface SearchFilters {
  topics?: string[];
  sources?: string[];
  regions?: string[];
  lang?: string[];
  /** YYYY-MM-DD, inclusive, on the publish date. */
  since?: string;
  until?: string;
}

export interface SearchOptions extends SearchFilters {
  limit?: number;
  /** For tests: other sizes than RANK_CANDIDATES / RECENT_PROBE / RECENT_MAX (probe 0: the index alone). */
  tuning?: { candidates: number; probe: number; max: number };
}

export interface SearchHit {
  documentId: number;
  versionId: number;
  url: string;
  sourceId: string;
  region: string;
  lang: string;
  title: string;
  published: string | null;
  rank: number;
  topics: string[];
  /** The title and a ~200-character snippet of the body, matches between MARK_START/MARK_END. */
  titleMarked: string;
  snippetMarked: string;
}

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu');
const IS_CJK = new RegExp(`[${CJK}]`, 'u');
const SNIPPET_CHARS = 200;

/** Control characters (C0 but tab/newline, DEL, C1) and the marks themselves never reach output. */
export const stripControl = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\uE000\uE001]/g, '');
const oneLine = (s: string) => stripControl(s).replace(/\s+/g, ' ').trim();

export interface ParsedQuery {
  /** The query text given to websearch_to_tsquery after silkwatch_search_text (may be empty). */
  text: string;
  /** Lone CJK characters, matched as bigram prefixes. */
  singles: string[];
  /**
   * The quoted phrases whose word pairs may narrow the index's candidates: none when the query has
   * an `or` (a pair of one alternative must not be required), and none that is negated (-"…").
   */
  phrases: string[];
  /** The terms a JS snippet looks for: CJK runs and Latin words, longest first. */
  terms: string[];
  hasCjk: boolean;
}

export function parseQuery(query: string): ParsedQuery {
  const q = oneLine(query);
  const singles: string[] = [];
  const text = q
    .replace(CJK_RUN, (run) => {
      if ([...run].length === 1) {
        singles.push(run);
        return ' ';
      }
      return run;
    })
    .trim();
  const cjk = q.match(CJK_RUN) ?? [];
  const latin = q
    .replace(CJK_RUN, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !/^(or|and|not)$/i.test(w));
  const terms = [...new Set([...cjk, ...latin])].sort((a, b) => b.length - a.length);
  const phrases: string[] = [];
  // websearch_to_tsquery sees `or` wherever it stands apart from Latin letters (CJK runs are
  // spaced out before it reads them), and reads `-"…"` and `- "…"` as negated.
  if (!/(^|[^a-z])or([^a-z]|$)/i.test(text)) {
    // An unclosed quote is a phrase to the end of the query, as websearch_to_tsquery reads it.
    for (const m of text.matchAll(/(-\s*)?"([^"]*)("|$)/g)) if (!m[1] && m[2].trim()) phrases.push(m[2]);
  }
  return { text, singles, terms, phrases, hasCjk: cjk.length > 0 };
}

/**
 * The query as ranked (`rank`) and as matched (`match`): the same rows match both, but `match` has
 * the word pairs of its quoted phrases ANDed (migration *_search_word_pairs), so that the index
 * finds the rows holding a phrase of common words instead of every row holding its words.
 */
function tsquery(p: ParsedQuery): { rank: Prisma.Sql; match: Prisma.Sql } {
  const words = p.text ? Prisma.sql`websearch_to_tsquery('english', silkwatch_search_text(${p.text}))` : null;
  const narrowed = words && p.phrases.length ? Prisma.sql`silkwatch_phrase_query(${words}, ${p.phrases}::text[])` : words;
  const singles = p.singles.map((c) => Prisma.sql`to_tsquery('english', ${`${c}:*`})`);
  const join = (first: Prisma.Sql | null) => {
    const xs = first ? [first, ...singles] : singles;
    return xs.length ? Prisma.join(xs, ' && ') : Prisma.sql`''::tsquery`;
  };
  return { rank: join(words), match: join(narrowed) };
}

interface Row {
  documentId: number;
  versionId: number;
  url: string;
  sourceId: string;
  region: string;
  lang: string;
  title: string;
  published: Date | null;
  rank: number;
  topics: unknown;
  headline: string | null;
  body: string | null;
}

/** Matches ranked per query at most (newest first); see search(). */
export const RANK_CANDIDATES = 2000;
/**
 * The newest versions scanned directly before the index is asked (see candidateIds): a probe of
 * RECENT_PROBE, then one window sized from the density the probe saw, up to RECENT_MAX.
 */
export const RECENT_PROBE = 5_000;
export const RECENT_MAX = 60_000;

/** Each document's current version (v), with its document (d) and source (s): what filters name. */
const CURRENT = Prisma.sql`"DocumentVersion" v
  JOIN "Document" d ON d."currentVersionId" = v."id"
  JOIN "Source" s ON s."id" = d."sourceId"`;

/**
 * The ids of the newest RANK_CANDIDATES current versions that match, newest first.
 *
 * A common term (in a quarter of the corpus, or half) matches hundreds of thousands of versions at
 * a million: the GIN index (or a sequential scan) then visits every one of them, only to keep the
 * newest 2,000. So the newest versions are tested first: a window of the newest current versions
 * that pass the filters (sources, regions, languages, dates, topics: all answered from b-tree and
 * GIN indexes without reading a tsvector), each then tested against the query. When a window holds
 * RANK_CANDIDATES matches they are exactly the newest RANK_CANDIDATES of the whole table (every
 * match outside it is older); when it holds every filtered version, its matches are all there are.
 * A probe of RECENT_PROBE versions measures how dense the matches are among the filtered ones; if
 * a window of at most RECENT_MAX should hold enough, that window is tested; otherwise (rare terms)
 * the index answers, its cost then growing with the (fewer) matches.
 */
async function candidateIds(db: Db, q: Prisma.Sql, filters: Prisma.Sql[], tuning = { candidates: RANK_CANDIDATES, probe: RECENT_PROBE, max: RECENT_MAX }): Promise<number[]> {
  const where = filters.length ? Prisma.join(filters, ' AND ') : Prisma.sql`true`;
  const ids = (xs: unknown[]) => xs.map((x) => Number(x));
  /** The window of the n newest filtered versions: its matches, and whether it held them all. */
  const window = async (n: number) => {
    const [r] = await db.$queryRaw<{ size: bigint; ids: number[] }[]>`
      WITH q AS (SELECT ${q} AS q),
      f AS MATERIALIZED (
        SELECT v."id" FROM ${CURRENT}
         WHERE ${where}
         ORDER BY v."id" DESC
         LIMIT ${n})
      SELECT (SELECT count(*) FROM f) AS "size",
             ARRAY(SELECT f."id" FROM q, f
                    -- one primary-key lookup per window row (as a join, the planner may read every
                    -- row's tsvector instead, not knowing that matching one costs more than a lookup)
                    WHERE (SELECT v."search" FROM "DocumentVersion" v WHERE v."id" = f."id") @@ q.q
                    ORDER BY f."id" DESC LIMIT ${tuning.candidates}) AS "ids"`;
    return { ids: ids(r.ids), all: Number(r.size) < n };
  };
  if (tuning.probe > 0) {
    const probe = await window(tuning.probe);
    if (probe.ids.length >= tuning.candidates || probe.all) return probe.ids;
    if (probe.ids.length > 0) {
      // Enough matches expected in a window this size (a quarter more, for the density's noise).
      const size = Math.ceil(((tuning.candidates * tuning.probe) / probe.ids.length) * 1.25);
      if (size <= tuning.max) {
        const w = await window(size);
        if (w.ids.length >= tuning.candidates || w.all) return w.ids;
      }
    }
  }
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH q AS (SELECT ${q} AS q)
    SELECT v."id"
      FROM q, ${CURRENT}
     WHERE v."search" @@ q.q AND ${where}
     ORDER BY v."id" DESC
     LIMIT ${tuning.candidates}`;
  return ids(rows.map((r) => r.id));
}

export async function search(db: Db, query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  const parsed = parseQuery(query);
  if (!parsed.text && !parsed.singles.length) return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 200));
  const { rank: q, match } = tsquery(parsed);
  const where: Prisma.Sql[] = [];
  if (opts.sources?.length) where.push(Prisma.sql`d."sourceId" = ANY(${opts.sources}::text[])`);
  if (opts.regions?.length) where.push(Prisma.sql`s."region" = ANY(${opts.regions}::text[])`);
  if (opts.lang?.length) where.push(Prisma.sql`v."lang" = ANY(${opts.lang}::text[])`);
  if (opts.since) where.push(Prisma.sql`v."published" >= ${opts.since}::date`);
  if (opts.until) where.push(Prisma.sql`v."published" <= ${opts.until}::date`);
  if (opts.topics?.length) {
    // The versions whose latest classification lists one of the topics: the classifications that
    // do come from the GIN index on "topics" (migration *_search_filters), a set the planner can
    // hash once instead of unpacking every candidate's topics.
    const any = Prisma.join(opts.topics.map((t) => Prisma.sql`c."topics" @> ${JSON.stringify([{ id: t }])}::jsonb`), ' OR ');
    where.push(Prisma.sql`v."id" IN (SELECT c."versionId" FROM "Classification" c
      WHERE (${any})
        AND NOT EXISTS (SELECT 1 FROM "Classification" n WHERE n."versionId" = c."versionId" AND (n."createdAt", n."id") > (c."createdAt", c."id")))`);
  }
  const ids = await candidateIds(db, match, where, opts.tuning);
  if (!ids.length) return [];
  // ts_headline parses the whole body again: only for the page of hits, after ranking.
  const headline = parsed.hasCjk
    ? Prisma.sql`NULL::text AS "headline", v."body"`
    : Prisma.sql`ts_headline('english', v."body", q.q, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) AS "headline", NULL::text AS "body"`;
  // Ranking reads each candidate's tsvector once; the page of hits then gets its document, source,
  // latest classification's topics and snippet.
  const rows = await db.$queryRaw<Row[]>`
    WITH q AS (SELECT ${q} AS q),
    hits AS (
      SELECT v."id" AS "versionId", v."published", ts_rank_cd(ts_filter(v."search", '{a,b,c,d}'), q.q, 1)::float8 AS "rank"
      FROM q, "DocumentVersion" v
      WHERE v."id" = ANY(${ids}::int[])
      ORDER BY "rank" DESC, v."published" DESC NULLS LAST, v."id" DESC
      LIMIT ${limit}
    )
    SELECT d."id" AS "documentId", h."versionId", d."canonicalUrl" AS "url", d."sourceId", s."region", v."lang", v."title", h."published", h."rank", lc."topics", ${headline}
    FROM hits h
    JOIN "DocumentVersion" v ON v."id" = h."versionId"
    JOIN "Document" d ON d."id" = v."documentId"
    JOIN "Source" s ON s."id" = d."sourceId"
    LEFT JOIN LATERAL (SELECT c."topics" FROM "Classification" c WHERE c."versionId" = v."id" ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 1) lc ON true
    CROSS JOIN q
    ORDER BY h."rank" DESC, h."published" DESC NULLS LAST, h."versionId" DESC`;
  return rows.map((r) => ({
    documentId: r.documentId,
    versionId: r.versionId,
    url: r.url,
    sourceId: r.sourceId,
    region: r.region,
    lang: r.lang,
    title: oneLine(r.title),
    published: r.published ? r.published.toISOString().slice(0, 10) : null,
    rank: Number(r.rank),
    topics: Array.isArray(r.topics) ? (r.topics as { id?: unknown }[]).map((t) => String(t?.id ?? '')).filter(Boolean) : [],
    titleMarked: markTerms(oneLine(r.title), parsed.terms),
    snippetMarked: r.headline !== null ? cleanHeadline(r.headline) : snippetAround(r.body ?? '', parsed.terms),
  }));
}

/** ts_headline output: control characters out (the marks kept), whitespace folded. */
function cleanHeadline(h: string): string {
  return h.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termPattern(terms: string[]): RegExp | null {
  if (!terms.length) return null;
  // Latin words match as word prefixes (a cheap stand-in for stemming: "railways" for "railway").
  const alts = terms.map((t) => (IS_CJK.test(t) ? escapeRe(t) : `(?<![\\p{L}\\p{N}])${escapeRe(t.length > 4 ? t.slice(0, -1) : t)}[\\p{L}]*`));
  return new RegExp(alts.join('|'), 'giu');
}

export function markTerms(text: string, terms: string[]): string {
  const re = termPattern(terms);
  return re ? text.replace(re, (m) => `${MARK_START}${m}${MARK_END}`) : text;
}

/** A window of the original body around the first match of any term, matches marked. */
export function snippetAround(body: string, terms: string[]): string {
  const text = oneLine(body);
  const re = termPattern(terms);
  let at = 0;
  if (re) {
    const m = re.exec(text);
    if (m) at = m.index;
  }
  const start = Math.max(0, at - Math.floor(SNIPPET_CHARS / 3));
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  const cut = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  return markTerms(cut, terms);
}

export type SnippetStyle = 'ansi' | 'plain' | 'html';

/** Marks → ANSI bold, «…», or <b>…</b> (html: every other character escaped). */
export function renderMarked(marked: string, style: SnippetStyle): string {
  const [open, close] = style === 'ansi' ? ['\x1b[1m', '\x1b[22m'] : style === 'plain' ? ['«', '»'] : ['<b>', '</b>'];
  const body = style === 'html' ? marked.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!) : marked;
  return body.replaceAll(MARK_START, open).replaceAll(MARK_END, close);
}

export function formatHits(hits: SearchHit[], style: 'ansi' | 'plain'): string {
  if (!hits.length) return 'no matches\n';
  const out: string[] = [];
  hits.forEach((h, i) => {
    out.push(`${i + 1}. ${renderMarked(h.titleMarked, style)}`);
    out.push(`   ${h.url}`);
    out.push(`   ${h.sourceId} (${h.region}, ${h.lang}), published ${h.published ?? '-'}, document ${h.documentId}, rank ${h.rank.toFixed(3)}${h.topics.length ? `, topics ${h.topics.join(', ')}` : ''}`);
    out.push(`   ${renderMarked(h.snippetMarked, style)}`);
    out.push('');
  });
  return `${out.join('\n')}`;
}

export function hitsJson(hits: SearchHit[]) {
  return hits.map((h) => ({
    documentId: h.documentId,
    versionId: h.versionId,
    url: h.url,
    source: h.sourceId,
    region: h.region,
    lang: h.lang,
    title: h.title,
    published: h.published,
    rank: h.rank,
    topics: h.topics,
    snippet: renderMarked(h.snippetMarked, 'html'),
  }));
}
