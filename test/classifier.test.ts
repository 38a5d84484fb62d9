// The lexical classifier (classifier/): seed documents, hard negatives, Chinese and traditional
// characters, verbatim evidence, measure links (announces, updates, cross-language), the listed
// items of a policy, and the `silkwatch classify --json` command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, CLASSIFIER_VERSION, listedMeasures, listedSuccessors, toSimplified, type ClassifyInput, type Judgement } from '../classifier/index.js';
import { headlineYear } from '../classifier/classify.js';
import { BEFORE_BRI_SCORE, latestYearNamed, relevanceFeatures, TOPIC_SELECT, topicFeatures, topicMasses, topicProbability } from '../classifier/classify.js';
import { loadSeedKnowledge, seedDocuments } from '../classifier/seed-knowledge.js';
import { aliasEdition, aliasVariants, editionsBefore, eventYearAt } from '../classifier/knowledge.js';
import { issuingPlace } from '../classifier/knowledge.js';
import { readMeasuresFile } from '../seeds/load.js';
import { runCli } from './support/cli.js';
import { LABELLED_FILES, readLabelled, readSecondTopics } from './eval/labelled.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const knowledge = loadSeedKnowledge();
const catalog = readMeasuresFile();
const T = { threshold: 0.5 };
const judge = (input: ClassifyInput) => classify(input, knowledge, T);
const topicIds = (j: Judgement) => j.topics.map((t) => t.id);
/** Judged BRI policy, and tied to no catalog entry. */
const expectRelevantUnlinked = (...js: Judgement[]) => {
  for (const j of js) {
    expect(j.relevant).toBe(true);
    expect(j.measures).toEqual([]);
  }
};

interface Article {
  id: string;
  split: string;
  lang: 'en' | 'zh';
  title: string;
  text: string;
  url: string;
  published: string | null;
}
const dev = readFileSync(new URL('./eval/articles.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Article)
  .filter((a) => a.split === 'dev');

/** Every judgement invariant of the output contract. */
function expectWellFormed(j: Judgement, input: ClassifyInput) {
  const verbatim = (e: string) => input.title.includes(e) || input.text.includes(e);
  expect(j.score).toBeGreaterThanOrEqual(0);
  expect(j.score).toBeLessThanOrEqual(1);
  expect(j.relevant).toBe(j.score >= T.threshold);
  expect(j.evidence.length).toBeLessThanOrEqual(3);
  for (const e of j.evidence) expect(verbatim(e), e).toBe(true);
  j.topics.forEach((t, i) => {
    expect(t.score).toBeGreaterThanOrEqual(0);
    expect(t.score).toBeLessThanOrEqual(1);
    if (i > 0) expect(t.score).toBeLessThanOrEqual(j.topics[i - 1].score);
    expect(t.evidence.length).toBeLessThanOrEqual(3);
    for (const e of t.evidence) expect(verbatim(e), `${t.id}: ${e}`).toBe(true);
  });
  j.measures.forEach((m, i) => {
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
    if (i > 0) expect(m.score).toBeLessThanOrEqual(j.measures[i - 1].score);
    expect(['announces', 'updates', 'implements', 'mentions']).toContain(m.relation);
    expect(m.evidence.length).toBeGreaterThan(0);
    expect(m.evidence.length).toBeLessThanOrEqual(3);
    for (const e of m.evidence) expect(verbatim(e), `${m.id}: ${e}`).toBe(true);
  });
}

describe('the seed documents', () => {
  it('uses classifier version lexical-1', () => {
    expect(CLASSIFIER_VERSION).toBe('lexical-1');
  });

  for (const doc of seedDocuments()) {
    const entries = catalog.measures.filter((m) => m.document === doc.id);
    // The topics of its sections: the first topic of each top-level catalog entry taken from it.
    const sectionTopics = [...new Set(entries.filter((m) => m.sectionPath.length === 1).map((m) => m.topics[0]))];

    it(`${doc.id}: relevant, with the topics of its sections (${sectionTopics.join(', ')}), announcing its ${entries.length} entries`, () => {
      const input = { title: doc.title, text: doc.text, url: doc.url, published: doc.published, lang: doc.lang };
      const j = judge(input);
      expectWellFormed(j, input);
      expect(j.relevant).toBe(true);
      for (const t of sectionTopics) expect(topicIds(j), t).toContain(t);
      const announced = new Set(j.measures.filter((m) => m.relation === 'announces').map((m) => m.id));
      for (const m of entries) expect(announced.has(m.id), m.id).toBe(true);
    });

    it(`${doc.id}: a copy under another address (the whole captured page, boilerplate included) announces the same entries`, () => {
      const page = readFileSync(new URL(`../seeds/documents/${doc.file}`, import.meta.url), 'utf8');
      const j = judge({ title: doc.title, text: page, url: 'https://mirror.example.org/some/other/path.html' });
      expect(j.relevant).toBe(true);
      const announced = new Set(j.measures.filter((m) => m.relation === 'announces').map((m) => m.id));
      for (const m of entries) expect(announced.has(m.id), m.id).toBe(true);
    });
  }

  it('shows where each announced entry stands in an extracted copy, whose no-break spaces are plain spaces', () => {
    // The catalog keeps the source page's no-break spaces (sh-2024-priorities-4b: "to\u00A0explore");
    // an extractor writes them as spaces, and the entry's evidence fell back to the headline.
    const doc = seedDocuments().find((d) => d.id === 'sh-2024-priorities')!;
    const text = doc.text.replace(/\u00a0/g, ' ');
    const j = judge({ title: doc.title, text, url: doc.url, published: doc.published, lang: doc.lang });
    const spaced = catalog.measures.filter((m) => m.document === doc.id && m.text.includes('\u00a0'));
    expect(spaced.length).toBeGreaterThan(0);
    for (const m of spaced) {
      const link = j.measures.find((l) => l.id === m.id)!;
      expect(link.relation, m.id).toBe('announces');
      expect(link.evidence[0], m.id).toContain(m.text.replace(/\u00a0/g, ' ').slice(0, 40));
    }
  });

  it('announces through the URL after canonicalisation (scheme, www., trailing slash, tracking parameters)', () => {
    const j = judge({
      title: 'Shanghai unveils priorities to advance Belt and Road Initiative in 2024',
      text: 'To promote the high-quality development of the Belt and Road Initiative in 2024, Shanghai will focus its efforts on the following nine aspects.',
      url: 'http://www.govt.chinadaily.com.cn/s/202404/08/WS662700cf498ed2d7b7eac58a/shanghai-unveils-priorities-to-advance-belt-and-road-initiative-in-2024.html?utm_source=x',
    });
    expect(j.measures.find((m) => m.id === 'sh-2024-priorities')?.relation).toBe('announces');
  });
});

describe('relevance', () => {
  const zh = {
    title: '上海市印发推进共建“一带一路”高质量发展实施方案',
    text: '为深入推进共建“一带一路”高质量发展，上海市人民政府近日印发实施方案，提出加强与共建国家在基础设施互联互通、贸易畅通和资金融通等领域的务实合作，推动中欧班列扩线增班。',
  };
  const zhTraditional = {
    title: '上海市印發推進共建「一帶一路」高質量發展實施方案',
    text: '為深入推進共建「一帶一路」高質量發展，上海市人民政府近日印發實施方案，提出加強與共建國家在基礎設施互聯互通、貿易暢通和資金融通等領域的務實合作，推動中歐班列擴線增班。',
  };

  it('judges a Chinese BRI policy sentence relevant, and its traditional-character version alike', () => {
    const a = judge(zh);
    const b = judge(zhTraditional);
    expectWellFormed(a, zh);
    expectWellFormed(b, zhTraditional);
    expect(a.relevant).toBe(true);
    expect(b.relevant).toBe(true);
    expect(toSimplified(zhTraditional.text).replace(/「/g, '“').replace(/」/g, '”')).toBe(zh.text);
    expect(b.score).toBeCloseTo(a.score, 2);
    expect(topicIds(b)).toEqual(topicIds(a));
    expect(topicIds(a)).toContain('connectivity');
    // Evidence stays verbatim in the script of the input.
    expect(b.evidence.some((e) => e.includes('一帶一路'))).toBe(true);
  });

  const negatives: [string, ClassifyInput][] = [
    [
      'a Yangtze River Economic Belt story',
      {
        title: 'China steps up protection of the Yangtze River Economic Belt',
        text: 'The State Council called for new measures to advance the high-quality development of the Yangtze River Economic Belt, which spans 11 provinces and municipalities.\n\nThe plan puts ecological protection first: provinces along the river will restore wetlands, cut pollution from chemical plants and build a green development corridor along the economic belt.',
      },
    ],
    [
      'a seat-belt rule',
      {
        title: 'Rear-seat passengers must buckle up from next month',
        text: 'Traffic police will fine rear-seat passengers who do not wear seat belts, under the revised road traffic safety regulations.\n\nDrivers are required to remind passengers to fasten their belts before setting off on the road.',
      },
    ],
    [
      // A reviewer's case: "seat belt and road" holds the words "belt and road".
      'a seat-belt and road-safety campaign',
      {
        title: 'Police launch seat belt and road safety campaign',
        text: 'Police in Shanghai launched a seat belt and road safety campaign on Monday, urging drivers and passengers to buckle up on every trip.',
      },
    ],
    [
      'a "BRI (Bangladesh Rice Research Institute)" item',
      {
        title: 'BRI releases two new salt-tolerant rice varieties',
        text: 'DHAKA — BRI (Bangladesh Rice Research Institute) has released two new salt-tolerant rice varieties for coastal farmers.\n\nThe BRI director general said the varieties yield up to 6 tonnes per hectare and will help food security.',
      },
    ],
    [
      'a Global Gateway piece',
      {
        title: "EU's Global Gateway unveils first infrastructure projects in Africa",
        text: "The European Commission on Wednesday unveiled the first flagship projects of the Global Gateway, the EU's €300 billion plan that is widely seen as an alternative to China's Belt and Road Initiative.\n\nThe Global Gateway projects include a hydrogen corridor, digital cables linking Europe and Africa, and vaccine production, financed through Team Europe grants and guarantees.\n\nCommission officials said the Global Gateway offers transparent, values-based partnerships.",
      },
    ],
    [
      // A spot-check's port profile (beltandroad.news): the BRI in a list of strategies, and the stock
      // description of where the port lies — three names in two background sentences.
      'a port profile naming the BRI among strategies and as where the port lies',
      {
        title: "Ningbo Zhoushan Port develops to become one of world's busiest ports",
        text: [
          'The Ningbo Zhoushan Port has grown from a wharf to one of the world’s busiest ports during 70 years.',
          'Now, it is speeding up to build itself into a strong port in the world, with the development of the Belt & Road Initiative, the Yangtze River Economic Belt & the Yangtze River Delta Economic Zone.',
          'The port lies at the meeting point of the Silk Road Economic Belt & the 21st Century Maritime Silk Road. It has built trade connections with more than 600 ports in more than 190 countries and regions.',
          'It also has nearly 250 container shipping routes, and more than 120 are ocean shipping routes, making the Ningbo Zhoushan Port the largest port in southern China in terms of providing integrated rail-sea transportation.',
          'The Chuanshan harbour, a part of the Ningbo Zhoushan Port, now has 10 container terminals on its 3,400-meter-long coastline, capable of handling 10 cargo ships that weigh 150,000 tons at the same time.',
        ].join('\n\n'),
      },
    ],
    [
      // A spot-check's quarterly customs figures with one BRI sentence: "partner" in "Belt and Road
      // partner countries" is the group's name, no action near the anchor.
      'quarterly trade figures naming Belt and Road partner countries once',
      {
        title: 'China’s foreign trade hits record high in first quarter of 2024',
        text: [
          'From January to March, the country’s foreign trade in goods stood at 10.17 trillion yuan (about $1.43 trillion), according to the General Administration of Customs (GAC).',
          'Exports from the world’s second-biggest economy were 4.9 percent higher year on year, reaching 5.74 trillion yuan; while imports rose 5 percent to 4.43 trillion yuan, data showed.',
          'In particular, exports of mechanical and electrical products increased by 6.8 percent, accounting for 59.2 percent of total exports, while cross-border e-commerce trade increased by 9.6 percent.',
          'From January to March, China’s trade to Belt and Road partner countries increased by 5.5 percent, accounting for 47.4 percent of total trade. Meanwhile, trade with the EU, the U.S., South Korea and Japan accounted for 33.4 percent of total trade.',
          'China’s foreign trade had a strong start and good momentum in the first quarter overall, said Wang. He added that as the country’s economic fundamentals continue to improve, foreign trade will have solid support.',
        ].join('\n\n'),
      },
    ],
  ];
  for (const [name, input] of negatives) {
    it(`judges ${name} not relevant`, () => {
      const j = judge(input);
      expectWellFormed(j, input);
      expect(j.relevant, `score ${j.score}`).toBe(false);
      expect(j.topics).toEqual([]);
      expect(j.measures).toEqual([]);
    });
  }

  it('gives verbatim evidence (at most three per list) for every article of the dev split', () => {
    for (const a of dev) {
      const input = { title: a.title, text: a.text, url: a.url, lang: a.lang, published: a.published };
      expectWellFormed(judge(input), input);
    }
  });

  it("shows first a topic's sentence that names the BRI with a word of the field, before a stronger term elsewhere", () => {
    // (Blind spot-check AG: a finance topic opened with a partner's reserves under the AIIB's
    // guarantee, not the BRI's RMB settlement. A blind A/B judge preferred this order 32 to 5.)
    const j = judge({
      title: '巴基斯坦计划在华发行熊猫债券',
      text:
        '截至2025年6月,巴基斯坦外汇储备达145.1亿美元,叠加亚投行的信用担保,为债券偿付提供保障。\n\n' +
        '这种融资模式推动人民币在跨境投融资中的使用,2024年中国与“一带一路”国家货物贸易人民币结算量同比增长66%,熊猫债正成为关键载体。',
    });
    const finance = j.topics.find((t) => t.id === 'finance');
    expect(finance?.evidence[0]).toContain('一带一路');
    expect(finance?.evidence[1]).toContain('亚投行');
  });

  it('is a pure function of (document, knowledge, config)', () => {
    const input = { title: dev[0].title, text: dev[0].text };
    expect(judge(input)).toEqual(judge(input));
    expect(classify(input, knowledge, { threshold: 0.99 }).score).toBe(judge(input).score);
  });
  it('reads "Belt & Road" as "Belt and Road", and "belt road" as neither', () => {
    const text = (name: string) => `The province will strengthen trade cooperation with countries participating in the ${name}, open more China-Europe freight train routes and build overseas cooperation zones.`;
    const amp = judge({ title: 'Zhejiang steps up Belt & Road cooperation', text: text('Belt & Road Initiative') });
    const and = judge({ title: 'Zhejiang steps up Belt and Road cooperation', text: text('Belt and Road Initiative') });
    expect(amp.score).toBe(and.score);
    expect(amp.relevant).toBe(true);
    expect(amp.evidence.join(' ')).toContain('Belt & Road');
    for (const title of ['Conveyor belt road test for new logistics equipment in Ningbo port', 'Rust belt road trip: Ohio towns face decline'])
      expect(judge({ title, text: `${title}. The city said more work will follow.` }).relevant, title).toBe(false);
  });

  it('reads where a place lies as background only in the stock phrase with its verb, not "a Belt and Road junction" or "at a crossroads"', () => {
    // A reviewer's cases: these were relevant before the location phrase was read, and stay so.
    for (const input of [
      { title: 'Khorgos: a Belt and Road junction', text: 'Khorgos, on the border between China and Kazakhstan, has become a key junction of the Belt and Road Initiative. The dry port handles China-Europe freight trains bound for Europe.' },
      { title: 'Belt and Road Initiative at a crossroads', text: 'Ten years on, the Belt and Road Initiative is at a crossroads, with China shifting to smaller, greener projects in partner countries.' },
      { title: 'Kazakhstan seeks convergence of Nurly Zhol and Belt and Road', text: 'Kazakhstan seeks the convergence of its Nurly Zhol programme and the Belt and Road Initiative, the two governments said after signing a cooperation plan.' },
      { title: '连云港：打造一带一路交汇点', text: '连云港市加快建设“一带一路”强支点,打造陆海内外联动、东西双向互济的交汇点,中哈物流合作基地和上合组织出海基地建设加快推进。' },
      { title: 'Kazakhstan opens new dry port terminal', text: 'The new terminal, located at the junction of two national highways, handles China-Europe freight trains under the Belt and Road Initiative.' },
    ])
      expect(judge(input).relevant, input.title).toBe(true);
    // The stock phrase in Chinese too (a second reviewer's case): the port profile is background.
    const port = judge({
      title: '宁波舟山港发展成为世界最繁忙港口之一',
      text: '70年来，宁波舟山港从一个小码头成长为世界最繁忙的港口之一。\n\n如今，随着“一带一路”建设、长江经济带和长三角一体化发展，宁波舟山港正加快建设世界一流强港。\n\n宁波舟山港地处丝绸之路经济带和21世纪海上丝绸之路的交汇点，已与190多个国家和地区的600多个港口建立贸易往来。\n\n港口拥有近250条集装箱航线，其中远洋航线120多条。',
    });
    expect(port.relevant, `score ${port.score}`).toBe(false);
  });

  it("knows the China-Europe trains by their route brands: Yiwu's 义新欧 (Yixinou), Chongqing's 渝新欧", () => {
    // A spot-check's Zhejiang Online report (2023-04-24) names 中欧班列 once and 义新欧 throughout; it
    // scored 0.30 when only 中欧班列 was a flagship.
    const yixinou = judge({
      title: '开行2024列 "义新欧"班列(义乌—中亚五国)十周年',
      text:
        '23日上午,满载100标箱百货商品的“义新欧”中欧班列(义乌—中亚五国)10周年纪念号鸣笛启程,从义乌前往中亚五国。\n\n' +
        '2013年4月23日,首趟中亚五国班列从义乌启程开往哈萨克斯坦阿拉木图,打通义乌直达中亚的国际铁路联运物流大通道。10年来,往来于义乌与中亚五国间的“义新欧”班列共开行2024列。\n\n' +
        '经过10年发展,“义新欧”班列义乌平台已先后开通义乌至马德里、布拉格、莫斯科等18条线路,辐射欧亚大陆50多个国家和地区。',
    });
    expect(yixinou.relevant).toBe(true);
    expect(yixinou.evidence.join(' ')).toContain('义新欧');
    for (const [title, name] of [['Yixinou freight trains link Yiwu with Madrid', 'Yiwu-Xinjiang-Europe'], ['Yi-Xin-Ou trains link Yiwu with Madrid', 'Yi-Xin-Ou'], ['Hanxinou trains link Wuhan with Europe', 'Wuhan-Xinjiang-Europe (Hanxinou)']])
      expect(judge({ title, text: `The ${name} freight train service has opened 18 routes to Europe and Central Asia, reaching more than 50 countries and regions.` }).relevant, title).toBe(true);
    // And as Jiangsu's and Yiwu's English reports name the same trains (two spot-checks' cases).
    // (and as machine translations of 中欧班列 and 义新欧 name them: "China EU train", "Yixin Europe")
    for (const name of ['China-Europe-Asia freight train', 'Eurasian freight train', 'Yiwu-Madrid', 'China-EU train', 'China EU freight train', 'Yixin Europe'])
      expect(judge({ title: `${name} service links Jiangsu and Zhejiang with Europe`, text: `The ${name} service has opened 18 routes to Europe and Central Asia, reaching more than 50 countries and regions.` }).relevant, name).toBe(true);
    expect(judge({ title: '中欧亚班列开行十周年', text: '中欧亚班列已开通18条线路,辐射欧亚大陆50多个国家和地区。' }).relevant).toBe(true);
    // 中欧(亚)班列, the official name with its bracket, in both scripts and both bracket widths; and the
    // trains as machine translations name them (two spot-checks' Jiangsu and Zhejiang reports).
    const title = '江苏推进开放型经济发展';
    const plain = judge({ title, text: '推动中欧班列提质增效,开行数量稳步增长。' });
    for (const text of ['推动中欧(亚)班列提质增效,开行数量稳步增长。', '推動中歐（亞）班列提質增效,開行數量穩步增長。']) {
      const j = judge({ title, text });
      expect(j.score, text).toBe(plain.score);
      expect(topicMasses({ title, text }, knowledge).find((t) => t.id === 'connectivity')?.mass, text).toBe(topicMasses({ title, text: '推动中欧班列提质增效,开行数量稳步增长。' }, knowledge).find((t) => t.id === 'connectivity')?.mass);
    }
    expect(judge({ title, text: '推动中欧(美)班列提质增效。' }).score).toBeLessThan(plain.score);
  });

  it('counts an acronym the text defines for a flagship ("Yiwu-Xinjiang-Europe (YXE)") as the flagship wherever it stands; knows the trains as CR Express and Shanghai-Europe Express', () => {
    // A blind spot-check's Jinhua report (batch9 en-953) names the trains once in full and then
    // "YXE trains" throughout; it scored 0.215.
    const title = 'Delivery of "Made in Zhejiang" products';
    const body = (first: string) =>
      `At Yiwu West Railway Station, an average of five ${first} trains depart to Eurasian countries every day.\n\n` +
      'In the past five years, the number of YXE lines has increased from 9 to 24, now connecting more than 50 countries and 160 cities.\n\n' +
      'By May 31, the total number of YXE trains running at the Yiwu and Jindong platforms was 960 this year, among which 368 were import trains.\n\n' +
      'YXE trains also became important channels for the international transport of anti-pandemic materials.';
    const defined = judge({ title, text: body('Yiwu-Xinjiang-Europe (YXE)') });
    const undefinedHere = judge({ title, text: body('Yiwu-Xinjiang-Europe') });
    expect(defined.relevant).toBe(true);
    expect(defined.score).toBeGreaterThan(undefinedHere.score);
    expect(defined.evidence.some((e) => e.includes('YXE lines'))).toBe(true);
    // An acronym defined for no anchor, or used before its definition, is no anchor.
    expect(judge({ title, text: body('Yiwu Logistics (YXE)') }).score).toBeLessThan(0.5);
    const before = body('Yiwu-Xinjiang-Europe').replace('YXE trains also', 'Yiwu-Xinjiang-Europe (YXE) trains also');
    expect(judge({ title, text: before }).score).toBeLessThan(defined.score);
    // The letters must be the name's initials: a photo credit or a numeral in brackets is no acronym.
    const credit = judge({
      title: 'German exports slump as factory orders fall',
      text: 'Containers arrive at Duisburg, the terminus of a China-Europe freight train (VCG)\n\nGerman exports fell 2 percent in March as factory orders dropped.\n\nA worker at a Volkswagen plant in Wolfsburg (VCG)\n\nEconomists expect weak demand to persist.\n\nShoppers in Munich (VCG)',
    });
    expect(credit.relevant, `score ${credit.score}`).toBe(false);
    expect(judge({ title: 'History lecture', text: 'A lecture on the Belt and Road (II) was cancelled.\n\nWorld War II and Henry II were the topics instead. II was the theme.' }).relevant).toBe(false);
    // A name whose tail is the anchor: "Green Investment Principles for the Belt and Road (GIP)".
    const gip = (first: string) => judge({ title: 'Banks meet in Beijing', text: `Delegates gathered for the ${first}.\n\nThe GIP signatories now manage assets of 41 trillion dollars.\n\nThe GIP will publish a report on green finance.` }).score;
    expect(gip('Green Investment Principles for the Belt and Road (GIP)')).toBeGreaterThan(gip('Green Investment Principles for the Belt and Road'));
    // An acronym of the old route's name in a sentence about the past is history, as the name would be.
    const route = (second: string) => judge({ title: 'Ports of the past', text: `The Maritime Silk Road (MSR) links ports today.\n\n${second}` }).score;
    expect(route('MSR ports flourished in the Song dynasty, museum relics show ancient trade.')).toBe(route('Ports flourished in the Song dynasty, museum relics show ancient trade.'));
    for (const name of ['CR Express', 'Shanghai-Europe Express'])
      expect(judge({ title: 'First freight train leaves for Hamburg', text: `The ${name} service will leave via Alataw, passing through Poland, and arrive in Hamburg in two weeks, half the time of ocean freight.\n\nThe ${name} will run every week.` }).relevant, name).toBe(true);
  });

  it('reads 共建国家 / 沿线国家 right after the initiative\'s name as the name of a group, no partner named (as "Belt and Road partner countries")', () => {
    // Two blind spot-checks' Chinese expo and statistics reports (batch9 zh-979): "104个“一带一路”共建国家
    // 的1585家企业" counted 共建国家 as a partner the text reports cooperation with.
    const partners = (text: string) => relevanceFeatures({ title: '第七届进博会闭幕', text }, knowledge).partners;
    expect(partners('有来自104个“一带一路”共建国家的1585家企业参展。')).toBe(0);
    expect(partners('有来自104个“一带一路”沿线国家的企业参展。')).toBe(0);
    expect(partners('有来自104个一带一路共建国家的企业参展。')).toBe(0);
    expect(partners('「一帶一路」沿線國家的企業參展。')).toBe(0);
    // Named on their own, or after other words, they still count; so does a country after a
    // flagship's name (the Serbian section of the Hungary-Serbia railway).
    expect(partners('进博会为共建国家的最不发达国家提供免费展位。')).toBeGreaterThan(0);
    expect(partners('匈塞铁路塞尔维亚段今日全线通车。')).toBeGreaterThan(0);
    expect(partners('“一带一路”倡议提出以来,中国与哈萨克斯坦等沿线国家合作。')).toBeGreaterThan(0);
  });

  it('reads "One Belt, One Road" with its comma as the initiative', () => {
    const text = (name: string) => `The province will open more China-Europe freight trains and build overseas cooperation zones in 2021 under the ${name} initiative, the provincial government said.`;
    const comma = judge({ title: 'Zhejiang sets 2021 tasks for opening up', text: text('"One Belt, One Road"') });
    const plain = judge({ title: 'Zhejiang sets 2021 tasks for opening up', text: text('"One Belt One Road"') });
    const none = judge({ title: 'Zhejiang sets 2021 tasks for opening up', text: text('new') });
    expect(comma.score).toBe(plain.score);
    expect(comma.score).toBeGreaterThan(none.score + 0.2);
    expect(comma.evidence.join(' ')).toContain('"One Belt, One Road"');
  });
});

describe('topics', () => {
  const kz = (sentence: string) => ({
    title: 'Chinese firm boosts clean energy cooperation in Kazakhstan',
    text: `The 100-MW Zhanatas wind farm in southern Kazakhstan was built by a Chinese energy company with Kazakh partners and cuts carbon emissions by 300,000 tonnes a year.\n\n${sentence}\n\nThe wind farm generated 750 million kilowatt-hours of electricity by the end of 2022.`,
  });
  const coop = (input: { title: string; text: string }) => topicMasses(input, knowledge).find((t) => t.id === 'cooperation-mechanisms')?.mass ?? 0;

  it('counts a sentence docking the BRI with a partner\'s own strategy as cooperation-mechanisms (English, Chinese, traditional)', () => {
    const docked = kz("The project integrates the Belt and Road Initiative with Kazakhstan's Bright Road new economic policy.");
    const linked = kz('The project is linked to the Belt and Road Initiative.');
    expect(coop(docked) - coop(linked)).toBeCloseTo(1, 5);
    // the BRI's own name is no partner strategy: "linked to the Belt and Road Initiative" docks nothing
    expect(coop(linked)).toBe(0);
    const zh = (s: string) => ({ title: '中哈风电合作', text: `扎纳塔斯风电场由中国企业与哈萨克斯坦企业合作建设,每年减少二氧化碳排放30万吨。\n\n${s}` });
    expect(coop(zh('该项目推动共建“一带一路”倡议同哈萨克斯坦“光明之路”新经济政策对接。'))).toBeGreaterThanOrEqual(1);
    expect(coop(zh('該項目推動共建「一帶一路」倡議同哈薩克斯坦「光明之路」新經濟政策對接。'))).toBeGreaterThanOrEqual(1);
    expect(coop(zh('该项目是共建“一带一路”的重要成果。'))).toBe(0);
  });

  it("reads Taiwan's words for the digital economy (數位經濟, 數位絲路, 行動支付, 資料中心) as the mainland's", () => {
    // A spot-check's CNA report missed digital-economy: 數位 folds to 数位, not 数字.
    const taiwan = judge({ title: '陸推動數位絲路 深化數位經濟合作', text: '中國大陸商務部表示,將推動「一帶一路」數位絲路建設,深化數位經濟與數位貿易合作,擴大行動支付與資料中心等數位基礎建設。', published: '2024-06-01' });
    expect(taiwan.relevant).toBe(true);
    expect(taiwan.topics[0]?.id).toBe('digital-economy');
    // Not the characters inside other words: 多数位于, 人数位居, 路网路况.
    const students = judge({ title: '“一带一路”留学生在沪学习', text: '来自共建“一带一路”国家的留学生人数位居前列,他们多数位于上海的高校学习,学习中文和专业课程,参加人文交流活动。', published: '2024-06-01' });
    expect(students.topics.map((t) => t.id)).not.toContain('digital-economy');
  });

  it('reads international communication as people-to-people (not telecoms), and customs as traditions where they are', () => {
    // A spot-check's Yiwu report of an official BRI international communication campaign.
    const p2p = (text: string) => topicMasses({ title: 'Yiwu', text }, knowledge).find((t) => t.id === 'people-to-people')?.mass ?? 0;
    expect(p2p('The Belt and Road international communication campaign was launched to tell China\'s stories abroad.')).toBeGreaterThan(0.5);
    expect(p2p('讲好中国故事,加强国际传播能力建设。')).toBeGreaterThan(0.5);
    expect(p2p('Partners built international communications networks and an international communication hub for data.')).toBe(0);
    // "Unique customs" are traditions; customs clearance, and the local customs authority, are trade.
    const trade = (what: string) => topicMasses({ title: 'Silk Road festival in Shanghai', text: `The Belt and Road culture festival in Shanghai showed ${what} of partner countries to visitors.` }, knowledge).find((t) => t.id === 'trade')?.mass ?? 0;
    expect(trade('the unique customs and food')).toBe(0);
    expect(trade('the folk customs, traditions and customs and local customs and food')).toBe(0);
    expect(trade('the customs clearance')).toBeGreaterThan(0);
    expect(trade('how the local customs authority cut clearance times')).toBeGreaterThan(0);
  });

  it('reads the words three spot-checks found missing: Taiwan\'s 基礎建設, lawyers, biodiversity, memoranda, zones named head first; 软联通 as rules, 资金互联互通 as finance', () => {
    const mass = (id: string, text: string) => topicMasses({ title: '一带一路', text }, knowledge).find((t) => t.id === id)?.mass ?? 0;
    expect(mass('connectivity', '兩國推進基礎建設與交通設施合作。')).toBeGreaterThan(0.5);
    expect(mass('legal-compliance', '律师协会与共建国家律师开展法律合作。')).toBeGreaterThan(1);
    expect(mass('legal-compliance', 'Lawyers from the bar association discussed legal cooperation.')).toBeGreaterThan(1);
    expect(mass('green', 'The park protects biodiversity. 加强生物多样性保护。')).toBeGreaterThan(1);
    expect(mass('cooperation-mechanisms', 'The two sides signed memoranda of understanding.')).toBeGreaterThan(0.5);
    // "Zones for economic and trade cooperation" are the overseas parks (industry-investment), not trade.
    expect(mass('industry-investment', 'China has built zones for economic and trade cooperation in partner countries.')).toBeGreaterThan(0.8);
    expect(mass('trade', 'China has built zones for economic and trade cooperation in partner countries.')).toBe(0);
    expect(mass('industry-investment', '央企在共建国家承包工程项目。')).toBeGreaterThan(0.5);
    // Two more spot-checks: a letter of intent is a cooperation document, the policy banks go by
    // other names, and a fast sea route is a link.
    expect(mass('cooperation-mechanisms', 'The two sides signed a letter of intent. 双方签署合作意向书。')).toBeGreaterThan(1);
    expect(mass('finance', 'The National Development Bank and the Exim Bank will lend. 国开行提供贷款支持。')).toBeGreaterThan(2);
    expect(mass('connectivity', '钱凯港至上海的海上快线开通。')).toBeGreaterThan(0.5);
    // Farmers contracting land is no engineering contract abroad (a reviewer's case).
    expect(mass('industry-investment', '当地农户承包了200亩稻田,种植杂交水稻。')).toBe(0);
    expect(mass('industry-investment', '村民承包了稻田,农民承包果园。')).toBe(0);
    expect(mass('industry-investment', '中企承包经营瓜达尔港,承包地铁工程。')).toBeGreaterThan(0.7);
    // "Soft connectivity" is rules and standards; financial connectivity is finance: neither is transport.
    expect(mass('connectivity', '推进规则标准软联通。')).toBe(0);
    expect(mass('legal-compliance', '推进规则标准软联通。')).toBeGreaterThan(0);
    expect(mass('connectivity', '香港是资金互联互通的重要渠道。')).toBe(0);
    // Three more spot-checks: transport infrastructure projects, trade totals and facilitation in
    // Chinese reports' words, development finance, the principle of 共商共建共享 in English.
    expect(mass('connectivity', '一大批交通基础设施项目落地生根。')).toBeGreaterThan(0.5);
    // Roads, bridges and energy links are connectivity too (batch14 en-529, Cambodia's first expressway).
    expect(mass('connectivity', 'Cambodia has entered the era of expressways with the opening of the 187-km expressway.')).toBeGreaterThanOrEqual(0.8);
    expect(mass('connectivity', 'The China-Myanmar oil pipeline and the new highway were completed.')).toBeGreaterThanOrEqual(0.8);
    expect(mass('connectivity', '金港高速公路通车,中缅油气管道和跨海大桥相继建成。')).toBeGreaterThanOrEqual(1.3);
    // Power lines and bridge building, by the grid company too (a second reviewer's).
    expect(mass('connectivity', '国家电网承建的巴基斯坦默蒂亚里—拉合尔±660千伏直流输电工程投运。')).toBeGreaterThanOrEqual(0.4);
    expect(mass('connectivity', '中企承建的跨河大桥竣工,桥梁建设带动当地就业。')).toBeGreaterThanOrEqual(0.7);
    expect(mass('connectivity', 'The 500-kV transmission line completes the power interconnection of the two countries.')).toBeGreaterThanOrEqual(0.8);
    // … not their figures of speech, a traffic authority or a power company's name (a reviewer's count:
    // 28 of 29 uses of 桥梁 in the labelled texts are figurative).
    for (const figure of ['留学生架起了中外友谊的桥梁,发挥桥梁纽带作用。', '打造跨国电力高速公路和信息高速公路。', '高速公路局提醒连假出游注意安全。', '国家电网投资建设运营巴西美丽山项目。', 'It is an information highway for Belt and Road partners.', 'The Insurance Institute for Highway Safety says so.'])
      expect(mass('connectivity', figure), figure).toBe(0);
    expect(mass('trade', '货物贸易总额超过1万亿美元。')).toBeGreaterThan(0.5);
    expect(mass('trade', '贸易投资便利化专项行动共有15项举措。')).toBeGreaterThan(0.7);
    expect(mass('finance', 'An agreement on developmental financial cooperation; development finance for digital projects.')).toBeGreaterThan(1);
    expect(mass('cooperation-mechanisms', 'China follows the principle of extensive consultation, joint contribution and shared benefits.')).toBeGreaterThan(0.5);
    // A festival's customs are traditions (a spot-check's Lunar New Year celebration); the border's stay trade.
    expect(mass('trade', 'The celebration integrates traditional cultural elements such as customs, flavors and crafts. It shows traditional customs of the Spring Festival.')).toBe(0);
    expect(mass('trade', 'The customs authority cut clearance times for goods from partner countries.')).toBeGreaterThan(0);
    expect(mass('trade', 'The two sides agreed to simplify procedures such as customs clearance for goods.')).toBe(mass('trade', 'The two sides agreed to simplify procedures, including customs clearance for goods.'));
    // Customs clearance and declaration, and a free trade agreement's short name, count in Chinese
    // as their English counts (session twenty-seven), in traditional characters too.
    const english = mass('trade', 'Customs clearance took a day. The customs declaration was made online.');
    expect(english).toBeGreaterThan(0);
    expect(mass('trade', '通关只需一天,报关手续在网上办理。')).toBeCloseTo(english, 5);
    expect(mass('trade', '通關只需一天,報關手續在網上辦理。')).toBeCloseTo(english, 5);
    expect(mass('trade', '两国签署自贸协定。')).toBe(mass('trade', '两国签署自由贸易协定。'));
    expect(mass('trade', '两国签署自贸协定。')).toBeGreaterThan(0.5);
  });

  it('lists at most three topics, most probable first, scored by the topic model, the leading topic at least', () => {
    for (const a of dev) {
      const j = judge(a);
      if (!j.relevant) continue;
      expect(j.topics.length, a.id).toBeGreaterThanOrEqual(1);
      expect(j.topics.length, a.id).toBeLessThanOrEqual(3);
      const candidates = topicFeatures(a, knowledge);
      for (const t of j.topics) {
        const c = candidates.find((x) => x.id === t.id)!;
        expect(t.score, `${a.id} ${t.id}`).toBeCloseTo(topicProbability(c), 3);
      }
      if (j.topics.length > 1) for (const t of j.topics) expect(t.score, `${a.id} ${t.id}`).toBeGreaterThanOrEqual(TOPIC_SELECT);
    }
  });

  it("gives a relevant brief with no topic term the topic of the catalog policy it updates, and no topic without a link", () => {
    // A one-sentence notice of Shanghai's 2025 priorities: relevant, an update of the 2024 entry,
    // no topic term. A subscription filtered by topic must still see it.
    const brief = judge({ title: '上海明确2025年推进“一带一路”高质量发展重点工作', text: '近日,上海市发展改革委印发《上海市2025年推进“一带一路”高质量发展重点工作》。', published: '2025-04-01' });
    expect(brief.relevant).toBe(true);
    expect(brief.measures.map((m) => [m.id, m.relation])).toEqual([['sh-2024-priorities', 'updates']]);
    expect(topicFeatures({ title: '上海明确2025年推进“一带一路”高质量发展重点工作', text: '近日,上海市发展改革委印发《上海市2025年推进“一带一路”高质量发展重点工作》。' }, knowledge)).toEqual([]);
    const entryTopic = catalog.measures.find((m) => m.id === 'sh-2024-priorities')!.topics[0];
    expect(brief.topics).toEqual([{ id: entryTopic, score: 0.5, evidence: ['上海明确2025年推进“一带一路”高质量发展重点工作'] }]);
    // Relevant, but tied to no entry: nothing says what it is about, so no topic is made up.
    const unlinked = judge({ title: 'Shanghai releases Belt and Road plan', text: 'Shanghai has released its Belt and Road Initiative plan for 2025.', published: '2025-03-01' });
    expectRelevantUnlinked(unlinked);
    expect(unlinked.topics).toEqual([]);
  });

  it("shows a topic by what the text reports of it, a field's word inside an organisation's name last", () => {
    // A spot-check's Yiwu article gave trade "… Yiwu International Trade Market, where …" and a
    // Wenzhou one 温州国际贸易集团…签署…: the names of a market and a company, not trade reported.
    const evidence = (title: string, text: string, topic: string) => judge({ title, text }).topics.find((t) => t.id === topic)?.evidence ?? [];
    const en = evidence(
      'Yiwu steps up trade with Belt and Road countries',
      "Visitors crowd the Yiwu International Trade Market, where 75,000 shops sell small commodities.\n\nYiwu's imports and exports with countries along the Belt and Road rose 20 percent in the first half, local customs said.\n\nThe China-Europe freight trains from Yiwu carried more goods to Central Asia under the Belt and Road Initiative.",
      'trade',
    );
    expect(en[0]).toMatch(/^Yiwu's imports and exports/);
    // (Last, or not at all: with the freight trains' sentence shown for connectivity, it fills
    // trade's third place.)
    const market = en.findIndex((e) => e.includes('International Trade Market'));
    expect(market === -1 || market === en.length - 1, en.join(' | ')).toBe(true);
    expect(en.indexOf("Yiwu steps up trade with Belt and Road countries"), en.join(' | ')).toBeLessThan(market === -1 ? Infinity : market);
    const zh = evidence('温州开通中欧班列 对接“一带一路”', '温州国际贸易集团与义新欧贸易服务集团签署合作意向书,促成了此次班列的开通。\n\n温州与“一带一路”沿线国家的进出口贸易持续增长,出口6.1亿元,同比增幅达61%。\n\n温州的商品远销中亚。', 'trade');
    // (Last, or not at all: its 合作意向书 makes it cooperation-mechanisms' sentence.)
    const named = zh.findIndex((e) => e.startsWith('温州国际贸易集团'));
    expect(named === -1 || named === zh.length - 1, zh.join(' | ')).toBe(true);
    expect(zh[0]).toMatch(/^温州与“一带一路”沿线国家的进出口贸易/);
    // A headline in title case is no organisation's name.
    const headline = evidence('Belt And Road Trade Boosts Yiwu Market', 'More goods from Belt and Road partner countries reached the city this year.', 'trade');
    expect(headline[0]).toBe('Belt And Road Trade Boosts Yiwu Market');
    // A coordination body's name is cooperation-mechanisms' evidence all the same.
    const body = evidence(
      '标准联通共建“一带一路”行动计划发布',
      '中国与沿线国家签署了一批标准化合作文件。\n\n双方还签署了谅解备忘录。\n\n推进“一带一路”建设工作领导小组办公室发布了行动计划。\n\n相关论坛将于明年举行。\n\n各方将开展对话。',
      'cooperation-mechanisms',
    );
    expect(body.join(' ')).toContain('领导小组办公室');
  });

  it('shows a numbered point run into its paragraph (一是…夯实。) after the sentences that give its facts', () => {
    // A blind spot-check's Guangxi briefing showed digital-economy by "一是数字基础设施不断夯实。".
    const title = '广西高质量参与“一带一路”建设成效新闻发布会';
    const text =
      '近年来,中国—东盟信息港推动面向东盟的“数字丝绸之路”建设。一是数字基础设施不断夯实。信息港建成南宁国际通信出入口局和3条国际互联网数据专用通道。二是跨境电商快速发展,数字贸易规模超过100亿元。第三,数字经济合作持续深化。';
    const digital = judge({ title, text }).topics.find((t) => t.id === 'digital-economy')?.evidence ?? [];
    // Three statements fill the list, so neither bare point is shown.
    expect(digital, digital.join(' | ')).toHaveLength(3);
    expect(digital.filter((e) => e === '一是数字基础设施不断夯实。' || e === '第三,数字经济合作持续深化。'), digital.join(' | ')).toEqual([]);
    // A numbered point that goes on to say what was done is a statement, shown in its place; so is
    // one that gives a figure.
    expect(digital.join(' ')).toContain('二是跨境电商快速发展');
    const trains = judge({ title: '中欧班列发展成效', text: '第一,中欧班列开行超过1.9万列。\n\n中欧班列是平台。中欧班列很重要。中欧班列有前景。' }).topics.find((t) => t.id === 'connectivity')?.evidence ?? [];
    expect(trains, trains.join(' | ')).toContain('第一,中欧班列开行超过1.9万列。');
  });

  it('shows a sentence that only leads into a list, or a link to click, after the sentences that say something', () => {
    // Two blind spot-checks (batch9 zh-979, zh-955): "企业展主要有以下几个特点:" and "…請點擊《…》".
    const evidence = (text: string, topic: string) => judge({ title: '进博会与“一带一路”共建国家', text }).topics.find((t) => t.id === topic)?.evidence ?? [];
    const lead = evidence(
      '第六届进博会上,来自“一带一路”共建国家的企业参展。企业展主要有以下几个特点:\n\n来自“一带一路”共建国家的参展企业数量增长,进出口贸易成交额创新高。\n\n共建国家的商品贸易持续扩大。\n\n双边贸易额稳步增长。',
      'trade',
    );
    expect(lead.slice(0, 3).filter((e) => e.endsWith('特点:')), lead.join(' | ')).toEqual([]);
    const click = evidence('“一带一路”共建国家的参展企业数量增长,进出口贸易成交额创新高。报道文章请点击《进博会贸易成交额创新高》。\n\n共建国家的商品贸易持续扩大。\n\n双边贸易额稳步增长。', 'trade');
    expect(click.slice(0, 3).filter((e) => e.includes('请点击')), click.join(' | ')).toEqual([]);
    // A sentence that says what happened is shown though it ends in a colon.
    const said = judge({
      title: 'Third Belt and Road Forum',
      text: 'Xi Jinping gave a keynote address at the forum, announcing an eight-point action plan for the Belt and Road Initiative:\n\nConstruct a three-dimensional interconnected network for the Belt and Road.',
    }).evidence;
    expect(said.some((e) => e.startsWith('Xi Jinping gave a keynote address')), said.join(' | ')).toBe(true);
  });

  it('shows a headline whole, though it holds a "!", and a listed item without its bullet', () => {
    // Two blind spot-checks (batch10 zh-861, en-839): "中老鐵路讓夢想成真" without its "通車!", and
    // "- To enforce cooperation on …" with the list's dash.
    const train = judge({ title: '通車!中老鐵路讓夢想成真', text: '12月3日,中老鐵路正式通車。\n\n中老鐵路助力老撾由“陸鎖國”變“陸聯國”,雙方務實合作將注入強勁動力。' });
    const all = [...train.evidence, ...train.topics.flatMap((t) => t.evidence)];
    expect(all).toContain('通車!中老鐵路讓夢想成真');
    expect(all).not.toContain('中老鐵路讓夢想成真');
    // (trimmed as a sentence is)
    const spaced = judge({ title: '  China-Europe Railway Express sets record  ', text: 'The China-Europe Railway Express ran 17,000 trips in 2023 under the Belt and Road Initiative.' });
    expect([...spaced.evidence, ...spaced.topics.flatMap((t) => t.evidence)]).toContain('China-Europe Railway Express sets record');
    const input = {
      title: 'MIIT advice on ICT standardization for the Belt and Road',
      text: 'MIIT published the implementation advice on ICT standardization for the Belt and Road.\n\n- Develop over 80 international standards with Belt and Road countries;\n\n- To strengthen ICT standardization cooperation and support Chinese enterprises in 5G, data centres and submarine cables abroad.',
    };
    const j = judge(input);
    expectWellFormed(j, input);
    const items = [...j.evidence, ...j.topics.flatMap((t) => t.evidence)];
    expect(items.some((e) => e.startsWith('To strengthen ICT standardization cooperation')), items.join(' | ')).toBe(true);
    expect(items.filter((e) => e.startsWith('- '))).toEqual([]);
  });

  it('counts the sentences each topic leads (sentencesLed), a strategy-alignment sentence in its own sentence', () => {
    const led = (input: { title: string; text: string }, id: string) => topicFeatures(input, knowledge).find((c) => c.id === id)?.x.sentencesLed;
    const docked = "The project integrates the Belt and Road Initiative with Kazakhstan's Bright Road new economic policy.";
    const input = (sentences: string[]) => ({ title: 'A project in Kazakhstan', text: sentences.join(' ') });
    // two docking sentences lead two sentences for cooperation-mechanisms, not one
    expect(led(input([docked, docked.replace('project', 'corridor')]), 'cooperation-mechanisms')).toBeCloseTo(Math.log1p(2), 6);
    expect(led(input([docked]), 'cooperation-mechanisms')).toBeCloseTo(Math.log1p(1), 6);
    // a sentence whose wind-power terms outweigh the docking leads for green, not cooperation-mechanisms
    const both = "The solar, photovoltaic and wind power project cuts carbon emissions and integrates the Belt and Road Initiative with Kazakhstan's Bright Road policy.";
    expect(led(input([both]), 'green')).toBeCloseTo(Math.log1p(1), 6);
    expect(led(input([both]), 'cooperation-mechanisms')).toBe(0);
  });

  it('gives a topic a higher probability the more of it a text has, all else equal', () => {
    const base = topicFeatures(kz('The project is linked to the Belt and Road Initiative.'), knowledge)[0];
    const more = { ...base, x: { ...base.x, mass: base.x.mass + 1 } };
    expect(topicProbability(more)).toBeGreaterThan(topicProbability(base));
  });

  const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  it('weights.ts and bow-model.json hold what classifier/fit-topics.ts fits on the committed dev data', () => {
    const r = node('--import', 'tsx', 'classifier/fit-topics.ts', '--check');
    expect(r.stdout).toContain('weights.ts matches the fit');
    expect(r.stdout).toContain('bow-model.json matches the fit');
    expect(r.status).toBe(0);
  });

  it('the labelled sets pass their validator (test/eval/check.mjs): articles.jsonl and every batch', () => {
    // (check.mjs validates articles.jsonl when given no file.)
    expect(LABELLED_FILES.length).toBeGreaterThanOrEqual(8);
    for (const file of LABELLED_FILES.map((name) => (name === 'articles.jsonl' ? [] : [`test/eval/${name}`]))) {
      const r = node('test/eval/check.mjs', ...file);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/OK: \d+ articles valid/);
      expect(r.status).toBe(0);
    }
  });

  it('the second labeller\'s topics (GUIDE.md §9) are 1–3 known topic ids for relevant test/holdout articles', () => {
    const labelled = new Map(readLabelled().filter((a) => a.file === 'articles.jsonl' || a.file === 'batch2.jsonl').map((a) => [a.id, a]));
    const ids = knowledge.topicIds;
    const second = readSecondTopics();
    expect(second.length).toBe([...labelled.values()].filter((a) => a.relevant && a.split !== 'dev').length);
    expect(new Set(second.map((x) => x.id)).size).toBe(second.length);
    for (const x of second) {
      expect(new Set(x.topics).size, x.id).toBe(x.topics.length);
      const a = labelled.get(x.id);
      expect(a && a.relevant && a.split !== 'dev', x.id).toBe(true);
      expect(x.topics.length).toBeGreaterThanOrEqual(1);
      expect(x.topics.length).toBeLessThanOrEqual(3);
      for (const t of x.topics) expect(ids).toContain(t);
    }
  });

  it('the validator rejects a later batch that repeats an article of an earlier file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'silkwatch-check-'));
    try {
      const repeated = readFileSync(join(ROOT, 'test/eval/batch2.jsonl'), 'utf8').split('\n')[0];
      const file = join(dir, 'batch9.jsonl');
      writeFileSync(file, `${repeated}\n`);
      const r = node('test/eval/check.mjs', file);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('duplicate url (also line en-201 of batch2.jsonl)');
      expect(r.stderr).toMatch(/en-201\/en-201 of batch2.jsonl: near-duplicate texts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('measure links', () => {
  it('links "Shanghai unveils priorities to advance Belt and Road Initiative in 2025" to the 2024 priorities with `updates`', () => {
    const input = {
      title: 'Shanghai unveils priorities to advance Belt and Road Initiative in 2025',
      published: '2025-04-10',
      text: [
        'To promote the high-quality development of the Belt and Road Initiative in 2025, Shanghai will focus its efforts on the following eight aspects:',
        '1. Deepen regional coordination and collaboration to synergize the integrated development of the Yangtze River Delta with the high-quality development of the BRI',
        '(a) Give full play to the Belt and Road High-quality Development Promotion Association of the Yangtze River Delta and the Shanghai Belt and Road Comprehensive Service Center.',
        '2. Consolidate the foundation of cooperation and actively contribute to building the Belt and Road Connectivity Network',
        '(a) Enhance the service capabilities of Shanghai Port as a global shipping hub.',
        '(b) Strive to increase the routes and frequencies of Shanghai-Europe freight trains.',
      ].join('\n\n'),
    };
    const j = judge(input);
    expectWellFormed(j, input);
    expect(j.relevant).toBe(true);
    const top = j.measures.find((m) => m.id === 'sh-2024-priorities');
    expect(top?.relation).toBe('updates');
    expect(j.measures.filter((m) => m.relation === 'announces')).toEqual([]);
    expect(j.measures.find((m) => m.id === 'sh-2024-priorities-2d')?.relation).toBe('updates');
    // The new edition's listed items replace the old entries they continue.
    const items = listedMeasures(input);
    const successors = listedSuccessors(input, j, knowledge);
    const trains = successors.find((s) => s.supersedes === 'sh-2024-priorities-2d');
    expect(items[trains!.item].text).toContain('Shanghai-Europe freight trains');
    expect(items[successors.find((s) => s.supersedes === 'sh-2024-priorities-2a')!.item].text).toContain('Shanghai Port');
    expect(new Set(successors.map((s) => s.supersedes)).size).toBe(successors.length);
  });

  it("takes next year's priorities headlined in other words for the newer edition: same place, the initiative, a later year, the same kind of document", () => {
    const text = 'Shanghai has set out nine areas of work for 2025 to promote the high-quality development of the Belt and Road Initiative, the municipal development and reform commission said.\n\nThe city will host the eighth China International Import Expo and run more Shanghai-Europe freight trains.';
    const zh = '上海市发展和改革委员会印发2025年推进“一带一路”高质量发展重点工作，明确九个方面任务。一是深化区域协同联动。二是积极参与“一带一路”互联互通网络建设，增加沪欧班列开行线路和频次。';
    const relation = (title: string, body = text) => judge({ title, text: body, published: '2025-04-12' }).measures.find((m) => m.id === 'sh-2024-priorities')?.relation;
    for (const title of ["Shanghai's 2025 Belt and Road priorities", 'Shanghai maps out 2025 priorities to advance BRI', 'Shanghai releases key tasks for advancing Belt and Road Initiative in 2025', 'Shanghai outlines key points for Belt and Road work in 2025']) expect(relation(title), title).toBe('updates');
    for (const title of ['上海发布2025年“一带一路”重点工作', '上海市2025年推进共建“一带一路”高质量发展工作要点', '上海發布2025年「一帶一路」重點工作']) expect(relation(title, zh), title).toBe('updates');
    // Not without the place, the initiative, a later year named in the headline or the same kind of
    // document; nor another region's, nor a question.
    expect(relation("Zhejiang's 2025 Belt and Road priorities")).not.toBe('updates');
    expect(relation("Shanghai's 2025 free trade zone priorities")).not.toBe('updates');
    expect(relation("Shanghai's Belt and Road priorities")).not.toBe('updates');
    expect(relation("Shanghai's 2025 Belt and Road action plan")).not.toBe('updates');
    expect(relation("What are Shanghai's 2025 Belt and Road priorities?")).not.toBe('updates');
    expect(relation('2025 Belt and Road priorities released')).not.toBe('updates');
    // A reviewer's cases: the region must be the issuer, named first — not a body, place or host
    // named after it, nor another region's headline naming it, nor a review of the year's work.
    for (const title of [
      'Zhejiang unveils 2025 Belt and Road priorities, deepening links with Shanghai',
      'Shanghai Cooperation Organisation sets 2025 priorities, backs Belt and Road',
      "Shanghai Jiao Tong University's 2025 Belt and Road priorities",
      "Shanghai commerce commission's 2025 work priorities include Belt and Road trade",
      'Shanghai hosts 2025 Belt and Road forum on priorities for green development',
      "Shanghai's Hongqiao hub sets 2025 Belt and Road priorities",
    ])
      expect(relation(title), title).not.toBe('updates');
    expect(judge({ title: 'Review: how Shanghai delivered its 2025 Belt and Road priorities', text, published: '2026-02-01' }).measures.find((m) => m.id === 'sh-2024-priorities')?.relation).not.toBe('updates');
    // A second reviewer's cases: the real editions in other words, and more that are none.
    for (const title of [
      "Shanghai's Belt and Road priorities for 2025",
      'Shanghai Municipal Development and Reform Commission issues 2025 Belt and Road priorities',
      'Shanghai DRC issues 2025 Belt and Road priorities',
      'Shanghai lists 2025 Belt and Road priorities',
      'In 2025, Shanghai will focus on nine Belt and Road priorities',
      'After 2024 gains, Shanghai sets 2025 Belt and Road priorities',
      'Shanghai to build on 2024 gains with 2025 Belt and Road priorities',
    ])
      expect(relation(title), title).toBe('updates');
    // A third and a fourth reviewer's cases: the real editions (the city's own bodies after "'s", more
    // issuing verbs), and below what only names the city.
    for (const title of [
      'After 2024 gains, Shanghai unveils Belt and Road priorities for 2025',
      "Shanghai's 2025 Belt and Road priorities build on 2024 key tasks",
      'Shanghai sets 2025 Belt and Road priorities, deepens Yangtze River Delta ties with Zhejiang',
      'BRI: Shanghai sets 2025 priorities',
      "Shanghai's top economic planner unveils 2025 Belt and Road priorities",
      "Shanghai's development and reform commission issues 2025 Belt and Road priorities",
      'Shanghai introduces 2025 Belt and Road priorities',
      'Shanghai city unveils 2025 Belt and Road priorities',
    ])
      expect(relation(title), title).toBe('updates');
    expect(relation('上海發布2025年「一帶一路」重點工作', zh)).toBe('updates');
    // Another body's report of the edition (上海海关落实…, 上海市商务委：全力落实…) is still a report of it.
    const zh2024 = zh.replace(/2025/g, '2024');
    for (const title of ['上海海关落实2024年推进“一带一路”高质量发展重点工作', '上海市商务委：全力落实2024年推进“一带一路”高质量发展重点工作'])
      expect(judge({ title, text: zh2024, published: '2024-05-10' }).editionOf, title).toEqual(['sh-2024-priorities']);
    for (const title of [
      'Shanghai firms list Belt and Road markets among 2025 priorities',
      'Shanghai think tank outlines 2025 Belt and Road priorities',
      'Shanghai universities set 2025 Belt and Road priorities',
      "Shanghai's financial regulator unveils 2025 Belt and Road priorities",
      "Shanghai's municipal commerce commission unveils 2025 Belt and Road priorities",
      'Shanghai to hold 2025 Belt and Road forum on green priorities',
      'Shanghai sets Belt and Road priorities for 2026-30',
      'Shanghai sets Belt and Road priorities through 2030',
    ])
      expect(relation(title), title).not.toBe('updates');
    expect(relation('上海明确2026年至2030年推进“一带一路”高质量发展重点任务', zh)).not.toBe('updates');
    // The commerce commission's own document of the same year is no report of the DRC's.
    expect(judge({ title: '上海市商务委员会2024年推进“一带一路”高质量发展重点工作', text: zh.replace(/2025/g, '2024'), published: '2024-05-10' }).editionOf).toEqual([]);
    for (const title of [
      'Shanghai to host 2025 Belt and Road forum on green priorities',
      "Shanghai outlines key points of Xi's Belt and Road speech ahead of 2025 forum",
      'Shanghai sets 2025 priorities for CIIE; Belt and Road exhibitors to grow',
      "Shanghai's 2025 financial opening priorities: RMB, Belt and Road bonds",
      'Shanghai unveils Belt and Road priorities for 2026-2030',
    ])
      expect(relation(title), title).not.toBe('updates');
    // The edition's year: nearest before the kind of document, else after it.
    expect(['上海明确2025年推进“一带一路”高质量发展重点工作 到2027年建成服务“一带一路”桥头堡', "Shanghai's Belt and Road priorities for 2025", 'Shanghai reviews 2024 Belt and Road work, sets 2025 priorities', 'After 2024 gains, Shanghai sets 2025 Belt and Road priorities'].map(headlineYear)).toEqual([2025, 2025, 2025, 2025]);
    // The edition is the year the headline gives the document, not its first: no same-edition reading.
    expect(judge({ title: 'Shanghai to build on 2024 gains with 2025 Belt and Road priorities', text, published: '2025-04-12' }).editionOf).toEqual([]);
    // Another body of the city issues a policy of its own, whatever portal reposts it.
    expect(judge({ title: '上海市商务委员会2025年工作要点（涉及一带一路）', text: zh, published: '2025-03-01', issuer: '上海市人民政府' }).measures.filter((m) => m.relation === 'updates')).toEqual([]);
    // A body named later in the headline is no issuer; a body of another region (a ministry, the
    // customs administration) does not unmake a report of the same edition.
    expect(relation('Shanghai sets 2025 Belt and Road priorities to streamline customs for trade')).toBe('updates');
    expect(judge({ title: '上海明确2024年推进“一带一路”高质量发展九方面重点工作', text: zh.replace(/2025/g, '2024'), published: '2024-04-08', issuer: '中华人民共和国海关总署' }).editionOf).toEqual(['sh-2024-priorities']);
    // A plan whose title names no year is no yearly policy: a new action plan is a policy of its own.
    expect(judge({ title: 'Shanghai issues 2025 action plan for the Belt and Road', text, published: '2025-04-12' }).measures.filter((m) => m.relation === 'updates')).toEqual([]);
  });

  it('links a Chinese report of the 2024 priorities to the English catalog entries', () => {
    const input = {
      title: '上海明确2024年推进“一带一路”高质量发展九方面重点工作',
      published: '2024-04-08',
      issuer: '上海市发展和改革委员会',
      text: [
        '近日，上海市发展和改革委员会发布2024年上海服务“一带一路”高质量发展的工作重点，明确将从九个方面推进相关工作。',
        '一是深化区域协同联动，推动长三角一体化发展与共建“一带一路”高质量发展相互促进，加快组建长三角“一带一路”高质量发展促进会，持续完善“丝路e启行”小程序功能。',
        '二是夯实合作基础，积极参与“一带一路”互联互通网络建设，提升上海港服务能级，扩大“空中丝绸之路”航线覆盖面，争取增加中欧班列（上海）开行线路和班次。',
      ].join('\n\n'),
    };
    const j = judge(input);
    expectWellFormed(j, input);
    const linked = new Map(j.measures.map((m) => [m.id, m]));
    expect(linked.get('sh-2024-priorities')?.relation).toBe('mentions');
    expect(linked.has('sh-2024-priorities-1b-1')).toBe(true); // 丝路e启行
    expect(linked.has('sh-2024-priorities-1a')).toBe(true); // 长三角“一带一路”高质量发展促进会
    // It reports the catalogued edition: what it lists is the catalog's own (the worker adds none).
    expect(j.editionOf).toEqual(['sh-2024-priorities']);
  });

  it('says a document reports a catalogued edition only for the same known year', () => {
    const items = '1. Open two more Shanghai-Europe freight train routes.\n\n2. Build ten overseas warehouses for Silk Road e-commerce partner countries.';
    // The next year's priorities: a newer edition, no report of the old one.
    const next = judge({ title: 'Shanghai unveils priorities to advance Belt and Road Initiative in 2025', text: `To promote the high-quality development of the Belt and Road Initiative in 2025, Shanghai will focus on the following.\n\n${items}`, published: '2025-04-10' });
    expect(next.measures.find((m) => m.id === 'sh-2024-priorities')?.relation).toBe('updates');
    expect(next.editionOf).toEqual([]);
    // A plan of the Hongqiao CBD, whose catalogued plan has no year: no edition to match.
    const hongqiao = judge({
      title: 'Three-Year Action Plan for Promoting the Establishment of a Pilot Zone for Silk Road E-commerce Cooperation in Hongqiao International CBD (2026-2028)',
      text: `The Hongqiao International Central Business District issued a new three-year action plan for Silk Road e-commerce cooperation with Belt and Road partner countries.\n\n${items}`,
      published: '2026-01-10',
      source: 'shanghai',
    });
    expect(hongqiao.editionOf).toEqual([]);
  });

  it("tells a district's policy from its city's, however alike the titles", () => {
    // Pudong's own 2025 priorities: not a newer edition of the city's 2024 priorities (another
    // issuer), though the headline has most of their words.
    const pudong2025 = judge({
      title: '浦东新区2025年推进“一带一路”高质量发展重点工作',
      text: '近日，浦东新区发展和改革委员会印发2025年浦东新区推进“一带一路”高质量发展重点工作，明确六个方面任务。\n\n一是建设丝路电商合作先行区核心承载区，在外高桥保税区新设5个跨境电商海外仓服务中心。',
      published: '2025-05-20',
    });
    expect(pudong2025.relevant).toBe(true);
    expect(pudong2025.measures.filter((m) => m.relation === 'updates')).toEqual([]);
    expect(pudong2025.editionOf).toEqual([]);
    // The city's own 2025 priorities still update them.
    const city2025 = judge({ title: '上海明确2025年推进“一带一路”高质量发展重点工作', text: '近日，上海市发展和改革委员会发布2025年上海服务“一带一路”高质量发展的工作重点，明确将从九个方面推进相关工作。', published: '2025-04-10' });
    expect(city2025.measures.find((m) => m.id === 'sh-2024-priorities')?.relation).toBe('updates');
    // Pudong's Silk Road e-commerce plan reports Pudong's catalogued plan, not the city's of the
    // same year and name.
    const pudongPlan = judge({
      title: '浦东新区发布《浦东新区推进“丝路电商”合作先行区建设行动方案》',
      text: '近日，浦东新区印发《浦东新区推进“丝路电商”合作先行区建设行动方案》，提出深化与“一带一路”伙伴国家电子商务合作，打造丝路电商合作先行区核心承载区。',
      published: '2023-12-14',
    });
    expect(pudongPlan.editionOf).toEqual(['sh-2023-silk-road-ecommerce-pudong']);
  });

  it('finds the place below the region whose policy a title is (issuingPlace)', () => {
    // From four reviews: venues, ports, banks, forums, markets and newspapers are no issuer; a
    // district, new area or city is, by the lexicon or its administrative suffix.
    const cases: [string, string | null, string][] = [
      // venues, ports, banks, forums, markets, adjectives: the region's own
      ['上海在临港新片区发布2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['虹桥国际经济论坛：上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['上海明确2025年推进“一带一路”高质量发展重点工作 发布会在浦东举行', null, ''],
      ['Shanghai unveils its priorities to advance the Belt and Road Initiative in 2025 at Hongqiao forum', null, ''],
      ["Shanghai Pudong Development Bank backs Shanghai's priorities to advance the Belt and Road Initiative in 2025", null, ''],
      ['临港新片区举行发布会 上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['虹桥国际中央商务区举行推介会 上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['浦东新区承办发布会 上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['浦东2025年“一带一路”论坛开幕 上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ["Pudong New Area hosts launch of Shanghai's priorities to advance the Belt and Road Initiative in 2025", null, ''],
      ["Shanghai's Pudong New Area hosts release of the city's Belt and Road priorities", null, ''],
      ['Hongqiao International CBD forum hears Shanghai Belt and Road priorities', null, ''],
      ["Shanghai unveils its priorities to advance the Belt and Road Initiative in 2025 in Pudong New Area", null, ''],
      ['Shanghai unveils its priorities at event in Hongqiao International CBD', null, ''],
      ['杭州市民热议：浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点', null, ''],
      ['温州市场主体关注浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点', null, ''],
      ['义乌市场2025年推进“一带一路”', null, ''],
      ['Yiwu market sees Belt and Road boom', null, ''],
      ['上海超大城市治理与“一带一路”', null, ''],
      ['沿海地区推进“一带一路”', null, ''],
      ['宁波舟山港2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['Hangzhou Asian Games venues showcase Belt and Road cooperation', null, ''],
      ['杭州亚运会场馆展示“一带一路”合作成果', null, ''],
      ['浦东机场新开通多条“一带一路”航线', null, ''],
      ['Pudong airport opens new Belt and Road routes', null, ''],
      ['宁波港：浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点', null, ''],
      ['杭州日报｜浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点出炉', null, ''],
      ['义乌—马德里班列扩容 浙江省高质量推进“一带一路”', null, ''],
      ['2025年推进“一带一路”高质量发展重点工作', '上海市人民政府新闻办公室', ''],
      ['2025年推进“一带一路”高质量发展重点工作', '上海市发展和改革委员会', ''],
      ["Shanghai's priorities to advance the Belt and Road Initiative in 2024", 'Shanghai Municipal Development and Reform Commission', ''],
      ['Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation in Shanghai', 'State Council', ''],
      // districts, new areas, cities: their own
      ['浦东新区2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['上海市閔行區2025年推進「一帶一路」高質量發展重點工作', null, 'minhang'],
      ['黄浦2025年推进“一带一路”高质量发展重点工作', null, 'huangpu'],
      ['张江科学城2025年推进“一带一路”高质量发展重点工作', null, 'zhangjiang'],
      ["Huangpu's priorities to advance the Belt and Road Initiative in 2025", null, 'huangpu'],
      ['中国（上海）自由贸易试验区临港新片区2025年推进“一带一路”高质量发展重点工作', null, 'lingang'],
      ['中国(上海)自由贸易试验区临港新片区2025年推进“一带一路”高质量发展重点工作', null, 'lingang'],
      ['上海自贸试验区临港新片区2025年推进“一带一路”高质量发展重点工作', null, 'lingang'],
      ["Lingang Special Area's priorities to advance the Belt and Road Initiative in 2025", null, 'lingang'],
      ['Lin-gang Special Area releases its priorities to advance the Belt and Road Initiative in 2025', null, 'lingang'],
      ["The Hongqiao International CBD's priorities to advance the Belt and Road Initiative in 2025", null, 'hongqiao'],
      ['舟山群岛新区高质量推进“一带一路”重要枢纽建设2023年工作要点', null, 'zhoushan'],
      ['横店镇高质量推进“一带一路”重要枢纽建设2023年工作要点', null, '横店'],
      ['慈溪市高质量推进“一带一路”重要枢纽建设2023年工作要点', null, 'cixi'],
      ['紹興市高質量推進「一帶一路」重要樞紐建設2023年工作要點', null, 'shaoxing'],
      ['Wenling city releases Belt and Road work plan', null, 'wenling'],
      ['Hangzhou Municipal Government unveils Belt and Road plan', null, 'hangzhou'],
      ['Pudong issues action plan for Silk Road e-commerce cooperation pilot zone', null, 'pudong'],
      ['浦东新区发布《浦东新区推进“丝路电商”合作先行区建设行动方案》', null, 'pudong'],
      ['Action Plan for Advancing the Construction of the Silk Road E-commerce Cooperation Pilot Zone in Pudong New Area', 'Pudong New Area', 'pudong'],
      ['Action Plan for Advancing the Construction of the Silk Road E-commerce Cooperation Pilot Zone in Pudong New Area', null, 'pudong'],
      ['Three-Year Action Plan for Promoting the Establishment of a Pilot Zone for Silk Road E-commerce Cooperation in Hongqiao International CBD', 'Hongqiao International Central Business District', 'hongqiao'],
      ['2025年推进“一带一路”高质量发展重点工作', '上海市浦东新区人民政府', 'pudong'],
      ['2025年推进“一带一路”高质量发展重点工作', '上海市金山区发展和改革委员会', 'jinshan'],
      ['临港新片区管委会发布2025年推进“一带一路”高质量发展重点工作', null, 'lingang'],
      // third review: headline prefixes, separators, brackets, verbs, a Party office as issuer
      ['2025年推进“一带一路”高质量发展重点工作', '中共上海市委办公厅', ''],
      ['解读上海市2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['图解上海市2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['聚焦上海市2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['今年上海市推进“一带一路”高质量发展重点工作', null, ''],
      ['Priorities to advance the Belt and Road Initiative in Pudong New Area in 2025', null, 'pudong'],
      ["Shanghai's priorities to advance the Belt and Road Initiative in 2025 in Pudong New Area", null, ''],
      ['浦东 2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['【浦东】2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['闵行：2025年推进“一带一路”高质量发展重点工作', null, 'minhang'],
      ['上海·浦东2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['浦东将从六方面推进“一带一路”高质量发展', null, 'pudong'],
      ['Pudong sets 2025 Belt and Road priorities', null, 'pudong'],
      ['Minhang to advance Belt and Road Initiative in 2025', null, 'minhang'],
      ["Shanghai's Minhang to advance Belt and Road Initiative in 2025", null, 'minhang'],
      ['Pudong: priorities to advance the Belt and Road Initiative in 2025', null, 'pudong'],
      ['宁波：2024年高质量推进“一带一路”重要枢纽建设工作要点', null, 'ningbo'],
      ['2025年推进“一带一路”高质量发展重点工作', '中共上海市委 上海市人民政府', ''],
      ['新华网上海频道：上海明确2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['浦东新区：2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['宝山区发改委印发2025年推进“一带一路”高质量发展重点工作', null, 'baoshan'],
      ['Pudong to host Belt and Road forum', null, ''],
      ['Shanghai to advance Belt and Road Initiative in 2025', null, ''],
      ['Pudong: Shanghai sets 2025 Belt and Road priorities', null, ''],
      // fourth review: the headline before a district portal's issuer; people and firms of a place
      ['上海明确2025年推进“一带一路”高质量发展重点工作', '上海市浦东新区人民政府办公室', ''],
      ['上海明确2025年推进“一带一路”高质量发展重点工作', '上海市黄浦区融媒体中心', ''],
      ["Shanghai's priorities to advance the Belt and Road Initiative in 2025", "Jing'an District Government", ''],
      ['浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点', '舟山市人民政府', ''],
      ["Pudong New Area officials explain city's priorities to advance the Belt and Road Initiative in 2025", null, ''],
      ["Lingang Special Area firms welcome city's priorities to advance the Belt and Road Initiative in 2025", null, ''],
      ["Pudong New Area venue for launch of city's priorities to advance the Belt and Road Initiative", null, ''],
      ["Pudong District Mayor: city's priorities to advance the Belt and Road Initiative in 2025", null, ''],
      ['临港新片区企业热议2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['浦东新区政府副区长解读2025年推进“一带一路”高质量发展重点工作', null, ''],
      ['宁波市政协委员解读高质量推进“一带一路”重要枢纽建设2023年工作要点', null, ''],
      ['松江区民营企业家：2025年推进“一带一路”', null, ''],
      ['杭州市第一人民医院“一带一路”国际医疗合作', null, ''],
      ['湖州市区“一带一路”', null, ''],
      ['《浦东新区推进“丝路电商”合作先行区建设行动方案》印发', null, 'pudong'],
      ['New action plan for the Silk Road e-commerce cooperation pilot zone in Pudong New Area', null, 'pudong'],
      ['浦东新区发展和改革委员会印发2025年推进“一带一路”高质量发展重点工作', null, 'pudong'],
      ['2025年推进“一带一路”高质量发展重点工作', '上海市浦东新区人民政府', 'pudong'],
    ];
    expect(cases.filter(([title, issuer, want]) => issuingPlace(title, issuer) !== want)).toEqual([]);
  });

  it('takes the place a headline starts with as its issuer, not a venue, port, bank or forum it names', () => {
    const cityText = '近日，上海市发展和改革委员会发布2025年上海服务“一带一路”高质量发展的工作重点，明确将从九个方面推进相关工作。';
    const enText = "The Shanghai Municipal Development and Reform Commission has released the city's priorities to advance the Belt and Road Initiative in 2025, setting out work in nine areas.";
    const updatesCity = (title: string, text: string, issuer?: string) =>
      judge({ title, text, published: '2025-05-20', ...(issuer ? { issuer } : {}) }).measures.some((m) => m.id === 'sh-2024-priorities' && m.relation === 'updates');
    // The city's newer edition, wherever it was announced or whoever reported it.
    for (const title of [
      '上海在临港新片区发布2025年推进“一带一路”高质量发展重点工作',
      '虹桥国际经济论坛：上海明确2025年推进“一带一路”高质量发展重点工作',
      '上海明确2025年推进“一带一路”高质量发展重点工作 发布会在浦东举行',
      '临港新片区举行发布会 上海明确2025年推进“一带一路”高质量发展重点工作',
      '浦东2025年“一带一路”论坛开幕 上海明确2025年推进“一带一路”高质量发展重点工作',
    ])
      expect(updatesCity(title, cityText), title).toBe(true);
    for (const title of [
      'Shanghai unveils its priorities to advance the Belt and Road Initiative in 2025 at Hongqiao forum',
      "Shanghai Pudong Development Bank backs Shanghai's priorities to advance the Belt and Road Initiative in 2025",
      "Pudong New Area hosts launch of Shanghai's priorities to advance the Belt and Road Initiative in 2025",
      'Shanghai unveils its priorities to advance the Belt and Road Initiative in 2025 in Pudong New Area',
    ])
      expect(updatesCity(title, enText), title).toBe(true);
    // A district's or new area's own (in the lexicon or by its administrative suffix, after the
    // city or its free trade zone; traditional characters too).
    for (const title of [
      '上海市閔行區2025年推進「一帶一路」高質量發展重點工作',
      '黄浦2025年推进“一带一路”高质量发展重点工作',
      '张江科学城2025年推进“一带一路”高质量发展重点工作',
      '中国（上海）自由贸易试验区临港新片区2025年推进“一带一路”高质量发展重点工作',
    ])
      expect(updatesCity(title, cityText.replace('上海市发展和改革委员会', '区发展和改革委员会')), title).toBe(false);
    for (const title of ["Huangpu's priorities to advance the Belt and Road Initiative in 2025", "Lingang Special Area's priorities to advance the Belt and Road Initiative in 2025", "The Hongqiao International CBD's priorities to advance the Belt and Road Initiative in 2025"])
      expect(updatesCity(title, enText.replace('Shanghai Municipal', 'District')), title).toBe(false);
    // The issuer decides where the extractor found one.
    expect(updatesCity('2025年推进“一带一路”高质量发展重点工作', cityText, '上海市发展和改革委员会')).toBe(true);
    expect(updatesCity('2025年推进“一带一路”高质量发展重点工作', cityText, '上海市金山区发展和改革委员会')).toBe(false);
  });

  it('says `implements` when a report carries a catalog measure out', () => {
    const input = {
      title: 'Shanghai hosts International Carbon Neutrality Expo with Belt and Road partners',
      text: 'The Shanghai International Carbon Neutrality Expo opened on Wednesday, with exhibitors from more than 20 Belt and Road countries showing green and low-carbon solutions.\n\nOrganizers said the expo supports green development cooperation under the Belt and Road Initiative.',
    };
    const j = judge(input);
    expectWellFormed(j, input);
    expect(j.measures.find((m) => m.id === 'sh-2024-priorities-5c')?.relation).toBe('implements');
  });

  it('shows first, for `implements`, the sentence that says the entry was carried out', () => {
    // A blind spot-check's Ningbo-Zhoushan report (batch9 zh-973) showed only its headline.
    const input = {
      title: '探访世界第一大港|宁波舟山港:深度融入“一带一路”建设',
      published: '2023-05-18',
      text:
        '人民网宁波5月16日电 宁波舟山港连接着190多个国家和地区600多个港口。\n\n' +
        '宁波舟山港集团相关负责人表示,宁波舟山港充分主动参与“一带一路”建设,积极打造“一带一路”最佳结合点。\n\n' +
        '同时,宁波舟山港大力发展海铁联运国际中转运输,截至今年4月底,已累计开行中欧班列超2000列。',
    };
    const j = judge(input);
    expectWellFormed(j, input);
    const link = j.measures.find((m) => m.id === 'zj-2020-facilitates-bri-2');
    expect(link?.relation).toBe('implements');
    expect(link?.evidence[0]).toMatch(/已累计开行中欧班列超2000列。$/);
  });

  it('says `implements` for an act done, not for one still to come or an aim', () => {
    const relation = (title: string, text: string) => judge({ title, text, published: '2024-05-01' }).measures.find((m) => m.id === 'sh-2024-priorities-5c')?.relation;
    const en = (verb: string) => relation('Belt and Road partners at Shanghai carbon expo', `The Shanghai International Carbon Neutrality Expo ${verb} on Wednesday, with exhibitors from more than 20 Belt and Road countries.\n\nOrganizers said the expo supports green development cooperation under the Belt and Road Initiative.`);
    expect(en('opened')).toBe('implements');
    expect(en('will be opened')).toBe('mentions');
    expect(en('is expected to be held')).toBe('mentions');
    const zh = (clause: string) => relation('上海碳博会 一带一路伙伴参展', `${clause},来自20多个共建“一带一路”国家的展商参展。主办方表示,博览会助力“一带一路”绿色发展合作。`);
    expect(zh('上海国际碳中和博览会6月5日在上海开幕')).toBe('implements');
    expect(zh('上海国际碳中和博览会将于6月5日在上海开幕')).toBe('mentions');
    expect(zh('上海国际碳中和博览会计划6月开幕')).toBe('mentions');
    expect(zh('上海國際碳中和博覽會將於2024年6月5日至8日在上海舉行')).toBe('mentions');
    expect(zh('上海国际碳中和博览会要建成国际一流展会')).toBe('mentions');
    expect(en('will also be held')).toBe('mentions');
    expect(en("won't be opened until")).toBe('mentions');
    // A second verb of a pair still to come; a time to come after the verb, in its clause.
    expect(en('will be planned and launched')).toBe('mentions');
    expect(relation('Belt and Road partners at Shanghai carbon expo', 'The Shanghai International Carbon Neutrality Expo opens next year, with exhibitors from more than 20 Belt and Road countries.')).toBe('mentions');
    expect(relation('Belt and Road partners at Shanghai carbon expo', 'The Shanghai International Carbon Neutrality Expo is held in Shanghai later this month, with exhibitors from more than 20 Belt and Road countries.')).toBe('mentions');
    // Done, with a time to come only in another clause or after "and".
    expect(en('was planned and launched')).toBe('implements');
    // A bare "to" before a pair is a preposition; a time to come after a past act is another's (a reviewer's cases).
    const act = (sentence: string) => relation('Belt and Road partners at Shanghai carbon expo', `${sentence}\n\nOrganizers said the expo supports green development cooperation under the Belt and Road Initiative.`);
    expect(act('Exhibitors from 20 Belt and Road countries came to Shanghai and launched products at the Shanghai International Carbon Neutrality Expo on Wednesday.')).toBe('implements');
    expect(act('The Shanghai International Carbon Neutrality Expo opened on Wednesday ahead of next year\'s climate talks, with exhibitors from 20 Belt and Road countries.')).toBe('implements');
    expect(act('The Shanghai International Carbon Neutrality Expo launched in 2023 will double in size next year, with exhibitors from 20 Belt and Road countries.')).toBe('implements');
    expect(zh('上海国际碳中和博览会在距离地铁站不远的会展中心开幕')).toBe('implements');
    expect(zh('上海国际碳中和博览会开幕仅剩5天')).toBe('mentions');
    expect(zh('距上海国际碳中和博览会开幕已不足一个月')).toBe('mentions');
    expect(zh('上海国际碳中和博览会开幕不到一个月,已签约项目20个')).toBe('implements'); // a time since the act
    expect(zh('上海国际碳中和博览会开幕倒计时10天')).toBe('mentions');
    expect(act('The Shanghai International Carbon Neutrality Expo, held next month in Shanghai, will draw exhibitors from 20 Belt and Road countries.')).toBe('mentions');
    expect(act('Organizers plan to expand and set up the Shanghai International Carbon Neutrality Expo for exhibitors from 20 Belt and Road countries.')).toBe('mentions');
    expect(act('Exhibitors from 20 Belt and Road countries came to Shanghai and set up stands at the Shanghai International Carbon Neutrality Expo on Wednesday.')).toBe('implements');
    expect(act('The Shanghai International Carbon Neutrality Expo opens next June with exhibitors from 20 Belt and Road countries.')).toBe('mentions');
    expect(relation('Belt and Road partners at Shanghai carbon expo', 'The Shanghai International Carbon Neutrality Expo opened in 2023 and will double its size next year, with exhibitors from more than 20 Belt and Road countries.')).toBe('implements');
    // The same characters in other words or uses: as planned, an act done, virtual, the top official.
    expect(zh('上海国际碳中和博览会已签约项目将于明年启动')).toBe('mentions');
    expect(zh('上海国际碳中和博览会线上平台明年开通')).toBe('mentions');
    expect(zh('距离上海国际碳中和博览会举行还有不到20天')).toBe('mentions'); // a countdown (a spot-check's CIIE train report)
    for (const done of [
      '上海国际碳中和博览会按计划于6月5日在上海开幕',
      '上海已成功将上海国际碳中和博览会连续举办两届',
      '上海国际碳中和博览会虚拟展厅6月5日上线',
      '市委一把手出席上海国际碳中和博览会6月5日开幕式',
      '到2023年底上海国际碳中和博览会已累计举办两届',
      '上海已于2023年10月将上海国际碳中和博览会开幕',
      '上海把上海国际碳中和博览会建成了国际一流展会',
    ])
      expect(zh(done), done).toBe('implements');
    // "Italy" and "newly" are no adverbs of intent.
    expect(relation('Belt and Road partners at Shanghai carbon expo', 'The Shanghai International Carbon Neutrality Expo with exhibits sent on the new rail route to Italy opened on Wednesday, with exhibitors from more than 20 Belt and Road countries.')).toBe('implements');
    // Closing an event reports it held (a spot-check's CIIE closing reports).
    expect(en('concluded')).toBe('implements');
    expect(zh('上海国际碳中和博览会6月8日在上海闭幕')).toBe('implements');
    expect(zh('上海國際碳中和博覽會6月8日在上海圓滿落幕')).toBe('implements');
    // The act may be reported in any sentence that names the entry, not only the headline's.
    const ciie = (title: string) => judge({ title, text: 'The seventh China International Import Expo opened on Tuesday in Shanghai, with exhibitors from Belt and Road countries.', published: '2024-11-06' }).measures.find((m) => m.id === 'sh-2024-priorities-3a')?.relation;
    expect(ciie('Seventh CIIE: what Belt and Road partners expect')).toBe('implements');
    expect(ciie('What Belt and Road partners expect')).toBe('implements');
    // 把…建成: making something into something else is an aim (a spot-check's report of the 2017
    // plan: 把上海建成“一带一路”投融资中心…是金融开放合作专项行动的目标和愿景).
    expect(zh('把上海国际碳中和博览会建成“一带一路”绿色合作平台')).toBe('mentions');
  });

  it('does not tie a generic flagship mention in another region to a Shanghai measure', () => {
    const j = judge({
      title: 'Chongqing China-Europe Railway Express trips rise',
      text: 'Chongqing launched more China-Europe Railway Express trains this year, a flagship of the Belt and Road Initiative, carrying laptops to Duisburg in Germany.',
    });
    expectRelevantUnlinked(j);
  });

  it('says `implements` only where the measure applies, and ties another region\'s entry only by its own name', () => {
    // batch3 zh-221: the Ministry of Science and Technology on joint labs along the BRI — a national
    // report; Shanghai's 2017 sci-tech measures are on the same subject, but it does not carry them out.
    const a = readLabelled().find((x) => x.id === 'zh-221')!;
    const national = judge({ title: a.title, text: a.text });
    expect(national.relevant).toBe(true);
    expect(national.measures.filter((m) => m.relation === 'implements')).toEqual([]);
    // It names no Shanghai entry by an alias of its own (科技创新合作 and 科技园区合作 are the field's
    // words), and wording alone ties none.
    expect(national.measures).toEqual([]);
    // The same report from a Shanghai source, dated after the plan (2017-10-11), carries them out.
    const local = judge({ title: a.title, text: a.text, source: 'shanghai', published: '2017-12-01' });
    expect(local.measures.find((m) => m.id === 'sh-2017-bridgehead-sci-tech-2')?.relation).toBe('implements');
  });

  it('reads a meeting convened, and the work it deployed, as an act (召开, 研究部署); a press conference held as no act', () => {
    // A spot-check's Zhejiang leading-group office meeting of 2022 on the 2020 hub goal: an act of
    // the issuer's own office, not a mention; what such a meeting will deploy is still to come.
    const text = (verb: string) => `5月11日下午,浙江省发展改革委主任${verb}省推进“一带一路”建设工作领导小组办公室会议,研究部署近期我省“一带一路”重要枢纽建设重点工作。`;
    const relation = (t: string) => judge({ title: '省推进“一带一路”建设工作领导小组办公室会议召开', text: t, published: '2022-05-12' }).measures.find((m) => m.id === 'zj-2020-facilitates-bri')?.relation;
    expect(relation(text('主持召开'))).toBe('implements');
    expect(relation('浙江省发展改革委将于下月召开会议,将研究部署近期我省“一带一路”重要枢纽建设重点工作。')).toBe('mentions');
    // A press conference held is where a plan is announced or explained, not an act of it (a batch4
    // report: 记者从11日召开的市政府新闻发布会上获悉, 最新出炉的《…行动方案》…), with 举行 too.
    const press = (verb: string) => judge({ title: '上海拓展完善航空布局', text: `记者从11日${verb}的上海市政府新闻发布会上获悉,最新出炉的《上海服务国家“一带一路”建设发挥桥头堡作用行动方案》提出了6项举措。`, published: '2017-10-12' }).measures.find((m) => m.id === 'sh-2017-bridgehead-action-plan');
    for (const verb of ['召开', '举行', '舉行']) expect(press(verb)?.relation, verb).toBe('mentions');
    // Unless the press event is only where the act took place (a reviewer's cases): 开通仪式暨新闻发布会,
    // "at a media event"; nor a meeting still to come (召开在即).
    const link = (title: string, text: string, id: string) => judge({ title, text, published: '2024-06-01' }).measures.find((m) => m.id === id)?.relation;
    expect(link('上海新闻', '上海市推进“一带一路”建设取得积极进展。在中欧班列—上海号开通仪式暨新闻发布会上，首趟列车从闵行站驶出，前往汉堡。', 'sh-2024-priorities-2d')).toBe('implements');
    expect(link('Shanghai opens Belt and Road service center', 'Shanghai officials launched the Belt and Road Comprehensive Service Center on Monday. The city inaugurated it at a media event in Hongqiao, where the center began taking requests from companies investing along the Belt and Road.', 'sh-2024-priorities-1b')).toBe('implements');
    expect(link('上海新闻', '上海推进“一带一路”建设。上海“一带一路”综合服务中心年会召开在即，各项筹备工作已基本就绪。', 'sh-2024-priorities-1b')).toBe('mentions');
    expect(judge({ title: 'Zhejiang Belt and Road hub', text: 'Zhejiang officials explained the work of the Zhejiang Belt and Road hub at a press conference held on Monday in Hangzhou.', published: '2022-05-12' }).measures.find((m) => m.id === 'zj-2020-facilitates-bri')?.relation).toBe('mentions');
    expect(judge({ title: 'Zhejiang Belt and Road hub', text: 'Zhejiang held a meeting on Monday in Hangzhou to advance the Zhejiang Belt and Road hub.', published: '2022-05-12' }).measures.find((m) => m.id === 'zj-2020-facilitates-bri')?.relation).toBe('implements');
  });

  it("reads no region in a university's name, no act in an opening ceremony's speech, no free-trade-port item in every FTZ", () => {
    // A spot-check's commentary on the national Silk Road e-commerce pilot zone by a scholar of
    // 上海财经大学: five of Shanghai's plan items were linked, the plan itself as implemented (开幕式).
    const national = (scholar: string) =>
      judge({
        title: '推进“丝路电商”合作 发展“一带一路”数字经济',
        text: `2022年11月4日,习近平总书记在第五届进博会开幕式致辞中提出,“创建‘丝路电商’合作先行区”。\n\n${scholar}电子商务研究中心主任文章表示,“丝路电商”是在“一带一路”倡议框架下积极推进电子商务国际合作的重要举措,拓展了国际经贸合作新空间,促进共建国家数字经济发展。`,
        published: '2023-11-01',
      }).measures.filter((m) => m.id.startsWith('sh-2023-silk-road-ecommerce'));
    expect(national('上海财经大学')).toEqual([]);
    expect(national('上海交通大学')).toEqual([]);
    // The city as a place still makes its plan's: and its opening ceremony is no act of the plan.
    const local = national('上海市商务委');
    expect(local.length).toBeGreaterThan(0);
    expect(local.map((m) => m.relation)).not.toContain('implements');
    const en = (who: string) => judge({ title: 'Silk Road e-commerce', text: `A professor at ${who} said the Silk Road e-commerce cooperation pilot zone will boost cross-border e-commerce with Belt and Road partner countries.`, published: '2024-03-01' }).measures.map((m) => m.id);
    expect(en('Shanghai Jiao Tong University')).toEqual([]);
    expect(en('Shanghai University of Finance and Economics')).toEqual([]);
    // The ceremony of the entry's own event is still its act, with or without a comma (a reviewer's cases).
    for (const text of ['上海推进“一带一路”建设。李强在第七届进博会开幕式上致辞，宣布展会开幕。', '上海推进“一带一路”建设。第七届进博会开幕式上，李强致辞，宣布展会开幕。'])
      expect(judge({ title: '上海新闻', text, published: '2024-11-06' }).measures.find((m) => m.id === 'sh-2024-priorities-3a')?.relation, text).toBe('implements');
    // A university after the place only where it is the name: "Shanghai at Tongji University",
    // "Shanghai and Fudan University", 上海大学生 are the city.
    const centre = (text: string) => judge({ title: 'Belt and Road news', text, published: '2024-06-01' }).measures.find((m) => m.id === 'sh-2024-priorities-1b')?.relation;
    expect(centre('A Belt and Road Comprehensive Service Center opened in Shanghai at Tongji University on Monday, offering legal and financing advice to companies investing along the Belt and Road.')).toBe('implements');
    expect(centre('Shanghai and Fudan University opened a Belt and Road Comprehensive Service Center on Monday, offering legal and financing advice to companies investing along the Belt and Road.')).toBe('implements');
    expect(judge({ title: '“一带一路”新闻', text: '共建“一带一路”持续推进。一趟满载上海大学生创业产品的中欧班列今天驶出，前往汉堡。', published: '2024-06-01' }).measures.map((m) => m.id)).toContain('sh-2024-priorities-2d');
    // The free-trade-port item of the 2017 plan is not every mention of the Shanghai FTZ.
    const ftz = judge({ title: '上海自贸试验区建设“一带一路”桥头堡', text: '把中国(上海)自由贸易试验区建设成为服务国家“一带一路”建设、推动市场主体走出去的桥头堡。', published: '2018-03-01' }).measures.map((m) => m.id);
    expect(ftz).not.toContain('sh-2017-bridgehead-finance-3-3');
  });

  it("reads a flagship's name that two regions' entries share as the entry of the text's own region", () => {
    // 中欧班列 is an alias of Shanghai's 2024 trains-to-Europe item and of Zhejiang's 2020 logistics
    // step. Three spot-checks' Yiwu train reports linked neither (a shared name weighs 0.4).
    const ids = (title: string, text: string) => judge({ title, text, published: '2024-11-19' }).measures.map((m) => m.id);
    const yiwu = ids('义乌中欧班列开行十周年', '11月18日,一趟满载110个标准箱的中欧班列从铁路义乌西站驶出,驶往西班牙马德里,义乌始发中欧班列迎来开行十周年。十年来,中欧班列成为高质量共建“一带一路”的重要载体。');
    expect(yiwu).toContain('zj-2020-facilitates-bri-2');
    expect(yiwu).not.toContain('sh-2024-priorities-2d');
    const shanghai = ids('第200列上海中欧班列开出', '4月19日上午,一列满载110个标准集装箱货物的中欧班列从铁路上海闵行站鸣笛启程,标志着上海中欧班列开行达到200列,成为上海融入“一带一路”建设的重要载体。');
    expect(shanghai).toContain('sh-2024-priorities-2d');
    expect(shanghai).not.toContain('zj-2020-facilitates-bri-2');
    // In English too: "China-Europe freight train", Xinhua's usual wording, is both entries' name.
    const en = (place: string) => ids('China-Europe freight train to Madrid', `A China-Europe freight train loaded with 110 containers departed from ${place} for Madrid on Monday, boosting Belt and Road trade.`);
    expect(en("Yiwu West Railway Station in east China's Zhejiang Province")).toEqual(['zj-2020-facilitates-bri-2']);
    expect(en('Shanghai Minhang Railway Station')).toEqual(['sh-2024-priorities-2d']);
    expect(en("Xi'an International Port Station")).toEqual([]);
    // The trains as machine translations name them, and 中欧(亚)班列 with its bracket (two spot-checks).
    expect(ids('Zhejiang sets its opening-up tasks', "Zhejiang will enhance the influence of the Yixin Europe China EU train and strive to create a China EU train assembly center, the provincial government said.")).toEqual(['zj-2020-facilitates-bri-2']);
    expect(ids('义乌中欧(亚)班列开行十周年', '11月18日,一趟满载110个标准箱的中欧(亚)班列从铁路义乌西站驶出,驶往西班牙马德里。十年来,中欧(亚)班列成为高质量共建“一带一路”的重要载体。')).toContain('zj-2020-facilitates-bri-2');
    // Another region's trains: a shared name of neither; nor for a region named elsewhere or in
    // another name (上海合作组织), or among the cities of a national list.
    expect(ids('西安中欧班列开行量领跑全国', '今年以来,西安中欧班列开行数量持续增长,助力高质量共建“一带一路”。')).toEqual([]);
    expect(ids('西安中欧班列开行量领跑全国', '今年以来,西安中欧班列开行数量持续增长,通达上海合作组织国家,助力高质量共建“一带一路”。')).toEqual([]);
    expect(ids('中欧班列全国开行', '今年以来,重庆、成都、西安、郑州、义乌等地中欧班列开行数量持续增长,助力高质量共建“一带一路”。')).toEqual([]);
    // Tied by the shared name, a report mentions the entry: the name is the whole programme's too.
    const relation = judge({ title: '义乌中欧班列开行十周年', text: '11月18日,一趟满载110个标准箱的中欧班列从铁路义乌西站驶出,驶往西班牙马德里,义乌始发中欧班列迎来开行十周年。十年来,中欧班列成为高质量共建“一带一路”的重要载体。', published: '2024-11-19' }).measures.find((m) => m.id === 'zj-2020-facilitates-bri-2')?.relation;
    expect(relation).toBe('mentions');
  });

  it("ties an event's numbered edition only to a text about that edition: the eighth CIIE is not the seventh", () => {
    // sh-2024-priorities-3a is "host the seventh CIIE"; its aliases also hold the plain names (CIIE, 进博会).
    const link = (title: string, text: string, published: string) => judge({ title, text, published }).measures.find((m) => m.id === 'sh-2024-priorities-3a');
    const en = (n: string, w: string) => link(`Belt and Road partners shine at the ${n} CIIE`, `The ${w} China International Import Expo opened in Shanghai, with exhibitors from Belt and Road countries. Shanghai officials said the CIIE is a platform for Belt and Road cooperation.`, '2025-11-05');
    expect(en('8th', 'eighth')).toBeUndefined();
    // (Dated 2025, the text says the seventh opened: a report of it held.)
    expect(en('7th', 'seventh')?.relation).toBe('implements');
    // Chinese, in traditional characters: 第八屆進博會 (a spot-check's Xinhua report of the Peru pavilion).
    expect(link('第八屆進博會開幕 一帶一路展區亮相', '第八屆中國國際進口博覽會在上海開幕。上海市商務委員會表示,進博會為“一帶一路”合作搭建了平台。', '2025-11-05')).toBeUndefined();
    expect(link('第七届进博会开幕 一带一路展区亮相', '第七届中国国际进口博览会在上海开幕。上海市商务委员会表示,进博会为“一带一路”合作搭建了平台。', '2024-11-05')).toBeDefined();
    // No number: the plain name still names the entry; both numbers: the seventh is named.
    expect(link('Belt and Road partners shine at the CIIE', 'The China International Import Expo opened in Shanghai, with exhibitors from Belt and Road countries. Shanghai officials said the CIIE is a platform for Belt and Road cooperation.', '2024-11-05')).toBeDefined();
    expect(link('From the 7th to the 8th CIIE: Belt and Road partners return', 'After the seventh China International Import Expo last year, exhibitors from Belt and Road countries came back to Shanghai for the eighth CIIE.', '2025-11-05')).toBeDefined();
    expect([aliasEdition('seventh CIIE'), aliasEdition('第7届进博会'), aliasEdition('第七屆進博會'), aliasEdition('CIIE')]).toEqual([7, 7, 7, 0]);
    const before = (text: string, name: string) => editionsBefore(text, text.indexOf(name));
    expect(before('at the 8th CIIE', 'CIIE')).toEqual([8]);
    expect(before('在第八届进博会', '进博会')).toEqual([8]);
    expect(before('在第８届进博会', '进博会')).toEqual([8]); // full-width digit
    expect(before('the CIIE', 'CIIE')).toEqual([]);
    expect(before('the 7th and 8th CIIE', 'CIIE')).toEqual([7, 8]);
    expect(before('第七届、第八届进博会', '进博会')).toEqual([7, 8]);
    expect(before('第四、第五、第六屆進博會', '進博會')).toEqual([4, 5, 6]);
    expect(before('第五至八届进博会', '进博会')).toEqual([5, 6, 7, 8]);
    expect(before('the 5th to 8th CIIE', 'CIIE')).toEqual([5, 6, 7, 8]);
    // A count of editions is no edition: 六届进博会 (six CIIEs), 5次进博会, 过去七届.
    for (const t of ['已连续参加六届进博会', '参加了5次进博会', '过去七届进博会']) expect(before(t, '进博会'), t).toEqual([]);
    // A list naming the seventh among others still names it; the first edition is history.
    const took = (editions: string) => link('Belt and Road partners at the CIIE', `Exhibitors from Belt and Road countries took part in the ${editions} China International Import Expo in Shanghai.`, '2025-11-05');
    expect(took('7th and 8th')).toBeDefined();
    expect(took('8th')).toBeUndefined();
    expect(link('Belt and Road partners shine at the CIIE', 'The China International Import Expo opened in Shanghai, with exhibitors from Belt and Road countries. Since the first CIIE in 2018, Belt and Road partners have taken part every year.', '2024-11-05')).toBeDefined();
    // No number, a year: the entry's edition is held in its policy's year (2024). "The 2025 CIIE",
    // 2025年进博会, "CIIE 2025", or a text of 2025 on "the CIIE" with no 2024 in its sentence, is another.
    const expo = 'exhibitors from Belt and Road countries signed deals in Shanghai.';
    expect(link('Belt and Road partners at the 2025 CIIE', `At the 2025 China International Import Expo, ${expo}`, '2025-11-06')).toBeUndefined();
    expect(link('Belt and Road partners at CIIE 2025', `At CIIE 2025, ${expo}`, '2025-11-06')).toBeUndefined();
    expect(link('2025年进博会开幕', '2025年进博会在上海开幕,共建“一带一路”国家展商参展签约。', '2025-11-05')).toBeUndefined();
    expect(link('Belt and Road partners shine at the CIIE', `At the China International Import Expo, ${expo}`, '2025-11-06')).toBeUndefined();
    // Its own year names it, written at the name, in the sentence of a later text, or as the date.
    expect(link('2024年进博会开幕', '2024年进博会在上海开幕,共建“一带一路”国家展商参展签约。', '2024-11-05')).toBeDefined();
    expect(link('Belt and Road partners at the 2024 CIIE', `At the 2024 China International Import Expo, ${expo}`, '2025-01-10')).toBeDefined();
    expect(link('Shanghai reviews its Belt and Road work', `In 2024, at the China International Import Expo, ${expo}`, '2025-02-01')).toBeDefined();
    expect(link('Belt and Road partners shine at the CIIE', `At the China International Import Expo, ${expo}`, '2024-11-06')).toBeDefined();
    // So does the year before the text's own, named relative to it: "last November", "last year", 去年.
    expect(link('Belt and Road deals follow up the CIIE', `Deals signed at the China International Import Expo last November show that ${expo}`, '2025-03-10')).toBeDefined();
    expect(link('Belt and Road deals follow up the CIIE', `At last year's China International Import Expo, ${expo}`, '2025-03-10')).toBeDefined();
    expect(link('进博会成果持续落地', '去年进博会在上海举办,共建“一带一路”国家展商参展签约。', '2025-03-10')).toBeDefined();
    expect(link('进博会成果持续落地', '进博会在上海举办,共建“一带一路”国家展商参展签约。', '2025-03-10')).toBeUndefined();
    // Two years on, "last year" is another edition's year.
    expect(link('Belt and Road deals follow up the CIIE', `At last year's China International Import Expo, ${expo}`, '2026-03-10')).toBeUndefined();
    // Only at the name: a comparison with last year is no naming of last year's edition (a reviewer's cases).
    expect(link('Belt and Road partners shine at the CIIE', 'The China International Import Expo opened on Wednesday with more exhibitors from Belt and Road countries than last year.', '2025-11-05')).toBeUndefined();
    expect(link('进博会开幕', '进博会今天在上海开幕,共建“一带一路”国家展商比去年更多。', '2025-11-05')).toBeUndefined();
    expect(link('Shanghai trade with Belt and Road partners', "Shanghai's trade with Belt and Road countries hit a record last year, and the city will host the China International Import Expo in November.", '2025-03-10')).toBeUndefined();
    // But a clause at the name is at it (a second reviewer's cases).
    expect(link('Belt and Road deals follow up the CIIE', `Deals signed at the China International Import Expo, held in Shanghai last November, show that ${expo}`, '2025-03-10')).toBeDefined();
    expect(link('进博会成果持续落地', '去年11月举办的进博会在上海举办,共建“一带一路”国家展商参展签约。', '2025-03-10')).toBeDefined();
    expect(link('进博会成果持续落地', '去年11月5日至10日举办的进博会在上海举办,共建“一带一路”国家展商参展签约。', '2025-03-10')).toBeDefined();
    expect(link('Belt and Road deals follow up the CIIE', `Deals signed at the China International Import Expo, held in Shanghai in November last year, show that ${expo}`, '2025-03-10')).toBeDefined();
    // A sentence naming the year names the edition, wherever else the name stands bare (a reviewer's case).
    expect(link('CIIE: Shanghai reviews its Belt and Road work', `In 2024, at the China International Import Expo, ${expo}`, '2025-02-01')).toBeDefined();
    // The eighth, and a comparison with 2024, is no report of the seventh (a second reviewer's case).
    expect(link('Belt and Road partners shine at the eighth CIIE', 'The eighth China International Import Expo opened in Shanghai. The China International Import Expo drew more exhibitors from Belt and Road countries than in 2024.', '2025-11-05')).toBeUndefined();
    // A count or a start is no year at the name.
    expect(link('Belt and Road partners at the CIIE', 'Since 2018 China International Import Expo has drawn exhibitors from Belt and Road countries to Shanghai.', '2024-11-06')).toBeDefined();
    // Undated and naming only an earlier year, the seventh by its number is still reported held.
    expect(judge({ title: 'Belt and Road partners at the expo', text: 'The seventh China International Import Expo opened on Tuesday in Shanghai, with exhibitors from Belt and Road countries, a decade after the initiative was proposed in 2013.' }).measures.find((m) => m.id === 'sh-2024-priorities-3a')?.relation).toBe('implements');
    const yearAt = (text: string, name: string) => eventYearAt(text, text.indexOf(name), text.indexOf(name) + name.length);
    expect([yearAt('the 2025 CIIE', 'CIIE'), yearAt('2025年第八届进博会', '进博会'), yearAt('CIIE 2025 opened', 'CIIE'), yearAt("2025's CIIE", 'CIIE')]).toEqual([2025, 2025, 2025, 2025]);
    // Not a year at the name: a year that goes on (CIIE 2025年…), a count, a figure.
    expect([yearAt('ahead of 2025 CIIE', 'CIIE'), yearAt('the opening ceremony of 2025 CIIE', 'CIIE'), yearAt('自2018年进博会创办以来', '进博会')]).toEqual([2025, 2025, null]);
    expect([yearAt('CIIE 2025年', 'CIIE'), yearAt('the 8 CIIE', 'CIIE'), yearAt('CIIE 2,025 deals', 'CIIE'), yearAt('12025 CIIE', 'CIIE'), yearAt('over 2000 CIIE exhibitors', 'CIIE'), yearAt('since 2018 CIIE has', 'CIIE')]).toEqual([null, null, null, null, null, null]);
  });

  it('knows a catalog name written the other ways the press writes it: head first, another counter', () => {
    const texts = (alias: string, lang: 'en' | 'zh') => aliasVariants(alias, lang).map((v) => v.text);
    expect(texts('Silk Road e-commerce cooperation pilot zone', 'en')).toEqual(['pilot zone for Silk Road e-commerce cooperation', 'pilot zone of Silk Road e-commerce cooperation']);
    expect(aliasVariants('cross-border RMB settlement', 'en')).toEqual([
      { text: 'cross-border renminbi settlement', reworded: false },
      { text: 'cross-border yuan settlement', reworded: false },
    ]);
    expect(texts('Shanghai Port', 'en')).toEqual([]);
    // A word that belongs before the head keeps the name as it is.
    expect(texts('China (Zhejiang) Pilot Free Trade Zone', 'en')).toEqual([]);
    expect(texts('Hongqiao Silk Road e-commerce three-year action plan', 'en')).toEqual([]);
    expect(texts('central functional area of the pilot zone', 'en')).toEqual([]);
    expect(texts('eight trade and investment promotion platforms', 'en')).toEqual([]);
    expect(texts('Shanghai Belt and Road Comprehensive Service Center', 'en')).toEqual([]);
    expect(aliasVariants('六大专项行动', 'zh')).toEqual([
      { text: '六项专项行动', reworded: true },
      { text: '六个专项行动', reworded: true },
      { text: '6大专项行动', reworded: false }, // the count in figures: the same name (a spot-check's 6大專項行動)
      { text: '6项专项行动', reworded: true },
      { text: '6个专项行动', reworded: true },
    ]);
    expect(texts('金融开放合作专项行动', 'zh')).toEqual([]);
    // A platform or centre named with its 服务 (a spot-check's 投資促進服務平臺); one that has it keeps it.
    expect(aliasVariants('投资促进平台', 'zh')).toEqual([{ text: '投资促进服务平台', reworded: false }]);
    expect(texts('综合服务中心', 'zh')).toEqual([]);
    // Not a centre: 国际航运服务中心 is an office building or a port's agency, not the shipping centre.
    expect(texts('国际航运中心', 'zh')).toEqual([]);
    expect(judge({ title: '宁波航运', text: '共建“一带一路”持续推进。宁波国际航运服务中心今天启用，为船公司提供船舶登记服务。', published: '2024-06-01' }).measures).toEqual([]);
    // An ordinal in figures or words is the same name.
    expect(aliasVariants('seventh CIIE', 'en')).toEqual([{ text: '7th CIIE', reworded: false }]);
    expect(texts('第七届进博会', 'zh')).toEqual(['第7届进博会']);
    expect(texts('第十一届进博会', 'zh')).toEqual([]);
    for (const text of ['The 7th CIIE concluded in Shanghai on Sunday, with deals worth 80 billion US dollars signed by exhibitors from Belt and Road partner countries.', '第7届进博会在上海闭幕，共建“一带一路”国家展商签约成果丰硕。']) {
      const ciie = judge({ title: text.slice(0, 30), text, published: '2024-11-10' }).measures.find((m) => m.id === 'sh-2024-priorities-3a');
      expect(ciie?.score ?? 0, text).toBeGreaterThan(0.7);
    }
    const zh = judge({
      title: '上海发布“一带一路”桥头堡行动计划 提出60项具体行动',
      text: '新华社上海10月11日电(记者何希岳)11日,上海市政府发布了《上海服务国家“一带一路”、发挥桥头堡作用行动计划》,提出了60项具体行动。\n\n“一带一路”桥头堡行动计划在立足国家战略的基础上,结合上海优势和企业调研,提出了以贸易投资便利化、金融开放合作、提升互联互通功能、科技创新合作、人文合作交流、智库建设为重点的六项专项行动。',
      published: '2017-10-11',
    });
    expect(zh.measures.map((m) => m.id)).toContain('sh-2017-bridgehead-special-actions');
    const figures = judge({ title: '上海發揮橋頭堡作用 6大專項行動推進“一帶一路”建設', text: '上海市政府發布行動方案,提出6大專項行動、60項具體舉措,服務國家“一帶一路”建設。', published: '2017-10-12' });
    expect(figures.measures.map((m) => m.id)).toContain('sh-2017-bridgehead-special-actions');
    // China Daily, 25 Oct 2023 (https://www.chinadailyhk.com/hk/article/361762): the plan as "a pilot
    // zone for Silk Road e-commerce cooperation".
    const en = judge({
      title: 'Shanghai to lift Silk Road trade',
      text: "The State Council approved establishing a pilot zone for Silk Road e-commerce cooperation in East China's Shanghai, according to the council's official website, citing a circular released on Oct 23.\n\nThe move is expected to expand e-commerce cooperation with countries participating in the Belt and Road Initiative.",
      published: '2023-10-25',
    });
    expect(en.measures.map((m) => m.id)).toContain('sh-2023-silk-road-ecommerce');
    // Reworded, a name ties an entry of the document's own region only: another province's pilot
    // zone or special actions written the same way are not Shanghai's (a reviewer's cases).
    const others = [
      judge({ title: 'Hainan to set up pilot zone for Silk Road e-commerce cooperation', text: 'HAIKOU, Jan 9 -- Hainan province announced plans for a pilot zone for Silk Road e-commerce cooperation with ASEAN countries under the Belt and Road Initiative, the provincial commerce department said.\n\nThe zone will be set up in Haikou.' }),
      judge({ title: '四川推进共建“一带一路”六个专项行动', text: '四川省近日印发方案，围绕高质量共建“一带一路”，实施六个专项行动，推动中欧班列、西部陆海新通道建设。\n\n方案提出，到2025年基本建成开放型经济新体制。' }),
      judge({ title: 'Hainan free trade port deepens Belt and Road links', text: 'HAIKOU, Apr 13 (Xinhua) -- Hainan will serve as a platform for institutional innovation and opening up, and deepen cooperation with Belt and Road partner countries, the provincial government said on Thursday.' }),
    ];
    expectRelevantUnlinked(...others);
  });

  it('takes a source document\'s headline for the policy it reports, not for the other plans it lists', () => {
    // After a blind spot-check article: the seed report of Shanghai's Silk Road e-commerce plan also
    // lists Pudong's and Hongqiao's plans; a headline like the seed's tied all three at score 1.
    const j = judge({
      title: 'Shanghai rolls out action plan for Silk Road e-commerce cooperation zone',
      text: 'Shanghai has released its plan for a Silk Road e-commerce cooperation pilot zone, a city official told a press conference on Tuesday.\n\nThe zone will expand international data services, promote paperless trade and deepen e-commerce cooperation with countries participating in the Belt and Road Initiative.',
      published: '2023-11-14',
    });
    expect(j.measures.find((m) => m.id === 'sh-2023-silk-road-ecommerce')?.relation).toBe('mentions');
    expect(j.measures.map((m) => m.id)).not.toContain('sh-2023-silk-road-ecommerce-pudong');
    expect(j.measures.map((m) => m.id)).not.toContain('sh-2023-silk-road-ecommerce-hongqiao');
  });

  it('ties no Shanghai entry to a national document by the words of its field alone', () => {
    // Aliases such as "green Belt and Road", 自由贸易港 or 标志性工程 are the national policy's
    // wording too: they name the entry's field, not the entry.
    const green = judge({
      title: 'Ministry briefs on building a green Belt and Road',
      text: 'The Ministry of Ecology and Environment said on Monday that building a green Belt and Road is an inherent requirement of green development.\n\nChina will work with partner countries on the Belt and Road Initiative International Green Development Coalition and on green finance for the Belt and Road.',
      published: '2024-10-16',
    });
    const court = judge({
      title: '最高法发布意见 为高质量共建“一带一路”提供司法服务',
      text: '最高人民法院日前发布关于为高质量共建“一带一路”提供司法服务和保障的意见。\n\n意见提出,要服务自由贸易试验区和自由贸易港建设,完善国际商事纠纷多元化解决机制,推动科技创新合作和标志性工程建设。',
      published: '2025-03-01',
    });
    // Another province's plan in the Silk Road e-commerce plan's words (营造先行先试环境 …).
    const hainan = judge({
      title: '海南自贸港出台新举措服务共建“一带一路”',
      text: '海南省日前印发方案,提出在自由贸易港营造先行先试环境,加强与共建“一带一路”国家的国际和区域交流合作,扩大电子商务领域开放。',
      published: '2024-06-01',
    });
    // The central bank's opinions for the western corridor (a spot-check's CNA report, traditional
    // characters): 金融市場互聯互通 and 人民幣跨境使用 are the Shanghai entries' wording and the nation's.
    const pboc = judge({
      title: '陸央行等發布意見 支持西部陸海新通道建設',
      text: '中國人民銀行等部門發布意見,支持西部陸海新通道建設,服務高質量共建「一帶一路」。\n\n這項「意見」還提出,要探索中國內外金融市場互聯互通,擴大人民幣跨境使用,支持跨境電子商務綜合試驗區發展。',
      published: '2024-09-20',
    });
    expectRelevantUnlinked(green, court, hainan, pboc);
    // A name stays a name though its words are the field's: the Carbon Neutrality Expo is Shanghai's.
    const expo = judge({ title: 'Carbon Neutrality Expo draws Belt and Road exhibitors', text: 'The International Carbon Neutrality Expo drew exhibitors from 20 Belt and Road countries showing low-carbon solutions.', published: '2024-06-10' });
    expect(expo.measures.map((m) => m.id)).toContain('sh-2024-priorities-5c');
    // In Shanghai's own news the same wording still ties its entry.
    const local = judge({
      title: 'Shanghai pushes green Belt and Road cooperation',
      text: 'Shanghai will promote a green Belt and Road this year, the Shanghai Municipal Development and Reform Commission said, supporting green infrastructure and green energy projects in BRI countries.',
      published: '2024-10-16',
    });
    expect(local.measures.map((m) => m.id)).toContain('sh-2024-priorities-5');
    const shanghaiFinance = judge({ title: '上海推进金融市场互联互通 服务“一带一路”', text: '上海市金融工作局表示,上海将推进金融市场互联互通,扩大人民币跨境使用,服务高质量共建“一带一路”。', published: '2024-10-16' });
    expect(shanghaiFinance.measures.map((m) => m.id)).toContain('sh-2024-priorities-4c');
  });

  it('ties a Chinese report of the Silk Road e-commerce plan to the three aspects it names, in either script', () => {
    const text =
      '上海市政府新闻办今天举行新闻发布会,介绍《上海市创建“丝路电商”合作先行区方案》。\n\n方案围绕扩大电子商务领域开放、营造先行先试环境、推进国际和区域交流合作等3方面,共提出19项任务,服务共建“一带一路”。';
    const simplified = judge({ title: '上海发布创建“丝路电商”合作先行区方案', text, published: '2023-11-14', lang: 'zh' });
    const traditional = judge({
      title: '上海發布創建“絲路電商”合作先行區方案',
      text: '上海市政府新聞辦今天舉行新聞發佈會,介紹《上海市創建“絲路電商”合作先行區方案》。\n\n方案圍繞擴大電子商務領域開放、營造先行先試環境、推進國際和區域交流合作等3方面,共提出19項任務,服務共建“一帶一路”。',
      published: '2023-11-14',
      lang: 'zh',
    });
    for (const j of [simplified, traditional]) {
      const ids = j.measures.map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining(['sh-2023-silk-road-ecommerce', 'sh-2023-silk-road-ecommerce-1', 'sh-2023-silk-road-ecommerce-2', 'sh-2023-silk-road-ecommerce-3']));
      expect(ids).not.toContain('sh-2023-silk-road-ecommerce-pudong');
    }
  });

  it('ties a plan\'s other top-level entries to a report naming the plan only where the report speaks of them', () => {
    const j = judge({
      title: '上海发布服务国家“一带一路”建设发挥桥头堡作用行动方案',
      text: '《上海服务国家“一带一路”建设发挥桥头堡作用行动方案》日前发布。\n\n其中,金融开放合作专项行动共提出10项举措,依托上海国际金融中心建设,把上海建设成为“一带一路”投融资中心。',
      published: '2017-10-12',
      lang: 'zh',
    });
    const ids = j.measures.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['sh-2017-bridgehead-action-plan', 'sh-2017-bridgehead-finance']));
    for (const area of ['sh-2017-bridgehead-sci-tech', 'sh-2017-bridgehead-platforms', 'sh-2017-bridgehead-special-actions']) expect(ids).not.toContain(area);
  });

  it('reads a newer policy document named for a plan\'s lead entry as its update, and news naming it as no update', () => {
    const priorities = judge({
      title: '浙江省高质量推进“一带一路”重要枢纽建设2023年工作要点',
      text: '为高质量推进“一带一路”重要枢纽建设,制定本工作要点。\n\n一、提升义甬舟开放大通道功能。推进宁波舟山港世界一流强港建设,拓展中欧班列(义乌)线路。\n\n二、推进数字丝绸之路建设。',
      published: '2023-03-23',
      lang: 'zh',
    });
    expect(priorities.measures.find((m) => m.id === 'zj-2020-facilitates-bri')?.relation).toBe('updates');
    const news = judge({
      title: '浙江打造“一带一路”重要枢纽 义新欧班列开行量创新高',
      text: '浙江加快打造“一带一路”重要枢纽。2023年,义新欧班列开行2000列,宁波舟山港“一带一路”航线达125条。',
      published: '2023-12-20',
      lang: 'zh',
    });
    expect(news.measures.map((m) => m.relation)).not.toContain('updates');
    expect(news.measures.map((m) => m.id)).toContain('zj-2020-facilitates-bri');
    // Headlines that plan, find a way, take measures, name the plan or ask are news, not editions.
    const headlines: [string, string, string][] = [
      ['浙江计划年内新开3条中欧班列线路 加快建设“一带一路”重要枢纽', '浙江计划年内新开3条中欧班列线路,加快建设“一带一路”重要枢纽。义新欧班列开行量持续增长。', 'zh'],
      ['想办法多开班列 浙江“一带一路”重要枢纽建设提速', '浙江“一带一路”重要枢纽建设提速,义新欧班列开行量持续增长。', 'zh'],
      ['Shanghai Silk Road e-commerce pilot zone: new measures draw 200 firms', 'The Silk Road e-commerce pilot zone in Shanghai has drawn 200 firms since new measures took effect, serving Belt and Road partner countries.', 'en'],
      ["Two years on, Shanghai's bridgehead action plan delivers for Belt and Road", "Two years after Shanghai issued its bridgehead action plan for the Belt and Road Initiative, the city reports 60 concrete measures under way.", 'en'],
      ["What has Shanghai's Silk Road e-commerce pilot zone plan achieved?", "Shanghai's Silk Road e-commerce pilot zone has signed deals with partner countries of the Belt and Road Initiative.", 'en'],
    ];
    for (const [title, text, lang] of headlines) {
      const j = judge({ title, text, published: '2025-05-06', lang: lang as 'en' | 'zh' });
      expect(j.measures.length, title).toBeGreaterThan(0);
      expect(j.measures.map((m) => m.relation), title).not.toContain('updates');
    }
  });

  it('reads a Maritime Silk Road of dynasties and excavations as the historical route (GUIDE.md §2 rule 7)', () => {
    // After a blind spot-check article (an archaeology feature on the old routes, judged relevant).
    const past = {
      title: '考古还原青藏高原丝路的样貌',
      text: '如果回顾欧亚大陆丝绸之路发展的历史,不难发现古代东西方沟通交流的途径和主导区域,有自北向南逐渐转移的过程。\n\n途经沙漠—绿洲的陆地丝绸之路开通稍晚,其标志性事件为西汉张骞凿空西域。这一通道在唐代晚期逐渐衰落,代之而兴起的是海上丝绸之路。\n\n海上丝绸之路在宋、元、明时期发展至巅峰,明中后期至清因为海禁而逐渐衰落。',
    };
    expect(judge(past).relevant).toBe(false);
    const traditional = '途經沙漠—綠洲的陸地絲綢之路開通稍晚,其標誌性事件為西漢張騫鑿空西域。這一通道在唐代晚期逐漸衰落,代之而興起的是海上絲綢之路。\n\n海上絲綢之路在宋、元、明時期發展至巔峰,明中後期至清因為海禁而逐漸衰落。';
    expect(judge({ title: '考古還原青藏高原絲路的樣貌', text: traditional }).relevant).toBe(false);
    // The same name in a sentence about today's cooperation is still the initiative.
    const today = {
      title: '广西加快建设海上丝绸之路信息枢纽',
      text: '广西正在加快建设面向东盟的海上丝绸之路信息枢纽,推动与东盟国家网络互联、信息互通。\n\n自治区政府表示,将与东盟国家签署更多合作文件,共建海上丝绸之路。',
    };
    expect(judge(today).relevant).toBe(true);
  });

  it('reads the old route as history in a text that speaks of the past twice, and centuries before the 19th as the past', () => {
    // After a blind spot-check article (batch11 zh-127, 0.926 before): a museum's exhibition on the
    // route of the 13th to 18th centuries, its headline and blurb naming 海上絲綢之路 with no word of
    // the past, two of its sentences about museums, archaeology and those centuries.
    const exhibition = {
      title: '那些年海上絲綢之路的故事',
      text: '海上絲綢之路,或許你對這個字眼並不熟悉,也不知道香港在海上絲綢之路飾演着重要的角色。以下的展覽會帶你重新認識香港與海上絲綢之路之間的故事。\n\n由香港海事博物館主辦的《東西匯流——十三至十八世紀的海上絲綢之路》展覽,從商品貿易、宗教發展和文化交流等多方面,展現南海沿岸的海上絲綢之路發展過程。\n\n展覽結合「南海I號」等各年代沉船的最新水下考古發現,展出逾二百件內地及本地收藏。',
    };
    expect(judge(exhibition).relevant).toBe(false);
    // One sentence of history in a text about today's route keeps the route the initiative's.
    const today = {
      title: '广西加快建设海上丝绸之路信息枢纽',
      text: '广西正在加快建设面向东盟的海上丝绸之路信息枢纽,推动与东盟国家网络互联、信息互通。\n\n北部湾自古就是海上丝绸之路的重要始发港。\n\n自治区政府表示,将与东盟国家签署更多合作文件,共建海上丝绸之路,开通更多集装箱航线。',
    };
    expect(judge(today).relevant).toBe(true);
    // The initiative's own century is no past: 21世纪 / 廿一世紀 / "21st-Century" in its name.
    for (const name of ['21世纪海上丝绸之路', '二十一世纪海上丝绸之路', '廿一世紀海上絲綢之路']) {
      expect(judge({ title: `广西加快建设${name}重要门户`, text: `广西将与东盟国家签署更多合作文件,共建${name},开通更多集装箱航线。\n\n自治区政府表示,十三至十八世纪的海上贸易史是广西的文化名片。` }).relevant, name).toBe(true);
    }
    // A second reviewer's cases: today's route among heritage and museum sentences stays today's
    // (its sentence builds something); "last century", "a quarter-century" and the initiative's
    // century wrapped inside its number (二十\n一世纪) are no past.
    const port = {
      title: '泉州加快建设海上丝绸之路核心区',
      text: '泉州是海上丝绸之路的重要起点,宋元时期的泉州港被列入世界文化遗产名录。\n\n今年,泉州加快建设海上丝绸之路核心区,港口集装箱吞吐量同比增长12%。\n\n企业代表团还参观了泉州海外交通史博物馆。\n\n泉州将继续深化与海上丝绸之路沿线国家的经贸合作。',
    };
    expect(judge(port).relevant).toBe(true);
    expect(judge({ title: '福建加快建设海上丝绸之路核心区', text: '从上一世纪八十年代的经济特区到今天,福建始终是海上丝绸之路建设的前沿。\n\n省发改委表示,今年将推动一批港口、物流和产业园区项目落地,深化与东盟国家的经贸合作。' }).relevant).toBe(true);
    const wrapped21 = '福建省发改委今天表示,今年将加快建设二十\n一世纪海上丝绸之路核心区,推动一批港口、\n物流和产业园区项目落地,深化与东盟国家的\n经贸合作,扩大集装箱航线,提升口岸通关效\n率,并支持企业赴共建国家投资兴业。';
    expect(judge({ title: '福建加快核心区建设', text: wrapped21 }).score).toBe(judge({ title: '福建加快核心区建设', text: wrapped21.replace(/\n/g, '') }).score);
    // "the 15th century" is the past as "ancient" is.
    expect(judge({ title: 'Quanzhou and the Maritime Silk Road', text: 'In the 13th to 15th centuries Quanzhou was the largest port of the Maritime Silk Road.\n\nThe Maritime Silk Road carried porcelain and silk to the Indian Ocean in the 14th century.' }).relevant).toBe(false);
  });

  it('reads the old route of a world-heritage bid as history, and nothing published before the BRI was proposed as BRI policy', () => {
    // After a blind spot-check article (Ningbo's bid to list the Maritime Silk Road as world
    // heritage, 2011-12-12, judged relevant at 0.999): the route is named in sentences about the bid
    // (申遗, 世界文化遗产, 始发港) and, between them, in a historian's quote with no such word.
    const bid = {
      title: '宁波“海上丝路”申遗已走过十年',
      text: '昨天,中国“海上丝绸之路与世界文明进程”国际论坛在宁波开幕。七城市将联合申报“海上丝绸之路”世界文化遗产。\n\n“宁波在海上丝绸之路中扮演着重要的角色。”著名历史学家在接受记者采访时说,宁波港是海上丝绸之路的主要始发港之一。\n\n宁波现有海上丝绸之路文化遗存120余处。',
    };
    for (const published of ['2011-12-12', '2016-05-01', null]) expect(judge({ ...bid, published }).relevant, String(published)).toBe(false);
    expect(judge({ title: 'Quanzhou marks a decade of its Maritime Silk Road heritage bid', text: 'Quanzhou has worked for ten years to list the Maritime Silk Road as World Heritage, and the city says the bid will go to UNESCO next year.\n\n"Quanzhou played a major role in the Maritime Silk Road," a historian said.' }).relevant).toBe(false);
    // A port's new routes with one heritage sentence: the route is today's there.
    expect(judge({ title: 'Quanzhou builds Maritime Silk Road hub', text: 'Quanzhou, listed by UNESCO as World Heritage for its role in the ancient trade, is building a Maritime Silk Road shipping hub.\n\nThe port opened 12 new shipping routes to Maritime Silk Road countries this year, and the city signed cooperation agreements with ports along the Maritime Silk Road.', published: '2024-05-01' }).relevant).toBe(true);
    // A text that also names the initiative otherwise keeps the route's modern uses.
    const bri = { ...bid, text: `${bid.text}\n\n宁波市政府表示,宁波将以高质量共建“一带一路”为统领,建设海上丝绸之路指数和“一带一路”综合试验区。` };
    expect(judge({ ...bri, published: '2018-05-01' }).relevant).toBe(true);
    // Published before 7 September 2013, nothing is BRI policy: the Chongqing–Xinjiang–Europe trains of 2011.
    const train = { title: '渝新欧国际铁路联运大通道全线开通', text: '渝新欧国际铁路联运大通道今天全线开通,首趟中欧班列从重庆团结村站驶出,经新疆阿拉山口出境,16天后抵达德国杜伊斯堡。\n\n重庆市政府表示,这条通道将带动重庆与欧洲的贸易往来。' };
    const early = judge({ ...train, published: '2011-03-19' });
    expect(early.relevant).toBe(false);
    expect(early.score).toBeLessThanOrEqual(BEFORE_BRI_SCORE);
    expect([early.topics, early.measures]).toEqual([[], []]);
    expect(judge({ ...train, published: '2014-03-19' }).relevant).toBe(true);
    // A text that names the initiative is misdated, not early.
    expect(judge({ ...train, text: `${train.text}\n\n这条通道是共建“一带一路”的重要成果。`, published: '2013-09-06' }).relevant).toBe(true);
    // "New Silk Road" before it was another thing (a second reviewer's case: the US plan of 2011).
    expect(judge({ title: 'Clinton pushes New Silk Road vision for Afghanistan', text: 'US Secretary of State Hillary Clinton on Thursday promoted a New Silk Road linking Afghanistan with Central Asia through trade and transit routes.', published: '2011-09-22' }).relevant).toBe(false);
  });

  it('says a report of the State Council approving a plan mentions the plan; it does not carry it out', () => {
    // A spot-check's China Daily report ("Shanghai to lift Silk Road trade", 2023-11-16).
    const text = (verb: string) =>
      `Shanghai is looking to nurture a batch of e-commerce operators with international influence by 2025 as the city gears up to explore Silk Road e-commerce cooperation with Belt and Road partners.\n\nThe State Council ${verb} a pilot zone for Silk Road e-commerce cooperation in East China's Shanghai, according to the council's official website, citing a circular released on Oct 23.`;
    const relation = (verb: string) => judge({ title: 'Shanghai to lift Silk Road trade', text: text(verb), published: '2023-11-16' }).measures.find((m) => m.id === 'sh-2023-silk-road-ecommerce')?.relation;
    expect(relation('approved establishing')).toBe('mentions');
    expect(relation('unveiled the plan for establishing')).toBe('mentions');
    // An act that carries it out still is one.
    expect(relation('launched')).toBe('implements');
    // A later report of the plan is no newer plan (by its date alone); a headline calling it new or
    // revised, or naming a later year, is.
    const later = (title: string) => judge({ title, text: 'Shanghai unveiled the Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation in Shanghai, a Belt and Road platform for digital trade.', published: '2024-01-15' }).measures.find((m) => m.id === 'sh-2023-silk-road-ecommerce')?.relation;
    expect(later('Shanghai unveils Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation')).toBe('mentions');
    expect(later('Shanghai unveils revised Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation')).toBe('updates');
    expect(later('Shanghai unveils 2024 Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation')).toBe('updates');
    // "New" in other senses calls nothing a new edition (a reviewer's cases).
    expect(later('New opportunities: Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation in Shanghai')).toBe('mentions');
    expect(later('Plan for Establishing a Pilot Zone for Silk Road E-commerce Cooperation in Shanghai boosts New Zealand trade')).toBe('mentions');
    expect(later('Shanghai issues new action plan for Pilot Zone for Silk Road E-commerce Cooperation')).toBe('updates');
    expect(later('Shanghai unveils new Silk Road E-commerce Cooperation pilot zone plan')).toBe('updates');
    expect(later('上海出台新一轮建设“丝路电商”合作先行区方案')).toBe('updates');
    expect(later('Pilot Zone for Silk Road E-commerce Cooperation in Shanghai: trade forecast revised up')).toBe('mentions');
  });

  it('says an undated text that names no year as late as a policy reports no act of it, though it may name it', () => {
    // A spot-check's undated report of the first 上海号 train (2021), and batch5's zh-638: the entry
    // is the 2024 priorities' "organise China-Europe trains" (sh-2024-priorities-2d).
    const input = { title: '上海国际班列首发', text: '2021年9月28日,“中欧班列—上海号”首次从上海开行,驶向德国汉堡,助力高质量共建“一带一路”。' };
    expect(judge(input).measures.find((m) => m.id === 'sh-2024-priorities-2d')?.relation).toBe('mentions');
    expect(judge({ ...input, text: input.text.replace('2021年9月28日', '2024年9月28日') }).measures.find((m) => m.id === 'sh-2024-priorities-2d')?.relation).toBe('implements');
  });

  it('ties no document to a policy issued after it was published', () => {
    const input = {
      title: 'Shanghai hosts International Carbon Neutrality Expo with Belt and Road partners',
      text: 'The Shanghai International Carbon Neutrality Expo opened on Wednesday, with exhibitors from more than 20 Belt and Road countries showing green and low-carbon solutions.\n\nOrganizers said the expo supports green development cooperation under the Belt and Road Initiative.',
    };
    // sh-2024-priorities was issued on 2024-04-08.
    expect(judge({ ...input, published: '2024-05-01' }).measures.find((m) => m.id === 'sh-2024-priorities-5c')?.relation).toBe('implements');
    expect(judge({ ...input, published: '2023-06-01' }).measures.map((m) => m.id)).not.toContain('sh-2024-priorities-5c');
  });

  it('takes an undated text to be no later than the latest year it names: no later policy by wording alone', () => {
    // Two spot-checks' Xinhua report of the 2019 seminar of the Belt and Road science and innovation
    // alliance, undated (a mirror page). Its alliance sentence reads like the 2024 priorities' item 6.
    const input = {
      title: '打造“科技共同体” “一带一路”科技创新联盟成效初显',
      text:
        '新华社上海9月26日电 记者从9月26日在沪召开的2019“一带一路”科技创新联盟国际研讨会上获悉,“一带一路”科技创新联盟成立三年来,通过有效的协同合作机制,凝聚沿线国家高校、科研机构、企业以及社会各界共识,打造平等互利、合作共赢的“科技共同体”,成效初显。\n\n' +
        '据上海市科委副主任傅国庆介绍,“一带一路”科技创新联盟,是上海推进“一带一路”成为创新之路的重要实践。自2016年成立以来,联盟通过与“一带一路”国家共建联合实验室、联合培养人才、邀请沿线国家杰出科学家来华工作、开办先进适用技术、科技管理与政策培训班等方式,积极为“一带一路”沿线国家和地区的科技发展服务。\n\n' +
        '据“一带一路”科技创新联盟执行理事长、上海交通大学副校长毛军发介绍,截至目前,“一带一路”科技创新联盟共有来自12个国家的26个会员单位。',
    };
    const ids = (published?: string) => judge({ ...input, published }).measures.map((m) => m.id);
    expect(ids()).not.toContain('sh-2024-priorities-6');
    // The 2017 plan's sci-tech actions, older than the seminar, still tie.
    expect(ids().length).toBeGreaterThan(0);
    for (const id of ids()) expect(catalog.measures.find((m) => m.id === id)!.policy.date! <= '2019-12-31', id).toBe(true);
    // Dated after 2024 the same wording is a mention: the rule is the date's, not the wording's.
    expect(ids('2025-01-10')).toContain('sh-2024-priorities-6');
    // The years a text names, not its counts.
    const cases: [string, number | null][] = [
      ['2019“一带一路”科技创新联盟国际研讨会', 2019], ['自2016年成立以来', 2016], ['开行2024列', null], ['Sept. 26, 2019', 2019],
      ['2019-09-26', 2019], ['(2018)', 2018], ['the 2019-2020 plan', 2020], ['2,019 trains', null], ['2000 trains in 2017', 2017], ['by 2030', 2030],
      // (a review's cases) other ways of writing a year, and counts that are none
      ['二〇二五年九月二十六日', 2025], ['沪府办〔2025〕12号', 2025], ['the 2025 work plan', 2025], ['12/03/2025', 2025], ['Nov 5-10, 2025', 2025],
      ['Q3 2025', 2025], ['2019—2025', 2025], ['２０２５年', 2025], ['mid-2019', 2019], ['end of 2019', 2019],
      ['a total of 2013 trains', null], ['including 2010 containers', null], ['Tel: 021-2012-3456', null],
      ['Nov. 19th, 2024', 2024], ['H1 2025', 2025], ['FY2024', 2024], ['2024-25', 2025], ['0579-85-2019', null],
    ];
    for (const [text, year] of cases) expect(latestYearNamed(text), text).toBe(year);
  });
});

describe('listedMeasures', () => {
  it('returns the numbered and lettered items of the 2024 priorities, verbatim, with their section path', () => {
    const doc = seedDocuments().find((d) => d.id === 'sh-2024-priorities')!;
    const items = listedMeasures({ title: doc.title, text: doc.text });
    const top = items.filter((i) => i.sectionPath.length === 1);
    expect(top).toHaveLength(9);
    expect(top[0].text).toBe('Deepen regional coordination and collaboration to synergize the integrated development of the Yangtze River Delta with the high-quality development of the BRI');
    const a = items.find((i) => i.text.startsWith('Expedite the establishment of the Belt and Road High-quality Development Promotion Association'))!;
    expect(a.sectionPath).toEqual([doc.title, '1. Deepen regional coordination and collaboration to synergize the integrated development of the Yangtze River Delta with the high-quality development of the BRI']);
    for (const i of items) {
      expect(doc.text.includes(i.text), i.text).toBe(true);
      expect(i.title.length).toBeGreaterThan(0);
    }
  });

  it('reads Chinese list markers (一是, （一）)', () => {
    const items = listedMeasures({ title: '方案', text: '一是加强互联互通。\n\n（一）扩大中欧班列开行。\n\n（二）提升上海港能级。\n\n二是深化经贸合作。' });
    expect(items.map((i) => [i.text, i.sectionPath.length])).toEqual([
      ['加强互联互通。', 1],
      ['扩大中欧班列开行。', 2],
      ['提升上海港能级。', 2],
      ['深化经贸合作。', 1],
    ]);
  });
});

describe('silkwatch classify --json', () => {
  let closedPort: number;
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    silent?.close();
  });
  const env = (port = closedPort) => ({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/silkwatch`, LOG_LEVEL: 'silent' });
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  const good = JSON.stringify({ id: 'a', title: 'Shanghai unveils priorities to advance Belt and Road Initiative in 2025', text: 'To promote the high-quality development of the Belt and Road Initiative in 2025, Shanghai will focus on the Belt and Road Connectivity Network and more Shanghai-Europe freight trains.', url: null, lang: 'en', published: '2025-04-10', issuer: null, docNumber: null, source: 'shanghai-en', extra: 'ignored' });
  const negative = JSON.stringify({ id: 7, title: 'Wear your seat belt', text: 'Rear-seat passengers must wear seat belts, traffic police said.' });

  it('answers mixed good and bad lines one for one, in order, errors carrying their line, and exits 1', async () => {
    const stdin = [good, 'not json', '', '[1, 2]', JSON.stringify({ id: 'b', title: '', text: 'x' }), JSON.stringify({ id: 'c', title: 'x' }), JSON.stringify({ id: { x: 1 }, title: 't', text: 'x' }), JSON.stringify({ id: 'd', title: 't', text: 'x', lang: 'fr' }), negative].join('\n');
    const r = await runCli(['classify', '--json'], env(), { stdin });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    const out = lines(r.stdout);
    expect(out).toHaveLength(8); // the blank line is skipped
    expect(Object.keys(out[0])).toEqual(['id', 'relevant', 'score', 'topics', 'measures']);
    expect(out[0]).toMatchObject({ id: 'a', relevant: true });
    expect((out[0].measures as { id: string; relation: string }[]).find((m) => m.id === 'sh-2024-priorities')?.relation).toBe('updates');
    expect(out[1]).toEqual({ id: null, line: 2, error: { code: 'invalid_json', message: expect.any(String) } });
    expect(out[2]).toMatchObject({ id: null, line: 4, error: { code: 'not_an_object' } });
    expect(out[3]).toMatchObject({ id: 'b', line: 5, error: { code: 'missing_field' } });
    expect(out[4]).toMatchObject({ id: 'c', line: 6, error: { code: 'missing_field' } });
    expect(out[5]).toMatchObject({ id: null, line: 7, error: { code: 'invalid_field' } });
    expect(out[6]).toMatchObject({ id: 'd', line: 8, error: { code: 'invalid_field' } });
    expect(out[7]).toEqual({ id: 7, relevant: false, score: expect.any(Number), topics: [], measures: [] });
  });

  it('--explain adds the relevance evidence, editionOf and the topics\' resemblance, last; the default shape stays exactly DESIGN.md\'s', async () => {
    const r = await runCli(['classify', '--json', '--explain'], env(), { stdin: `${good}\n${negative}\n` });
    expect(r.code, r.stderr).toBe(0);
    const [a, n] = lines(r.stdout);
    expect(Object.keys(a)).toEqual(['id', 'relevant', 'score', 'topics', 'measures', 'evidence', 'editionOf', 'resemblance']);
    // One resemblance per listed topic, in their order, with words of the text that raise its score.
    const res = a.resemblance as { id: string; score: number; words: { form: string; weight: number }[] }[];
    expect(res.map((x) => x.id)).toEqual((a.topics as { id: string }[]).map((t) => t.id));
    // (The input is English: its words are the model's forms, lower-cased.)
    const folded = JSON.parse(good) as { title: string; text: string };
    for (const x of res) {
      expect(x.words.length).toBeGreaterThan(0);
      for (const w of x.words) {
        expect(w.weight).toBeGreaterThan(0);
        expect(`${folded.title} ${folded.text}`.toLowerCase()).toContain(w.form);
      }
    }
    expect(n.resemblance).toEqual([]);
    const input = JSON.parse(good) as { title: string; text: string };
    expect((a.evidence as string[]).length).toBeGreaterThan(0);
    for (const e of a.evidence as string[]) expect(`${input.title}\n${input.text}`).toContain(e);
    expect(a.editionOf).toEqual([]);
    // Not relevant: the counter-cue says why (seat belts).
    expect(n).toMatchObject({ id: 7, relevant: false });
    expect((n.evidence as string[]).join(' ')).toMatch(/seat belt/i);
  });

  it('skips blank lines and exits 0 when every line is good, with no database', async () => {
    const r = await runCli(['classify', '--json'], env(), { stdin: `\n${good}\n\n   \n${negative}\n` });
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['a', 7]);
  });

  it('falls back to the seed catalog when PostgreSQL accepts connections but never answers', async () => {
    const started = Date.now();
    const r = await runCli(['classify', '--json'], env(silentPort), { stdin: negative, timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
