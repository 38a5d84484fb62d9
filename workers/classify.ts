// classify(versionId): judge one document version (relevance, topics, evidence), store the
// classification, and raise the policy event it warrants: NEW for a relevant first sighting,
// UPDATED for a relevant changed version. A new extractor re-baselines silently, and a
// source's first `baseline` crawl raises events only for the last 7 days.
import { UnrecoverableError } from 'bullmq';
import { CLASSIFIER_VERSION, classifyByKeywords } from '../classifier/keyword-rule.js';
import { assignCluster } from '../db/clusters.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export const BASELINE_RECENT_DAYS = 7;

export async function processClassify(payload: Payload<'classify'>, deps: Deps) {
  const version = await deps.db.documentVersion.findUnique({ where: { id: payload.versionId } });
  if (!version) throw new UnrecoverableError(`version ${payload.versionId} does not exist`);
  // Every version gets its fingerprint, relevant or not, so later copies find it.
  const { clusterId } = await assignCluster(deps.db, version.id);

  const result = classifyByKeywords({ title: version.title, text: version.body }, deps.config.CLASSIFY_THRESHOLD, deps.topics);
  await deps.db.classification.upsert({
    where: { versionId_classifierVersion: { versionId: version.id, classifierVersion: CLASSIFIER_VERSION } },
    create: { versionId: version.id, classifierVersion: CLASSIFIER_VERSION, relevant: result.relevant, score: result.score, topics: result.topics, evidence: result.evidence },
    update: { relevant: result.relevant, score: result.score, topics: result.topics, evidence: result.evidence },
  });
  if (!result.relevant) return { relevant: false, score: result.score };

  let event: { kind: 'NEW' | 'UPDATED'; cause: 'new' | 'amended'; changes?: object } | null = null;
  if (version.ordinal === 1) {
    const cutoff = deps.clock().getTime() - BASELINE_RECENT_DAYS * 86_400_000;
    const recent = version.published !== null && version.published.getTime() >= cutoff - 86_400_000;
    if (!payload.baseline || recent) event = { kind: 'NEW', cause: 'new' };
  } else {
    const previous = await deps.db.documentVersion.findUnique({ where: { documentId_ordinal: { documentId: version.documentId, ordinal: version.ordinal - 1 } } });
    if (previous && previous.extractorVersion === version.extractorVersion) {
      event = { kind: 'UPDATED', cause: 'amended', changes: { previousVersionId: previous.id, previousTitle: previous.title } };
    }
  }
  if (!event) return { relevant: true, score: result.score, event: null };

  const raised = event;
  // One NEW event per cluster: a syndicated copy of an article already announced raises nothing
  // (the digest lists every URL of the cluster).
  const stored = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7313, ${clusterId}::int)`;
    if (raised.kind === 'NEW') {
      const announced = await tx.policyEvent.findFirst({ where: { clusterId, kind: 'NEW', NOT: { versionId: version.id } } });
      if (announced) return null;
    }
    return tx.policyEvent.upsert({
      where: { versionId_kind: { versionId: version.id, kind: raised.kind } },
      create: { ...raised, clusterId, documentId: version.documentId, versionId: version.id, score: result.score },
      update: {},
    });
  });
  if (!stored) return { relevant: true, score: result.score, event: null, syndicatedCopyOf: clusterId };
  await deps.producer.enqueue('alert', { eventId: stored.id });
  return { relevant: true, score: result.score, event: stored.id };
}
