// Creates the next Prisma migration without the native schema engine (which cannot be downloaded
// here): `npx tsx scripts/new-migration.ts <name>` → prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql.
//
// Like `prisma migrate dev --create-only`, the SQL is the diff from the migrations directory to
// prisma/schema.prisma: the WASM engine replays the existing migrations on a temporary shadow
// database (created and dropped on the server of DATABASE_URL; that database itself is not read
// or changed) and compares the result with the schema. Diffing from the migrations rather than
// from "empty" keeps the first migration identical to Prisma's (no `CREATE SCHEMA "public"`).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, LOCKFILE_CONTENT, LOCKFILE_NAME, diffSchemaToSql } from '../db/migrate.js';

// Any database on the server will do, so default to the maintenance database rather than the
// app database (which may not exist yet).
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

// Same shape as the prisma CLI: UTC timestamp, then the name with anything but [A-Za-z0-9_] → '_'.
const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
if (!name) {
  process.stderr.write('usage: npx tsx scripts/new-migration.ts <name>\n');
  process.exit(2);
}

const sql = await diffSchemaToSql({ databaseUrl });
if (sql === null) {
  console.log('no changes');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14); // YYYYMMDDHHMMSS (UTC)
const dir = path.join(DEFAULT_MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(DEFAULT_MIGRATIONS_DIR, { recursive: true });
const lockPath = path.join(DEFAULT_MIGRATIONS_DIR, LOCKFILE_NAME);
if (!(await stat(lockPath).catch(() => null))) await writeFile(lockPath, LOCKFILE_CONTENT);
await mkdir(dir); // not recursive: never overwrite an existing migration
await writeFile(path.join(dir, 'migration.sql'), sql);
console.log(`created ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))}`);
