// The HTTP endpoints of `silkwatch run` and `silkwatch serve`. For now: /health, which reports
// whether PostgreSQL and Redis answer (for container health checks and load balancers).
import { createServer, type Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';

export async function startHttp(opts: { port: number; db: Db; redis: Redis; log: Logger }): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/health') {
      const [database, redis] = await Promise.all([
        opts.db.$queryRaw`SELECT 1`.then(() => 'ok', (e: Error) => e.message),
        opts.redis.ping().then(() => 'ok', (e: Error) => e.message),
      ]);
      const ok = database === 'ok' && redis === 'ok';
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', database, redis }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, resolve);
  });
  opts.log.info({ port: (server.address() as { port: number }).port }, 'HTTP endpoints listening');
  return server;
}
