// What the classifier reads of an input (classifier/normalise.ts): Chinese copy with bracketed
// pinyin, as mirror and reprint sites print it, and text copied with what a page's markup left in it
// (entities, invisible characters, no-break spaces) are read as the plain text, and the evidence is
// still the input's own characters.
import { describe, expect, it } from 'vitest';
import { classify, type ClassifyInput, type Judgement } from '../classifier/index.js';
import { cleanText, dropPinyin, isWholePage, readable, verbatimSpan } from '../classifier/normalise.js';
import { cePage } from '../fixtures/site/ce.js';
import { chinadailyPage } from '../fixtures/site/chinadaily.js';
import { shanghaiZhPage } from '../fixtures/site/shanghai-zh.js';
import { shanghaiPage } from '../fixtures/site/shanghai.js';
import type { FixtureArticle } from '../fixtures/site/types.js';
import { zhejiangPage } from '../fixtures/site/zhejiang.js';
import { loadSeedKnowledge } from '../classifier/seed-knowledge.js';
import { readLabelled } from './eval/labelled.js';

const k = loadSeedKnowledge();

// China Daily's 30 March 2022 report of the NDRC's green BRI Opinions, as the mirror at
// http://www.xiaolanting.com/a/202203/30/WS624423ada3101c3ee7ace293.html printed it (traditional
// characters, pinyin after 發, 關, 態, 設 …; its last sentence garbled as stored).
const mirrored: ClassifyInput = {
  id: 'green-2022-mirror',
  url: 'http://www.xiaolanting.com/a/202203/30/WS624423ada3101c3ee7ace293.html',
  lang: 'zh',
  published: '2022-03-30',
  title: '國家發(fā)展改革委等四部門近日發布《關(guān)于推進共建“一帶一路”綠色發(fā)展的意見》。',
  text:
    '國家發(fā)展改革委等四部門近日發布《關(guān)于推進共建“一帶一路”綠色發(fā)展的意見》。《意見》明確,到2030年,共建“一帶一路”綠色發(fā)展格局基本形成。\n\n' +
    'China will promote the green development of the Belt and Road, strengthening international cooperation on the issue, according to a guideline issued recently by the National Development and Reform Commission and three relevant departments. China aims to form a green development pattern for the initiative by 2030 , said the guideline.\n\n' +
    '【知識點】\n\n' +
    '推進共建“一帶一路”綠色發(fā)展,是踐行綠色發(fā)展理念、推進生態(tài)文明建設(shè)的內(nèi)在要求,是積極應(yīng)對氣候變化、維護全球生態(tài)安全的重大舉措,是推進共建“一帶一路”高質(zhì)量發(fā)展、構(gòu)建人與自然生命共同體的重要載體。近年來,共建“一帶一路”綠色發(fā)展取得積極進展,理念引領(lǐng)不斷增強,交流機制不斷完善,務(wù)實合作不斷深化,我國成為全球生態(tài)文明建設(shè)的重要參與者、貢獻者、引領(lǐng)者。\n\n' +
    '《關(guān)于推進共建“一帶一路”綠色發(fā)展的意見》聚焦綠色基建、綠色能源、綠色金融等推進共建“一帶一路”綠色發(fā)展的重點領(lǐng)域合作?!兑庖姟窂娬{(diào),深化綠色清潔能源合作,推動能源國際合作綠色低碳轉(zhuǎn)型發(fā)展。',
};
const PINYIN = /[(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)]/g;
const plain = { ...mirrored, title: mirrored.title!.replace(PINYIN, ''), text: mirrored.text.replace(PINYIN, '') };
const summary = (j: Judgement) => ({ relevant: j.relevant, score: j.score, topics: j.topics.map((t) => t.id), measures: j.measures.map((m) => `${m.id} ${m.relation}`) });

describe('bracketed pinyin', () => {
  it('is dropped after a Chinese character only, with the offsets of what is kept', () => {
    const { text, at } = dropPinyin('國家發(fā)展改革委,中國新聞網(wǎng)');
    expect(text).toBe('國家發展改革委,中國新聞網');
    expect([...at!].map((i) => '國家發(fā)展改革委,中國新聞網(wǎng)'[i] ?? '$').join('')).toBe('國家發展改革委,中國新聞網$');
    // Not pinyin: an acronym, a dateline, a bracketed place name, a syllable after Latin text.
    for (const s of ['The Silk Road Fund (SRF) invests.', '上海(Xinhua)', '中国(上海)自由贸易试验区', 'the word mā (mother)', 'Zhongguo (zhōngguó)', '咖啡馆(café)', '河内(Hà Nội)']) {
      expect(dropPinyin(s)).toEqual({ text: s, at: null });
    }
    const r = readable('發(fā)展', '關(guān)于發(fā)展');
    expect(r.full).toBe('發展\n\n關于發展');
    expect(r.raw.slice(...verbatimSpan(r.at, 4, 8))).toBe('關(guān)于發(fā)展');
    expect(r.raw.slice(...verbatimSpan(r.at, 4, 5))).toBe('關');
  });

  it('is read as the plain text: the same judgement and links, evidence verbatim from the input', () => {
    const got = classify(mirrored, k, { threshold: 0.5 });
    const want = classify(plain, k, { threshold: 0.5 });
    expect(summary(got)).toEqual(summary(want));
    // The Opinions on green BRI development (2022) are named in the headline: a report of them.
    expect(got.measures.map((m) => m.id)).toContain('ce-2025-belt-and-road-high-quality-green-opinions-2022');
    expect(got.topics.map((t) => t.id)).toContain('green');
    const given = `${mirrored.title}\n\n${mirrored.text}`;
    const evidence = [...got.evidence, ...got.topics.flatMap((t) => t.evidence), ...got.measures.flatMap((m) => m.evidence)];
    expect(evidence.length).toBeGreaterThan(2);
    for (const e of evidence) expect(given, e).toContain(e);
    expect(evidence.some((e) => e.includes('(fā)'))).toBe(true);
  });
});

describe("what a page's markup leaves in copied text", () => {
  it('reads entities as their characters, drops invisible ones and reads other spaces as a space, with the offsets of each', () => {
    const given = 'Belt &amp; Road: China&#39;s plan&#x2014;&ldquo;Ini\u00adtiative&rdquo;\u200b\u00a0AT&T &nosuch; &amp;amp; &#0; &#xD800;';
    const { text, start, end } = cleanText(given);
    expect(text).toBe('Belt & Road: China\'s plan—“Initiative” AT&T &nosuch; &amp; &#0; &#xD800;');
    // each character read maps to the characters it came from
    const from = (i: number) => given.slice(start![i], end![i]);
    expect(from(text.indexOf('&'))).toBe('&amp;');
    expect(from(text.indexOf("'"))).toBe('&#39;');
    expect(from(text.indexOf('—'))).toBe('&#x2014;');
    expect(from(text.indexOf('”'))).toBe('&rdquo;');
    expect(from(text.indexOf('t', text.indexOf('Ini') + 3))).toBe('t');
    // nothing to read otherwise: the text itself, no map; spaces alone need no map
    expect(cleanText('一带一路 Belt and Road.')).toEqual({ text: '一带一路 Belt and Road.', start: null, end: null });
    expect(cleanText('Belt\u00a0and\u2009Road')).toEqual({ text: 'Belt and Road', start: null, end: null });
    // an entity beyond the basic plane is two characters, both from the entity
    expect(cleanText('&#128640;').text).toBe('🚀');
    // evidence across a decoded entity ends after the whole entity
    const r = readable('Belt &amp; Road', 'Shanghai&#39;s plan.');
    expect(r.full).toBe("Belt & Road\n\nShanghai's plan.");
    expect(r.raw.slice(...verbatimSpan(r.at, 0, 11))).toBe('Belt &amp; Road');
    expect(r.raw.slice(...verbatimSpan(r.at, 13, 23))).toBe('Shanghai&#39;s');
  });

  it('judges every labelled article the same with its text HTML-escaped, with no-break spaces, soft hyphens or zero-width spaces, or CRLF line ends; evidence stays verbatim', () => {
    const sum = (j: Judgement) => JSON.stringify([j.score, j.topics.map((t) => [t.id, t.score]), j.measures.map((m) => [m.id, m.relation, m.score])]);
    const evidenceOf = (j: Judgement) => JSON.stringify([j.evidence, j.topics.map((t) => t.evidence), j.measures.map((m) => m.evidence)]);
    const variants: Record<string, (t: string) => string> = {
      escaped: (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/“/g, '&ldquo;').replace(/”/g, '&#x201D;'),
      'no-break spaces': (t) => t.replace(/ /g, (m, i: number) => (i % 3 === 0 ? '\u00a0' : m)),
      'soft hyphens': (t) => t.replace(/\b(Belt|Road|Initiative|cooperation)\b/g, (w) => `${w.slice(0, 2)}\u00ad${w.slice(2)}`).replace(/一带/g, '一\u200b带'),
      CRLF: (t) => t.replace(/\n/g, '\r\n'),
    };
    const changed: string[] = [];
    let evidence = 0;
    for (const a of readLabelled()) {
      const lf = classify({ title: a.title, text: a.text }, k, { threshold: 0.5 });
      const plain = sum(lf);
      for (const [name, f] of Object.entries(variants)) {
        const input = { title: f(a.title), text: f(a.text) };
        const j = classify(input, k, { threshold: 0.5 });
        if (sum(j) !== plain) changed.push(`${a.id} ${name}`);
        // with Windows line ends, the same evidence too (a caption's credit before "\r\n" is still one)
        if (name === 'CRLF' && evidenceOf(j).replace(/\\r\\n/g, '\\n') !== evidenceOf(lf)) changed.push(`${a.id} CRLF evidence`);
        const given = `${input.title}\n\n${input.text}`;
        for (const e of [...j.evidence, ...j.topics.flatMap((t) => t.evidence), ...j.measures.flatMap((m) => m.evidence)]) {
          evidence++;
          expect(given, `${a.id} ${name}`).toContain(e);
        }
      }
    }
    expect(changed).toEqual([]);
    expect(evidence).toBeGreaterThan(10000);
  });

  it('judges every labelled article the same with its text marked up in HTML: paragraphs in <p> or joined by <br><br>, names in <strong>', () => {
    const sum = (j: Judgement) => JSON.stringify([j.score, j.topics.map((t) => [t.id, t.score]), j.measures.map((m) => [m.id, m.relation, m.score])]);
    const paras = (t: string) => t.split(/\n\s*\n/);
    const variants: Record<string, (t: string) => string> = {
      '<p>': (t) => paras(t).map((p) => `<p style="text-indent:2em">${p}</p>`).join('\n'),
      '<br><br>': (t) => paras(t).join('<br><br>'),
      '<strong>': (t) => t.replace(/(Belt and Road|一带一路|一帶一路)/g, '<strong>$1</strong>'),
    };
    const changed: string[] = [];
    for (const a of readLabelled()) {
      const plain = sum(classify({ title: a.title, text: a.text }, k, { threshold: 0.5 }));
      for (const [name, f] of Object.entries(variants)) {
        const text = f(a.text);
        const j = classify({ title: a.title, text }, k, { threshold: 0.5 });
        if (sum(j) !== plain) changed.push(`${a.id} ${name}`);
        for (const e of [...j.evidence, ...j.topics.flatMap((t) => t.evidence)]) expect(`${a.title}\n\n${text}`, a.id).toContain(e);
      }
    }
    expect(changed).toEqual([]);
    // not markup: "<5%", a bracketed name, an unknown tag
    expect(cleanText('growth <5% in <Belt and Road> <foo>').text).toBe('growth <5% in <Belt and Road> <foo>');
    // (a second reviewer's cases: a title in angle brackets whose first word is a tag's name, a comparison)
    for (const t of ['released <A Belt and Road Vision for Shared Prosperity> in Beijing', '<Time for Action> report', 'if a<b and b>c']) expect(cleanText(t).text).toBe(t);
    expect(cleanText('<a title="a>b" href="x">link</a><BR/>').text).toBe('link\n');
    expect(cleanText('<p>One</p><p>Two<br/>three <a href="x">link</a></p>').text).toBe('\nOne\n\nTwo\nthree link\n');
  });

  it('drops what a page never shows as text: scripts, style sheets, comments and declarations; more tags are markup', () => {
    const page = '<!DOCTYPE html><html><head><title>Belt and Road Portal</title><meta name="keywords" content="Belt and Road"></head><body>' +
      '<!-- Belt and Road channel --><script type="text/javascript">var channel = "Belt and Road";</script><STYLE>.bri{}</STYLE><noscript>Belt and Road</noscript>' +
      '<nav>Home</nav><main><p>Shanghai opened metro line 18.<o:p></o:p></p><![CDATA[ Belt and Road ]]></main></body></html>';
    // as a text (cleanText) the page's title is a line ("<head>" is no tag it reads: "the <head> of
    // state" is prose); as a whole page (readable) only its body is read
    expect(cleanText(page).text).toBe('\n<head>\nBelt and Road Portal\n</head>\n\n\n\n\nHome\n\n\nShanghai opened metro line 18.\n\n\n\n');
    expect(readable('t', page).text).toBe('Shanghai opened metro line 18.');
    // an element never closed, a comment never closed, and "<head>" … "</head>" in prose are text
    for (const t of ['x <script> y', 'the <head> of state', 'a <!-- b', 'The <head> of the delegation said the Belt and Road Initiative would grow. Later the body </head> closed.'])
      expect(cleanText(t).text).toBe(t);
    // boolean attributes (any case), long attribute values with line breaks, Latin-1 entities, a legacy entity without its semicolon
    expect(cleanText('<TD NOWRAP>Belt and Road</TD><SCRIPT LANGUAGE="JavaScript" DEFER>var ch = "Belt and Road";</SCRIPT><details open>x</details>').text).toBe(' Belt and Road \n\nx\n');
    expect(cleanText('<script async src="x.js"></script><a href="x.pdf" download>file</a> <span data-lazy style="' + 'x'.repeat(800) + '\ny">T&uuml;rkiye&nbsp;&amp Laos</span>').text).toBe('\nfile Türkiye & Laos');
    // (a reviewer's case: each unclosed "<head>"/"<script>"/"<!--" searched to the end made this quadratic)
    const many = 'the <script> of state met. a <!-- b '.repeat(20000) + '&amp;';
    expect(cleanText(many).text).toBe(many.slice(0, -5) + '&');
  });

  it('reads a whole page given as the text as the crawler reads it: its article body only, quoted verbatim', () => {
    // Every labelled article in a source's page layout (fixtures/site), the sidebars listing other
    // labelled articles' BRI headlines, given whole as the text: read as the page's text before
    // (menus, sidebars, <head>), 177 of the 1,109 changed their relevance, 170 of them negatives
    // made relevant by a sidebar. Read as its body, none changes relevance or topics against the
    // same paragraphs given as text.
    const layouts = { en: [chinadailyPage, shanghaiPage, zhejiangPage, cePage], zh: [shanghaiZhPage] };
    const all = readLabelled();
    const relevant = all.filter((a) => a.relevant);
    const sum = (j: Judgement) => JSON.stringify([j.relevant, j.topics.map((t) => t.id)]);
    const changed: string[] = [];
    all.forEach((a, n) => {
      const article: FixtureArticle = { path: `/news/20240101/a${n}.html`, layout: 'chinadaily', title: a.title, published: '2024-01-01', paragraphs: a.text.split(/\n+/).filter((p) => p.trim()) };
      const related = [0, 1, 2, 3, 4].map((d): FixtureArticle => ({ path: `/news/20240101/r${d}.html`, layout: 'chinadaily', title: relevant[(n * 7 + d * 13) % relevant.length].title, published: '2024-01-01', paragraphs: [] }));
      const render = layouts[a.lang][n % layouts[a.lang].length];
      const html = render(article, { related });
      expect(isWholePage(html)).toBe(true);
      // The extractor drops a paragraph that repeats the headline (crawlers/extract.ts: "title
      // repeats"), which plain text keeps unless it is the first line; five labelled articles have
      // their headline (their own second sentence, GUIDE.md §4) as a later paragraph. Compared
      // without it: the same paragraphs the page is read as. (zh-057's connectivity, 0.404 with it,
      // falls under the threshold without it.)
      const headline = (p: string) => p.trim().replace(/[\s。.!?！？]+$/, '') === a.title.trim().replace(/[\s。.!?！？]+$/, '');
      const read = article.paragraphs.filter((p, i) => i === 0 || !headline(p));
      const asText = classify({ title: a.title, text: read.join('\n\n') }, k, { threshold: 0.5 });
      const asPage = classify({ title: a.title, text: html }, k, { threshold: 0.5 });
      if (sum(asPage) !== sum(asText)) changed.push(`${a.id} ${render.name}`);
      for (const e of [...asPage.evidence, ...asPage.topics.flatMap((t) => t.evidence), ...asPage.measures.flatMap((m) => m.evidence)]) expect(`${a.title}\n\n${html}`, a.id).toContain(e);
    });
    expect(changed).toEqual([]);
    // Inside a paragraph only what the extractor reads counts (a reviewer's cases): a hidden span, a
    // button, a tag cleanText cannot parse (mixed case) read as the extractor reads them.
    const metro = (p: string) => `<!DOCTYPE html><html><body><div class="article"><h1>Shanghai opens metro line 18</h1>${p}</div></body></html>`;
    const hidden = metro('<p>Shanghai opened metro line 18 on Monday.<span class="hidden">Belt and Road Initiative</span> It links Pudong with Yangpu.</p><p>The line has 30 stations<button>Share on Belt and Road portal</button> and runs <span style="display:none">共建“一带一路”</span>every four minutes.</p>');
    expect(classify({ title: 'Shanghai opens metro line 18', text: hidden }, k, { threshold: 0.5 }).relevant).toBe(false);
    expect(readable('t', hidden).text).toBe('Shanghai opened metro line 18 on Monday. It links Pudong with Yangpu.\n\nThe line has 30 stations and runs every four minutes.');
    const mixed = '<HTML><BODY><DIV class="article"><P>Officials said the projects under the <Span class=x>Belt</Span> and Road Initiative will add rail links to Laos and\nThailand.</P></DIV></BODY></HTML>';
    expect(readable('t', mixed).text).toBe('Officials said the projects under the Belt and Road Initiative will add rail links to Laos and Thailand.');
    // a page's text nodes are decoded as the parser decodes them (a second reviewer's cases)
    const refs = metro('<p>The line is part of&nbspBelt and Road Initiative cooperation &#150; Pudong &rarr; Yangpu &AMP; more&copy2024.</p>');
    expect(readable('t', refs).text).toBe('The line is part of Belt and Road Initiative cooperation – Pudong → Yangpu & more©2024.');
    // a page whose body the extractor does not find is read whole, its <head> hidden
    const gallery = '<!DOCTYPE html><html><head><title>Belt and Road Initiative forum opens in Beijing - Belt and Road Portal</title></head><body><div class="gallery"><img src="1.jpg"><img src="2.jpg"></div></body></html>';
    expect(readable('Photos of the day', gallery).text).not.toContain('Belt');
    expect(classify({ title: 'Photos of the day', text: gallery }, k, { threshold: 0.5 }).relevant).toBe(false);
    // many comments before the page's first tag (a lazy pattern over them backtracked exponentially)
    expect(isWholePage(`${'<!-- block -->\n'.repeat(40)}<html><body><p>x</p></body></html>`)).toBe(true);
    expect(isWholePage(`${'<!-- block -->\n'.repeat(40)}<p>x</p>`)).toBe(false);
    // a doctype alone makes a page; a fragment of markup is no page: read as text, tags as breaks
    expect(isWholePage('\uFEFF<!-- saved -->\n<!DOCTYPE html><meta charset="utf-8"><title>x</title><p>y')).toBe(true);
    expect(isWholePage('<p>Belt and Road</p>')).toBe(false);
    // a page whose body the extractor cannot find is read whole, less its markup
    expect(readable('t', '<html><body></body></html>').text).toBe('\n\n\n\n');
  });

  it('lists a sentence once when the title and the text write it differently, and trims a title\'s entity spaces (a reviewer\'s cases)', () => {
    const en = classify({ title: 'Belt &amp; Road projects boost trade between China and Laos', text: 'Belt & Road projects boost trade between China and Laos, officials said on Monday in Vientiane. The China-Laos Railway carried 4 million tonnes of goods under the Belt and Road Initiative.' }, k, { threshold: 0.5 });
    expect(en.evidence.filter((e) => /boost trade/.test(e))).toHaveLength(1);
    const zh = classify({ title: '共建“一帶一路”倡議提出十周年', text: '共建&ldquo;一帶一路&rdquo;倡議提出十周年&#12290;十年來，中老鐵路等一批項目建成通車。' }, k, { threshold: 0.5 });
    expect(zh.evidence.filter((e) => e.includes('十周年'))).toHaveLength(1);
    // a title shown as a link's evidence starts and ends with its words, not with "&nbsp;"
    const a = readLabelled().find((x) => x.id === 'en-205')!;
    const j = classify({ title: `&nbsp;${a.title}&nbsp;`, text: a.text, url: a.url, published: a.published }, k, { threshold: 0.5 });
    const shown = j.measures.flatMap((m) => m.evidence);
    expect(shown.some((e) => e.startsWith('Shanghai unveils'))).toBe(true);
    for (const e of shown) expect(e, e).not.toMatch(/^&nbsp;|&nbsp;$/);
  });
});
