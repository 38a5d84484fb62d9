import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  defaultArticles,
  demoSourcesYaml,
  seedArticles,
  startFixtureSite,
  type FixtureArticle,
  type FixtureSite,
} from '../fixtures/site-server.js';
import { encodeGbk } from '../fixtures/site/gbk.js';

const DOCS = new URL('../seeds/documents/', import.meta.url);

interface IndexDoc {
  file: string;
  title: string;
  layout: FixtureArticle['layout'];
  fixturePath: string;
  body: { startLine: number; endLine: number };
}
const index = JSON.parse(readFileSync(new URL('index.json', DOCS), 'utf8')) as { documents: IndexDoc[] };

/** First and last non-blank line of the body range, read straight from the capture. */
function bodyEnds(doc: IndexDoc): { first: string; last: string } {
  const lines = readFileSync(new URL(doc.file, DOCS), 'utf8')
    .split('\n')
    .slice(doc.body.startLine - 1, doc.body.endLine)
    .map((l) => l.trim())
    .filter(Boolean);
  return { first: lines[0], last: lines[lines.length - 1] };
}

/** Selector of the article body container in each layout. */
const BODY_SELECTOR: Record<FixtureArticle['layout'], string> = {
  chinadaily: '#Content p',
  shanghai: '.TRS_Editor p',
  zhejiang: '.TRS_Editor p',
  ce: '#articleText p',
  'shanghai-zh': '#ivs_content p',
};

async function get(site: FixtureSite, path: string, init?: RequestInit) {
  const res = await fetch(site.url + path, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString('utf8') };
}

/** Follow the listing's a.next links and collect every linked URL, resolved against its page. */
async function crawlListing(site: FixtureSite): Promise<{ links: string[]; pages: string[] }> {
  const links: string[] = [];
  const pages: string[] = [];
  let next: string | undefined = `${site.url}/news/index.html`;
  while (next && pages.length < 20) {
    pages.push(next);
    const html = await (await fetch(next)).text();
    const $ = cheerio.load(html);
    const pageUrl: string = next;
    $('ul.list a').each((_, el) => {
      links.push(new URL($(el).attr('href')!, pageUrl).href);
    });
    const href = $('a.next').attr('href');
    next = href ? new URL(href, pageUrl).href : undefined;
  }
  return { links, pages };
}

describe('fixture site', () => {
  let site: FixtureSite;

  beforeAll(async () => {
    site = await startFixtureSite({ pageSize: 3 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('listens on a random 127.0.0.1 port', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(site.url).port)).toBeGreaterThan(0);
  });

  it('serves seeds plus extras by default; seedArticles() is the five captures', () => {
    expect(seedArticles().map((a) => a.path)).toEqual(index.documents.map((d) => d.fixturePath));
    expect(site.articles.map((a) => a.path)).toEqual(defaultArticles().map((a) => a.path));
    expect(site.articles.some((a) => a.layout === 'shanghai-zh' && a.charset === 'gbk')).toBe(true);
    for (const a of site.articles) expect(a.path).toMatch(/^\/news\/\d{8}\/[a-z0-9-]+\.html$/);
  });

  it('listing links to every article across its pages, newest first', async () => {
    const { links, pages } = await crawlListing(site);
    expect(pages.map((p) => new URL(p).pathname)).toEqual(['/news/index.html', '/news/index_2.html', '/news/index_3.html']);
    const expected = [...site.articles].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.path.localeCompare(b.path)));
    expect(links).toEqual(expected.map((a) => site.url + a.path));
    const first = await get(site, '/news/index.html');
    expect(first.text).toContain(`<span class="date">${expected[0].published}</span>`);
  });

  it('each seed page has its exact title and first/last body paragraph, body free of boilerplate', async () => {
    const seeds = seedArticles();
    for (const doc of index.documents) {
      const { res, text } = await get(site, doc.fixturePath);
      expect(res.status).toBe(200);
      const $ = cheerio.load(text);
      const headings = $('h1, h2').map((_, el) => $(el).text()).get();
      expect(headings).toContain(doc.title);
      const body = $(BODY_SELECTOR[doc.layout]).map((_, el) => $(el).text()).get();
      const { first, last } = bodyEnds(doc);
      expect(body[0]).toBe(first);
      expect(body[body.length - 1]).toBe(last);
      expect(body).toEqual(seeds.find((s) => s.path === doc.fixturePath)!.paragraphs);
      expect(body.join('\n')).not.toMatch(/Share - WeChat|Copyright|ICP|View More|Source text:|^More$/m);
      expect($('script').length).toBeGreaterThan(0); // pages carry scripts an extractor must ignore
    }
  });

  it('prints dates in each source format', async () => {
    const cases: [string, string][] = [
      ['/news/20240408/sh-2024-priorities.html', 'Updated: Apr 8, 2024'],
      ['/news/20200713/zj-2020-facilitates-bri.html', 'Post Time: 2020-07-13'],
      ['/news/20171031/sh-2017-bridgehead.html', 'Oct 31, 2017'],
      ['/news/20231229/sh-2023-silk-road-ecommerce.html', 'Dec 29, 2023'],
      ['/news/20251110/ce-2025-belt-and-road-high-quality.html', '2025-11-10 08:00'],
    ];
    for (const [path, date] of cases) {
      const $ = cheerio.load((await get(site, path)).text);
      expect($('body').text()).toContain(date);
    }
  });

  it('serves the Chinese article as GBK bytes that decode with TextDecoder("gbk")', async () => {
    const zh = site.articles.find((a) => a.layout === 'shanghai-zh')!;
    const { res, bytes } = await get(site, zh.path);
    expect(res.headers.get('content-type')).toBe('text/html; charset=GBK');
    const decoded = new TextDecoder('gbk').decode(bytes);
    expect(decoded).toContain('<meta charset="gbk">');
    expect(decoded).toContain(zh.title);
    expect(decoded).toContain(zh.paragraphs[0]);
    expect(decoded).toContain('2024年04月08日');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.toString('utf8')).not.toContain(zh.title);
  });

  it('GBK encoder round-trips and escapes what GBK cannot hold', () => {
    const s = 'ASCII 一带一路 “丝路电商” （上海） €';
    expect(new TextDecoder('gbk').decode(encodeGbk(s))).toBe(s);
    expect(encodeGbk('a😀').toString('latin1')).toBe('a&#128512;');
  });

  it('serves robots.txt, a 404 page for unknown paths, and 304 for a matching ETag', async () => {
    const robots = await get(site, '/robots.txt');
    expect(robots.res.status).toBe(200);
    expect(robots.text).toMatch(/^#/);
    expect(robots.text).toContain('User-agent: *\nAllow: /');
    for (const p of ['/news/20990101/missing.html', '/news/index_9.html', '/wp-admin/']) {
      const r = await get(site, p);
      expect(r.res.status).toBe(404);
      expect(r.text).toContain('404 Not Found');
    }
    const page = await get(site, '/news/20240408/sh-2024-priorities.html');
    const etag = page.res.headers.get('etag')!;
    const again = await fetch(site.url + '/news/20240408/sh-2024-priorities.html', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('logs every request with method, url and headers', async () => {
    const before = site.requests.length;
    await get(site, '/news/index.html?from=test', { headers: { 'User-Agent': 'silkwatch-test/1.0' } });
    await get(site, '/robots.txt', { method: 'HEAD' });
    const logged = site.requests.slice(before);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ method: 'GET', url: '/news/index.html?from=test' });
    expect(logged[0].headers['user-agent']).toBe('silkwatch-test/1.0');
    expect(logged[1]).toMatchObject({ method: 'HEAD', url: '/robots.txt' });
  });

  it('demoSourcesYaml points at the site and its article pattern matches article URLs only', () => {
    const doc = parseYaml(demoSourcesYaml(site.url)) as { sources: Record<string, unknown>[] };
    const src = doc.sources[0] as { listing: string[]; articles: string[]; pagination: { next: string } };
    expect(src.listing).toEqual([`${site.url}/news/index.html`]);
    expect(src.pagination.next).toBe('a.next');
    const re = new RegExp(src.articles[0]);
    for (const a of site.articles) expect(re.test(site.url + a.path)).toBe(true);
    expect(re.test(`${site.url}/news/index.html`)).toBe(false);
    expect(re.test(`http://127.0.0.2:1/news/20240408/x.html`)).toBe(false);
  });
});

describe('fixture site mutations', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ articles: seedArticles() });
  });
  afterAll(async () => {
    await site?.close();
  });

  const added: FixtureArticle = {
    path: '/news/20991231/new-bri-item.html',
    layout: 'zhejiang',
    title: 'Fixture: a brand-new Belt and Road item',
    published: '2099-12-31',
    paragraphs: ['First paragraph of the new item.', 'Last paragraph of the new item.'],
  };

  it('addArticle shows up at the top of the listing and is served', async () => {
    site.addArticle(added);
    const { links } = await crawlListing(site);
    expect(links[0]).toBe(site.url + added.path);
    const page = await get(site, added.path);
    expect(page.res.status).toBe(200);
    expect(page.text).toContain('Post Time: 2099-12-31');
    expect(() => site.addArticle({ ...added })).toThrow();
    expect(() => site.addArticle({ ...added, path: '/news/bad path.html' })).toThrow();
  });

  it('updateArticle changes the served page', async () => {
    site.updateArticle(added.path, { title: 'Fixture: an updated title' });
    expect((await get(site, added.path)).text).toContain('Fixture: an updated title');
  });

  it('removeArticle makes the page 404 and drops it from the listing', async () => {
    site.removeArticle(added.path);
    expect((await get(site, added.path)).res.status).toBe(404);
    const { links } = await crawlListing(site);
    expect(links).not.toContain(site.url + added.path);
    expect(links).toHaveLength(5);
  });
});
