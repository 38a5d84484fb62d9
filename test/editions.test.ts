// One policy, one event: the Chinese report of the English-catalogued 2024 priorities joins the
// English page's cluster, whichever of the two is crawled first, and the event reaches the
// subscriptions that only the later page matches (here: by language). End to end on real
// services: fixture site → Crawlee → BullMQ → PostgreSQL → SMTP.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { createSubscription } from '../db/subscriptions.js';
import { demoSourcesYaml, extraArticles, seedArticles, startFixtureSite, type FixtureArticle, type FixtureSite } from '../fixtures/site-server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCycle } from './support/cycle.js';
import { deletePrefix, testPrefix } from './support/queues.js';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp.js';

const english = seedArticles()[0]; // "…2024 Belt and Road priorities", the catalogued seed
const chinese = extraArticles().find((a) => a.layout === 'shanghai-zh')!; // 上海明确2024年推进…九方面重点工作
const SUBSCRIBERS = { all: 'all@example.org', en: 'en@example.org', zh: 'zh@example.org' } as const;

/** A fixture site of `articles`, an SMTP catcher, an own database and queue prefix for one describe
 *  block; `cycle()` runs the pipeline once at the block's clock. */
function fixturePipeline(id: string, articles: FixtureArticle[], subscribe?: (db: Db, createdAt: Date) => Promise<void>) {
  const t = { now: new Date('2026-11-23T08:00:00Z') } as { site: FixtureSite; smtp: SmtpCatcher; database: TestDatabase; prefix: string; sourcesFile: string; now: Date };
  beforeAll(async () => {
    [t.site, t.smtp, t.database] = await Promise.all([startFixtureSite({ articles }), startSmtpCatcher(), createTestDatabase(id)]);
    t.prefix = testPrefix(id);
    t.sourcesFile = join(mkdtempSync(join(tmpdir(), 'silkwatch-test-')), 'sources.yaml');
    writeFileSync(t.sourcesFile, demoSourcesYaml(t.site.url));
    if (!subscribe) return;
    const db = createDb(t.database.url, 1);
    try {
      await subscribe(db, new Date(t.now.getTime() - 60_000));
    } finally {
      await db.$disconnect();
    }
  });
  afterAll(async () => {
    await Promise.all([t.site?.close(), t.smtp?.close(), t.database?.drop(), t.prefix && deletePrefix(t.prefix)]);
  });
  const cycle = () => runCycle({ databaseUrl: t.database.url, prefix: t.prefix, smtpUrl: t.smtp.url, sourcesFile: t.sourcesFile, now: () => t.now });
  /** Runs the pipeline, then again a minute later with `later` on the site, and hands `check` the
   *  database and its policy events in order (the page of each as a site path). */
  const thenCrawl = async (later: FixtureArticle[], check: (db: Db, events: { kind: string; cause: string; path: string; clusterId: number }[]) => Promise<void>) => {
    await cycle();
    for (const article of later) t.site.addArticle(article);
    t.now = new Date(t.now.getTime() + 60_000);
    await cycle();
    const db = createDb(t.database.url, 1);
    try {
      const events = await db.policyEvent.findMany({ include: { document: { select: { canonicalUrl: true } } }, orderBy: { id: 'asc' } });
      await check(db, events.map((e) => ({ kind: e.kind, cause: e.cause, path: e.document.canonicalUrl.slice(t.site.url.length), clusterId: e.clusterId })));
    } finally {
      await db.$disconnect();
    }
  };
  return { t, cycle, thenCrawl };
}

function scenario(first: FixtureArticle, second: FixtureArticle) {
  const { t, cycle } = fixturePipeline(first === english ? 'editions-en' : 'editions-zh', [first], async (db, createdAt) => {
    await createSubscription(db, { email: SUBSCRIBERS.all, cadence: 'immediate', createdAt });
    await createSubscription(db, { email: SUBSCRIBERS.en, cadence: 'immediate', languages: ['en'], createdAt });
    await createSubscription(db, { email: SUBSCRIBERS.zh, cadence: 'immediate', languages: ['zh'], createdAt });
  });
  const mailTo = (m: ParsedMail) => (m.to as { text: string }).text;

  const lang = (a: FixtureArticle) => (a === english ? 'en' : 'zh');

  it(`mails the ${lang(first)} page on its first sighting to the subscriptions it matches`, async () => {
    await cycle();
    const expected = [SUBSCRIBERS.all, SUBSCRIBERS[lang(first)]].sort();
    await t.smtp.waitFor(expected.length);
    expect(t.smtp.messages.map(mailTo).sort()).toEqual(expected);
    for (const mail of t.smtp.messages) {
      expect(mail.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
      expect(mail.text).toContain(first.title);
    }
  });

  it(`adds the ${lang(second)} report to the same policy: one event, and it reaches only the subscription it alone matches`, async () => {
    t.site.addArticle(second);
    t.now = new Date(t.now.getTime() + 60_000);
    await cycle();
    const mail = await t.smtp.waitFor(3);
    expect(t.smtp.messages).toHaveLength(3);
    expect(mailTo(mail)).toBe(SUBSCRIBERS[lang(second)]);
    // The subscriber reads the page in their language, with the other as another address of it.
    expect(mail.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
    expect(mail.text).toContain(second.title);
    expect(mail.text).not.toContain(first.title);
    expect(mail.text).toContain(`also published: ${t.site.url}${first.path}`);

    const db = createDb(t.database.url, 1);
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

// Written for this test from the real events (State Council approval of Shanghai's pilot zone,
// 2023-11-14; Pudong's own action plan, 2023-12; the 2022 green-development and 2024 digital-trade
// Opinions), to exercise pages that must stay apart.
const shanghaiPlan: FixtureArticle = {
  path: '/news/20231114/sh-silk-road-ecommerce-plan.html',
  layout: 'shanghai',
  published: '2023-11-14',
  title: 'Shanghai issues plans for pilot Silk Road e-commerce cooperation, highlights cross-border yuan settlement',
  paragraphs: [
    'The State Council has approved the Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation in Shanghai, the city government said on Tuesday.',
    'The pilot zone will deepen e-commerce cooperation with Belt and Road partner countries, facilitate cross-border yuan settlement and build a platform for Silk Road e-commerce by 2025.',
  ],
};
const pudong: FixtureArticle = {
  path: '/news/20231214/pudong-silk-road-ecommerce.html',
  layout: 'shanghai-zh',
  published: '2023-12-14',
  title: '浦东新区发布《浦东新区推进“丝路电商”合作先行区建设行动方案》',
  paragraphs: [
    '近日，浦东新区印发《浦东新区推进“丝路电商”合作先行区建设行动方案》，提出深化与“一带一路”伙伴国家电子商务合作，打造丝路电商合作先行区核心承载区。',
    '方案提出，到2025年，浦东将集聚一批丝路电商企业，建设跨境电商海外仓，推动跨境人民币结算便利化。',
  ],
};
const green: FixtureArticle = {
  path: '/news/20220413/green-opinions.html',
  layout: 'shanghai-zh',
  published: '2022-04-13',
  title: '发改委：印发《关于推进共建“一带一路”绿色发展的意见》',
  paragraphs: [
    '国家发展改革委等部门印发《关于推进共建“一带一路”绿色发展的意见》，提出到2025年共建“一带一路”国家生态环保合作进一步深化。',
    '意见鼓励光伏、风电等企业“走出去”，推进绿色基础设施互联互通和绿色能源合作。',
  ],
};
const digitalTrade: FixtureArticle = {
  path: '/news/20241112/digital-trade-opinions.html',
  layout: 'shanghai-zh',
  published: '2024-11-12',
  title: '中办国办印发《关于数字贸易改革创新发展的意见》',
  paragraphs: [
    '中共中央办公厅、国务院办公厅印发《关于数字贸易改革创新发展的意见》，提出深化“丝路电商”国际合作，拓展与共建“一带一路”国家数字贸易合作。',
    '意见提出支持跨境电商发展，推动数字贸易与“一带一路”合作深度融合。',
  ],
};
// The Economic Daily commentary announces both Opinions (a seed page of two policies).
const commentary = seedArticles().find((a) => a.path.includes('ce-2025'))!;

describe('pages of other policies stay apart', () => {
  const { thenCrawl } = fixturePipeline('editions-apart', [shanghaiPlan, green, digitalTrade]);

  it("raises its own NEW for a district's plan named after the city's, and for a page of two policies each reported before", () =>
    thenCrawl([pudong, commentary], async (_db, events) => {
      expect(events.map((e) => e.path).sort()).toEqual([shanghaiPlan, green, digitalTrade, pudong, commentary].map((a) => a.path).sort());
      expect(events.every((e) => e.kind === 'NEW')).toBe(true);
      expect(new Set(events.map((e) => e.clusterId)).size).toBe(5);
    }));
});

// Written for this test: the city's 2025 priorities (a newer edition: UPDATED, cause supersedes;
// its items join the catalog), then Pudong's own 2025 priorities, whose headline has most of the
// city plan's words. Pudong's is a policy of its own: no edition of the city's, nor a newer one of
// the city's 2024 priorities (another issuer), so it is NEW.
const zh2024 = extraArticles().find((a) => a.layout === 'shanghai-zh')!;
const city2025: FixtureArticle = {
  ...zh2024,
  path: '/news/20250410/sh-zh-2025-bri-priorities.html',
  title: '上海明确2025年推进“一带一路”高质量发展重点工作',
  published: '2025-04-10',
  paragraphs: zh2024.paragraphs.map((p) => p.replace('2024年', '2025年').replace('第七届', '第八届')),
};
const pudong2025: FixtureArticle = {
  path: '/news/20250520/pudong-2025-bri-priorities.html',
  layout: 'shanghai-zh',
  title: '浦东新区2025年推进“一带一路”高质量发展重点工作',
  published: '2025-05-20',
  source: '浦东新区发展和改革委员会',
  paragraphs: [
    '近日，浦东新区发展和改革委员会印发2025年浦东新区推进“一带一路”高质量发展重点工作，明确六个方面任务。',
    '一是建设丝路电商合作先行区核心承载区，在外高桥保税区新设5个跨境电商海外仓服务中心。',
    '二是支持临港新片区企业参与共建“一带一路”国家港口和物流园区建设，开通浦东至中亚的跨境公路运输线路。',
    '三是在陆家嘴设立“一带一路”跨境人民币结算服务中心，为共建国家企业提供融资便利。',
    '四是举办浦东“一带一路”国际青年创新创业大赛，吸引共建国家科技人才。',
  ],
};

describe("a district's newer edition after the city's", () => {
  const { thenCrawl } = fixturePipeline('editions-district', [city2025]);

  it('raises its own NEW event and catalogues its own items', () =>
    thenCrawl([pudong2025], async (db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path])).toEqual([
        ['UPDATED', 'supersedes', city2025.path],
        ['NEW', 'new', pudong2025.path],
      ]);
      expect(new Set(events.map((e) => e.clusterId)).size).toBe(2);
      const crawled = await db.measure.findMany({ where: { origin: 'crawled' }, select: { sourceVersionId: true } });
      expect(new Set(crawled.map((m) => m.sourceVersionId)).size).toBe(2);
    }));
});

// One event per cluster AND cause: a 2025 edition worded as the Chinese report of the 2024
// priorities but for its year (SimHash distance 3: one cluster) still raises its own UPDATED event
// (a review proved that one first-sighting event per cluster, of either cause, would hide it).
const reworded2025: FixtureArticle = {
  ...city2025,
  paragraphs: zh2024.paragraphs.map((p, i) => (i === 0 ? p.replace('2024年', '2025年') : p)),
};

describe('a newer edition worded like the older one', () => {
  const { thenCrawl } = fixturePipeline('editions-reworded', [zh2024]);

  it("raises its UPDATED event in the older one's cluster", () =>
    thenCrawl([reworded2025], async (_db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path])).toEqual([
        ['NEW', 'new', zh2024.path],
        ['UPDATED', 'supersedes', reworded2025.path],
      ]);
      expect(new Set(events.map((e) => e.clusterId)).size).toBe(1);
    }));
});

describe('the older edition after a newer one worded like it', () => {
  const { thenCrawl } = fixturePipeline('editions-reworded-reverse', [reworded2025]);

  it("raises its NEW event in the newer one's cluster", () =>
    thenCrawl([zh2024], async (_db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path])).toEqual([
        ['UPDATED', 'supersedes', reworded2025.path],
        ['NEW', 'new', zh2024.path],
      ]);
      expect(new Set(events.map((e) => e.clusterId)).size).toBe(1);
    }));
});

// Written for this test: English press reports of the city's 2025 priorities (above, in Chinese) and
// of its 2026 ones, headlined in their own words. The 2025 report is another outlet's report of the
// same newer edition: it joins the Chinese release's cluster, and the edition raises one UPDATED
// event. The 2026 report is a newer edition of its own.
const report = (year: number, day: string, expo: string): FixtureArticle => ({
  path: `/news/${year}0412/sh-${year}-bri-priorities-report.html`,
  layout: 'shanghai',
  title: `Shanghai's ${year} Belt and Road priorities`,
  published: `${year}-04-${day}`,
  source: 'english.shanghai.gov.cn',
  paragraphs: [
    `Shanghai has set out nine areas of work for ${year} to promote the high-quality development of the Belt and Road Initiative, the municipal development and reform commission said.`,
    `The city will host the ${expo} China International Import Expo, run more Shanghai-Europe freight trains, build the pilot zone for Silk Road e-commerce cooperation and help enterprises invest in Belt and Road partner countries.`,
    'It will also deepen cooperation with partner countries in green development, the digital economy and people-to-people exchanges, officials said at a press conference.',
  ],
});
const report2025 = report(2025, '12', 'eighth');
const report2026 = report(2026, '14', 'ninth');

// A second reviewer's case: the release's headline also names a target year (到2027年).
const city2025target: FixtureArticle = { ...city2025, path: '/news/20250411/sh-zh-2025-bri-priorities-2027.html', title: '上海明确2025年推进“一带一路”高质量发展重点工作 到2027年建成服务“一带一路”桥头堡' };

describe("another outlet's report of a newer edition whose release names a target year", () => {
  const { thenCrawl } = fixturePipeline('editions-newer-target', [city2025target]);

  it('joins it all the same: one UPDATED event', () =>
    thenCrawl([report2025], async (_db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path])).toEqual([['UPDATED', 'supersedes', city2025target.path]]);
    }));
});

describe("another outlet's report of a newer edition", () => {
  const { thenCrawl } = fixturePipeline('editions-newer-report', [city2025]);

  it("joins the edition's cluster: one UPDATED event for 2025, its own for 2026", () =>
    thenCrawl([report2025, report2026], async (db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path])).toEqual([
        ['UPDATED', 'supersedes', city2025.path],
        ['UPDATED', 'supersedes', report2026.path],
      ]);
      const docs = await db.document.findMany({ select: { canonicalUrl: true, clusterId: true } });
      const clusterOf = (a: FixtureArticle) => docs.find((d) => d.canonicalUrl.endsWith(a.path))!.clusterId;
      expect(clusterOf(report2025)).toBe(clusterOf(city2025));
      expect(clusterOf(report2026)).not.toBe(clusterOf(city2025));
      // Both 2025 pages update the 2024 priorities.
      const updates = await db.measureLink.findMany({ where: { relation: 'updates', measureId: 'sh-2024-priorities' }, select: { version: { select: { title: true } } } });
      expect(updates.map((u) => u.version.title).sort()).toEqual([city2025.title, report2025.title, report2026.title].sort());
    }));
});

// A reviewer's cases: pages that share words with the city's 2025 priorities but are other policies
// keep their own events — another region's priorities naming Shanghai, the city's 2026 edition whose
// headline names 2025 first, and the commerce commission's own 2025 work points.
const zhejiang2025: FixtureArticle = {
  path: '/news/20250512/zj-2025-bri-priorities.html',
  layout: 'shanghai',
  title: 'Zhejiang unveils 2025 Belt and Road priorities, deepening links with Shanghai',
  published: '2025-05-12',
  paragraphs: [
    'Zhejiang province has set out its priorities for 2025 to promote the high-quality development of the Belt and Road Initiative, the provincial development and reform commission said.',
    'The province will expand the Yiwu-Xinjiang-Europe freight trains, build Ningbo-Zhoushan port into a world-class hub and deepen port cooperation with Shanghai.',
    'It will also support Zhejiang enterprises investing in Belt and Road partner countries, officials said.',
  ],
};
const city2026: FixtureArticle = {
  path: '/news/20260414/sh-2026-bri-priorities.html',
  layout: 'shanghai',
  title: 'Shanghai sets 2026 Belt and Road priorities after reviewing 2025 work',
  published: '2026-04-14',
  paragraphs: [
    'Shanghai has set out its priorities for 2026 to promote the high-quality development of the Belt and Road Initiative, after reviewing its work in 2025, the municipal development and reform commission said.',
    'The city will host the ninth China International Import Expo, run more Shanghai-Europe freight trains and build the pilot zone for Silk Road e-commerce cooperation.',
    'It will also deepen cooperation with partner countries in green development and the digital economy, officials said.',
  ],
};
const commerce2025: FixtureArticle = {
  path: '/news/20250301/sh-commerce-2025-work-points.html',
  layout: 'shanghai-zh',
  title: '上海市商务委员会2025年工作要点（涉及一带一路）',
  published: '2025-03-01',
  paragraphs: [
    '上海市商务委员会印发2025年工作要点，提出提振消费、稳定外贸、扩大外资，深化与共建“一带一路”国家经贸合作。',
    '要点提出，办好第八届进博会，推进丝路电商合作先行区建设，支持企业开拓共建国家市场。',
  ],
};

describe("other policies after the city's newer edition", () => {
  const { thenCrawl } = fixturePipeline('editions-newer-apart', [city2025]);

  it('keep their own events and clusters: another region, the next year, another body of the city', () =>
    thenCrawl([zhejiang2025, city2026, commerce2025], async (db, events) => {
      expect(events.map((e) => [e.kind, e.cause, e.path]).sort()).toEqual(
        [
          ['UPDATED', 'supersedes', city2025.path],
          ['NEW', 'new', zhejiang2025.path],
          ['UPDATED', 'supersedes', city2026.path],
          ['NEW', 'new', commerce2025.path],
        ].sort(),
      );
      expect(new Set(events.map((e) => e.clusterId)).size).toBe(4);
      const updates = await db.measureLink.findMany({ where: { relation: 'updates', measureId: 'sh-2024-priorities' }, select: { version: { select: { title: true } } } });
      expect(updates.map((u) => u.version.title).sort()).toEqual([city2025.title, city2026.title].sort());
    }));
});
