// One polite, bounded HTTP GET of an article page: our User-Agent, conditional headers, a
// size cap (10 MB after decompression), a redirect cap with the host guard applied to every
// hop, a timeout. Classifies failures: 404/410 and other 4xx are permanent, 429/5xx and
// network errors transient (retried by the queue).
import { PermanentError, reasonOf, TransientError } from '../config/errors.js';
import type { HostGuard } from './host-guard.js';

export interface FetchOptions {
  userAgent: string;
  guard: HostGuard;
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

export async function fetchPage(startUrl: string, opts: FetchOptions): Promise<FetchedPage> {
  const { timeoutMs = 30_000, maxBytes = 10 * 1024 * 1024, maxRedirects = 5 } = opts;
  let url = startUrl;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    await opts.guard.check(url);
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
    if (status >= 300 && status < 400 && status !== 304) {
      const location = response.headers.get('location');
      await response.body?.cancel().catch(() => {});
      if (!location) throw new PermanentError(`${url}: redirect ${status} without Location`);
      url = new URL(location, url).toString();
      continue;
    }
    const meta = {
      url,
      status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
    if (status === 304) {
      await response.body?.cancel().catch(() => {});
      return { ...meta, notModified: true, body: Buffer.alloc(0) };
    }
    if (status === 404 || status === 410) {
      await response.body?.cancel().catch(() => {});
      throw new GoneError(`${url}: HTTP ${status}`);
    }
    if (status === 429 || status >= 500) {
      await response.body?.cancel().catch(() => {});
      throw new TransientError(`${url}: HTTP ${status}`);
    }
    if (status >= 400) {
      await response.body?.cancel().catch(() => {});
      throw new PermanentError(`${url}: HTTP ${status}`);
    }
    return { ...meta, notModified: false, body: await readCapped(response, maxBytes, url) };
  }
  throw new PermanentError(`${startUrl}: more than ${maxRedirects} redirects`);
}

/** Decodes HTML bytes: the charset of the Content-Type header, else of a <meta> tag, else UTF-8 (GBK pages are common). */
export function decodeHtml(body: Buffer, contentType: string | null, override?: string): string {
  const head = body.subarray(0, 4096).toString('latin1');
  const label =
    override ??
    contentType?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1] ??
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.toLowerCase() === 'gb2312' ? 'gbk' : label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
