// Discovery over the multi-source fixture: listing pagination (template and next link), RSS, Atom,
// sitemaps (index, nested, gzip'd), GBK, canonical URLs, stopping rules — plus the feed and sitemap
// parsers on their own.
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSources, type Source } from '../config/sources.js';
import { canonicalUrl } from '../crawlers/canonical.js';
import { discoverArticles, type Discovery } from '../crawlers/discover.js';
import { decodeXml, parseFeed, parseFeedDate } from '../crawlers/feeds.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { parseSitemap, SitemapTooLargeError } from '../crawlers/sitemaps.js';
import { encodeGbk } from '../fixtures/site/gbk.js';
import { MULTI_SOURCE_IDS, startMultiSite, type MultiSite, type MultiSiteRequest, type MultiSourceId } from '../fixtures/multi-site.js';

const USER_AGENT = 'silkwatch/0.1.0 (+https://silkwatch.example/contact)';
let site: MultiSite;
let sources: Map<string, Source>;

beforeAll(async () => {
  site = await startMultiSite();
  sources = new Map(parseSources(site.sourcesYaml(), 'multi-site.yaml').map((s) => [s.id, s]));
});

afterAll(async () => {
  await site?.close();
});

const nothingKnown = async () => new Set<string>();

/** Runs discovery for one source and returns it with the requests the run made. */
async function discover(
  id: MultiSourceId,
  opts: { known?: (urls: string[]) => Promise<Set<string>>; patch?: (s: Source) => Source } = {},
): Promise<{ d: Discovery; requests: MultiSiteRequest[] }> {
  const base = sources.get(id)!;
  const source = opts.patch ? opts.patch(structuredClone(base)) : base;
  const before = site.requests.length;
  const d = await discoverArticles(source, {
    userAgent: USER_AGENT,
    guard: new HostGuard(['127.0.0.1']),
    log: pino({ level: 'silent' }),
    known: opts.known ?? nothingKnown,
  });
  return { d, requests: site.requests.slice(before) };
}

const sorted = (urls: Iterable<string>) => [...urls].sort();
const paths = (requests: MultiSiteRequest[]) => requests.map((r) => r.url);

describe('the multi-source fixture', () => {
  it('serves six sources, each with robots.txt, and a sources file that validates', async () => {
    expect(sources.size).toBe(6);
    for (const id of MULTI_SOURCE_IDS) {
      const s = sources.get(id)!;
      expect(s.firstCrawl).toBe('alert');
      expect(s.politeness).toEqual({ perHostConcurrency: 2, delayMs: 0 });
      const res = await fetch(`${site.sources[id].url}/robots.txt`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('User-agent: *');
    }
    // Between them: both kinds of pagination, RSS, Atom and sitemaps.
    expect(sources.get('shanghai-en')!.pagination).toHaveProperty('template');
    expect(sources.get('chinadaily-govt')!.pagination).toHaveProperty('next');
    expect(sources.get('zhejiang-en')!.feeds).toHaveLength(1);
    expect(sources.get('ce-en')!.feeds).toHaveLength(1);
    expect(sources.get('yidaiyilu-en')!.sitemaps).toHaveLength(1);
    expect(sources.get('shanghai-zh')!.lang).toBe('zh');
  });

  it('has a robots.txt that disallows a path holding a linked article', async () => {
    const sh = site.sources['shanghai-en'];
    expect(sh.robotsTxt).toMatch(/^Disallow: \/en-Internal\/$/m);
    const [url] = sh.disallowedUrls();
    expect(new URL(url).pathname.startsWith('/en-Internal/')).toBe(true);
    expect(sh.listingPages()[0].articleUrls).toContain(url);
    expect((await fetch(url)).status).toBe(200); // the site serves it; only robots says no
  });

  it('answers If-None-Match and If-Modified-Since with 304 and an empty body, on articles and listings', async () => {
    const article = site.sources['ce-en'].articles[0].url;
    const listing = site.sources['ce-en'].listingUrls[0];
    for (const url of [article, listing]) {
      const first = await fetch(url);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
      await first.arrayBuffer();
      const before = site.requests.length;
      const again = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(site.requests[before]).toMatchObject({ status: 304, bytes: 0 });
    }
    const first = await fetch(article);
    const lastModified = first.headers.get('last-modified')!;
    await first.arrayBuffer();
    expect((await fetch(article, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
  });

  it('publishes a syndicated copy: the same text on two sources under different URLs and layouts', async () => {
    const [{ original, copy, title }] = site.syndicated;
    expect(new URL(original).origin).toBe(site.sources['shanghai-en'].url);
    expect(new URL(copy).origin).toBe(site.sources['chinadaily-govt'].url);
    const [a, b] = await Promise.all([original, copy].map(async (u) => (await fetch(u)).text()));
    expect(a).toContain('class="TRS_Editor"');
    expect(b).toContain('id="Content"');
    for (const html of [a, b]) expect(html).toContain(title);
    const paragraph = site.sources['shanghai-en'].articles.find((x) => x.url === original)!.paragraphs[3];
    expect(a).toContain(paragraph.slice(0, 60));
    expect(b).toContain(paragraph.slice(0, 60));
  });
});

describe('discovery', () => {
  it.each(MULTI_SOURCE_IDS)('%s: finds every article exactly once, canonical, and no navigation page', async (id) => {
    const { d, requests } = await discover(id);
    const fixture = site.sources[id];
    expect(d.failures).toEqual([]);
    expect(new Set(d.articleUrls).size).toBe(d.articleUrls.length);
    expect(sorted(d.articleUrls)).toEqual(sorted(fixture.discoverableUrls()));
    for (const url of d.articleUrls) expect(canonicalUrl(url)).toBe(url);
    for (const nav of fixture.navigationUrls) expect(d.articleUrls).not.toContain(nav);
    for (const gone of fixture.unreachableUrls()) expect(d.articleUrls).not.toContain(gone);
    // Discovery reads listings, feeds and sitemaps only: an article's own page (and so its
    // <link rel=canonical>) is the fetch stage's business.
    expect(requests.filter((r) => r.kind === 'article' || r.kind === 'navigation')).toEqual([]);
    expect(requests.every((r) => r.headers['user-agent'] === USER_AGENT)).toBe(true);
    // Bytes: what the site sent with a 200.
    expect(d.bytes).toBe(requests.filter((r) => r.status === 200).reduce((n, r) => n + r.bytes, 0));
  });

  it('follows template pagination (index_{n}.html) of the listing it belongs to, up to maxPages', async () => {
    const { d, requests } = await discover('shanghai-en');
    expect(sorted(paths(requests))).toEqual(
      sorted(['/en-Latest-WhatsNew/index.html', '/en-Latest-WhatsNew/index_2.html', '/en-Latest-WhatsNew/index_3.html', '/en-InternationalTrade/index.html']),
    );
    expect(d.listingPages).toBe(4);
    expect(d.pages).toEqual({ listing: 4, feed: 0, sitemap: 0 });
    // The disallowed article is discovered (it is linked); robots.txt is enforced by the politeness gate before any fetch.
    expect(d.articleUrls).toEqual(expect.arrayContaining(site.sources['shanghai-en'].disallowedUrls()));
  });

  it('canonicalises listing links: relative, upper-case scheme, tracking parameters, fragments, protocol-relative', async () => {
    const html = await (await fetch(site.sources['shanghai-en'].listingUrls[0])).text();
    expect(html).toMatch(/href="\.\/\d{8}\/[0-9a-f]+\.html\?utm_source=newsletter&amp;utm_medium=email#main"/);
    expect(html).toMatch(/href="HTTP:\/\/127\.0\.0\.1:\d+\/en-Latest-WhatsNew\//);
    const cd = await (await fetch(site.sources['chinadaily-govt'].listingUrls[0])).text();
    expect(cd).toMatch(/href="\/\/127\.0\.0\.1:\d+\/s\/\d{6}\/\d{2}\/WS[0-9a-f]+\/[a-z0-9-]+\.html\?from=timeline"/);
    const { d } = await discover('chinadaily-govt');
    expect(d.articleUrls.every((u) => !u.includes('?') && !u.includes('#'))).toBe(true);
    expect(sorted(d.articleUrls)).toEqual(sorted(site.sources['chinadaily-govt'].articles.map((a) => a.url)));
  });

  it('follows "next" link pagination until the last page has no next link', async () => {
    const { d, requests } = await discover('chinadaily-govt');
    expect(paths(requests)).toEqual(['/s/newsandpolicies/page_1.html', '/s/newsandpolicies/page_2.html', '/s/newsandpolicies/page_3.html']);
    expect(d.listingPages).toBe(3);
  });

  it('stops at maxPages (template and next link)', async () => {
    const maxTwo = (s: Source): Source => ({ ...s, pagination: { ...s.pagination!, maxPages: 2 } });
    const sh = await discover('shanghai-en', { patch: maxTwo });
    expect(paths(sh.requests)).not.toContain('/en-Latest-WhatsNew/index_3.html');
    const pages = site.sources['shanghai-en'].listingPages();
    expect(sorted(sh.d.articleUrls)).toEqual(sorted(pages.filter((p) => p.page <= 2).flatMap((p) => p.articleUrls)));
    const cd = await discover('chinadaily-govt', { patch: maxTwo });
    expect(paths(cd.requests)).toEqual(['/s/newsandpolicies/page_1.html', '/s/newsandpolicies/page_2.html']);
    expect(sorted(cd.d.articleUrls)).toEqual(sorted(site.sources['chinadaily-govt'].listingPages().filter((p) => p.page <= 2).flatMap((p) => p.articleUrls)));
  });

  it('stops paginating at a page that brings no unknown article', async () => {
    for (const id of ['shanghai-en', 'chinadaily-govt', 'shanghai-zh'] as const) {
      const [first, second] = site.sources[id].listingPages();
      const knownFirst = new Set(first.articleUrls);
      const asked: string[][] = [];
      const { d, requests } = await discover(id, {
        known: async (urls) => {
          asked.push(urls);
          return new Set(urls.filter((u) => knownFirst.has(u)));
        },
      });
      expect(paths(requests)).not.toContain(new URL(second.url).pathname);
      expect(d.articleUrls).toEqual(expect.arrayContaining(first.articleUrls));
      for (const u of second.articleUrls) if (!first.articleUrls.includes(u) && !site.sources[id].articles.find((a) => a.url === u)?.feed) expect(d.articleUrls).not.toContain(u);
      expect(asked.flat().every((u) => canonicalUrl(u) === u)).toBe(true);
    }
    // Page 1 new, page 2 all known: page 2 is read, page 3 is not.
    const pages = site.sources['shanghai-en'].listingPages().filter((p) => p.column === 'en-Latest-WhatsNew');
    const knownSecond = new Set(pages[1].articleUrls);
    const { requests } = await discover('shanghai-en', { known: async (urls) => new Set(urls.filter((u) => knownSecond.has(u))) });
    expect(paths(requests)).toContain('/en-Latest-WhatsNew/index_2.html');
    expect(paths(requests)).not.toContain('/en-Latest-WhatsNew/index_3.html');
  });

  it('ends template pagination quietly at a page past the last one (404)', async () => {
    const { d, requests } = await discover('shanghai-zh');
    expect(requests.find((r) => r.url === '/nw4411/index_3.html')?.status).toBe(404);
    expect(d.failures).toEqual([]);
    expect(d.listingPages).toBe(2);
  });

  it('reads an RSS 2.0 feed: items beyond the listing, guid-only items, tracking parameters dropped, navigation items ignored', async () => {
    const { d } = await discover('zhejiang-en');
    const zj = site.sources['zhejiang-en'];
    const listed = new Set(zj.listingPages()[0].articleUrls);
    expect(listed.size).toBe(3);
    expect(d.found).toEqual({ listing: 3, feed: 6, sitemap: 0 });
    expect(d.articleUrls.filter((u) => !listed.has(u))).toHaveLength(3);
    expect(sorted(d.feedItems.map((i) => i.url))).toEqual(sorted(zj.articles.map((a) => a.url)));
    const byUrl = new Map(d.feedItems.map((i) => [i.url, i]));
    for (const a of zj.articles) expect(byUrl.get(a.url)!.title).toBe(a.title);
    expect(byUrl.get(zj.articles[0].url)!.published).toBe('2024-04-12T08:20:00.000Z'); // 16:20 +0800
    expect(d.feedItems.filter((i) => i.published === null)).toHaveLength(1); // one item has no pubDate
    expect(d.articleUrls.some((u) => u.includes('topics'))).toBe(false);
  });

  it('reads an Atom 1.0 feed: alternate links (relative or without rel), not self or enclosure links; HTML titles as text', async () => {
    const { d } = await discover('ce-en');
    const ce = site.sources['ce-en'];
    expect(d.found).toEqual({ listing: 3, feed: 5, sitemap: 0 });
    expect(sorted(d.feedItems.map((i) => i.url))).toEqual(sorted(ce.articles.map((a) => a.url)));
    for (const item of d.feedItems) {
      expect(item.title).toBe(ce.articles.find((a) => a.url === item.url)!.title);
      expect(item.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    }
    expect(d.articleUrls.some((u) => /\.(jpg|atom)$/.test(u))).toBe(false);
  });

  it('reads a GBK site: GBK listing pages declared only by <meta>, and a GBK feed declared only by its XML declaration', async () => {
    const feed = await fetch(site.sources['shanghai-zh'].feedUrls[0]);
    expect(feed.headers.get('content-type')).toBe('application/rss+xml');
    expect(Buffer.from(await feed.arrayBuffer()).subarray(0, 60).toString('latin1')).toContain('encoding="GBK"');
    const { d } = await discover('shanghai-zh');
    const zh = site.sources['shanghai-zh'];
    expect(d.found.listing).toBe(6);
    const titles = new Map(d.feedItems.map((i) => [i.url, i.title]));
    const jd = zh.articles.find((a) => a.column === undefined)!;
    expect(titles.get(jd.url)).toBe(jd.title); // only in the feed
    expect(titles.get(zh.articles[0].url)).toBe(`${zh.articles[0].title} & 图`);
    expect(d.feedItems.find((i) => i.url === jd.url)!.published).toBe('2024-02-26T02:00:00.000Z'); // zone-less = Asia/Shanghai
  });

  it('reads sitemaps: an index, a nested index (depth ≤ 2), a .xml.gz, lastmod kept, navigation URLs dropped', async () => {
    const { d, requests } = await discover('yidaiyilu-en');
    const y = site.sources['yidaiyilu-en'];
    expect(sorted(paths(requests))).toEqual(
      sorted(['/', '/sitemap.xml', '/sitemaps/news.xml', '/sitemaps/pages.xml', '/sitemaps/archive.xml.gz', '/sitemaps/2023/index.xml', '/sitemaps/2023/part-1.xml', '/sitemaps/2023/deeper/index.xml']),
    );
    expect(d.pages.sitemap).toBe(7);
    const reachable = y.articles.filter((a) => !a.unreachable);
    expect(sorted(d.sitemapUrls.map((e) => e.url))).toEqual(sorted(reachable.map((a) => a.url)));
    for (const a of y.articles.filter((x) => x.sitemap === 'archive')) {
      const entry = d.sitemapUrls.find((e) => e.url === a.url)!;
      expect(entry.lastmod).toBe(new Date(`${a.published}T00:00:00+08:00`).toISOString());
    }
    expect(d.sitemapUrls.find((e) => e.url === y.articles[0].url)!.lastmod).toBe(new Date(`${y.articles[0].published}T10:15:00+08:00`).toISOString());
    expect(d.articleUrls).not.toContain(y.unreachableUrls()[0]);
  });

  it('caps the article URLs taken from sitemaps, newest lastmod first', async () => {
    const source = sources.get('yidaiyilu-en')!;
    const d = await discoverArticles({ ...source, listing: [`${site.sources['yidaiyilu-en'].url}/about.html`] }, {
      userAgent: USER_AGENT,
      guard: new HostGuard(['127.0.0.1']),
      log: pino({ level: 'silent' }),
      known: nothingKnown,
      maxSitemapUrls: 2,
    });
    expect(d.sitemapUrls).toHaveLength(2);
    expect(d.articleUrls).toHaveLength(2);
  });

  it('records a missing feed as a failure and still returns what the listing brought', async () => {
    const { d } = await discover('ce-en', { patch: (s) => ({ ...s, feeds: [...s.feeds, `${site.sources['ce-en'].url}/rss/missing.xml`] }) });
    expect(d.failures).toEqual([{ url: `${site.sources['ce-en'].url}/rss/missing.xml`, reason: 'HTTP 404' }]);
    expect(d.articleUrls).toHaveLength(5);
  });

  it('on an unchanged site, a second discovery downloads listing pages, feeds and sitemaps only — never an article', async () => {
    for (const id of MULTI_SOURCE_IDS) {
      const first = await discover(id);
      const known = new Set(first.d.articleUrls);
      const { d, requests } = await discover(id, { known: async (urls) => new Set(urls.filter((u) => known.has(u))) });
      expect(requests.every((r) => ['listing', 'feed', 'sitemap'].includes(r.kind))).toBe(true);
      // With everything known, pagination stops after the first page of each listing.
      expect(requests.filter((r) => r.kind === 'listing')).toHaveLength(site.sources[id].listingUrls.length);
      expect(d.bytes).toBeGreaterThan(0);
    }
  });
});

describe('parseFeed', () => {
  it('reads RSS 1.0 (RDF) with dc:date', () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>Example</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/a/1.html"><title>One &amp; only</title><link>https://example.org/a/1.html</link><dc:date>2024-04-08T09:30:00+08:00</dc:date></item>
  <item rdf:about="https://example.org/a/2.html"><title>Two</title></item>
</rdf:RDF>`;
    const feed = parseFeed(xml);
    expect(feed.kind).toBe('rdf');
    expect(feed.title).toBe('Example');
    expect(feed.items).toEqual([
      { url: 'https://example.org/a/1.html', title: 'One & only', published: '2024-04-08T01:30:00.000Z' },
      { url: 'https://example.org/a/2.html', title: 'Two', published: null },
    ]);
  });

  it('tolerates HTML entities, escaped markup, CDATA, relative links, missing titles and items without any link', () => {
    const xml = `<rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
  <item><title>&lt;b&gt;Bold&lt;/b&gt; news</title><link>/news/1.html</link></item>
  <item><title><![CDATA[Caf&eacute; &nbsp;talk]]></title><link>https://example.org/news/2.html</link></item>
  <item><link> https://example.org/news/3.html </link><pubDate>Mon, 08 Apr 2024 09:30:00 GMT</pubDate></item>
  <item><title>No link</title><guid isPermaLink="false">abc-123</guid></item>
  <item><title>Permalink guid</title><guid>https://example.org/news/5.html</guid><pubDate>Tue, 9 Apr 2024 10:00 CST</pubDate></item>
</channel></rss>`;
    const feed = parseFeed(Buffer.from(xml), { baseUrl: 'https://example.org/rss.xml' });
    expect(feed.items).toEqual([
      { url: 'https://example.org/news/1.html', title: 'Bold news', published: null },
      { url: 'https://example.org/news/2.html', title: 'Café talk', published: null },
      { url: 'https://example.org/news/3.html', title: null, published: '2024-04-08T09:30:00.000Z' },
      { url: 'https://example.org/news/5.html', title: 'Permalink guid', published: '2024-04-09T02:00:00.000Z' },
    ]);
  });

  it('decodes GBK-declared XML whatever the header says, the header charset winning when it has one', () => {
    const xml = '<?xml version="1.0" encoding="gb2312"?><rss><channel><item><title>一带一路</title><link>https://example.org/1.html</link></item></channel></rss>';
    const bytes = encodeGbk(xml);
    expect(parseFeed(bytes, { contentType: 'text/xml' }).items[0].title).toBe('一带一路');
    expect(parseFeed(bytes, { contentType: null }).items[0].title).toBe('一带一路');
    expect(decodeXml(Buffer.from(xml.replace('gb2312', 'utf-8')), 'application/xml; charset=utf-8')).toContain('一带一路');
    expect(decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss/>')]))).toBe('<rss/>');
  });

  it('parses feed dates into instants, reading zone-less dates in the source zone', () => {
    expect(parseFeedDate('Mon, 08 Apr 2024 09:30:00 +0800')).toBe('2024-04-08T01:30:00.000Z');
    expect(parseFeedDate('2024-04-08 09:30:00')).toBe('2024-04-08T01:30:00.000Z');
    expect(parseFeedDate('2024-04-08')).toBe('2024-04-07T16:00:00.000Z');
    expect(parseFeedDate('2024-04-08', 'Europe/Berlin')).toBe('2024-04-07T22:00:00.000Z');
    expect(parseFeedDate('2024-04-08T09:30:00Z')).toBe('2024-04-08T09:30:00.000Z');
    expect(parseFeedDate('2024年4月8日 09:30')).toBe('2024-04-08T01:30:00.000Z');
    expect(parseFeedDate('Tue, 09 Apr 2024 10:00:00 CST', 'America/Chicago')).toBe('2024-04-09T16:00:00.000Z');
    expect(parseFeedDate('2024-02-30')).toBeNull();
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('')).toBeNull();
  });
});

describe('parseSitemap', () => {
  const urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://example.org/p/1.html</loc><lastmod>2024-04-08</lastmod><news:news><news:title>One</news:title><news:publication_date>2024-04-08T09:00:00+08:00</news:publication_date></news:news></url><url><loc>/p/2.html</loc></url></urlset>';

  it('reads urlsets (with Google News fields), indexes and plain-text sitemaps', () => {
    const parsed = parseSitemap(Buffer.from(urlset), { baseUrl: 'https://example.org/sitemap.xml' });
    expect(parsed.kind).toBe('urlset');
    expect(parsed.urls).toEqual([
      { url: 'https://example.org/p/1.html', lastmod: '2024-04-07T16:00:00.000Z', title: 'One', published: '2024-04-08T01:00:00.000Z' },
      { url: 'https://example.org/p/2.html', lastmod: null },
    ]);
    const index = parseSitemap(Buffer.from('<sitemapindex><sitemap><loc>https://example.org/s1.xml</loc><lastmod>2024-04-01T00:00:00Z</lastmod></sitemap></sitemapindex>'));
    expect(index).toEqual({ kind: 'index', urls: [], sitemaps: [{ url: 'https://example.org/s1.xml', lastmod: '2024-04-01T00:00:00.000Z' }], truncated: false });
    const text = parseSitemap(Buffer.from('https://example.org/a.html\n\nnot a url\r\nhttps://example.org/b.html\n'));
    expect(text.kind).toBe('text');
    expect(text.urls.map((u) => u.url)).toEqual(['https://example.org/a.html', 'https://example.org/b.html']);
  });

  it('inflates gzip by its magic bytes, caps the inflated size, and caps the entries read', () => {
    expect(parseSitemap(gzipSync(Buffer.from(urlset)), { contentType: 'application/x-gzip', baseUrl: 'https://example.org/s.xml.gz' }).urls).toHaveLength(2);
    // Without a base, a relative <loc> cannot be placed and is dropped.
    expect(parseSitemap(Buffer.from(urlset)).urls.map((u) => u.url)).toEqual(['https://example.org/p/1.html']);
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => parseSitemap(bomb, { maxBytes: 1024 * 1024 })).toThrow(SitemapTooLargeError);
    const many = `<urlset>${Array.from({ length: 10 }, (_, i) => `<url><loc>https://example.org/${i}</loc></url>`).join('')}</urlset>`;
    const capped = parseSitemap(Buffer.from(many), { maxEntries: 4 });
    expect(capped.urls).toHaveLength(4);
    expect(capped.truncated).toBe(true);
  });
});
