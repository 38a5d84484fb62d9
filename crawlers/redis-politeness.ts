// The cross-process politeness gate, held in Redis so that every silkwatch process sharing one
// Redis (and one QUEUE_PREFIX) shares each host's budget:
//
// - Per-host slot: at most `perHostConcurrency` requests in flight per host and successive
//   request starts at least `delayMs` apart. One Lua script decides atomically (keys under
//   `${prefix}:polite:host:<host>:*`): a sorted set of leases scored by their expiry (a crashed
//   process's lease frees itself after `leaseMs`), a "next start allowed at" key, and a
//   "backing off until" key. Times are the Redis server's (TIME), so clocks of different machines
//   never disagree. A refused acquire returns how long to wait; the caller sleeps that long (at
//   most 1 s at a time; 50 ms polls while the host is full, woken at once by a release in the
//   same process) and retries. Cost: one round trip per acquire and one (ZREM) per release.
// - robots.txt (RFC 9309), per origin: fetched once through the host slot, parsed, cached in
//   Redis as JSON (and in memory) for 24 h (10 min after a 5xx or a network failure). 4xx =
//   allow all; 5xx / unreachable = complete disallow for the cache period, reported as a
//   TransientError (the queue retries later) rather than a permanent refusal. `Crawl-delay` of
//   the matching group is honoured as a lower bound on delayMs (capped at 30 s).
// - Back-off: a 429/503 holds the whole host (every process) for Retry-After (seconds or an HTTP
//   date; default 60 s; at least 1 s, at most 1 h). Acquire sleeps through holds up to 30 s;
//   a longer one throws TransientError("… backing off until …") so that the job queue's retry
//   with back-off takes over instead of a worker slot sleeping.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PermanentError, TransientError } from '../config/errors.js';
import { bounded, request } from './fetch-page.js';
import type { HostGuard } from './host-guard.js';
import type { HostPolicy, Politeness } from './politeness.js';

/** robots.txt disallows the URL. Permanent: retrying will not help before the site changes it. */
export class RobotsDisallowedError extends PermanentError {
  override name = 'RobotsDisallowedError';
  constructor(
    readonly url: string,
    readonly rule: string,
  ) {
    super(`${url}: disallowed by robots.txt (${rule})`);
  }
}

/** robots.txt answered 5xx or could not be fetched: the origin counts as disallowed for a while. */
export class RobotsUnavailableError extends TransientError {
  override name = 'RobotsUnavailableError';
}

// ---------------------------------------------------------------------------------------------
// robots.txt parsing and matching (RFC 9309)

export interface RobotsRule {
  allow: boolean;
  /** Normalised path pattern (percent-encoding normalised; `*` and a final `$` are special). */
  pattern: string;
}

export interface RobotsGroup {
  /** Lower-case product tokens, or '*'. */
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySec?: number;
}

export type RobotsRecord =
  | { mode: 'rules'; groups: RobotsGroup[]; status: number; fetchedAt: number; expiresAt: number }
  | { mode: 'allow-all' | 'disallow-all'; status: number; reason: string; fetchedAt: number; expiresAt: number };

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 9309 §2.2.2: non-ASCII (and spaces, controls) percent-encoded as UTF-8, existing escapes
 * upper-cased, escapes of unreserved characters decoded. Applied to both patterns and paths.
 */
export function normalisePath(raw: string): string {
  let out = '';
  const bytes = Buffer.from(raw, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length && /^[0-9A-Fa-f]{2}$/.test(String.fromCharCode(bytes[i + 1], bytes[i + 2]))) {
      const code = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
      const ch = String.fromCharCode(code);
      out += code < 0x80 && UNRESERVED.test(ch) ? ch : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 2;
    } else if (b <= 0x20 || b >= 0x7f) {
      out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}

/** The product token of a User-Agent header or user-agent line ("silkwatch/0.1 (+…)" → "silkwatch"). */
export function productToken(userAgent: string): string {
  const trimmed = userAgent.trim();
  if (trimmed.startsWith('*')) return '*';
  return (/^[A-Za-z_-]+/.exec(trimmed)?.[0] ?? '').toLowerCase();
}

/** Parses robots.txt into groups. Unknown lines are ignored; rules before any user-agent too. */
export function parseRobots(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let collectingAgents = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]/g, '-');
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent' || key === 'useragent') {
      if (!collectingAgents || !current) {
        current = { agents: [], rules: [] };
        groups.push(current);
        collectingAgents = true;
      }
      const token = productToken(value);
      if (token) current.agents.push(token);
      continue;
    }
    if (key === 'allow' || key === 'disallow') {
      collectingAgents = false;
      // An empty pattern matches nothing (`Disallow:` alone means "allow everything").
      if (current && value) current.rules.push({ allow: key === 'allow', pattern: normalisePath(value) });
    } else if (key === 'crawl-delay') {
      collectingAgents = false;
      const seconds = Number(value);
      if (current && Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySec = seconds;
    } else if (key !== 'sitemap') {
      collectingAgents = false;
    }
  }
  return groups;
}

/** The groups that apply to `token`: every group naming it, else every `*` group (merged). */
export function groupFor(groups: RobotsGroup[], token: string): RobotsGroup | null {
  const own = groups.filter((g) => g.agents.includes(token));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  if (!chosen.length) return null;
  const delays = chosen.map((g) => g.crawlDelaySec).filter((d): d is number => d !== undefined);
  return { agents: chosen.flatMap((g) => g.agents), rules: chosen.flatMap((g) => g.rules), crawlDelaySec: delays.length ? Math.max(...delays) : undefined };
}

/** Pattern match anchored at the start, `*` = any run, a final `$` = end of path. Linear in path × pattern. */
export function patternMatches(pattern: string, path: string): boolean {
  let positions = [0];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '$' && i === pattern.length - 1) return positions.includes(path.length);
    if (c === '*') {
      const from = positions[0];
      positions = [];
      for (let p = from; p <= path.length; p++) positions.push(p);
      continue;
    }
    const next: number[] = [];
    for (const p of positions) if (p < path.length && path[p] === c) next.push(p + 1);
    if (!next.length) return false;
    positions = next;
  }
  return true;
}

/** Longest matching pattern wins; on a tie, allow wins. No matching rule: allowed. */
export function decide(rules: RobotsRule[], url: URL): { allowed: boolean; rule: RobotsRule | null } {
  const path = normalisePath(url.pathname + url.search);
  if (url.pathname === '/robots.txt') return { allowed: true, rule: null };
  let best: RobotsRule | null = null;
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
  }
  return { allowed: best ? best.allow : true, rule: best };
}

// ---------------------------------------------------------------------------------------------
// Redis scripts

// KEYS: leases (zset lease id → expiry ms), next start (ms), backoff until (ms).
// ARGV: lease id, concurrency, delay ms, lease ms.  → {granted 0|1, wait ms, reason}
const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hold = tonumber(redis.call('GET', KEYS[3]) or '0')
if hold > now then return {0, hold - now, 'backoff'} end
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextStart > now then return {0, nextStart - now, 'delay'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(first[2]) - now, 'busy'}
end
local leaseMs = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
redis.call('PEXPIRE', KEYS[1], leaseMs)
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay) end
return {1, 0, 'ok'}
`;

// KEYS: backoff until.  ARGV: hold ms.  → the (possibly later, already set) until, in ms.
const BACKOFF_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilMs then return {current, now} end
redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1])
return {untilMs, now}
`;

const ACQUIRE_CMD = 'silkwatchPoliteAcquire';
const BACKOFF_CMD = 'silkwatchPoliteBackoff';

type ScriptedRedis = Redis & {
  [ACQUIRE_CMD](leases: string, next: string, hold: string, id: string, concurrency: number, delayMs: number, leaseMs: number): Promise<[number, number, string]>;
  [BACKOFF_CMD](hold: string, ms: number): Promise<[number, number]>;
};

// ---------------------------------------------------------------------------------------------

export type RobotsFetcher = (url: string, userAgent: string) => Promise<{ status: number; body: string }>;

interface Log {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RedisPolitenessOptions {
  redis: Redis;
  /** Keys live under `${prefix}:polite:*` (the QUEUE_PREFIX keeps them in its Redis Cluster slot). */
  prefix: string;
  /** Default: GET with our User-Agent, 10 s timeout, 512 KB (the rest is ignored), ≤ 5 redirects, through `guard`. */
  fetchRobots?: (url: string, userAgent: string) => Promise<{ status: number; body: string }>;
  guard?: HostGuard;
  /** For the robots.txt cache and Retry-After dates (slots and holds use the Redis server clock). */
  clock?: () => number;
  log?: Log;
  /** A lease not released within this time frees itself (a crashed process). Must exceed the request timeout. Default 60 s. */
  leaseMs?: number;
  /** Longer holds than this throw TransientError instead of sleeping. Default 30 s. */
  maxHoldWaitMs?: number;
}

const ROBOTS_TTL_MS = 24 * 3600_000;
const ROBOTS_ERROR_TTL_MS = 10 * 60_000;
const ROBOTS_MAX_BYTES = 512 * 1024;
const MAX_CRAWL_DELAY_MS = 30_000;
const MAX_SLEEP_MS = 1000;
const BUSY_POLL_MS = 50;
const DEFAULT_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 3600_000;

/** Retry-After (delta-seconds or an HTTP date) → hold in ms: default 60 s, within [1 s, 1 h]. */
export function retryAfterMs(value: string | null, now: number): number {
  let ms = DEFAULT_BACKOFF_MS;
  const v = value?.trim();
  if (v && /^\d+$/.test(v)) ms = Number(v) * 1000;
  else if (v && !Number.isNaN(Date.parse(v))) ms = Date.parse(v) - now;
  return Math.min(MAX_BACKOFF_MS, Math.max(1000, ms));
}

/** GET robots.txt: our User-Agent, bounded in time and size, ≤ 5 redirects, each hop guarded. */
export function defaultRobotsFetcher(guard?: HostGuard): RobotsFetcher {
  return async (url, userAgent) => {
    let current = url;
    for (let hops = 0; ; hops++) {
      if (guard) await guard.check(current);
      const result = await bounded(current, 10_000, async (signal) => {
        const response = await request(current, { headers: { 'user-agent': userAgent, accept: 'text/plain, */*;q=0.5' }, guard, signal });
        const { status } = response;
        if (status >= 200 && status < 300) return { status, body: (await response.read(ROBOTS_MAX_BYTES, { truncate: true })).toString('utf8') };
        response.discard();
        return { status, body: '', location: status >= 300 && status < 400 ? response.header('location') : null };
      });
      // RFC 9309 §2.3.1.2: follow at least five redirects; beyond that (or without Location) the
      // final 3xx status is returned and means "unavailable" (allow all).
      if (!('location' in result) || !result.location || hops >= 5) return { status: result.status, body: result.body };
      current = new URL(result.location, current).toString();
    }
  };
}

export class RedisPoliteness implements Politeness {
  private readonly redis: ScriptedRedis;
  private readonly prefix: string;
  private readonly fetchRobots: RobotsFetcher;
  private readonly clock: () => number;
  private readonly log?: Log;
  private readonly leaseMs: number;
  private readonly maxHoldWaitMs: number;
  private readonly instance = randomBytes(6).toString('hex');
  private seq = 0;
  private readonly robotsMemo = new Map<string, RobotsRecord>();
  private readonly robotsLoads = new Map<string, Promise<RobotsRecord>>();
  /** Per host, acquires of this process waiting for a busy host; a release wakes the first. */
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(opts: RedisPolitenessOptions) {
    this.redis = opts.redis as ScriptedRedis;
    if (typeof this.redis[ACQUIRE_CMD] !== 'function') {
      opts.redis.defineCommand(ACQUIRE_CMD, { numberOfKeys: 3, lua: ACQUIRE_LUA });
      opts.redis.defineCommand(BACKOFF_CMD, { numberOfKeys: 1, lua: BACKOFF_LUA });
    }
    this.prefix = opts.prefix;
    this.fetchRobots = opts.fetchRobots ?? defaultRobotsFetcher(opts.guard);
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxHoldWaitMs = opts.maxHoldWaitMs ?? 30_000;
  }

  private hostKey(host: string, part: 'leases' | 'next' | 'hold'): string {
    return `${this.prefix}:polite:host:${host}:${part}`;
  }

  private robotsKey(origin: string): string {
    return `${this.prefix}:polite:robots:${origin}`;
  }

  async acquire(url: string, policy: HostPolicy, userAgent: string): Promise<() => Promise<void>> {
    const target = new URL(url);
    const host = target.host.toLowerCase();
    let delayMs = policy.delayMs;
    if (target.pathname !== '/robots.txt') {
      const robots = await this.robotsFor(target.origin, host, policy, userAgent);
      if (robots.mode === 'disallow-all') {
        throw new RobotsUnavailableError(`${url}: ${robots.reason}; the site counts as disallowed until ${new Date(robots.expiresAt).toISOString()}`);
      }
      if (robots.mode === 'rules') {
        const group = groupFor(robots.groups, productToken(userAgent));
        if (group) {
          const { allowed, rule } = decide(group.rules, target);
          if (!allowed) throw new RobotsDisallowedError(url, `Disallow: ${rule!.pattern} for user-agent ${group.agents.join(', ')}`);
          if (group.crawlDelaySec) delayMs = Math.max(delayMs, Math.min(MAX_CRAWL_DELAY_MS, group.crawlDelaySec * 1000));
        }
      }
    }
    const lease = await this.slot(host, { perHostConcurrency: policy.perHostConcurrency, delayMs });
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await this.release(host, lease);
    };
  }

  async backOff(url: string, retryAfter: string | null): Promise<void> {
    const host = new URL(url).host.toLowerCase();
    const ms = retryAfterMs(retryAfter, this.clock());
    const [untilMs, now] = await this.redis[BACKOFF_CMD](this.hostKey(host, 'hold'), ms);
    this.log?.warn({ host, retryAfter, holdMs: untilMs - now }, `${host} asked us to back off`);
  }

  /** Waits for a lease on the host's slot; returns its id. */
  private async slot(host: string, policy: HostPolicy): Promise<string> {
    const id = `${this.instance}:${++this.seq}`;
    const concurrency = Math.max(1, Math.floor(policy.perHostConcurrency));
    const delayMs = Math.max(0, Math.floor(policy.delayMs));
    for (;;) {
      const [granted, wait, reason] = await this.redis[ACQUIRE_CMD](
        this.hostKey(host, 'leases'),
        this.hostKey(host, 'next'),
        this.hostKey(host, 'hold'),
        id,
        concurrency,
        delayMs,
        this.leaseMs,
      );
      if (granted === 1) return id;
      if (reason === 'backoff' && wait > this.maxHoldWaitMs) {
        throw new TransientError(`${host} backing off until ${new Date(Date.now() + wait).toISOString()} (429/503 with Retry-After)`);
      }
      if (reason === 'busy') await this.pause(host, Math.min(wait, BUSY_POLL_MS + Math.random() * BUSY_POLL_MS));
      else await this.pause(null, Math.min(wait, MAX_SLEEP_MS));
    }
  }

  private async release(host: string, lease: string): Promise<void> {
    try {
      await this.redis.zrem(this.hostKey(host, 'leases'), lease);
    } finally {
      this.waiters.get(host)?.shift()?.();
    }
  }

  private pause(host: string | null, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const list = host ? (this.waiters.get(host) ?? this.waiters.set(host, []).get(host)!) : null;
      const wake = () => {
        clearTimeout(timer);
        if (list) {
          const i = list.indexOf(wake);
          if (i >= 0) list.splice(i, 1);
          if (!list.length && this.waiters.get(host!) === list) this.waiters.delete(host!);
        }
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, ms));
      list?.push(wake);
    });
  }

  // -- robots.txt ---------------------------------------------------------------------------

  private fresh(record: RobotsRecord | undefined | null): record is RobotsRecord {
    const now = this.clock();
    return !!record && record.expiresAt > now && record.expiresAt - now <= ROBOTS_TTL_MS;
  }

  private async robotsFor(origin: string, host: string, policy: HostPolicy, userAgent: string): Promise<RobotsRecord> {
    const memo = this.robotsMemo.get(origin);
    if (this.fresh(memo)) return memo;
    let load = this.robotsLoads.get(origin);
    if (!load) {
      load = this.loadRobots(origin, host, policy, userAgent).finally(() => this.robotsLoads.delete(origin));
      this.robotsLoads.set(origin, load);
    }
    return load;
  }

  private async cachedRobots(origin: string): Promise<RobotsRecord | null> {
    const json = await this.redis.get(this.robotsKey(origin));
    if (!json) return null;
    try {
      const record = JSON.parse(json) as RobotsRecord;
      return this.fresh(record) ? record : null;
    } catch {
      return null;
    }
  }

  private remember(origin: string, record: RobotsRecord): RobotsRecord {
    if (this.robotsMemo.size > 10_000) this.robotsMemo.clear();
    this.robotsMemo.set(origin, record);
    return record;
  }

  private async loadRobots(origin: string, host: string, policy: HostPolicy, userAgent: string): Promise<RobotsRecord> {
    const cached = await this.cachedRobots(origin);
    if (cached) return this.remember(origin, cached);
    // The robots.txt request is a request to the host like any other: it takes the slot.
    const lease = await this.slot(host, policy);
    try {
      const again = await this.cachedRobots(origin); // another process may have fetched it meanwhile
      if (again) return this.remember(origin, again);
      const record = await this.fetchRecord(origin, userAgent);
      await this.redis.set(this.robotsKey(origin), JSON.stringify(record), 'PX', Math.max(1, record.expiresAt - record.fetchedAt));
      return this.remember(origin, record);
    } finally {
      await this.release(host, lease);
    }
  }

  private async fetchRecord(origin: string, userAgent: string): Promise<RobotsRecord> {
    const url = `${origin}/robots.txt`;
    const fetchedAt = this.clock();
    const allOrNothing = (mode: 'allow-all' | 'disallow-all', status: number, reason: string): RobotsRecord => ({
      mode,
      status,
      reason,
      fetchedAt,
      expiresAt: fetchedAt + (mode === 'disallow-all' ? ROBOTS_ERROR_TTL_MS : ROBOTS_TTL_MS),
    });
    let response: { status: number; body: string };
    try {
      response = await this.fetchRobots(url, userAgent);
    } catch (err) {
      this.log?.warn({ url, err: (err as Error).message }, 'robots.txt unreachable: the site counts as disallowed for 10 minutes');
      return allOrNothing('disallow-all', 0, `robots.txt unreachable (${(err as Error).message})`);
    }
    const { status } = response;
    this.log?.debug({ url, status }, 'fetched robots.txt');
    if (status >= 200 && status < 300) return { mode: 'rules', status, groups: parseRobots(response.body), fetchedAt, expiresAt: fetchedAt + ROBOTS_TTL_MS };
    // 429 is the server saying it is overloaded: treated like 5xx rather than as "no robots.txt".
    if (status === 429 || status >= 500 || status < 200) {
      this.log?.warn({ url, status }, 'robots.txt answered a server error: the site counts as disallowed for 10 minutes');
      return allOrNothing('disallow-all', status, `robots.txt answered HTTP ${status}`);
    }
    return allOrNothing('allow-all', status, `robots.txt answered HTTP ${status}`); // 3xx left over, 4xx
  }
}
