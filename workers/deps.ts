// What every processor receives: built once at start-up, passed explicitly (no singletons), so
// tests can give each run its own database, queue prefix, mail server and clock.
import type { Logger } from 'pino';
import type { KnowledgeCache } from '../classifier/knowledge-cache.js';
import type { Config } from '../config/env.js';
import type { Source } from '../config/sources.js';
import type { HostGuard } from '../crawlers/host-guard.js';
import type { Politeness } from '../crawlers/politeness.js';
import type { FetchedArticle, StoredArticle } from '../db/articles.js';
import type { Batcher } from '../db/batcher.js';
import type { Db } from '../db/client.js';
import type { Mailer } from '../digests/mailer.js';
import type { Producer } from '../queues/producer.js';

export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  producer: Producer;
  mailer: Mailer;
  clock: () => Date;
  sources: Map<string, Source>;
  guard: HostGuard;
  /** Per-host slots, delays, robots.txt and back-off shared by every process (Redis). */
  politeness: Politeness;
  userAgent: string;
  articleWriter: Batcher<FetchedArticle, StoredArticle>;
  /** The classifier's knowledge: seed topics and measures plus crawled catalog entries. */
  knowledge: KnowledgeCache;
  /** Crawlee concurrency floor for discovery (the bench raises it). */
  crawlMinConcurrency?: number;
}

export function userAgentFor(version: string, contactUrl: string): string {
  return `silkwatch/${version} (+${contactUrl})`;
}
