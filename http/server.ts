// The HTTP endpoints of `silkwatch run` and `silkwatch serve`:
//   GET  /health                    whether PostgreSQL and Redis answer (health checks, load balancers)
//   GET  /unsubscribe?token=…       a confirmation page with a POST form — never unsubscribes on
//                                   GET, since mail scanners and link previews follow links
//   POST /unsubscribe?token=…       RFC 8058 one-click (body List-Unsubscribe=One-Click) and the
//                                   form's post: deactivates the subscription, 200
// A tampered, malformed or unknown token is answered 400 and changes nothing.
//   GET  /feeds/topic/<id>.xml      Atom 1.0 feeds of the latest NEW/UPDATED events of a topic or a
//   GET  /feeds/source/<id>.xml     source (corpus/feeds.ts); 404 for an unknown topic or source id
//
// The unsubscribe endpoints need UNSUBSCRIBE_SECRET: when the caller passes `unsubscribe` without
// a secret, startHttp refuses to start (ConfigError, exit 2) instead of serving links it cannot
// check; callers that pass no `unsubscribe` at all get /health only (the old behaviour).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ConfigError } from '../config/env.js';
import type { Db } from '../db/client.js';
import { ATOM_CONTENT_TYPE, loadFeed, parseFeedPath, renderAtom } from '../corpus/feeds.js';
import { escapeHtml } from '../digests/render.js';
import { verifyUnsubscribeToken } from '../digests/unsubscribe.js';

export interface HttpOptions {
  port: number;
  db: Db;
  redis: Redis;
  log: Logger;
  /** Serve /unsubscribe; `secret` is UNSUBSCRIBE_SECRET (required when this is given). */
  unsubscribe?: { secret: string | undefined };
  /** Listen address (default: every interface). */
  host?: string;
  /** PUBLIC_BASE_URL: feed ids and self links (default: the environment's, else http://127.0.0.1:<port>). */
  publicBaseUrl?: string;
}

const MAX_BODY = 4096;

export async function startHttp(opts: HttpOptions): Promise<Server> {
  if (opts.unsubscribe && !opts.unsubscribe.secret) {
    throw new ConfigError([
      'UNSUBSCRIBE_SECRET=(unset): required when the HTTP endpoints are served (silkwatch run, silkwatch serve): it signs the unsubscribe links of every digest; set it to a random string of at least 16 characters, e.g. $(openssl rand -hex 32), or use silkwatch run --no-http',
    ]);
  }
  const secret = opts.unsubscribe?.secret;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      opts.log.error({ err: err.message, path: req.url }, 'HTTP request failed');
      if (!res.headersSent) page(res, 500, 'Something went wrong', 'Please try again later.');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health') {
      const [database, redis] = await Promise.all([
        opts.db.$queryRaw`SELECT 1`.then(() => 'ok', (e: Error) => e.message),
        opts.redis.ping().then(() => 'ok', (e: Error) => e.message),
      ]);
      const ok = database === 'ok' && redis === 'ok';
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', database, redis }));
      return;
    }
    const feedPath = req.method === 'GET' || req.method === 'HEAD' ? parseFeedPath(url.pathname) : null;
    if (feedPath) {
      const feed = await loadFeed(opts.db, feedPath.kind, feedPath.id);
      if (!feed) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`unknown ${feedPath.kind}\n`);
        return;
      }
      const port = (server.address() as { port: number } | null)?.port ?? opts.port;
      const xml = renderAtom(feed, opts.publicBaseUrl ?? `http://127.0.0.1:${port}`);
      res.writeHead(200, { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': 'max-age=300', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : xml);
      return;
    }
    if (secret && url.pathname === '/unsubscribe') {
      if (req.method !== 'GET' && req.method !== 'POST') {
        res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
        res.end('method not allowed\n');
        return;
      }
      if (req.method === 'POST') await readBody(req); // the one-click body carries nothing we need
      const token = url.searchParams.get('token') ?? '';
      const id = verifyUnsubscribeToken(secret, token);
      const subscription = id === null ? null : await opts.db.subscription.findUnique({ where: { id }, include: { subscriber: { select: { email: true } } } });
      if (!subscription) {
        opts.log.warn({ method: req.method }, 'unsubscribe refused: invalid token');
        page(res, 400, 'Invalid unsubscribe link', 'This unsubscribe link is not valid: it may have been altered or cut short. Copy the whole link from the digest, or use the unsubscribe button of your mail program.');
        return;
      }
      const what = `${escapeHtml(subscription.subscriber.email)} (subscription ${subscription.id}, ${escapeHtml(subscription.cadence)} digests)`;
      if (req.method === 'GET') {
        const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
        page(
          res,
          200,
          subscription.active ? 'Unsubscribe from silkwatch?' : 'Already unsubscribed',
          subscription.active
            ? `Stop sending silkwatch digests to ${what}?</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form><p>`
            : `No more digests are sent to ${what}.`,
        );
        return;
      }
      if (subscription.active) {
        await opts.db.subscription.update({ where: { id: subscription.id }, data: { active: false } });
        opts.log.info({ subscriptionId: subscription.id }, 'unsubscribed');
      }
      page(res, 200, 'Unsubscribed', `No more digests are sent to ${what}.`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  opts.log.info({ port: (server.address() as { port: number }).port, unsubscribe: Boolean(secret) }, 'HTTP endpoints listening');
  return server;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A small HTML page; `body` is trusted markup (callers escape what they put in). */
function page(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="font-family:sans-serif;max-width:560px;margin:2em auto">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
<p>${body}</p>
</body></html>
`);
}
