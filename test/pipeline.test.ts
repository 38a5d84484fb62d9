// End to end on real services: fixture site → Crawlee → BullMQ → PostgreSQL → SMTP digest.
// Waits are on the queues draining and on the SMTP server receiving, never on sleeps.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { createSubscription } from '../db/subscriptions.js';
import { defaultArticles, demoSourcesYaml, extraArticles, seedArticles, startFixtureSite, type FixtureSite } from '../fixtures/site-server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCycle } from './support/cycle.js';
import { deletePrefix, testPrefix } from './support/queues.js';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp.js';

let site: FixtureSite;
let smtp: SmtpCatcher;
let database: TestDatabase;
let prefix: string;
let now = new Date('2026-11-23T08:00:00Z');

const cycle = () => runCycle({ databaseUrl: database.url, prefix, smtpUrl: smtp.url, sourcesFile, now: () => now });

let sourcesFile: string;

// The 2024 priorities as english.shanghai.gov.cn published them, before China Daily's copy.
const syndicated = { ...seedArticles()[0], layout: 'shanghai' as const, path: '/news/20240407/sh-2024-priorities-original.html', title: 'Shanghai releases 2024 Belt and Road priorities', published: '2024-04-07' };

beforeAll(async () => {
  [site, smtp, database] = await Promise.all([startFixtureSite({ articles: [...defaultArticles(), syndicated] }), startSmtpCatcher(), createTestDatabase('pipeline')]);
  prefix = testPrefix('pipeline');
  sourcesFile = join(mkdtempSync(join(tmpdir(), 'silkwatch-test-')), 'sources.yaml');
  writeFileSync(sourcesFile, demoSourcesYaml(site.url));
});

afterAll(async () => {
  await Promise.all([site?.close(), smtp?.close(), database?.drop(), prefix && deletePrefix(prefix)]);
});

describe('the pipeline', () => {
  it('mails one digest with every BRI article of the site, titled, linked and dated', async () => {
    // The subscription must exist before the events: events older than it are not sent.
    const db = createDb(database.url, 2);
    await createSubscription(db, { email: 'watcher@example.org', cadence: 'immediate', createdAt: new Date(now.getTime() - 60_000) });
    await db.$disconnect();

    await cycle();
    const mail = await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    expect((mail.to as { text: string }).text).toBe('watcher@example.org');
    const seeds = seedArticles();
    const zh = extraArticles().find((a) => a.layout === 'shanghai-zh')!;
    const negatives = extraArticles().filter((a) => a.layout !== 'shanghai-zh');
    expect(mail.subject).toBe(`silkwatch: ${seeds.length} new BRI policy items (immediate)`);
    // The 2024 priorities are shown once, as their original (earliest-published) copy; the Chinese
    // report of the same edition is another address of that item, not an item of its own.
    const shown = [syndicated, ...seeds.slice(1)];
    for (const article of shown) {
      expect(mail.text).toContain(article.title);
      expect(mail.html).toContain(`href="${site.url}${article.path}"`);
      expect(mail.text).toContain(`${site.url}${article.path}`);
      expect(mail.text).toContain(article.published);
    }
    for (const negative of negatives) expect(mail.text).not.toContain(negative.title);
    // Topics from the seed taxonomy: the Silk Road e-commerce plan is digital economy and trade.
    // The syndicated copy is one item of the digest, with both URLs.
    expect(mail.text).not.toContain(seeds[0].title);
    expect(mail.text).toContain(`also published: ${site.url}${seeds[0].path}`);
    expect(mail.text).not.toContain(zh.title);
    const priorities = mail.text!.slice(mail.text!.indexOf(syndicated.title)).split('\n* ')[0];
    expect(priorities).toContain(`also published: ${site.url}${zh.path}`);
    const ecommerce = mail.text!.slice(mail.text!.indexOf('Key takeaways from Shanghai'));
    expect(ecommerce.split('\n').slice(0, 4).join(' ')).toMatch(/topics: digital-economy, trade/);
    // Three of the plan's many announced entries are shown, and the count of the rest.
    expect(ecommerce.split('\n* ')[0]).toMatch(/\n {2}and \d+ more catalog links\n/);
    expect(mail.messageId).toMatch(/^<digest-\d+-i-\d+@/);
    // The Chinese release of the catalogued 2024 priorities lists the catalog's own entries: none of
    // its items joins the catalog again (nor do the seed copies').
    const check = createDb(database.url, 1);
    try {
      expect(await check.measure.count({ where: { origin: 'crawled' } })).toBe(0);
    } finally {
      await check.$disconnect();
    }
  });

  it('sends nothing on a second cycle over an unchanged site (re-checked with conditional GET)', async () => {
    const before = site.requests.length;
    now = new Date(now.getTime() + 8 * 86_400_000); // every article is due for a re-check (older than a year: weekly)
    await cycle();
    const rechecks = site.requests.slice(before).filter((r) => /\/news\/\d{8}\//.test(r.url));
    expect(rechecks.length).toBe(defaultArticles().length + 1);
    expect(rechecks.every((r) => r.headers['if-none-match'])).toBe(true);
    expect(smtp.messages).toHaveLength(1);
  });

  it('sends exactly one digest holding only an article added to the site', async () => {
    const added = {
      ...seedArticles()[2],
      path: '/news/20261120/sh-2026-bri-measures.html',
      title: 'Shanghai issues 2026 measures to deepen Belt and Road trade cooperation',
      published: '2026-11-20',
      paragraphs: [
        'Shanghai will deepen trade cooperation with Belt and Road partner countries in 2026, the municipal commerce commission said on Friday.',
        'The measures expand the China-Europe freight train services from the Minhang terminal, support cross-border e-commerce warehouses in partner countries and widen renminbi settlement for Silk Road e-commerce.',
        'Enterprises taking part in Belt and Road projects will get faster customs clearance and export credit insurance.',
        '1. Open two more China-Europe freight train routes from the Minhang terminal to Central Asia.',
        '2. Support ten overseas warehouses for cross-border e-commerce in Belt and Road partner countries.',
      ],
    };
    site.addArticle(added);
    now = new Date(now.getTime() + 60_000);
    await cycle();
    const mail = await smtp.waitFor(2);
    expect(smtp.messages).toHaveLength(2);
    expect(mail.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
    expect(mail.text).toContain(added.title);
    expect(mail.text).toContain(`${site.url}${added.path}`);
    for (const seed of seedArticles()) expect(mail.text).not.toContain(seed.title);
    // A new policy's listed measures join the catalog (origin crawled).
    const check = createDb(database.url, 1);
    try {
      const crawled = await check.measure.findMany({ where: { origin: 'crawled' }, orderBy: { id: 'asc' } });
      expect(crawled.map((m) => m.text)).toEqual([added.paragraphs[3].slice(3), added.paragraphs[4].slice(3)]);
    } finally {
      await check.$disconnect();
    }
  });

  it('mails an amended page as UPDATED with what changed, and nothing for the rest', async () => {
    const zhejiang = seedArticles().find((a) => a.path.includes('zj-2020'))!;
    const added = 'Zhejiang will also open two new China-Europe freight train routes from Yiwu in 2021.';
    site.updateArticle(zhejiang.path, { paragraphs: [...zhejiang.paragraphs, added] });
    now = new Date(now.getTime() + 8 * 86_400_000);
    await cycle();
    const mail = await smtp.waitFor(3);
    expect(smtp.messages).toHaveLength(3);
    expect(mail.subject).toBe('silkwatch: 1 updated (immediate)');
    expect(mail.text).toContain(zhejiang.title);
    expect(mail.text).toContain(`Added: ${added}`);
    // The item says when the change was seen (the subscriber's zone, Asia/Shanghai), beside the
    // page's own publish date.
    const seen = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    expect(mail.text).toContain(`${zhejiang.published} · change seen ${seen}`);
  });

  it('mails a relevant page that disappeared (404 on two checks) as withdrawn', async () => {
    const ecommerce = seedArticles().find((a) => a.path.includes('silk-road-ecommerce'))!;
    site.removeArticle(ecommerce.path);
    now = new Date(now.getTime() + 8 * 86_400_000);
    await cycle(); // first miss: not yet gone
    expect(smtp.messages).toHaveLength(3);
    now = new Date(now.getTime() + 8 * 86_400_000);
    await cycle(); // second miss: gone, withdrawn
    const mail = await smtp.waitFor(4);
    expect(mail.subject).toBe('silkwatch: 1 updated (immediate)');
    expect(mail.text).toContain(ecommerce.title);
    expect(mail.text).toMatch(/Withdrawn: the page is no longer published \(http-404\)/);
  });

  it('sent every request with the silkwatch User-Agent', () => {
    const agents = new Set(site.requests.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual([expect.stringMatching(/^silkwatch\/\d+\.\d+\.\d+ \(\+https?:\/\/.+\)$/)]);
  });
});
