// Extraction on the fixture pages, which imitate the sources' layouts (navigation, sidebars,
// footers, dates in each source's format, a GBK page).
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../crawlers/canonical.js';
import { parsePublished } from '../crawlers/dates.js';
import { extractArticle } from '../crawlers/extract.js';
import { decodeHtml } from '../crawlers/decode.js';
import { defaultArticles, extraArticles, renderArticle, seedArticles } from '../fixtures/site-server.js';
import { encodeGbk } from '../fixtures/site/gbk.js';

const normalise = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe('extractArticle on the fixture layouts', () => {
  for (const article of defaultArticles()) {
    it(`${article.layout}: ${article.title.slice(0, 50)}`, () => {
      const html = renderArticle(article, defaultArticles());
      const e = extractArticle(html, `https://example.org${article.path}`);
      expect(e.title).toBe(normalise(article.title));
      expect(e.published).toBe(article.published);
      expect(e.lang).toBe(article.layout === 'shanghai-zh' ? 'zh' : 'en');
      const paragraphs = e.text.split('\n\n');
      // The body starts and ends where the article does: no navigation, date line or footer.
      expect(paragraphs[0]).toBe(normalise(article.paragraphs[0]));
      expect(paragraphs.at(-1)).toBe(normalise(article.paragraphs.at(-1)!));
      expect(paragraphs).toHaveLength(article.paragraphs.filter((p) => normalise(p)).length);
      expect(e.text).not.toMatch(/Copyright|ICP|Share - WeChat|Post Time|Updated:/);
    });
  }

  it('decodes a GBK page by its declared charset', () => {
    const zh = extraArticles().find((a) => a.layout === 'shanghai-zh')!;
    const bytes = encodeGbk(renderArticle({ ...zh, charset: 'gbk' }, defaultArticles()));
    const html = decodeHtml(bytes, 'text/html; charset=GBK');
    const e = extractArticle(html, 'https://www.shanghai.gov.cn/x.html');
    expect(e.title).toBe(zh.title);
    expect(e.text).toContain('一带一路');
    // Decoded as UTF-8 it would be mojibake: the charset really matters…
    expect(new TextDecoder('utf-8').decode(bytes)).not.toContain(zh.title);
    // …so a wrong "utf-8" label is caught (the bytes are not valid UTF-8) and the page still decodes.
    expect(decodeHtml(bytes, 'text/html; charset=utf-8')).toContain(zh.title);
  });

  it('returns nulls for absent values and never throws on a bare page', () => {
    const e = extractArticle('<html><body><p>Just words.</p></body></html>', 'https://example.org/a');
    expect(e).toMatchObject({ title: null, published: null, issuer: null, docNumber: null, lang: 'en' });
  });

  it('finds a Chinese document number', () => {
    const e = extractArticle('<h1>通知</h1><div class="TRS_Editor"><p>沪府发〔2024〕5号</p><p>各区人民政府：为推进一带一路建设……现将有关事项通知如下。这是一段足够长的正文内容用于测试。</p></div>', 'https://example.org/a');
    expect(e.docNumber).toBe('沪府发〔2024〕5号');
    expect(e.lang).toBe('zh');
  });
});

describe('publish dates in the sources formats', () => {
  it.each([
    ['Updated: Apr 8, 2024 english.shanghai.gov.cn Print', '2024-04-08'],
    ['Post Time: 2020-07-13', '2020-07-13'],
    ['Oct 31, 2017', '2017-10-31'],
    ['发布时间：2024年04月08日 10:30', '2024-04-08'],
    ['2024/4/8', '2024-04-08'],
    ['published 2024-04-07T20:30:00Z', '2024-04-08'], // 04:30 next day in Shanghai
    ['2024-02-30', null],
    ['no date here', null],
  ])('%s → %s', (text, expected) => {
    expect(parsePublished(text, 'Asia/Shanghai')).toBe(expected);
  });
});

describe('canonical URLs', () => {
  it.each([
    ['HTTPS://English.Shanghai.gov.cn:443/en-News/20240408/abc.html#top', 'https://english.shanghai.gov.cn/en-News/20240408/abc.html'],
    ['http://example.org:80/news/index.html', 'http://example.org/news'],
    ['http://example.org/a/?utm_source=x&b=2&a=1', 'http://example.org/a?a=1&b=2'],
    ['http://example.org/a/b/', 'http://example.org/a/b'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves relative links against the listing page', () => {
    expect(canonicalUrl('20240408/x.html', 'http://127.0.0.1:8080/news/index.html')).toBe('http://127.0.0.1:8080/news/20240408/x.html');
  });
});

it('has the five seed documents as fixture articles', () => {
  expect(seedArticles()).toHaveLength(5);
});
