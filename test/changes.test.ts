// Versions and what changed between them: the page pairs of fixtures/versions/ go through the
// real extraction (decodeHtml → extractArticle) and the content hash (db/articles.ts); cosmetic
// pairs must make no version (same hash) or a version whose diff is not material, material pairs
// exactly the hand-written added / removed / changed sentences and reasons. Then the pure pieces:
// sentence splitting (EN abbreviations and decimals, ZH), tokens, alignment, rendering, and the
// re-check schedule with its parser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessNewVersion,
  diffVersions,
  renderChangeSummary,
  similarity,
  splitSentences,
  tokenize,
  versionText,
  type ChangeSummary,
  type VersionText,
} from '../changes/diff.js';
import {
  DEFAULT_RECHECK_POLICY,
  DEFAULT_RECHECK_SPEC,
  formatRecheckPolicy,
  isDue,
  parseRecheckPolicy,
  recheckIntervalMs,
  RecheckPolicyError,
} from '../changes/recheck.js';
import { decodeHtml } from '../crawlers/decode.js';
import { extractArticle, type Extracted } from '../crawlers/extract.js';
import { contentHash } from '../db/articles.js';

const DIR = new URL('../fixtures/versions/', import.meta.url);

interface Expected {
  description: string;
  lang: 'en' | 'zh';
  url: string;
  sameHash: boolean;
  material: boolean;
  reasons: string[];
  added: string[];
  removed: string[];
  changed: { before: string; after: string; words?: { added: string[]; removed: string[] } }[];
  attachments?: { added: string[]; removed: string[] };
  fields?: { field: string; before: string | null; after: string | null }[];
}

const caseNames = readdirSync(DIR).filter((n) => existsSync(new URL(`${n}/expected.json`, DIR)) && n !== 'withdrawn').sort();
const cosmetic = caseNames.filter((n) => n.startsWith('cosmetic-'));
const material = caseNames.filter((n) => n.startsWith('material-'));

function load(name: string) {
  const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, DIR), 'utf8')) as Expected;
  const extract = (file: string): Extracted => extractArticle(decodeHtml(readFileSync(new URL(`${name}/${file}`, DIR)), null), expected.url);
  const before = extract('before.html');
  const after = extract('after.html');
  return { expected, before, after };
}

const asVersion = (e: Extracted): VersionText => ({ title: e.title ?? '', body: e.text, published: e.published, docNumber: e.docNumber, attachments: e.attachments });

/** What the classify worker is to do with the pair: the number of UPDATED events it raises. */
function eventsFor(before: Extracted, after: Extracted): { versions: number; events: number; summary: ChangeSummary | null } {
  if (contentHash(before) === contentHash(after)) return { versions: 1, events: 0, summary: null };
  const summary = diffVersions(asVersion(before), asVersion(after));
  return { versions: 2, events: summary.material ? 1 : 0, summary };
}

describe('fixtures/versions', () => {
  it('has at least 5 cosmetic and 4 material pairs, in English and Chinese', () => {
    expect(cosmetic.length).toBeGreaterThanOrEqual(5);
    expect(material.length).toBeGreaterThanOrEqual(4);
    const langs = (names: string[]) => new Set(names.map((n) => load(n).expected.lang));
    expect(langs(cosmetic)).toEqual(new Set(['en', 'zh']));
    expect(langs(material)).toEqual(new Set(['en', 'zh']));
  });

  it('every page is an article (title and body extracted)', () => {
    for (const name of [...caseNames]) {
      const { before, after } = load(name);
      for (const e of [before, after]) {
        expect(e.title, name).toBeTruthy();
        expect(e.text.length, name).toBeGreaterThan(100);
      }
    }
  });

  describe.each(cosmetic)('cosmetic %s', (name) => {
    it('makes no version, or a version whose diff is not material: 0 events', () => {
      const { expected, before, after } = load(name);
      expect(expected.material).toBe(false);
      const same = contentHash(before) === contentHash(after);
      expect(same).toBe(expected.sameHash);
      const summary = diffVersions(asVersion(before), asVersion(after));
      expect(summary).toMatchObject({ material: false, reasons: [], added: [], removed: [], changed: [], fields: [], attachments: { added: [], removed: [] } });
      expect(eventsFor(before, after).events).toBe(0);
    });
  });

  describe.each(material)('material %s', (name) => {
    it('makes a new version with exactly the expected diff: 1 event', () => {
      const { expected, before, after } = load(name);
      expect(expected.material).toBe(true);
      expect(contentHash(before)).not.toBe(contentHash(after));
      const s = diffVersions(asVersion(before), asVersion(after));
      expect(s.material).toBe(true);
      expect(s.reasons).toEqual(expected.reasons);
      expect(s.added).toEqual(expected.added);
      expect(s.removed).toEqual(expected.removed);
      expect(s.changed.map((c) => ({ before: c.before, after: c.after }))).toEqual(expected.changed.map((c) => ({ before: c.before, after: c.after })));
      expected.changed.forEach((c, i) => {
        if (c.words) expect(s.changed[i].words, `${name} words of change ${i}`).toEqual(c.words);
      });
      if (expected.attachments) expect(s.attachments).toEqual(expected.attachments);
      else expect(s.attachments).toEqual({ added: [], removed: [] });
      if (expected.fields) expect(s.fields).toEqual(expected.fields);
      else expect(s.fields).toEqual([]);
      expect(eventsFor(before, after).events).toBe(1);
    });
  });

  it('re-fetching an unchanged page makes no version (same bytes, same hash)', () => {
    for (const name of caseNames) {
      const { expected } = load(name);
      const bytes = readFileSync(new URL(`${name}/before.html`, DIR));
      const a = extractArticle(decodeHtml(bytes, null), expected.url);
      const b = extractArticle(decodeHtml(Buffer.from(bytes), null), expected.url);
      expect(contentHash(a)).toBe(contentHash(b));
      expect(diffVersions(asVersion(a), asVersion(b)).material).toBe(false);
    }
  });

  it('targets over the corpus: 0 events from cosmetic pairs, exactly one per material pair', () => {
    const cosmeticEvents = cosmetic.reduce((n, name) => n + eventsFor(load(name).before, load(name).after).events, 0);
    const materialEvents = material.map((name) => eventsFor(load(name).before, load(name).after).events);
    expect(cosmeticEvents).toBe(0);
    expect(materialEvents).toEqual(material.map(() => 1));
  });

  it('withdrawn: the page is an article, then the URL answers 404 (documented for the fetch worker)', () => {
    const expected = JSON.parse(readFileSync(new URL('withdrawn/expected.json', DIR), 'utf8'));
    const before = extractArticle(decodeHtml(readFileSync(new URL('withdrawn/before.html', DIR)), null), expected.url);
    expect(before.title).toBe(expected.before.title);
    expect(before.docNumber).toBe(expected.before.docNumber);
    expect(expected.after.status).toBe(404);
    expect(expected.expectedEvent).toMatchObject({ kind: 'UPDATED', cause: 'withdrawn' });
    expect(readFileSync(new URL('withdrawn/after.html', DIR), 'utf8')).toContain('404 Not Found');
  });
});

// ---------------------------------------------------------------------------------------------

describe('splitSentences', () => {
  it('English: abbreviations, initials and decimals do not end a sentence', () => {
    expect(splitSentences('Under Decree No. 5 the U.S. side agreed. Growth was 3.5 percent in 2023! Is it final? Mr. Wang said "Yes." Then he left.')).toEqual([
      'Under Decree No. 5 the U.S. side agreed.',
      'Growth was 3.5 percent in 2023!',
      'Is it final?',
      'Mr. Wang said "Yes."',
      'Then he left.',
    ]);
    expect(splitSentences('See Art. 12 and Fig. 3. The rate is 0.25 percent, e.g. for loans. Visit www.gov.cn. Done')).toEqual([
      'See Art. 12 and Fig. 3.',
      'The rate is 0.25 percent, e.g. for loans.',
      'Visit www.gov.cn.',
      'Done',
    ]);
    expect(splitSentences('It rose... and then fell. Prices ended at $1.5 billion.')).toEqual(['It rose... and then fell.', 'Prices ended at $1.5 billion.']);
    expect(splitSentences('The answer was no. The rules of Art. 3 and Nos. 4-6 apply. Signed by J. Smith.')).toEqual(['The answer was no.', 'The rules of Art. 3 and Nos. 4-6 apply.', 'Signed by J. Smith.']);
  });

  it('Chinese: 。！？ end a sentence, closing quotes stay with it, ；does not', () => {
    expect(splitSentences('一、加强金融支持。鼓励银行提供贷款；对项目给予贴息。“丝路电商”要加快建设！是否有效？')).toEqual([
      '一、加强金融支持。',
      '鼓励银行提供贷款；对项目给予贴息。',
      '“丝路电商”要加快建设！',
      '是否有效？',
    ]);
    expect(splitSentences('他说：“本办法自发布之日起施行。”此后不再另行通知。')).toEqual(['他说：“本办法自发布之日起施行。”', '此后不再另行通知。']);
  });

  it('paragraphs always end a sentence; whitespace is collapsed', () => {
    expect(splitSentences('First line without a stop\n\n  Second   one.  \n第三段')).toEqual(['First line without a stop', 'Second one.', '第三段']);
  });
});

describe('tokens', () => {
  it('one token per date, whatever its spelling', () => {
    const dates = (s: string) => tokenize(s).filter((t) => t.kind === 'date').map((t) => t.key);
    expect(dates('自2024年5月1日起施行')).toEqual(['2024-05-01']);
    expect(dates('from May 1, 2024 and 1 May 2024 and 2024-05-01 and 2024/5/1')).toEqual(['2024-05-01', '2024-05-01', '2024-05-01', '2024-05-01']);
    expect(dates('5月1日起; in April 2024; from April 15')).toEqual(['?-05-01', '2024-04-?', '?-04-15']);
    expect(dates('The Mayor said 5 projects')).toEqual([]);
  });

  it('numbers without thousands separators; Chinese characters one by one; words case-folded', () => {
    expect(tokenize('1,234 yuan and 1234 Yuan, 3.5% ＵＳ')).toEqual([
      expect.objectContaining({ kind: 'number', key: '1234' }),
      expect.objectContaining({ kind: 'word', key: 'yuan' }),
      expect.objectContaining({ kind: 'word', key: 'and' }),
      expect.objectContaining({ kind: 'number', key: '1234' }),
      expect.objectContaining({ kind: 'word', key: 'yuan' }),
      expect.objectContaining({ kind: 'number', key: '3.5%' }),
      expect.objectContaining({ kind: 'word', key: 'us' }),
    ]);
    expect(tokenize('共建“一带一路”').map((t) => t.key)).toEqual(['共', '建', '一', '带', '一', '路']);
  });

  it('similarity is word-level (Dice over word multisets)', () => {
    expect(similarity('The fund totals 5 billion yuan.', 'The fund totals 8 billion yuan.')).toBeCloseTo(10 / 12);
    expect(similarity('本办法自2024年5月1日起施行。', '本办法自2024年7月1日起施行。')).toBeCloseTo(14 / 16);
    expect(similarity('Completely different words here.', 'Nothing in common at all.')).toBe(0);
  });
});

const v = (body: string, extra: Partial<VersionText> = {}): VersionText => ({ title: 'Measures', body, published: '2024-04-08', docNumber: null, attachments: [], ...extra });

describe('diffVersions', () => {
  it('cosmetic: whitespace, punctuation, case, full-width forms, date spellings, moves, widgets', () => {
    const base = 'The fund totals 5 billion yuan. It opens on May 1, 2024.\n\n本办法自2024年5月1日起施行。\n\nA second paragraph follows.';
    for (const after of [
      'The  fund totals 5 billion yuan.   It opens on May 1, 2024.\n\n本办法自 2024年5月1日起施行。\n\nA second paragraph follows.',
      'The fund totals 5 billion yuan; it opens on May 1, 2024.\n\n本办法自２０２４年５月１日起施行.\n\nA second paragraph follows!',
      'The Fund totals 5 billion Yuan. It opens on 2024-05-01.\n\n本办法自2024年5月1日起施行。\n\nA second paragraph follows.',
      'A second paragraph follows.\n\nThe fund totals 5 billion yuan. It opens on May 1, 2024.\n\n本办法自2024年5月1日起施行。',
      'The fund totals 5 billion yuan. It opens on May 1, 2024.\n\n本办法自2024年5月1日起施行。\n\nA second paragraph follows.\n\n阅读次数：1234\n\n今天是：2024年4月9日 星期二',
      'Views: 1,234 The fund totals 5 billion yuan. It opens on May 1, 2024.\n\n本办法自2024年5月1日起施行。\n\nA second paragraph follows.',
    ]) {
      const s = diffVersions(v(base), v(after, { title: ' Measures ' }));
      expect(s, after).toMatchObject({ material: false, reasons: [], added: [], removed: [], changed: [] });
    }
  });

  it('a similar sentence is a change (word diff), a dissimilar one is a removal plus an addition', () => {
    const s = diffVersions(v('The fund totals 5 billion yuan. Firms apply online.'), v('The fund totals 8 billion yuan. Applications close in June.'));
    expect(s.changed).toEqual([{ before: 'The fund totals 5 billion yuan.', after: 'The fund totals 8 billion yuan.', words: { removed: ['5'], added: ['8'] } }]);
    expect(s.removed).toEqual(['Firms apply online.']);
    expect(s.added).toEqual(['Applications close in June.']);
    expect(s.reasons).toEqual(['sentence-added', 'sentence-removed', 'sentence-changed', 'number-changed']);
    expect(s.stats).toEqual({ wordsAdded: 1 + 4, wordsRemoved: 1 + 3 });
  });

  it('Chinese words are characters; a changed measure name is material without numbers', () => {
    const s = diffVersions(v('支持企业参与中欧班列建设。'), v('支持企业参与西部陆海新通道建设。'));
    expect(s.material).toBe(true);
    expect(s.reasons).toEqual(['sentence-changed']);
    expect(s.changed[0].words).toEqual({ removed: ['中欧班列'], added: ['西部陆海新通道'] });
  });

  it('dates: a changed date is date-changed, not number-changed', () => {
    const s = diffVersions(v('It takes effect on May 1, 2024.'), v('It takes effect on July 1, 2024.'));
    expect(s.reasons).toEqual(['sentence-changed', 'date-changed']);
    expect(s.changed[0].words).toEqual({ removed: ['May 1, 2024'], added: ['July 1, 2024'] });
  });

  it('fields and attachments', () => {
    const before = v('Same body.', { title: 'Notice', docNumber: '沪府办规〔2024〕5号', attachments: ['https://x.gov.cn/a.pdf', 'https://x.gov.cn/b.pdf'] });
    const s = diffVersions(before, v('Same body.', { title: 'Notice (revised)', published: '2024-04-09', docNumber: '沪府办规[2024]6号', attachments: ['https://x.gov.cn/a.pdf', 'https://x.gov.cn/c.pdf'] }));
    expect(s.reasons).toEqual(['title-changed', 'published-changed', 'doc-number-changed', 'attachment-replaced']);
    expect(s.fields).toEqual([
      { field: 'title', before: 'Notice', after: 'Notice (revised)' },
      { field: 'published', before: '2024-04-08', after: '2024-04-09' },
      { field: 'docNumber', before: '沪府办规〔2024〕5号', after: '沪府办规[2024]6号' },
    ]);
    expect(s.attachments).toEqual({ added: ['https://x.gov.cn/c.pdf'], removed: ['https://x.gov.cn/b.pdf'] });
    // The same document number in other brackets is not a change.
    expect(diffVersions(before, { ...before, docNumber: '沪府办规[2024]5号' }).material).toBe(false);
    expect(diffVersions(before, { ...before, attachments: [...before.attachments, 'https://x.gov.cn/d.pdf'] }).reasons).toEqual(['attachment-added']);
    expect(diffVersions(before, { ...before, attachments: ['https://x.gov.cn/a.pdf'] }).reasons).toEqual(['attachment-removed']);
    expect(diffVersions(before, { ...before, attachments: [...before.attachments].reverse() }).material).toBe(false);
  });

  it('bounded cost: a rewritten long document and a huge sentence stay fast', () => {
    const vocab = 'trade port rail fund loan customs zone pilot green digital silk road belt city plan measure support export finance bank'.split(' ');
    let seed = 7;
    const word = () => vocab[(seed = (seed * 16807) % 2147483647) % vocab.length];
    const sentence = () => `${word().toUpperCase()} ${Array.from({ length: 19 }, word).join(' ')}.`;
    const long = () => Array.from({ length: 1500 }, sentence).join(' ');
    const t0 = performance.now();
    const rewritten = diffVersions(v(long()), v(long()));
    const huge = diffVersions(v(Array.from({ length: 20_000 }, word).join(' ')), v(Array.from({ length: 20_000 }, word).join(' ')));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(rewritten.material).toBe(true);
    expect(rewritten.added.length + rewritten.changed.length).toBe(1500);
    expect(huge.changed).toHaveLength(1);
  });

  it('versionText and assessNewVersion read stored rows; a new extractor re-baselines', () => {
    const row = { title: 'T', body: 'The fund totals 5 billion yuan.', published: new Date('2024-04-08T00:00:00Z'), docNumber: null, attachments: ['https://x/a.pdf', 3], extractorVersion: 2 };
    expect(versionText(row)).toEqual({ title: 'T', body: 'The fund totals 5 billion yuan.', published: '2024-04-08', docNumber: null, attachments: ['https://x/a.pdf'] });
    expect(assessNewVersion(row, { ...row, body: 'The fund totals 5 billion yuan. ' }).kind).toBe('cosmetic');
    const amended = assessNewVersion(row, { ...row, body: 'The fund totals 8 billion yuan.' });
    expect(amended.kind).toBe('amended');
    expect(assessNewVersion(row, { ...row, body: 'Rewritten.', extractorVersion: 3 })).toEqual({ kind: 'rebaselined', extractorVersion: { before: 2, after: 3 } });
  });
});

describe('renderChangeSummary', () => {
  it('prints fields, added, removed, changed (with words) and attachments', () => {
    const s = diffVersions(
      v('The fund totals 5 billion yuan. Firms apply online.', { attachments: ['https://x/a.pdf'] }),
      v('The fund totals 8 billion yuan. Applications close in June.', { published: '2024-04-09', attachments: ['https://x/b.pdf'] }),
    );
    expect(renderChangeSummary(s)).toBe(
      [
        'Published: 2024-04-08 → 2024-04-09',
        'Added: Applications close in June.',
        'Removed: Firms apply online.',
        'Changed: The fund totals 5 billion yuan. → The fund totals 8 billion yuan.',
        '  words: -"5" +"8"',
        'Attachments: added https://x/b.pdf; removed https://x/a.pdf',
      ].join('\n'),
    );
  });

  it('limits items per kind and says when nothing material changed', () => {
    const s = diffVersions(v('Intro.'), v('Intro.\n\nOne more.\n\nTwo more things.\n\nThree more rules.'));
    expect(renderChangeSummary(s, { maxItems: 2 })).toBe('Added: One more.\nAdded: Two more things.\nAdded: … and 1 more');
    expect(renderChangeSummary(diffVersions(v('Same.'), v('Same!')))).toBe('No material change (cosmetic differences only).');
  });
});

// ---------------------------------------------------------------------------------------------

const H = 3_600_000;
const D = 24 * H;

describe('re-check schedule', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('default: < 7 days hourly, < 30 days every 6 h, < 1 year daily, older weekly', () => {
    expect(formatRecheckPolicy(DEFAULT_RECHECK_POLICY)).toBe('7d:1h,30d:6h,365d:1d,*:7d');
    expect(recheckIntervalMs(ago(2 * D), ago(2 * D), now)).toBe(H);
    expect(recheckIntervalMs(ago(10 * D), ago(1 * D), now)).toBe(6 * H);
    expect(recheckIntervalMs(ago(200 * D), ago(1 * D), now)).toBe(D);
    expect(recheckIntervalMs(ago(3 * 365 * D), ago(1 * D), now)).toBe(7 * D);
    // No publish date: the age counts from first seen; a date in the future is age 0.
    expect(recheckIntervalMs(null, ago(40 * D), now)).toBe(D);
    expect(recheckIntervalMs(new Date(now.getTime() + 5 * D), ago(400 * D), now)).toBe(H);
  });

  it('isDue: never checked, or checked longer ago than the interval', () => {
    const doc = { published: ago(10 * D), firstSeenAt: ago(10 * D) };
    expect(isDue({ ...doc, lastCheckedAt: null }, now)).toBe(true);
    expect(isDue({ ...doc, lastCheckedAt: ago(5 * H) }, now)).toBe(false);
    expect(isDue({ ...doc, lastCheckedAt: ago(6 * H) }, now)).toBe(true);
    const old = { published: ago(800 * D), firstSeenAt: ago(2 * D), lastCheckedAt: ago(2 * D) };
    expect(isDue(old, now)).toBe(false);
    expect(isDue(old, now, parseRecheckPolicy('*:1d'))).toBe(true);
  });

  it('parses the compact form with every unit', () => {
    expect(parseRecheckPolicy(DEFAULT_RECHECK_SPEC)).toEqual(DEFAULT_RECHECK_POLICY);
    expect(parseRecheckPolicy(' 2d : 30m , 2w:12h,*:1.5d ')).toEqual({
      tiers: [
        { maxAgeMs: 2 * D, intervalMs: 30 * 60_000 },
        { maxAgeMs: 14 * D, intervalMs: 12 * H },
        { maxAgeMs: Infinity, intervalMs: 36 * H },
      ],
    });
    expect(parseRecheckPolicy('*:90s').tiers).toEqual([{ maxAgeMs: Infinity, intervalMs: 90_000 }]);
  });

  it('rejects bad schedules with clear messages', () => {
    const bad = (spec: string, message: RegExp) => {
      expect(() => parseRecheckPolicy(spec)).toThrow(RecheckPolicyError);
      expect(() => parseRecheckPolicy(spec)).toThrow(message);
    };
    bad('', /expected comma-separated tiers AGE:INTERVAL/);
    bad('7d:1h,,*:7d', /expected comma-separated tiers/);
    bad('7d-1h,*:7d', /"7d-1h" is not AGE:INTERVAL/);
    bad('7x:1h,*:7d', /the age "7x" in "7x:1h" is not a duration/);
    bad('7d:soon,*:7d', /the interval "soon" in "7d:soon" is not a duration/);
    bad('7d:0h,*:7d', /the interval in "7d:0h" must be greater than zero/);
    bad('30d:6h,7d:1h,*:7d', /ages must grow.*"7d:1h" is not older than "30d:6h"/);
    bad('*:7d,7d:1h', /"\*" \(any age\) must be the last tier/);
    bad('7d:1h,30d:6h', /the last tier must be "\*:INTERVAL"/);
  });
});
