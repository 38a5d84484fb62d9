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
import type { AnyNode } from 'domhandler';
import { findDates } from './dates.js';
import { DOC_NUMBER_LABEL, LABEL_AT_START, STRONG_LABEL_AT_START, NEXT_LABEL, ISSUER_LABEL, ELLIPSIS_END } from './extract/vocabulary.js';
import { collapse, norm, elementText, resolveUrl, detectLang } from './extract/text.js';
import { measure } from './extract/measure.js';
import { type Line, walkLines } from './extract/lines.js';
import { descendantsOf, ancestorsUpTo, pickContainers } from './extract/body.js';
import { pickTitle } from './extract/title.js';
import { isMetaLine, isBoilerLine, sourceFrom, stripSourceLabel, looksLikeGovBody, docNumberIn } from './extract/classify.js';
import { pickPublished, joined } from './extract/published.js';

export { dedupeRepeated, detectLang } from './extract/text.js';

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


/** One parse and walk of a page: its lines, the body picked, the title, and the body lines kept
 *  (`kept`, indices into `lines`) with those dropped from its head and tail. */
function walkPage(html: string, url: string, hints: ExtractHints, tz: string) {
  // htmlparser2 (cheerio's non-XML fast path) rather than parse5: the same result on every
  // fixture page and about three times faster, which is most of the pipeline's CPU per page.
  // Start and end indices: where each body line stands in the page (articleSpans).
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true, withStartIndices: true, withEndIndices: true } });
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
  return { $, page, baseUrl, walk, lines, rawStart, rawEnd, picked, title, kept, headDropped, tailDropped };
}

/**
 * Where the article's body paragraphs stand in the page's HTML: for each paragraph extractArticle
 * keeps (its `text`), in order, the [start, end) offsets of the text nodes it reads (no markup in
 * them, only text and character references); empty when the page has no body. For a reader that
 * must quote the page verbatim (classifier/normalise.ts reads a whole page given as a text so).
 */
export function articleSpans(html: string, url = 'http://localhost/', tz = 'Asia/Shanghai'): [number, number][][] {
  const { lines, kept } = walkPage(html, url, {}, tz);
  return kept
    .map((i) => {
      const r = lines[i].ranges;
      const out: [number, number][] = [];
      for (let k = 0; k < r.length; k += 2) if (r[k + 1] > r[k]) out.push([r[k], r[k + 1]]);
      return out;
    })
    .filter((p) => p.length);
}

export function extractArticle(html: string, url: string, hints: ExtractHints = {}, tz = 'Asia/Shanghai'): Extracted {
  const { $, page, baseUrl, walk, lines, rawStart, rawEnd, picked, title, kept, headDropped, tailDropped } = walkPage(html, url, hints, tz);
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
