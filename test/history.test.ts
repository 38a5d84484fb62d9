// `silkwatch history <url|id> [--json]` on the real CLI against a real PostgreSQL database: one
// document with four versions written directly through Prisma — the first sighting, a material
// amendment (5 → 8 billion yuan, with its UPDATED event), a cosmetic re-save, and a re-baseline by
// a newer extractor — plus the unknown-document and bad-reference errors (exit 2).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../cli/history.js';
import { createDb, type Db } from '../db/client.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Db;
let documentId: number;
const URL_ = 'https://english.shanghai.gov.cn/en-Latest-WhatsNew/20240408/sh-2024-bri-special-fund.html';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const BODY_1 = 'Shanghai will set up a special fund of 5 billion yuan to support Belt and Road cooperation.\n\nApplications open on April 15.';
const BODY_2 = 'Shanghai will set up a special fund of 8 billion yuan to support Belt and Road cooperation.\n\nApplications open on April 15.';
const BODY_3 = 'Shanghai will set up a special fund of 8 billion yuan to support Belt and Road cooperation.\n\nApplications open on April 15 .';
const BODY_4 = 'Shanghai will set up a special fund of 8 billion yuan to support Belt and Road cooperation. Applications open on April 15.';

beforeAll(async () => {
  database = await createTestDatabase('history');
  db = createDb(database.url, 2);
  await db.source.create({ data: { id: 'shanghai-en', name: 'Shanghai (EN)', region: 'shanghai', lang: 'en', baseUrl: 'https://english.shanghai.gov.cn', config: {} } });
  const doc = await db.document.create({
    data: { canonicalUrl: URL_, sourceId: 'shanghai-en', firstSeenAt: new Date('2024-04-08T02:00:00Z'), lastCheckedAt: new Date('2024-04-12T02:00:00Z'), etag: '"abc"' },
  });
  documentId = doc.id;
  const versions = [
    { body: BODY_1, fetchedAt: '2024-04-08T02:00:00Z', extractorVersion: 2 },
    { body: BODY_2, fetchedAt: '2024-04-10T02:00:00Z', extractorVersion: 2 },
    { body: BODY_3, fetchedAt: '2024-04-11T02:00:00Z', extractorVersion: 2 },
    { body: BODY_4, fetchedAt: '2024-04-12T02:00:00Z', extractorVersion: 3 },
  ];
  let last = 0;
  for (const [i, v] of versions.entries()) {
    const html = `<html><body><h1>Fund</h1><p>${v.body}</p></body></html>`;
    const raw = Buffer.from(html);
    await db.rawSnapshot.create({ data: { sha256: sha(html), gzip: gzipSync(raw), size: raw.length, contentType: 'text/html' } });
    const row = await db.documentVersion.create({
      data: {
        documentId,
        ordinal: i + 1,
        contentHash: sha(`content ${i}`),
        title: 'Shanghai sets up special fund to support Belt and Road trade and investment',
        published: new Date('2024-04-08T00:00:00Z'),
        body: v.body,
        lang: 'en',
        docNumber: null,
        attachments: [],
        fetchedAt: new Date(v.fetchedAt),
        rawSha256: sha(html),
        extractorVersion: v.extractorVersion,
      },
    });
    if (i === 1) {
      await db.policyEvent.create({ data: { kind: 'UPDATED', cause: 'amended', clusterId: documentId, documentId, versionId: row.id, score: 0.9 } });
    }
    last = row.id;
  }
  await db.document.update({ where: { id: documentId }, data: { currentVersionId: last, clusterId: documentId } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const env = () => ({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });

describe('silkwatch history', () => {
  it('prints versions with dates, hashes, raw snapshots and the changes between them', async () => {
    const r = await runCli(['history', String(documentId)], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(`Document ${documentId}  ${URL_}`);
    expect(out).toContain('4 version(s)');
    for (const n of [1, 2, 3, 4]) expect(out).toMatch(new RegExp(`^#${n}  fetched 2024-04-\\d\\d 02:00 UTC  published 2024-04-08  hash [0-9a-f]{12}  raw [0-9a-f]{12} \\(\\d+ B, \\d+ B gz\\)  extractor v[23]$`, 'm'));
    expect(out).toContain('changes: material (sentence-changed, number-changed)');
    expect(out).toContain(
      '    Changed: Shanghai will set up a special fund of 5 billion yuan to support Belt and Road cooperation. → Shanghai will set up a special fund of 8 billion yuan to support Belt and Road cooperation.',
    );
    expect(out).toContain('      words: -"5" +"8"');
    expect(out).toContain('event #1: UPDATED (amended)');
    expect(out).toContain('changes: cosmetic only (stored, no event)');
    expect(out).toContain('re-baselined by extractor v3 (was v2): no diff, no event');
    // Oldest first, each change printed before the version it leads to.
    const at = (s: string) => out.indexOf(s);
    expect(at('#1  fetched')).toBeLessThan(at('changes: material'));
    expect(at('changes: material')).toBeLessThan(at('#2  fetched'));
    expect(at('#3  fetched')).toBeLessThan(at('re-baselined'));
    expect(at('re-baselined')).toBeLessThan(at('#4  fetched'));
  });

  it('--json by URL (canonicalised: fragment, tracking parameters)', async () => {
    const r = await runCli(['history', `${URL_}?utm_source=x#top`, '--json'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout) as History;
    expect(h.document).toMatchObject({ id: documentId, canonicalUrl: URL_, sourceId: 'shanghai-en', status: 'live', etag: '"abc"' });
    expect(h.versions.map((v) => [v.ordinal, v.relation, v.extractorVersion])).toEqual([
      [1, 'first', 2],
      [2, 'amended', 2],
      [3, 'cosmetic', 2],
      [4, 'rebaselined', 3],
    ]);
    expect(h.versions[0].changes).toBeNull();
    expect(h.versions[1].changes).toMatchObject({ material: true, reasons: ['sentence-changed', 'number-changed'], added: [], removed: [] });
    expect(h.versions[1].changes!.changed[0].words).toEqual({ added: ['8'], removed: ['5'] });
    expect(h.versions[1].events).toEqual([expect.objectContaining({ kind: 'UPDATED', cause: 'amended' })]);
    expect(h.versions[2].changes).toMatchObject({ material: false, reasons: [] });
    expect(h.versions[3].changes).toBeNull();
    for (const v of h.versions) {
      expect(v.rawSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(v.raw!.size).toBeGreaterThan(0);
      expect(v.published).toBe('2024-04-08');
    }
  });

  it('an unknown document or a bad reference: exit 2 with a clear message', async () => {
    const byId = await runCli(['history', '999999'], env());
    expect(byId.code).toBe(2);
    expect(byId.stderr).toBe('silkwatch: unknown document: no document with id 999999\n');
    const byUrl = await runCli(['history', 'https://example.org/nothing.html', '--json'], env());
    expect(byUrl.code).toBe(2);
    expect(byUrl.stderr).toBe('silkwatch: unknown document: no document with URL https://example.org/nothing.html\n');
    expect(byUrl.stdout).toBe('');
    const bad = await runCli(['history', 'not a url'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('silkwatch: expected a document id or an absolute URL, got "not a url"\n');
  });
});
