// Article extraction, pass 2: walk the measured page in document order into lines, leaving out
// furniture (nav, footer, share bars, …) and collecting attachment links and source-classed
// elements. Its Walk feeds body, title and metadata selection in crawlers/extract.ts.
import type { AnyNode, Element } from 'domhandler';
import { SKIP_TAGS, BLOCK_TAGS, BOILER_TAGS, BOILER_WORDS, BOILER_SUBSTR, ATTACHMENT } from './vocabulary.js';
import { weight, collapse, wordsOf, isHidden, classNames, resolveUrl } from './text.js';
import type { Stats, Page } from './measure.js';

export interface Line {
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
  /** Where the line's text nodes stand in the page's HTML, as flat [start, end) pairs, when the
   *  parser kept indices (extract.ts walkPage); empty otherwise. Only the text the line reads:
   *  no tag, and nothing of an element the walk left out (a hidden span, a button). */
  ranges: number[];
}

interface SourceMark {
  el: Element;
  at: number; // lines.length when the element was entered
}

export interface Walk {
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

export function walkLines(page: Page, baseUrl: string): Walk {
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
  let bufRanges: number[] = [];

  const flush = () => {
    const text = collapse(buf);
    if (text) {
      const b = bufBlock as Element | null;
      const listItem = !!b && (b.name === 'li' || b.name === 'dt' || b.name === 'dd');
      lines.push({ text, block: bufBlock, w: bufW, linkRatio: bufW ? bufLink / bufW : 0, heading: bufHeading, titleClass: bufTitleClass, hasFile: bufFile, emph: bufW > 0 && bufEmph >= bufW, listItem, ranges: bufRanges });
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
    bufRanges = [];
  };

  const visit = (n: AnyNode, block: Element | null, inLink: boolean, heading: number, titleClass: boolean, insideArticle: boolean, depth: number, emph = false) => {
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      if (!data) return;
      const w = weight(data);
      if (!bufHasText && w === 0) return;
      bufHasText = true;
      const at = n as unknown as { startIndex: number | null; endIndex: number | null };
      if (at.startIndex !== null && at.endIndex !== null) bufRanges.push(at.startIndex, at.endIndex + 1);
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
