// `silkwatch run` and `silkwatch worker` shut down cleanly on SIGTERM / SIGINT: workers,
// queues and the database closed, exit code 0, within seconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSourcesYaml } from '../fixtures/site-server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { deletePrefix, REDIS_URL, testPrefix } from './support/queues.js';

const BIN = fileURLToPath(new URL('../bin/silkwatch.js', import.meta.url));
let database: TestDatabase;
let prefix: string;
let sourcesFile: string;

beforeAll(async () => {
  database = await createTestDatabase('signals', { migrate: false });
  prefix = testPrefix('signals');
  sourcesFile = join(mkdtempSync(join(tmpdir(), 'sw-')), 'sources.yaml');
  // A source on a closed port: the schedule exists, nothing is crawled before the signal.
  writeFileSync(sourcesFile, demoSourcesYaml('http://127.0.0.1:9'));
});

afterAll(async () => {
  await Promise.all([database?.drop(), prefix && deletePrefix(prefix)]);
});

/** Starts the CLI, waits for `ready` in its log, sends `signal`, resolves with the exit code. */
function startThenSignal(args: string[], ready: RegExp, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix, SOURCES_FILE: sourcesFile, LOG_LEVEL: 'info', HTTP_PORT: '0' },
    });
    let stderr = '';
    let signalled = false;
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no clean exit; stderr:\n${stderr}`));
    }, 30_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!signalled && ready.test(stderr)) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

describe('graceful shutdown', () => {
  it('run: SIGTERM after start-up exits 0 and logs the shutdown', async () => {
    const r = await startThenSignal(['run'], /HTTP endpoints listening[\s\S]*declared 1 crawl schedule/, 'SIGTERM');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('shutting down');
  });

  it('worker: SIGINT exits 0', async () => {
    const r = await startThenSignal(['worker', '--queues', 'classify,alert'], /workers started/, 'SIGINT');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('"signal":"SIGINT"');
  });
});
