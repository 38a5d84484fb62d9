// The container wiring (docker-compose.yml, Dockerfile, .dockerignore) checked without a Docker
// engine: service names, the settings BullMQ and the health check rely on, and silkwatch's
// environment run through compose's interpolation and then through config/env.ts itself.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema, loadConfig } from '../config/env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: Array<string | number | { target: number | string; published?: number | string }>;
  expose?: Array<string | number>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
};

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const dockerfile = read('Dockerfile');

/**
 * Compose's variable interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}, defaults may nest further ${...}.
 */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      // Find the matching brace (defaults may contain ${...} themselves).
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j += 1) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
      }
      if (depth !== 0) throw new Error(`unterminated \${ in ${JSON.stringify(text)}`);
      const body = text.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!m) throw new Error(`bad substitution \${${body}} in ${JSON.stringify(text)}`);
      const [, name, op, arg = ''] = m;
      const value = env[name];
      const unset = value === undefined;
      const emptyOrUnset = unset || value === '';
      const missing = op?.startsWith(':') ? emptyOrUnset : unset;
      if (!op) out += value ?? '';
      else if (op.endsWith('-')) out += missing ? interpolate(arg, env) : value;
      else if (op.endsWith('?')) {
        if (missing) throw new Error(`required variable ${name} is missing: ${arg}`);
        out += value;
      } else out += missing ? '' : interpolate(arg, env);
      i = j;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (m) {
      out += env[m[0]] ?? '';
      i += 1 + m[0].length;
      continue;
    }
    out += '$';
    i += 1;
  }
  return out;
}

/** A service's environment as a map of raw (uninterpolated) strings; accepts both compose forms. */
function rawEnvironment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}

function resolvedEnvironment(service: Service, hostEnv: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironment(service)).map(([k, v]) => [k, interpolate(v, hostEnv)]));
}

/** Published port mappings as { host, container } (short "a:b", "ip:a:b", "b/tcp" and long forms). */
function portMappings(service: Service): Array<{ host?: string; container: string }> {
  return (service.ports ?? []).map((entry) => {
    if (typeof entry === 'object') return { host: entry.published === undefined ? undefined : String(entry.published), container: String(entry.target) };
    const spec = String(entry).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    const container = parts.pop()!;
    return { host: parts.pop(), container };
  });
}

function dependsOn(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec.condition]));
}

function commandText(service: Service): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** Dockerfile instructions in order, continuation lines joined, comments dropped. */
function instructions(text: string): Array<{ keyword: string; args: string }> {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const silkwatchServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  it('has redis, postgres, mailpit and silkwatch', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['redis', 'postgres', 'mailpit', 'silkwatch']));
  });

  it('runs Redis with an append-only file and noeviction (BullMQ must never lose a job to eviction)', () => {
    const command = commandText(services.redis);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(command).toMatch(/--appendonly\s+yes/);
    expect(command).toMatch(/--maxmemory-policy\s+noeviction/);
    expect(services.redis.volumes?.some((v) => (typeof v === 'string' ? v.endsWith(':/data') : v.target === '/data'))).toBe(true);
  });

  it('keeps PostgreSQL data in a volume', () => {
    expect(services.postgres.image).toMatch(/^postgres:15/);
    const volumes = services.postgres.volumes ?? [];
    const data = volumes.find((v) => (typeof v === 'string' ? v.split(':')[1] : v.target) === '/var/lib/postgresql/data');
    expect(data, 'a volume on /var/lib/postgresql/data').toBeDefined();
    const name = typeof data === 'string' ? data.split(':')[0] : data!.source!;
    // A named volume must be declared at the top level (a path would be a bind mount).
    if (!name.startsWith('.') && !name.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(name);
  });

  it('publishes the Mailpit web UI (8025) and exposes its SMTP port (1025) to silkwatch', () => {
    expect(portMappings(services.mailpit).some((p) => p.container === '8025' && p.host === '8025')).toBe(true);
    const smtpReachable =
      (services.mailpit.expose ?? []).map(String).includes('1025') || portMappings(services.mailpit).some((p) => p.container === '1025');
    expect(smtpReachable).toBe(true);
  });

  it('builds silkwatch from this repository, and the Dockerfile is there', () => {
    const build = services.silkwatch.build;
    expect(build).toBeDefined();
    const context = typeof build === 'string' ? build : (build?.context ?? '.');
    const file = typeof build === 'object' && build.dockerfile ? build.dockerfile : 'Dockerfile';
    expect(path.resolve(root, context)).toBe(root);
    expect(existsSync(path.join(root, context, file))).toBe(true);
  });

  it('starts silkwatch only once Redis and PostgreSQL are healthy', () => {
    const deps = dependsOn(services.silkwatch);
    expect(deps.redis).toBe('service_healthy');
    expect(deps.postgres).toBe('service_healthy');
    expect(deps.mailpit).toMatch(/^service_(started|healthy)$/);
    // service_healthy on a service without a health check never becomes true.
    for (const [name, condition] of Object.entries(deps)) {
      if (condition === 'service_healthy') expect(services[name]?.healthcheck?.test, `${name} has a health check`).toBeDefined();
    }
  });

  it('gives silkwatch only environment variables config/env.ts knows', () => {
    const known = Object.keys(envSchema.shape);
    expect(silkwatchServices.length).toBeGreaterThan(0);
    for (const [name, service] of silkwatchServices) {
      const unknown = Object.keys(rawEnvironment(service)).filter((key) => !known.includes(key));
      expect(unknown, `unknown variables in ${name}`).toEqual([]);
    }
  });

  it('points silkwatch at the postgres, redis and mailpit services', () => {
    const env = resolvedEnvironment(services.silkwatch, {});
    const database = new URL(env.DATABASE_URL);
    expect(database.hostname).toBe('postgres');
    expect(database.port || '5432').toBe('5432');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(new URL(env.REDIS_URL).port || '6379').toBe('6379');
    expect(new URL(env.SMTP_URL).host).toBe('mailpit:1025');
  });

  it("uses the postgres service's user and password in DATABASE_URL, with and without POSTGRES_PASSWORD set", () => {
    for (const hostEnv of [{}, { POSTGRES_PASSWORD: 'Chosen-by-the-user-42' }]) {
      const pg = resolvedEnvironment(services.postgres, hostEnv);
      const database = new URL(resolvedEnvironment(services.silkwatch, hostEnv).DATABASE_URL);
      expect(pg.POSTGRES_PASSWORD, 'postgres needs a password to start').not.toBe('');
      expect(decodeURIComponent(database.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(decodeURIComponent(database.username)).toBe(pg.POSTGRES_USER || 'postgres');
      expect(database.pathname.slice(1)).toBe(pg.POSTGRES_DB || pg.POSTGRES_USER || 'postgres');
    }
  });

  it('publishes the container port silkwatch listens on (HTTP_PORT)', () => {
    const port = resolvedEnvironment(services.silkwatch, {}).HTTP_PORT;
    expect(port).toMatch(/^\d+$/);
    expect(portMappings(services.silkwatch).some((p) => p.container === port && p.host !== undefined)).toBe(true);
  });

  it('has a test in every health check, and silkwatch checks its own /health on HTTP_PORT', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.healthcheck || service.healthcheck.disable) continue;
      const test = service.healthcheck.test;
      expect(test, `${name}: healthcheck.test`).toBeDefined();
      expect(Array.isArray(test) ? test.length : String(test).trim().length, `${name}: healthcheck.test is empty`).toBeGreaterThan(0);
      if (Array.isArray(test)) expect(['CMD', 'CMD-SHELL', 'NONE']).toContain(test[0]);
    }
    const test = services.silkwatch.healthcheck?.test;
    const text = Array.isArray(test) ? test.join(' ') : String(test);
    const port = resolvedEnvironment(services.silkwatch, {}).HTTP_PORT;
    expect(text).toContain(`127.0.0.1:${port}/health`);
    expect(text).not.toMatch(/\bcurl\b|\bwget\b/); // neither exists in node:*-slim
  });

  it('gives silkwatch an environment that config/env.ts accepts when the user sets nothing', () => {
    for (const [name, service] of silkwatchServices) {
      const env = resolvedEnvironment(service, {});
      let config: ReturnType<typeof loadConfig> | undefined;
      expect(() => (config = loadConfig(env)), `${name}: ${JSON.stringify(env)}`).not.toThrow();
      expect(config!.HTTP_PORT).toBe(Number(env.HTTP_PORT));
      expect(config!.DATABASE_URL).toBe(env.DATABASE_URL);
    }
  });

  it("passes the user's settings through to silkwatch", () => {
    const secret = 'a-long-unsubscribe-secret-0123456789';
    const env = resolvedEnvironment(services.silkwatch, { UNSUBSCRIBE_SECRET: secret, PUBLIC_BASE_URL: 'https://watch.example.org' });
    const config = loadConfig(env);
    expect(config.UNSUBSCRIBE_SECRET).toBe(secret);
    expect(config.PUBLIC_BASE_URL).toBe('https://watch.example.org');
  });

  it('keeps worker-only services (commands other than run/serve) free of a failing HTTP health check', () => {
    for (const [name, service] of silkwatchServices) {
      const command = commandText(service);
      if (command === '' || /\b(run|serve)\b/.test(command)) continue;
      // `worker` and `scheduler` serve no HTTP: the image's /health check would mark them unhealthy.
      expect(service.healthcheck?.disable, `${name} must disable the image's health check`).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  const steps = instructions(dockerfile);
  const index = (predicate: (s: { keyword: string; args: string }) => boolean) => steps.findIndex(predicate);

  it('starts from Node 20 on Debian bookworm slim and runs as a non-root user', () => {
    expect(steps[0]?.keyword).toBe('FROM');
    expect(steps[0].args).toMatch(/^node:20[.\d]*-bookworm-slim\b/);
    const users = steps.filter((s) => s.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('installs with npm ci after copying what the postinstall (prisma generate) needs, before the rest', () => {
    const ci = index((s) => s.keyword === 'RUN' && /\bnpm ci\b/.test(s.args));
    expect(ci, 'a RUN with npm ci').toBeGreaterThan(-1);
    const copiedBefore = steps
      .slice(0, ci)
      .filter((s) => s.keyword === 'COPY')
      .flatMap((s) => s.args.split(/\s+/).slice(0, -1))
      .map((p) => p.replace(/\/$/, ''));
    for (const needed of ['package.json', 'package-lock.json', 'prisma.config.ts', 'prisma', 'scripts']) {
      expect(copiedBefore, `${needed} is copied before npm ci`).toContain(needed);
      expect(existsSync(path.join(root, needed)), `${needed} exists`).toBe(true);
    }
    expect(existsSync(path.join(root, 'prisma/schema.prisma'))).toBe(true);
    // With --ignore-scripts the package's own postinstall has to be run explicitly.
    if (/--ignore-scripts/.test(steps[ci].args)) expect(steps[ci].args).toMatch(/npm run postinstall|node scripts\/prisma-generate\.mjs/);
    const copyAll = index((s) => s.keyword === 'COPY' && /^\.\s+\.\/?$/.test(s.args));
    expect(copyAll, 'COPY . . after npm ci').toBeGreaterThan(ci);
  });

  it('keeps the build machine\'s node_modules and generated client out of the image', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim().replace(/^\/|\/$/g, ''))
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'db/generated', '.git']) expect(ignored).toContain(entry);
  });

  it('exposes the port compose maps and checks /health on it with node', () => {
    const exposed = steps.filter((s) => s.keyword === 'EXPOSE').flatMap((s) => s.args.split(/\s+/).map((p) => p.replace(/\/tcp$/, '')));
    expect(exposed).toContain('8080');
    expect(exposed).toContain(resolvedEnvironment(services.silkwatch, {}).HTTP_PORT);
    expect(Number(exposed[0])).toBe(envSchema.shape.HTTP_PORT.parse(undefined)); // the config default
    const health = steps.find((s) => s.keyword === 'HEALTHCHECK');
    expect(health, 'a HEALTHCHECK').toBeDefined();
    expect(health!.args).toMatch(/CMD\s+\[?\s*"?node"?/);
    expect(health!.args).toContain('http://127.0.0.1:');
    expect(health!.args).toContain('/health');
    expect(health!.args).toMatch(/\b8080\b/);
    expect(health!.args).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it('runs `silkwatch run` by default', () => {
    const cmd = steps.filter((s) => s.keyword === 'CMD').at(-1);
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'bin/silkwatch.js', 'run']);
    expect(existsSync(path.join(root, 'bin/silkwatch.js'))).toBe(true);
  });
});

describe('interpolate (the compose substitution the checks above rely on)', () => {
  it('follows compose for defaults, required values, escapes and nesting', () => {
    expect(interpolate('${A:-x}', {})).toBe('x');
    expect(interpolate('${A:-x}', { A: '' })).toBe('x');
    expect(interpolate('${A-x}', { A: '' })).toBe('');
    expect(interpolate('${A:-x}', { A: 'y' })).toBe('y');
    expect(interpolate('a$$b ${A}$B', { A: '1', B: '2' })).toBe('a$b 12');
    expect(interpolate('${A:-${B:-z}}', {})).toBe('z');
    expect(interpolate('${A:+on}', { A: '1' })).toBe('on');
    expect(() => interpolate('${A:?set A}', {})).toThrow(/set A/);
  });
});
