// Pure pieces: the sources file validator, config parsing, digest periods across time zones and
// daylight-saving changes, digest rendering (escaping), subscription filters, the keyword rule.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/env.js';
import { parseSources, SourcesFileError } from '../config/sources.js';
import { matchesFilter } from '../digests/collect.js';
import { periodFor } from '../digests/periods.js';
import { renderDigest } from '../digests/render.js';
import { parseQueueList } from '../queues/registry.js';

const minimal = `sources:
  - id: s1
    name: S1
    lang: en
    region: shanghai
    listing: [https://example.org/news/]
    articles: ['^https://example\\.org/news/\\d+\\.html$']
`;

describe('sources file', () => {
  it('applies the documented defaults', () => {
    const [s] = parseSources(minimal, 'x.yaml');
    expect(s).toMatchObject({ firstCrawl: 'baseline', enabled: true, tz: 'Asia/Shanghai', politeness: { perHostConcurrency: 1, delayMs: 1000 }, feeds: [], sitemaps: [] });
  });

  it('accepts JSON as YAML', () => {
    const json = JSON.stringify({ sources: [{ id: 'j', name: 'J', lang: 'zh', region: 'zhejiang', listing: ['https://example.org/'], articles: ['^https://example.org/a'] }] });
    expect(parseSources(json, 'x.json')[0].id).toBe('j');
  });

  it('names the source and key of every problem', () => {
    const bad = `${minimal}    colour: blue
  - id: Bad_Id
    name: B
    lang: fr
    region: x
    listing: [ftp://example.org/]
    articles: ['([']
    pagination: { template: 'https://example.org/p.html', maxPages: 2 }
  - id: s1
    name: dup
    lang: en
    region: x
    listing: [https://example.org/]
    articles: [a]
`;
    let error: SourcesFileError | undefined;
    try {
      parseSources(bad, 'bad.yaml');
    } catch (e) {
      error = e as SourcesFileError;
    }
    expect(error).toBeInstanceOf(SourcesFileError);
    const text = error!.problems.join('\n');
    expect(text).toContain('source "s1": unknown key "colour"');
    expect(text).toContain('source "Bad_Id": id: expected lower-case letters, digits and "-"');
    expect(text).toMatch(/source "Bad_Id": lang: /);
    expect(text).toContain('source "Bad_Id": listing.0: expected an http(s) URL');
    expect(text).toContain('source "Bad_Id": articles.0: expected a valid regular expression');
    expect(text).toContain('source "Bad_Id": pagination');
    expect(error!.message).toContain('bad.yaml');
  });

  it('reports a duplicate id', () => {
    expect(() => parseSources(minimal + minimal.split('\n').slice(1).join('\n'), 'd.yaml')).toThrow(/source "s1": id: duplicate id/);
  });
});

describe('config', () => {
  it('has local defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/silkwatch', REDIS_URL: 'redis://127.0.0.1:6379', OUTBOX_DIR: './outbox', QUEUE_PREFIX: '{silkwatch}' });
    expect(c.SMTP_URL).toBeUndefined();
  });

  it('reports every bad value together, hiding passwords', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:secret@h/db', QUEUE_PREFIX: 'a:b', ALLOW_PRIVATE_HOSTS: '127.0.0.1,10.0.0.0/99', DIGEST_IMMEDIATE_WINDOW_MS: '-1' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('DATABASE_URL="mysql://u:***@h/db": expected a postgresql:// or postgres:// URL');
      expect(problems).not.toContain('secret');
      expect(problems).toContain('QUEUE_PREFIX="a:b"');
      expect(problems).toContain('ALLOW_PRIVATE_HOSTS="127.0.0.1,10.0.0.0/99"');
      expect(problems).toContain('DIGEST_IMMEDIATE_WINDOW_MS="-1": expected at least 0');
    }
  });

  it('parses the list of private hosts', () => {
    expect(loadConfig({ ALLOW_PRIVATE_HOSTS: ' 127.0.0.1 , 10.0.0.0/8,fixtures.local' }).ALLOW_PRIVATE_HOSTS).toEqual(['127.0.0.1', '10.0.0.0/8', 'fixtures.local']);
  });

  it('rejects an unknown queue name', () => {
    expect(parseQueueList('fetch, classify')).toEqual(['fetch', 'classify']);
    expect(() => parseQueueList('fetch,mail')).toThrow(/unknown queue "mail"/);
  });
});

describe('digest periods', () => {
  const schedule = (cadence: 'daily' | 'weekly', tz: string, sendAt = '08:00', weekday: number | null = 1) => ({ cadence, tz, sendAt, weekday });

  it('daily: the next send time in the subscriber zone names the period', () => {
    // 2024-04-07 23:00 UTC is already 07:00 on the 8th in Shanghai: due at 08:00 that day.
    expect(periodFor(schedule('daily', 'Asia/Shanghai'), new Date('2024-04-07T23:00:00Z'), 60_000)).toEqual({ key: 'd-2024-04-08', dueAt: new Date('2024-04-08T00:00:00Z') });
    expect(periodFor(schedule('daily', 'Asia/Shanghai'), new Date('2024-04-08T00:00:00Z'), 60_000).key).toBe('d-2024-04-09');
  });

  it('weekly: ISO week of the send day', () => {
    expect(periodFor(schedule('weekly', 'Asia/Shanghai'), new Date('2024-04-03T12:00:00Z'), 60_000)).toEqual({ key: 'w-2024-W15', dueAt: new Date('2024-04-08T00:00:00Z') });
    expect(periodFor(schedule('weekly', 'Europe/Berlin', '09:00', 0), new Date('2024-12-30T12:00:00Z'), 60_000).key).toBe('w-2025-W01');
  });

  it('follows daylight-saving changes', () => {
    // New York springs forward on 2024-03-10: 08:00 local is 12:00 UTC after, 13:00 UTC before.
    expect(periodFor(schedule('daily', 'America/New_York'), new Date('2024-03-09T14:00:00Z'), 0).dueAt).toEqual(new Date('2024-03-10T12:00:00Z'));
    expect(periodFor(schedule('daily', 'America/New_York'), new Date('2024-03-08T14:00:00Z'), 0).dueAt).toEqual(new Date('2024-03-09T13:00:00Z'));
    // 02:30 does not exist that night: the digest goes at 03:30 EDT.
    expect(periodFor(schedule('daily', 'America/New_York', '02:30'), new Date('2024-03-09T12:00:00Z'), 0).dueAt).toEqual(new Date('2024-03-10T07:30:00Z'));
  });

  it('immediate: one window of DIGEST_IMMEDIATE_WINDOW_MS, no ":" in the key', () => {
    const p = periodFor({ cadence: 'immediate', tz: 'UTC', sendAt: '08:00', weekday: null }, new Date(125_000), 60_000);
    expect(p).toEqual({ key: 'i-120000', dueAt: new Date(180_000) });
  });
});

describe('digest rendering', () => {
  const entry = { kind: 'NEW' as const, title: 'Plan <script>alert(1)</script>\r\nBcc: x@evil', url: 'https://example.org/a?x=1&y="2"', sourceName: 'S & S', published: '2024-04-08', topics: [] };

  it('escapes page content in HTML and keeps CR/LF out of the subject', () => {
    const r = renderDigest([entry], { periodLabel: 'immediate' });
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('Plan &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.html).toContain('href="https://example.org/a?x=1&amp;y=&quot;2&quot;"');
    expect(r.html).toContain('S &amp; S');
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.subject).toBe('silkwatch: 1 new BRI policy item (immediate)');
    expect(r.text).toContain('* Plan <script>alert(1)</script> Bcc: x@evil');
  });

  it('counts new and updated items in the subject', () => {
    const r = renderDigest([entry, entry, { ...entry, kind: 'UPDATED' }], { periodLabel: '2024-04-08' });
    expect(r.subject).toBe('silkwatch: 2 new BRI policy items, 1 updated (2024-04-08)');
  });
});

describe('subscription filters', () => {
  const facts = { topics: ['trade'], region: 'shanghai', sourceId: 'shanghai-en', lang: 'en', score: 0.8 };
  const none = { topics: [], regions: [], sources: [], languages: [], minScore: null };
  it.each([
    [none, true],
    [{ ...none, topics: ['finance'] }, false],
    [{ ...none, topics: ['finance', 'trade'] }, true],
    [{ ...none, regions: ['zhejiang'] }, false],
    [{ ...none, sources: ['shanghai-en'] }, true],
    [{ ...none, languages: ['zh'] }, false],
    [{ ...none, minScore: 0.9 }, false],
  ])('%j → %s', (filter, expected) => {
    expect(matchesFilter(filter, facts)).toBe(expected);
  });
});

describe('SimHash near-duplicates', async () => {
  const { simhash, hamming, bands, MAX_DISTANCE } = await import('../classifier/simhash.js');
  const { readFileSync } = await import('node:fs');
  const seed = (name: string) => readFileSync(new URL(`../seeds/documents/${name}.txt`, import.meta.url), 'utf8');
  const priorities = seed('sh-2024-priorities');

  it('a republished copy with a changed word and an added source line stays within the distance', () => {
    const copy = `${priorities.replace('nine aspects', 'nine key aspects')}\n\nSource: english.shanghai.gov.cn`;
    const d = hamming(simhash(priorities)!, simhash(copy)!);
    expect(d).toBeLessThanOrEqual(MAX_DISTANCE);
    // and then they share a band (what the database lookup relies on)
    const shared = bands(simhash(priorities)!).filter((b) => bands(simhash(copy)!).includes(b));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('different articles are far apart, in English and in Chinese', () => {
    expect(hamming(simhash(priorities)!, simhash(seed('sh-2017-bridgehead'))!)).toBeGreaterThan(10);
    expect(hamming(simhash('上海推进一带一路建设，发布九个方面重点工作，涉及贸易、金融、科技和人文交流。')!, simhash('浙江省发布数字经济发展规划，推动产业链供应链协同创新和跨境电商发展。')!)).toBeGreaterThan(MAX_DISTANCE);
  });

  it('too short a text has no fingerprint', () => {
    expect(simhash('two words')).toBeNull();
  });
});
