// One `silkwatch run --once` cycle in-process, on a test's own database, queue prefix, SMTP
// catcher and sources file, with the clock the test sets: it must drain with nothing pending.
import { expect } from 'vitest';
import { runOnce } from '../../cli/once.js';
import { boot, type Runtime } from '../../cli/runtime.js';
import { loadConfig } from '../../config/env.js';
import { createLogger } from '../../config/logger.js';
import { QUEUE_NAMES } from '../../queues/registry.js';
import { startWorkers } from '../../workers/index.js';
import { REDIS_URL } from './queues.js';

export async function runCycle(opts: { databaseUrl: string; prefix: string; smtpUrl: string; sourcesFile: string; now: () => Date }): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: opts.prefix,
    SMTP_URL: opts.smtpUrl,
    SOURCES_FILE: opts.sourcesFile,
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const runtime: Runtime = await boot(config, createLogger('warn', { pretty: false }), { clock: opts.now });
  try {
    runtime.workers = startWorkers([...QUEUE_NAMES], runtime.deps, runtime.redis);
    expect(await runOnce(runtime, { maxWaitMs: 60_000 })).toEqual({ ok: true, pending: [] });
  } finally {
    await runtime.close();
  }
}
