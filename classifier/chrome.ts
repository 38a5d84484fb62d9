// Page chrome left in a text given to the classifier: a site's menu or breadcrumb line, a "related
// stories" list, a copyright footer, a line of page metadata ("来源：中国一带一路网", "Updated: … Source:
// Belt and Road Portal"). The crawler's extractor drops these from a page (extract/), but a text
// pasted or exported from elsewhere into `silkwatch classify --json` may still carry them, and a menu
// item "Belt and Road", a related headline naming the initiative or the portal's name in a footer is
// no word of the article: one such line made 132 of the 1,109 labelled articles change their
// judgement (scratch measurement, session twenty). The classifier reads such lines as blank (same
// length, line breaks kept, so every offset and every evidence sentence stays verbatim).
//
// Only whole lines are blanked, and only lines no article sentence looks like (classify.ts blanks
// them after hard-wrapped lines are joined, so a wrapped paragraph is one line): a menu has four or
// more short items between separators (three after Home / 首页 or between > › », two after a
// breadcrumb's lead-in, or two after Home above the text's first line of content: "Home >Belt and
// Road Initiative"; a breadcrumb may end in the headline itself) and no punctuation, figure or
// quotation mark, and is no row of a table; a menu one item a line starts with Home / 首页 at the
// text's start (below at most the site's name and a language switch); a related list is the
// headline-like lines right after a heading such as "Related stories", "Latest" alone or 相关新闻 (a
// question or exclamation between them too), and a previous / next link holds one; a footer line
// is short, holds ©, "All rights reserved", 版权所有 or a site registration number near its start and no sentence end (not 主办单位：, which an event's notice
// lists as content); a metadata line is short, holds no sentence end, quotation or 《title》 and starts
// with a field such as "Source:" or 来源：, or is a byline ("By Zhao Yang", 本报记者 杜雨萌, 文|财新 曾佳)
// where a byline stands, or, above the text's first line of content, a date alone ("2023/12/07
// 14:59", 2024年9月25日). A bracketed "(Source: …)" at a paragraph's end is blanked
// as well, unless it cites a 《document》. So is the headline printed again as the text's first line
// (after any chrome; compared without spaces, punctuation, symbols or case): read twice, it would
// be the text's lead in place of the article's first paragraph (a labelled Chinese hard negative,
// zh-479, went 0.646 → 0.236 without it; the labelled articles with their headline printed again
// changed 14 relevance judgements of 1,109, and none now). A second and a third reviewer's cases
// are in test/chrome.test.ts.

const isCjkText = (t: string) => /[\u3400-\u9fff]/.test(t);

/** Separators of a menu or breadcrumb: | ｜ > › » and a tab (any spacing), and · • between spaces. */
const MENU_SEPARATOR = /\s*[|｜>›»\t]\s*|\s+[·•]\s+/;
/** What no menu item holds: sentence or clause punctuation, a figure, quotation marks (a headline's
 *  "两会｜代表委员｜共建“一带一路”走深走实" is no menu). */
const NOT_MENU = /[.。!！?？,，;；、0-9０-９"“”‘’「」『』《》]/;
/** A breadcrumb's lead-in ("当前位置：首页 > 新闻", "You are here: Home > News"). */
const BREADCRUMB_START = /^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|所在位置|you are here|location)\s*[:：]\s*/i;
const MENU_ITEM_MAX = 30;
const MENU_ITEM_MAX_ZH = 8;

// (Its first characters are listed again in HOME_FIRST: a new form starting otherwise goes there too.)
const HOME_ITEM = /^(?:home(?:\s*page)?|homepage|首[页頁]|主[页頁]|[网網]站首[页頁])$/i;
/** Whether a line is a menu or a breadcrumb: short items (CJK ones of a few characters) between
 *  separators, at least four, or three when the first is Home / 首页 or the separators are a
 *  breadcrumb's > › », two after a breadcrumb lead-in. ("两会｜代表委员｜共建一带一路走深走实" and
 *  "Exclusive | Belt and Road | Ten years on" are headlines. A table's row has the same form:
 *  chromeSpans tells the two apart by the rows around it.) */
export function isMenuLine(line: string): boolean {
  let t = line.trim();
  if (t.length > CHROME_LINE_MAX) return false;
  const lead = BREADCRUMB_START.exec(t);
  if (lead) t = t.slice(lead[0].length);
  if (NOT_MENU.test(t) || !MENU_SEPARATOR.test(t)) return false;
  const items = t.split(MENU_SEPARATOR).map((x) => x.trim()).filter(Boolean);
  const least = lead ? 2 : HOME_ITEM.test(items[0]) || /[>›»]/.test(t) ? 3 : 4;
  return items.length >= least && items.every((x) => x.length <= (isCjkText(x) ? MENU_ITEM_MAX_ZH : MENU_ITEM_MAX));
}
/** A row's shape: its first separator and how many cells it splits into (empty ones too), or '' for
 *  no separator. Rows of one shape next to each other are a table, whatever their cells hold. */
const TABLE_SEPARATOR = /[|｜\t]/;
function rowShape(line: string): string {
  const sep = TABLE_SEPARATOR.exec(line);
  return sep ? `${sep[0]}${line.trim().replace(/^[|｜]|[|｜]$/g, '').split(sep[0]).length}` : '';
}

/** The longest line a byline may stand under as under a heading. */
const HEADING_LINE_MAX = 150;
/** No chrome line is longer (a menu line's limit; footers, metadata and headlines are shorter). */
const CHROME_LINE_MAX = 300;

/** The heading of a list of other articles' headlines. */
const RELATED_HEADING =
  /^[【\[〔]?(?:related(?:\s+(?:stories|news|articles|links|reading|reports|coverage|content|posts))?|read more|more (?:news|stories)|see also|also read|you (?:may|might) also like|recommended(?: for you| stories| reading)?|editor'?s'? picks?|most (?:read|popular|viewed)|top (?:news|stories)|latest (?:news|stories|articles|updates)|相[关關](?:新[闻聞]|[阅閱][读讀]|[链鏈]接|[报報][道导導]|文章|稿件|[资資][讯訊]|推[荐薦])|延伸[阅閱][读讀]|推[荐薦][阅閱][读讀]|更多(?:新[闻聞]|精彩|[资資][讯訊])|[热熱][点點]新[闻聞]|[热熱][门門](?:推[荐薦]|新[闻聞]|文章)|猜你喜[欢歡]|精彩推[荐薦]|最新(?:新[闻聞]|[资資][讯訊])|trending(?: now| stories)?|more from [^:：.。]{1,40}|[为為]您推[荐薦]|往期(?:回[顾顧]|推[荐薦]))[】\]〕]?\s*(?:[:：>»]\s*(.*))?$/i;
/** "Latest" alone on its line heads a box of headlines too; with a headline after it ("LATEST: …")
 *  it is a live report's prefix, text. */
const LATEST = /^[【\[〔]?latest[】\]〕]?$/i;
/** A breadcrumb's separators: a line without one is no breadcrumb (a quick test before the rules). */
const CRUMB = /[>›»]/;
/** The characters HOME_ITEM starts with: a (trimmed) line starting otherwise is no breadcrumb, whose
 *  first item is Home, and this look at one character spares CRUMB's scan of every line. */
const HOME_FIRST = new Set([...'hH首主网網'].map((c) => c.charCodeAt(0)));
/** A headline in such a list: short, not ending as a sentence does (a list's bullet or date may lead it). */
const HEADLINE_MAX = 150;
const HEADLINE_MAX_ZH = 60;
const ENDS_SENTENCE = /[.。!！?？;；:：]["”’」』)）]*$/;
/** A link to the previous or next article, with its headline: "Next: …", 上一篇：…. */
const PREVIOUS_NEXT = /^(?:(?:previous|prev|next)(?:\s+(?:article|story|post))?|上一篇|下一篇|上一[条條]|下一[条條])\s*[:：]\s*(.+)$/i;
/** A line of a headline's length that does not end as `ends` says. */
const headlineShaped = (t: string, ends: RegExp) => t.length > 0 && t.length <= (isCjkText(t) ? HEADLINE_MAX_ZH : HEADLINE_MAX) && !ends.test(t);
const isHeadlineLine = (t: string) => headlineShaped(t, ENDS_SENTENCE);
/** A headline may also ask or exclaim ("Is the 'Silk Road' unravelling?", “…实现‘双百万’!”): in a
 *  list, such a line counts only between headlines — after one of the list with another after it,
 *  or first with two after it. (A question after a lone heading, or after the list and before the
 *  text's next paragraph, is the text's.) */
const ENDS_STATEMENT = /[.。;；:：]["”’」』)）]*$/;
const isAskingHeadline = (t: string) => headlineShaped(t, ENDS_STATEMENT);
/** A list item's bullet at a line's start (also classify.ts: evidence is shown without it). */
export const BULLET = /^[-•*·–]\s+/;
const unbulleted = (t: string) => t.replace(BULLET, '');

/** A footer line: a copyright notice or a site's registration. */
const FOOTER =
  /©|\ball rights reserved\b|版[权權]所有(?![者人的权權方])|ICP[备備证證]\s*[0-9０-９]|公[网網]安[备備]\s*[0-9０-９]|[网網]站[标標]识码|[网網]站[标標]識碼/i;
/** A footer is a line of its own, not a paragraph a credit was run onto ("…合作。（本文版权所有，转载请注明出处）"):
 *  short, no sentence's end in it, its mark near its start with no clause before it. */
const FOOTER_MAX = 120;
const FOOTER_MARK_BY = 24;
const isFooter = (t: string) => {
  if (t.length > FOOTER_MAX || /[。！？!?]/.test(t)) return false;
  const m = FOOTER.exec(t);
  return m !== null && m.index <= FOOTER_MARK_BY && !/[,，]/.test(t.slice(0, m.index));
};

/** A line of page metadata: a field label at its start ("Source:", "Updated:", 来源：, 责任编辑：, or a date before one). */
const META =
  /^(?:(?:19|20)\d\d[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?\s*)?(?:updated|source|editor|author|published|release(?:d)? (?:date|time)|(?:信息|新[闻聞])?[来來]源|稿源|作者|[编編][辑輯]|[责責]任[编編][辑輯]|[发發][布佈](?:[时時][间間]|日期)|字[号號])\s*[:：]/i;
const META_MAX = 120;
const SENTENCE_END = /[。！？!?]|\.\s+\S/;
/** A metadata line names an outlet, not a document or a quotation (来源：《…愿景与行动》 is a citation). */
const isMeta = (t: string, atTop: () => boolean, atEdge: () => boolean) =>
  t.length <= META_MAX && (META.test(t) || (BYLINE.test(t) && atEdge()) || (DATE_LINE.test(t) && atTop())) && !SENTENCE_END.test(t) && !/[《“"]/.test(t);
/** A byline on a line of its own, above the text's second line of content or as its last line:
 *  "By Wang Wei and Li Na | China Daily", "By CGTN's Li Na"; 记者 王伟 李娜, （记者 王伟）, 文/王伟 (not
 *  "By 2030, …" or "By the end of …": names only; not a heading "By Land and Sea" within the text, nor
 *  记者会上 or 文化交流). */
const BYLINE =
  /^(?:[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|&|\band\b)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*(?:\s*[|｜]\s*[^|｜]{1,60})*|[(（]?(?:(?:本报)?(?:记者|記者|通讯员|通訊員)(?![会會招手节節站证證])\s*[:：|｜/]?|(?:文|撰文|文\/图|文\/圖|图\/文|圖\/文)\s*[:：|｜/])\s*[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,4}[)）]?)$/;
/** A line that is a date (and time) alone, maybe labelled: "2024-05-12 10:30", "Updated: May 12, 2024",
 *  2024年05月12日 10:30 — above the text's first line of content only (chrome and the headline printed
 *  again may stand before it): a notice's date under its issuer's name at the end is the document's
 *  own (国务院 / 2023年11月26日). */
const DATE_LINE =
  /^(?:(?:updated|published|posted|released)\s*:?\s*)?(?:(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:19|20)\d\d年\d{1,2}月\d{1,2}日|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d)(?:\s+\d{1,2}:\d\d(?::\d\d)?)?(?:\s*(?:\(?(?:gmt|utc|bjt|cst)(?:\s*[+-]\s*\d{1,2})?\)?))?$/i;

/** A bracketed source credit at a paragraph's end: "(Source: Belt and Road Portal)", （来源：中国一带一路网）. */
const SOURCE_CREDIT = /[(（【[](?:source|来源|來源)[ \t]*[:：][^()（）【】[\]\n《“"]{1,60}[)）】\]][ \t]*(?=\r?$)/i;
/** The brackets that close a credit, and how far back from its line's end one can start. */
const CREDIT_CLOSERS = new Set([...')）】]'].map((c) => c.charCodeAt(0)));
const CREDIT_REACH = 100;

/** A menu written one item a line (a page's navigation copied with the text): at least three lines
 *  at the text's start (below at most two short lines: the site's name, a language switch), the first
 *  its home page's link (Home, 首页), each a few words at most, with no punctuation or figure, before
 *  the text goes on. (A list of projects or a subtitle opening the text has no home link.) */
const MENU_RUN_MIN = 3;
const isMenuItemLine = (t: string) => t.length <= (isCjkText(t) ? 10 : 25) && !NOT_MENU.test(t) && !/[:：()（）"“”'‘’「」《》]/.test(t);
/** Lines a page prints above its menu: its name (a domain, "govt.chinadaily.com.cn", or a name
 *  ending in 网: 中国经济网) or a language switch ("中文 | English | Set as homepage"); at most two. */
const ABOVE_MENU_MAX = 2;
const isAboveMenuLine = (t: string) => t.length <= 40 && (/^(?:[\w-]+\.)+(?:cn|com|org|net|gov|int)$|[网網]$/i.test(t) || (/[|｜]/.test(t) && /中文|english|繁[體体]|简体/i.test(t)));
/** How many of the text's first lines (non-empty, trimmed) are such a menu with the lines above
 *  it, or 0. */
function leadingMenu(lines: { t: string }[]): number {
  for (let first = 0; first <= ABOVE_MENU_MAX && first < lines.length; first++) {
    if (first > 0 && !isAboveMenuLine(lines[first - 1].t)) break;
    if (!HOME_ITEM.test(lines[first].t)) continue;
    let n = first;
    while (n < lines.length && isMenuItemLine(lines[n].t)) n++;
    // (nothing after it: the short lines are the text; the site's name and language switch above
    // it go with it)
    return n - first >= MENU_RUN_MIN && n < lines.length ? n : 0;
  }
  return 0;
}

/** The spans of [from, text.length) to read as blank: whole lines of chrome and bracketed source credits. */
export function chromeSpans(text: string, from = 0): [number, number][] {
  const lines: { a: number; b: number; t: string }[] = [];
  for (let a = from; a < text.length; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = text.length;
    const t = text.slice(a, b).trim();
    if (t) lines.push({ a, b, t });
    a = b + 1;
  }
  const menuLines = leadingMenu(lines);
  const out: [number, number][] = lines.slice(0, menuLines).map(({ a, b }) => [a, b]);
  // (a row's shape only where a menu line needs it: a scan of every line for a separator costs more
  // than all the rules)
  const shapes: (string | undefined)[] = [];
  const shapeOf = (x: number) => (x < 0 || x >= lines.length ? undefined : (shapes[x] ??= rowShape(lines[x].t)));
  let related = false;
  let listed = 0; // headlines of the related list so far
  // Above the text's first line of content: no line but chrome yet, or only the headline printed again.
  let content = 0;
  let firstContent = '';
  let repeatsTitle: boolean | undefined; // whether that first line of content is the headline printed again
  let titleKey: string | undefined;
  const keyOfTitle = () => (titleKey ??= headlineKey(text.slice(0, from - 2)));
  const before = () => content - (content > 0 && (repeatsTitle ??= from >= 3 && headlineKey(firstContent) === keyOfTitle()) ? 1 : 0);
  const atTop = () => before() === 0;
  // A byline's place: above the second line of content, under a heading (a title or a subtitle within
  // the text: "…Anniversary of the Proposal…\n\nBy Shen Yang"), or last.
  let previous = '';
  const atEdge = (x: number) => before() <= 1 || x === lines.length - 1 || (previous.length <= HEADING_LINE_MAX && !ENDS_SENTENCE.test(previous));
  // A breadcrumb (Home first, items between > › », no | in it) is chrome when it ends with the
  // article's headline ("Home > News > BRI reports 285 percent increase in credit", the items between
  // a menu's), or when it is Home and one section above the text's first line of content ("Home >Belt
  // and Road Initiative"; "Home > Away" in a results table is content).
  const isCrumb = (t: string) => {
    if (!HOME_FIRST.has(t.charCodeAt(0)) || !CRUMB.test(t) || /[|｜]/.test(t)) return false;
    const items = t.split(/\s*[>›»]\s*/).map((i) => i.trim());
    if (items.length < 2 || !HOME_ITEM.test(items[0])) return false;
    const last = items[items.length - 1];
    if (from >= 3 && items.slice(1, -1).every((i) => isMenuItemLine(i)) && headlineKey(last) === keyOfTitle()) return true;
    return items.length === 2 && isMenuItemLine(last) && atTop();
  };
  const headlineAt = (y: number) => y < lines.length && isHeadlineLine(unbulleted(lines[y].t));
  lines.forEach(({ a, b, t }, x) => {
    if (x < menuLines) return;
    // (a line longer than any rule's reach is text, and ends a related list)
    if (t.length > CHROME_LINE_MAX) {
      related = false;
      if (content++ === 0) firstContent = t;
      previous = t;
      return;
    }
    let chrome = false;
    if (related && (isHeadlineLine(unbulleted(t)) || (isAskingHeadline(unbulleted(t)) && headlineAt(x + 1) && (listed > 0 || headlineAt(x + 2))))) {
      chrome = true;
      listed++;
    } else {
      listed = 0;
      // A heading, alone or with the first headline after it ("Related: …").
      const heading = RELATED_HEADING.exec(t) ?? (t.length <= 8 ? LATEST.exec(t) : null);
      related = heading !== null && (!heading[1] || isHeadlineLine(heading[1]));
      const link = PREVIOUS_NEXT.exec(t);
      // A menu line, not a table's row: no row next to it has as many items.
      const menu = (isMenuLine(t) && (!shapeOf(x) || (shapeOf(x - 1) !== shapeOf(x) && shapeOf(x + 1) !== shapeOf(x)))) || isCrumb(t);
      chrome = related || (link !== null && isHeadlineLine(link[1])) || menu || isFooter(t) || isMeta(t, atTop, () => atEdge(x));
    }
    if (chrome) out.push([a, b]);
    else if (content++ === 0) firstContent = t;
    previous = t;
  });
  const whole = new Set(out.map(([a]) => a)); // lines blanked whole
  // A bracketed credit closes its line: only a line that ends in a bracket is read for one.
  for (const { a, b, t } of lines) {
    if (whole.has(a) || !CREDIT_CLOSERS.has(t.charCodeAt(t.length - 1))) continue;
    const from_ = Math.max(a, b - CREDIT_REACH);
    const m = SOURCE_CREDIT.exec(text.slice(from_, b));
    if (!m) continue;
    out.push([from_ + m.index, from_ + m.index + m[0].length]);
    if (text.slice(a, from_ + m.index).trim() === '') whole.add(a); // the credit is the line
  }
  // The headline printed again as the text's first line (after any chrome): the title, from the
  // text's start to from - 2, read a second time would make the lead the headline, not the article's
  // first paragraph. (Only above more text: a text that is its headline alone is still read.)
  if (from >= 3) {
    const rest: typeof lines = [];
    for (const l of lines) if (!whole.has(l.a) && rest.push(l) >= 2) break;
    // (a line much longer or shorter than the title is no copy of it: the keys are not worth making)
    const near = rest.length > 1 && rest[0].t.length <= 1.5 * (from - 2) + 8 && 2 * rest[0].t.length >= from - 2;
    const key = near ? keyOfTitle() : '';
    if (key && headlineKey(rest[0].t) === key) out.push([rest[0].a, rest[0].b]);
  }
  return out;
}

/** The text with its chrome (chromeSpans from `from` on) read as blank: spaces in place of its characters, line breaks kept. */
export function blankChrome(text: string, from = 0): string {
  const spans = chromeSpans(text, from);
  if (!spans.length) return text;
  spans.sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    if (e <= at) continue; // (within a span already blanked)
    const from_ = Math.max(s, at);
    out += text.slice(at, from_) + text.slice(from_, e).replace(/[^\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

/** A headline as compared with a line: letters, figures and CJK characters only, in lower case. */
const headlineKey = (t: string) => t.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
