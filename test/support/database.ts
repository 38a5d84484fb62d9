// Each test file gets its own PostgreSQL database, migrated, and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgresql://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `silkwatch_test_${label}_${randomBytes(4).toString('hex')}`;
  const url = `${SERVER}/${name}`;
  await ensureDatabase(url);
  if (opts.migrate !== false) await applyMigrations({ databaseUrl: url });
  return {
    url,
    name,
    drop: () => dropDatabase(url),
  };
}
