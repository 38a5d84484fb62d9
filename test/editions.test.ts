// One policy, one event: the Chinese report of the English-catalogued 2024 priorities joins the
// English page's cluster, whichever of the two is crawled first, and the event reaches the
// subscriptions that only the later page matches (here: by language). End to end on real
// services: fixture site → Crawlee → BullMQ → PostgreSQL → SMTP.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { createSubscription } from '../db/subscriptions.js';
import { demoSourcesYaml, extraArticles, seedArticles, startFixtureSite, type FixtureArticle, type FixtureSite } from '../fixtures/site-server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCycle } from './support/cycle.js';
import { deletePrefix, testPrefix } from './support/queues.js';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp.js';

const english = seedArticles()[0]; // "…2024 Belt and Road priorities", the catalogued seed
const chinese = extraArticles().find((a) => a.layout === 'shanghai-zh')!; // 上海明确2024年推进…九方面重点工作
const SUBSCRIBERS = { all: 'all@example.org', en: 'en@example.org', zh: 'zh@example.org' } as const;

function scenario(first: FixtureArticle, second: FixtureArticle) {
  let site: FixtureSite;
  let smtp: SmtpCatcher;
  let database: TestDatabase;
  let prefix: string;
  let sourcesFile: string;
  let now = new Date('2026-11-23T08:00:00Z');

  const cycle = () => runCycle({ databaseUrl: database.url, prefix, smtpUrl: smtp.url, sourcesFile, now: () => now });
  const mailTo = (m: ParsedMail) => (m.to as { text: string }).text;

  beforeAll(async () => {
    const id = first === english ? 'editions-en' : 'editions-zh';
    [site, smtp, database] = await Promise.all([startFixtureSite({ articles: [first] }), startSmtpCatcher(), createTestDatabase(id)]);
    prefix = testPrefix(id);
    sourcesFile = join(mkdtempSync(join(tmpdir(), 'silkwatch-test-')), 'sources.yaml');
    writeFileSync(sourcesFile, demoSourcesYaml(site.url));
    const db = createDb(database.url, 1);
    try {
      const createdAt = new Date(now.getTime() - 60_000);
      await createSubscription(db, { email: SUBSCRIBERS.all, cadence: 'immediate', createdAt });
      await createSubscription(db, { email: SUBSCRIBERS.en, cadence: 'immediate', languages: ['en'], createdAt });
      await createSubscription(db, { email: SUBSCRIBERS.zh, cadence: 'immediate', languages: ['zh'], createdAt });
    } finally {
      await db.$disconnect();
    }
  });

  afterAll(async () => {
    await Promise.all([site?.close(), smtp?.close(), database?.drop(), prefix && deletePrefix(prefix)]);
  });

  const lang = (a: FixtureArticle) => (a === english ? 'en' : 'zh');

  it(`mails the ${lang(first)} page on its first sighting to the subscriptions it matches`, async () => {
    await cycle();
    const expected = [SUBSCRIBERS.all, SUBSCRIBERS[lang(first)]].sort();
    await smtp.waitFor(expected.length);
    expect(smtp.messages.map(mailTo).sort()).toEqual(expected);
    for (const mail of smtp.messages) {
      expect(mail.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
      expect(mail.text).toContain(first.title);
    }
  });

  it(`adds the ${lang(second)} report to the same policy: one event, and it reaches only the subscription it alone matches`, async () => {
    site.addArticle(second);
    now = new Date(now.getTime() + 60_000);
    await cycle();
    const mail = await smtp.waitFor(3);
    expect(smtp.messages).toHaveLength(3);
    expect(mailTo(mail)).toBe(SUBSCRIBERS[lang(second)]);
    // The subscriber reads the page in their language, with the other as another address of it.
    expect(mail.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
    expect(mail.text).toContain(second.title);
    expect(mail.text).not.toContain(first.title);
    expect(mail.text).toContain(`also published: ${site.url}${first.path}`);

    const db = createDb(database.url, 1);
    try {
      const docs = await db.document.findMany({ select: { canonicalUrl: true, clusterId: true } });
      expect(docs).toHaveLength(2);
      expect(new Set(docs.map((d) => d.clusterId)).size).toBe(1);
      const events = await db.policyEvent.findMany();
      expect(events.map((e) => [e.kind, e.cause])).toEqual([['NEW', 'new']]);
      const zhClassification = await db.classification.findFirstOrThrow({ where: { version: { lang: 'zh' } } });
      expect(zhClassification.editionOf).toEqual(['sh-2024-priorities']);
    } finally {
      await db.$disconnect();
    }
  });
}

describe('the English page first, then the Chinese report', () => scenario(english, chinese));
describe('the Chinese report first, then the English page', () => scenario(chinese, english));
