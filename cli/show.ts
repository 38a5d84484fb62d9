// `silkwatch show <documentId|url> [--version N] [--raw FILE] [--json]`: provenance on demand. A
// document (source, region, cluster and its syndicated URLs), its versions (ordinal, fetched at,
// content hash, raw snapshot SHA-256), and for the chosen version (an ordinal, 1 = first seen;
// default the latest) its classification (relevant, score, topics with evidence) and its measure
// links with evidence. `--raw FILE` writes the exact bytes fetched for that version — the
// gunzipped RawSnapshot, checked against the version's rawSha256 before anything is written —
// atomically (a temporary file beside it, renamed). Unknown document or version: exit 2; a
// missing or corrupt snapshot: exit 1. Reads PostgreSQL only.
import { findDocumentByRef } from '../db/documents.js';
import { createHash, randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config } from '../config/env.js';
import { UsageError } from '../config/errors.js';
import { createLogger, type Logger } from '../config/logger.js';
import { createDb, type Db } from '../db/client.js';
import { prepareDatabase } from './runtime.js';

function context(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

export interface ShowTopic {
  id: string;
  score: number;
  evidence: string[];
}

export interface ShowClassification {
  classifierVersion: string;
  relevant: boolean;
  score: number;
  /** Why relevant or not: at most three verbatim sentences (the BRI names weighed; for a text
   *  judged not relevant its strongest counter-cue first). */
  evidence: string[];
  topics: ShowTopic[];
  createdAt: string;
}

export interface Show {
  document: {
    id: number;
    url: string;
    urls: string[];
    source: string;
    region: string | null;
    status: string;
    firstSeenAt: string;
    lastCheckedAt: string | null;
    clusterId: number | null;
    currentVersion: number | null;
  };
  versions: { version: number; id: number; fetchedAt: string; published: string | null; contentHash: string; rawSha256: string; title: string; lang: string }[];
  /** The chosen version (ordinal) and what it holds. */
  version: {
    version: number;
    id: number;
    title: string;
    published: string | null;
    lang: string;
    issuer: string | null;
    docNumber: string | null;
    fetchedAt: string;
    contentHash: string;
    rawSha256: string;
    raw: { size: number; gzipSize: number } | null;
    /** The latest classification (null when none); `earlier` counts older ones. */
    classification: ShowClassification | null;
    earlierClassifications: number;
    measures: { id: string; title: string; relation: string; score: number; evidence: unknown }[];
  } | null;
}


const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
/** A stored JSON array of strings (evidence), or []. */
const strings = (json: unknown): string[] => (Array.isArray(json) ? json.map(String) : []);
const topicsOf = (json: unknown): ShowTopic[] =>
  Array.isArray(json)
    ? json
        .filter((t): t is { id: string; score?: number; evidence?: unknown } => typeof t === 'object' && t !== null && typeof (t as { id?: unknown }).id === 'string')
        .map((t) => ({ id: t.id, score: Number(t.score ?? 0), evidence: strings(t.evidence) }))
    : [];

/** What `show` prints; throws UsageError for an unknown document or version. */
export async function loadShow(db: Db, ref: string, ordinal?: number): Promise<Show> {
  const doc = await findDocumentByRef(db, ref);
  if (!doc) throw new UsageError(`unknown document: no document ${/^\s*\d+\s*$/.test(ref) ? `with id ${ref.trim()}` : `with URL ${ref.trim()}`}`);
  const source = await db.source.findUnique({ where: { id: doc.sourceId } });
  const cluster = doc.clusterId === null ? [doc] : await db.document.findMany({ where: { clusterId: doc.clusterId }, orderBy: { id: 'asc' } });
  const rows = await db.documentVersion.findMany({ where: { documentId: doc.id }, orderBy: { ordinal: 'asc' } });
  const current = rows.find((r) => r.id === doc.currentVersionId) ?? rows[rows.length - 1];
  const chosen = ordinal === undefined ? current : rows.find((r) => r.ordinal === ordinal);
  if (ordinal !== undefined && !chosen) {
    throw new UsageError(`unknown version: document ${doc.id} has no version ${ordinal} (versions ${rows.map((r) => r.ordinal).join(', ') || 'none'})`);
  }
  const show: Show = {
    document: {
      id: doc.id,
      url: doc.canonicalUrl,
      urls: cluster.map((d) => d.canonicalUrl),
      source: doc.sourceId,
      region: source?.region ?? null,
      status: doc.status,
      firstSeenAt: doc.firstSeenAt.toISOString(),
      lastCheckedAt: doc.lastCheckedAt?.toISOString() ?? null,
      clusterId: doc.clusterId,
      currentVersion: current?.ordinal ?? null,
    },
    versions: rows.map((r) => ({
      version: r.ordinal,
      id: r.id,
      fetchedAt: r.fetchedAt.toISOString(),
      published: day(r.published),
      contentHash: r.contentHash,
      rawSha256: r.rawSha256,
      title: r.title,
      lang: r.lang,
    })),
    version: null,
  };
  if (!chosen) return show;
  const classifications = await db.classification.findMany({ where: { versionId: chosen.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const links = await db.measureLink.findMany({ where: { versionId: chosen.id }, include: { measure: { select: { title: true } } }, orderBy: [{ score: 'desc' }, { measureId: 'asc' }] });
  const [snap] = await db.$queryRaw<{ size: number; gzipSize: number }[]>`
    SELECT "size", octet_length("gzip")::int AS "gzipSize" FROM "RawSnapshot" WHERE "sha256" = ${chosen.rawSha256}`;
  const c = classifications[0];
  show.version = {
    version: chosen.ordinal,
    id: chosen.id,
    title: chosen.title,
    published: day(chosen.published),
    lang: chosen.lang,
    issuer: chosen.issuer,
    docNumber: chosen.docNumber,
    fetchedAt: chosen.fetchedAt.toISOString(),
    contentHash: chosen.contentHash,
    rawSha256: chosen.rawSha256,
    raw: snap ? { size: Number(snap.size), gzipSize: Number(snap.gzipSize) } : null,
    classification: c
      ? { classifierVersion: c.classifierVersion, relevant: c.relevant, score: c.score, evidence: strings(c.evidence), topics: topicsOf(c.topics), createdAt: c.createdAt.toISOString() }
      : null,
    earlierClassifications: Math.max(classifications.length - 1, 0),
    measures: links.map((l) => ({ id: l.measureId, title: l.measure.title, relation: l.relation, score: l.score, evidence: l.evidence })),
  };
  return show;
}

/** The exact bytes fetched for a version, verified against its rawSha256. */
export async function rawBytes(db: Db, rawSha256: string): Promise<Buffer> {
  const snap = await db.rawSnapshot.findUnique({ where: { sha256: rawSha256 } });
  if (!snap) throw new Error(`raw snapshot ${rawSha256} is missing from the database`);
  let bytes: Buffer;
  try {
    bytes = gunzipSync(snap.gzip);
  } catch (err) {
    throw new Error(`raw snapshot ${rawSha256} is corrupt: ${(err as Error).message}`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== rawSha256) throw new Error(`raw snapshot ${rawSha256} is corrupt: its bytes hash to ${actual}; nothing written`);
  return bytes;
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');
const short = (hash: string) => hash.slice(0, 12);
const quote = (e: unknown) => (Array.isArray(e) ? e.map((x) => JSON.stringify(String(x))).join(' · ') : e === null || e === undefined ? '' : JSON.stringify(e));

export function formatShow(s: Show): string {
  const d = s.document;
  const out: string[] = [];
  out.push(`Document ${d.id}  ${d.url}`);
  out.push(`  source ${d.source}${d.region ? ` (${d.region})` : ''}, status ${d.status}, first seen ${when(d.firstSeenAt)}, last checked ${when(d.lastCheckedAt)}`);
  if (d.urls.length > 1) {
    out.push(`  other pages of the same article or policy edition (cluster ${d.clusterId}):`);
    for (const u of d.urls) if (u !== d.url) out.push(`    ${u}`);
  }
  out.push('', `Versions (${s.versions.length}):`);
  for (const v of s.versions) {
    const mark = s.version?.version === v.version ? '*' : ' ';
    out.push(`${mark} #${v.version}  fetched ${when(v.fetchedAt)}  published ${v.published ?? '-'}  hash ${short(v.contentHash)}  raw ${short(v.rawSha256)}  ${v.title}`);
  }
  const v = s.version;
  if (!v) return `${out.join('\n')}\n`;
  out.push('', `Version #${v.version}${v.version === d.currentVersion ? ' (current)' : ''}: ${v.title}`);
  out.push(`  published ${v.published ?? '-'}, lang ${v.lang}, issuer ${v.issuer ?? '-'}, doc number ${v.docNumber ?? '-'}`);
  out.push(`  content hash ${v.contentHash}`);
  out.push(`  raw sha256   ${v.rawSha256}${v.raw ? ` (${v.raw.size} B, ${v.raw.gzipSize} B gz)` : ' (snapshot missing)'}`);
  const c = v.classification;
  if (!c) out.push('  classification: none');
  else {
    out.push(`  classification (${c.classifierVersion}, ${when(c.createdAt)}): ${c.relevant ? 'relevant' : 'not relevant'}, score ${c.score.toFixed(3)}${v.earlierClassifications ? ` (${v.earlierClassifications} earlier)` : ''}`);
    if (c.evidence.length) out.push(`    why: ${quote(c.evidence)}`);
    if (!c.topics.length) out.push('    topics: none');
    for (const t of c.topics) out.push(`    topic ${t.id} ${t.score.toFixed(3)}: ${quote(t.evidence)}`);
  }
  if (!v.measures.length) out.push('  measures: none');
  else out.push('  measures:');
  for (const m of v.measures) out.push(`    ${m.id} (${m.relation}, ${m.score.toFixed(3)}) ${m.title}: ${quote(m.evidence)}`);
  return `${out.join('\n')}\n`;
}

function ordinalArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`--version: expected a version number (1 = first seen), got "${value}"`);
  return n;
}

export function registerShowCommand(program: Command): void {
  // `show --version N` (DESIGN.md) must reach the subcommand: without positional options the
  // root's -V/--version would take it wherever it stands. The root's options then go before the
  // command name (`silkwatch --version` works as before).
  program.enablePositionalOptions();
  program
    .command('show')
    .description('a document, its versions, classification and measure links with evidence; --raw writes the exact bytes fetched')
    .argument('<document>', 'a document id or URL')
    .option('--version <n>', 'the version to show (1 = first seen; default the latest)', ordinalArg)
    .option('--raw <file>', 'write the exact bytes fetched for that version to this file (verified against its SHA-256)')
    .option('--json', 'print JSON: { document, versions, version }')
    .action(async (ref: string, opts: { version?: number; raw?: string; json?: boolean }) => {
      const { config, log } = context();
      await prepareDatabase(config, log);
      const db = createDb(config.DATABASE_URL, 2);
      try {
        const show = await loadShow(db, ref, opts.version);
        if (opts.raw) {
          if (!show.version) throw new UsageError(`document ${show.document.id} has no versions: no raw bytes to write`);
          const bytes = await rawBytes(db, show.version.rawSha256);
          await writeAtomically(opts.raw, bytes);
          process.stderr.write(`wrote ${bytes.length} bytes of version #${show.version.version} (sha256 ${show.version.rawSha256}) to ${opts.raw}\n`);
        }
        process.stdout.write(opts.json ? `${JSON.stringify(show, null, 2)}\n` : formatShow(show));
      } finally {
        await db.$disconnect();
      }
    });
}
