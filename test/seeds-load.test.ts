// Loading the seed knowledge into PostgreSQL: idempotent, row-precise updates, nothing lost,
// and the `seed` / `measures` commands as a user runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { loadSeeds, readMeasuresFile, readTopicsFile } from '../seeds/load.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase('seeds');
  db = createDb(database.url, 2);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('loadSeeds', () => {
  it('loads everything once, and a second load changes nothing', async () => {
    const topics = readTopicsFile().topics.length;
    const measures = readMeasuresFile().measures.length;
    const first = await loadSeeds(db);
    expect(first.topics).toMatchObject({ total: topics, created: topics, updated: 0, unchanged: 0 });
    expect(first.measures).toMatchObject({ total: measures, created: measures, updated: 0, unchanged: 0, stale: 0 });
    const second = await loadSeeds(db);
    expect(second.topics).toMatchObject({ created: 0, updated: 0, unchanged: topics });
    expect(second.measures).toMatchObject({ created: 0, updated: 0, unchanged: measures });
    expect(await db.topic.count()).toBe(10);
    expect(await db.measure.count()).toBe(measures);
  });

  it('an edited term updates just that topic; an edited alias just that measure', async () => {
    const topicsFile = readTopicsFile();
    const trade = topicsFile.topics.find((t) => t.id === 'trade')!;
    trade.terms = [...trade.terms, { text: 'single window for international trade', lang: 'en', weight: 0.6 }];
    const measuresFile = readMeasuresFile();
    const target = measuresFile.measures[3];
    target.aliases = { ...target.aliases, en: [...target.aliases.en, 'a new alias'] };
    const before = await db.topic.findUniqueOrThrow({ where: { id: 'finance' } });
    const report = await loadSeeds(db, { topics: topicsFile, measures: measuresFile });
    expect(report.topics).toMatchObject({ updated: 1, created: 0, unchanged: 9 });
    expect(report.measures).toMatchObject({ updated: 1, created: 0 });
    const stored = await db.topic.findUniqueOrThrow({ where: { id: 'trade' } });
    expect(JSON.stringify(stored.terms)).toContain('single window for international trade');
    expect((await db.measure.findUniqueOrThrow({ where: { id: target.id } })).aliases).toMatchObject({ en: expect.arrayContaining(['a new alias']) });
    expect(await db.topic.findUniqueOrThrow({ where: { id: 'finance' } })).toEqual(before);
    // Back to the files: one row each again.
    const restored = await loadSeeds(db);
    expect(restored.topics.updated).toBe(1);
    expect(restored.measures.updated).toBe(1);
  });

  it('keeps crawled measures and seed measures dropped from the file', async () => {
    await db.measure.create({ data: { id: 'crawled-x', title: 'x', text: 'x', policy: {}, sectionPath: [], topics: ['trade'], origin: 'crawled' } });
    const measuresFile = readMeasuresFile();
    const dropped = measuresFile.measures.pop()!;
    const report = await loadSeeds(db, { measures: measuresFile });
    expect(report.measures.stale).toBe(1);
    expect(await db.measure.findUnique({ where: { id: dropped.id } })).not.toBeNull();
    expect(await db.measure.findUnique({ where: { id: 'crawled-x' } })).not.toBeNull();
  });
});

describe('the seed and measures commands', () => {
  it('seed twice prints the same totals, the second time all unchanged', async () => {
    const other = await createTestDatabase('seedcli', { migrate: false });
    try {
      const env = { DATABASE_URL: other.url, LOG_LEVEL: 'silent' };
      const first = await runCli(['seed'], env);
      expect(first.code).toBe(0);
      const n = readMeasuresFile().measures.length;
      expect(first.stdout).toBe(`topics: 10 (10 new, 0 updated, 0 unchanged)\nmeasures: ${n} (${n} new, 0 updated, 0 unchanged)\n`);
      const second = await runCli(['seed'], env);
      expect(second.stdout).toBe(`topics: 10 (0 new, 0 updated, 10 unchanged)\nmeasures: ${n} (0 new, 0 updated, ${n} unchanged)\n`);

      const all = await runCli(['measures', '--json'], env);
      expect(all.code).toBe(0);
      const entries = JSON.parse(all.stdout) as { id: string; topics: string[]; provenance: { seedDocument: string } }[];
      expect(entries).toHaveLength(n);
      expect(entries.every((e) => e.provenance.seedDocument)).toBe(true);
      const finance = JSON.parse((await runCli(['measures', '--topics', 'finance', '--json'], env)).stdout) as typeof entries;
      expect(finance.length).toBeGreaterThan(0);
      expect(finance.length).toBeLessThan(n);
      expect(finance.every((e) => e.topics.includes('finance'))).toBe(true);
      const bad = await runCli(['measures', '--topics', 'finance,ports'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--topics: unknown "ports"');
    } finally {
      await other.drop();
    }
  });
});
