// Syndication clusters: a document version's SimHash is stored with its bands, and the document
// joins the cluster of any other document whose current version is within MAX_DISTANCE bits.
// One transaction-scoped advisory lock serialises clustering, so two copies classified at the
// same moment still end in one cluster.
import { documentKinds, headlineYear } from '../classifier/classify.js';
import { yearOf } from '../classifier/knowledge.js';
import { bands, hamming, MAX_DISTANCE, simhash } from '../classifier/simhash.js';
import { Prisma, type Db } from './client.js';

export const CLUSTER_LOCK = 7312;

export async function assignCluster(db: Db, versionId: number): Promise<{ clusterId: number; joined: number[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLUSTER_LOCK}::int, 0)`;
    const version = await tx.documentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { documentId: true, body: true } });
    const document = await tx.document.findUniqueOrThrow({ where: { id: version.documentId }, select: { id: true, clusterId: true } });
    const own = document.clusterId ?? document.id;
    const fingerprint = simhash(version.body);
    if (fingerprint === null) return { clusterId: own, joined: [] };
    const bandList = bands(fingerprint);
    await tx.documentVersion.update({ where: { id: versionId }, data: { simhash: fingerprint, simhashBands: bandList } });

    const candidates = await tx.$queryRaw<{ documentId: number; clusterId: number | null; simhash: bigint }[]>`
      SELECT dv."documentId", d."clusterId", dv."simhash"
      FROM "DocumentVersion" dv JOIN "Document" d ON d."id" = dv."documentId" AND d."currentVersionId" = dv."id"
      WHERE dv."simhashBands" && ${bandList}::int[] AND dv."documentId" <> ${document.id}`;
    const near = candidates.filter((c) => hamming(BigInt(c.simhash), fingerprint) <= MAX_DISTANCE);
    if (near.length === 0) return { clusterId: own, joined: [] };
    return { clusterId: await merge(tx, document.id, own, near), joined: near.map((c) => c.documentId) };
  });
}

/**
 * A report of a policy edition the pipeline already holds joins that edition's cluster, so the
 * policy raises one event, not one per language or outlet: the Chinese release of the
 * English-catalogued 2024 priorities, a press report whose headline names the plan. `entries` are
 * the catalog entries of one policy that the version announces or reports the same edition of (the
 * judgement's `announces` links and `editionOf`), `policy` every entry of that policy. Another
 * document belongs to the edition when its current version, under `classifierVersion`, announces
 * or reports the edition of one of `entries`, announces or reports no other policy's edition and
 * updates nothing (the test the joining page passed), or is the crawled page one was listed in.
 * A seed page of several policies is no edition of any one of them. Two clusters that have both
 * raised a policy event are left apart: merging would put two NEW events in one.
 */
export async function joinEditionCluster(
  db: Db,
  versionId: number,
  edition: { entries: string[]; policy: string[]; classifierVersion: string },
): Promise<{ clusterId: number; joined: number[] }> {
  const { entries, policy, classifierVersion } = edition;
  if (entries.length === 0) return ownCluster(db, versionId);
  return joinClusters(db, versionId, (tx, documentId) => tx.$queryRaw<Member[]>`
      SELECT d."id" AS "documentId", d."clusterId"
      FROM "Document" d
      WHERE d."id" <> ${documentId} AND d."currentVersionId" IS NOT NULL AND (
        (EXISTS (SELECT 1 FROM "Classification" c WHERE c."versionId" = d."currentVersionId" AND c."classifierVersion" = ${classifierVersion} AND c."relevant"
                 AND c."editionOf" <@ ${policy}::text[]
                 AND (c."editionOf" && ${entries}::text[]
                      OR EXISTS (SELECT 1 FROM "MeasureLink" l WHERE l."versionId" = c."versionId" AND l."relation" = 'announces' AND l."measureId" = ANY(${entries}::text[]))))
         AND NOT EXISTS (SELECT 1 FROM "MeasureLink" l WHERE l."versionId" = d."currentVersionId"
                         AND (l."relation" = 'updates' OR (l."relation" = 'announces' AND NOT (l."measureId" = ANY(${policy}::text[]))))))
        OR EXISTS (SELECT 1 FROM "Measure" m WHERE m."sourceVersionId" = d."currentVersionId" AND m."id" = ANY(${entries}::text[])))`);
}

/**
 * A newer edition of a known policy raises one event too, however many outlets report it: the
 * city's Chinese release of its 2025 priorities and the English press report of them both update
 * the 2024 priorities. `updated` are the catalog policies' lead entries the version updates (the
 * policy itself, not one of its items), `title` and `published` its own. Another document belongs to
 * the edition when its current version, under `classifierVersion`, is relevant, updates one of
 * `updated`, is of the same edition year (editionYear: the year its headline gives the document, else its
 * publication year) and, where both headlines name the kind of document (priorities = 重点工作,
 * action plan, opinions …), of the same kind; a newer edition of another year (2026's) is a policy of
 * its own. As in joinEditionCluster, two clusters that have both raised a policy event are left apart.
 */
export async function joinNewerEditionCluster(
  db: Db,
  versionId: number,
  edition: { updated: string[]; title: string; published: Date | null; classifierVersion: string },
): Promise<{ clusterId: number; joined: number[] }> {
  const { updated, classifierVersion } = edition;
  const year = editionYear(edition.title, edition.published);
  const kinds = documentKinds(edition.title);
  if (updated.length === 0 || year === null) return ownCluster(db, versionId);
  const sameKind = (title: string) => {
    const theirs = documentKinds(title);
    return !kinds.length || !theirs.length || theirs.some((k) => kinds.includes(k));
  };
  return joinClusters(db, versionId, async (tx, documentId) => {
    const rows = await tx.$queryRaw<(Member & { title: string; published: Date | null })[]>`
      SELECT d."id" AS "documentId", d."clusterId", v."title", v."published"
      FROM "Document" d
      JOIN "DocumentVersion" v ON v."id" = d."currentVersionId"
      JOIN "Classification" c ON c."versionId" = v."id" AND c."classifierVersion" = ${classifierVersion} AND c."relevant"
      WHERE d."id" <> ${documentId}
        AND EXISTS (SELECT 1 FROM "MeasureLink" l WHERE l."versionId" = v."id" AND l."relation" = 'updates' AND l."measureId" = ANY(${updated}::text[]))`;
    return rows.filter((r) => editionYear(r.title, r.published) === year && sameKind(r.title));
  });
}

type Member = { documentId: number; clusterId: number | null };

/** With nothing to look for, the document stays where it is: its cluster, read without the lock. */
async function ownCluster(db: Db, versionId: number): Promise<{ clusterId: number; joined: number[] }> {
  const { document } = await db.documentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { document: { select: { id: true, clusterId: true } } } });
  return { clusterId: document.clusterId ?? document.id, joined: [] };
}

/** Under the clustering lock, the version's document joins the clusters of the documents `find`
 *  returns, unless two of the clusters (its own among them) have each raised a first-sighting event. */
async function joinClusters(db: Db, versionId: number, find: (tx: Prisma.TransactionClient, documentId: number) => Promise<Member[]>): Promise<{ clusterId: number; joined: number[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLUSTER_LOCK}::int, 0)`;
    const { documentId } = await tx.documentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { documentId: true } });
    const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, clusterId: true } });
    const own = document.clusterId ?? document.id;
    const outside = (await find(tx, document.id)).filter((c) => (c.clusterId ?? c.documentId) !== own);
    if (outside.length === 0) return { clusterId: own, joined: [] };
    const clusters = [...new Set([own, ...outside.map((c) => c.clusterId ?? c.documentId)])];
    const evented = await tx.policyEvent.findMany({ where: { clusterId: { in: clusters }, cause: { in: ['new', 'supersedes'] } }, distinct: ['clusterId'], select: { clusterId: true } });
    if (evented.length > 1) return { clusterId: own, joined: [] };
    return { clusterId: await merge(tx, document.id, own, outside), joined: outside.map((c) => c.documentId) };
  });
}

/** The year of the edition a page reports: the year its headline gives the document (headlineYear:
 *  "Shanghai reviews 2025 work, sets 2026 priorities" is 2026's, 上海明确2025年…重点工作 到2027年… 2025's),
 *  else its publication year. */
export function editionYear(title: string, published: Date | string | null): number | null {
  return headlineYear(title) ?? (published === null ? null : typeof published === 'string' ? yearOf(published) : published.getUTCFullYear());
}

/** The oldest cluster wins; clusters the document bridges are merged into it, with their events. */
async function merge(tx: Prisma.TransactionClient, documentId: number, own: number, others: { documentId: number; clusterId: number | null }[]): Promise<number> {
  const clusterIds = [...new Set([own, ...others.map((c) => c.clusterId ?? c.documentId)])].sort((a, b) => a - b);
  const target = clusterIds[0];
  await tx.$executeRaw`UPDATE "Document" SET "clusterId" = ${target} WHERE "clusterId" IN (${Prisma.join(clusterIds)}) OR "id" IN (${Prisma.join([documentId, ...others.map((c) => c.documentId)])})`;
  await tx.$executeRaw`UPDATE "PolicyEvent" SET "clusterId" = ${target} WHERE "clusterId" IN (${Prisma.join(clusterIds)})`;
  return target;
}
