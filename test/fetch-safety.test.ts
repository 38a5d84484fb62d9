// fetchPage against a hostile server on 127.0.0.1: size cap (also after decompression: a gzip
// bomb), redirect cap, redirects and names leading to private addresses, DNS rebinding,
// non-HTML responses left unread, broken markup, and a body that never finishes.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../config/errors.js';
import { fetchPage, type FetchOptions } from '../crawlers/fetch-page.js';
import { HostGuard } from '../crawlers/host-guard.js';

const UA = 'silkwatch/0.1.0 (+https://github.com/silkwatch/silkwatch)';
const MB = 1024 * 1024;

interface Server {
  url: string;
  port: number;
  hits: string[];
  /** Requests whose response the client dropped before it was complete. */
  abandoned: string[];
  close(): Promise<void>;
}

async function serve(host: string, route: (path: string, req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Server> {
  const hits: string[] = [];
  const abandoned: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    res.on('close', () => {
      if (!res.writableFinished) abandoned.push(path);
    });
    route(path, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    hits,
    abandoned,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let hostile: Server;
let internal: Server; // an "internal service" on 127.0.0.2 that no redirect may reach
let bomb: Buffer;
const endless: http.ServerResponse[] = [];
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');

beforeAll(async () => {
  bomb = gzipSync(Buffer.alloc(50 * MB)); // ~50 KB on the wire, 50 MB once inflated
  internal = await serve('127.0.0.2', (_, __, res) => res.end('internal secret'));
  hostile = await serve('127.0.0.1', (path, req, res) => {
    const p = new URL(path, 'http://x').pathname;
    if (p === '/huge') {
      // Chunked, no Content-Length, never ends on its own: only the cap stops the client.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else if (p === '/huge-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MB) });
      res.write(Buffer.alloc(1024, 'a')); // and then nothing: the declared length alone must refuse it
      endless.push(res);
    } else if (p === '/bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    } else if (p === '/small-gzip') {
      const body = gzipSync(Buffer.from('<html><body><p>compressed fine</p></body></html>'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(body);
    } else if (p === '/loop') {
      const n = Number(new URL(path, 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/loop?n=${n + 1}` });
      res.end();
    } else if (p === '/to-internal') {
      res.writeHead(302, { location: `${internal.url}/secret` });
      res.end();
    } else if (p === '/to-metadata') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (p === '/to-localhost') {
      res.writeHead(302, { location: `http://localhost:${(req.socket.localPort ?? 0)}/page.html` });
      res.end();
    } else if (p === '/to-page') {
      res.writeHead(301, { location: '/page.html' });
      res.end();
    } else if (p === '/report.pdf' || p === '/download' || p === '/file.pdf' || p === '/photo') {
      // Headers and the first bytes, then the body stalls forever: reading it would time out.
      const type = p === '/report.pdf' ? 'application/pdf' : p === '/photo' ? 'image/jpeg' : 'application/octet-stream';
      const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'content-length': String(20 * MB) };
      if (p === '/download') headers['content-disposition'] = 'attachment; filename="notice.docx"';
      res.writeHead(200, headers);
      res.write(PDF_HEAD);
      endless.push(res);
    } else if (p === '/page.bin.html') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('<html><body>served as octet-stream</body></html>');
    } else if (p === '/broken') {
      res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
      res.end(Buffer.from('<html><head><title>unclosed<body><p>通知 <div><b>text &nbsp <a href="', 'utf8'));
    } else if (p === '/stall-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first part…');
      endless.push(res); // never ends
    } else if (p === '/stall-headers') {
      endless.push(res); // never answers
    } else if (p === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>page</p></body></html>');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

afterAll(async () => {
  for (const res of endless) res.destroy();
  await Promise.all([hostile?.close(), internal?.close()]);
});

const loopbackOnly = new HostGuard(['127.0.0.1']);
const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({ userAgent: UA, guard: loopbackOnly, timeoutMs: 5000, ...extra });
const failure = (promise: Promise<unknown>) => promise.then(() => new Error('expected a failure'), (err: unknown) => err as Error);

describe('fetchPage size cap', () => {
  it('stops a huge page at the cap with a PermanentError', async () => {
    const err = await failure(fetchPage(`${hostile.url}/huge`, opts({ maxBytes: 2 * MB })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/larger than 2097152 bytes/);
  });

  it('refuses a declared Content-Length above the cap without reading the body', async () => {
    const started = performance.now();
    const err = await failure(fetchPage(`${hostile.url}/huge-declared`, opts({ maxBytes: 2 * MB })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/Content-Length 52428800/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('counts decompressed bytes: a gzip bomb stops at the cap, quickly', async () => {
    const started = performance.now();
    const err = await failure(fetchPage(`${hostile.url}/bomb`, opts({ maxBytes: 1 * MB })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/larger than 1048576 bytes/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('still decompresses ordinary gzip pages', async () => {
    const page = await fetchPage(`${hostile.url}/small-gzip`, opts());
    expect(page.body.toString()).toBe('<html><body><p>compressed fine</p></body></html>');
    expect(page.kind).toBe('html');
  });
});

describe('fetchPage redirects and private addresses', () => {
  it('gives up after the redirect cap', async () => {
    const before = hostile.hits.filter((h) => h.startsWith('/loop')).length;
    const err = await failure(fetchPage(`${hostile.url}/loop`, opts({ maxRedirects: 5 })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/more than 5 redirects/);
    expect(hostile.hits.filter((h) => h.startsWith('/loop')).length - before).toBe(6);
  });

  it('follows an ordinary redirect and reports the final URL', async () => {
    const page = await fetchPage(`${hostile.url}/to-page`, opts());
    expect(page.url).toBe(`${hostile.url}/page.html`);
  });

  it('refuses a redirect to another private address (127.0.0.2 while only 127.0.0.1 is allowed)', async () => {
    const err = await failure(fetchPage(`${hostile.url}/to-internal`, opts()));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/refused http:\/\/127\.0\.0\.2:\d+: 127\.0\.0\.2 resolves to the private address 127\.0\.0\.2/);
    expect(internal.hits).toEqual([]);
    // The same URL is reachable when allowed: the refusal above is the guard's doing.
    const open = await fetchPage(`${internal.url}/secret`, opts({ guard: new HostGuard(['127.0.0.0/8']) }));
    expect(open.body.toString()).toBe('internal secret');
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const err = await failure(fetchPage(`${hostile.url}/to-metadata`, opts()));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/169\.254\.169\.254/);
  });

  it('refuses a redirect to a name that resolves to a private address (localhost)', async () => {
    // The hostile site is allowed by name only (hostile.test → 127.0.0.1); its redirect to
    // localhost reaches the same address under a name nobody allowed, and must be refused.
    const named = new HostGuard(['hostile.test'], {
      resolve: async (host) => (host === 'hostile.test' ? [{ address: '127.0.0.1', family: 4 }] : lookup(host, { all: true })),
    });
    const before = hostile.hits.length;
    const err = await failure(fetchPage(`http://hostile.test:${hostile.port}/to-localhost`, opts({ guard: named })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/refused http:\/\/localhost:\d+: localhost resolves to the private address/);
    expect(hostile.hits.length - before).toBe(1); // only /to-localhost itself
  });

  it('refuses a host name resolving to 127.0.0.1 unless ALLOW_PRIVATE_HOSTS lists it', async () => {
    const before = hostile.hits.length;
    const err = await failure(fetchPage(`http://localhost:${hostile.port}/page.html`, opts({ guard: new HostGuard([]) })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/localhost resolves to the private address/);
    expect(hostile.hits.length).toBe(before);
    const page = await fetchPage(`http://localhost:${hostile.port}/page.html`, opts({ guard: new HostGuard(['localhost']) }));
    expect(page.status).toBe(200);
  });

  it('connects to the address the guard checked: DNS rebinding is refused at connect time', async () => {
    // A resolver that answers a public address first (the pre-flight check) and 127.0.0.1 after,
    // the way a rebinding attacker's DNS does. Without pinning, the socket would reach 127.0.0.1.
    let calls = 0;
    const rebinding = new HostGuard([], {
      resolve: async () => (calls++ === 0 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
    });
    const before = hostile.hits.length;
    const err = await failure(fetchPage(`http://rebind.example:${hostile.port}/page.html`, opts({ guard: rebinding })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/rebind\.example resolves to the private address 127\.0\.0\.1/);
    expect(calls).toBe(2);
    expect(hostile.hits.length).toBe(before);
  });

  it('lets public addresses through (IPv4 and IPv4-mapped IPv6) and refuses mapped private ones', async () => {
    const resolving = (address: string, family: number) => new HostGuard([], { resolve: async () => [{ address, family }] });
    await expect(resolving('93.184.215.14', 4).check('https://www.example.gov.cn/')).resolves.toBeUndefined();
    await expect(resolving('::ffff:93.184.215.14', 6).check('https://www.example.gov.cn/')).resolves.toBeUndefined();
    await expect(resolving('2001:db8::1', 6).check('https://www.example.gov.cn/')).resolves.toBeUndefined();
    await expect(resolving('::ffff:10.1.2.3', 6).check('https://www.example.gov.cn/')).rejects.toThrow(/private address ::ffff:10\.1\.2\.3/);
    await expect(resolving('fd00::1', 6).check('https://www.example.gov.cn/')).rejects.toThrow(/private address fd00::1/);
    await expect(new HostGuard([]).check('http://[::ffff:127.0.0.1]/')).rejects.toThrow(/private address/);
  });

  it('connects through the guard resolver (a name only it knows reaches the server it names)', async () => {
    const pinned = new HostGuard(['127.0.0.1'], { resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const page = await fetchPage(`http://fixture.invalid:${hostile.port}/page.html`, opts({ guard: pinned }));
    expect(page.body.toString()).toContain('page');
  });
});

describe('fetchPage content', () => {
  it.each([
    ['/report.pdf', 'application/pdf'],
    ['/photo', 'image/jpeg'],
    ['/file.pdf', 'application/octet-stream'],
    ['/download', 'application/octet-stream'],
  ])('records %s (%s) as an attachment without reading its body', async (path, type) => {
    const started = performance.now();
    const page = await fetchPage(`${hostile.url}${path}`, opts({ timeoutMs: 3000 }));
    expect(page).toMatchObject({ kind: 'attachment', status: 200, contentType: type, notModified: false, url: `${hostile.url}${path}` });
    expect(page.body.length).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500); // reading the stalled body would take the 3 s timeout
  });

  it('reads an octet-stream response whose URL looks like a page as HTML', async () => {
    const page = await fetchPage(`${hostile.url}/page.bin.html`, opts());
    expect(page.kind).toBe('html');
    expect(page.body.toString()).toContain('served as octet-stream');
  });

  it('returns the bytes of broken markup as they came', async () => {
    const page = await fetchPage(`${hostile.url}/broken`, opts());
    expect(page.kind).toBe('html');
    expect(page.body.equals(Buffer.from('<html><head><title>unclosed<body><p>通知 <div><b>text &nbsp <a href="', 'utf8'))).toBe(true);
    expect(page.contentType).toBe('text/html; charset=GBK');
  });

  it('times out on a body that never finishes (the timeout covers the body)', async () => {
    const started = performance.now();
    const err = await failure(fetchPage(`${hostile.url}/stall-body`, opts({ timeoutMs: 600 })));
    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toMatch(/timed out after 600 ms/);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(590);
    expect(elapsed).toBeLessThan(5000);
  });

  it('times out on a server that never answers', async () => {
    const err = await failure(fetchPage(`${hostile.url}/stall-headers`, opts({ timeoutMs: 400 })));
    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toMatch(/timed out after 400 ms/);
  });

  it('still classifies 404 as gone and sends our User-Agent', async () => {
    const err = await failure(fetchPage(`${hostile.url}/nothing-here`, opts()));
    expect(err.name).toBe('GoneError');
  });
});
