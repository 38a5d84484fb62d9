// The BRI topic taxonomy (seeds/topics.yaml) and the term matcher (classifier/topic-terms.ts):
// the file validates, every term matches, the seed documents' own section headings land in the
// right topics, and the cues that must not count on their own ("road", "belt", "Yangtze River
// Economic Belt", "green belt", "seat belt") count for nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileTopics, matchTopics, type TopicMatch } from '../classifier/topic-terms.js';
import { readTopicsFile } from '../seeds/load.js';
import { TOPIC_IDS, topicsFileSchema, type TopicId, type TopicsFile } from '../seeds/schema.js';

const file = readTopicsFile();
const compiled = compileTopics(file);
const match = (text: string) => matchTopics(compiled, text);
const top = (text: string) => match(text)[0]?.id;
const topTwo = (text: string) => match(text).slice(0, 2).map((m) => m.id);
const seed = (name: string) => readFileSync(new URL(`../seeds/documents/${name}`, import.meta.url), 'utf8');
const lines = (name: string, re: RegExp) => seed(name).split('\n').filter((l) => re.test(l));
const norm = (s: string) => s.toLowerCase().replace(/[\s\-‐‑–]+/g, ' ').trim();

describe('seeds/topics.yaml', () => {
  it('validates against topicsFileSchema', () => {
    const raw = parse(readFileSync(new URL('../seeds/topics.yaml', import.meta.url), 'utf8'));
    const result = topicsFileSchema.safeParse(raw);
    expect(result.success, result.error?.message).toBe(true);
  });

  it('has exactly the ten topic ids, once each', () => {
    expect(file.topics.map((t) => t.id).sort()).toEqual([...TOPIC_IDS].sort());
  });

  it('gives every topic an English and a Chinese name, English and Chinese terms, no duplicates', () => {
    for (const t of file.topics) {
      expect(t.nameEn.length, t.id).toBeGreaterThan(0);
      expect(t.nameZh, t.id).toMatch(/[\u4e00-\u9fff]/);
      expect(t.terms.filter((x) => x.lang === 'en').length, t.id).toBeGreaterThanOrEqual(1);
      expect(t.terms.filter((x) => x.lang === 'zh').length, t.id).toBeGreaterThanOrEqual(1);
      const keys = t.terms.map((x) => norm(x.text));
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), t.id).toEqual([]);
      for (const x of t.terms) {
        expect(x.weight, `${t.id}: ${x.text}`).toBeGreaterThan(0);
        expect(x.weight, `${t.id}: ${x.text}`).toBeLessThanOrEqual(1);
        if (x.lang === 'zh') expect(x.text, `${t.id}: ${x.text}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('matches every term in a sentence that contains it (nothing shadowed by a cue)', () => {
    const missed: string[] = [];
    for (const t of file.topics) {
      for (const x of t.terms) {
        const sentence = x.lang === 'en' ? `Officials discussed ${x.text} at length.` : `会议讨论了${x.text}问题。`;
        const m = match(sentence).find((r) => r.id === t.id);
        if (!m?.terms.includes(x.text)) missed.push(`${t.id}: ${x.text}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('seed section headings land in the right topics', () => {
  // The nine numbered areas of the 2024 Shanghai priorities ("1. Deepen regional coordination …").
  const priorities: Record<number, { topic: TopicId; why: string }> = {
    1: { topic: 'cooperation-mechanisms', why: 'regional coordination: aligning the YRD with the BRI (promotion association, service center)' },
    2: { topic: 'connectivity', why: 'Belt and Road Connectivity Network: port, shipping hub, Air Silk Road, freight trains' },
    3: { topic: 'trade', why: 'integrate into the global economy: CIIE, Silk Road e-commerce zones, exhibitions' },
    4: { topic: 'finance', why: 'cooperation in the financial sector, financial backing: renminbi clearing' },
    5: { topic: 'green', why: 'green development' },
    6: { topic: 'sci-tech', why: 'scientific and technological innovation' },
    7: { topic: 'people-to-people', why: 'people-to-people exchanges' },
    8: { topic: 'cooperation-mechanisms', why: 'mechanisms for international cooperation: sister cities, think tanks' },
    9: { topic: 'legal-compliance', why: 'compliance management, clean Silk Road' },
  };
  const headings = lines('sh-2024-priorities.txt', /^[1-9]\. /);

  it('reads the nine numbered areas of the 2024 priorities', () => {
    expect(headings.map((h) => Number(h[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each(headings.map((h) => [h, priorities[Number(h[0])].topic, priorities[Number(h[0])].why]))(
    '2024 priorities: %s → %s (%s)',
    (heading, topic) => {
      expect(top(heading)).toBe(topic);
    },
  );

  // The Silk Road e-commerce plan's three aspects; each is one line in the seed: lead-in + its tasks.
  // "Second, creating a pilot environment." and "Third, promoting international and regional exchanges
  // and cooperation." carry no topical words on their own; their task lists are all e-commerce.
  const aspects = lines('sh-2023-silk-road-ecommerce.txt', /^(First|Second|Third), /);

  it('reads the three aspects of the Silk Road e-commerce plan', () => {
    expect(aspects).toHaveLength(3);
  });

  it.each(aspects.map((a) => [a.slice(0, 70)]))('Silk Road e-commerce aspect: %s… → digital-economy, then trade', (lead) => {
    const line = aspects.find((a) => a.startsWith(lead))!;
    expect(top(line)).toBe('digital-economy'); // Silk Road e-commerce, cross-border e-commerce, data
    expect(topTwo(line)).toContain('trade'); // trade facilitation, imports/exports, customs area
  });

  it('the first aspect lead-in alone ("opening up the e-commerce sector") is digital-economy', () => {
    expect(top('First, further opening up the e-commerce sector.')).toBe('digital-economy');
  });

  // Zhejiang's six areas, each a paragraph "To <area> along the BRI, the government should …".
  const zhejiang: { lead: string; topic: TopicId; why: string }[] = [
    { lead: 'To promote the digital transformation', topic: 'digital-economy', why: 'digital transformation, eWTP, digital trade' },
    { lead: 'To improve logistics quality', topic: 'connectivity', why: 'logistics, ports, China Railway Express' },
    { lead: 'To offer convenience for Zhejiang businessmen who trade', topic: 'trade', why: 'trade centers, import expo' },
    { lead: 'To improve the industrial chains', topic: 'industry-investment', why: 'industrial chains, foreign investment' },
    { lead: 'To strengthen cultural communication', topic: 'people-to-people', why: 'cultural exchanges, tourism' },
    { lead: 'To develop healthcare industries', topic: 'people-to-people', why: 'health cooperation, TCM: as 7(c) of the 2024 priorities' },
  ];
  const areas = lines('zj-2020-facilitates-bri.txt', /^To /);

  it('reads the six Zhejiang areas', () => {
    expect(areas.map((a) => zhejiang.findIndex((z) => a.startsWith(z.lead)))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each(zhejiang.map((z) => [z.lead, z.topic, z.why]))('Zhejiang: %s … → %s (%s)', (lead, topic) => {
    const paragraph = areas.find((a) => a.startsWith(lead))!;
    const clause = paragraph.slice(0, paragraph.indexOf(', the government'));
    expect(top(clause)).toBe(topic); // the area's own words
    expect(topTwo(paragraph)).toContain(topic); // the whole paragraph (industrial chains also score sci-tech)
  });

  // The 2017 bridgehead press conference: the three finance group headings of Li Jun's answer.
  const finance = lines('sh-2017-bridgehead.txt', /^(First|Second|Third) is to /);

  it('reads the three finance headings of the 2017 press conference', () => {
    expect(finance).toHaveLength(3);
  });

  it.each(finance.map((f) => [f]))('2017 finance heading: %s → finance', (heading) => {
    expect(top(heading)).toBe('finance'); // finance channel / real economy; cross-border RMB; financial cooperation
  });

  it('the "green channels" in the 2017 finance measures are not green development', () => {
    const line = lines('sh-2017-bridgehead.txt', /green channels/)[0];
    expect(line).toBeDefined();
    expect(match(line).map((m) => m.id)).not.toContain('green');
  });
});

describe('Chinese and traditional-character text', () => {
  it.each([
    ['推进中欧班列高质量发展', ['connectivity']],
    ['丝路电商合作先行区', ['digital-economy', 'trade']],
    ['人民币跨境支付系统', ['finance']],
    ['一是深化区域协同联动，推动长三角一体化发展与共建“一带一路”高质量发展相互促进', ['cooperation-mechanisms']],
    ['二是夯实合作基础，积极参与“一带一路”互联互通网络建设', ['connectivity']],
    ['三是积极融入全球经济，培育合作品牌，办好第七届中国国际进口博览会', ['trade']],
    ['推动共建“一带一路”绿色发展，深化绿色低碳合作', ['green']],
    ['指导企业建立合规管理体系，共建廉洁丝绸之路', ['legal-compliance']],
    ['推進中歐班列高質量發展', ['connectivity']],
    ['加快建設絲路電商合作先行區', ['digital-economy', 'trade']],
    ['完善人民幣跨境支付系統，擴大跨境人民幣結算', ['finance']],
    ['深化民心相通，建設魯班工坊', ['people-to-people']],
  ] as [string, TopicId[]][])('%s → %j', (text, expected) => {
    expect(expected).toContain(top(text));
  });
});

describe('cues that must not count on their own', () => {
  it.each([
    'Yangtze River Economic Belt',
    'a new ring road and a green belt park',
    'seat belt rules',
    'The road to the belt factory',
    'Rust Belt towns',
    '长江经济带发展',
    '長江經濟帶',
    '系好安全带',
    'We support the plan.',
  ])('%s → no topic', (text) => {
    expect(match(text)).toEqual([]);
  });

  it('a cue hides the terms it contains, not the longer terms that contain it', () => {
    const extra: TopicsFile = structuredClone(file);
    extra.topics
      .find((t) => t.id === 'connectivity')!
      .terms.push({ text: 'Economic Belt', lang: 'en', weight: 1 }, { text: 'Silk Road Economic Belt', lang: 'en', weight: 1 });
    const c = compileTopics(extra);
    expect(matchTopics(c, 'the Yangtze River Economic Belt')).toEqual([]);
    expect(matchTopics(c, 'an economic belt')).toEqual([]);
    expect(matchTopics(c, 'the Silk Road Economic Belt')[0]?.terms).toEqual(['Silk Road Economic Belt']);
    // "Air Silk Road" contains the cue "road" and still counts.
    expect(top('more Air Silk Road routes')).toBe('connectivity');
  });
});

describe('matchTopics', () => {
  it('scores one strong term clearly, adds up weak ones, and never reaches past 1', () => {
    const one = match('Shanghai will run more China-Europe freight trains.')[0];
    expect(one.id).toBe('connectivity');
    expect(one.score).toBeGreaterThan(0.4);
    const weak = match('The port and the railway.')[0].score;
    const weaker = match('The port.')[0].score;
    expect(weak).toBeGreaterThan(weaker);
    const many = match(seed('sh-2024-priorities.txt'));
    for (const m of many) expect(m.score).toBeLessThanOrEqual(1);
    const scores = many.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(many.every((m) => m.score > 0)).toBe(true);
  });

  it('counts the longest term once ("cross-border e-commerce" is not also "e-commerce")', () => {
    const m = match('It expands cross-border e-commerce.').find((r) => r.id === 'digital-economy')!;
    expect(m.terms).toEqual(['cross-border e-commerce']);
  });

  it('matches plurals, hyphen/space variants and case, as whole words only', () => {
    expect(match('PEOPLE TO PEOPLE EXCHANGES')[0]?.id).toBe('people-to-people');
    expect(match('two joint laboratories')[0]?.terms).toEqual(['joint laboratory']);
    expect(match('transport and exports')[0]?.terms).toEqual(['export']);
  });

  it('gives at most three verbatim evidence sentences', () => {
    const text = seed('zj-2020-facilitates-bri.txt');
    const results: TopicMatch[] = matchTopics(compiled, text);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.evidence.length).toBeGreaterThan(0);
      expect(r.evidence.length).toBeLessThanOrEqual(3);
      for (const e of r.evidence) expect(text).toContain(e);
    }
    const connectivity = results.find((r) => r.id === 'connectivity')!;
    expect(connectivity.evidence.some((e) => e.includes('China Railway Express'))).toBe(true);
  });
});
