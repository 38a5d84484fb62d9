// One polite, bounded HTTP GET of an article page: our User-Agent, conditional headers, a
// size cap (10 MB after decompression), a redirect cap with the host guard applied to every
// hop, a timeout. Classifies failures: 404/410 and other 4xx are permanent, 429/5xx and
// network errors transient (retried by the queue).
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
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface FetchedPage {
  url: string;
  status: number;
  notModified: boolean;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

export class GoneError extends PermanentError {
  override name = 'GoneError';
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new PermanentError(`${url}: response larger than ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Drops a response body we will not read (frees the connection). */
const discard = (response: Response) => response.body?.cancel().catch(() => {});

/** One request of one hop, under the host's politeness slot. */
async function hop(url: string, opts: FetchOptions, policy: HostPolicy, politeness: Politeness, maxBytes: number, timeoutMs: number) {
  await opts.guard.check(url);
  const release = await politeness.acquire(url, policy, opts.userAgent);
  try {
    const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new TransientError(`${url}: ${reasonOf((err as { cause?: unknown }).cause ?? err)}`);
    }
    const { status } = response;
    const meta = {
      url,
      status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
    if (status >= 300 && status < 400 && status !== 304) {
      await discard(response);
      const location = response.headers.get('location');
      if (!location) throw new PermanentError(`${url}: redirect ${status} without Location`);
      return { redirect: new URL(location, url).toString() } as const;
    }
    if (status === 304) {
      await discard(response);
      return { page: { ...meta, notModified: true, body: Buffer.alloc(0) } } as const;
    }
    if (status === 404 || status === 410) {
      await discard(response);
      throw new GoneError(`${url}: HTTP ${status}`);
    }
    if (status === 429 || status === 503) {
      await discard(response);
      await politeness.backOff(url, response.headers.get('retry-after'));
      throw new TransientError(`${url}: HTTP ${status}`);
    }
    if (status >= 500) {
      await discard(response);
      throw new TransientError(`${url}: HTTP ${status}`);
    }
    if (status >= 400) {
      await discard(response);
      throw new PermanentError(`${url}: HTTP ${status}`);
    }
    return { page: { ...meta, notModified: false, body: await readCapped(response, maxBytes, url) } } as const;
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
