// classify(versionId): judge one document version — relevance, topics, links to catalog
// measures, each with verbatim evidence — store the judgement, let the measures a new policy
// lists join the catalog, and raise the policy event it warrants (one per cluster):
//   NEW (cause new)            a relevant first sighting of a policy;
//   UPDATED (cause supersedes) a relevant first sighting that updates a known policy or measure;
//   UPDATED (cause amended)    a relevant document whose content changed.
// A new extractor re-baselines silently, and a source's first `baseline` crawl raises events only
// for the last 7 days.
import { UnrecoverableError } from 'bullmq';
import { CLASSIFIER_VERSION, classify, type Judgement } from '../classifier/classify.js';
import type { Knowledge } from '../classifier/knowledge.js';
import { listedMeasures, listedSuccessors } from '../classifier/classify.js';
import { assessNewVersion } from '../changes/diff.js';
import { assignCluster, CLUSTER_LOCK, joinEditionCluster, joinNewerEditionCluster } from '../db/clusters.js';
import { dateOnly } from '../db/dates.js';
import type { DocumentVersion } from '../db/client.js';
import type { Payload } from '../queues/registry.js';
import type { Deps } from './deps.js';

export const BASELINE_RECENT_DAYS = 7;

type Raised = { kind: 'NEW' | 'UPDATED'; cause: 'new' | 'supersedes' | 'amended'; changes?: object };

export async function processClassify(payload: Payload<'classify'>, deps: Deps) {
  const version = await deps.db.documentVersion.findUnique({ where: { id: payload.versionId } });
  if (!version) throw new UnrecoverableError(`version ${payload.versionId} does not exist`);
  const document = await deps.db.document.findUniqueOrThrow({ where: { id: version.documentId }, include: { source: true } });
  // Every version gets its fingerprint, relevant or not, so later copies find it.
  await assignCluster(deps.db, version.id);

  const knowledge = await deps.knowledge.get(deps.db);
  const input = {
    id: version.id,
    title: version.title,
    text: version.body,
    url: document.canonicalUrl,
    lang: version.lang as 'en' | 'zh',
    published: version.published ? dateOnly(version.published) : null,
    issuer: version.issuer,
    docNumber: version.docNumber,
    source: document.sourceId,
  };
  const judgement = classify(input, knowledge, { threshold: deps.config.CLASSIFY_THRESHOLD });
  await storeJudgement(deps, version.id, judgement);
  if (!judgement.relevant) return { relevant: false, score: judgement.score };
  // A new policy's listed measures join the catalog; a copy (announces) or another report of a
  // catalogued edition (editionOf: the Chinese release of the English-catalogued priorities) lists
  // the catalog's own — unless it is also a newer edition of some policy (updates).
  const relations = new Set(judgement.measures.map((m) => m.relation));
  const newPolicy = !relations.has('announces') && (relations.has('updates') || !judgement.editionOf.length);
  if (version.ordinal === 1 && newPolicy) {
    await addListedMeasures(deps, version, document.canonicalUrl, document.source.region, input, judgement, knowledge);
  }
  // A report of an edition the pipeline already holds (the Chinese release of an English plan)
  // joins that edition's cluster, so the policy raises one event. Only a report of one policy: a
  // page of several (a seed of three plans, a headline naming a plan and its district's plan) is
  // no edition of any one; a newer edition is a policy of its own.
  if (!relations.has('updates')) {
    const entries = [...new Set([...judgement.measures.filter((m) => m.relation === 'announces').map((m) => m.id), ...judgement.editionOf])];
    const indexes = entries.flatMap((id) => knowledge.byId.get(id) ?? []);
    const policies = new Set(indexes.map((m) => knowledge.measures[m].policy));
    if (policies.size === 1) {
      const policy = knowledge.policies[[...policies][0]].measures.map((m) => knowledge.measures[m].m.id);
      await joinEditionCluster(deps.db, version.id, { entries, policy, classifierVersion: CLASSIFIER_VERSION });
    }
  } else {
    // Another outlet's report of a newer edition already held joins that report's cluster: both
    // update the same policy (its lead entry, not only one of its items).
    const updated = judgement.measures.filter((m) => m.relation === 'updates' && knowledge.byId.has(m.id) && knowledge.measures[knowledge.byId.get(m.id)!].m.parent === null).map((m) => m.id);
    await joinNewerEditionCluster(deps.db, version.id, { updated, title: version.title, published: version.published, classifierVersion: CLASSIFIER_VERSION });
  }

  const event = await decideEvent(deps, version, judgement, payload.baseline);
  if (!event) return { relevant: true, score: judgement.score, event: null };
  // One event per cluster and cause: a syndicated copy or another report of a policy already
  // announced raises nothing (the digest lists every URL of the cluster).
  const stored = await deps.db.$transaction(async (tx) => {
    // The clustering lock: a copy classified at the same moment may have merged clusters since
    // assignCluster returned, so the cluster is read again under it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLUSTER_LOCK}::int, 0)`;
    const { clusterId: current } = await tx.document.findUniqueOrThrow({ where: { id: version.documentId }, select: { clusterId: true } });
    const clusterId = current ?? version.documentId;
    if (event.cause !== 'amended') {
      const announced = await tx.policyEvent.findFirst({ where: { clusterId, cause: event.cause, NOT: { versionId: version.id } } });
      if (announced) return { event: announced, copy: true };
    }
    const raised = await tx.policyEvent.upsert({
      where: { versionId_kind_cause: { versionId: version.id, kind: event.kind, cause: event.cause } },
      create: { ...event, clusterId, documentId: version.documentId, versionId: version.id, score: judgement.score },
      update: {},
    });
    return { event: raised, copy: false };
  });
  if (stored.copy) {
    // The cluster's event reaches the subscriptions this copy alone matches (its source, region or
    // language); those it reached already are not sent it again.
    await deps.producer.enqueue('alert', { eventId: stored.event.id, member: version.documentId });
    return { relevant: true, score: judgement.score, event: null, syndicatedCopy: true };
  }
  await deps.producer.enqueue('alert', { eventId: stored.event.id });
  return { relevant: true, score: judgement.score, event: stored.event.id };
}

/** The classification and its measure links, replaced as a whole (a retried job writes the same). */
async function storeJudgement(deps: Deps, versionId: number, j: Judgement) {
  const fields = { relevant: j.relevant, score: j.score, topics: j.topics, evidence: j.evidence, editionOf: j.editionOf };
  await deps.db.$transaction([
    deps.db.classification.upsert({
      where: { versionId_classifierVersion: { versionId, classifierVersion: CLASSIFIER_VERSION } },
      create: { versionId, classifierVersion: CLASSIFIER_VERSION, ...fields },
      update: fields,
    }),
    deps.db.measureLink.deleteMany({ where: { versionId } }),
    deps.db.measureLink.createMany({
      data: j.measures.map((m) => ({ versionId, measureId: m.id, relation: m.relation, score: m.score, evidence: m.evidence })),
      skipDuplicates: true,
    }),
  ]);
}

/** The measures a new policy lists join the catalog (origin crawled), superseding the entries they replace. */
async function addListedMeasures(deps: Deps, version: DocumentVersion, url: string, region: string, input: Parameters<typeof classify>[0], j: Judgement, knowledge: Knowledge) {
  const items = listedMeasures(input);
  if (items.length === 0) return;
  const successors = new Map(listedSuccessors(input, j, knowledge).map((s) => [s.item, s.supersedes]));
  const topics = j.topics.map((t) => t.id);
  const policy = { title: version.title, issuer: version.issuer, region, date: input.published, url, docNumber: version.docNumber };
  await deps.db.measure.createMany({
    data: items.map((item, n) => ({
      id: `crawled-${version.id}-${n + 1}`,
      title: item.title,
      text: item.text,
      policy,
      sectionPath: item.sectionPath,
      topics: topics.length ? topics : ['cooperation-mechanisms'],
      aliases: { en: [], zh: [] },
      origin: 'crawled' as const,
      sourceVersionId: version.id,
      supersedesId: successors.get(n) ?? null,
    })),
    skipDuplicates: true,
  });
}

async function decideEvent(deps: Deps, version: DocumentVersion, j: Judgement, baseline: boolean): Promise<Raised | null> {
  if (version.ordinal === 1) {
    const cutoff = deps.clock().getTime() - BASELINE_RECENT_DAYS * 86_400_000;
    const recent = version.published !== null && version.published.getTime() >= cutoff - 86_400_000;
    if (baseline && !recent) return null;
    const updates = j.measures.filter((m) => m.relation === 'updates');
    if (updates.length) return { kind: 'UPDATED', cause: 'supersedes', changes: { supersedes: updates.map((m) => ({ id: m.id, evidence: m.evidence })) } };
    return { kind: 'NEW', cause: 'new' };
  }
  const previous = await deps.db.documentVersion.findUnique({ where: { documentId_ordinal: { documentId: version.documentId, ordinal: version.ordinal - 1 } } });
  if (!previous) return null;
  // A new extractor re-baselines silently; a cosmetic change is stored and raises nothing.
  const assessment = assessNewVersion(previous, version);
  if (assessment.kind !== 'amended') return null;
  return { kind: 'UPDATED', cause: 'amended', changes: { previousVersionId: previous.id, ...assessment.summary } };
}
