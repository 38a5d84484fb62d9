// Storing fetched articles, many at a time: one transaction per batch upserts the documents
// (natural key: canonical URL), keeps the raw bytes content-addressed and gzipped, and adds a
// DocumentVersion only when the content hash is new for that document (natural key:
// document + content hash). Per-page upserts cap out near 250 pages/s; batches do not.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Extracted } from '../crawlers/extract.js';
import { Prisma, type Db } from './client.js';

export interface FetchedArticle {
  sourceId: string;
  canonicalUrl: string;
  etag: string | null;
  lastModified: string | null;
  raw: Buffer;
  contentType: string | null;
  extracted: Extracted & { title: string };
  extractorVersion: number;
  fetchedAt: Date;
}

export interface StoredArticle {
  documentId: number;
  versionId: number;
  ordinal: number;
  /** A new DocumentVersion was made by this write. */
  created: boolean;
  /** The version has no classification yet (new, or a previous attempt stopped before classify). */
  needsClassification: boolean;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The hash of what a reader sees (normalised text and metadata), not of the raw HTML. */
export function contentHash(e: Pick<Extracted, 'title' | 'text' | 'published' | 'docNumber' | 'attachments'>): string {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  return sha256(JSON.stringify([norm(e.title), norm(e.text), e.published, norm(e.docNumber), [...e.attachments].sort()]));
}

const json = (value: unknown) => JSON.stringify(value);

export async function storeArticles(db: Db, input: FetchedArticle[]): Promise<StoredArticle[]> {
  // The same URL twice in one batch: the later fetch wins, both callers get its result.
  const byUrl = new Map(input.map((a) => [a.canonicalUrl, a]));
  const articles = [...byUrl.values()];
  const hashes = new Map(articles.map((a) => [a.canonicalUrl, contentHash(a.extracted)]));
  const raws = new Map(articles.map((a) => [a.canonicalUrl, sha256(a.raw)]));

  const rows = await db.$transaction(async (tx) => {
    const docs = await tx.$queryRaw<{ id: number; canonicalUrl: string }[]>`
      INSERT INTO "Document" ("canonicalUrl", "sourceId", "lastCheckedAt", "etag", "lastModified", "status")
      VALUES ${Prisma.join(articles.map((a) => Prisma.sql`(${a.canonicalUrl}, ${a.sourceId}, ${a.fetchedAt}, ${a.etag}, ${a.lastModified}, 'live'::"DocumentStatus")`))}
      ON CONFLICT ("canonicalUrl") DO UPDATE SET "lastCheckedAt" = EXCLUDED."lastCheckedAt", "etag" = EXCLUDED."etag",
        "lastModified" = EXCLUDED."lastModified", "status" = 'live'::"DocumentStatus", "missingCount" = 0
      RETURNING "id", "canonicalUrl"`;
    const docIds = new Map(docs.map((d) => [d.canonicalUrl, d.id]));
    await tx.$executeRaw`UPDATE "Document" SET "clusterId" = "id" WHERE "clusterId" IS NULL AND "id" IN (${Prisma.join(docs.map((d) => d.id))})`;

    const inserted = await tx.$queryRaw<{ id: number; documentId: number; ordinal: number }[]>`
      INSERT INTO "DocumentVersion" ("documentId", "ordinal", "contentHash", "title", "published", "body", "lang", "issuer",
        "docNumber", "attachments", "fetchedAt", "rawSha256", "extractorVersion")
      SELECT v.doc, COALESCE((SELECT max(dv."ordinal") FROM "DocumentVersion" dv WHERE dv."documentId" = v.doc), 0) + 1,
        v.hash, v.title, v.published, v.body, v.lang, v.issuer, v.docnum, v.attachments, v.fetched, v.raw, v.ev
      FROM (VALUES ${Prisma.join(
        articles.map((a) => {
          const e = a.extracted;
          return Prisma.sql`(${docIds.get(a.canonicalUrl)}::int, ${hashes.get(a.canonicalUrl)}, ${e.title}, ${e.published}::date, ${e.text},
            ${e.lang}, ${e.issuer}, ${e.docNumber}, ${json(e.attachments)}::jsonb, ${a.fetchedAt}::timestamp, ${raws.get(a.canonicalUrl)}, ${a.extractorVersion}::int)`;
        }),
      )}) AS v(doc, hash, title, published, body, lang, issuer, docnum, attachments, fetched, raw, ev)
      ON CONFLICT ("documentId", "contentHash") DO NOTHING
      RETURNING "id", "documentId", "ordinal"`;
    // Raw bytes are kept for the versions they produced (content-addressed, so a page fetched
    // again unchanged adds nothing); a 200 that made no version stores no snapshot.
    const changedDocs = new Set(inserted.map((r) => r.documentId));
    const snapshots = new Map(articles.filter((a) => changedDocs.has(docIds.get(a.canonicalUrl)!)).map((a) => [raws.get(a.canonicalUrl)!, a]));
    if (snapshots.size) {
      await tx.$executeRaw`
        INSERT INTO "RawSnapshot" ("sha256", "gzip", "size", "contentType")
        VALUES ${Prisma.join([...snapshots].map(([sha, a]) => Prisma.sql`(${sha}, ${gzipSync(a.raw)}, ${a.raw.length}, ${a.contentType})`))}
        ON CONFLICT ("sha256") DO NOTHING`;
    }
    if (inserted.length) {
      await tx.$executeRaw`
        UPDATE "Document" d SET "currentVersionId" = v.id
        FROM (VALUES ${Prisma.join(inserted.map((r) => Prisma.sql`(${r.id}::int, ${r.documentId}::int)`))}) AS v(id, doc)
        WHERE d."id" = v.doc`;
    }
    const createdIds = new Set(inserted.map((r) => r.id));
    const versions = await tx.$queryRaw<{ id: number; documentId: number; ordinal: number; classified: boolean }[]>`
      SELECT dv."id", dv."documentId", dv."ordinal",
        EXISTS (SELECT 1 FROM "Classification" c WHERE c."versionId" = dv."id") AS classified
      FROM "DocumentVersion" dv
      JOIN (VALUES ${Prisma.join(articles.map((a) => Prisma.sql`(${docIds.get(a.canonicalUrl)}::int, ${hashes.get(a.canonicalUrl)})`))}) AS v(doc, hash)
        ON dv."documentId" = v.doc AND dv."contentHash" = v.hash`;
    return { docIds, versions, createdIds };
  });

  const versionByDoc = new Map(rows.versions.map((v) => [v.documentId, v]));
  return input.map((a) => {
    const documentId = rows.docIds.get(a.canonicalUrl)!;
    const v = versionByDoc.get(documentId)!;
    return { documentId, versionId: v.id, ordinal: v.ordinal, created: rows.createdIds.has(v.id), needsClassification: !v.classified };
  });
}
