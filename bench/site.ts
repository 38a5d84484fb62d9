/**
 * Generated site for `npm run bench`: N English government-style article pages, each padded to
 * exactly `pageBytes` (default 45 KB, like real TRS CMS pages: header/nav, promo sidebar, a
 * `.TRS_Editor` body, "Updated: Apr 8, 2024" dateline, related links, a sitemap footer and inline
 * scripts), listing pages of 100 links (/news/index.html, /news/index_2.html, ... with a.next),
 * robots.txt and a 404. Everything is rendered deterministically into Buffers before the server
 * starts, so serving costs no more than writing bytes.
 *
 *   const site = await startBenchSite({ pages: 2000 });
 *   site.articleUrls   // http://127.0.0.1:PORT/news/20240408/bri-00001.html ...
 *   site.articlePattern // regex (string) for the sources file's `articles`
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../test/support/random.js';

export interface BenchSiteOptions {
  /** Article pages (default 2000). */
  pages?: number;
  /** Exact size of every article page in bytes (default 45 KB = 46,080). */
  pageBytes?: number;
  /** Article links per listing page (default 100). */
  perListing?: number;
  /** PRNG seed (default 20240408). */
  seed?: number;
}

export interface BenchSite {
  /** http://127.0.0.1:<port> (no trailing slash) */
  url: string;
  articlePaths: string[];
  articleUrls: string[];
  listingUrls: string[];
  /** Regular expression (source text) matching the canonical article URLs of this site. */
  articlePattern: string;
  pageBytes: number;
  /** Requests served so far, by kind, and body bytes sent (304s send none). */
  served: { article: number; listing: number; other: number; bytes: number };
  close(): Promise<void>;
}

interface Page {
  status: number;
  type: string;
  body: Buffer;
  etag: string;
  kind: 'article' | 'listing' | 'other';
}

// ---------------------------------------------------------------------------------------------
// Deterministic text


const SUBJECTS = [
  'The municipal government', 'The Commission of Commerce', 'The Development and Reform Commission', 'The port authority',
  'The State Council Information Office', 'The Ministry of Commerce', 'Local enterprises', 'The free trade zone administration',
  'The customs district', 'The transport bureau', 'The foreign affairs office', 'Financial regulators',
];
const VERBS = [
  'announced new measures to', 'released guidelines that aim to', 'signed agreements to', 'outlined a three-year plan to',
  'held a press conference on efforts to', 'issued a notice calling on departments to', 'reported steady progress in efforts to',
  'launched a pilot program to',
];
const OBJECTS = [
  'expand cross-border e-commerce with partner countries', 'improve the business environment for foreign investors',
  'upgrade logistics corridors linking inland cities with the coast', 'support small and medium-sized exporters',
  'deepen cooperation on green energy and infrastructure', 'streamline customs clearance for rail freight',
  'promote the digital economy and data services', 'strengthen people-to-people exchanges and cultural tourism',
  'attract regional headquarters of multinational companies', 'develop international shipping and aviation hubs',
  'stabilise foreign trade and investment', 'build a world-class financial center',
];
const TAILS = [
  'according to a statement published on its website.', 'officials said on Monday.', 'the document said.',
  'a spokesperson told reporters at the briefing.', 'with further details to be released later this year.',
  'in line with the national five-year plan.', 'as part of a broader push to open up the economy.',
  'following consultations with industry associations.',
];
const BRI_SENTENCES = [
  'The measures are part of the city\'s contribution to the Belt and Road Initiative, which marked its tenth anniversary last year.',
  'Trade with countries participating in the Belt and Road Initiative grew by 8.4 percent year-on-year in the first quarter.',
  'Officials said the new China-Europe freight train routes would serve Belt and Road partner economies in Central Asia.',
  'A service center for Belt and Road projects will help companies with legal, financial and risk-assessment services.',
];
const FIGURES = [
  'Total investment is expected to exceed 12 billion yuan ($1.66 billion) by the end of 2025.',
  'More than 300 companies have registered in the pilot zone since it opened.',
  'Cargo throughput rose 6.2 percent to 47.3 million twenty-foot equivalent units.',
  'The plan sets 28 specific tasks across six areas, including finance, logistics and talent.',
  'Exports of new energy vehicles, lithium batteries and solar cells rose sharply.',
];

const pick = <T>(rnd: () => number, xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

function sentence(rnd: () => number): string {
  const r = rnd();
  if (r < 0.15) return pick(rnd, FIGURES);
  return `${pick(rnd, SUBJECTS)} ${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)}, ${pick(rnd, TAILS)}`;
}

interface Article {
  n: number;
  path: string;
  title: string;
  published: string; // YYYY-MM-DD
  paragraphs: string[];
  bri: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => esc(s).replace(/"/g, '&quot;');
const monthDayYear = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
};

const TITLE_TOPICS = [
  'cross-border e-commerce', 'green shipping corridor', 'foreign investment', 'rail freight to Europe', 'digital trade',
  'free trade zone reform', 'financial opening-up', 'international talent', 'port logistics', 'cultural exchanges',
];
const TITLE_VERBS = ['City unveils plan to boost', 'New measures support', 'Officials outline progress on', 'Pilot program expands', 'Guidelines issued on'];

function makeArticles(count: number, seed: number): Article[] {
  const rnd = mulberry32(seed);
  const start = Date.UTC(2024, 3, 8); // 2024-04-08, newest first
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const date = new Date(start - Math.floor(i / 6) * 86_400_000);
    const published = date.toISOString().slice(0, 10);
    const bri = rnd() < 0.35;
    const topic = pick(rnd, TITLE_TOPICS);
    const title = `${pick(rnd, TITLE_VERBS)} ${topic}${bri ? ' under Belt and Road' : ''} (No. ${n})`;
    const paragraphs: string[] = [];
    const count = 7 + Math.floor(rnd() * 5); // 7-11 paragraphs, ~4-7 KB of text
    for (let p = 0; p < count; p++) {
      const sentences = Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => sentence(rnd));
      if (p === 0) sentences.unshift(`Bulletin ${published.replace(/-/g, '')}-${String(n).padStart(5, '0')} concerns ${topic}.`);
      if (bri && (p === 1 || rnd() < 0.2)) sentences.push(pick(rnd, BRI_SENTENCES));
      paragraphs.push(sentences.join(' '));
    }
    return { n, path: `/news/${published.replace(/-/g, '')}/bri-${String(n).padStart(5, '0')}.html`, title, published, paragraphs, bri };
  });
}

// ---------------------------------------------------------------------------------------------
// Markup

const ANALYTICS = `<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?0b0e0n0c0h0s0i0t0e00000000000000";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>`;

const STYLE = `<style type="text/css">
body{margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00;text-decoration:underline}
.w1200{width:1200px;margin:0 auto}.header{background:#0a3d8f;height:120px}.header .logo img{height:80px;margin-top:20px}
.nav{background:#0c4aa6;height:48px;line-height:48px}.nav li{float:left;padding:0 22px}.nav li a{color:#fff;font-size:16px}
.crumbs{height:40px;line-height:40px;color:#888}.crumbs a{color:#666}.container{overflow:hidden;background:#fff;padding:20px}
.side-left{float:left;width:280px}.main-right{float:right;width:860px}.side-box{margin-bottom:20px;border:1px solid #e5e5e5}
.side-box h4{background:#f0f4fa;height:40px;line-height:40px;padding-left:12px;font-size:16px}.side-box li{line-height:30px;padding:0 12px}
.detail-title{font-size:28px;line-height:40px;text-align:center;padding:10px 0}.detail-info{text-align:center;color:#999;padding-bottom:12px;border-bottom:1px dashed #ddd}
.detail-tools{text-align:right;padding:8px 0;color:#666}.TRS_Editor{font-size:16px;line-height:1.9}.related li{line-height:32px}
.footer{background:#1f2d3d;color:#aab;padding:30px 0}.footer a{color:#ccd}.sitemap dl{float:left;width:16%}.sitemap dt{font-weight:bold;color:#fff}
</style>`;

const NAV = ['Home', 'News', 'Government', 'Policies', 'Services', 'Business', 'Investment', 'Living', 'Visiting', 'Data', 'Contact'];

function header(): string {
  return `<div class="header">
  <div class="w1200">
    <a class="logo" href="/"><img src="/assets/img/logo-en.png" alt="Belt and Road Policy Portal"></a>
    <div class="top-links"><a href="/zh/">中文</a> | <a href="/accessibility.html">Accessibility</a> | <a href="/sitemap.html">Site Map</a></div>
    <form class="search" action="/search" method="get"><input type="text" name="q" placeholder="Search"><button type="submit">Search</button></form>
  </div>
  <ul class="nav w1200">
${NAV.map((n) => `    <li><a href="/${n.toLowerCase()}/index.html">${n}</a></li>`).join('\n')}
  </ul>
</div>`;
}

function sidebar(a: Article, all: Article[]): string {
  const near = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => all[(a.n - 1 + k * 37) % all.length]);
  return `<div class="side-left sidebar">
    <div class="side-box">
      <h4><a href="/news/index.html">Press Conferences</a></h4>
      <dl><dt><a href="/press/qa.html">Q &amp; A for resident journalists</a></dt><dd>Answers to most frequently asked questions such as accreditation and interviews...</dd></dl>
      <dl><dt><a href="/press/touch.html">Touch the City</a></dt><dd>Creative industry, Services for the people's livelihood, Urban renewal...</dd></dl>
      <dl><dt><a href="/press/visitors.html">Center for International Visitors</a></dt><dd>The center, located downtown, offers consular and residence services...</dd></dl>
    </div>
    <div class="side-box">
      <h4>Most Viewed</h4>
      <ul>
${near.map((r) => `        <li><a href="${attr(r.path)}" title="${attr(r.title)}" target="_blank">${esc(r.title)}</a></li>`).join('\n')}
      </ul>
    </div>
    <div class="side-box video"><h4>City of Inspiration</h4><video controls preload="none" poster="/assets/img/video.jpg"><source src="/assets/video/promo30.mp4" type="video/mp4"></video><p>Promotional film (30 seconds version)</p><a class="more" href="/video/index.html">View More</a></div>
  </div>`;
}

/** Footer sitemap groups: the bulk of a real government page is links like these. */
function sitemapGroup(g: number): string {
  const links = Array.from({ length: 8 }, (_, k) => `<dd><a href="/gov/dept-${g}/col-${k}/index.html" target="_blank">Department ${g} service ${k}</a></dd>`).join('');
  return `<dl class="group-${g}"><dt>Directory ${g}</dt>${links}</dl>\n`;
}

const FOOTER_SCRIPTS = `<script src="/assets/js/jquery-1.12.4.min.js"></script>
<script src="/assets/js/common.js"></script>
<script>
$(function(){
  $('.detail-tools a[data-size]').on('click', function(){ $('.TRS_Editor').css('font-size', $(this).data('size') + 'px'); });
  $('.share a').on('click', function(){ window.open('https://service.weibo.com/share/share.php?url=' + encodeURIComponent(location.href)); });
  var nav = $('.nav li'); nav.hover(function(){ $(this).addClass('on'); }, function(){ $(this).removeClass('on'); });
});
</script>`;

function articleHtml(a: Article, all: Article[], pageBytes: number): string {
  const before = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${esc(a.title)} - Belt and Road Policy Portal</title>
<meta name="SiteName" content="Belt and Road Policy Portal">
<meta name="ColumnName" content="News">
<meta name="ArticleTitle" content="${attr(a.title)}">
<meta name="description" content="${attr(a.paragraphs[0].slice(0, 160))}...">
<link rel="stylesheet" href="/assets/css/en-common.css">
<link rel="stylesheet" href="/assets/css/en-detail.css">
${STYLE}
${ANALYTICS}
</head>
<body>
${header()}
<div class="w1200 crumbs"><a href="/">Home</a> &gt; <a href="/news/index.html">News</a> &gt; <span>Latest News</span></div>
<div class="w1200 container">
  ${sidebar(a, all)}
  <div class="main-right">
    <h1 class="detail-title">${esc(a.title)}</h1>
    <div class="detail-info">Updated: ${monthDayYear(a.published)} <span class="detail-source">english.portal.gov.cn</span> <a href="javascript:window.print()">Print</a></div>
    <div class="detail-tools">
      <span>Font size: <a href="javascript:void(0)" data-size="18">A+</a> <a href="javascript:void(0)" data-size="14">A-</a></span>
      <span class="share">Share: <a href="javascript:void(0)">WeChat</a> <a href="javascript:void(0)">Weibo</a> <a href="javascript:void(0)">LinkedIn</a></span>
    </div>
    <div class="detail-content" id="ivs_content">
      <div class="TRS_Editor"><style type="text/css">
.TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:Arial;font-size:12pt;}.TRS_Editor DIV{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:Arial;font-size:12pt;}
</style>
${a.paragraphs.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join('\n')}
      </div>
    </div>
    <div class="related"><h3>Related stories</h3><ul>
${[11, 23, 47, 59, 71].map((k) => all[(a.n - 1 + k) % all.length]).map((r) => `      <li><a href="${attr(r.path)}" target="_blank">${esc(r.title)}</a><span class="date">${r.published}</span></li>`).join('\n')}
    </ul></div>
  </div>
</div>
<div class="footer">
  <div class="w1200 sitemap">
`;
  const after = `  </div>
  <div class="w1200 copyright"><p>Copyright &copy; 2024 Belt and Road Policy Portal. All rights reserved.</p><p>ICP filing 00000000 (bench placeholder) | Public security filing 31010102000000</p><p><a href="/about.html">About Us</a> | <a href="/contact.html">Contact Us</a> | <a href="/privacy.html">Privacy</a></p></div>
</div>
${FOOTER_SCRIPTS}
</body>
</html>
`;
  // Pad to the exact size: sitemap groups while they fit, then spaces inside a trailing comment.
  const comment = (n: number) => `<!-- ${' '.repeat(n)} -->\n`;
  const fixed = Buffer.byteLength(before) + Buffer.byteLength(after) + Buffer.byteLength(comment(0));
  if (fixed > pageBytes) throw new Error(`article ${a.n} needs ${fixed} bytes, more than pageBytes=${pageBytes}`);
  let groups = '';
  let size = fixed;
  for (let g = 1; ; g++) {
    const next = sitemapGroup(g);
    if (size + next.length > pageBytes) break;
    groups += next;
    size += next.length;
  }
  const html = before + groups + comment(pageBytes - size) + after;
  if (Buffer.byteLength(html) !== pageBytes) throw new Error(`article ${a.n}: ${Buffer.byteLength(html)} bytes, expected ${pageBytes}`);
  return html;
}

const listingName = (page: number) => (page <= 1 ? 'index.html' : `index_${page}.html`);

function listingHtml(articles: Article[], page: number, pages: number, perListing: number): string {
  const items = articles
    .slice((page - 1) * perListing, page * perListing)
    .map((a) => `<li><a href="${attr(a.path.replace(/^\/news\//, ''))}" title="${attr(a.title)}" target="_blank">${esc(a.title)}</a><span class="date">${a.published}</span></li>`)
    .join('\n');
  const numbers = Array.from({ length: pages }, (_, i) => (i + 1 === page ? `<span class="current">${i + 1}</span>` : `<a href="${listingName(i + 1)}">${i + 1}</a>`)).join(' ');
  const prev = page > 1 ? `<a class="prev" href="${listingName(page - 1)}">Previous</a>` : '';
  const next = page < pages ? `<a class="next" href="${listingName(page + 1)}">Next</a>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${page > 1 ? `News - page ${page}` : 'News'} - Belt and Road Policy Portal</title>
<link rel="stylesheet" href="/assets/css/en-common.css">
${STYLE}
${ANALYTICS}
</head>
<body>
${header()}
<div class="w1200 crumbs"><a href="/">Home</a> &gt; <span>News</span></div>
<div class="w1200 container">
  <ul class="list">
${items}
  </ul>
  <div class="page">${prev} ${numbers} ${next}</div>
</div>
<div class="footer"><div class="w1200 copyright"><p>Copyright &copy; 2024 Belt and Road Policy Portal. All rights reserved.</p></div></div>
${FOOTER_SCRIPTS}
</body>
</html>
`;
}

const ROBOTS_TXT = 'User-agent: *\nAllow: /\nDisallow: /search\n';

function page(kind: Page['kind'], body: string, status = 200, type = 'text/html; charset=utf-8'): Page {
  const bytes = Buffer.from(body, 'utf8');
  return { status, type, body: bytes, etag: `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`, kind };
}

/** Renders every page of the site (done once, before anything is timed). */
export function generateSite(opts: BenchSiteOptions = {}): { pages: Map<string, Page>; articles: Article[]; listingPaths: string[] } {
  const count = opts.pages ?? 2000;
  const pageBytes = opts.pageBytes ?? 45 * 1024;
  const perListing = opts.perListing ?? 100;
  if (!Number.isInteger(count) || count < 1 || count > 99_999) throw new Error(`pages must be a whole number in 1..99999, got ${count}`);
  const articles = makeArticles(count, opts.seed ?? 20240408);
  const pages = new Map<string, Page>();
  for (const a of articles) pages.set(a.path, page('article', articleHtml(a, articles, pageBytes)));
  const listingCount = Math.ceil(count / perListing);
  const listingPaths: string[] = [];
  for (let p = 1; p <= listingCount; p++) {
    const path = `/news/${listingName(p)}`;
    listingPaths.push(path);
    pages.set(path, page('listing', listingHtml(articles, p, listingCount, perListing)));
  }
  pages.set('/news/', pages.get('/news/index.html')!);
  pages.set('/robots.txt', page('other', ROBOTS_TXT, 200, 'text/plain; charset=utf-8'));
  return { pages, articles, listingPaths };
}

export async function startBenchSite(opts: BenchSiteOptions = {}): Promise<BenchSite> {
  const pageBytes = opts.pageBytes ?? 45 * 1024;
  const { pages, articles, listingPaths } = generateSite({ ...opts, pageBytes });
  const notFound = page('other', '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\n', 404);
  const served = { article: 0, listing: 0, other: 0, bytes: 0 };

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const p = pages.get(q < 0 ? raw : raw.slice(0, q)) ?? notFound;
    served[p.kind]++;
    if (p.status === 200 && req.headers['if-none-match'] === p.etag) {
      res.writeHead(304, { ETag: p.etag });
      res.end();
      return;
    }
    res.writeHead(p.status, { 'Content-Type': p.type, 'Content-Length': p.body.length, ETag: p.etag, Server: 'silkwatch-bench' });
    if (method !== 'HEAD') served.bytes += p.body.length;
    res.end(method === 'HEAD' ? undefined : p.body);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    articlePaths: articles.map((a) => a.path),
    articleUrls: articles.map((a) => url + a.path),
    listingUrls: listingPaths.map((p) => url + p),
    articlePattern: `^http://127\\.0\\.0\\.1:${port}/news/\\d{8}/bri-\\d{5}\\.html$`,
    pageBytes,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
