// The PostgreSQL side: makes sure the database exists, then opens Prisma Client 7 over
// @prisma/adapter-pg (the query compiler is WASM, so nothing is downloaded at run time).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { redactUrl } from '../config/env.js';
import { reasonOf, ServiceUnavailableError } from '../config/errors.js';
import { PrismaClient } from './generated/client.js';

export type Db = PrismaClient;
export { Prisma } from './generated/client.js';
export type * from './generated/client.js';

const CONNECT_TIMEOUT_MS = 5000;

function unavailable(url: string, err: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'PostgreSQL',
    redactUrl(url),
    reasonOf(err),
    'Is PostgreSQL running and is DATABASE_URL right? (default postgresql://postgres@127.0.0.1:5432/silkwatch)',
  );
}

async function tryConnect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => {}); // a dropped idle connection must not crash the process
  await client.connect();
  return client;
}

/** A connection to the `postgres` database of the server in `url`, and the database `url` names. */
async function adminClient(url: string): Promise<{ client: pg.Client; name: string }> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    return { client: await tryConnect(admin.toString()), name };
  } catch (err) {
    throw unavailable(url, err);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Connects once to check PostgreSQL answers, and creates the database named in the URL when it
 * does not exist yet (a first `silkwatch run` on a fresh server just works).
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  try {
    const client = await tryConnect(url);
    await client.end();
    return { created: false };
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw unavailable(url, err);
  }
  const { client, name } = await adminClient(url);
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (err) {
    // Another process may have created it in between (42P04 duplicate_database).
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await client.end();
  }
  return { created: true };
}

export function createDb(url: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

/** Drops the database named in the URL (its connections terminated first); for the demo, benches and tests. */
export async function dropDatabase(url: string): Promise<void> {
  const { client, name } = await adminClient(url);
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}
