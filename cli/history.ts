// `silkwatch history <url|id> [--json]`: a document's versions, oldest first, with when each was
// fetched, its publish date, content hash, raw snapshot (SHA-256 of the exact bytes fetched),
// extractor version, title and events, and between consecutive versions what changed
// (changes/diff.ts) — or that a new extractor re-baselined it. Reads PostgreSQL only.
import { findDocumentByRef } from '../db/documents.js';
import type { Command } from 'commander';
import { assessNewVersion, renderChangeSummary, type ChangeSummary } from '../changes/diff.js';
import { loadConfig, type Config } from '../config/env.js';
import { UsageError } from '../config/errors.js';
import { createLogger, type Logger } from '../config/logger.js';
import { createDb, type Db } from '../db/client.js';
import { prepareDatabase } from './runtime.js';

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

export interface HistoryVersion {
  id: number;
  ordinal: number;
  fetchedAt: string;
  published: string | null;
  contentHash: string;
  rawSha256: string;
  /** The stored snapshot of the bytes fetched: original and gzipped size; null if missing. */
  raw: { size: number; gzipSize: number } | null;
  extractorVersion: number;
  title: string;
  lang: string;
  docNumber: string | null;
  attachments: string[];
  events: { id: number; kind: string; cause: string; createdAt: string }[];
  /** How this version relates to the one before it. */
  relation: 'first' | 'amended' | 'cosmetic' | 'rebaselined';
  /** What changed since the previous version; null for the first one and for re-baselines. */
  changes: ChangeSummary | null;
}

export interface History {
  document: {
    id: number;
    canonicalUrl: string;
    sourceId: string;
    status: string;
    firstSeenAt: string;
    lastCheckedAt: string | null;
    etag: string | null;
    lastModified: string | null;
    missingCount: number;
    currentVersionId: number | null;
    clusterId: number | null;
  };
  versions: HistoryVersion[];
}


export async function loadHistory(db: Db, ref: string): Promise<History | null> {
  const doc = await findDocumentByRef(db, ref);
  if (!doc) return null;
  const rows = await db.documentVersion.findMany({ where: { documentId: doc.id }, orderBy: { ordinal: 'asc' } });
  const events = await db.policyEvent.findMany({ where: { documentId: doc.id }, orderBy: { id: 'asc' } });
  const shas = [...new Set(rows.map((r) => r.rawSha256))];
  const snapshots = shas.length
    ? await db.$queryRaw<{ sha256: string; size: number; gzipSize: number }[]>`
        SELECT "sha256", "size", octet_length("gzip")::int AS "gzipSize" FROM "RawSnapshot" WHERE "sha256" = ANY(${shas}::text[])`
    : [];
  const raw = new Map(snapshots.map((s) => [s.sha256, { size: s.size, gzipSize: s.gzipSize }]));

  const versions: HistoryVersion[] = rows.map((row, i) => {
    let relation: HistoryVersion['relation'] = 'first';
    let changes: ChangeSummary | null = null;
    if (i > 0) {
      const assessed = assessNewVersion(rows[i - 1], row);
      relation = assessed.kind;
      changes = assessed.kind === 'rebaselined' ? null : assessed.summary;
    }
    return {
      id: row.id,
      ordinal: row.ordinal,
      fetchedAt: row.fetchedAt.toISOString(),
      published: row.published ? row.published.toISOString().slice(0, 10) : null,
      contentHash: row.contentHash,
      rawSha256: row.rawSha256,
      raw: raw.get(row.rawSha256) ?? null,
      extractorVersion: row.extractorVersion,
      title: row.title,
      lang: row.lang,
      docNumber: row.docNumber,
      attachments: Array.isArray(row.attachments) ? (row.attachments as unknown[]).filter((a): a is string => typeof a === 'string') : [],
      events: events.filter((e) => e.versionId === row.id).map((e) => ({ id: e.id, kind: e.kind, cause: e.cause, createdAt: e.createdAt.toISOString() })),
      relation,
      changes,
    };
  });
  return {
    document: {
      id: doc.id,
      canonicalUrl: doc.canonicalUrl,
      sourceId: doc.sourceId,
      status: doc.status,
      firstSeenAt: doc.firstSeenAt.toISOString(),
      lastCheckedAt: doc.lastCheckedAt?.toISOString() ?? null,
      etag: doc.etag,
      lastModified: doc.lastModified,
      missingCount: doc.missingCount,
      currentVersionId: doc.currentVersionId,
      clusterId: doc.clusterId,
    },
    versions,
  };
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');
const short = (hash: string) => hash.slice(0, 12);
const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

export function formatHistory(h: History): string {
  const d = h.document;
  const out: string[] = [];
  out.push(`Document ${d.id}  ${d.canonicalUrl}`);
  out.push(`  source ${d.sourceId}, status ${d.status}, first seen ${when(d.firstSeenAt)}, last checked ${when(d.lastCheckedAt)}, ${h.versions.length} version(s)`);
  if (!h.versions.length) out.push('', '(no versions stored)');
  h.versions.forEach((v, i) => {
    out.push('');
    if (v.relation === 'rebaselined') {
      out.push(`  re-baselined by extractor v${v.extractorVersion} (was v${h.versions[i - 1].extractorVersion}): no diff, no event`);
      out.push('');
    } else if (v.changes) {
      const head = v.relation === 'amended' ? `changes: material (${v.changes.reasons.join(', ')})` : 'changes: cosmetic only (stored, no event)';
      out.push(`  ${head}`);
      if (v.relation === 'amended') out.push(indent(renderChangeSummary(v.changes), '    '));
      out.push('');
    }
    const raw = v.raw ? `raw ${short(v.rawSha256)} (${v.raw.size} B, ${v.raw.gzipSize} B gz)` : `raw ${short(v.rawSha256)} (snapshot missing)`;
    out.push(`#${v.ordinal}  fetched ${when(v.fetchedAt)}  published ${v.published ?? '-'}  hash ${short(v.contentHash)}  ${raw}  extractor v${v.extractorVersion}`);
    out.push(`    ${v.title}`);
    for (const e of v.events) out.push(`    event #${e.id}: ${e.kind} (${e.cause}) at ${when(e.createdAt)}`);
  });
  return `${out.join('\n')}\n`;
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description("a document's versions (fetched, published, content hash, raw snapshot SHA-256, extractor) and what changed between them")
    .argument('<document>', 'a document id or URL')
    .option('--json', 'print JSON: { document, versions: [{ …, changes }] }')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const { config, log } = context();
      await prepareDatabase(config, log);
      const db = createDb(config.DATABASE_URL, 2);
      try {
        const history = await loadHistory(db, ref);
        if (!history) throw new UsageError(`unknown document: no document ${/^\s*\d+\s*$/.test(ref) ? `with id ${ref.trim()}` : `with URL ${ref.trim()}`}`);
        process.stdout.write(opts.json ? `${JSON.stringify(history, null, 2)}\n` : formatHistory(history));
      } finally {
        await db.$disconnect();
      }
    });
}
