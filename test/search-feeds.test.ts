// Search (corpus/search.ts) and Atom feeds (corpus/feeds.ts via http/server.ts) on a real
// PostgreSQL database with English and Chinese documents. Feeds are parsed as XML and validated
// against RFC 4287's RELAX NG schema (test/atom.rng) with xmllint, which must be installed
// (Debian: apt-get install -y libxml2-utils): without it the feed tests fail, they do not skip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import { hitsJson, MARK_END, MARK_START, renderMarked, search } from '../corpus/search.js';
import { createDb, type Db } from '../db/client.js';
import { startHttp } from '../http/server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Db;
let server: Server;
let base: string;
const ids: Record<string, { doc: number; version: number }> = {};

const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} discusses municipal administration and budgets in general terms.`).join(' ');
const zhFiller = '会议还研究了其他事项，强调要做好年度各项工作，确保任务落到实处。'.repeat(5);

async function doc(key: string, o: { source: string; url: string; title: string; body: string; lang: string; published: string; topics: string[]; old?: { title: string; body: string } }) {
  const d = await db.document.create({ data: { canonicalUrl: o.url, sourceId: o.source } });
  let ordinal = 1;
  if (o.old) {
    await db.documentVersion.create({ data: { documentId: d.id, ordinal: ordinal++, contentHash: `${key}-old`, title: o.old.title, body: o.old.body, lang: o.lang, published: new Date(o.published), rawSha256: 'x', extractorVersion: 1 } });
  }
  const v = await db.documentVersion.create({ data: { documentId: d.id, ordinal, contentHash: key, title: o.title, body: o.body, lang: o.lang, published: new Date(o.published), rawSha256: 'x', extractorVersion: 1 } });
  await db.document.update({ where: { id: d.id }, data: { currentVersionId: v.id, clusterId: d.id } });
  await db.classification.create({ data: { versionId: v.id, classifierVersion: 'test', relevant: true, score: 0.9, topics: o.topics.map((id) => ({ id, score: 0.8, evidence: [] })) } });
  ids[key] = { doc: d.id, version: v.id };
}

beforeAll(async () => {
  database = await createTestDatabase('search');
  db = createDb(database.url, 2);
  const source = (id: string, region: string, lang: string) => ({ id, name: `Source ${id} & <Co>`, region, lang, baseUrl: `https://${id}.example.org/`, config: {} });
  await db.source.createMany({ data: [source('sh-en', 'shanghai', 'en'), source('zj-zh', 'zhejiang', 'zh'), source('empty', 'beijing', 'en')] });
  await db.topic.create({ data: { id: 'connectivity', nameEn: 'Connectivity', nameZh: '互联互通', scope: 'x' } });

  await doc('rail', {
    source: 'sh-en',
    url: 'https://sh-en.example.org/news/rail.html',
    title: 'Shanghai expands China-Europe Railway Express services',
    body: `The city will add new China-Europe Railway Express routes and railway freight hubs to connect Belt and Road markets. ${filler(20)}`,
    lang: 'en',
    published: '2024-04-08',
    topics: ['connectivity', 'trade'],
  });
  await doc('mention', {
    source: 'sh-en',
    url: 'https://sh-en.example.org/news/budget.html',
    title: 'Municipal budget report for 2024',
    body: `${filler(30)} A short note near the end mentions railway maintenance.`,
    lang: 'en',
    published: '2024-05-02',
    topics: ['finance'],
  });
  await doc('amended', {
    source: 'sh-en',
    url: 'https://sh-en.example.org/news/amended.html',
    title: 'Port logistics measures (revised)',
    body: `Revised measures for port logistics and customs clearance. ${filler(5)}`,
    lang: 'en',
    published: '2024-03-01',
    topics: ['trade'],
    old: { title: 'Port logistics measures', body: 'The first version promised a hydrogen zeppelin service.' },
  });
  await doc('zh-rail', {
    source: 'zj-zh',
    url: 'https://zj-zh.example.org/art/2024/4/9/zh-rail.html',
    title: '浙江省推进中欧班列高质量发展实施方案',
    body: `${zhFiller}为深入推进“一带一路”建设，义乌开行的中欧班列持续扩大线路网络，打造国际物流枢纽。${zhFiller}`,
    lang: 'zh',
    published: '2024-04-09',
    topics: ['connectivity'],
  });
  await doc('zh-other', {
    source: 'zj-zh',
    url: 'https://zj-zh.example.org/art/2024/4/1/zh-other.html',
    title: '关于数字经济发展的通知',
    body: `${zhFiller}加快数字贸易发展，提升跨境电商水平。${zhFiller}`,
    lang: 'zh',
    published: '2024-04-01',
    topics: ['digital-economy'],
  });

  // Events: a crawled title carrying markup and an ampersand, a control character, an amended one.
  const hostile = await db.document.create({ data: { canonicalUrl: 'https://sh-en.example.org/news/hostile.html?a=1&b=2', sourceId: 'sh-en' } });
  const hv = await db.documentVersion.create({
    data: { documentId: hostile.id, ordinal: 1, contentHash: 'h', title: 'Trade & <script>alert("x")</script> week\u0001', body: 'Body <b>bold</b> & more', lang: 'en', published: new Date('2024-04-10'), rawSha256: 'x', extractorVersion: 1 },
  });
  await db.document.update({ where: { id: hostile.id }, data: { currentVersionId: hv.id, clusterId: hostile.id } });
  await db.classification.create({ data: { versionId: hv.id, classifierVersion: 'test', relevant: true, score: 0.9, topics: [{ id: 'connectivity', score: 0.9, evidence: ['<script>'] }] } });
  await db.policyEvent.create({ data: { kind: 'NEW', cause: 'new', clusterId: hostile.id, documentId: hostile.id, versionId: hv.id, createdAt: new Date('2024-04-10T02:00:00Z') } });
  await db.policyEvent.create({ data: { kind: 'NEW', cause: 'new', clusterId: ids['zh-rail'].doc, documentId: ids['zh-rail'].doc, versionId: ids['zh-rail'].version, createdAt: new Date('2024-04-09T02:00:00Z') } });
  await db.policyEvent.create({
    data: {
      kind: 'UPDATED',
      cause: 'amended',
      clusterId: ids.amended.doc,
      documentId: ids.amended.doc,
      versionId: ids.amended.version,
      createdAt: new Date('2024-04-11T02:00:00Z'),
      changes: { material: true, reasons: ['text'], added: ['Revised measures for <customs> & clearance.'], removed: [], changed: [], attachments: { added: [], removed: [] }, fields: [], stats: { wordsAdded: 5, wordsRemoved: 0 } },
    },
  });

  server = await startHttp({ port: 0, host: '127.0.0.1', db, redis: {} as Redis, log: createLogger('warn', { pretty: false }), publicBaseUrl: 'https://watch.example.org' });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await db?.$disconnect();
  await database?.drop();
});

describe('search', () => {
  it('finds English words (stemmed), ranks the better match first and highlights the match', async () => {
    const hits = await search(db, 'railways');
    expect(hits.map((h) => h.documentId)).toEqual([ids.rail.doc, ids.mention.doc]);
    expect(hits[0].rank).toBeGreaterThan(hits[1].rank);
    expect(hits[0].snippetMarked).toContain(`${MARK_START}Railway${MARK_END}`);
    expect(renderMarked(hits[0].snippetMarked, 'plain')).toContain('«Railway»');
    expect(renderMarked(hits[0].snippetMarked, 'ansi')).toContain('\x1b[1mRailway\x1b[22m');
    expect(hitsJson(hits)[1].snippet).toContain('<b>railway</b>');
  });

  it('finds Chinese substrings inside longer sentences, in titles and bodies, with a marked snippet', async () => {
    const hits = await search(db, '中欧班列');
    expect(hits.map((h) => h.documentId)).toEqual([ids['zh-rail'].doc]);
    expect(hits[0].snippetMarked).toContain(`${MARK_START}中欧班列${MARK_END}`);
    expect(hits[0].snippetMarked).toContain('义乌开行的');
    expect(hits[0].titleMarked).toContain(`${MARK_START}中欧班列${MARK_END}`);
    expect((await search(db, '物流枢纽')).map((h) => h.documentId)).toEqual([ids['zh-rail'].doc]);
    expect((await search(db, '跨境电商')).map((h) => h.documentId)).toEqual([ids['zh-other'].doc]);
    // Every bigram must be there: 班列 alone matches, 班列电 (a bigram 列电 nowhere) does not.
    expect(await search(db, '班列电商')).toEqual([]);
    expect((await search(db, '枢')).map((h) => h.documentId)).toEqual([ids['zh-rail'].doc]);
    const json = hitsJson(hits)[0];
    expect(json.snippet).toContain('<b>中欧班列</b>');
    expect(json.snippet).toContain('“一带一路”');
  });

  it('mixes English and Chinese, and applies every filter', async () => {
    expect((await search(db, 'railway', { lang: ['zh'] })).length).toBe(0);
    expect((await search(db, 'railway', { topics: ['connectivity'] })).map((h) => h.documentId)).toEqual([ids.rail.doc]);
    expect((await search(db, 'railway', { topics: ['finance'] })).map((h) => h.documentId)).toEqual([ids.mention.doc]);
    expect((await search(db, 'railway', { sources: ['zj-zh'] })).length).toBe(0);
    expect((await search(db, 'railway', { regions: ['shanghai'] })).length).toBe(2);
    expect((await search(db, 'railway', { since: '2024-05-01' })).map((h) => h.documentId)).toEqual([ids.mention.doc]);
    expect((await search(db, 'railway', { until: '2024-04-30' })).map((h) => h.documentId)).toEqual([ids.rail.doc]);
    expect((await search(db, 'railway', { since: '2024-04-08', until: '2024-04-08' })).map((h) => h.documentId)).toEqual([ids.rail.doc]);
    expect((await search(db, '推进', { regions: ['zhejiang'], lang: ['zh'], topics: ['connectivity'] })).map((h) => h.documentId)).toEqual([ids['zh-rail'].doc]);
    expect((await search(db, '推进', { topics: ['trade'] })).length).toBe(0);
  });

  it('filters topics on the latest classification only', async () => {
    const d = await db.document.create({ data: { canonicalUrl: 'https://sh-en.example.org/news/reclassified.html', sourceId: 'sh-en' } });
    const v = await db.documentVersion.create({ data: { documentId: d.id, ordinal: 1, contentHash: 'reclassified', title: 'Quarantine pavilion opens', body: 'The quarantine pavilion serves inspection staff.', lang: 'en', published: new Date('2024-03-01'), rawSha256: 'x', extractorVersion: 1 } });
    await db.document.update({ where: { id: d.id }, data: { currentVersionId: v.id } });
    const found = async (topics: string[]) => (await search(db, 'quarantine pavilion', { topics })).map((h) => h.documentId);
    await db.classification.create({ data: { versionId: v.id, classifierVersion: 'old', relevant: true, score: 0.9, topics: [{ id: 'trade', score: 0.8, evidence: [] }], createdAt: new Date('2024-03-02') } });
    expect(await found(['trade'])).toEqual([d.id]);
    expect(await found(['green', 'trade'])).toEqual([d.id]);
    // a newer classifier moved it to green: trade no longer matches, green does
    await db.classification.create({ data: { versionId: v.id, classifierVersion: 'new', relevant: true, score: 0.9, topics: [{ id: 'green', score: 0.7, evidence: [] }], createdAt: new Date('2024-03-05') } });
    expect(await found(['trade'])).toEqual([]);
    expect(await found(['green'])).toEqual([d.id]);
    expect(await found(['finance', 'green'])).toEqual([d.id]);
    expect((await search(db, 'quarantine pavilion'))[0].topics).toEqual(['green']);
    // topics that are not a list (an old row's shape) match no topic
    await db.classification.create({ data: { versionId: v.id, classifierVersion: 'odd', relevant: true, score: 0.9, topics: { id: 'green' }, createdAt: new Date('2024-03-06') } });
    expect(await found(['green'])).toEqual([]);
  });

  it('searches only the current version of each document', async () => {
    expect(await search(db, 'zeppelin')).toEqual([]);
    expect((await search(db, 'customs clearance')).map((h) => h.documentId)).toEqual([ids.amended.doc]);
  });

  it('finds the same newest matches through the recent windows as through the index alone, for common and rare terms', async () => {
    await db.source.create({ data: { id: 'bulk', name: 'Bulk', region: 'bulk', lang: 'en', baseUrl: 'https://bulk.example.org/', config: {} } });
    for (let i = 0; i < 30; i++) {
      const body = `Sericulture note ${i}: silkworm farms ${i % 7 === 0 ? 'planted mulberry orchards' : 'expanded'} this season. ${filler(i % 3)}`;
      const d = await db.document.create({ data: { canonicalUrl: `https://bulk.example.org/${i}.html`, sourceId: 'bulk' } });
      // every fifth document was edited: its older version matched "mulberry" too, and must stay out
      const old = i % 5 === 0 ? await db.documentVersion.create({ data: { documentId: d.id, ordinal: 1, contentHash: `bulk-${i}-old`, title: `Old note ${i}`, body: 'mulberry silkworm', lang: 'en', published: new Date('2023-01-01'), rawSha256: 'x', extractorVersion: 1 } }) : null;
      const v = await db.documentVersion.create({ data: { documentId: d.id, ordinal: old ? 2 : 1, contentHash: `bulk-${i}`, title: `Note ${i}`, body, lang: 'en', published: new Date(`2024-01-${String(1 + i).padStart(2, '0')}`), rawSha256: 'x', extractorVersion: 1 } });
      await db.document.update({ where: { id: d.id }, data: { currentVersionId: v.id } });
    }
    for (const q of ['silkworm', 'mulberry', 'silkworm mulberry', 'sericulture -mulberry']) {
      const indexOnly = await search(db, q, { sources: ['bulk'], tuning: { candidates: 4, probe: 0, max: 0 } });
      const windowed = await search(db, q, { sources: ['bulk'], tuning: { candidates: 4, probe: 3, max: 12 } });
      expect(windowed, q).toEqual(indexOnly);
      expect(indexOnly.length, q).toBeGreaterThan(0);
      // the candidates are the newest matches: no hit is older than the fourth-newest match
      const all = await search(db, q, { sources: ['bulk'], limit: 200, tuning: { candidates: 1000, probe: 0, max: 0 } });
      const fourth = all.map((h) => h.versionId).sort((a, b) => b - a)[Math.min(3, all.length - 1)];
      for (const h of windowed) expect(h.versionId, q).toBeGreaterThanOrEqual(fourth);
      for (const h of all) expect(h.title, q).not.toMatch(/^Old note/);
      // windows are taken among the versions that pass the filters: a date range as well
      const since = { sources: ['bulk'], since: '2024-01-12', until: '2024-01-27' };
      const sinceIndex = await search(db, q, { ...since, tuning: { candidates: 4, probe: 0, max: 0 } });
      expect(await search(db, q, { ...since, tuning: { candidates: 4, probe: 3, max: 12 } }), q).toEqual(sinceIndex);
      for (const h of sinceIndex) expect(h.published! >= '2024-01-12' && h.published! <= '2024-01-27', q).toBe(true);
    }
  });

  it('narrows quoted phrases by their word pairs without changing what matches', async () => {
    await db.source.create({ data: { id: 'phr', name: 'Phrases', region: 'phr', lang: 'en', baseUrl: 'https://phr.example.org/', config: {} } });
    const texts: [string, string][] = [
      ['Pilot zone notice', 'The pilot free trade zone opened new customs lanes.'],
      ['Free zones and hubs', 'Free zones and trade hubs were listed.'],
      ['Tariff note', 'A zone that is free of tariffs, and trade elsewhere.'],
      ['Hyphenated', 'The free-trade zone of the port.'],
      ['Rules for the free', 'Zone rules follow in the body.'],
      ['Corridor', 'The Belt and Road corridor; a belt big road; free trade.'],
      ['中文 news', 'Chinese news with free trade.'],
      // pairs that cannot be stored: a pair longer than a lexeme may be, and a long statistics table
      ['Oversized words', `${'a'.repeat(1100)} ${'b'.repeat(1000)}; the free zone rules.`],
      ['Statistics table', `Free zone figures: ${Array.from({ length: 60_000 }, (_, i) => `v${i}`).join(' ')}`],
    ];
    const key: number[] = [];
    for (const [i, [title, body]] of texts.entries()) {
      const d = await db.document.create({ data: { canonicalUrl: `https://phr.example.org/${i}.html`, sourceId: 'phr' } });
      const v = await db.documentVersion.create({ data: { documentId: d.id, ordinal: 1, contentHash: `phr-${i}`, title, body, lang: 'en', published: new Date('2024-02-01'), rawSha256: 'x', extractorVersion: 1 } });
      await db.document.update({ where: { id: d.id }, data: { currentVersionId: v.id } });
      key.push(d.id);
    }
    // the search document holds the pairs of adjacent words (title, then body), not of words a stop word apart
    const vector = async (hash: string) => (await db.$queryRaw<{ search: string }[]>`SELECT "search"::text AS "search" FROM "DocumentVersion" WHERE "contentHash" = ${hash}`)[0].search;
    expect(await vector('phr-0')).toContain("'free trade'");
    expect(await vector('phr-0')).toContain("'trade zone'");
    expect(await vector('phr-1')).toContain("'free zone'");
    expect(await vector('phr-1')).not.toContain("'zone trade'"); // "zones and trade": a stop word apart
    // the phrases' pairs are ANDed, or the marker of a document whose pairs could not be stored
    const narrowed = async (q: string, phrases: string[]) =>
      (await db.$queryRaw<{ q: string }[]>`SELECT silkwatch_phrase_query(websearch_to_tsquery('english', silkwatch_search_text(${q})), ${phrases}::text[])::text AS "q"`)[0].q;
    expect(await narrowed('tariffs "free zone"', ['free zone'])).toBe("'tariff' & 'free' <-> 'zone' & ( 'free zone' | ' unpaired' )");
    expect(await narrowed('"belt and road" "中欧班列"', ['belt and road', '中欧班列'])).toBe(await narrowed('"belt and road" "中欧班列"', []));

    const bare = async (q: string) =>
      (await db.$queryRaw<{ id: number }[]>`SELECT d."id" FROM "Document" d JOIN "DocumentVersion" v ON v."id" = d."currentVersionId"
        WHERE d."sourceId" = 'phr' AND v."search" @@ websearch_to_tsquery('english', silkwatch_search_text(${q})) ORDER BY d."id"`).map((r) => Number(r.id));
    const ids = (hits: { documentId: number }[]) => hits.map((h) => h.documentId).sort((a, b) => a - b);
    const found = async (q: string) => {
      const windowed = ids(await search(db, q, { sources: ['phr'], limit: 200 }));
      const indexed = ids(await search(db, q, { sources: ['phr'], limit: 200, tuning: { candidates: 1000, probe: 0, max: 0 } }));
      expect(indexed, q).toEqual(windowed);
      return windowed;
    };
    expect(await found('"free trade zone"')).toEqual([key[0], key[3]]);
    expect(await found('"free zone"')).toEqual([key[1], key[4], key[7], key[8]]);
    expect(await vector('phr-8')).toContain("' unpaired'");
    for (const q of ['"free zone"', '"free trade zone"', '"zone free"', '"trade zone" -"pilot free"', '"free zone" or "belt road"', '"belt and road"', '"free trade zone', 'pilot "trade zone"', 'tariffs "free trade"',
      '"free zone" "free zone rules"', 'news - "free trade zone"', '中文or "free trade zone"', '中文 OR "free zone" "free zone"', '"free zone figures"']) {
      expect(await found(q), q).toEqual(await bare(q));
    }
    // ranking ignores the pairs: the same rank as over the words alone
    const [r] = await db.$queryRaw<{ withPairs: number; words: number }[]>`SELECT ts_rank_cd(ts_filter("search", '{a,b,c,d}'), q, 1)::float8 AS "withPairs",
      ts_rank_cd(setweight(to_tsvector('english', silkwatch_search_text("title")), 'A') || setweight(to_tsvector('english', silkwatch_search_text("body")), 'B'), q, 1)::float8 AS "words"
      FROM "DocumentVersion", websearch_to_tsquery('english', 'free zone') q WHERE "contentHash" = 'phr-1'`;
    expect(r.withPairs).toBeCloseTo(r.words, 10);
  });

  it('returns nothing for a query of stop words only', async () => {
    expect(await search(db, 'the of and')).toEqual([]);
  });
});

function xmllint(xml: string): { ok: boolean; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'silkwatch-atom-')), 'feed.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--relaxng', join(import.meta.dirname, 'atom.rng'), file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is required to validate the Atom feeds and could not be run (${(r.error as NodeJS.ErrnoException).code}): install it, e.g. apt-get install -y libxml2-utils`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('Atom feeds', () => {
  it('serves a valid Atom feed per topic with everything crawled escaped', async () => {
    const res = await fetch(`${base}/feeds/topic/connectivity.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    const lint = xmllint(xml);
    expect(lint.output).toContain('validates');
    expect(lint.ok).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('Trade &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; week');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);

    const $ = cheerio.load(xml, { xml: true });
    expect($('feed > id').text()).toBe('tag:watch.example.org,2024:silkwatch/topic/connectivity');
    expect($('feed > title').text()).toBe('silkwatch: Connectivity (互联互通)');
    expect($('feed > link[rel="self"]').attr('href')).toBe('https://watch.example.org/feeds/topic/connectivity.xml');
    const entries = $('entry');
    expect(entries.length).toBe(2); // the hostile NEW and 中欧班列; the rail document had no event
    const first = entries.first();
    expect(first.find('title').text()).toBe('Trade & <script>alert("x")</script> week');
    expect(first.find('link').attr('href')).toBe('https://sh-en.example.org/news/hostile.html?a=1&b=2');
    expect(first.find('updated').text()).toBe('2024-04-10T02:00:00.000Z');
    expect(first.find('summary').text()).toContain('NEW (new)');
    expect(entries.eq(1).find('title').text()).toBe('浙江省推进中欧班列高质量发展实施方案');
  });

  it('serves a valid feed per source, with what changed for UPDATED events', async () => {
    const res = await fetch(`${base}/feeds/source/sh-en.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xmllint(xml).ok).toBe(true);
    const $ = cheerio.load(xml, { xml: true });
    expect($('feed > title').text()).toBe('silkwatch: Source sh-en & <Co>');
    expect($('entry').length).toBe(2);
    const updated = $('entry').first();
    expect(updated.find('title').text()).toBe('Updated: Port logistics measures (revised)');
    expect(updated.find('summary').text()).toContain('UPDATED (amended)');
    expect(updated.find('summary').text()).toContain('Revised measures for <customs> & clearance.');
    expect(xml).toContain('&lt;customs&gt; &amp; clearance');
  });

  it('serves an empty but valid feed for a known source without events', async () => {
    const res = await fetch(`${base}/feeds/source/empty.xml`);
    expect(res.status).toBe(200);
    expect(xmllint(await res.text()).ok).toBe(true);
  });

  it('answers 404 for unknown topics and sources', async () => {
    expect((await fetch(`${base}/feeds/topic/astrology.xml`)).status).toBe(404);
    expect((await fetch(`${base}/feeds/source/nope.xml`)).status).toBe(404);
    expect((await fetch(`${base}/feeds/topic/%E0.xml`)).status).toBe(404);
  });

  it('the validator rejects what is not Atom (the schema is really applied)', () => {
    expect(xmllint('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>').ok).toBe(false);
  });
});
