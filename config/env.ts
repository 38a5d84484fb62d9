// The environment, parsed once at start-up. Nothing else in silkwatch reads process.env:
// every module receives the parsed Config. Every bad value is reported by name, together.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_RECHECK_SPEC, parseRecheckPolicy, type RecheckPolicy } from '../changes/recheck.js';

const urlWithProtocols = (name: string, protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL, e.g. ${example}` },
  ).describe(name);

const hostOrCidr = z.string().refine(
  (entry) => {
    const [address, bits, ...rest] = entry.split('/');
    if (rest.length > 0) return false;
    if (bits === undefined) return isIP(address) !== 0 || /^[a-z0-9.-]+$/i.test(address);
    const n = Number(bits);
    const family = isIP(address);
    return family !== 0 && Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128);
  },
  { message: 'expected a host name, an IP address or a CIDR such as 10.0.0.0/8' },
);

const intIn = (min: number, max: number) =>
  z.coerce.number({ message: 'expected a number' }).int(`expected a whole number`).min(min, `expected at least ${min}`).max(max, `expected at most ${max}`);

export const envSchema = z.object({
  DATABASE_URL: urlWithProtocols('DATABASE_URL', ['postgresql:', 'postgres:'], 'postgresql://postgres@127.0.0.1:5432/silkwatch').default(
    'postgresql://postgres@127.0.0.1:5432/silkwatch',
  ),
  DATABASE_POOL_SIZE: intIn(1, 200).default(10),
  REDIS_URL: urlWithProtocols('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  // A Redis hash tag ({...}) keeps every key of one deployment in one Redis Cluster slot.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[^:\s]+$/, 'expected a prefix without ":" or spaces, e.g. {silkwatch}')
    .default('{silkwatch}'),
  SMTP_URL: urlWithProtocols('SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587').optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'expected an address such as "silkwatch <alerts@example.org>"')
    .default('silkwatch <silkwatch@localhost>'),
  OUTBOX_DIR: z.string().min(1, 'expected a directory path').default('./outbox'),
  SOURCES_FILE: z.string().min(1, 'expected a file path').default('./config/sources.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'expected one of fatal, error, warn, info, debug, trace, silent',
  }).default('info'),
  CLASSIFY_THRESHOLD: z.coerce
    .number({ message: 'expected a number between 0 and 1' })
    .min(0, 'expected a number between 0 and 1')
    .max(1, 'expected a number between 0 and 1')
    .default(0.5),
  CRAWL_CONTACT_URL: urlWithProtocols('CRAWL_CONTACT_URL', ['http:', 'https:', 'mailto:'], 'https://example.org/silkwatch').default(
    'https://github.com/silkwatch/silkwatch',
  ),
  PUBLIC_BASE_URL: urlWithProtocols('PUBLIC_BASE_URL', ['http:', 'https:'], 'https://silkwatch.example.org').default('http://127.0.0.1:8080'),
  HTTP_PORT: intIn(0, 65535).default(8080),
  UNSUBSCRIBE_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  DIGEST_IMMEDIATE_WINDOW_MS: intIn(0, 86_400_000).default(60_000),
  /** BullMQ lock duration of a running job: a worker that dies holding a job loses it after this. */
  WORKER_LOCK_MS: intIn(500, 3_600_000).default(30_000),
  /** How often BullMQ looks for jobs whose worker died (stalled jobs) and puts them back. */
  WORKER_STALLED_INTERVAL_MS: intIn(100, 3_600_000).default(30_000),
  /** Re-check schedule by age: `<age>:<interval>,…,*:<interval>` (e.g. 7d:1h = published in the last 7 days → hourly). */
  RECHECK_SCHEDULE: z
    .string()
    .default(DEFAULT_RECHECK_SPEC)
    .transform((spec, ctx): RecheckPolicy => {
      try {
        return parseRecheckPolicy(spec);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `expected tiers like ${DEFAULT_RECHECK_SPEC} (${(err as Error).message})` });
        return z.NEVER;
      }
    }),
  ALLOW_PRIVATE_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(hostOrCidr)),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable and what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (docker-compose often passes VAR= through).
  const present = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    const shown = key in present ? JSON.stringify(redactUrl(String(present[key]))) : '(unset)';
    return `${key}=${shown}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Hides the password of a URL before it reaches a log line or an error message. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
