// Article extraction: HTML of one article page → title, publish date, body without boilerplate,
// language, issuer, source line, document number, attachments, canonical URL. A pure function of
// (html, url, hints, tz), so the fetch worker, `silkwatch extract` and the tests all see the same
// result.
//
// How it works (one parse, two walks over the DOM):
// 1. Measure every element (text length, link text length; Chinese characters weigh 3, since one
//    carries about as much as a short English word) and read the metadata (meta tags, JSON-LD,
//    <link rel=canonical>, <base>).
// 2. Walk the page in document order into "lines" (text blocks split at block elements and <br>),
//    leaving out scripts, hidden elements and page furniture (nav, footer, aside, share bars,
//    breadcrumbs, related lists, copyright blocks), recognised by tag and by class/id words — unless
//    the element holds most of the page's prose, as a misnamed wrapper does.
// 3. The body: the selector hint, else a known CMS container (TRS `.TRS_Editor`, gov.cn
//    `#UCAP-CONTENT`, `#ivs_content`, …) if it holds a fair share of the prose, else the element the
//    prose clusters in (Readability-style scoring with link density), plus prose-bearing siblings.
// 4. The title: the heading line that matches the page's own title metadata (ArticleTitle,
//    og:title, JSON-LD headline, <title> without its " - Site" / "_中国政府网" suffix), never the site
//    name, de-duplicated when repeated; else the metadata; else the heading nearest the body.
// 5. The header region = the lines between the title and the first body paragraph (plus date and
//    source lines at the top of the body). The publish date is, in order: the date hint, JSON-LD
//    datePublished, meta tags (PubDate, publishdate, article:published_time, dc.date, …), the first
//    date of the header region (a labelled one first), a labelled date line after the body, a
//    signature date closing the body; link lists (related articles), sidebars and footers never count.
// 6. Body lines are cleaned: title repeats, date / source / editor lines, share and print bars,
//    summaries that repeat the first paragraph, link-only lines.
// 7. `source` is the "Source:" / "来源：" / "From:" line as printed (head first, then the lines
//    closing the body), else an element classed "source" by the title, else meta ContentSource.
//    `issuer` is the body that issued the item: a labelled 发文机关 / 发布机构 / "Issued by", else the
//    signature (a government body followed by a date) closing a document, else the source when it
//    names a government body (…人民政府, …委员会, …厅, Ministry, Commission, MOFCOM…) rather than a
//    medium or a web site (Xinhua, 解放日报, english.shanghai.gov.cn), else null.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findDates, parseDateValue, parsePublished } from './dates.js';

/** Bump when extraction changes: new versions made only by a new extractor re-baseline silently. */
export const EXTRACTOR_VERSION = 2;

export interface ExtractHints {
  title?: string;
  body?: string;
  date?: string;
}

export interface Extracted {
  title: string | null;
  text: string;
  published: string | null;
  lang: 'en' | 'zh';
  /** The body that issued the item when the page names one (a government body), else null. */
  issuer: string | null;
  docNumber: string | null;
  attachments: string[];
  /** <link rel="canonical"> or og:url resolved against the page URL; null when absent or bogus. */
  canonicalUrl: string | null;
  /** The "Source:" / "来源：" line (or the page's origin label), as printed; null when absent. */
  source: string | null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'svg', 'math', 'canvas', 'object', 'embed',
  'select', 'option', 'textarea', 'input', 'button', 'head', 'title', 'meta', 'link', 'base', 'map', 'area', 'audio',
  'video', 'source', 'track', 'img', 'picture', 'wbr',
]);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul',
  'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'blockquote', 'pre',
  'figure', 'figcaption', 'form', 'fieldset', 'legend', 'address', 'center', 'hr', 'details', 'summary', 'dialog',
  'hgroup', 'menu', 'body', 'html',
]);
const BOILER_TAGS = new Set(['nav', 'footer', 'aside']);
// Class / id words of page furniture. Whole words (split at - _ space and camelCase)…
const BOILER_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menubar', 'submenu', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'bread',
  'location', 'position', 'weizhi', 'dqwz', 'share', 'sharing', 'shares', 'social', 'fenxiang', 'footer', 'foot',
  'copyright', 'banquan', 'sidebar', 'side', 'aside', 'comment', 'comments', 'related', 'relate', 'relates', 'xgxw',
  'xgwz', 'xglj', 'recommend', 'recommended', 'hot', 'hotnews', 'ranking', 'rank', 'pager', 'pagination', 'toolbar',
  'tools', 'tool', 'print', 'login', 'search', 'advert', 'advertisement', 'ad', 'ads', 'qrcode', 'qr', 'ewm', 'erweima',
  'more', 'popup', 'modal', 'cookie', 'subscribe', 'newsletter', 'tags', 'keywords', 'prevnext', 'prev', 'next',
]);
// …and substrings that are furniture wherever they appear.
const BOILER_SUBSTR = /breadcrumb|copyright|sidebar|bdshare|jiathis|sharebox|share_box|sharebar|qrcode|erweima|footer|related|recommend|navbar/i;
const HIDDEN_WORDS = new Set(['hidden', 'hide', 'invisible', 'sr-only', 'visually-hidden']);
const POSITIVE_CLASS = /article|body|content|entry|main|post|text|story|detail|zoom|editor|zhengwen|(^|[^a-z])(con|zw|nr)([^a-z]|$)/i;
const NEGATIVE_CLASS = /hidden|banner|combx|comment|contact|foot|masthead|media|meta|promo|related|scroll|share|sidebar|sponsor|tags|tool|widget|nav|menu|crumb|list|recommend|hot|rank|side|copyright|location|position|header|logo|top/i;

// Known article containers of the sources' CMSs (TRS WCM, www.gov.cn, China Daily, Zhejiang, ce.cn…).
const STRONG_CLASSES = new Set([
  'TRS_Editor', 'TRS_UEDITOR', 'trs_editor', 'article-content', 'article_content', 'articleContent', 'art-con', 'article_con',
  'pages_content', 'detail-content', 'detail_content', 'content_detail', 'news_content', 'news-content', 'newsContent',
  'article-body', 'article_body', 'articleBody', 'post-content', 'entry-content', 'zw', 'TRS_PreAppend',
]);
const STRONG_IDS = new Set([
  'UCAP-CONTENT', 'ivs_content', 'zoom', 'Zoom', 'articleText', 'article_content', 'articleContent', 'Content', 'content_detail',
  'mainText', 'fontzoom', 'zhengwen', 'text', 'Article', 'art_content', 'newsContent', 'news_content', 'detailContent',
]);

const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|wps|ofd|et|dps|txt|csv)(?:[?#]|$)/i;
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,12}\s*[〔[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d+\s*号/;
const DOC_NUMBER_2 = /[\u4e00-\u9fa5]{2,16}(?:公告|令|通告)\s*(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号/;
const DOC_NUMBER_LABEL = /(?:^|\s)(?:文\s*号|发文字号|发文号|文件编号|文件号)\s*[:：]\s*(.*)$/;

// Labels of the lines around the title: dates, sources, authors, counters.
const LABEL_WORDS =
  'updated|update time|last updated|post(?:ed)?\\s*(?:time|on|date)?|published(?:\\s*(?:on|date|time))?|publish(?:ed)?\\s*time|release(?:d)?(?:\\s*date| on)?|date|time|source|sources|from|author|authors|by|editor|editors|web editor|edited by|reporter|writer|translator|translated by|photo|browse number|views|hits|clicks|' +
  '发布时间|发布日期|发文日期|成文日期|印发日期|更新时间|更新日期|时间|日期|来源|文章来源|信息来源|稿件来源|稿源|出处|作者|撰稿|编辑|责任编辑|责编|审核|校对|记者|通讯员|摄影|浏览次数|浏览量|点击数|点击量|阅读次数|阅读量|访问量|访问次数|字号|字体|發佈時間|發布日期|日期|來源|資料來源|作者|編輯|責任編輯';
const LABEL_AT_START = new RegExp(`^[\\[【(（]?\\s*(?:${LABEL_WORDS})\\s*[:：]`, 'i');
const STRONG_LABEL_AT_START =
  /^[[【(（]?\s*(?:updated|post(?:ed)?\s*time|published|release date|source|sources|editor|editors|web editor|browse number|发布时间|发布日期|更新时间|来源|文章来源|信息来源|稿件来源|稿源|责任编辑|责编|编辑|浏览次数|点击数|阅读次数|發佈時間|發布日期|來源|資料來源|責任編輯)\s*[:：]/i;
const DATE_LABEL = /(?:(?:^|[^a-z])(?:updated|update time|post(?:ed)?\s*(?:time|on|date)?|published(?:\s*(?:on|date|time))?|publish(?:ed)?\s*time|release(?:d)?\s*(?:date|on)?|date|time)|发布时间|发布日期|发文日期|更新时间|时间|日期|發佈時間|發布日期|發布時間)\s*[:：]?\s*$/i;
const PUBLISH_LABEL = /(?:(?:^|[^a-z])(?:updated|post(?:ed)?\s*(?:time|on|date)?|published(?:\s*(?:on|date|time))?|publish(?:ed)?\s*time|release(?:d)?\s*(?:date|on)?)|发布时间|发布日期|發佈時間|發布日期|發布時間)\s*[:：]?\s*$/i;
const WEEKDAY = /星期[一二三四五六日天]|週[一二三四五六日]|周[一二三四五六日]|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;
const SOURCE_LABEL = /(?:^|[\s【\[(（|｜])(?:sources?|from|来源|文章来源|信息来源|稿件来源|稿源|出处|來源|資料來源)\s*[:：]\s*/i;
const NEXT_LABEL = new RegExp(`\\s*(?:[|｜【\\[]|\\s(?:${LABEL_WORDS})\\s*[:：]|(?:发布时间|发布日期|日期|时间|作者|编辑|责任编辑|浏览次数|点击数|字号|發佈時間|作者)\\s*[:：]|\\s(?:print|share|font size|fontlarger)\\b)`, 'i');
const ISSUER_LABEL = /(?:^|\s)(?:发文机关|发布机构|发布单位|发文单位|成文机关|发布机关|Issuing (?:authority|body|agency|department)|Issued by|Issuer)\s*[:：]\s*(.*)$/i;

const BOILER_LINE =
  /^(?:share(?: to| this(?: article| story| page)?)?|share\s*[-–:]\s*\S+(?:\s+\S+){0,4}|print|print this page|close|close window|more|more news|read more|related(?: news| stories| articles| links| reading)?|latest(?: news)?|most viewed|top stories|next|previous|prev|next article|previous article|back to top|top|home|font size:?.*|a\+\s*a-?|a-\s*a\+|fontlarger\s*fontsmaller|source text:?|scan (?:the )?qr code.*|原文链接.*|分享到.*|分享|打印|打印本页|打印文章|关闭|关闭窗口|收藏|更多|更多>>|相关新闻|相关链接|相关文章|相关阅读|延伸阅读|推荐阅读|上一篇.*|下一篇.*|返回顶部|返回|扫一扫.*|微信扫一扫.*|用微信扫描.*|【[^】]{0,20}】(?:\s*【[^】]{0,20}】)*|\[(?:print|close|打印|关闭)\](?:\s*\[[^\]]{0,10}\])*|字号[:：]?\s*大\s*中\s*小.*|【?字体[:：].*)$/i;
const BREADCRUMB_LINE = /^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|现在位置|current location|your location|your position|you are here|location)\s*[:：>]|^(?:home|首页)\s*(?:>|»|›|\/|-)/i;
// "Today is …" widgets print the day of the visit, never the article's date.
const TODAY = /今天是|今日是|今天：|当前时间|现在时间|现在是|today is|current time/i;
const ELLIPSIS_END = /(?:\.\.\.|…|……)\s*$/;

// Government bodies (issuers) versus media and web sites (sources only).
const ZH_GOV_BODY = /(?:人民政府|政府|办公厅|办公室|委员会|领导小组|局|部|厅|署|院|委|中心|司|处|管委会|商会|协会|联合会|人民银行|政府總部|局|署|處|辦公室|委員會)$/;
const EN_GOV_BODY = /\b(?:government|ministry|commission|committee|council|bureau|office|administration|department|authority|congress|court|procuratorate|people's bank|state council|municipality|chamber|mofcom|ndrc|scio|mfa|pboc|sasac|miit|gacc)\b/i;
const EN_MEDIA = /\b(?:news|xinhua|daily|times|press|post|net|network|media|tv|radio|agency|portal|online|magazine|weekly|channel|global|cgtn)\b|\.(?:com|cn|net|org|gov|hk)\b/i;

// ---------------------------------------------------------------------------------------------
// Small helpers

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Weighted text length: a Chinese character counts 3, other non-space characters 1. */
function weight(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000) continue;
    w += (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ? 3 : 1;
  }
  return w;
}

const collapse = (s: string) => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();

/** Lower-cased text without spaces and punctuation, for comparing titles and lines. */
const norm = (s: string) => s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/** "X X X" (the same title printed several times) → "X". */
export function dedupeRepeated(s: string): string {
  const t = collapse(s);
  if (t.length < 4) return t;
  for (let n = 4; n >= 2; n--) {
    for (const sep of [' ', '']) {
      const len = (t.length - (n - 1) * sep.length) / n;
      if (!Number.isInteger(len) || len < 2) continue;
      let same = true;
      for (let k = 1; k < n && same; k++) {
        const at = k * (len + sep.length);
        same = t.startsWith(sep, at - sep.length) && t.startsWith(t.slice(0, len), at);
      }
      if (same) return t.slice(0, len);
    }
  }
  return t;
}

/** Join two text pieces: no space between Chinese characters, one otherwise. */
function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK.test(a.slice(-1)) && CJK.test(b[0]) ? a + b : `${a} ${b}`;
}

function wordsOf(el: Element): string[] {
  const raw = `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (!a) return false;
  if (a.hidden !== undefined) return true;
  if (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style)) return true;
  if (a.class) for (const w of a.class.toLowerCase().split(/\s+/)) if (HIDDEN_WORDS.has(w)) return true;
  return false;
}

function classNames(el: Element): string {
  return `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
}

function elementText(el: AnyNode): string {
  let out = '';
  const visit = (n: AnyNode) => {
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (n.type === 'tag') {
      const e = n as Element;
      if (SKIP_TAGS.has(e.name) && e.name !== 'img') return;
      if (e.name === 'br') out += ' ';
      for (const c of e.children) visit(c);
    }
  };
  visit(el);
  return collapse(out);
}

function resolveUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith('#')) return null;
  try {
    return new URL(h, base).toString();
  } catch {
    return null;
  }
}

export function detectLang(text: string): 'en' | 'zh' {
  let cjk = 0;
  let latin = 0;
  for (let i = 0, n = Math.min(text.length, 5000); i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
  }
  // One Chinese character carries about as much as a short English word (~4.5 letters).
  return cjk * 4 > latin ? 'zh' : 'en';
}

// ---------------------------------------------------------------------------------------------
// Pass 1: measure elements and read metadata

interface Stats {
  w: number; // weighted text length
  link: number; // weighted text length inside <a>
  depth: number;
  hasH1: boolean;
}

interface Meta {
  byName: Map<string, string>;
  jsonLd: Record<string, unknown>[];
  canonical: string | null;
  ogUrl: string | null;
  base: string | null;
  titleTag: string;
  siteNames: Set<string>;
  /** <time itemprop="datePublished" datetime>, <time pubdate>, [itemprop=datePublished]: the first one. */
  timeValue: string | null;
}

interface Page {
  stats: Map<Element, Stats>;
  meta: Meta;
  body: Element | null;
  root: AnyNode;
}

function measure(root: AnyNode): Page {
  const stats = new Map<Element, Stats>();
  const meta: Meta = { byName: new Map(), jsonLd: [], canonical: null, ogUrl: null, base: null, titleTag: '', siteNames: new Set(), timeValue: null };
  let body: Element | null = null;

  const visit = (n: AnyNode, depth: number, inLink: boolean): { w: number; link: number; h1: boolean } => {
    if (n.type === 'text') {
      const w = weight((n as unknown as { data: string }).data);
      return { w, link: inLink ? w : 0, h1: false };
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style' && n.type !== 'root') return { w: 0, link: 0, h1: false };
    const el = n as Element;
    const name = el.name;
    if (n.type !== 'root') {
      if (name === 'meta') {
        const a = el.attribs;
        const key = (a.name ?? a.property ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase().trim();
        const content = a.content ?? '';
        if (key && content && !meta.byName.has(key)) meta.byName.set(key, content);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'link') {
        const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical') && !meta.canonical) meta.canonical = el.attribs.href ?? null;
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'base') {
        if (!meta.base && el.attribs.href) meta.base = el.attribs.href;
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'title') {
        if (!meta.titleTag) meta.titleTag = elementTextRaw(el);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'script') {
        if ((el.attribs.type ?? '').toLowerCase().includes('ld+json')) readJsonLd(elementTextRaw(el), meta.jsonLd);
        return { w: 0, link: 0, h1: false };
      }
      if (SKIP_TAGS.has(name) || (name !== 'body' && name !== 'html' && isHidden(el))) {
        if (name === 'head') for (const c of el.children) visit(c, depth + 1, inLink);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'body' && !body) body = el;
      if (meta.timeValue === null && (el.attribs.itemprop === 'datePublished' || (name === 'time' && (el.attribs.pubdate !== undefined || /(^|\s)published(\s|$)/.test(el.attribs.class ?? ''))))) {
        meta.timeValue = el.attribs.datetime ?? el.attribs.content ?? elementText(el);
      }
    }
    if (depth > 1500) return { w: 0, link: 0, h1: false };
    let w = 0;
    let link = 0;
    let h1 = name === 'h1';
    const childLink = inLink || name === 'a';
    for (const c of el.children) {
      const r = visit(c, depth + 1, childLink);
      w += r.w;
      link += r.link;
      h1 ||= r.h1;
    }
    if (n.type !== 'root') stats.set(el, { w, link, depth, hasH1: h1 });
    return { w, link, h1 };
  };
  visit(root, 0, false);
  for (const key of ['og:site_name', 'sitename', 'site_name', 'application-name', 'apple-mobile-web-app-title']) {
    const v = meta.byName.get(key);
    if (v) meta.siteNames.add(norm(v));
  }
  for (const node of meta.jsonLd) {
    const pub = node.publisher as Record<string, unknown> | undefined;
    if (pub && typeof pub.name === 'string') meta.siteNames.add(norm(pub.name));
  }
  meta.ogUrl = meta.byName.get('og:url') ?? null;
  return { stats, meta, body, root };
}

function elementTextRaw(el: Element): string {
  let out = '';
  for (const c of el.children) if (c.type === 'text') out += (c as unknown as { data: string }).data;
  return out;
}

function readJsonLd(raw: string, out: Record<string, unknown>[]): void {
  const text = raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
  if (!text) return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return;
    }
  }
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) add(o['@graph']);
    }
  };
  add(data);
}

// ---------------------------------------------------------------------------------------------
// Pass 2: lines in document order, furniture left out

interface Line {
  text: string;
  block: Element | null;
  w: number;
  linkRatio: number;
  /** 1-6 for a heading line, 0 otherwise. */
  heading: number;
  /** The line sits in an element whose class or id says "title". */
  titleClass: boolean;
  /** The line carries a link to a file (an attachment). */
  hasFile: boolean;
  /** All of the line is bold (b / strong): an untagged title on old pages. */
  emph: boolean;
  /** The line is a list item (li, dt, dd). */
  listItem: boolean;
}

interface SourceMark {
  el: Element;
  at: number; // lines.length when the element was entered
}

interface Walk {
  lines: Line[];
  boiler: Set<Element>;
  sourceMarks: SourceMark[];
  attachments: string[];
}

function isBoilerplate(el: Element, st: Stats | undefined, pageProse: number, insideArticle: boolean): boolean {
  const name = el.name;
  let furniture = BOILER_TAGS.has(name);
  if (!furniture && name === 'header') furniture = !insideArticle && !(st?.hasH1 ?? false);
  if (!furniture) {
    const words = wordsOf(el);
    if (words.length) {
      const names = classNames(el);
      furniture = words.some((w) => BOILER_WORDS.has(w)) || BOILER_SUBSTR.test(names);
      // "article-header", "content-tools-wrapper": an article word names a part of the article…
      if (furniture && !BOILER_SUBSTR.test(names) && words.some((w) => w === 'article' || w === 'content' || w === 'detail' || w === 'main') && !words.some((w) => ['share', 'related', 'tools', 'tool', 'print', 'comment', 'comments', 'more', 'nav', 'footer', 'side', 'sidebar', 'breadcrumb', 'crumb', 'crumbs', 'location', 'position'].includes(w))) furniture = false;
    }
  }
  if (!furniture || !st) return furniture;
  // A misnamed wrapper: it holds most of the page's prose and little of it is links.
  const prose = st.w - st.link;
  return !(pageProse > 0 && prose >= pageProse * 0.5 && st.link < st.w * 0.3);
}

function walkLines(page: Page, baseUrl: string): Walk {
  const { stats } = page;
  const lines: Line[] = [];
  const boiler = new Set<Element>();
  const sourceMarks: SourceMark[] = [];
  const attachments: string[] = [];
  const bodyStats = page.body ? stats.get(page.body) : undefined;
  const pageProse = bodyStats ? bodyStats.w - bodyStats.link : 0;

  let buf = '';
  let bufHasText = false;
  let bufW = 0;
  let bufLink = 0;
  let bufBlock: Element | null = null;
  let bufHeading = 0;
  let bufTitleClass = false;
  let bufFile = false;
  let bufEmph = 0;

  const flush = () => {
    const text = collapse(buf);
    if (text) {
      const b = bufBlock as Element | null;
      const listItem = !!b && (b.name === 'li' || b.name === 'dt' || b.name === 'dd');
      lines.push({ text, block: bufBlock, w: bufW, linkRatio: bufW ? bufLink / bufW : 0, heading: bufHeading, titleClass: bufTitleClass, hasFile: bufFile, emph: bufW > 0 && bufEmph >= bufW, listItem });
    }
    buf = '';
    bufHasText = false;
    bufW = 0;
    bufLink = 0;
    bufBlock = null;
    bufHeading = 0;
    bufTitleClass = false;
    bufFile = false;
    bufEmph = 0;
  };

  const visit = (n: AnyNode, block: Element | null, inLink: boolean, heading: number, titleClass: boolean, insideArticle: boolean, depth: number, emph = false) => {
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      if (!data) return;
      const w = weight(data);
      if (!bufHasText && w === 0) return;
      bufHasText = true;
      if (!bufBlock) {
        bufBlock = block;
        bufHeading = heading;
        bufTitleClass = titleClass;
      }
      buf += data;
      bufW += w;
      if (inLink) bufLink += w;
      if (emph) bufEmph += w;
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root') return;
    const el = n as Element;
    const name = el.name;
    if (n.type === 'tag') {
      if (SKIP_TAGS.has(name)) return;
      if (name === 'br' || name === 'hr') {
        flush();
        return;
      }
      if (name !== 'body' && name !== 'html' && isHidden(el)) return;
      if (depth > 1500) return;
      if (name !== 'body' && name !== 'html' && isBoilerplate(el, stats.get(el), pageProse, insideArticle)) {
        boiler.add(el);
        if (BLOCK_TAGS.has(name)) flush();
        return;
      }
    }
    const isBlock = n.type === 'tag' && BLOCK_TAGS.has(name);
    if (isBlock) flush();
    let h = heading;
    if (/^h[1-6]$/.test(name)) h = Number(name[1]);
    const names = n.type === 'tag' ? classNames(el) : '';
    const tc = titleClass || /title|headline|biaoti|(^|[^a-z])bt([^a-z]|$)/i.test(names);
    if (n.type === 'tag' && /source|laiyuan|(^|[^a-z])ly([^a-z]|$)|origin/i.test(names) && !/text|content/i.test(names)) {
      const st = stats.get(el);
      if (st && st.w > 0 && st.w < 300) sourceMarks.push({ el, at: lines.length });
    }
    if (name === 'a') {
      const href = el.attribs?.href;
      if (href && ATTACHMENT.test(href)) {
        const abs = resolveUrl(href, baseUrl);
        if (abs) {
          attachments.push(abs);
          bufFile = true;
        }
      }
    }
    const inArticle = insideArticle || name === 'article' || name === 'main';
    const childBlock = isBlock ? el : block;
    const em = emph || name === 'b' || name === 'strong';
    for (const c of el.children) visit(c, childBlock, inLink || name === 'a', h, tc, inArticle, depth + 1, em);
    if (isBlock) flush();
  };
  visit(page.root, null, false, 0, false, false, 0);
  flush();
  return { lines, boiler, sourceMarks, attachments };
}

// ---------------------------------------------------------------------------------------------
// The body container

function descendantsOf(containers: Element[]): Set<AnyNode> {
  const set = new Set<AnyNode>();
  const stack: AnyNode[] = [...containers];
  while (stack.length) {
    const n = stack.pop()!;
    set.add(n);
    if ('children' in n && n.children) for (const c of n.children) stack.push(c);
  }
  return set;
}

function isAncestor(a: AnyNode, b: AnyNode): boolean {
  for (let p: AnyNode | null = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function prose(page: Page, el: Element): number {
  const st = page.stats.get(el);
  return st ? st.w - st.link : 0;
}

function linkDensity(page: Page, el: Element): number {
  const st = page.stats.get(el);
  return st && st.w ? st.link / st.w : 0;
}

function classWeight(el: Element): number {
  const names = classNames(el);
  if (names.trim().length < 2) return 0;
  let w = 0;
  if (POSITIVE_CLASS.test(names)) w += 25;
  if (NEGATIVE_CLASS.test(names)) w -= 25;
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'section':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/** Readability-style: prose lines score their block's ancestors; link density discounts. */
function scoreContainers(page: Page, walk: Walk): Element | null {
  const scores = new Map<Element, number>();
  const credit = (el: Element | null, s: number) => {
    if (!el || el.type !== 'tag' || el.name === 'html') return;
    scores.set(el, (scores.get(el) ?? tagWeight(el.name) + classWeight(el)) + s);
  };
  // Lines of one block are one paragraph for scoring.
  const perBlock = new Map<Element, string>();
  for (const line of walk.lines) {
    if (!line.block || line.linkRatio > 0.5) continue;
    perBlock.set(line.block, `${perBlock.get(line.block) ?? ''} ${line.text}`);
  }
  for (const [block, text] of perBlock) {
    const w = weight(text);
    if (w < 25) continue;
    const commas = (text.match(/[,，、。；;]/g) ?? []).length;
    const s = 1 + commas + Math.min(Math.floor(w / 100), 3);
    const parent = block.parent as Element | null;
    const grand = parent?.parent as Element | null;
    const great = grand?.parent as Element | null;
    if (block.name === 'p') {
      credit(parent, s);
      credit(grand, s / 2);
      credit(great, s / 3);
    } else {
      // A div / td holding its text directly is its own paragraph container.
      credit(block, s);
      credit(parent, s);
      credit(grand, s / 2);
    }
  }
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const [el, raw] of scores) {
    if (el.name === 'body' && scores.size > 1) continue;
    const score = raw * (1 - linkDensity(page, el));
    const depth = page.stats.get(el)?.depth ?? 0;
    const bestDepth = best ? (page.stats.get(best)?.depth ?? 0) : 0;
    if (score > bestScore || (score === bestScore && depth > bestDepth)) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

function strongContainer(page: Page, walk: Walk): Element | null {
  let best: Element | null = null;
  let bestProse = 0;
  for (const [el] of page.stats) {
    if (el.type !== 'tag') continue;
    const cls = el.attribs?.class;
    const id = el.attribs?.id;
    const strong = (id && STRONG_IDS.has(id)) || (cls && cls.split(/\s+/).some((c) => STRONG_CLASSES.has(c))) || el.attribs?.itemprop === 'articleBody';
    if (!strong) continue;
    if (insideBoiler(el, walk.boiler)) continue;
    const p = prose(page, el);
    if (p < 60 || linkDensity(page, el) > 0.5) continue;
    // Prefer the innermost container that holds (nearly) all the prose of an outer one.
    if (!best || p > bestProse * 1.15 || (p >= bestProse * 0.85 && isAncestor(best, el))) {
      best = el;
      bestProse = p;
    }
  }
  return best;
}

function ancestorsUpTo(el: AnyNode | null, levels: number): AnyNode[] {
  const out: AnyNode[] = [];
  for (let p: AnyNode | null = el, k = 0; p && k <= levels; p = p.parent, k++) out.push(p);
  return out;
}

function insideBoiler(el: AnyNode, boiler: Set<Element>): boolean {
  for (let p: AnyNode | null = el; p; p = p.parent) if (boiler.has(p as Element)) return true;
  return false;
}

function pickContainers(page: Page, walk: Walk, $: cheerio.CheerioAPI, hint?: string): Element[] {
  if (hint) {
    const found = $(hint)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && prose(page, el as Element) > 0);
    if (found.length) return [found.sort((a, b) => prose(page, b) - prose(page, a))[0]];
  }
  const scored = scoreContainers(page, walk);
  const strong = strongContainer(page, walk);
  if (strong && (!scored || isAncestor(strong, scored) || prose(page, strong) >= prose(page, scored) * 0.5)) return [strong];
  if (!scored) return page.body ? [page.body] : [];
  // Prose-bearing siblings of the top candidate belong to the article too (a lead in its own div).
  const parent = scored.parent;
  if (!parent || !('children' in parent)) return [scored];
  const minProse = Math.max(60, prose(page, scored) * 0.2);
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (sib === scored) {
      out.push(scored);
      continue;
    }
    if (sib.type !== 'tag' || walk.boiler.has(sib as Element)) continue;
    const el = sib as Element;
    if (/^h[1-6]$/.test(el.name)) continue;
    if (prose(page, el) >= minProse && linkDensity(page, el) < 0.25 && classWeight(el) >= 0) out.push(el);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title

function titleSegments(titleTag: string): string[] {
  const t = collapse(titleTag);
  if (!t) return [];
  const parts = t.split(/\s+[-|–—·•:]\s+|\s*[|｜_]\s*|\s*--\s*|\s*——\s*/).map((s) => s.trim()).filter(Boolean);
  const out = new Set<string>(parts);
  // "标题-新华网": a dash without spaces before a site-ish suffix.
  for (const p of parts) {
    const m = /^(.{4,}?)[-－]([^-－]{2,24}(?:网|政府|门户网站|门户|频道|官网|gov\.cn|\.com|\.cn))$/.exec(p);
    if (m) out.add(m[1]);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.includes(short)) return short.length / long.length;
  return 0;
}

interface TitlePick {
  title: string | null;
  line: number; // index of the title line, -1 when it came from metadata only
}

function pickTitle(page: Page, walk: Walk, bodyStart: number, bodyEnd: number, $: cheerio.CheerioAPI, hint?: string): TitlePick {
  const { meta } = page;
  const lines = walk.lines;
  const siteNames = new Set(meta.siteNames);
  // Logo texts are site names too.
  for (const line of lines.slice(0, Math.max(0, bodyStart))) {
    if (!line.block) continue;
    const names = classNames(line.block);
    if (/logo|brand|masthead|sitename|site[-_]?(?:name|title|logo)/i.test(names) || /(^|\s)site(\s|$)/i.test(names)) siteNames.add(norm(line.text));
  }
  const isSite = (s: string) => siteNames.has(norm(s));

  if (hint) {
    const t = collapse($(hint).first().text());
    if (t) {
      const n = norm(t);
      return { title: dedupeRepeated(t), line: lines.findIndex((l) => norm(l.text) === n) };
    }
  }

  const refs: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const t = dedupeRepeated(v);
    if (t && !isSite(t) && !refs.includes(t)) refs.push(t);
  };
  add(meta.byName.get('articletitle'));
  add(meta.byName.get('og:title'));
  add(meta.byName.get('twitter:title'));
  for (const node of meta.jsonLd) add(node.headline ?? (typeof node['@type'] === 'string' && /Article/i.test(node['@type']) ? node.name : undefined));
  const articleRefs = refs.length; // explicit article-title metadata; <title> segments follow
  for (const seg of titleSegments(meta.titleTag)) add(seg);
  const refNorms = refs.map(norm);
  const minRef = refs.reduce((m, r) => Math.min(m, r.length), Infinity);
  const maxRef = refs.reduce((m, r) => Math.max(m, r.length), 0);

  // Heading-like lines up to the end of the body.
  let best = -1;
  let bestScore = 0;
  const limit = bodyEnd >= 0 ? bodyEnd : lines.length - 1;
  for (let i = 0; i <= limit && i < lines.length; i++) {
    const l = lines[i];
    if (l.text.length < 2 || l.text.length > 300) continue;
    // Similarity needs the shorter to be at least half the longer (a repeated title is up to 4×).
    if (l.text.length < minRef * 0.45 || l.text.length > maxRef * 4.5 + 8) continue;
    const t = dedupeRepeated(l.text);
    if (isSite(t)) continue;
    const n = norm(t);
    if (!n) continue;
    let sim = 0;
    for (const r of refNorms) sim = Math.max(sim, similarity(n, r));
    if (sim < 0.5) continue;
    let score = sim;
    if (l.heading === 1) score += 0.3;
    else if (l.heading >= 2) score += 0.15;
    if (l.titleClass) score += 0.2;
    if (bodyStart >= 0 && i <= bodyStart) score += 0.1 + 0.1 / (1 + (bodyStart - i));
    if (l.linkRatio > 0.5 && !l.heading) score -= 0.3;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { title: dedupeRepeated(lines[best].text), line: best };
  if (articleRefs > 0) return { title: refs[0], line: -1 };
  // No line matches the metadata: the heading nearest the start of the body (its first lines
  // included), else the <title> without its site suffix.
  const end = bodyStart >= 0 ? Math.min(lines.length, bodyStart + 3) : lines.length;
  const usable = (l: Line) => l.text.length >= 4 && l.text.length <= 300 && !isSite(l.text) && l.linkRatio < 0.5;
  for (const level of [1, 2, 3]) {
    for (let i = end - 1; i >= 0; i--) {
      const l = lines[i];
      if (l.heading === level && usable(l)) return { title: dedupeRepeated(l.text), line: i };
    }
  }
  for (let i = end - 1; i >= 0 && i >= end - 8; i--) {
    const l = lines[i];
    if ((l.titleClass || l.emph) && usable(l) && l.text.length <= 150) return { title: dedupeRepeated(l.text), line: i };
  }
  if (refs.length) return { title: refs[0], line: -1 };
  return { title: null, line: -1 };
}

// ---------------------------------------------------------------------------------------------
// Line classification

/** A line of the article head: dates, times, source / author labels, counters, print links. */
function isMetaLine(text: string, tz: string): boolean {
  if (text.length > 200) return false;
  if (TODAY.test(text)) return false;
  if (LABEL_AT_START.test(text)) return true;
  if (/[。！？]$|[a-z]{2}[.!?]$/.test(text)) return false; // a sentence, not a dateline
  const dates = findDates(text, tz);
  if (!dates.length) return false;
  let rest = text;
  for (const d of dates) rest = rest.replace(d.match, ' ');
  rest = rest
    .replace(new RegExp(`(?:${LABEL_WORDS})\\s*[:：]`, 'gi'), ' ')
    .replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/g, ' ')
    .replace(/\b(?:gmt|utc|bjt|cst)\s*[+-]?\d*\b/gi, ' ')
    .replace(/\b(?:print|share|updated|by)\b/gi, ' ');
  const words = rest.match(/[A-Za-z0-9.'’-]+|[\u3400-\u9fff]/g) ?? [];
  const cjk = words.filter((w) => CJK.test(w)).length;
  const latin = words.length - cjk;
  return latin <= 6 && cjk <= 16;
}

function isBoilerLine(line: Line, title: string | null): boolean {
  const t = line.text;
  if (t.length <= 80 && BOILER_LINE.test(t)) return true;
  if (t.length <= 200 && BREADCRUMB_LINE.test(t)) return true;
  if (title && norm(dedupeRepeated(t)) === norm(title)) return true;
  if (line.linkRatio >= 0.6 && !line.hasFile) return true;
  return false;
}

function sourceFrom(text: string): string | null {
  const m = SOURCE_LABEL.exec(text);
  if (!m) return null;
  let v = text.slice(m.index + m[0].length);
  const cut = NEXT_LABEL.exec(v);
  if (cut) v = v.slice(0, cut.index);
  const d = findDates(v)[0];
  if (d) v = v.slice(0, d.index);
  v = v.replace(/^[\s:：]+|[\s)）\]】.,;，。；]+$/g, '').trim();
  return v && v.length <= 80 ? v : null;
}

function stripSourceLabel(text: string): string {
  return text.replace(/^\s*(?:sources?|来源|文章来源|信息来源|稿源|來源)\s*[:：]\s*/i, '').replace(/[\s)）\]】]+$/, '').trim();
}

function looksLikeGovBody(s: string): boolean {
  const v = s.trim();
  if (!v || v.length > 60) return false;
  if (CJK.test(v)) {
    if (v.split(/[、，,\s]+/).length > 2) return false;
    return ZH_GOV_BODY.test(v);
  }
  return EN_GOV_BODY.test(v) && !EN_MEDIA.test(v) && !v.includes(',');
}

function docNumberIn(text: string): string | null {
  const m = DOC_NUMBER.exec(text) ?? DOC_NUMBER_2.exec(text);
  return m ? m[0].replace(/\s+/g, '') : null;
}

// ---------------------------------------------------------------------------------------------

export function extractArticle(html: string, url: string, hints: ExtractHints = {}, tz = 'Asia/Shanghai'): Extracted {
  // htmlparser2 (cheerio's non-XML fast path) rather than parse5: the same result on every
  // fixture page and about three times faster, which is most of the pipeline's CPU per page.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const root = $.root()[0] as AnyNode;
  const page = measure(root);
  const baseUrl = resolveUrl(page.meta.base ?? undefined, url) ?? url;
  const walk = walkLines(page, baseUrl);
  const { lines } = walk;

  // Body
  const containers = pickContainers(page, walk, $, hints.body);
  const inBody = descendantsOf(containers);
  const bodyIdx: number[] = [];
  lines.forEach((l, i) => {
    if (l.block && inBody.has(l.block)) bodyIdx.push(i);
  });
  const rawStart = bodyIdx.length ? bodyIdx[0] : -1;
  const rawEnd = bodyIdx.length ? bodyIdx[bodyIdx.length - 1] : -1;

  // Title
  const picked = pickTitle(page, walk, rawStart, rawEnd, $, hints.title);
  const title = picked.title;

  // Body lines: trim the head (dates, sources, summaries) and the tail (source, editor lines).
  const kept: number[] = [];
  const headDropped: number[] = [];
  const tailDropped: number[] = [];
  let started = false;
  for (const i of bodyIdx) {
    const l = lines[i];
    if (i === picked.line) {
      if (!started) headDropped.push(i);
      continue;
    }
    if (isBoilerLine(l, title)) {
      if (!started) headDropped.push(i);
      continue;
    }
    if (!started && isMetaLine(l.text, tz)) {
      headDropped.push(i);
      continue;
    }
    if (started && l.text.length <= 150 && STRONG_LABEL_AT_START.test(l.text)) {
      tailDropped.push(i);
      continue;
    }
    started = true;
    kept.push(i);
  }
  // A summary printed above the body: a truncated copy of the first paragraph.
  while (kept.length >= 2) {
    const first = lines[kept[0]].text;
    const rest = kept.slice(1).map((i) => norm(lines[i].text));
    const lead = norm(first.replace(ELLIPSIS_END, ''));
    if (lead.length >= 10 && (ELLIPSIS_END.test(first) || lead.length < norm(lines[kept[1]].text).length) && rest.some((r) => r.startsWith(lead))) {
      headDropped.push(kept.shift()!);
    } else break;
  }
  // Trailing date / meta lines (a dateline or "Editor:" after the last paragraph).
  while (kept.length) {
    const last = lines[kept[kept.length - 1]].text;
    if (last.length <= 150 && LABEL_AT_START.test(last)) {
      tailDropped.push(kept.pop()!);
    } else break;
  }
  const paragraphs = kept.map((i) => lines[i].text);
  const text = paragraphs.join('\n\n');
  const bodyStart = kept.length ? kept[0] : rawStart;
  const bodyEnd = kept.length ? kept[kept.length - 1] : rawEnd;

  // Header region: between the title line and the first paragraph, plus the dropped head lines.
  const header: number[] = [];
  if (bodyStart >= 0) {
    const from = picked.line >= 0 && picked.line < bodyStart ? Math.max(picked.line + 1, bodyStart - 15) : Math.max(0, bodyStart - 8);
    const set = new Set(headDropped.filter((i) => i !== picked.line));
    for (let i = from; i < bodyStart; i++) set.add(i);
    header.push(...[...set].sort((a, b) => a - b));
  } else if (picked.line >= 0) {
    for (let i = picked.line + 1; i < Math.min(lines.length, picked.line + 8); i++) header.push(i);
  }
  const headerLines = header.map((i) => lines[i]).filter((l) => l.linkRatio < 0.5 && l.text.length <= 240 && !(l.listItem && l.linkRatio > 0));
  const after: Line[] = [];
  if (bodyEnd >= 0) {
    for (const i of tailDropped) after.push(lines[i]);
    for (let i = bodyEnd + 1; i < lines.length && after.length < 14; i++) if (!tailDropped.includes(i)) after.push(lines[i]);
  }
  const afterLines = after.filter((l) => l.linkRatio < 0.5 && l.text.length <= 240 && !(l.listItem && l.linkRatio > 0));

  // Published
  // Date / source lines right above the title in the same part of the page (news.cn prints them
  // there), and date lines right after the body.
  const aboveTitle: Line[] = [];
  if (picked.line > 0) {
    const home = new Set(ancestorsUpTo(lines[picked.line].block, 2));
    for (let i = picked.line - 1; i >= Math.max(0, picked.line - 3); i--) {
      const l = lines[i];
      if (l.linkRatio === 0 && !l.listItem && ancestorsUpTo(l.block, 2).some((a) => home.has(a)) && isMetaLine(l.text, tz)) aboveTitle.push(l);
    }
  }
  const justAfter = after.slice(0, 3).filter((l) => l.linkRatio === 0 && !l.listItem && !l.heading && isMetaLine(l.text, tz));
  const published = pickPublished(page, $, hints.date, headerLines, afterLines, lines, paragraphs, tz, [...aboveTitle, ...justAfter]);

  // Source line
  let source: string | null = null;
  for (const t of [...joined(headerLines), ...joined(afterLines)]) {
    source = sourceFrom(t);
    if (source) break;
  }
  for (const l of source ? [] : aboveTitle) {
    source = sourceFrom(l.text);
    if (source) break;
  }
  if (!source) {
    for (const mark of walk.sourceMarks) {
      if (bodyStart >= 0 && (mark.at > bodyStart || (picked.line >= 0 && mark.at < picked.line - 3))) continue;
      const v = stripSourceLabel(elementText(mark.el));
      if (v && v.length <= 80 && !findDates(v, tz).length) {
        source = v;
        break;
      }
    }
  }
  if (!source) {
    const v = page.meta.byName.get('contentsource') ?? page.meta.byName.get('source');
    if (v && collapse(v)) source = collapse(v);
  }

  // Document number: a labelled one, else a number standing alone in the head or the first lines.
  let docNumber: string | null = null;
  for (const [k, l] of lines.entries()) {
    const m = DOC_NUMBER_LABEL.exec(l.text);
    if (m) {
      docNumber = docNumberIn(m[1] || lines[k + 1]?.text || '');
      if (docNumber) break;
    }
  }
  if (!docNumber) {
    for (const t of [...headerLines.map((l) => l.text), ...paragraphs.slice(0, 4)]) {
      const d = docNumberIn(t);
      if (d && t.replace(/\s+/g, '').length <= d.length + 12) {
        docNumber = d;
        break;
      }
    }
  }

  // Issuer: a labelled issuing body, a signature closing a document, or a source naming a government body.
  let issuer: string | null = null;
  for (const [k, l] of lines.entries()) {
    const m = ISSUER_LABEL.exec(l.text);
    if (m) {
      const v = collapse((m[1] || lines[k + 1]?.text || '').split(NEXT_LABEL)[0] ?? '');
      if (v && v.length <= 60) {
        issuer = v;
        break;
      }
    }
  }
  if (!issuer && paragraphs.length >= 2) {
    const tail = paragraphs.slice(-4);
    for (let i = tail.length - 2; i >= 0; i--) {
      const name = tail[i];
      const next = tail[i + 1];
      if (name.length <= 40 && looksLikeGovBody(name) && next.length <= 30 && findDates(next, tz).length && isMetaLine(next, tz)) {
        issuer = name;
        break;
      }
    }
  }
  if (!issuer && source && looksLikeGovBody(source)) issuer = source;
  if (!issuer) {
    const v = page.meta.byName.get('contentsource');
    if (v && looksLikeGovBody(collapse(v))) issuer = collapse(v);
  }

  // Canonical URL: <link rel=canonical>, else og:url; a canonical pointing at the site root is bogus.
  let canonicalUrl: string | null = null;
  for (const href of [page.meta.canonical, page.meta.ogUrl]) {
    const abs = resolveUrl(href ?? undefined, baseUrl);
    if (!abs) continue;
    try {
      const c = new URL(abs);
      const p = new URL(url);
      if (/^\/(?:index\.s?html?)?$/.test(c.pathname) && !/^\/(?:index\.s?html?)?$/.test(p.pathname)) continue;
    } catch {
      continue;
    }
    canonicalUrl = abs;
    break;
  }

  return {
    title,
    text,
    published,
    lang: detectLang(`${title ?? ''} ${text}`),
    issuer,
    docNumber,
    attachments: [...new Set(walk.attachments)].sort(),
    canonicalUrl,
    source,
  };
}

const META_DATE_KEYS = [
  'pubdate', 'publishdate', 'publish_date', 'publish-date', 'publishtime', 'pubtime', 'published_time', 'published-date',
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'datepublished',
  'dc.date.issued', 'dc.date', 'dc.date.created', 'dcterms.issued', 'dcterms.date', 'dcterms.created', 'firstpublishedtime',
  'releasedate', 'release_date', 'sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'weibo:article:create_at',
];

function pickPublished(page: Page, $: cheerio.CheerioAPI, dateHint: string | undefined, header: Line[], after: Line[], all: Line[], paragraphs: string[], tz: string, near: Line[]): string | null {
  if (dateHint) {
    const d = parsePublished(collapse($(dateHint).first().text()), tz);
    if (d) return d;
  }
  for (const node of page.meta.jsonLd) {
    const v = node.datePublished ?? node.dateCreated;
    if (typeof v === 'string') {
      const d = parseDateValue(v, tz);
      if (d) return d;
    }
  }
  for (const key of META_DATE_KEYS) {
    const v = page.meta.byName.get(key);
    if (v) {
      const d = parseDateValue(v, tz);
      if (d) return d;
    }
  }
  // <time itemprop="datePublished" datetime="…"> and <time pubdate>
  if (page.meta.timeValue) {
    const d = parseDateValue(page.meta.timeValue, tz);
    if (d) return d;
  }
  // The article head: a publish label first, then any date label, then the first date.
  const head = joined(header);
  for (const t of head) {
    const d = labelledDate(t, tz, true);
    if (d) return d;
  }
  for (const t of head) {
    const d = labelledDate(t, tz);
    if (d) return d;
  }
  for (const t of head) {
    const d = findDates(t, tz)[0];
    if (d && isMetaLine(t, tz)) return d.value;
  }
  // A labelled date line after the body ("Date: 2018-03-26 10:50").
  for (const t of joined(after)) {
    const d = labelledDate(t, tz);
    if (d) return d;
  }
  // A publish-labelled date anywhere outside furniture and link lists (government information tables).
  const usable = all.filter((l) => l.linkRatio < 0.5 && l.text.length <= 120 && !(l.listItem && l.linkRatio > 0));
  for (const t of joined(usable)) {
    const d = labelledDate(t, tz, true);
    if (d) return d;
  }
  // A bare date line right above the title or right after the body.
  for (const l of near) {
    const d = findDates(l.text, tz)[0];
    if (d) return d.value;
  }
  // A release or signature date closing the body (2023年9月14日（星期四）, 二〇二四年四月八日).
  for (const p of paragraphs.slice(-3).reverse()) {
    if (p.length <= 30) {
      const ds = findDates(p, tz);
      const rest = ds.length === 1 ? p.replace(ds[0].match, '').replace(WEEKDAY, '').replace(/[\s()（）,，]/g, '') : 'x'.repeat(9);
      if (rest.length <= 2) return ds[0].value;
    }
  }
  return null;
}

/** Line texts, a bare label cell ("发布日期：") joined with the value cell that follows it. */
function joined(lines: Line[]): string[] {
  return lines.map((l, i) => (/^[^:：]{1,14}[:：]$/.test(l.text) && lines[i + 1] ? `${l.text} ${lines[i + 1].text}` : l.text));
}

/** The date right after a date label in `text` ("发布时间：2024-04-08", "Updated: Apr 8, 2024"). */
function labelledDate(text: string, tz: string, publishOnly = false): string | null {
  if (TODAY.test(text)) return null;
  for (const d of findDates(text, tz)) {
    const before = text.slice(Math.max(0, d.index - 24), d.index);
    if ((publishOnly ? PUBLISH_LABEL : DATE_LABEL).test(before)) return d.value;
  }
  return null;
}
