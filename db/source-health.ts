// Source health: every skip or failure of a source is counted by reason in Source.failures
// (a JSON object { "http-404": 3, "timeout": 1, … }), and `sourceHealth` reads it back together
// with the crawl times and document counts for `silkwatch sources`.
//
// Reasons (short, stable, kebab-case; `reasonFor` maps an error to one):
//   http-404 http-410 http-4xx(e.g. http-403) http-429 http-5xx  timeout  network  too-large
//   redirects  private-address  bad-scheme  robots  not-article  not-html  listing-failed
//   no-articles  error
import type { Db } from './client.js';

/**
 * Adds `n` (default 1) to Source.failures[reason] in one UPDATE: concurrent calls for the same
 * source serialise on the row lock and each sees the other's increment (no read-modify-write
 * in the application). A source that is not in the table is ignored.
 */
export async function recordFailure(db: Db, sourceId: string, reason: string, n = 1): Promise<void> {
  await db.$executeRaw`
    UPDATE "Source"
    SET "failures" = jsonb_set(
      CASE WHEN jsonb_typeof("failures") = 'object' THEN "failures" ELSE '{}'::jsonb END,
      ARRAY[${reason}::text],
      to_jsonb(COALESCE(("failures" ->> ${reason}::text)::int, 0) + ${n}::int),
      true)
    WHERE "id" = ${sourceId}`;
}

export interface SourceHealth {
  id: string;
  name: string;
  enabled: boolean;
  lastCrawlAt: Date | null;
  lastSuccessAt: Date | null;
  /** Article URLs the last crawl found on the listing pages. */
  articlesFound: number;
  /** Documents stored for the source, and how many of them are gone (404/410 twice). */
  documents: number;
  gone: number;
  failures: Record<string, number>;
}

/** Health of every source row in the database, by id. */
export async function sourceHealth(db: Db): Promise<SourceHealth[]> {
  const rows = await db.$queryRaw<
    { id: string; name: string; enabled: boolean; lastCrawlAt: Date | null; lastSuccessAt: Date | null; articlesFound: number; failures: unknown; documents: number; gone: number }[]
  >`
    SELECT s."id", s."name", s."enabled", s."lastCrawlAt", s."lastSuccessAt", s."articlesFound", s."failures",
      COUNT(d."id")::int AS "documents",
      (COUNT(d."id") FILTER (WHERE d."status" = 'gone'::"DocumentStatus"))::int AS "gone"
    FROM "Source" s
    LEFT JOIN "Document" d ON d."sourceId" = s."id"
    GROUP BY s."id"
    ORDER BY s."id"`;
  return rows.map((r) => ({ ...r, failures: failureCounts(r.failures) }));
}

function failureCounts(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, number> = {};
  for (const [reason, n] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    if (typeof n === 'number' && n > 0) out[reason] = n;
  }
  return out;
}

/**
 * The reason to count for an error thrown while fetching a page (crawlers/fetch-page.ts, the
 * host guard, the politeness gate, or Crawlee during discovery). Message-based: those errors
 * carry no code of their own.
 */
export function reasonFor(err: unknown): string {
  // URLs are dropped first: an article slug such as ".../humanoid-robots-gain..." is not a reason.
  const message = String((err as { message?: unknown })?.message ?? err).replace(/https?:\/\/[^\s:]+(?::\d+)?[^\s:]*/g, '<url>');
  const status = message.match(/\bHTTP (\d{3})\b/)?.[1] ?? message.match(/^(\d{3}) - /)?.[1] ?? message.match(/received (\d{3}) status code/)?.[1];
  if (status) {
    const code = Number(status);
    if (code === 404 || code === 410 || code === 429) return `http-${code}`;
    if (code >= 500) return 'http-5xx';
    return `http-${code}`;
  }
  if (/robots\.txt|\brobots\b/i.test(message)) return 'robots';
  if (/private address|ALLOW_PRIVATE_HOSTS/.test(message)) return 'private-address';
  if (/only http and https/.test(message)) return 'bad-scheme';
  if (/larger than \d+ bytes/.test(message)) return 'too-large';
  if (/more than \d+ redirects|redirect \d{3} without Location/.test(message)) return 'redirects';
  // fetch-page reports an AbortSignal timeout through reasonOf(), which yields the DOMException
  // code (23, TIMEOUT_ERR) rather than its name.
  if (/TimeoutError|timed? ?out|ETIMEDOUT|UND_ERR_\w*TIMEOUT|: 23$/i.test(message)) return 'timeout';
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up|fetch failed|UND_ERR/i.test(message)) return 'network';
  return 'error';
}
