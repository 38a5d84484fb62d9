// The corpus export (`silkwatch export`): document versions with their source, latest
// classification, measure links and the URLs of its cluster (syndicated copies, reports of the same
// policy edition), streamed from PostgreSQL as JSONL or CSV.
//
// Streaming: keyset pagination over DocumentVersion.id (`id > last ORDER BY id LIMIT batch`; with
// `--versions latest` over Document.id, each document's current version), one SQL statement per
// batch that joins everything a record needs, so memory holds one batch at a time however large
// the table grows. Output goes to a Writable with backpressure (waits for 'drain'). The same
// filters give the same records, in the same order (version id, or document id for latest), in
// both formats.
//
// Field values: lists and objects (urls, topics, measures) are JSON — in CSV a JSON string in the
// cell. `relevant`, `score`, `topics` and `classifierVersion` come from the latest classification
// of that version (by createdAt, then id) and are null when it has none; `measures` is [] when it
// has no links. `published` is YYYY-MM-DD, `fetchedAt` ISO 8601 UTC. In CSV an empty cell is null.
//
// CSV is RFC 4180: a header row, CRLF line ends, fields quoted when they contain `"`, `,`, CR or
// LF (quotes doubled), UTF-8 with an optional BOM for spreadsheets.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Prisma, type Db } from '../db/client.js';

export const EXPORT_FIELDS = [
  'documentId',
  'url',
  'urls',
  'source',
  'region',
  'issuer',
  'docNumber',
  'lang',
  'title',
  'published',
  'version',
  'fetchedAt',
  'contentHash',
  'rawSha256',
  'relevant',
  'score',
  'topics',
  'measures',
  'classifierVersion',
  'text',
] as const;

export type ExportField = (typeof EXPORT_FIELDS)[number];

export interface ExportTopic {
  id: string;
  score: number;
  evidence: string[];
}

export interface ExportMeasure {
  id: string;
  relation: string;
  score: number;
  evidence: unknown;
}

export interface ExportRecord {
  documentId: number;
  url: string;
  urls: string[];
  source: string;
  region: string;
  issuer: string | null;
  docNumber: string | null;
  lang: string;
  title: string;
  published: string | null;
  version: number;
  fetchedAt: string;
  contentHash: string;
  rawSha256: string;
  relevant: boolean | null;
  score: number | null;
  topics: ExportTopic[] | null;
  measures: ExportMeasure[];
  classifierVersion: string | null;
  text: string;
}

export interface ExportFilters {
  /** Publish date on or after (YYYY-MM-DD). */
  since?: string;
  /** Publish date on or before (YYYY-MM-DD). */
  until?: string;
  /** The latest classification has at least one of these topics. */
  topics?: string[];
  sources?: string[];
  regions?: string[];
  lang?: string[];
  /** Only versions whose latest classification is relevant. */
  relevantOnly?: boolean;
  /** `latest`: only each document's current version; `all` (default): every version. */
  versions?: 'all' | 'latest';
}

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions extends ExportFilters {
  format: ExportFormat;
  /** Start CSV with a UTF-8 byte-order mark (spreadsheets need it to read UTF-8). */
  bom?: boolean;
  /** Versions per SQL statement (default 1,000). */
  batchSize?: number;
  /** Called after each batch with the number of records written so far. */
  onProgress?: (rows: number) => void;
}

interface Row {
  versionId: number;
  documentId: number;
  url: string;
  urls: string;
  source: string;
  region: string;
  issuer: string | null;
  docNumber: string | null;
  lang: string;
  title: string;
  published: string | null;
  version: number;
  fetchedAt: string;
  contentHash: string;
  rawSha256: string;
  relevant: boolean | null;
  score: number | null;
  topics: string | null;
  measures: string;
  classifierVersion: string | null;
  text: string;
}

function where(f: ExportFilters): Prisma.Sql[] {
  const conds: Prisma.Sql[] = [];
  if (f.since) conds.push(Prisma.sql`v."published" >= ${f.since}::date`);
  if (f.until) conds.push(Prisma.sql`v."published" <= ${f.until}::date`);
  if (f.sources?.length) conds.push(Prisma.sql`d."sourceId" = ANY(${f.sources}::text[])`);
  if (f.regions?.length) conds.push(Prisma.sql`s."region" = ANY(${f.regions}::text[])`);
  if (f.lang?.length) conds.push(Prisma.sql`v."lang" = ANY(${f.lang}::text[])`);
  if (f.relevantOnly) conds.push(Prisma.sql`c."relevant" IS TRUE`);
  if (f.topics?.length) {
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c."topics") = 'array' THEN c."topics" ELSE '[]'::jsonb END) t
                                  WHERE t->>'id' = ANY(${f.topics}::text[]))`);
  }
  return conds;
}

/**
 * One batch after the key `after`: every version keyed by its id, or (`latest`) each document's
 * current version keyed by the document id — walking Document and joining its currentVersionId
 * reads only the current versions instead of testing every version of the table.
 */
function batchQuery(after: number, limit: number, conds: Prisma.Sql[], latest: boolean): Prisma.Sql {
  const extra = conds.length ? Prisma.sql` AND ${Prisma.join(conds, ' AND ')}` : Prisma.empty;
  const from = latest
    ? Prisma.sql`FROM "Document" d
      JOIN "DocumentVersion" v ON v."id" = d."currentVersionId"`
    : Prisma.sql`FROM "DocumentVersion" v
      JOIN "Document" d ON d."id" = v."documentId"`;
  const key = latest ? Prisma.sql`d."id"` : Prisma.sql`v."id"`;
  return Prisma.sql`
    SELECT v."id" AS "versionId",
           d."id" AS "documentId",
           d."canonicalUrl" AS "url",
           CASE WHEN d."clusterId" IS NULL THEN jsonb_build_array(d."canonicalUrl")::text
                ELSE (SELECT jsonb_agg(d2."canonicalUrl" ORDER BY d2."id") FROM "Document" d2 WHERE d2."clusterId" = d."clusterId")::text
           END AS "urls",
           d."sourceId" AS "source",
           s."region",
           v."issuer",
           v."docNumber",
           v."lang",
           v."title",
           to_char(v."published", 'YYYY-MM-DD') AS "published",
           v."ordinal" AS "version",
           to_char(v."fetchedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "fetchedAt",
           v."contentHash",
           v."rawSha256",
           c."relevant",
           c."score",
           c."topics"::text AS "topics",
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', l."measureId", 'relation', l."relation", 'score', l."score", 'evidence', l."evidence")
                                      ORDER BY l."score" DESC, l."measureId", l."relation")
                     FROM "MeasureLink" l WHERE l."versionId" = v."id"), '[]'::jsonb)::text AS "measures",
           c."classifierVersion",
           v."body" AS "text"
      ${from}
      JOIN "Source" s ON s."id" = d."sourceId"
      LEFT JOIN LATERAL (
        SELECT c0."relevant", c0."score", c0."topics", c0."classifierVersion"
          FROM "Classification" c0
         WHERE c0."versionId" = v."id"
         ORDER BY c0."createdAt" DESC, c0."id" DESC
         LIMIT 1
      ) c ON TRUE
     WHERE ${key} > ${after}${extra}
     ORDER BY ${key}
     LIMIT ${limit}`;
}

function toRecord(r: Row): ExportRecord {
  return {
    documentId: Number(r.documentId),
    url: r.url,
    urls: JSON.parse(r.urls) as string[],
    source: r.source,
    region: r.region,
    issuer: r.issuer,
    docNumber: r.docNumber,
    lang: r.lang,
    title: r.title,
    published: r.published,
    version: Number(r.version),
    fetchedAt: r.fetchedAt,
    contentHash: r.contentHash,
    rawSha256: r.rawSha256,
    relevant: r.relevant,
    score: r.score === null ? null : Number(r.score),
    topics: r.topics === null ? null : (JSON.parse(r.topics) as ExportTopic[]),
    measures: JSON.parse(r.measures) as ExportMeasure[],
    classifierVersion: r.classifierVersion,
    text: r.text,
  };
}

/** Quotes a CSV field when RFC 4180 requires it (a `"`, `,`, CR or LF), doubling the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return csvField(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvField(JSON.stringify(value));
}

export function csvHeader(): string {
  return `${EXPORT_FIELDS.join(',')}\r\n`;
}

export function csvLine(rec: ExportRecord): string {
  return `${EXPORT_FIELDS.map((f) => csvCell(rec[f])).join(',')}\r\n`;
}

export function jsonLine(rec: ExportRecord): string {
  return `${JSON.stringify(rec)}\n`; // JSON.stringify escapes CR/LF inside strings: one line each
}

/** The records the filters select, batch by batch (keyset over the version id, or the document id for `latest`). */
export async function* exportBatches(db: Db, filters: ExportFilters, batchSize = 1000): AsyncGenerator<ExportRecord[]> {
  const conds = where(filters);
  const latest = filters.versions === 'latest';
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>(batchQuery(after, batchSize, conds, latest));
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    after = Number(latest ? last.documentId : last.versionId);
    yield rows.map(toRecord);
    if (rows.length < batchSize) return;
  }
}

const CHUNK = 64 * 1024;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Streams the export to `out` (not ended here). Returns the number of records written. */
export async function exportCorpus(db: Db, out: Writable, opts: ExportOptions): Promise<{ rows: number }> {
  const line = opts.format === 'csv' ? csvLine : jsonLine;
  let rows = 0;
  if (opts.format === 'csv') await write(out, `${opts.bom ? '\uFEFF' : ''}${csvHeader()}`);
  for await (const batch of exportBatches(db, opts, opts.batchSize)) {
    let buf = '';
    for (const rec of batch) {
      buf += line(rec);
      if (buf.length >= CHUNK) {
        await write(out, buf);
        buf = '';
      }
    }
    if (buf) await write(out, buf);
    rows += batch.length;
    opts.onProgress?.(rows);
  }
  return { rows };
}
