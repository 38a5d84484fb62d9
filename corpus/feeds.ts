// Atom 1.0 feeds (RFC 4287) of policy events: the latest 50 NEW and UPDATED events of a topic
// (the topics of the event version's latest classification) or of a source, served by
// http/server.ts at /feeds/topic/<id>.xml and /feeds/source/<id>.xml.
//
// Ids are tag: URIs (RFC 4151) under the host of PUBLIC_BASE_URL, stable per deployment:
// tag:<host>,2024:silkwatch/topic/<id> for a feed, tag:<host>,2024:silkwatch/event/<id> for an
// entry (one entry per event: an amended document shows up again as a new entry). Everything that
// comes from crawled pages (titles, URLs, issuers, change summaries) is XML-escaped, and the
// characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) and
// the C1 controls are removed first. Links to articles are only emitted for http(s) URLs.
import { renderChangeSummary, type ChangeSummary } from '../changes/diff.js';
import type { Db } from '../db/client.js';
import { TOPIC_IDS } from '../seeds/schema.js';

export const FEED_LIMIT = 50;
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export type FeedKind = 'topic' | 'source';

/** Text safe in XML 1.0 character data and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const httpUrl = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

interface EventRow {
  id: number;
  kind: 'NEW' | 'UPDATED';
  cause: string;
  createdAt: Date;
  changes: unknown;
  url: string;
  sourceId: string;
  sourceName: string;
  title: string;
  published: Date | null;
  lang: string;
  topics: unknown;
}

export interface Feed {
  kind: FeedKind;
  id: string;
  title: string;
  events: EventRow[];
}

/** The feed's data, or null when the topic or source id is unknown (→ 404). */
export async function loadFeed(db: Db, kind: FeedKind, id: string): Promise<Feed | null> {
  let title: string;
  if (kind === 'topic') {
    if (!(TOPIC_IDS as readonly string[]).includes(id)) return null;
    const topic = await db.topic.findUnique({ where: { id }, select: { nameEn: true, nameZh: true } });
    title = `silkwatch: ${topic ? `${topic.nameEn} (${topic.nameZh})` : id}`;
  } else {
    const source = await db.source.findUnique({ where: { id }, select: { name: true } });
    if (!source) return null;
    title = `silkwatch: ${source.name}`;
  }
  const filter =
    kind === 'topic'
      ? `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(lc."topics") = 'array' THEN lc."topics" ELSE '[]'::jsonb END) t WHERE t->>'id' = $1)`
      : `d."sourceId" = $1`;
  // $queryRawUnsafe with a fixed SQL text: only `filter` varies, and it is one of two constants.
  const events = await db.$queryRawUnsafe<EventRow[]>(
    `SELECT e."id", e."kind"::text AS "kind", e."cause"::text AS "cause", e."createdAt", e."changes", d."canonicalUrl" AS "url",
       d."sourceId", s."name" AS "sourceName", v."title", v."published", v."lang", lc."topics"
     FROM "PolicyEvent" e
     JOIN "Document" d ON d."id" = e."documentId"
     JOIN "Source" s ON s."id" = d."sourceId"
     JOIN "DocumentVersion" v ON v."id" = e."versionId"
     LEFT JOIN LATERAL (SELECT c."topics" FROM "Classification" c WHERE c."versionId" = e."versionId" ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 1) lc ON true
     WHERE e."kind" IN ('NEW', 'UPDATED') AND ${filter}
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${FEED_LIMIT}`,
    id,
  );
  return { kind, id, title, events };
}

const topicIds = (topics: unknown): string[] =>
  Array.isArray(topics) ? (topics as { id?: unknown }[]).map((t) => String(t?.id ?? '')).filter(Boolean) : [];

function describe(e: EventRow): string {
  const lines = [`${e.kind} (${e.cause}) — ${e.sourceName} [${e.sourceId}], ${e.lang}, published ${e.published ? e.published.toISOString().slice(0, 10) : 'undated'}`];
  const topics = topicIds(e.topics);
  if (topics.length) lines.push(`Topics: ${topics.join(', ')}`);
  const changes = e.changes as Record<string, unknown> | null;
  if (e.cause === 'amended' && changes && Array.isArray(changes.reasons)) {
    lines.push('What changed:', renderChangeSummary(changes as unknown as ChangeSummary, { maxItems: 5 }));
  } else if (e.cause === 'supersedes' && changes && Array.isArray(changes.supersedes)) {
    lines.push(`Supersedes: ${(changes.supersedes as { id?: unknown }[]).map((m) => String(m?.id ?? '')).join(', ')}`);
  } else if (e.cause === 'withdrawn') {
    lines.push(`Withdrawn: the page is no longer published (${String(changes?.reason ?? 'gone')}).`);
  }
  return lines.join('\n');
}

/** The Atom document. `baseUrl` is PUBLIC_BASE_URL; `now` dates an empty feed. */
export function renderAtom(feed: Feed, baseUrl: string, now: Date = new Date()): string {
  const base = new URL(baseUrl);
  const host = base.hostname || 'localhost';
  const tag = (path: string) => `tag:${host},2024:silkwatch/${path}`;
  const self = new URL(`feeds/${feed.kind}/${encodeURIComponent(feed.id)}.xml`, base.href.endsWith('/') ? base.href : `${base.href}/`).href;
  const updated = (feed.events[0]?.createdAt ?? now).toISOString();
  const x = xmlEscape;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push('<feed xmlns="http://www.w3.org/2005/Atom">');
  out.push(`  <id>${x(tag(`${feed.kind}/${feed.id}`))}</id>`);
  out.push(`  <title type="text">${x(feed.title)}</title>`);
  out.push(`  <subtitle type="text">${x(`The latest ${FEED_LIMIT} new and updated Belt and Road policies (${feed.kind} ${feed.id})`)}</subtitle>`);
  out.push(`  <updated>${updated}</updated>`);
  out.push(`  <link rel="self" type="application/atom+xml" href="${x(self)}"/>`);
  out.push(`  <link rel="alternate" type="text/html" href="${x(base.href)}"/>`);
  out.push(`  <author><name>silkwatch</name><uri>${x(base.href)}</uri></author>`);
  out.push('  <generator>silkwatch</generator>');
  for (const e of feed.events) {
    const published = e.published && e.published.getTime() <= e.createdAt.getTime() ? e.published : e.createdAt;
    const link = httpUrl(e.url) ?? base.href;
    out.push('  <entry>');
    out.push(`    <id>${x(tag(`event/${e.id}`))}</id>`);
    out.push(`    <title type="text">${x(`${e.kind === 'UPDATED' ? 'Updated: ' : ''}${e.title.replace(/\s+/g, ' ').trim() || '(untitled)'}`)}</title>`);
    out.push(`    <updated>${e.createdAt.toISOString()}</updated>`);
    out.push(`    <published>${published.toISOString()}</published>`);
    out.push(`    <link rel="alternate" type="text/html" href="${x(link)}"/>`);
    out.push(`    <category term="${x(e.kind)}" label="${x(`${e.kind} (${e.cause})`)}"/>`);
    for (const t of topicIds(e.topics)) out.push(`    <category term="${x(t)}" scheme="${x(tag('topics'))}"/>`);
    out.push(`    <summary type="text">${x(describe(e))}</summary>`);
    out.push('  </entry>');
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}

/** `/feeds/topic/<id>.xml` or `/feeds/source/<id>.xml` → which feed; null for any other path. */
export function parseFeedPath(pathname: string): { kind: FeedKind; id: string } | null {
  const m = pathname.match(/^\/feeds\/(topic|source)\/([^/]+)\.xml$/);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return { kind: m[1] as FeedKind, id };
}
