// Extraction of the saved fixture pages (fixtures/pages/<source>/<name>.html) against their
// hand-written expectations (<name>.expected.json): the raw bytes go through decodeHtml with no
// charset override (only the Content-Type header a page is served with, from index.json), then
// extractArticle. Title, published, lang, issuer and docNumber must be exact; the text must reach
// token F1 ≥ 0.95 (CJK characters one by one, lower-cased words otherwise).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeHtmlDetailed } from '../crawlers/decode.js';
import * as cheerio from 'cheerio';
import { articleSpans, EXTRACTOR_VERSION, extractArticle } from '../crawlers/extract.js';
import { collapse } from '../crawlers/extract/text.js';
import { encodeGbk } from '../fixtures/site/gbk.js';
import { runCli } from './support/cli.js';
import { describeF1, tokenF1, tokens } from './support/f1.js';

const DIR = new URL('../fixtures/pages/', import.meta.url);

interface IndexEntry {
  file: string;
  source: string;
  host: string;
  lang: 'en' | 'zh';
  bytes: 'utf-8' | 'gbk' | 'big5';
  declared: string | null;
  contentType?: string;
  origin: string;
  quirks: string[];
  expect: { source: string | null; canonicalUrl: string | null; attachments: string[] };
}

interface Expected {
  url: string;
  title: string | null;
  published: string | null;
  lang: 'en' | 'zh';
  issuer: string | null;
  docNumber: string | null;
  text: string;
}

const index = (JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as { pages: IndexEntry[] }).pages;
const expectedOf = (e: IndexEntry) => JSON.parse(readFileSync(new URL(e.file.replace(/\.html$/, '.expected.json'), DIR), 'utf8')) as Expected;
const bytesOf = (e: IndexEntry) => readFileSync(new URL(e.file, DIR));

describe('the fixture set', () => {
  it('covers at least six sources with two or more pages, three Chinese pages, GBK, Big5 and a mislabelled page', () => {
    const perSource = new Map<string, number>();
    for (const e of index) perSource.set(e.source, (perSource.get(e.source) ?? 0) + 1);
    expect([...perSource.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(6);
    expect(index.filter((e) => e.lang === 'zh').length).toBeGreaterThanOrEqual(3);
    expect(index.some((e) => e.bytes === 'gbk')).toBe(true);
    expect(index.some((e) => e.bytes === 'big5')).toBe(true);
    const family = (c: string | null) => (c === null ? null : /^(gb|gbk|gb2312|gb18030)$/i.test(c) ? 'gbk' : c.toLowerCase());
    expect(index.some((e) => e.declared !== null && family(e.declared) !== family(e.bytes))).toBe(true);
  });

  it('keeps the expected files to the agreed keys', () => {
    for (const e of index) {
      expect(Object.keys(expectedOf(e)).sort(), e.file).toEqual(['docNumber', 'issuer', 'lang', 'published', 'text', 'title', 'url']);
    }
  });

  it('stores the legacy-encoded pages in their encodings (not as UTF-8)', () => {
    for (const e of index.filter((x) => x.bytes !== 'utf-8')) {
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(e)), e.file).toThrow();
    }
  });
});

describe.each(index.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
  const expected = expectedOf(entry);
  const bytes = bytesOf(entry);
  const decoded = decodeHtmlDetailed(bytes, entry.contentType ?? null);
  const e = extractArticle(decoded.html, expected.url);

  it('decodes the bytes in their real encoding', () => {
    const family = (c: string) => (c === 'gbk' || c === 'gb18030' ? 'gb18030' : c);
    expect(family(decoded.charset)).toBe(family(entry.bytes));
    expect(decoded.html).not.toContain('\ufffd');
    expect(decodeHtml(bytes, entry.contentType ?? null)).toBe(decoded.html);
  });

  it('extracts title, published, lang, issuer and docNumber exactly', () => {
    expect({ title: e.title, published: e.published, lang: e.lang, issuer: e.issuer, docNumber: e.docNumber }).toEqual({
      title: expected.title,
      published: expected.published,
      lang: expected.lang,
      issuer: expected.issuer,
      docNumber: expected.docNumber,
    });
  });

  it('extracts the body text with token F1 ≥ 0.95', () => {
    const r = tokenF1(e.text, expected.text);
    expect(r.f1, describeF1(r)).toBeGreaterThanOrEqual(0.95);
    // Paragraphs are kept: joined by one blank line, none empty.
    expect(e.text.split('\n\n').every((p) => p.trim() && !p.includes('\n'))).toBe(true);
  });

  it('says where each body paragraph stands in the HTML (articleSpans: the classifier reads a page given as text by them)', () => {
    const paragraphs = articleSpans(decoded.html, expected.url);
    // a paragraph's spans are its text nodes: no markup in them, and read (entities) they are the
    // paragraph extracted
    const read = (a: number, b: number) => cheerio.load(decoded.html.slice(a, b)).root().text();
    expect(paragraphs.map((spans) => collapse(spans.map(([a, b]) => read(a, b)).join('')))).toEqual(e.text.split('\n\n'));
    const flat = paragraphs.flat();
    expect(flat.every(([a, b], i) => a < b && !decoded.html.slice(a, b).includes('<') && (i === 0 || flat[i - 1][1] <= a))).toBe(true);
  });

  it('finds the source line, the canonical URL and the attachments', () => {
    expect({ source: e.source, canonicalUrl: e.canonicalUrl, attachments: e.attachments }).toEqual(entry.expect);
  });
});

describe('decodeHtml: labels checked against the bytes', () => {
  const zh = '<html><body><p>上海市人民政府关于推进共建“一带一路”高质量发展的实施意见，各区人民政府要认真贯彻执行。</p></body></html>';
  const gbk = encodeGbk(zh);
  const utf8 = Buffer.from(zh, 'utf8');

  it('decodes GBK whether labelled gbk, gb2312, mislabelled utf-8 or not labelled at all', () => {
    for (const ct of ['text/html; charset=GBK', 'text/html; charset=gb2312', 'text/html; charset=utf-8', 'text/html', null]) {
      expect(decodeHtml(gbk, ct), String(ct)).toBe(zh);
    }
  });

  it('decodes UTF-8 labelled gb2312 as UTF-8, and keeps a UTF-8 page with one broken byte in UTF-8', () => {
    expect(decodeHtmlDetailed(utf8, 'text/html; charset=gb2312')).toMatchObject({ html: zh, charset: 'utf-8', mislabelled: true });
    const broken = Buffer.concat([utf8.subarray(0, 40), Buffer.from([0xff]), utf8.subarray(40)]);
    const d = decodeHtmlDetailed(broken, null);
    expect(d.charset).toBe('utf-8');
    expect(d.html).toContain('一带一路');
  });

  it('lets the header win over the meta tag, the override over both, and a BOM over everything', () => {
    const page = Buffer.concat([Buffer.from('<meta charset="big5">'), gbk]);
    expect(decodeHtmlDetailed(page, 'text/html; charset=gbk')).toMatchObject({ charset: 'gb18030', source: 'header' });
    expect(decodeHtmlDetailed(utf8, 'text/html; charset=utf-8', 'gbk').source).toBe('override');
    expect(decodeHtmlDetailed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/html; charset=gbk')).toMatchObject({ html: zh, source: 'bom' });
  });

  it('falls back to windows-1252 for a Western page without a label', () => {
    const latin = Buffer.from('<p>Caf\xe9 cr\xe8me \xa9 2024</p>', 'latin1');
    expect(decodeHtmlDetailed(latin, null)).toMatchObject({ html: '<p>Café crème © 2024</p>', charset: 'windows-1252' });
  });
});

describe('token F1', () => {
  it('tokenises Chinese by character and English by lower-cased word', () => {
    expect(tokens('Belt and Road，一带一路 China’s 2024')).toEqual(['belt', 'and', 'road', '一', '带', '一', '路', "china's", '2024']);
  });

  it('scores identical texts 1 and disjoint texts 0, ignoring paragraph breaks and punctuation', () => {
    expect(tokenF1('A b.\n\nC', 'a, b c').f1).toBe(1);
    expect(tokenF1('x y', 'z').f1).toBe(0);
    expect(tokenF1('a b c d', 'a b c').f1).toBeCloseTo(6 / 7);
  });
});

describe('silkwatch extract --json on a fixture page', () => {
  it('prints exactly the six keys, with the same values as the library', async () => {
    const entry = index.find((x) => x.declared !== null && x.bytes === 'gbk' && x.declared.toLowerCase() === 'utf-8') ?? index[0];
    const expected = expectedOf(entry);
    const file = fileURLToPath(new URL(entry.file, DIR));
    const r = await runCli(['extract', file, '--url', expected.url, '--json'], { LOG_LEVEL: 'silent' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['docNumber', 'issuer', 'lang', 'published', 'text', 'title']);
    expect({ ...out, text: undefined }).toEqual({ title: expected.title, published: expected.published, lang: expected.lang, issuer: expected.issuer, docNumber: expected.docNumber, text: undefined });
    expect(tokenF1(out.text as string, expected.text).f1).toBeGreaterThanOrEqual(0.95);
  });
});

it('is extractor version 2', () => {
  expect(EXTRACTOR_VERSION).toBe(2);
});
