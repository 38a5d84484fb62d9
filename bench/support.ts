// What the benchmark scripts share: their numeric flags and their own scratch database (on the
// server of DATABASE_URL, dropped before and after a run).
import { dropDatabase, ensureDatabase } from '../db/client.js';

/** `--name N`: a positive whole number, or the fallback when the flag is absent. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive whole number`);
  return n;
}

/** The URL of a bench database `name` on the server of DATABASE_URL (default the local one). */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/silkwatch');
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates the bench database; returns its URL. */
export async function freshBenchDatabase(name: string): Promise<string> {
  const url = benchDatabaseUrl(name);
  await dropDatabase(url);
  await ensureDatabase(url);
  return url;
}
