// One polite, bounded HTTP GET of an article page: our User-Agent, conditional headers, a
// size cap (10 MB after decompression), a redirect cap with the host guard applied to every
// hop, a timeout covering the whole exchange (connect, headers and body). Classifies failures:
// 404/410 and other 4xx are permanent, 429/5xx and network errors transient (retried by the queue).
//
// Requests go through node:http / node:https (not the global fetch) so that the socket connects
// to the addresses the HostGuard checked (`lookup: guard.lookup`): a name that re-resolves to a
// private address between the check and the connection (DNS rebinding) is refused. Bodies are
// decompressed here, so the cap counts decompressed bytes and a gzip bomb stops at the cap.
// A response that is not HTML (PDF, Word, images, ...) is not read: the page comes back with
// `kind: 'attachment'` and an empty body, for the caller to record as an attachment link.
import http from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { PermanentError, reasonOf, TransientError } from '../config/errors.js';
import type { HostGuard } from './host-guard.js';
import { noPoliteness, type HostPolicy, type Politeness } from './politeness.js';

export interface FetchOptions {
  userAgent: string;
  guard: HostGuard;
  politeness?: Politeness;
  policy?: HostPolicy;
  etag?: string | null;
  lastModified?: string | null;
  /** Per hop: connect, headers and the whole body. Default 30 s. */
  timeoutMs?: number;
  /** Decompressed bytes. Default 10 MB. */
  maxBytes?: number;
  maxRedirects?: number;
}

export interface FetchedPage {
  url: string;
  status: number;
  notModified: boolean;
  /** 'attachment': not HTML (PDF, Word, image...); the body was not read and is empty. */
  kind: 'html' | 'attachment';
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

export class GoneError extends PermanentError {
  override name = 'GoneError';
}

// Keep-alive pools per guard: every socket in a pool was opened through that guard's lookup, so
// a reused connection never bypasses it. Idle sockets close after 4 s, before the common 5 s
// server keep-alive timeout. Requests without a guard use Node's global agents.
type Agents = { 'http:': http.Agent; 'https:': https.Agent };
const pools = new WeakMap<HostGuard, Agents>();
function agentsFor(guard: HostGuard | undefined): Agents {
  if (!guard) return { 'http:': http.globalAgent, 'https:': https.globalAgent };
  let agents = pools.get(guard);
  if (!agents) {
    agents = { 'http:': new http.Agent({ keepAlive: true, timeout: 4000 }), 'https:': new https.Agent({ keepAlive: true, timeout: 4000 }) };
    pools.set(guard, agents);
  }
  return agents;
}

/** Extensions of documents Chinese government sites attach (OFD, WPS included). */
const ATTACHMENT_EXT = /\.(pdf|ofd|docx?|wps|xlsx?|et|pptx?|dps|rtf|zip|rar|7z|gz|tgz|tar|jpe?g|png|gif|bmp|tiff?|webp|svg|mp3|mp4|avi|wmv|flv|mov|ceb|caj)$/i;

/**
 * 'html' for text/html and application/xhtml+xml; for a missing, generic (octet-stream) or
 * text/plain type the URL decides (a .pdf path is an attachment, anything else is tried as HTML);
 * every other type (application/pdf, image/*, application/msword...) is an attachment, and so is
 * a response sent with `Content-Disposition: attachment`.
 */
export function pageKind(contentType: string | null, url: string, disposition?: string | null): 'html' | 'attachment' {
  if (disposition && /^\s*attachment/i.test(disposition)) return 'attachment';
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === '' || mime === 'application/octet-stream' || mime === 'binary/octet-stream' || mime === 'text/plain') {
    return ATTACHMENT_EXT.test(new URL(url).pathname) ? 'attachment' : 'html';
  }
  return 'attachment';
}

export interface RawResponse {
  status: number;
  header(name: string): string | null;
  /** Reads the decompressed body up to `maxBytes`: past it, throws PermanentError, or with `truncate` returns the first `maxBytes`. */
  read(maxBytes: number, opts?: { truncate?: boolean }): Promise<Buffer>;
  /** Drops the body unread (closes the connection). */
  discard(): void;
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  // Sync flush at the end tolerates a truncated stream the way browsers do.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(lenient);
    case 'deflate':
      return zlib.createInflate(lenient);
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/**
 * One GET (no redirect following) whose socket connects only to addresses the guard allows.
 * `signal` aborts everything, body included. Resolves once the headers have arrived.
 */
export function request(url: string, opts: { headers: Record<string, string>; guard?: HostGuard; signal: AbortSignal }): Promise<RawResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.reject(new PermanentError(`refused ${url}: only http and https are fetched`));
  const mod = target.protocol === 'https:' ? https : http;
  const attempt = (retry: boolean): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      if (opts.signal.aborted) return reject(opts.signal.reason);
      const req = mod.request(target, {
        method: 'GET',
        agent: agentsFor(opts.guard)[target.protocol as 'http:' | 'https:'],
        headers: { 'accept-encoding': 'gzip, deflate, br', ...opts.headers },
        ...(opts.guard ? { lookup: opts.guard.lookup } : {}),
      });
      let res: http.IncomingMessage | undefined;
      let body: Readable | undefined;
      const onAbort = () => {
        const reason = opts.signal.reason;
        req.destroy(reason);
        res?.destroy(reason);
        body?.destroy(reason);
      };
      opts.signal.addEventListener('abort', onAbort, { once: true });
      const done = () => opts.signal.removeEventListener('abort', onAbort);
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (res) return; // reported through the body stream
        done();
        // A kept-alive socket the server closed meanwhile: one fresh attempt (GET is idempotent).
        if (retry && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) resolve(attempt(false));
        else reject(err);
      });
      req.on('response', (response) => {
        res = response;
        response.on('error', () => {}); // surfaced by read() (or irrelevant after discard())
        const decoder = decoderFor(response.headers['content-encoding']);
        body = decoder ? pipeline(response, decoder, () => {}) : response;
        const stream = body;
        const discard = () => {
          done();
          response.destroy();
          if (stream !== response) stream.destroy();
        };
        resolve({
          status: response.statusCode ?? 0,
          header(name) {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
          discard,
          async read(maxBytes, readOpts = {}) {
            const chunks: Buffer[] = [];
            let size = 0;
            try {
              for await (const chunk of stream as AsyncIterable<Buffer>) {
                if (size + chunk.length > maxBytes) {
                  if (!readOpts.truncate) throw new PermanentError(`${url}: response larger than ${maxBytes} bytes`);
                  chunks.push(chunk.subarray(0, maxBytes - size));
                  size = maxBytes;
                  break;
                }
                size += chunk.length;
                chunks.push(chunk);
              }
            } finally {
              discard(); // stops reading (and decompressing) at once; no-op after a complete body
            }
            return Buffer.concat(chunks, size);
          },
        });
      });
      req.end();
    });
  return attempt(true);
}

/** Runs `fn` with a signal that aborts after `timeoutMs`; failures become Transient/PermanentError. */
export async function bounded<T>(url: string, timeoutMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TransientError(`${url}: timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await fn(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) throw controller.signal.reason;
    if (err instanceof PermanentError || err instanceof TransientError) throw err;
    throw new TransientError(`${url}: ${reasonOf((err as { cause?: unknown }).cause ?? err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** One request of one hop, under the host's politeness slot. */
async function hop(url: string, opts: FetchOptions, policy: HostPolicy, politeness: Politeness, maxBytes: number, timeoutMs: number) {
  await opts.guard.check(url);
  const release = await politeness.acquire(url, policy, opts.userAgent);
  try {
    const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    // The timeout starts once the slot is ours: waiting for a turn is not the site being slow.
    return await bounded(url, timeoutMs, async (signal) => {
      const response = await request(url, { headers, guard: opts.guard, signal });
      const { status } = response;
      const meta = {
        url,
        status,
        contentType: response.header('content-type'),
        etag: response.header('etag'),
        lastModified: response.header('last-modified'),
      };
      if (status >= 300 && status < 400 && status !== 304) {
        response.discard();
        const location = response.header('location');
        if (!location) throw new PermanentError(`${url}: redirect ${status} without Location`);
        return { redirect: new URL(location, url).toString() } as const;
      }
      const kind = pageKind(meta.contentType, url, response.header('content-disposition'));
      if (status === 304) {
        response.discard();
        return { page: { ...meta, kind, notModified: true, body: Buffer.alloc(0) } } as const;
      }
      if (status === 404 || status === 410) {
        response.discard();
        throw new GoneError(`${url}: HTTP ${status}`);
      }
      if (status === 429 || status === 503) {
        response.discard();
        await politeness.backOff(url, response.header('retry-after'));
        throw new TransientError(`${url}: HTTP ${status}`);
      }
      if (status >= 500) {
        response.discard();
        throw new TransientError(`${url}: HTTP ${status}`);
      }
      if (status >= 400) {
        response.discard();
        throw new PermanentError(`${url}: HTTP ${status}`);
      }
      if (kind === 'attachment') {
        response.discard();
        return { page: { ...meta, kind, notModified: false, body: Buffer.alloc(0) } } as const;
      }
      const declared = Number(response.header('content-length'));
      if (!response.header('content-encoding') && declared > maxBytes) {
        response.discard();
        throw new PermanentError(`${url}: response larger than ${maxBytes} bytes (Content-Length ${declared})`);
      }
      return { page: { ...meta, kind, notModified: false, body: await response.read(maxBytes) } } as const;
    });
  } finally {
    await release();
  }
}

export async function fetchPage(startUrl: string, opts: FetchOptions): Promise<FetchedPage> {
  const { timeoutMs = 30_000, maxBytes = 10 * 1024 * 1024, maxRedirects = 5 } = opts;
  const politeness = opts.politeness ?? noPoliteness;
  const policy = opts.policy ?? { perHostConcurrency: 1, delayMs: 1000 };
  let url = startUrl;
  for (let n = 0; n <= maxRedirects; n++) {
    const result = await hop(url, opts, policy, politeness, maxBytes, timeoutMs);
    if (result.page) return result.page;
    url = result.redirect;
  }
  throw new PermanentError(`${startUrl}: more than ${maxRedirects} redirects`);
}
