// Article extraction: HTML of one article page → title, publish date, body without boilerplate,
// language, issuer, document number. A pure function of (html, url, hints), so the fetch worker,
// `silkwatch extract` and the tests all see the same result.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parsePublished } from './dates.js';

/** Bump when extraction changes: new versions made only by a new extractor re-baseline silently. */
export const EXTRACTOR_VERSION = 1;

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
  issuer: string | null;
  docNumber: string | null;
  attachments: string[];
}

// Containers that real government CMSs (TRS WCM, China Daily, Zhejiang's site) put the article in.
const BODY_SELECTORS = ['.TRS_Editor', '#Zoom', '#zoom', '.article-content', '.article', '#Content', '.content', 'article', 'main'];
// Page furniture: never article text.
const BOILERPLATE = 'script, style, noscript, template, iframe, form, nav, header, footer, aside, select, button';
const BOILERPLATE_NAMES = /(^|[-_\s])(nav|navbar|menu|header|footer|sidebar|side|share|sharing|breadcrumb|crumbs|related|copyright|print|toolbar|pagination|pager|search|login|ad|ads|banner)([-_\s]|$)/i;
const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre, tr';
const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|wps|ofd)(\?|$)/i;
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,10}[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号/;
const DATE_LINE = /^(updated|post(ed)? time|published|release date|date|source|发布时间|发布日期|来源|时间)\s*[:：]/i;

const clean = (s: string) => s.replace(/\u00a0/g, ' ').replace(/[ \t\r\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();

export function detectLang(text: string): 'en' | 'zh' {
  const sample = text.slice(0, 5000);
  const cjk = (sample.match(/[\u3400-\u9fff\uf900-\ufaff]/g) ?? []).length;
  const latin = (sample.match(/[A-Za-z]/g) ?? []).length;
  // One Chinese character carries about as much as a short English word (~4.5 letters).
  return cjk * 4 > latin ? 'zh' : 'en';
}

function isBoilerplate(el: Element): boolean {
  const names = `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
  return BOILERPLATE_NAMES.test(names);
}

function pickTitle($: cheerio.CheerioAPI, hint?: string): string | null {
  const candidates = [
    hint ? $(hint).first().text() : '',
    $('h1').first().text(),
    $('meta[property="og:title"]').attr('content') ?? '',
    $('meta[name="ArticleTitle"]').attr('content') ?? '',
    ($('title').first().text() ?? '').split(/\s[-_|]\s/)[0],
  ];
  for (const c of candidates) {
    const t = clean(c ?? '').replace(/\n/g, ' ');
    if (t) return t;
  }
  return null;
}

function textLength($: cheerio.CheerioAPI, el: AnyNode): number {
  return clean($(el).text()).length;
}

/** The element holding the article: the hint, a known CMS container, else the densest block. */
function pickBody($: cheerio.CheerioAPI, hint?: string): cheerio.Cheerio<AnyNode> {
  for (const selector of hint ? [hint, ...BODY_SELECTORS] : BODY_SELECTORS) {
    const found = $(selector).filter((_, el) => textLength($, el) > 80);
    if (found.length) return found.first();
  }
  // Score each container by the text of its own paragraphs; the article is where they cluster.
  let best: AnyNode | null = null;
  let bestScore = 0;
  $('p').each((_, p) => {
    const parent = p.parent;
    if (!parent) return;
    const score = $(parent).children('p').toArray().reduce((sum, child) => sum + textLength($, child), 0);
    if (score > bestScore) {
      bestScore = score;
      best = parent;
    }
  });
  return best ? $(best) : $('body');
}

function paragraphsOf($: cheerio.CheerioAPI, body: cheerio.Cheerio<AnyNode>): string[] {
  const blocks = body.find(BLOCKS).filter((_, el) => $(el).find(BLOCKS).length === 0);
  const raw = blocks.length ? blocks.toArray().map((el) => $(el).text()) : body.text().split(/\n\s*\n/);
  return raw.map((t) => clean(t).replace(/\n/g, ' ')).filter(Boolean);
}

export function extractArticle(html: string, url: string, hints: ExtractHints = {}, tz = 'Asia/Shanghai'): Extracted {
  const $ = cheerio.load(html);
  const title = pickTitle($, hints.title);

  const attachments = new Set<string>();
  $('a[href]').each((_, a) => {
    const href = $(a).attr('href') ?? '';
    if (!ATTACHMENT.test(href)) return;
    try {
      attachments.add(new URL(href, url).toString());
    } catch {
      /* an unparsable href is not an attachment */
    }
  });

  // Date: the hint, metadata, then the first dated line in the page (where sources print it).
  const dateSources = [
    hints.date ? $(hints.date).first().text() : '',
    $('meta[name="PubDate"]').attr('content') ?? '',
    $('meta[name="publishdate"]').attr('content') ?? '',
    $('meta[property="article:published_time"]').attr('content') ?? '',
  ];
  $(BOILERPLATE).remove();
  $('*').filter((_, el) => el.type === 'tag' && isBoilerplate(el as Element)).remove();
  const body = pickBody($, hints.body);
  dateSources.push(clean($('body').text()).slice(0, 4000));
  let published: string | null = null;
  for (const candidate of dateSources) {
    published = candidate ? parsePublished(candidate, tz) : null;
    if (published) break;
  }

  const paragraphs = paragraphsOf($, body).filter((p) => p !== title && !DATE_LINE.test(p) && !(p.length < 40 && parsePublished(p, tz)));
  const text = paragraphs.join('\n\n');
  const docNumber = (text.match(DOC_NUMBER) ?? [null])[0];
  return {
    title,
    text,
    published,
    lang: detectLang(`${title ?? ''} ${text}`),
    issuer: null,
    docNumber,
    attachments: [...attachments].sort(),
  };
}
