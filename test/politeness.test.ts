// The cross-process politeness gate on real Redis and real HTTP servers on 127.0.0.1: robots.txt
// (RFC 9309) parsing, fetching and caching; per-host concurrency and delay shared by two
// RedisPoliteness instances on separate connections (two processes' worth); back-off after 429;
// lease expiry. Waits are on promises; timing bounds are lower bounds only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../config/errors.js';
import { fetchPage } from '../crawlers/fetch-page.js';
import { HostGuard } from '../crawlers/host-guard.js';
import {
  decide,
  groupFor,
  normalisePath,
  parseRobots,
  RedisPoliteness,
  retryAfterMs,
  RobotsDisallowedError,
  RobotsUnavailableError,
  type RedisPolitenessOptions,
} from '../crawlers/redis-politeness.js';
import { deletePrefix, REDIS_URL, testPrefix } from './support/queues.js';

const UA = 'silkwatch/0.1.0 (+https://github.com/silkwatch/silkwatch)';
const guard = new HostGuard(['127.0.0.1']);

function allowed(robots: string, path: string, ua = UA): boolean {
  const group = groupFor(parseRobots(robots), ua.split('/')[0].toLowerCase());
  return group ? decide(group.rules, new URL(path, 'https://example.org')).allowed : true;
}

describe('robots.txt rules (RFC 9309)', () => {
  const table: [string, string, string, boolean][] = [
    // [case, robots.txt, path, allowed]
    ['longest match wins (disallow longer)', 'User-agent: *\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif', '/example/page/disallowed.gif', false],
    ['longest match wins (allow longer)', 'User-agent: *\nDisallow: /example/\nAllow: /example/page/', '/example/page/x.html', true],
    ['shorter disallow still applies elsewhere', 'User-agent: *\nDisallow: /example/\nAllow: /example/page/', '/example/other.html', false],
    ['allow wins a tie', 'User-agent: *\nAllow: /example/page\nDisallow: /example/page', '/example/page', true],
    ['allow wins a tie (order reversed)', 'User-agent: *\nDisallow: /example/page\nAllow: /example/page', '/example/page', true],
    ['$ anchors the end', 'User-agent: *\nDisallow: /*.gif$', '/images/a.gif', false],
    ['$ anchored: query string does not end in .gif', 'User-agent: *\nDisallow: /*.gif$', '/images/a.gif?x=1', true],
    ['$ anchored: exact path only', 'User-agent: *\nDisallow: /$', '/', false],
    ['$ anchored: other paths allowed', 'User-agent: *\nDisallow: /$', '/index.html', true],
    ['* matches any run', 'User-agent: *\nDisallow: /*/private/', '/a/b/private/doc.html', false],
    ['* needs the rest to match', 'User-agent: *\nDisallow: /*/private/', '/a/public/doc.html', true],
    ['query strings are part of the path', 'User-agent: *\nDisallow: /search?q=', '/search?q=bri', false],
    ['prefix match', 'User-agent: *\nDisallow: /fish', '/fish.html', false],
    ['prefix match is case sensitive', 'User-agent: *\nDisallow: /fish', '/Fish.html', true],
    ['empty Disallow allows all', 'User-agent: *\nDisallow:', '/anything', true],
    ['rules before any user-agent are ignored', 'Disallow: /\nUser-agent: *\nAllow: /', '/x', true],
    ['non-ASCII pattern matches the encoded URL', 'User-agent: *\nDisallow: /foo/bar/ツ', '/foo/bar/%E3%83%84', false],
    ['encoded pattern matches the encoded URL', 'User-agent: *\nDisallow: /foo/bar/%E3%83%84', '/foo/bar/ツ', false],
    ['unreserved escapes are decoded', 'User-agent: *\nDisallow: /foo/bar/%62%61%7A', '/foo/bar/baz', false],
    ['escape case does not matter', 'User-agent: *\nDisallow: /a%3cb', '/a%3Cb', false],
    ['comments and BOM are ignored', '\uFEFF# hello\nUser-agent: * # everyone\nDisallow: /private # keep out', '/private/x', false],
    ['robots.txt itself is always allowed', 'User-agent: *\nDisallow: /', '/robots.txt', true],
    ['no group for us and no * group: allowed', 'User-agent: otherbot\nDisallow: /', '/x', true],
  ];
  it.each(table)('%s', (_, robots, path, expected) => {
    expect(allowed(robots, path)).toBe(expected);
  });

  const groups = `User-agent: *
Disallow: /

User-agent: otherbot
User-agent: SilkWatch/2.0
Disallow: /private/
Crawl-delay: 2

User-agent: silkwatch
Disallow: /drafts/
`;
  it('selects every group naming our product token (case-insensitive, version ignored), merged', () => {
    expect(allowed(groups, '/news/1.html')).toBe(true);
    expect(allowed(groups, '/private/1.html')).toBe(false);
    expect(allowed(groups, '/drafts/1.html')).toBe(false);
    expect(groupFor(parseRobots(groups), 'silkwatch')?.crawlDelaySec).toBe(2);
  });

  it('falls back to the * group for other agents', () => {
    expect(allowed(groups, '/news/1.html', 'somebot/1.0')).toBe(false);
  });

  it('normalises percent-encoding as RFC 9309 §2.2.2 shows', () => {
    expect(normalisePath('/foo/bar?baz=quz')).toBe('/foo/bar?baz=quz');
    expect(normalisePath('/foo/bar/ツ')).toBe('/foo/bar/%E3%83%84');
    expect(normalisePath('/foo/bar/%e3%83%84')).toBe('/foo/bar/%E3%83%84');
    expect(normalisePath('/foo/bar/%62%61%7A')).toBe('/foo/bar/baz');
  });

  it('reads Retry-After as seconds or an HTTP date, default 60 s, within [1 s, 1 h]', () => {
    const now = Date.parse('2026-11-23T08:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Mon, 23 Nov 2026 08:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs(null, now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBe(60_000);
    expect(retryAfterMs('86400', now)).toBe(3600_000);
    expect(retryAfterMs('0', now)).toBe(1000);
  });
});

// --- real Redis, real servers -------------------------------------------------------------------

interface Hit {
  path: string;
  ua: string | undefined;
  start: number;
  end?: number;
}

interface Site {
  url: string;
  hits: Hit[];
  /** Most requests in flight at once (request received → response finished). */
  maxInFlight(): number;
  close(): Promise<void>;
}

type Route = (path: string, res: http.ServerResponse, hit: Hit) => void;

async function serve(route: Route): Promise<Site> {
  const hits: Hit[] = [];
  let inFlight = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    const hit: Hit = { path: req.url ?? '/', ua: req.headers['user-agent'], start: performance.now() };
    hits.push(hit);
    inFlight++;
    max = Math.max(max, inFlight);
    res.on('close', () => {
      hit.end = performance.now();
      inFlight--;
    });
    route(hit.path, res, hit);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    maxInFlight: () => max,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const html = (res: http.ServerResponse, body = '<html><body><p>ok</p></body></html>', delayMs = 0) => {
  const send = () => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  if (delayMs) setTimeout(send, delayMs);
  else send();
};

const robots = (text: string | number) => (path: string, res: http.ServerResponse) => {
  if (path === '/robots.txt') {
    if (typeof text === 'number') {
      res.writeHead(text, { 'content-type': 'text/plain' });
      res.end('error');
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
    }
    return true;
  }
  return false;
};

let prefix: string;
const connections: Redis[] = [];
const sites: Site[] = [];

function gate(opts: Partial<RedisPolitenessOptions> = {}): RedisPoliteness {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  return new RedisPoliteness({ redis, prefix, guard, ...opts });
}

async function site(route: Route): Promise<Site> {
  const s = await serve(route);
  sites.push(s);
  return s;
}

const count = (s: Site, path: string) => s.hits.filter((h) => h.path === path).length;
const fast = { perHostConcurrency: 4, delayMs: 0 };

beforeAll(() => {
  prefix = testPrefix('polite');
});

afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
  connections.forEach((c) => c.disconnect());
  await deletePrefix(prefix);
});

describe('RedisPoliteness: robots.txt', () => {
  it('fetches robots.txt once with our User-Agent and refuses a disallowed URL naming the rule', async () => {
    const s = await site((path, res) => robots('User-agent: *\nDisallow: /private/\n')(path, res) || html(res));
    const polite = gate();
    const releases = await Promise.all([1, 2, 3, 4].map((n) => polite.acquire(`${s.url}/news/${n}.html`, fast, UA)));
    await Promise.all(releases.map((r) => r()));
    const err = await polite.acquire(`${s.url}/private/a.html`, fast, UA).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RobotsDisallowedError);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toContain(`${s.url}/private/a.html`);
    expect((err as Error).message).toContain('Disallow: /private/');
    expect(count(s, '/robots.txt')).toBe(1);
    expect(s.hits.find((h) => h.path === '/robots.txt')?.ua).toBe(UA);
    // Through fetchPage, too: no request for the disallowed page reaches the site.
    await expect(fetchPage(`${s.url}/private/b.html`, { userAgent: UA, guard, politeness: polite, policy: fast })).rejects.toBeInstanceOf(RobotsDisallowedError);
    expect(count(s, '/private/b.html')).toBe(0);
  });

  it('treats a 404 robots.txt as allow all', async () => {
    const s = await site((path, res) => robots(404)(path, res) || html(res));
    const page = await fetchPage(`${s.url}/anything/at/all.html`, { userAgent: UA, guard, politeness: gate(), policy: fast });
    expect(page.status).toBe(200);
    expect(count(s, '/robots.txt')).toBe(1);
  });

  it('treats a 500 robots.txt as disallow all, cached (a transient refusal the queue retries later)', async () => {
    const s = await site((path, res) => robots(500)(path, res) || html(res));
    const polite = gate();
    for (let i = 0; i < 2; i++) {
      const err = await polite.acquire(`${s.url}/news/1.html`, fast, UA).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RobotsUnavailableError);
      expect(err).toBeInstanceOf(TransientError);
      expect((err as Error).message).toMatch(/HTTP 500.*disallowed until/);
    }
    // A second process reads the cached verdict instead of asking again.
    await expect(gate().acquire(`${s.url}/news/2.html`, fast, UA)).rejects.toBeInstanceOf(RobotsUnavailableError);
    expect(count(s, '/robots.txt')).toBe(1);
    expect(count(s, '/news/1.html')).toBe(0);
  });

  it('treats an unreachable robots.txt as disallow all', async () => {
    const s = await site((_, res) => res.socket?.destroy());
    await expect(gate().acquire(`${s.url}/news/1.html`, fast, UA)).rejects.toThrow(/robots.txt unreachable/);
  });

  it('follows robots.txt redirects (up to five)', async () => {
    const s = await site((path, res) => {
      const m = /^\/robots(\d*)\.txt$/.exec(path);
      if (m && Number(m[1] || 0) < 3) {
        res.writeHead(301, { location: `/robots${Number(m[1] || 0) + 1}.txt` });
        res.end();
      } else if (m) robots('User-agent: silkwatch\nDisallow: /\n')('/robots.txt', res);
      else html(res);
    });
    await expect(gate().acquire(`${s.url}/news/1.html`, fast, UA)).rejects.toBeInstanceOf(RobotsDisallowedError);
    expect(s.hits.map((h) => h.path)).toEqual(['/robots.txt', '/robots1.txt', '/robots2.txt', '/robots3.txt']);
  });

  it('caches robots.txt for 24 h and no longer (injected clock)', async () => {
    const s = await site((path, res) => robots('User-agent: *\nDisallow: /private/\n')(path, res) || html(res));
    let now = Date.parse('2026-11-23T08:00:00Z');
    const clock = () => now;
    const first = gate({ clock });
    await (await first.acquire(`${s.url}/a.html`, fast, UA))();
    now += 23 * 3600_000; // same process (memory) and another process (Redis): no refetch
    await (await first.acquire(`${s.url}/b.html`, fast, UA))();
    await (await gate({ clock }).acquire(`${s.url}/c.html`, fast, UA))();
    expect(count(s, '/robots.txt')).toBe(1);
    now += 3600_000 + 1000; // 24 h after the fetch: fetched again, by whichever process asks first
    await (await first.acquire(`${s.url}/d.html`, fast, UA))();
    expect(count(s, '/robots.txt')).toBe(2);
    await (await gate({ clock }).acquire(`${s.url}/e.html`, fast, UA))();
    expect(count(s, '/robots.txt')).toBe(2);
  });
});

describe('RedisPoliteness: per-host slots across processes', () => {
  it('two instances sharing a prefix never exceed concurrency 1 and keep delayMs between starts', async () => {
    const delayMs = 500;
    const s = await site((path, res) => robots(404)(path, res) || html(res, undefined, 60));
    const [a, b] = [gate(), gate()];
    const policy = { perHostConcurrency: 1, delayMs };
    const get = (polite: RedisPoliteness, n: number) => fetchPage(`${s.url}/news/${n}.html`, { userAgent: UA, guard, politeness: polite, policy });
    await Promise.all([1, 2].flatMap((n) => [get(a, n), get(b, n + 10)]));
    expect(s.hits).toHaveLength(5); // robots.txt (through the slot too) + 4 pages
    expect(s.maxInFlight()).toBe(1);
    const starts = s.hits.map((h) => h.start).sort((x, y) => x - y);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0.9 * delayMs);
  });

  it('a 429 with Retry-After: 2 holds the host for every instance', async () => {
    const s = await site((path, res) => {
      if (robots(404)(path, res)) return;
      if (path === '/busy') {
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/plain' });
        res.end('slow down');
      } else html(res);
    });
    const [a, b] = [gate(), gate()];
    await expect(fetchPage(`${s.url}/busy`, { userAgent: UA, guard, politeness: a, policy: fast })).rejects.toBeInstanceOf(TransientError);
    const refusedAt = s.hits.find((h) => h.path === '/busy')!.start;
    await Promise.all([
      fetchPage(`${s.url}/a.html`, { userAgent: UA, guard, politeness: a, policy: fast }),
      fetchPage(`${s.url}/b.html`, { userAgent: UA, guard, politeness: b, policy: fast }),
    ]);
    for (const path of ['/a.html', '/b.html']) {
      expect(s.hits.find((h) => h.path === path)!.start - refusedAt).toBeGreaterThanOrEqual(1950);
    }
  });

  it('a hold longer than 30 s throws a TransientError instead of sleeping', async () => {
    const s = await site((path, res) => robots(404)(path, res) || html(res));
    const polite = gate();
    await polite.backOff(`${s.url}/x`, '120');
    const started = performance.now();
    const err = await gate().acquire(`${s.url}/y.html`, fast, UA).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toMatch(/backing off until \d{4}-\d\d-\d\dT/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a lease never released frees itself after leaseMs', async () => {
    const s = await site((path, res) => robots(404)(path, res) || html(res));
    const policy = { perHostConcurrency: 1, delayMs: 0 };
    const crashed = gate({ leaseMs: 400 });
    await crashed.acquire(`${s.url}/a.html`, policy, UA); // never released: the process "crashed"
    const started = performance.now();
    const release = await gate().acquire(`${s.url}/b.html`, policy, UA);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    await release();
  });

  it('gives concurrent slots up to perHostConcurrency at once when delayMs is 0', async () => {
    const s = await site((path, res) => robots(404)(path, res) || html(res));
    const polite = gate();
    const policy = { perHostConcurrency: 3, delayMs: 0 };
    const held = await Promise.all([1, 2, 3].map((n) => polite.acquire(`${s.url}/${n}.html`, policy, UA)));
    let fourth = false;
    const next = polite.acquire(`${s.url}/4.html`, policy, UA).then((r) => {
      fourth = true;
      return r;
    });
    await held[0]();
    expect(fourth).toBe(false);
    const r4 = await next; // woken by the release
    expect(fourth).toBe(true);
    await Promise.all([r4(), held[1](), held[2]()]);
  });
});
