// Bad configuration exits 2 naming the variable; an unreachable service exits 3 with one clear
// line naming the URL — never a hang, never a stack trace.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { REDIS_URL } from './support/queues.js';

let database: TestDatabase;
let closedPort: number;
let silent: Server; // accepts TCP connections and never answers: a hung service
let silentPort: number;

beforeAll(async () => {
  database = await createTestDatabase('cli', { migrate: false });
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  silent?.close();
  await database?.drop();
});

const base = () => ({ DATABASE_URL: database.url, REDIS_URL, SOURCES_FILE: 'config/sources.yaml', LOG_LEVEL: 'silent' });

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0];
}

describe('exit codes', () => {
  it('exits 3 naming Redis when REDIS_URL does not answer', async () => {
    const r = await runCli(['run', '--once', '--no-http'], { ...base(), REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`Redis unreachable at redis://127\\.0\\.0\\.1:${closedPort}.*REDIS_URL`));
  });

  it('exits 3 naming PostgreSQL when DATABASE_URL does not answer, with the password hidden', async () => {
    const r = await runCli(['migrate'], { ...base(), DATABASE_URL: `postgresql://postgres:hunter2@127.0.0.1:${closedPort}/x` });
    expect(r.code).toBe(3);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/PostgreSQL unreachable at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/x.*DATABASE_URL/);
    expect(line).not.toContain('hunter2');
  });

  it('exits 3 naming SMTP when SMTP_URL does not answer', async () => {
    const r = await runCli(['run', '--once', '--no-http'], { ...base(), SMTP_URL: `smtp://127.0.0.1:${closedPort}` });
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`SMTP unreachable at smtp://127\\.0\\.0\\.1:${closedPort}.*SMTP_URL`));
  });

  it('exits 3, not a hang, when a service accepts connections but never answers', async () => {
    const r = await runCli(['run', '--once', '--no-http'], { ...base(), REDIS_URL: `redis://127.0.0.1:${silentPort}` }, { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toContain('Redis unreachable');
  });

  it('exits 2 listing every bad variable by name with what was expected', async () => {
    const r = await runCli(['run', '--once'], { ...base(), REDIS_URL: 'http://127.0.0.1:6379', CLASSIFY_THRESHOLD: '1.5', HTTP_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REDIS_URL="http://127.0.0.1:6379": expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
    expect(r.stderr).toContain('CLASSIFY_THRESHOLD="1.5": expected a number between 0 and 1');
    expect(r.stderr).toContain('HTTP_PORT="eighty": expected a number');
  });

  it('exits 2 naming the source and the key of a bad sources file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'sw-')), 'sources.yaml');
    writeFileSync(file, 'sources:\n  - id: bad-one\n    name: x\n    lang: en\n    region: x\n    listing: [https://example.org/]\n    articles: ["^https://example.org/a"]\n    colour: blue\n');
    const r = await runCli(['run', '--once'], { ...base(), SOURCES_FILE: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('source "bad-one": unknown key "colour"');
  });

  it('exits 2 on an unknown queue name', async () => {
    const r = await runCli(['worker', '--queues', 'fetch,sendmail'], base());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown queue "sendmail"');
  });

  it('npm start reaches `silkwatch run` (a package cannot call its own bin by name in its scripts)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('npm', ['start', '--silent', '--', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: silkwatch run');
  });

  it('lists only the working commands in --help', async () => {
    const r = await runCli(['--help'], {});
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('Commands:'));
    const commands = [...section.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(['run', 'worker', 'scheduler', 'serve', 'migrate', 'seed', 'measures', 'extract', 'sources', 'check-source', 'history', 'search', 'classify', 'subscribe', 'subscriptions', 'unsubscribe', 'digests', 'export', 'show', 'help']);
  });
});
