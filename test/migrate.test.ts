// applyMigrations against real PostgreSQL: each run creates its own databases (named
// silkwatch_test_migrate_<random>) through the `postgres` maintenance database and drops them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '../db/migrate.js';

// Every committed migration, in order (folder names sort by their timestamp).
const MIGRATIONS = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const SERVER = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const created: string[] = [];

function urlFor(db: string): string {
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

async function freshDb(): Promise<string> {
  const name = `silkwatch_test_migrate_${randomBytes(6).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return urlFor(name);
}

afterAll(async () => {
  await withClient(SERVER, async (c) => {
    for (const name of created) {
      // WITH (FORCE) terminates leftover connections (PostgreSQL 13+).
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});

describe('applyMigrations', () => {
  let url: string;
  beforeAll(async () => { url = await freshDb(); });

  it('applies every migration, in order, on a fresh database', async () => {
    const messages: object[] = [];
    const { applied } = await applyMigrations({ databaseUrl: url, log: { info: (obj) => void messages.push(obj) } });
    expect(MIGRATIONS[0]).toMatch(/^\d{14}_init$/);
    expect(applied).toEqual(MIGRATIONS);
    expect(messages).toEqual(MIGRATIONS.map((migration) => ({ migration })));

    await withClient(url, async (c) => {
      const tables = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.map((r) => r.t)).toEqual(expect.arrayContaining(['Document', 'Digest', '_prisma_migrations']));
      const idx = await c.query<{ d: string }>(
        `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('Document', 'Digest')`,
      );
      const defs = idx.rows.map((r) => r.d);
      expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX .* ON public\."Document" .*\("canonicalUrl"\)/));
      expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX .* ON public\."Digest" .*\("subscriptionId", "periodKey"\)/));
      const rec = await c.query(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`);
      expect(rec.rows).toEqual(MIGRATIONS.map((migration_name) => ({ migration_name })));
    });
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations({ databaseUrl: url })).toEqual({ applied: [] });
  });

  it('lets exactly one of two concurrent callers apply', async () => {
    const url2 = await freshDb();
    const results = await Promise.all([applyMigrations({ databaseUrl: url2 }), applyMigrations({ databaseUrl: url2 })]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, MIGRATIONS.length]);
    const count = await withClient(url2, (c) => c.query(`SELECT count(*)::int AS n FROM _prisma_migrations`));
    expect(count.rows[0].n).toBe(MIGRATIONS.length);
  });

  it('names the database in connection errors', async () => {
    await expect(applyMigrations({ databaseUrl: urlFor('silkwatch_test_migrate_missing') })).rejects.toThrow(
      /silkwatch_test_migrate_missing" does not exist/,
    );
  });
});
