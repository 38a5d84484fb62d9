// Syndication clusters: a document version's SimHash is stored with its bands, and the document
// joins the cluster of any other document whose current version is within MAX_DISTANCE bits.
// One transaction-scoped advisory lock serialises clustering, so two copies classified at the
// same moment still end in one cluster.
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
    // The oldest cluster wins; clusters this copy bridges are merged into it.
    const clusterIds = [...new Set([own, ...near.map((c) => c.clusterId ?? c.documentId)])].sort((a, b) => a - b);
    const target = clusterIds[0];
    await tx.$executeRaw`UPDATE "Document" SET "clusterId" = ${target} WHERE "clusterId" IN (${Prisma.join(clusterIds)}) OR "id" = ${document.id}`;
    await tx.$executeRaw`UPDATE "PolicyEvent" SET "clusterId" = ${target} WHERE "clusterId" IN (${Prisma.join(clusterIds)})`;
    return { clusterId: target, joined: near.map((c) => c.documentId) };
  });
}
