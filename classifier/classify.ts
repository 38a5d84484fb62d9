// The lexical BRI classifier: relevance, topics and links to catalog measures, each with verbatim
// evidence. A pure function of (document, knowledge, config): no I/O, no clock, no randomness.
import { FOLD, foldText } from './fold.js';
import { analyse, FEATURES, featuresOf, hitsOf, sentencesOf, type Doc, type FeatureName, type Hit } from './features.js';
import {
  aliasEdition,
  eventYearAt,
  lastYearAt,
  MONTH_NAMES,
  bigramKey,
  canonicalUrl,
  docNumberSeries,
  editionsBefore,
  issuerKey,
  issuingPlace,
  Role,
  inShingleFilter,
  IntMap,
  shingleHashes,
  termKeys,
  yearOf,
  type Knowledge,
  type PolicyEntry,
} from './knowledge.js';
import { CJK_BASE, cut, isCjk } from './matcher.js';
import { bagKeys, namedKeys, resemblance, strongestForms } from './bow.js';
import { sigmoid } from './logistic.js';
import { isSpace, longParagraphBreaks, quotedSpan, sentenceSpan, unwrapLines } from './sentences.js';
import { asRead, cleanText, insertLineBreaks, readable, verbatimSpan, withLineBreaks } from './normalise.js';
import { listItems } from './structure.js';
import { BULLET, blankChrome } from './chrome.js';
import { ISSUER_BODIES as ISSUER_BODY_NAMES, REGIONS, TOPIC_COMPANIONS } from './lexicon.js';
import { RELEVANCE_BIAS, RELEVANCE_WEIGHTS, TOPIC_BIAS, TOPIC_FEATURES, TOPIC_PRIORS, TOPIC_WEIGHTS, type TopicFeature } from './weights.js';

export const CLASSIFIER_VERSION = 'lexical-1';

export interface ClassifyInput {
  id?: string | number | null;
  title: string;
  text: string;
  url?: string | null;
  lang?: 'en' | 'zh' | null;
  /** YYYY-MM-DD */
  published?: string | null;
  issuer?: string | null;
  docNumber?: string | null;
  source?: string | null;
}

export type Relation = 'announces' | 'updates' | 'implements' | 'mentions';

export interface Judgement {
  relevant: boolean;
  score: number;
  topics: { id: string; score: number; evidence: string[] }[];
  measures: { id: string; relation: Relation; score: number; evidence: string[] }[];
  /** Relevance evidence: at most three verbatim sentences of the title or text. */
  evidence: string[];
  /** The catalog entries whose policy's same edition this document reports, by its headline (a
   *  report in the other language, a reprint under another title): what it lists is theirs, not a
   *  new policy's. */
  editionOf: string[];
}

export interface ClassifyConfig {
  threshold: number;
}

// ---- tuning constants (set on the dev split; see test/eval/run.ts) ---------------------------

/**
 * Topic selection: the topic model of weights.ts (fitted on dev by classifier/fit-topics.ts) gives
 * each topic the document has terms of a probability from explainable features; the constants
 * below define those features. A topic is listed from TOPIC_SELECT up, at most TOPIC_MAX, most
 * probable first; a relevant text gets at least its leading topic.
 */
/** A paragraph is led by a topic with at least this mass there and this share of its leader's. */
export const PARAGRAPH_TOPIC_MIN = 1;
export const PARAGRAPH_TOPIC_SHARE = 0.7;
export const TOPIC_MAX = 3;
/** The topic model's probability from which a topic is listed. */
export const TOPIC_SELECT = 0.4;
/** A "clear term": one of at least this weight ("a usual word of the field" in the taxonomy's
 *  scale), not only bare words that add up. */
export const TOPIC_CLEAR_TERM = 0.5;
/** A sentence is led by the topic with the most term weight in it, from this weight up. */
export const SENTENCE_TOPIC_MIN = 0.5;
/** A section (listed item or long paragraph of a long document) is led by a topic from this mass up. */
export const SECTION_TOPIC_MIN = 1.2;
/** A topic term in the headline counts this many times (the guide: "a paragraph or the headline"). */
export const TITLE_BOOST = 2;
/** Measure links: `mentions` from this score up; `implements` needs this and an action verb. */
export const LINK_MIN = 0.45;
export const IMPLEMENT_MIN = 0.55;
/** A matcher sentence longer than this is looked into for the evidence sentence (bestSentence). */
const EVIDENCE_SENTENCE_MAX = 450;
/** The alias weight of an entry's own name (knowledge.ts gives generic and short aliases 0.4). */
export const SPECIFIC_ALIAS = 0.75;
/** Policy title similarity for "the same policy" (updates, same-policy reports). */
export const POLICY_TITLE_MIN = 0.75;
/** A copy of a seed document: this share of the seed's shingles in the document, or this share of
 *  the document's shingles from the seed (an excerpt of at least 60 shingles). */
export const COPY_OF_SEED = 0.7;
export const COPY_OF_DOC = 0.85;
/** A policy document's title ends in the kind of document it is ("…2023年工作要点", "… action plan",
 *  "关于印发…的通知"; a bracket such as "(2023-2025年)" may follow). News that plans, finds a way or
 *  takes measures does not end so. */
const POLICY_DOCUMENT_END =
  /(?:要点|要點|方案|意见|意見|规划|規劃|行动计划|行動計劃|工作计划|工作計劃|纲要|綱要|条例|條例|办法|辦法|通知|\b(?:action plan|work plan|plan|priorities|opinions|guidelines?|measures|notice|programme|outline|regulations|provisions))$/i;
/** The kinds of yearly policy document a title names, in either language: next year's edition of a
 *  yearly policy is a document of the same kind (priorities = key tasks = 重点工作 = 工作要点). */
const DOCUMENT_KINDS: [string, RegExp][] = [
  ['priorities', /\b(?:priorities|key tasks|work points|key work points)\b|\bkey points (?:for|of) (?:the )?(?:[\w&-]+ ){0,4}work\b|重点工作|重點工作|工作要点|工作要點|重点任务|工作重点/i],
  ['action plan', /\baction plans?\b|行动方案|行動方案|行动计划|行動計劃/i],
  ['work plan', /\bwork plans?\b|工作方案|工作计划|工作計劃/i],
  ['implementation plan', /\bimplementation plans?\b|实施方案|實施方案/i],
  ['opinions', /\b(?:opinions|guidelines)\b|意见|意見/i],
];
export function documentKinds(title: string): string[] {
  return DOCUMENT_KINDS.filter(([, re]) => re.test(title)).map(([kind]) => kind);
}
/** The same patterns, global, for finding where a headline names its kind of document. */
const DOCUMENT_KIND_WORDS = DOCUMENT_KINDS.map(([, re]) => new RegExp(re.source, 'gi'));
/** The year of the edition a headline names: the year nearest before the kind of document it
 *  names, else nearest after it ("After 2024 gains, Shanghai sets 2025 Belt and Road priorities",
 *  上海明确2025年…重点工作 到2027年建成… and "… priorities for 2025" are 2025's), else the latest year it
 *  names; null when it names none. */
export function headlineYear(title: string): number | null {
  const years = [...title.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)].map((m) => ({ at: m.index!, year: Number(m[1]) }));
  if (!years.length) return null;
  const matches = DOCUMENT_KIND_WORDS.flatMap((re) => [...title.matchAll(re)].map((m) => ({ at: m.index!, end: m.index! + m[0].length })));
  if (!matches.length) return Math.max(...years.map((y) => y.year));
  // The headline's first kind word is its document: the year right after it ("priorities for
  // 2025", "… in 2025"), else the nearest before it ("2025 … priorities", 2025年…重点工作), else
  // the nearest after it.
  const kind = matches.reduce((a, b) => (b.at < a.at ? b : a));
  const right = /^\s*(?:for|in|of)\s+(20\d\d)(?!\d)/i.exec(title.slice(kind.end));
  if (right) return Number(right[1]);
  const before = years.filter((y) => y.at < kind.at);
  if (before.length) return before[before.length - 1].year;
  return years.find((y) => y.at > kind.at)!.year;
}
/** Whether a clause of the headline (split at : ; |) names one of `kinds` and the initiative: the
 *  document is the initiative's ("Shanghai's 2025 Belt and Road priorities"), not the city's
 *  priorities for something else ("Shanghai sets 2025 priorities for CIIE; Belt and Road exhibitors
 *  to grow", "Shanghai's 2025 financial opening priorities: RMB, Belt and Road bonds"). */
function kindOfInitiative(title: string, kinds: string[]): boolean {
  const clauses = title.split(/[:;|：；｜]/);
  // A short leading clause names the headline's subject ("BRI: Shanghai sets 2025 priorities").
  if (clauses.length > 1 && clauses[0].trim().length <= 20) clauses.splice(0, 2, `${clauses[0]} ${clauses[1]}`);
  return clauses.some((clause) => (INITIATIVE_NAME.test(clause) || /\bBRI\b/.test(clause)) && documentKinds(clause).some((kind) => kinds.includes(kind)));
}
/** A span of years ("2026-2030", "2026-30", 2026年至2030年, "through 2030"): a multi-year plan, no
 *  yearly edition. */
const YEAR_RANGE = /(?<!\d)20\d\d\s*年?\s*(?:[-–—~～至到]|to)\s*(?:20)?\d\d(?!\d)|\b(?:through|until|till)\s+20\d\d\b/i;
/** Per region, what regionIssuesHeadline reads a headline with: its first English and Chinese
 *  name, the leading clause before them, the English name at the start, and the other regions'
 *  names (folded, so traditional characters read as simplified). */
const HEADLINE_REGIONS = new Map(
  Object.keys(REGIONS).map((region) => {
    const names = REGIONS[region];
    const en = names.find((n) => /^[A-Za-z]/.test(n));
    const zh = names.find((n) => /^[\u3400-\u9fff]/.test(n));
    const others = Object.keys(REGIONS)
      .filter((r) => r !== region && r !== 'china')
      .flatMap((r) => REGIONS[r].filter((n) => /^[A-Za-z]/.test(n) || /^[\u3400-\u9fff]{2,}/.test(n)).slice(0, 2))
      .map(foldText);
    // (After a leading clause: "In 2025, Shanghai will …", "After 2024 gains, Shanghai sets …", "BRI:
    // Shanghai sets …".)
    const names_ = [en, zh].filter(Boolean).map((n) => foldText(n!)).join('|');
    const leadingClause = new RegExp(`^[^,，:：]{1,30}[,，:：]\\s*(?=(?:the\\s+)?(?:${names_}))`);
    const enAtStart = en ? new RegExp(`^(?:the\\s+)?${en.toLowerCase()}\\b`) : null;
    return [region, { zh, enAtStart, others, leadingClause }] as const;
  }),
);
/**
 * A headline whose issuer is the region itself, named first (after a leading "In 2025,"):
 * "Shanghai's 2025 …", "Shanghai's Belt and Road priorities for 2025", "Shanghai sets / lists …",
 * "Shanghai Municipal Development and Reform Commission issues …", "Zhejiang Province releases …",
 * 上海发布…, 上海市2025年…, 浙江省推进…领导小组办公室关于印发…; not a body, place or event named after it
 * ("Shanghai Cooperation Organisation", "Shanghai Jiao Tong University", "Shanghai's Hongqiao hub",
 * "Shanghai commerce commission's …", "Shanghai Free Trade Zone"), nor a host ("Shanghai hosts / to
 * host …"), nor a headline that names another region ("Shanghai: Zhejiang unveils …").
 */
function regionIssuesHeadline(region: string, title: string): boolean {
  const r = HEADLINE_REGIONS.get(region);
  if (!r) return false;
  const { zh, enAtStart, others } = r;
  const t = foldText(title).replace(/^[\s【\[(（《“"]+/, '').replace(r.leadingClause, '');
  if (zh && t.startsWith(zh)) {
    const rest = t.slice(zh.length).replace(/^[市省]?(?:人民政府(?:办公厅)?|政府|发展和改革委员会|发展改革委|发改委|推进[^，,。：:]{0,24}?(?:领导小组)?办公室)?[\s:：]*/, '');
    return /^(?:20\d\d|关于|发布|印发|出台|明确|公布|出炉|部署|制定|确定|推出|列出)/.test(rest);
  }
  const m = enAtStart?.exec(t);
  if (!m) return false;
  const rest = t
    .slice(m[0].length)
    .replace(/^'s\b/, '')
    .replace(/^\s+(?:city|municipal(?:ity)?|provincial|province)\b/, '')
    .replace(/^\s+(?:(?:people's\s+)?government|development\s+and\s+reform\s+commission|drc|top\s+economic\s+planner|economic\s+planner)\b/, '')
    .replace(/^'s\b/, '');
  // "Shanghai: …" issues what follows, unless another region is its subject ("Shanghai: Zhejiang unveils …").
  if (/^\s*:/.test(rest)) {
    const subject = rest.replace(/^\s*:\s*/, '');
    return !others.some((o) => subject.startsWith(o));
  }
  // What follows the region (or its own body): a year, a count, the initiative, a kind of document,
  // or an issuing verb ("to"/"will" with one); not a body, a zone, firms or a think tank of it.
  const words = rest.trim().split(/\s+/);
  const [next, after] = [words[0] ?? '', words[1] ?? ''];
  if (/^(?:to|will)$/.test(next)) return ISSUING_VERB.test(after);
  return /^(?:20\d\d|new|annual|belt|bri|b&r|one|nine|eight|seven|six|ten|five|key|work|priorities|\d+)\b/.test(next) || ISSUING_VERB.test(next);
}
/**
 * The body a headline starts with right after its region's name: `key`, its issuer key
 * ("上海市商务委员会2025年工作要点", "Shanghai Municipal Commission of Commerce issues …"), or "" when
 * it names none there ("Shanghai to streamline customs …" names the customs later, as a subject);
 * `own`, whether the headline is that body's own document (the name, then a year or an issuing
 * verb: 上海市商务委员会2024年推进…重点工作), not its report of another's (上海海关落实2024年…,
 * 上海市商务委：全力落实…, …解读…).
 */
/** The issuing bodies' names, folded: all of them, and per body key. */
const BODY_NAMES = Object.values(ISSUER_BODY_NAMES).flat().map(foldText);
const BODY_NAMES_BY_KEY = new Map(Object.entries(ISSUER_BODY_NAMES).map(([key, names]) => [key, names.map(foldText)]));
function headlineBody(title: string): { key: string; own: boolean } {
  const none = { key: '', own: false };
  const f = foldText(title).replace(/^[\s【\[(（《“"]+/, '');
  const m = /^(?:the\s+)?(?:上海|浙江|shanghai|zhejiang)(?:[市省]|\s+(?:municipal(?:ity)?|provincial|province))?\s*/.exec(f);
  if (!m) return none;
  const rest = f.slice(m[0].length);
  const bodyName = BODY_NAMES.filter((n) => rest.startsWith(n)).sort((a, b) => b.length - a.length)[0];
  if (bodyName === undefined) return none;
  const own = /^(?:'s\s+)?(?:\s*(?:20\d\d|印发|发布|制定|出台|关于)|\s+(?:issues|unveils|releases|sets|publishes))/.test(rest.slice(bodyName.length));
  const key = issuerKey(f.slice(0, m[0].length + 20));
  const body = key.split(':')[1];
  const named = !!body && (BODY_NAMES_BY_KEY.get(body) ?? []).some((n) => rest.startsWith(n));
  return named ? { key, own } : none;
}
/** The verbs of a headline whose subject issues a document, in any case ("Shanghai Unveils …"). */
const ISSUING_VERB =
  /^(?:issues?|unveils?|releases?|sets?|outlines?|maps?|lays?|lists?|publish(?:es)?|announces?|launch(?:es)?|rolls?|plans?|identif(?:y|ies)|specif(?:y|ies)|details?|clarif(?:y|ies)|pinpoints?|focus(?:es)?|targets?|charts?|makes?|builds?|prioriti[sz]es?|introduces?|spells?|highlights?|names?|eyes?|adopts?|approves?|steps?|push(?:es)?|reveals?|defines?|sketches?|drafts?|finali[sz]es?|confirms?|determines?|decides?)\b/i;
/** Where the title's closing document word starts, or -1. */
function policyDocumentWordAt(title: string): number {
  const t = title.replace(/\s*[（(][^（）()]*[)）]\s*$/u, '').replace(/[\s"“”'‘’」』》.。!！]+$/u, '');
  const m = POLICY_DOCUMENT_END.exec(t);
  return m ? m.index : -1;
}
/** At most this many links besides the announced / updated entries. */
export const LINK_MAX = 12;

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

// ---- evidence --------------------------------------------------------------------------------

/** The closing punctuation an evidence sentence's key leaves out: the key, the rest folded (case,
 *  quotes, traditional characters), tells repeats apart. */
const TRAILING = new Set([...' \t\n\r\u00a0\u3000.。!！?？;；"”’」』'].map((c) => c.charCodeAt(0)));
/** The length of an evidence sentence without its closing punctuation: its key is that much of it, folded. */
function keyLength(x: string): number {
  let end = x.length;
  while (end > 0 && TRAILING.has(x.charCodeAt(end - 1))) end--;
  return end;
}

/** Whether n characters of a from offset `at` are b's first n, folded (no folded copy is made).
 *  (foldText's decoder reads an unpaired surrogate as U+FFFD; here it is compared as itself, so two
 *  sentences differing only in two different lone surrogates — malformed UTF-16, which only an input
 *  such as a JSON "\ud800" escape can hold — are no longer taken for one: 53cce1a's one change.) */
function sameFolded(a: string, at: number, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (FOLD[a.charCodeAt(at + i)] !== FOLD[b.charCodeAt(i)]) return false;
  return true;
}

/**
 * Where t goes in a list of evidence: REPEAT when the list already says it (the same sentence — a
 * headline repeated as the first sentence, with its 。, or the text quoting itself with other quote
 * marks — or a longer one that starts with t or holds it after a dateline or a label: "新华社北京7月7日电
 * …", 题：…, 【摘要】…), or when t is an item of the list after a dateline or a label (the item is
 * shown without it); the index of an item t starts with (a headline made of its first clause), which
 * t replaces; else -1 (appended). Only a start is matched for a short item (under CONTAINED_MIN
 * characters): a bare name is no sentence. (A sentence that reports a headline's claim is another
 * sentence: "Rome denied reports that Italy has left the Belt and Road Initiative" does not hold the
 * headline "Italy has left the Belt and Road Initiative"; nor does "Rome denied reports: …", whose
 * words before the colon are no label.)
 */
const REPEAT = -2;
const CONTAINED_MIN = 20;
/** A wire dateline or a label before a sentence (folded; dashes folded to "-"): "…7月7日电(记者 于佳欣)",
 *  "BEIJING, Oct. 3 (Xinhua) --", "ROME —", "BEIJING, Aug. 19, 2019 /PRNewswire/ --", 央视网消息：,
 *  【环球时报综合报道】, 据新华社报道，, (北京、科纳克里30日讯), a bracketed tag (【摘要】), a title, summary
 *  or reporter label (题：, 原标题：, 摘要：, 编者按：, 记者：, "Headline:"), or a press-conference
 *  questioner named by an outlet's initials ("CCTV:", "AFP:") — at most DATELINE_MAX characters. */
const DATELINE_END =
  /(?:[电讯]\s*(?:[(（][^()（）]{0,24}[)）])?|\((?:xinhua|reuters|ap|afp|cgtn|ians|chinanews)\)\s*-{0,2}|^[a-z.]+(?:\s+[a-z.]+){0,2}(?:,\s*[a-z.]+(?:\s+[a-z.]+)?)?(?:,?\s*(?:\d{1,2}\s+[a-z]+|[a-z]{3,9}\.?\s+\d{1,2}))?,?\s+-{1,2}|\/(?:pr ?newswire|globe ?newswire|business ?wire|prweb)\/\s*-{0,2}|消息\s*[:：]|报道\s*[】\]]|^据[^，,。]{1,20}报道\s*[，,]|^[(（][^()（）]{1,30}[电讯][)）]|^[【\[][^】\]]{1,20}[】\]]|^(?:原?标题|题|摘要|导语|编者按|核心提示|[^\s:：，,。]{0,6}记者|(?:original )?(?:title|headline)|summary|abstract|editor'?s note)\s*[:：])\s*$/;
/** An outlet's initials asking at a press conference, in the text as given ("CCTV: I have a question …"). */
const QUESTIONER = /^[A-Z][A-Z&]{1,7}\s*[:：]\s*$/;
const DATELINE_MAX = 48;
/** A wire dateline or a source label at a sentence's start, which an evidence sentence is shown
 *  without (the reader wants the claim; the source and date are the document's): "BEIJING, Nov. 24
 *  (Xinhua) -- ", "Beijing, Nov. 24 (Xinhua) -- ", "Dec 1 (Reuters) - ", "DHAKA, Feb 2, 2019 (BSS)-",
 *  "ROME — ", "ISLAMABAD: "; "新华社杭州11月15日电(记者顾小立)", "中新网重庆11月4日电 (记者 刘贤)", "本报讯（记者 张三）",
 *  "央视网消息（新闻联播）：", "（中央社記者楊昇儒台北24日電）", "【环球时报-环球网报道 记者 倪浩】". Not an
 *  acronym before a dash ("CPEC - the flagship …", "US — China rivalry …", "BRI — a decade on —"),
 *  日电 of 电力 / 电视 / 电话 / 电贺, nor a bracketed headline (【中国电建承建的卡洛特水电站投产】). */
const DATELINE_START =
  /^(?:(?:[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?)?,?\s+)?(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?\s*)?\((?:Xinhua|Reuters|AP|AFP|CGTN|IANS|INP|BSS|APP|PTI|Bernama|Anadolu|TASS|Kyodo|Yonhap|Sputnik|WAM|SPA|KUNA|dpa|ECNS|Chinanews|China Daily|chinadaily\.com\.cn)(?:\/[^()]{0,30})?\)\s*(?:(?:--|—|–|-|:)\s*)?|(?:[A-Z][A-Z.'-]{3,}(?:\s+[A-Z][A-Z.'-]+){0,3}|[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){1,3})(?:,\s*[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?)?,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?\s*(?:--|—|–|-|:)\s*|(?:[A-Z][A-Z.'-]{3,}(?:\s+[A-Z][A-Z.'-]+){0,3}|[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){1,3})(?:,\s*[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?)?\s*(?:--|—|–|-|:)\s*(?=[A-Z\"“])|[【〔](?:[^】〕\n]{0,30}(?:报道|報道|報導|讯|訊|电|電)|[^】〕\n]{0,20}(?:记者|記者)[^】〕\n]{1,12})[】〕]\s*|[^\s，。,：:“”\"【】〔〕]{0,14}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|電|讯|訊)(?![力视視话話贺賀网網台厂廠站池影脑腦器子气氣价價量费費商信源线線缆纜梯动動车車码碼报報])\s*(?:[(（][^()（）]{0,24}[)）])?\s*[:：/,，]?\s*|(?:本[报報]|[本我]台|[本我][网網])[讯訊](?:\s*[(（][^()（）]{0,24}[)）])?\s*[:：,，]?\s*|[^\s，。,：:“”\"]{1,10}消息\s*(?:[(（][^()（）]{0,16}[)）])?\s*[:：]\s*|[(（]中央社[^()（）]{0,30}[電电][)）]\s*)/;
/** The least of a sentence left after its dateline for the dateline to be dropped from the evidence. */
const AFTER_DATELINE_MIN = 15;
/** The length of the dateline at `at` of the analysed text, or 0. */
function datelineAt(full: string, at: number, end: number): number {
  const m = DATELINE_START.exec(full.slice(at, Math.min(end, at + 90)));
  return m && end - at - m[0].length >= AFTER_DATELINE_MIN ? m[0].length : 0;
}

/** Whether the key of `longer` (its first lk characters, folded) holds the key of `shorter` (sk): at
 *  its start (START), after a dateline or a label (AFTER_LABEL), or not (0). */
const START = 1;
const AFTER_LABEL = 2;
const holds = (longer: string, lk: number, shorter: string, sk: number): number => {
  if (sk > lk) return 0;
  if (sameFolded(longer, 0, shorter, sk)) return START;
  const before = lk - sk;
  if (sk < CONTAINED_MIN || before > DATELINE_MAX || !sameFolded(longer, before, shorter, sk)) return 0;
  const label = longer.slice(0, before);
  return DATELINE_END.test(foldText(label)) || QUESTIONER.test(label) ? AFTER_LABEL : 0;
};
function placeOf(items: string[], given: string): number {
  if (!items.length) return -1;
  // (compared as read: a title with "&amp;" and a sentence with "&" say the same — normalise.ts)
  const t = asRead(given);
  const k = keyLength(t);
  let replaces = -1;
  for (let x = 0; x < items.length; x++) {
    const item = asRead(items[x]);
    const listed = keyLength(item);
    if (holds(item, listed, t, k)) return REPEAT;
    const held = holds(t, k, item, listed);
    if (held === AFTER_LABEL) return REPEAT;
    if (replaces < 0 && held === START) replaces = x;
  }
  return replaces;
}

/** Whether a list of evidence already says t (see placeOf). */
const repeats = (items: string[], t: string) => placeOf(items, t) === REPEAT;

/** A question ("what plans does the Ministry have …?", "有哪些实际帮助?", a legislator's "(1) whether
 *  the Government has plans to …;"): the asker's, not the answer's substance. */
const QUESTION = /[?？]["”’」』)）]*$|^(?:[(（]?[0-9a-z]{1,2}[)）.]\s*)?whether\b/i;

/** A photo caption or a credit line, by how it starts: "This photo taken on Oct. 14, 2023 shows …",
 *  "File photo shows …" (not "… shows that …"), "Photo: …", 图为…, "视频:…", "Editor: …". It describes
 *  the page, not the policy. (A headline "视频 | …" is still the headline.) isCaption adds the forms
 *  that end a sentence: "… (Xinhua/Li Xin)", （记者 王鹏 摄）, "… 来源:中国新闻网". */
const CAPTION =
  /^(?:(?:this|the|an?)\s+)?(?:(?:aerial|file|undated|handout|combo)\s+)?(?:photo|picture|image|screenshot)s?\s+(?:taken|shot)\b|^(?:(?:this|the|an?)\s+)?(?:(?:aerial|file|undated|handout|combo)\s+)?(?:photo|screenshot)s?\s+(?:provided by [^,.;]{1,60}?\s+)?(?:shows?|dated)\b(?!\s+(?:that|how|why|what|whether)\b)|^(?:photo|picture|image|video|source|editor|photographer)s?\s*(?:by\b|[:：|丨])|^(?:图为|圖為|图片由|圖片由)|^(?:图片|圖片|视频|視頻|来源|來源|编辑|編輯|责任编辑|責任編輯|摄影|攝影)\s*[:：|丨]/i;
/** Caption and credit forms at a sentence's end, tested only where the sentence ends in a bracket or names
 *  its source (a scan for them tries every position of the sentence). */
const CREDIT_END = /\((?:xinhua|photo|photos|chinanews|cfp|ic photo|vcg)\b[^()]*\)$|[（(][^（()）]{0,30}(?:摄|攝)[)）]$/i;
const SOURCE_END = /(?:来源|來源)\s*[:：][^。！？]{0,30}$/;
const isCaption = (t: string) => {
  if (CAPTION.test(t)) return true;
  const last = t.charCodeAt(t.length - 1);
  return ((last === 41 || last === 0xff09) && CREDIT_END.test(t)) || ((t.includes('来源') || t.includes('來源')) && SOURCE_END.test(t));
};

/** A photo credit closing the line after a sentence, which the sentence splitter leaves as a
 *  sentence of its own ("… festival on Jan 13 in Shanghai. (PHOTO / XINHUA)", "(Xinhua/Li Xin)",
 *  （记者 王鹏 摄）): the sentence is the caption. Not a bare "(Xinhua)", a wire story's own credit. */
const CREDIT_AFTER =
  /^[ \t]*(?:[(（[](?:photo|photos|cfp|ic photo|vcg)\b[^()（）[\]\n]{0,60}[)）\]]|[(（[](?:xinhua|chinanews(?:\.com)?|cns|china daily)\s*(?:photo\b|\/)[^()（）[\]\n]{0,40}[)）\]]|[（(][^（()）\n]{0,30}(?:摄|攝)[)）]|[（(](?:新华社|新華社|中新社)发[)）])[ \t]*(?:\n|$)/i;

/** A heading of the text: a line of its own with more text after it, short (100 characters, 40
 *  with Chinese), not ending as a sentence does ("I. Fully implementing the 1st BRF's achievements on
 *  financial integration", "一、切实增强…使命感", "从“去程”到“往返”,激发经贸循环“新活力”": a closing quote
 *  or bracket alone ends no sentence); not the last line, which may be a sentence the
 *  stored excerpt cut off. */
const HEADING_MAX = 100;
const HEADING_MAX_ZH = 40;
const CLOSED = /[.。!！?？;；:：…]["”’」』)）]*$/;
function isHeading(full: string, [a, b]: [number, number]): boolean {
  const t = full.slice(a, b);
  if (b - a > (/[\u3400-\u9fff]/.test(t) ? HEADING_MAX_ZH : HEADING_MAX) || CLOSED.test(t)) return false;
  let i = a;
  while (i > 0 && (full[i - 1] === ' ' || full[i - 1] === '\t')) i--;
  let j = b;
  while (j < full.length && (full[j] === ' ' || full[j] === '\t' || full[j] === '\r')) j++;
  return (i === 0 || full[i - 1] === '\n') && j < full.length && full[j] === '\n' && /\S/.test(full.slice(j));
}

/** A sub-heading run into its paragraph: a short sentence that only numbers a point ("一是数字基础设施
 *  不断夯实。", "第三，开放平台持续拓展。", "三是北斗技术不断推广。"); the sentences after it hold the facts.
 *  A numbered sentence that goes on to say what was done ("一是加强政策沟通，签署合作文件200余份。") has a
 *  comma, a figure ("第一，中欧班列开行超过1.9万列。") or more than 24 characters, and stays a statement. */
const RUN_IN_HEADING = /^(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[是，,、])[^，,；;：:。！？0-9０-９]{2,20}[。；;！!]?$/;

/** A sentence that only leads into what follows ("企业展主要有以下几个特点:", "The coalition includes:",
 *  "The measures are as follows:"; not "Xi gave a keynote address, announcing an eight-point action
 *  plan for …:", which says what happened), and a reader's link ("报道文章请点击《…》", "Click here for
 *  the full text"): neither says anything itself. */
const LEAD_IN = /(?:以下|如下|下列|\b(?:includes?|as follows|the following|key points[^:：]*|are|were))\s*[:：]\s*$/i;
const isLeadIn = (t: string) => (t.endsWith(':') || t.endsWith('：') || /[:：]\s+$/.test(t)) && (LEAD_IN.test(t) || (t.length <= (/[\u3400-\u9fff]/.test(t) ? 20 : 50) && !/[0-9]/.test(t)));
const CLICK = /(?:请|請)(?:点击|點擊)|(?:点击|點擊)(?:查看|阅读|閱讀|进入|進入|下载|下載)|\bclick here\b/i;
const isClick = (t: string) => (t.includes('点击') || t.includes('點擊') || t.includes('lick') || t.includes('LICK')) && CLICK.test(t);

/** The longest headline shown whole as evidence (a longer "title" is a text's first paragraph). */
const HEADLINE_MAX = 200;

/** The input's text of [a, b) of the analysed text. */
const verbatim = (doc: Doc, a: number, b: number) => doc.raw.slice(...verbatimSpan(doc.at, a, b));
/** The title as given. */
const givenTitle = (doc: Doc) => {
  // (trimmed as read: "&nbsp;" at its edges is a space)
  let a = 0;
  let b = doc.titleEnd;
  while (a < b && isSpace(doc.full.charCodeAt(a))) a++;
  while (b > a && isSpace(doc.full.charCodeAt(b - 1))) b--;
  return verbatim(doc, a, b);
};

/** Up to `max` verbatim, non-overlapping sentences of the analysed text; questions, captions and
 *  headings of the text (not the title) only where statements do not fill the list, after them. Sentences
 *  are found in the analysed text (hard-wrapped lines joined) and given as the input has them. */
class Evidence {
  private readonly spans: [number, number][] = [];
  private readonly said: string[] = [];
  private readonly asked: string[] = [];
  constructor(
    private readonly doc: Doc,
    private readonly max = 3,
  ) {}
  get items(): string[] {
    return this.asked.length ? [...this.said, ...this.asked].slice(0, this.max) : this.said;
  }
  get full_(): boolean {
    return this.said.length >= this.max;
  }
  /** Adds the sentence around [s, e) unless it overlaps or repeats one already taken. */
  add(s: number, e: number): void {
    if (this.full_) return;
    for (const [a, b] of this.spans) if (a <= s && e <= b) return; // its sentence is taken
    const span = sentenceSpan(this.doc.full, s, e);
    // A headline is shown whole ("通車!中老鐵路讓夢想成真" is one headline, not two sentences), and a
    // listed item without its bullet ("- Develop over 80 international standards;").
    const { titleEnd, full } = this.doc;
    if (span[1] <= titleEnd && titleEnd <= HEADLINE_MAX && !full.slice(0, titleEnd).includes('\n')) {
      let a = 0;
      let b = titleEnd;
      while (a < b && isSpace(full.charCodeAt(a))) a++;
      while (b > a && isSpace(full.charCodeAt(b - 1))) b--;
      [span[0], span[1]] = [a, b];
    } else {
      [span[0], span[1]] = quotedSpan(full, span);
      const bullet = BULLET.exec(full.slice(span[0], span[0] + 3));
      if (bullet) span[0] += bullet[0].length;
      span[0] += datelineAt(full, span[0], span[1]);
    }
    if (span[1] <= span[0]) return;
    if (this.spans.some(([a, b]) => a < span[1] && b > span[0])) return;
    const t = verbatim(this.doc, span[0], span[1]);
    const asked = QUESTION.test(t) || (span[0] >= this.doc.titleEnd && (isCaption(t) || RUN_IN_HEADING.test(t) || isLeadIn(t) || isClick(t) || CREDIT_AFTER.test(this.doc.full.slice(span[1], span[1] + 80)) || isHeading(this.doc.full, span)));
    const list = asked ? this.asked : this.said;
    const at = placeOf(list, t);
    if (at === REPEAT || (asked && repeats(this.said, t))) return;
    if (!asked) {
      // A question or caption that says the statement gives way to it: the statement is shown once,
      // as a statement ("Q: Kazakhstan will join the corridor next year?" and "Kazakhstan will join
      // the corridor next year.").
      const q = this.asked.findIndex((x) => repeats([x], t));
      if (q >= 0) this.asked.splice(q, 1);
    }
    this.spans.push(span);
    // A sentence that starts with an item already listed takes its place: the reader sees the
    // whole sentence once.
    if (at >= 0) list[at] = t;
    else list.push(t);
  }
  /** Adds a string known to be verbatim (e.g. the title). */
  addText(t: string): void {
    if (!this.full_ && t && !repeats(this.said, t)) this.said.push(t);
  }
}

// ---- relevance --------------------------------------------------------------------------------

export function relevanceScore(values: Record<FeatureName, number>): number {
  let z = RELEVANCE_BIAS;
  for (const f of FEATURES) z += RELEVANCE_WEIGHTS[f] * values[f];
  return sigmoid(z);
}

// ---- topics ----------------------------------------------------------------------------------

interface TopicTally {
  index: number;
  sum: number;
  hits: Hit[];
}

/** The unit starting at or last before a character offset. */
function unitAt(doc: Doc, offset: number): number {
  const { start, n } = doc.u;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Strategy alignment ("the guide's cooperation-mechanisms: strategy alignment"): a sentence that
 * names the BRI and docks it with a partner's own strategy, policy, plan or vision — "integrating
 * the Belt and Road Initiative with Kazakhstan's Bright Road policy", "一带一路倡议与…发展战略对接".
 * Each such sentence counts as one clear cooperation-mechanisms term (at the alignment verb).
 */
const ALIGN_VERB = '(?:align(?:s|ed|ing|ment)?|synergi[sz](?:e|es|ed|ing)|synerg(?:y|ies)|dovetail(?:s|ed|ing)?|dock(?:s|ed|ing)?|integrat(?:e|es|ed|ing|ion)|link(?:s|ed|ing)?|couple[sd]?|coupling|complement(?:s|ed|ing|ary)?|connect(?:s|ed|ing)?)';
const ALIGN_PLAN = '(?:strateg(?:y|ies)|polic(?:y|ies)|plans?|visions?|agendas?|programmes?|programs?)';
const ALIGN_EN = new RegExp(`\\b${ALIGN_VERB}\\b[^.!?\\n]{0,120}?\\b${ALIGN_PLAN}\\b`, 'i');
const ALIGN_ZH = /对接|對接|衔接|銜接|相结合|相結合/;
const ALIGN_ZH_PLAN = /战略|戰略|规划|規劃|计划|計劃|愿景|願景|政策/;
/**
 * What any alignment sentence holds, looked for in the whole text first: most texts have none, and
 * then no sentence needs finding. ALIGN_EN less the word boundaries at its two ends (a sentence may
 * start or end inside a word of the text); a match in a sentence with the BRI's names masked is a
 * match here too: the verb, the words between and the plan word are the text's own characters (a
 * "#" stands for no letter and no stop), and where a masked name touches the verb or the plan word
 * the text has there a character of no word, as "#" is (an ASCII letter or digit beside them would
 * make them one unit of cut()).
 */
const ALIGN_EN_ANYWHERE = new RegExp(`${ALIGN_VERB}\\b[^.!?\\n]{0,120}?\\b${ALIGN_PLAN}`, 'i');

function alignmentHits(doc: Doc): Hit[] {
  const k = doc.k;
  const ti = k.topicIds.indexOf('cooperation-mechanisms');
  if (ti < 0) return [];
  // (the Chinese test first: it costs a fifth of the English one, which it spares where it holds)
  if (!ALIGN_ZH.test(doc.full) && !ALIGN_EN_ANYWHERE.test(doc.full)) return [];
  const out: Hit[] = [];
  const seen = new Set<number>();
  let last: [number, number] = [-1, -1];
  for (const a of hitsOf(doc, Role.Anchor)) {
    if (a.s >= last[0] && a.e <= last[1]) continue; // in the sentence just read
    const [s, e] = (last = sentenceSpan(doc.full, a.s, a.e));
    if (seen.has(s)) continue;
    seen.add(s);
    // The BRI's own names are masked: "linked to the Belt and Road Initiative" docks nothing.
    let sentence = doc.full.slice(s, e);
    for (const b of hitsOf(doc, Role.Anchor)) if (b.s >= s && b.e <= e) sentence = sentence.slice(0, b.s - s) + '#'.repeat(b.e - b.s) + sentence.slice(b.e - s);
    const m = ALIGN_EN.exec(sentence) ?? (ALIGN_ZH_PLAN.test(sentence) ? ALIGN_ZH.exec(sentence) : null);
    if (!m) continue;
    const hs = s + m.index;
    const he = s + m.index + Math.min(m[0].length, 12);
    out.push({ phrase: -1, i: unitAt(doc, hs), j: unitAt(doc, he - 1) + 1, s: hs, e: he, p: { role: Role.Topic, arg: ti, weight: 1 } });
  }
  return out;
}

/** The topic term occurrences of a document, with the strategy-alignment sentences (cached). */
const topicHitCache = new WeakMap<Doc, Hit[]>();
function topicHits(doc: Doc): Hit[] {
  let hits = topicHitCache.get(doc);
  if (!hits) topicHitCache.set(doc, (hits = [...hitsOf(doc, Role.Topic), ...alignmentHits(doc)]));
  return hits;
}

/**
 * The topic term occurrences of a document per topic, in text order (longest first at a position),
 * without those a negative cue hides (cached: the tallies of every paragraph and section read them).
 */
const visibleCache = new WeakMap<Doc, Hit[][]>();
function visibleTopicHits(k: Knowledge, doc: Doc): Hit[][] {
  let lists = visibleCache.get(doc);
  if (lists) return lists;
  const global = hitsOf(doc, Role.NegativeGlobal);
  const perTopic = hitsOf(doc, Role.NegativeTopic);
  lists = k.topicIds.map(() => []);
  for (const h of topicHits(doc)) if (!hidden(h, h.p.arg, global, perTopic)) lists[h.p.arg].push(h);
  for (const hs of lists) hs.sort((a, b) => a.s - b.s || b.e - a.e || b.p.weight - a.p.weight);
  visibleCache.set(doc, lists);
  return lists;
}

/** Whether a negative cue hides the hit of topic ti: one of every topic's (global) or of ti's own
 *  (perTopic) overlapping it, unless the hit holds the cue and is longer. (Module-level, as are
 *  other helpers of per-document functions: under tsx a closure is named on each call, ~0.3 µs.) */
function hidden(h: Hit, ti: number, global: Hit[], perTopic: Hit[]): boolean {
  // (global is in text order, as hitsOf lists a role's hits: once a cue starts at or after the
  // hit's end, no later one overlaps it)
  for (const c of global) {
    if (c.s >= h.e) break;
    if (hides(c, h)) return true;
  }
  for (const c of perTopic) if (c.p.arg === ti && c.s < h.e && hides(c, h)) return true;
  return false;
}
/** Whether the cue c, starting before the hit's end, hides it: it overlaps the hit, and the hit
 *  does not hold it and run longer. */
function hides(c: Hit, h: Hit): boolean {
  return c.e > h.s && !(h.s <= c.s && h.e >= c.e && h.e - h.s > c.e - c.s);
}

function topicTallies(k: Knowledge, doc: Doc, from = 0, to = Infinity): TopicTally[] {
  const out: TopicTally[] = [];
  visibleTopicHits(k, doc).forEach((hs, index) => {
    let end = -1;
    let sum = 0;
    const kept: Hit[] = [];
    // The hits are in text order: the first at or after `from` by bisection, up to `to`.
    let lo = 0;
    for (let hi = hs.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (hs[mid].s < from) lo = mid + 1;
      else hi = mid;
    }
    for (let x = lo; x < hs.length; x++) {
      const h = hs[x];
      if (h.s >= to) break;
      if (h.s < end) continue;
      kept.push(h);
      sum += h.p.weight * (h.s < doc.titleEnd ? TITLE_BOOST : 1);
      end = h.e;
    }
    if (sum > 0) out.push({ index, sum, hits: kept });
  });
  return out.sort((a, b) => b.sum - a.sum || a.index - b.index);
}

/**
 * Per paragraph, the tallies topicTallies(k, doc, s, e + 1) would give, in one pass over each
 * topic's hits (a call per paragraph cost about 4% of classify): for each topic, the number of
 * paragraphs with its terms (`present`), and the topics that lead a paragraph (`owners`: at least
 * PARAGRAPH_TOPIC_MIN, at least PARAGRAPH_TOPIC_SHARE of the paragraph's strongest topic, with a
 * clear term). The paragraphs are in text order, after the headline (no title boost), and apart:
 * each ends before the next starts (paragraphSpans: a newline between them), so a hit is in one.
 */
function paragraphTallies(k: Knowledge, doc: Doc, paragraphs: [number, number][]): { owners: Set<number>; present: Map<number, number> } {
  const P = paragraphs.length;
  const T = k.topicIds.length;
  const sum = new Float64Array(P * T);
  const clearAt = new Uint8Array(P * T);
  visibleTopicHits(k, doc).forEach((hs, t) => {
    let p = 0;
    let end = -1;
    for (let x = 0; x < hs.length && p < P; x++) {
      const h = hs[x];
      // The paragraph [s, e + 1) holding the hit's start, if any; a new paragraph starts a new run.
      let moved = false;
      while (p < P && h.s >= paragraphs[p][1] + 1) {
        p++;
        moved = true;
      }
      if (moved) end = -1;
      if (p >= P || h.s < paragraphs[p][0]) continue;
      if (h.s < end) continue;
      sum[p * T + t] += h.p.weight;
      if (h.p.weight >= TOPIC_CLEAR_TERM) clearAt[p * T + t] = 1;
      end = h.e;
    }
  });
  const owners = new Set<number>();
  const present = new Map<number, number>();
  for (let p = 0; p < P; p++) {
    let best = 0;
    for (let t = 0; t < T; t++) best = Math.max(best, sum[p * T + t]);
    if (best <= 0) continue;
    for (let t = 0; t < T; t++) {
      const s = sum[p * T + t];
      if (s <= 0) continue;
      present.set(t, (present.get(t) ?? 0) + 1);
      if (s >= PARAGRAPH_TOPIC_MIN && s >= PARAGRAPH_TOPIC_SHARE * best && clearAt[p * T + t]) owners.add(t);
    }
  }
  return { owners, present };
}

const topicScore = (sum: number) => 1 - Math.exp(-sum / 1.5);

/**
 * The document's sentences (the Units' numbering) that name another country's programme and those
 * that name the BRI, for ordering topic evidence (cached: every listed topic's evidence reads them).
 */
const markedCache = new WeakMap<Doc, { rival: Set<number>; bri: Set<number> }>();
function markedSentences(doc: Doc): { rival: Set<number>; bri: Set<number> } {
  let marked = markedCache.get(doc);
  if (!marked) {
    marked = { rival: sentencesOf(doc.u, hitsOf(doc, Role.OtherProgramme)), bri: sentencesOf(doc.u, hitsOf(doc, Role.Anchor)) };
    markedCache.set(doc, marked);
  }
  return marked;
}

/** What ends an organisation's name after a term, in English (capitalised words, "and"/"of"/"&"
 *  between) and in Chinese (a few characters, no break). */
const NAME_AFTER_EN = /^(?:[^\S\n]+(?:[A-Z][\w'’-]*|and|of|&))*?[^\S\n]+(?:Market|Group|Office|Company|Co\.|Corporation|Corp\.|Ltd|Limited|Inc\.?|Bureau|Association|University|College|Institute|Department|Commission|Committee|Federation|Chamber|Administration|Agency|Authority|Council)\b/;
const NAME_AFTER_ZH = /^[^\s\p{P}由与與和及在的是为為被对對从從向将將把]{0,4}?(?:集团|集團|公司|办公室|辦公室|市场|市場|协会|協會|学院|學院|大学|大學|研究院|研究所|委员会|委員會|管理局|商会|商會)/u;

/** Whether the term at [s, e) stands inside an organisation's name (its words capitalised). */
function inOrganisationName(full: string, s: number, e: number): boolean {
  const c = full.charCodeAt(s);
  if (isCjk(c)) return NAME_AFTER_ZH.test(full.slice(e, e + 12));
  return c >= 65 && c <= 90 && NAME_AFTER_EN.test(full.slice(e, e + 80));
}

/** A topic's term that is a word of an organisation's name in the text: not in the headline (its
 *  capitals are its style), not a strong term (0.8 and up), nor for cooperation-mechanisms (a
 *  coordination body's name, 领导小组办公室, is its evidence). The name test is a regex: ask last. */
function nameWord(doc: Doc, topic: number, h: Hit): boolean {
  return doc.k.topicIds[topic] !== 'cooperation-mechanisms' && h.p.weight < 0.8 && h.s >= doc.titleEnd && inOrganisationName(doc.full, h.s, h.e);
}

/** The weight of a usual word of a topic's field (seeds/topics.yaml: 0.3–0.5; a bare word is 0.2). */
const FIELD_WORD = 0.3;

/** 1 when the hit's sentence (the Units' numbering) is one of `sentences`, else 0. (This and
 *  shownAsBri are module-level, not closures of topicEvidence: see hidden.) */
function inSentences(sentences: Set<number>, doc: Doc, h: Hit): number {
  return sentences.has(doc.u.sent[h.i]) ? 1 : 0;
}
/** 1 for a term of the field (FIELD_WORD and up) in a sentence that names the BRI, else 0. */
function shownAsBri(bri: Set<number>, doc: Doc, h: Hit): number {
  return inSentences(bri, doc, h) && h.p.weight >= FIELD_WORD ? 1 : 0;
}

/**
 * The topic's evidence: the sentences of its strongest terms. With `led` (the sentences where it
 * has the most term weight of the topics listed), only those when there are any, so a second topic
 * is not shown by a headline about the first.
 */
function topicEvidence(doc: Doc, t: { index: number; hits: Hit[] }, led?: Set<number>): string[] {
  const ev = new Evidence(doc, 3);
  const own = led ? t.hits.filter((h) => led.has(doc.u.sent[h.i])) : [];
  const { rival, bri } = markedSentences(doc);
  // The terms in the order they are shown:
  // - a sentence about another country's programme (in `rival`: "the Quad is considering a joint
  //   infrastructure plan") shows that programme, not the BRI's: such sentences come last;
  // - a sentence that names the BRI with a word of the field (shownAsBri; not a bare word such as
  //   "investment") comes first, whatever stronger terms stand elsewhere: the reader is shown the
  //   topic as BRI work ("…与"一带一路"国家货物贸易人民币结算量同比激增66%…") before a neighbouring
  //   fact with a stronger term (a partner's reserves under the AIIB's guarantee);
  // - then the stronger term; of equally strong terms, one in a sentence that names the BRI (in
  //   `bri`) says more of it.
  const ranked = (own.length ? own : t.hits)
    .slice()
    .sort((a, b) => inSentences(rival, doc, a) - inSentences(rival, doc, b) || shownAsBri(bri, doc, b) - shownAsBri(bri, doc, a) || b.p.weight - a.p.weight || inSentences(bri, doc, b) - inSentences(bri, doc, a) || a.s - b.s);
  const last: Hit[] = [];
  for (const h of ranked) {
    // A field's word inside an organisation's name in the text ("Yiwu International Trade Market",
    // 温州国际贸易集团, "Jinhua Modern Logistics Development and Management Office") comes last too:
    // it names the body, not what the text reports of the field (nameWord). Tested only for the
    // terms about to be shown.
    if (!inSentences(rival, doc, h) && nameWord(doc, t.index, h)) last.push(h);
    else ev.add(h.s, h.e);
    if (ev.full_) return ev.items;
  }
  for (const h of last) {
    ev.add(h.s, h.e);
    if (ev.full_) break;
  }
  return ev.items;
}

/** Section spans of a long or structured document (listed items, else long paragraphs). */
function sectionSpans(doc: Doc, title: string, text: string): [number, number][] {
  const textStart = doc.titleEnd + 2;
  const items = listItems(title, text).filter((i) => i.sectionPath.length === 1);
  const spans: [number, number][] = [];
  if (items.length >= 3) {
    const starts = items.map((i) => text.indexOf(i.text)).filter((x) => x >= 0);
    starts.forEach((s, n) => spans.push([textStart + s, textStart + (n + 1 < starts.length ? starts[n + 1] : text.length)]));
    return spans;
  }
  if (text.length < 3000) return spans;
  let at = 0;
  for (const para of text.split('\n')) {
    if (para.trim().length >= 250) spans.push([textStart + at, textStart + at + para.length]);
    at += para.length + 1;
  }
  return spans;
}

function paragraphSpans(doc: Doc): [number, number][] {
  const u = doc.u;
  const out: [number, number][] = [];
  let i = 0;
  while (i < u.n) {
    const p = u.para[i];
    let j = i;
    while (j < u.n && u.para[j] === p) j++;
    out.push([u.start[i], u.end[j - 1]]);
    i = j;
  }
  return out;
}

/**
 * For each sentence (the Units' numbering) with terms of the given topics, the topic with the most
 * term weight there and that weight; a tie goes to the topic given first. (The weights are summed
 * in one array, a row of the given topics per sentence: a map per sentence cost more than the rest
 * of this.)
 */
function sentenceLeaders(doc: Doc, topics: { index: number; hits: Hit[] }[]): Map<number, { index: number; w: number }> {
  const T = topics.length;
  const weight = new Float64Array(doc.u.sentences * T);
  topics.forEach((t, x) => {
    for (const h of t.hits) weight[doc.u.sent[h.i] * T + x] += h.p.weight;
  });
  const out = new Map<number, { index: number; w: number }>();
  for (let sent = 0; sent < doc.u.sentences; sent++) {
    let best = -1;
    let bestW = 0;
    for (let x = 0; x < T; x++) if (weight[sent * T + x] > bestW) [best, bestW] = [x, weight[sent * T + x]];
    if (best >= 0) out.set(sent, { index: topics[best].index, w: bestW });
  }
  return out;
}

/** One topic a document has terms of, with the features of the topic model (weights.ts). */
export interface TopicCandidate {
  index: number;
  id: string;
  sum: number;
  /** The kept term occurrences (the evidence is taken from them). */
  hits: Hit[];
  x: Record<TopicFeature, number>;
}

/**
 * The topics a document has terms of, strongest first, each with the explainable features the
 * topic model weighs: how much of the topic there is (mass, and relative to the leading topic),
 * where (headline, paragraphs it leads, share of paragraphs, sections of long documents) and how
 * clear its terms are.
 */
function topicCandidates(k: Knowledge, doc: Doc, title: string, text: string): TopicCandidate[] {
  const tallies = topicTallies(k, doc);
  if (!tallies.length) return [];
  const best = tallies[0].sum;
  const paragraphs = paragraphSpans(doc).filter(([s]) => s >= doc.titleEnd);
  const { owners, present } = paragraphTallies(k, doc, paragraphs);
  const sections = new Set<number>();
  for (const [s, e] of sectionSpans(doc, title, text)) {
    const top = topicTallies(k, doc, s, e)[0];
    if (top && top.sum >= SECTION_TOPIC_MIN) sections.add(top.index);
  }
  // Sentences each topic leads (ties: the topic stronger in the whole text), from SENTENCE_TOPIC_MIN up.
  const sentencesLed = new Map<number, number>();
  for (const { index, w } of sentenceLeaders(doc, tallies).values()) if (w >= SENTENCE_TOPIC_MIN) sentencesLed.set(index, (sentencesLed.get(index) ?? 0) + 1);
  // How much the words resemble those of the articles labelled with each topic (bow.ts).
  // (Its topics are the taxonomy's, in order: buildKnowledge checks.)
  const resembles = k.bow ? resemblance(k.bow, bagKeys(doc.u)) : null;
  const leader = k.topicIds[tallies[0].index];
  const companions = new Set(TOPIC_COMPANIONS.filter(([a]) => a === leader).map(([, b]) => b));
  return tallies.map((t, rank) => {
    const id = k.topicIds[t.index];
    const x = {} as Record<TopicFeature, number>;
    x.mass = Math.log1p(t.sum);
    x.relative = Math.sqrt(t.sum / best);
    x.leader = rank === 0 ? 1 : 0;
    x.leadsParagraph = owners.has(t.index) ? 1 : 0;
    x.paragraphShare = paragraphs.length ? (present.get(t.index) ?? 0) / paragraphs.length : 0;
    x.clearTerm = t.hits.some((h) => h.p.weight >= TOPIC_CLEAR_TERM) ? 1 : 0;
    x.inTitle = t.hits.some((h) => h.s < doc.titleEnd) ? 1 : 0;
    x.leadsSection = sections.has(t.index) ? 1 : 0;
    x.companion = companions.has(id) ? 1 : 0;
    x.sentencesLed = Math.log1p(sentencesLed.get(t.index) ?? 0);
    x.resembles = resembles ? resembles[t.index] : 0;
    return { index: t.index, id, sum: t.sum, hits: t.hits, x };
  });
}

/** The topic model's probability that a candidate topic is one the article is about. */
export function topicProbability(c: Pick<TopicCandidate, 'id' | 'x'>): number {
  let z = TOPIC_BIAS + (TOPIC_PRIORS[c.id] ?? 0);
  for (const f of TOPIC_FEATURES) z += TOPIC_WEIGHTS[f] * c.x[f];
  return sigmoid(z);
}

/**
 * The selection rule: every candidate with a probability of at least `threshold`, most probable
 * first, at most TOPIC_MAX; at least the leading topic. The fitter (fit-topics.ts) applies the same
 * rule to the probabilities of a model it is fitting.
 */
export function chooseTopics(candidates: TopicCandidate[], probability: (c: TopicCandidate) => number = topicProbability, threshold = TOPIC_SELECT): { c: TopicCandidate; p: number }[] {
  const scored = candidates.map((c) => ({ c, p: probability(c) })).sort((a, b) => b.p - a.p || b.c.sum - a.c.sum);
  const chosen = scored.filter((s) => s.p >= threshold).slice(0, TOPIC_MAX);
  if (!chosen.length && scored.length) chosen.push(scored.find((s) => s.c.x.leader === 1)!);
  return chosen;
}

/** Topics of a relevant text, each scored by the topic model's probability, with evidence. */
function selectTopics(k: Knowledge, doc: Doc, title: string, text: string): Judgement['topics'] {
  const chosen = chooseTopics(topicCandidates(k, doc, title, text));
  // Each sentence goes to the listed topic with the most term weight in it (ties: the more probable).
  const led = new Map(chosen.map(({ c }) => [c.index, new Set<number>()]));
  for (const [sent, l] of sentenceLeaders(doc, chosen.map(({ c }) => c))) led.get(l.index)!.add(sent);
  return chosen.map(({ c, p }) => ({ id: c.id, score: round(p), evidence: topicEvidence(doc, c, led.get(c.index)) }));
}

/**
 * For each given topic, the topic resemblance model's score (a logit; bow.ts) and the words and
 * Chinese character pairs of the text that add most to it (explains the topic model's `resembles`
 * feature; the forms are the model's, folded: lower case, simplified characters).
 */
export function topicResemblance(input: ClassifyInput, knowledge: Knowledge, topics: string[], n = 5): { id: string; score: number; words: { form: string; weight: number }[] }[] {
  const model = knowledge.bow;
  if (!model) return [];
  const keys = bagKeys(prepare(input, knowledge).doc.u);
  const scores = resemblance(model, keys);
  return topics.flatMap((id) => {
    const t = model.topics.indexOf(id);
    return t < 0 ? [] : [{ id, score: Number(scores[t].toFixed(3)), words: strongestForms(model, keys, t, n) }];
  });
}

/** The bag of words of a document as the topic resemblance model reads it, with the keys' forms (for fitting it). */
export function bagOf(input: ClassifyInput, knowledge: Knowledge): { keys: Int32Array; named: { key: number; name: string }[] } {
  const { doc } = prepare(input, knowledge);
  const named = namedKeys(doc.u, doc.full);
  return { keys: Int32Array.from(named, (x) => x.key), named };
}

/** The topic model's candidates of a document (for fitting and explaining the model). */
export function topicFeatures(input: ClassifyInput, knowledge: Knowledge): TopicCandidate[] {
  const { title, text, doc } = prepare(input, knowledge);
  return topicCandidates(knowledge, doc, title, text);
}

// ---- measures --------------------------------------------------------------------------------

type Link = Judgement['measures'][number];

interface MeasureSignal {
  alias: number;
  aliasHit: Hit | null;
  bm25: number;
  /** Character span of the best passage. */
  passage: [number, number] | null;
}

/** Per knowledge, for each word of its vocabulary (the ids stop is indexed by): STOP_WORD, else its
 *  BM25 term or -1. bm25 reads this array of a few KB where it probed the terms' hash table. */
const STOP_WORD = -2;
const wordTermCache = new WeakMap<Knowledge, Int32Array>();
function wordTerms(k: Knowledge): Int32Array {
  let out = wordTermCache.get(k);
  if (!out) {
    out = new Int32Array(Math.min(k.stop.length, CJK_BASE));
    for (let id = 0; id < out.length; id++) out[id] = k.stop[id] ? STOP_WORD : k.terms.get(id);
    wordTermCache.set(k, out);
  }
  return out;
}

/** BM25 of every catalog entry against the document's paragraphs: best paragraph per entry. */
function bm25(k: Knowledge, doc: Doc): { sim: Float64Array; passage: Int32Array } {
  const M = k.measures.length;
  const sim = new Float64Array(M);
  const passage = new Int32Array(M).fill(-1);
  const { u } = doc;
  // Passages are the input's own paragraphs (the catalog's scores were set on them).
  const para = passagesOf(doc);
  const score = new Float64Array(M);
  const tf = new Uint16Array(k.termIdf.length);
  const seen: number[] = [];
  const wordTerm = wordTerms(k);
  const words = wordTerm.length;
  const { id: ids, join: joins, n: units } = u;
  const { stop, terms, termIdf, termPostings, maxScore } = k;
  const cjkBase = CJK_BASE;
  const k1 = 1.2;
  const b = 0.5;
  const avg = 60;
  let i = 0;
  while (i < units) {
    const p = para[i];
    let j = i;
    while (j < units && para[j] === p) j++;
    seen.length = 0;
    let len = 0;
    for (let x = i; x < j; x++) {
      const id = ids[x];
      if (id < 0) {
        len++;
        continue;
      }
      let t: number;
      if (id >= cjkBase) {
        if (x + 1 >= j || ids[x + 1] < cjkBase || !joins[x + 1]) continue;
        t = terms.get(bigramKey(id - cjkBase, ids[x + 1] - cjkBase));
        len += 0.5;
      } else if (id < words) {
        t = wordTerm[id];
        if (t === STOP_WORD) continue;
        len++;
      } else {
        // (a word the vocabulary learnt after the knowledge was built, if any)
        if (stop[id]) continue;
        t = terms.get(id);
        len++;
      }
      if (t >= 0 && tf[t]++ === 0) seen.push(t);
    }
    if (seen.length) {
      const norm = k1 * (1 - b + (b * Math.max(len, 1)) / avg);
      for (const t of seen) {
        const n = tf[t];
        tf[t] = 0;
        const w = (termIdf[t] * (n * (k1 + 1))) / (n + norm);
        const post = termPostings[t];
        for (let q = 0; q < post.length; q++) score[post[q]] += w;
      }
      // (Every idf is above 0, so every w is: an entry still at 0 has no term in this paragraph. One
      // pass over the entries reads the sums, cheaper than listing the entries as they are touched.)
      for (let m = 0; m < M; m++) {
        if (score[m] === 0) continue;
        const s = score[m] / maxScore[m];
        if (s > sim[m]) {
          sim[m] = s;
          passage[m] = i;
        }
        score[m] = 0;
      }
    }
    i = j;
  }
  return { sim, passage };
}

function passageSpan(doc: Doc, firstUnit: number): [number, number] {
  const para = passagesOf(doc);
  const p = para[firstUnit];
  let j = firstUnit;
  while (j + 1 < doc.u.n && para[j + 1] === p) j++;
  return [doc.u.start[firstUnit], doc.u.end[j]];
}

/** The sentence of [s, e) holding the most of the entry's terms, as evidence. */
function bestSentence(k: Knowledge, doc: Doc, measure: number, span: [number, number]): [number, number] {
  const { u } = doc;
  let bestS = span[0];
  let bestE = Math.min(span[1], span[0] + 1);
  let best = -1;
  let x = 0;
  while (x < u.n && u.start[x] < span[0]) x++;
  while (x < u.n && u.start[x] < span[1]) {
    const sent = u.sent[x];
    let y = x;
    let score = 0;
    while (y < u.n && u.sent[y] === sent && u.start[y] < span[1]) {
      const t = termAt(k, u, y);
      if (t >= 0 && k.termPostings[t].includes(measure)) score += k.termIdf[t];
      y++;
    }
    if (score > best) {
      best = score;
      bestS = u.start[x];
      bestE = u.end[y - 1];
    }
    x = y;
  }
  // The matcher ends a sentence only at a stop followed by a space: text that runs sentences
  // together ("… from reporters.Building the Hongqiao …", "…Development.” Liu Ping …") makes one
  // long "sentence" of a paragraph. Within it, the evidence sentence (sentences.ts) that holds most
  // (rare: kept out of the loop above, which runs for every linked entry).
  return bestE - bestS > EVIDENCE_SENTENCE_MAX ? bestWithin(k, doc, measure, bestS, bestE) : [bestS, bestE];
}

/** The catalog term at unit y (a word, or the bigram a Chinese character starts), or -1. */
function termAt(k: Knowledge, u: Doc['u'], y: number): number {
  const id = u.id[y];
  let key = -1;
  if (id >= CJK_BASE) {
    if (y + 1 < u.n && u.id[y + 1] >= CJK_BASE) key = bigramKey(id - CJK_BASE, u.id[y + 1] - CJK_BASE);
  } else if (id >= 0 && !k.stop[id]) key = id;
  return key >= 0 ? k.terms.get(key) : -1;
}

/**
 * Of the evidence sentences in [from, to), the one holding most of the entry's terms, as the place
 * of its strongest term: the evidence takes the sentence around what it is given, and where a
 * sentence without stops is cut at a window, the window around the sentence's start is not the one
 * scored.
 */
function bestWithin(k: Knowledge, doc: Doc, measure: number, from: number, to: number): [number, number] {
  const { u } = doc;
  let at = from;
  let top = -1;
  let pick: [number, number] = [from, from + 1];
  let y = 0;
  while (at < to) {
    const [a, b] = sentenceSpan(doc.full, at, at + 1);
    while (y < u.n && u.start[y] < a) y++;
    let score = 0;
    let strongest = -1;
    let rarest = 0;
    for (let z = y; z < u.n && u.start[z] < b; z++) {
      const t = termAt(k, u, z);
      if (t < 0 || !k.termPostings[t].includes(measure)) continue;
      score += k.termIdf[t];
      if (k.termIdf[t] > rarest) {
        rarest = k.termIdf[t];
        strongest = u.start[z];
      }
    }
    if (score > top) {
      top = score;
      pick = strongest >= 0 ? [strongest, strongest + 1] : [a, a + 1];
    }
    at = Math.max(b, at + 1);
    while (at < to && /\s/.test(doc.full[at])) at++;
  }
  return pick;
}

/** A headline that calls its policy a new or revised edition: "new … plan", "revised … measures",
 *  新版, 新一轮…方案, 修订, 升级版 (not "New Zealand", "new progress", "forecast revised up",
 *  新一轮高水平开放). */
const RENEWED =
  /\b(?:new(?!\s+zealand)|newly|revised|updated|amended|upgraded)\b[^,.:;|]{0,60}?\b(?:plan|edition|version|measures|opinions|guidelines|rules|regulations|policy|policies)\b|新版|新一[轮輪][^，,。；;]{0,30}?(?:方案|计划|計劃|规划|規劃|措施|意见|意見)|修订|修訂|修正|升级版|升級版/i;

/** A press conference or briefing held ("记者从11日召开的市政府新闻发布会上获悉", "at a press conference
 *  held on Monday", "held a news briefing"): where a measure is announced or explained, not an act
 *  that carries it out — when the event is the verb's object, not where the act took place
 *  ("开通仪式暨新闻发布会", "opened at a media event"). */
const PRESS_AFTER =
  /^(?:了|的)?(?:(?!仪式|儀式|典礼|典禮)[^，,。；;：:！!？?\n暨]){0,16}?(?:新闻发布会|新聞發布會|新闻发布會|发布会|發布會|新闻通气会|新聞通氣會|吹风会|吹風會|记者会|記者會|记者见面会|記者見面會)|^\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:(?!(?:at|in|on|during|after|before|with|for|to|by|from|into|through)\b)[\w'’-]+\s+){0,3}?(?:press|news|media)\s+(?:conference|briefing|event)s?\b/i;
const PRESS_BEFORE = /(?:press|news|media)\s+(?:conference|briefing|event)s?\s+(?:(?:was|were|is|being)\s+)?$/i;
function pressEvent(full: string, at: number, end: number): boolean {
  return PRESS_AFTER.test(full.slice(end, end + 40)) || PRESS_BEFORE.test(full.slice(Math.max(0, at - 40), at));
}

/** A speech at an opening or closing ceremony ("在第五届进博会开幕式致辞中提出…"): what the speech names is
 *  said there, not done (the ceremony of the entry's own event, "博览会6月5日开幕式", still is). */
const CEREMONY_SPEECH = /^式\s*(?:上)?(?:的)?(?:致辞|致辭|讲话|講話|演讲|演講|主旨|发表|發表)/;

/** The verbs of IMPLEMENT that make a plan rather than carry it out, for a seed policy's lead entry. */
const MAKING = /^(?:approved|批复|批復|获批|獲批)$/i;
/** "Unveiled" makes a plan when a document word follows ("unveiled the Plan for …", "unveiled new
 *  measures"); with a plaque, a zone or a centre it is the press's 揭牌, an act. */
const UNVEILED_DOCUMENT = /^\s+(?:the\s+|a\s+|an\s+|its\s+|new\s+)?(?:[\w-]+\s+){0,6}?(?:plan|measures|guidelines|opinions|policy|policies|blueprint|roadmap)\b/i;

/** What makes a region's name part of another name: 沪深两市, 沪港通, 上海合作组织, "Shanghai Cooperation Organisation". */
const NOT_A_PLACE_AFTER = /^(?:深|港通|伦通|倫通|合作组织|合作組織|\s+Cooperation\s+Organi[sz]ation)/i;
/** So does a university's or the academy's name (上海财经大学, 浙江大学, "Shanghai Jiao Tong University",
 *  上海社会科学院): a scholar of one writing on national policy does not make the text the region's.
 *  (Case matters: "Shanghai at Tongji University" and 上海大学生 are the place.) */
const UNIVERSITY_AFTER =
  /^(?:财经|財經|交通|外国语|外國語|对外经贸|對外經貿|理工|师范|師範|海事|海洋|中医药|中醫藥|电力|電力|政法|科技|工业|工業|工商|纽约|紐約)?(?:大学|大學)(?!生)|^(?:社会科学院|社會科學院)|^\s+(?:[A-Z][a-z]+\s+){0,3}University\b|^\s+Academy\s+of\s+Social\s+Sciences/;
/** The region names a text uses as places (not inside another name). */
const placeHits = (doc: Doc) =>
  hitsOf(doc, Role.Region).filter((h) => {
    const after = doc.full.slice(h.e, h.e + 40);
    return !NOT_A_PLACE_AFTER.test(after) && !UNIVERSITY_AFTER.test(after);
  });

/** The other cities China-Europe trains leave from, for telling a city's report from a national list. */
const OTHER_TRAIN_CITIES =
  /重庆|重慶|成都|西安|郑州|鄭州|武汉|武漢|长沙|長沙|合肥|苏州|蘇州|连云港|連雲港|乌鲁木齐|烏魯木齊|兰州|蘭州|天津|广州|廣州|深圳|厦门|廈門|济南|濟南|青岛|青島|南京|沈阳|瀋陽|哈尔滨|哈爾濱|昆明|南宁|南寧|北京|\b(?:Chongqing|Chengdu|Xi'an|Xian|Zhengzhou|Wuhan|Changsha|Hefei|Suzhou|Lianyungang|Urumqi|Lanzhou|Tianjin|Guangzhou|Shenzhen|Xiamen|Jinan|Qingdao|Nanjing|Shenyang|Harbin|Kunming|Nanning|Beijing)\b/;

const ADVERBS = '(?:not|also|soon|then|further|first|jointly|officially|formally|fully|gradually|eventually|finally|initially|successfully|likely)';
const MODAL = "(?:will|shall|would|won['’]t)";
/** Before an act's verb, words that make it one still to come or an aim, in its clause: "will
 *  (also / officially) be launched", "won't be held", "is expected to be formally opened"; 将于…举行,
 *  计划组织开行, 拟签署, 力争建成, 要建成, 到2025年建成, 把上海建成…, 倒计时; a second verb of such a pair ("will be
 *  planned and launched"). Not the same characters in other words or
 *  uses: 已…将…举办 (将 marking the object of an act done), 将近, 虚拟, 模拟, 按计划 (as planned), 重要,
 *  需要, 一把手, 把关. */
const INTENT_EN = new RegExp(
  `\\b(?:${MODAL}|to)(?:\\s+(?:be|${ADVERBS}))*\\s+$` +
    // the second verb of a pair still to come: "will be planned and launched", "to be built and opened"
    `|\\b(?:${MODAL}(?:\\s+${ADVERBS})*(?:\\s+be)?|to\\s+be)(?:\\s+${ADVERBS})*\\s+[a-z]+\\s+(?:and|or)\\s+$`,
  'i',
);
const INTENT_ZH =
  /(?:(?<![已曾][^，,。；;！!？?\n]{0,12})(?:将|將)(?![近军軍领領士])|(?:将|將)(?=[于於要会會在进進逐继繼加全正首])|(?<![虚虛模])(?:拟|擬)|(?<![按照如])(?:计划|計劃)|力争|力爭|预计|預計|有望|争取|爭取|(?<![重主需只首提纲綱])要(?![求素点點])|到(?:19|20)\d\d年|明年|年内|年內|下半年|今后|今後|未来|未來|倒计时|倒計時|(?<!一)把(?![手关關握脉脈]))(?:(?![已曾])[^，,。；;！!？?\n]){0,24}$/;
/** "to expand and set up": a pair after a bare "to" when the act's verb is no past form (after
 *  "came to Shanghai and launched" the "to" is a preposition). */
const TO_PAIR = /\b[Tt]o\s+[a-z]+\s+(?:and|or)\s+$/; // a verb in lower case, not "to Shanghai and"
/** After a verb in the present ("opens", "is held"), in its clause up to another verb's "and" or
 *  "but": a time still to come, "opens next year", "is held later this month" (not "next year's"). */
const PRESENT_ACT = /^(?:opens|launches|hosts|holds|starts)$/i;
/** Before a participle or passive: "is (officially) held", ", held next month in Shanghai,". */
const PASSIVE_BEFORE = new RegExp(`(?:\\b(?:is|are)(?:\\s+${ADVERBS})?|,)\\s+$`, 'i');
const INTENT_AFTER_EN = new RegExp(
  `^(?:(?!\\s(?:and|but)\\s)[^,.;:!?\\n]){0,40}?\\b(?:next (?:year|month|week|spring|summer|autumn|fall|winter|${MONTH_NAMES})|later this (?:year|month|week)|in the coming (?:days|weeks|months|years)|(?:early|late) next year)\\b(?!['’]s)`,
  'i',
);
/** After the verb: a countdown, 距离…举行还有不到20天, 开幕仅剩5天, 开幕倒计时10天; and, after 距 in the
 *  clause, 距…开幕已不足一个月 (without it, 开幕不到一个月 is a time since an act done). */
const DAYS_ZH = '[\\d一二三四五六七八九十百两兩]+\\s*(?:天|日|个月|個月|周|週)'; // 20天, 一个月
const COUNTDOWN_ZH = new RegExp(`^[^，,。；;！!？?\\n]{0,4}(?:(?:还有|還有|仅剩|僅剩|只剩|只有|仅有|僅有)(?:不到|不足)?\\s*${DAYS_ZH}|倒计时|倒計時|倒数|倒數)|^(?:在即|前夕)`);
const SINCE_OR_UNTIL_ZH = new RegExp(`^[^，,。；;！!？?\\n]{0,4}已?(?:不到|不足)\\s*${DAYS_ZH}`);
const UNTIL_ZH = /(?:距离|距離|距|离|離)[^，,。；;！!？?\n]{0,30}$/;
function intended(full: string, at: number, end: number): boolean {
  // 建成了, 开通了: done, whatever came before.
  if (full[end] === '了') return false;
  const before = full.slice(Math.max(0, at - 60), at);
  const verb = full.slice(at, end);
  if (INTENT_EN.test(before) || INTENT_ZH.test(before) || (TO_PAIR.test(before) && !/ed$/i.test(verb))) return true;
  const after = full.slice(end, end + 60);
  if (COUNTDOWN_ZH.test(after) || (SINCE_OR_UNTIL_ZH.test(after) && UNTIL_ZH.test(before))) return true;
  return (PRESENT_ACT.test(verb) || PASSIVE_BEFORE.test(before)) && INTENT_AFTER_EN.test(after);
}

/** Years as a text writes them (folded: full-width digits are ASCII), one capture each: 2019年,
 *  二〇一九年, 2019“…” (an event's year before its name), 〔2019〕 and (2019), dates (2019-09-26,
 *  26/09/2019), ranges (2019—2025, 2019至2025, 2024-25: both years), and in English after a word that
 *  introduces a year ("in 2019", "Sept. 26, 2019", "Nov 5-10, 2025", "the 2025 work plan", "end of
 *  2019", "Q3 2025", "mid-2019"). Not counts: "2024列", "2,019 trains", "a total of 2013 trains". */
const Y = '((?:19[89]|20[0-4])\\d)';
const MONTH = 'jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|may|june|july|august|september|october|november|december';
const YEAR_FORMS: RegExp[] = [
  new RegExp(`(?<![\\d,.])${Y}(?=\\s*年|[“"「《])`, 'g'),
  new RegExp(`[〔\\[（(]${Y}[〕\\]）)]`, 'g'),
  new RegExp(`(?<![\\d,.])${Y}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\d)`, 'g'),
  new RegExp(`(?<![\\d.])\\d{1,2}[-/.]\\d{1,2}[-/.]${Y}(?!\\d)`, 'g'),
  new RegExp(`(?<![\\d,.])${Y}\\s*(?:[-–—~～至到]|to)\\s*${Y}(?![\\d,])`, 'gi'),
  new RegExp(`(?<![\\d,.])((?:19[89]|20[0-4])\\d)[-–/](\\d\\d)(?![\\d,.-])`, 'g'),
  // The year first, its introducing word behind it: the scan looks for years, not for every word.
  new RegExp(`${Y}(?<=\\b(?:in|since|by|until|till|from|during|through|year|early|late|the|q[1-4]|h[12]|fy|(?:end|beginning|start|middle|half|quarter) of|(?:${MONTH})\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*[-–]\\s*\\d{1,2}(?:st|nd|rd|th)?)?,?)?)\\s+\\d{4})(?![\\d,.]?\\d)`, 'gi'),
  new RegExp(`\\bfy${Y}(?!\\d)`, 'gi'),
  new RegExp(`\\bmid-${Y}(?!\\d)`, 'gi'),
];
const ZH_DIGIT = '〇一二三四五六七八九';
/** A Chinese numeral's digit (〇 and 零 both 0), or -1. */
const zhDigit = (c: string) => (c === '零' ? 0 : ZH_DIGIT.indexOf(c));

/** The latest year a text names (YEAR_FORMS), or null. */
export function latestYearNamed(text: string): number | null {
  let latest: number | null = null;
  for (const y of yearsNamed(text)) if (latest === null || y > latest) latest = y;
  return latest;
}

/** The years a text names (YEAR_FORMS), 1980–2049. */
function yearsNamed(text: string): Set<number> {
  const folded = foldText(text);
  const out = new Set<number>();
  const see = (y: number) => {
    if (y >= 1980 && y <= 2049) out.add(y);
  };
  for (const re of YEAR_FORMS) {
    // (exec, not matchAll: no iterator and no copy of each match's groups)
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const century = Math.floor(Number(m[1]) / 100) * 100;
      for (let g = 1; g < m.length; g++) if (m[g]) see(m[g].length === 2 ? century + Number(m[g]) : Number(m[g])); // 2024-25
    }
  }
  // A year in Chinese numerals, 二〇一九年: 年 first (found fast), then the four numerals before it.
  for (let i = folded.indexOf('年', 4); i >= 0; i = folded.indexOf('年', i + 1)) {
    let y = 0;
    for (let k = i - 4; k < i && y >= 0; k++) {
      const d = zhDigit(folded[k]);
      y = d < 0 ? -1 : y * 10 + d;
    }
    if (y >= 0) see(y);
  }
  return out;
}

function regionsOf(k: Knowledge, doc: Doc, input: ClassifyInput): Set<string> {
  const out = new Set<string>();
  const leadLimit = doc.titleEnd + 2 + 1500;
  for (const h of placeHits(doc)) if (h.s < leadLimit) out.add(k.regionIds[h.p.arg]);
  const src = input.source?.toLowerCase() ?? '';
  for (const r of k.regionIds) if (src.startsWith(r)) out.add(r);
  const ik = issuerKey(input.issuer).split(':')[0];
  if (ik) out.add(ik);
  return out;
}

/** What titleSimilarity reads of the document's title: its term keys, and folded where it is Chinese
 *  (declared so, or with Chinese characters); made once per document, not once per policy. */
interface TitleTerms {
  keys: Map<number, number>;
  zh: string | null;
}
function titleTerms(k: Knowledge, doc: Doc, lang: ClassifyInput['lang']): TitleTerms {
  const u = doc.u;
  let lastTitleUnit = 0;
  while (lastTitleUnit < u.n && u.start[lastTitleUnit] < doc.titleEnd) lastTitleUnit++;
  const title = doc.full.slice(0, doc.titleEnd);
  return { keys: termKeys(u, k.stop, 0, lastTitleUnit), zh: lang === 'zh' || /[\u3400-\u9fff]/.test(title) ? foldText(title) : null };
}

function titleSimilarity(title: TitleTerms, p: PolicyEntry): number {
  // Same language: idf-weighted share of the policy title's keys found in the document title.
  const { keys } = title;
  let best = 0;
  for (const v of p.variants) {
    let total = 0;
    let found = 0;
    for (const [key, w] of v) {
      total += w;
      if (keys.has(key)) found += w;
    }
    if (total > 0) best = Math.max(best, found / total);
  }
  // Across languages: the Chinese renderings of the English title's glossary phrases (for a
  // Chinese document: declared so, or its title has Chinese characters).
  if (p.zhPhrases.length && title.zh !== null) {
    let total = 0;
    let found = 0;
    for (const ph of p.zhPhrases) {
      total += ph.weight;
      if (ph.any.some((z) => title.zh!.includes(z))) found += ph.weight;
    }
    if (total >= 2) best = Math.max(best, found / total);
  }
  return best;
}

/** Where a catalog entry's text stands in the document, verbatim, or with the no-break spaces the
 *  catalog keeps from its source page written as the plain spaces an extractor gives; else -1. */
function indexOfEntry(full: string, text: string): number {
  const at = full.indexOf(text);
  return at >= 0 || !text.includes('\u00a0') ? at : full.indexOf(text.replace(/\u00a0/g, ' '));
}

/** The document's text without the breaks read into its long paragraphs: the text prepare read
 *  before it inserted them (kept for a document with Doc.inserted). */
const uninsertedText = new WeakMap<Doc, string>();

/** Where a catalog entry's text (its first `max` characters) stands in the document (indexOfEntry),
 *  also across the line breaks read into a long paragraph (Doc.inserted: a break may fall between
 *  an entry's sentences); else null. */
function entrySpan(doc: Doc, text: string, max = Infinity): [number, number] | null {
  const length = Math.min(text.length, max);
  const at = indexOfEntry(doc.full, text);
  if (at >= 0) return [at, at + length];
  const { inserted } = doc;
  if (!inserted) return null;
  const p = indexOfEntry(uninsertedText.get(doc)!, text);
  if (p < 0) return null;
  // a character of the plain text has the breaks before it (at plain offsets inserted[k] - k) in front of it
  const toFull = (q: number) => q + inserted.filter((b, k) => b - k <= q).length;
  return [toFull(p), toFull(p + length - 1) + 1];
}

/** The knowledge's shingle index (hash → its seeds' bits) numbered: an IntMap from hash to number
 *  and the bits by number, with a stamp per number of the last linkMeasures call that counted it
 *  (linkMeasures is synchronous and never re-entered). With a Set of the counted hashes per call and
 *  the Map's probes, the count took ~9 µs for a text of three seed-like articles; with these ~3.5. */
const shingleTables = new WeakMap<Map<number, number>, { index: IntMap; bits: Int32Array; stamps: { last: number; of: Uint32Array } }>();
function shingleTable(k: Knowledge) {
  let table = shingleTables.get(k.shingleIndex);
  if (!table) {
    const index = new IntMap(k.shingleIndex.size);
    const bits = new Int32Array(k.shingleIndex.size);
    let n = 0;
    for (const [h, b] of k.shingleIndex) {
      index.set(h, n);
      bits[n++] = b;
    }
    table = { index, bits, stamps: { last: 0, of: new Uint32Array(n) } };
    shingleTables.set(k.shingleIndex, table);
  }
  if (table.stamps.last === 0xffffffff) table.stamps = { last: 0, of: new Uint32Array(table.bits.length) };
  return table;
}

function linkMeasures(k: Knowledge, doc: Doc, input: ClassifyInput, editionOf: string[] = []): Link[] {
  const titleYear = yearOf(input.title);
  const links = new Map<number, Link>();
  const put = (m: number, link: Omit<Link, 'id'>) => {
    const prev = links.get(m);
    const rank = { announces: 3, updates: 2, implements: 1, mentions: 0 };
    if (prev && (rank[prev.relation] > rank[link.relation] || (prev.relation === link.relation && prev.score >= link.score))) return;
    links.set(m, { id: k.measures[m].m.id, relation: link.relation, score: link.score, evidence: link.evidence });
  };

  // announces: the document is, or copies, the document catalog entries were taken from.
  const url = canonicalUrl(input.url);
  const announced = new Set<number>();
  if (url) {
    for (const s of k.seeds) {
      if (s.canonicalUrl === url) for (const m of s.measures) announced.add(m);
    }
    for (const m of k.bySourceUrl.get(url) ?? []) announced.add(m);
    for (const m of announced) put(m, { relation: 'announces', score: 1, evidence: [] });
  }
  // A copy holds its seed's entries verbatim, so many of them score high in BM25: only then are
  // shingles worth hashing (they are the expensive part of this check).
  const { sim, passage } = bm25(k, doc);
  const candidates = k.seeds.map((s) => s.measures.filter((m) => sim[m] >= 0.5).length >= Math.max(1, Math.min(3, Math.ceil(0.3 * s.measures.length))));
  if (candidates.some(Boolean)) {
    const hashes = shingleHashes(doc.full);
    if (hashes.length) {
      const hits = new Int32Array(k.seeds.length);
      // Each distinct shingle a seed holds once; the filter's bit first, as most of a text's
      // shingles are in no seed. The text's count of distinct shingles is needed only for a long
      // excerpt of a seed (60 shared shingles or more).
      const { index, bits: bitsOf, stamps } = shingleTable(k);
      const stamp = ++stamps.last;
      for (let x = 0; x < hashes.length; x++) {
        const h = hashes[x];
        if (!inShingleFilter(k.shingleFilter, h)) continue;
        const at = index.get(h);
        if (at < 0 || stamps.of[at] === stamp) continue;
        stamps.of[at] = stamp; // counted
        // (the seeds' bits set, lowest first)
        for (let bits = bitsOf[at]; bits !== 0; bits &= bits - 1) hits[31 - Math.clz32(bits & -bits)]++;
      }
      let distinct = 0;
      if (hits.some((n) => n >= 60)) {
        // (counted in a hash table, the shingles' 30 bits never its empty key: sorting a copy took
        // six times as long)
        const shingles = new IntMap(hashes.length);
        for (let x = 0; x < hashes.length; x++) shingles.set(hashes[x], 0);
        distinct = shingles.size;
      }
      k.seeds.forEach((s, si) => {
        if (!candidates[si]) return;
        // Another year's edition of a yearly document shares most of its wording but is no copy.
        if (titleYear !== null && s.year !== null && titleYear !== s.year) return;
        const ofSeed = hits[si] / Math.max(1, s.shingles);
        const ofDoc = hits[si] / Math.max(1, distinct);
        const overlap = Math.max(ofSeed, hits[si] >= 60 ? ofDoc : 0);
        if (ofSeed >= COPY_OF_SEED || (hits[si] >= 60 && ofDoc >= COPY_OF_DOC)) {
          for (const m of s.measures) put(m, { relation: 'announces', score: round(0.5 + overlap / 2), evidence: [] });
        }
      });
    }
  }

  // Alias and BM25 signals for every entry; the entries the headline names by their own name.
  const M = k.measures.length;
  const aliasW = new Float64Array(M);
  const aliasHit: (Hit | undefined)[] = new Array(M);
  const namedInTitle = new Map<number, number>(); // entry → where its name ends in the headline
  // Entries of one edition of an event ("host the seventh CIIE"): those the text names by their
  // edition's number, and those whose event it names with another number only ("第八届进博会", "the
  // 8th CIIE", 第四届): a text about another edition neither mentions nor carries out this one's
  // entry. The first edition is a report's history ("since the first CIIE in 2018"), not its subject.
  const ownEdition = new Set<number>();
  const laterBare = new Set<number>(); // named bare in a later year's text …
  const inItsYear = new Set<number>(); // … and in a sentence naming the entry's year
  const published = publishedDay(input);
  const publishedYear = published ? Number(published.slice(0, 4)) : null;
  const otherEdition = new Set<number>();
  // Each entry's name in the text, less those naming another edition, with its weight (a plain
  // name numbered with the entry's edition, "the seventh China International Import Expo", weighs
  // as the edition's own name): the sentences an act of it can be reported in.
  const nameHits = new Map<number, { h: Hit; w: number }[]>();
  for (const h of hitsOf(doc, Role.Alias)) {
    const m = h.p.arg;
    if (m < 0) continue;
    const edition = k.measures[m].edition;
    let other = false;
    let w = h.p.weight;
    if (edition) {
      const own = aliasEdition(doc.full.slice(h.s, h.e));
      const ns = own ? [own] : editionsBefore(doc.full, h.s);
      if (ns.includes(edition)) {
        ownEdition.add(m);
        w = Math.max(w, SPECIFIC_ALIAS);
      } else if (ns.some((n) => n !== 1)) other = true;
      else if (!ns.length) {
        // No number: a year at the name tells the edition ("the 2025 CIIE", 2025年进博会; the entry's
        // edition is held in its policy's year); so does a text of a later year none of whose
        // sentences naming it bare names the entry's year ("The CIIE opened on Wednesday", published
        // 2025; not "CIIE: Shanghai reviews …" over "In 2024, … at the CIIE").
        const year = k.policies[k.measures[m].policy].year;
        const at = eventYearAt(doc.full, h.s, h.e) ?? (publishedYear !== null && lastYearAt(doc.full, h.s, h.e) ? publishedYear - 1 : null);
        if (year !== null && at !== null) {
          if (at === year) ownEdition.add(m);
          else other = true;
        } else if (year !== null && publishedYear !== null && publishedYear > year) {
          const [a, b] = sentenceSpan(doc.full, h.s, h.e);
          (yearsNamed(doc.full.slice(a, b)).has(year) ? inItsYear : laterBare).add(m);
        }
      }
      if (other) otherEdition.add(m);
    }
    if (!other) {
      const list = nameHits.get(m);
      if (list) list.push({ h, w });
      else nameHits.set(m, [{ h, w }]);
    }
    if (h.e <= doc.titleEnd && h.p.weight >= SPECIFIC_ALIAS) namedInTitle.set(m, Math.min(h.e, namedInTitle.get(m) ?? Infinity));
    if (w > aliasW[m]) {
      aliasW[m] = w;
      aliasHit[m] = h;
    }
  }
  for (const m of laterBare) if (!inItsYear.has(m)) otherEdition.add(m);
  const signal = (m: number): MeasureSignal => ({
    alias: aliasW[m],
    aliasHit: aliasHit[m] ?? null,
    bm25: Math.min(1, sim[m]),
    passage: passage[m] >= 0 ? passageSpan(doc, passage[m]) : null,
  });
  const regions = regionsOf(k, doc, input);
  const docIssuer = issuerKey(input.issuer);
  const regionMatch = (p: PolicyEntry) => regions.has(p.region) || (!!docIssuer && docIssuer === p.issuerKey && docIssuer !== ':');
  // A flagship's name that entries of several regions share (中欧班列: Shanghai's trains to Europe,
  // Zhejiang's China Railway Express) names the entry of a region its own sentence names, and of no
  // other of those regions ("一趟中欧班列从铁路义乌西站驶出"; three spot-checks' Yiwu train reports and
  // Zhejiang's 2020 logistics step). A region named elsewhere in the text (a national review, 沪深两市,
  // 上海合作组织) does not count, and such a link stays a mention: the name is the programme's too.
  const sharedName = new Map<number, number>(); // entry → its alias weight before
  {
    const anchorBit = 1 << Role.Anchor;
    let placesBySentence: Map<number, Set<string>> | null = null;
    const placesIn = (sent: number) => {
      if (!placesBySentence) {
        placesBySentence = new Map();
        for (const r of placeHits(doc)) {
          const at = doc.u.sent[r.i];
          const set = placesBySentence.get(at) ?? new Set<string>();
          set.add(k.regionIds[r.p.arg]);
          placesBySentence.set(at, set);
        }
      }
      return placesBySentence.get(sent);
    };
    const byPhrase = new Map<number, Hit[]>();
    for (const h of hitsOf(doc, Role.Alias)) {
      if (h.p.arg < 0 || !(k.phraseRoles[h.phrase] & anchorBit)) continue;
      const list = byPhrase.get(h.phrase) ?? [];
      list.push(h);
      byPhrase.set(h.phrase, list);
    }
    for (const [, hs] of byPhrase) {
      const ms = [...new Set(hs.map((h) => h.p.arg))];
      const sharing = new Set(ms.map((m) => k.policies[k.measures[m].policy].region));
      if (sharing.size < 2) continue;
      for (const h of hs) {
        const named = [...(placesIn(doc.u.sent[h.i]) ?? [])].filter((r) => sharing.has(r));
        if (named.length !== 1) continue;
        // Nor a list of the cities the trains run from (重庆、成都、西安、郑州、义乌等地中欧班列).
        const [a, b] = sentenceSpan(doc.full, h.s, h.e);
        if (OTHER_TRAIN_CITIES.test(doc.full.slice(a, b))) continue;
        for (const m of ms) {
          if (k.policies[k.measures[m].policy].region !== named[0] || aliasW[m] >= SPECIFIC_ALIAS) continue;
          sharedName.set(m, aliasW[m]);
          aliasW[m] = SPECIFIC_ALIAS;
          aliasHit[m] = h;
        }
      }
    }
  }
  const linkScoreWith = (m: number, alias: number) => {
    const p = k.policies[k.measures[m].policy];
    const base = 1 - (1 - alias) * (1 - 0.85 * Math.min(1, sim[m]));
    return base * (regionMatch(p) ? 1 : 0.7);
  };
  const linkScore = (m: number) => linkScoreWith(m, aliasW[m]);
  const evidenceFor = (m: number, extra?: string, carriedOut?: Hit): string[] => {
    const ev = new Evidence(doc, 3);
    const s = signal(m);
    if (extra) ev.addText(extra);
    // An entry carried out: first the sentence that says it was done.
    if (carriedOut) ev.add(carriedOut.s, carriedOut.e);
    if (s.aliasHit) ev.add(s.aliasHit.s, s.aliasHit.e);
    if (s.passage && s.bm25 >= 0.2) {
      const [a, b] = bestSentence(k, doc, m, s.passage);
      ev.add(a, b);
    }
    const text = k.measures[m].m.text;
    const at = text.length > 20 ? entrySpan(doc, text) : null;
    if (!ev.full_ && at) ev.add(...at);
    return ev.items;
  };

  // Announced entries: evidence where the entry's text stands in the document.
  for (const [m, link] of links) {
    if (link.relation !== 'announces') continue;
    const text = k.measures[m].m.text;
    const at = entrySpan(doc, text, 400);
    const ev = new Evidence(doc, 1);
    const hit = aliasHit[m];
    if (at) ev.add(...at);
    else if (hit) ev.add(hit.s, hit.e);
    const title = givenTitle(doc);
    link.evidence = ev.items.length ? ev.items : title ? [title] : [];
  }

  // updates / same policy: the document's title names a catalog policy of the same region or
  // issuer — by its title, by its document number's series, or, where the title is a policy
  // document's and ends so after the name ("…2023年工作要点"), by the own name of the policy's lead
  // entry (浙江省高质量推进"一带一路"重要枢纽建设2023年工作要点 continues Zhejiang's BRI hub plan).
  const docYear = titleYear ?? yearOf(input.published) ?? null;
  const docSeries = docNumberSeries(input.docNumber);
  const documentWordAt = policyDocumentWordAt(doc.full.slice(0, doc.titleEnd));
  // A headline that asks ("What has the pilot zone plan achieved?") reports on a policy; it is no
  // new edition of it.
  const asks = QUESTION.test(input.title.trim());
  const docPlace = issuingPlace(input.title, input.issuer);
  const nextYear = headlineYear(input.title);
  // The body a headline starts with, right after its region's name, is the issuer, whatever the
  // portal that reposts it prints (上海市商务委员会2025年工作要点 on the city government's site); else
  // the extracted issuer's. Another body of the same region than the policy's (the government
  // itself issues for any of them) issues a policy of its own, however alike the titles.
  const headline = headlineBody(input.title);
  const issuer = headline.key || docIssuer;
  const otherBody = (p: PolicyEntry) => {
    const [region, mine] = issuer.split(':');
    const [theirRegion, theirs] = p.issuerKey.split(':');
    return region === theirRegion && !!mine && !!theirs && mine !== 'government' && theirs !== 'government' && mine !== theirs;
  };
  // The entries a headline names the policy by: a seed plan's lead entry; every listed item of a
  // crawled policy (none of them stands for the whole).
  const byTitle = (p: (typeof k.policies)[number]) => (k.measures[p.roots[0]]?.m.origin === 'crawled' ? p.roots : p.roots.slice(0, 1));
  const docTitle = titleTerms(k, doc, input.lang);
  k.policies.forEach((p) => {
    if (p.measures.every((m) => links.get(m)?.relation === 'announces')) return;
    const namesLead = documentWordAt >= 0 && byTitle(p).some((m) => (namedInTitle.get(m) ?? Infinity) <= documentWordAt);
    const titleSim = Math.max(titleSimilarity(docTitle, p), namesLead ? POLICY_TITLE_MIN : 0);
    const sameSeries = !!docSeries && !!p.docNumberSeries && docSeries.series === p.docNumberSeries;
    // A district's or a city's own policy is not its city's or province's, however alike the titles
    // ("浦东新区2025年推进…重点工作" and the city's "上海明确2025年推进…重点工作"): both are of the same
    // place below the region (issuingPlace: the one the headline starts with as its issuer, else the
    // extracted issuer's). A document number's series names the issuer itself.
    const policyYear = p.docNumberYear ?? p.year;
    // Next year's edition of a yearly policy (its title names its year) is worded anew as often as
    // not ("Shanghai's 2025 Belt and Road priorities" after "Shanghai unveils priorities to advance
    // Belt and Road Initiative in 2024"): a headline whose issuer is the policy's region, named first,
    // naming the initiative, a later year — not earlier than the page's own: a review of last year's
    // work is no new edition — and a document of the same kind, is that edition.
    const nextEdition =
      !asks && nextYear !== null && policyYear !== null && nextYear > policyYear && (publishedYear === null || nextYear >= publishedYear) && !YEAR_RANGE.test(input.title) &&
      p.title !== '' && yearOf(p.title) !== null && docPlace === p.place && regionIssuesHeadline(p.region, input.title) &&
      kindOfInitiative(input.title, documentKinds(p.title));
    const same = (titleSim >= POLICY_TITLE_MIN && regionMatch(p) && docPlace === p.place) || (sameSeries && titleSim >= 0.4) || nextEdition;
    if (!same) return;
    // By the publication date alone only for a yearly policy (its title names its year) or a
    // headline that calls itself a new or revised one: a later report of a plan is no new plan
    // ("Shanghai unveils the Plan for Establishing a Pilot Zone…", published the year after).
    const byDate = titleYear !== null || (p.title !== '' && yearOf(p.title) !== null) || RENEWED.test(input.title);
    // (Next year's edition by the year the headline gives it: "Shanghai to build on 2024 gains with
    // 2025 Belt and Road priorities" is 2025's.)
    const editionYearOfDoc = nextEdition ? nextYear : docYear;
    const newer =
      nextEdition ||
      (docYear !== null && policyYear !== null && (sameSeries && docSeries!.year !== null ? docSeries!.year > (p.docNumberYear ?? policyYear) : byDate && docYear > policyYear));
    // Another body of the region (its commerce commission) issues a policy of its own: no newer
    // edition of this one, nor, where the headline names that body, the same edition (a joint notice
    // of a ministry and the city, or a report the customs filed, is still a report of it).
    if (otherBody(p) && (newer || headline.own)) return;
    // A newer edition updates the entries; a report of the same edition (e.g. in the other
    // language) mentions them. The title names the policy: it is the first evidence for the
    // entries it names the policy by; the others (the 2017 plan's finance or platform actions) are
    // tied only where the document speaks of them.
    const relation = newer && !asks ? 'updates' : 'mentions';
    const score = round(0.55 + 0.45 * Math.max(titleSim, nextEdition ? POLICY_TITLE_MIN : 0));
    const named = byTitle(p);
    for (const m of named) put(m, { relation, score, evidence: evidenceFor(m, givenTitle(doc)) });
    // The same edition: the same known year (an earlier one is a policy the catalog did not hold;
    // an undated plan is no edition to match).
    if (editionYearOfDoc !== null && editionYearOfDoc === policyYear) editionOf.push(...named.map((m) => k.measures[m].m.id));
    for (const m of p.measures) {
      if (named.includes(m)) continue;
      const s = linkScore(m);
      if (s >= LINK_MIN) put(m, { relation, score: round(Math.min(score, s)), evidence: evidenceFor(m) });
    }
  });

  // implements / mentions for the rest of the catalog.
  const listed = hitsOf(doc, Role.Implement);
  const others: Link[] = [];
  // Undated, a text is taken to be no later than the latest year it names: wording alike (or a
  // name shared with other entries) does not tie it to a policy of a later year; the entry's own
  // name still does.
  let latestYear: number | null | undefined = published ? null : undefined;
  const laterThanText = (p: PolicyEntry) => {
    if (latestYear === undefined) latestYear = latestYearNamed(doc.full);
    return latestYear !== null && !!p.date && Number(p.date.slice(0, 4)) > latestYear;
  };
  for (let m = 0; m < M; m++) {
    if (links.has(m)) continue;
    if (aliasW[m] === 0 && sim[m] < 0.35) continue;
    const p = k.policies[k.measures[m].policy];
    const local = regionMatch(p);
    // Another region's entry only where the document names it (an alias of its own, not a
    // generic one such as "Silk Road e-commerce"): similar wording alone links a national report
    // to Shanghai's plan on the same subject.
    if (!local && aliasW[m] < SPECIFIC_ALIAS) continue;
    if (otherEdition.has(m) && !ownEdition.has(m)) continue;
    // A document cannot mention or implement a policy issued after it was published.
    if (published && p.date && published < p.date.slice(0, 10)) continue;
    // Undated and naming no year as late as the policy's, a text may name the entry by its own name
    // but reports no act of it (a 2021 train's first run is no act of the 2024 priorities).
    const earlier = !published && !ownEdition.has(m) && laterThanText(p);
    if (earlier && aliasW[m] < SPECIFIC_ALIAS) continue;
    const score = linkScore(m);
    if (score < LINK_MIN) continue;
    let relation: 'implements' | 'mentions' = 'mentions';
    let done: Hit | undefined;
    // Implementing is done where the policy applies: in its region or by its issuer, in a sentence
    // that names the entry as well as the text names it at best (not only the headline: "Seventh CIIE:
    // what it delivered" over "The seventh CIIE opened on Tuesday").
    // (By the shared name's own weight: its region makes it a mention, not an act carried out.)
    const actScore = sharedName.has(m) ? linkScoreWith(m, sharedName.get(m)!) : score;
    if (actScore >= IMPLEMENT_MIN && local && !earlier) {
      const floor = Math.min(aliasW[m], SPECIFIC_ALIAS);
      const sentences = new Set((nameHits.get(m) ?? []).filter((n) => n.w >= floor).map((n) => doc.u.sent[n.h.i]));
      // Approving a plan makes it; it does not carry it out ("国务院正式批复同意…方案"). (A crawled
      // policy's first root is only its first listed item.)
      const lead = p.roots[0] === m && k.measures[m].m.origin !== 'crawled';
      const makes = (h: Hit) => {
        const verb = doc.full.slice(h.s, h.e);
        return MAKING.test(verb) || (/^unveiled$/i.test(verb) && UNVEILED_DOCUMENT.test(doc.full.slice(h.e, h.e + 80)));
      };
      // (A speech at a ceremony is no act of what it names, unless the ceremony is the entry's own
      // event's, its name just before: "第七届进博会开幕式上致辞".)
      const ownCeremony = (h: Hit) => (nameHits.get(m) ?? []).some((n) => n.h.e <= h.s && h.s - n.h.e <= 8);
      const act = (h: Hit) =>
        sentences.has(doc.u.sent[h.i]) &&
        !intended(doc.full, h.s, h.e) &&
        !(lead && makes(h)) &&
        !pressEvent(doc.full, h.s, h.e) &&
        !(CEREMONY_SPEECH.test(doc.full.slice(h.e, h.e + 8)) && !ownCeremony(h));
      done = listed.find(act);
      if (done) relation = 'implements';
    }
    others.push({ id: k.measures[m].m.id, relation, score: round(score), evidence: evidenceFor(m, undefined, done) });
  }
  others.sort((a, b) => b.score - a.score);
  return [...links.values(), ...others.slice(0, LINK_MAX)].filter((l) => l.evidence.length).sort((a, b) => b.score - a.score);
}

/**
 * A document that is (a copy of) a catalog source document has the topics of its sections: the
 * catalog says which, entry by entry. Each top-level entry (a root or its direct item) it
 * announces adds its first topic, with the sentence where the entry stands as evidence.
 */
function addSectionTopics(k: Knowledge, doc: Doc, topics: Judgement['topics'], measures: Judgement['measures']): void {
  const have = new Set(topics.map((t) => t.id));
  const tallies = new Map(topicTallies(k, doc).map((t) => [k.topicIds[t.index], t]));
  for (const link of measures) {
    if (link.relation !== 'announces') continue;
    const e = k.measures[k.byId.get(link.id)!];
    if (e.depth > 1 || !e.m.topics.length) continue;
    const id = e.m.topics[0];
    if (have.has(id) || !k.topicIds.includes(id)) continue;
    have.add(id);
    const t = tallies.get(id);
    const evidence = link.evidence.length ? link.evidence.slice(0, 1) : [];
    if (t) for (const x of topicEvidence(doc, t)) if (evidence.length < 3 && !repeats(evidence, x)) evidence.push(x);
    topics.push({ id, score: round(Math.max(0.5, t ? topicScore(t.sum) : 0)), evidence });
  }
  topics.sort((a, b) => b.score - a.score);
}

/**
 * A relevant text with no topic term at all (a brief: "上海明确2025年推进“一带一路”高质量发展重点工作"
 * and one sentence) would list no topic, and a subscription filtered by topic would never see it.
 * Where it updates or carries out a catalog entry, that entry's first topic is the text's, shown by
 * the link's evidence: the catalog says what the entry is about.
 */
function addLinkedTopic(k: Knowledge, topics: Judgement['topics'], measures: Judgement['measures']): void {
  const link = measures.find((m) => m.relation === 'updates' || m.relation === 'implements');
  const id = link && k.measures[k.byId.get(link.id)!].m.topics[0];
  if (!link || !id || !k.topicIds.includes(id)) return;
  topics.push({ id, score: 0.5, evidence: link.evidence.slice(0, 1) });
}

// ---- classify --------------------------------------------------------------------------------

/** "One Belt, One Road", the comma the usual spelling of the early years: the matcher joins no
 *  phrase across a comma, so for it the comma is a space (same length: offsets stay the text's). */
const ONE_BELT_COMMA = /\bone[\s-]+belt\s*[,，、;；]\s*one[\s-]+road\b/gi;
/** What any ONE_BELT_COMMA holds: tested first, as most texts have no such comma (a scan for "belt"
 *  is faster than one for every "one"). */
const BELT_COMMA = /belt\s*[,，、;；]/i;
/** 中欧(亚)班列, the official name of the trains to Europe and Central Asia: the bracket is spaces
 *  (same length), so it reads as 中欧班列 (spaces between Chinese characters join a phrase). */
const CHINA_EUROPE_ASIA = /中([欧歐])[(（]\s*[亚亞]\s*[)）]班列/g; // (no lookbehind: it made the scan 2% of the time)

/** The paragraph of each unit as the input has them: a break read into a long paragraph
 *  (Doc.inserted) joins what it parts. (Cached; only measure links ask.) */
const passageCache = new WeakMap<Doc, Int32Array>();
function passagesOf(doc: Doc): Int32Array {
  const { u, full, inserted } = doc;
  if (!inserted) return u.para;
  let out = passageCache.get(doc);
  if (out) return out;
  out = new Int32Array(u.n + 1);
  const placed = new Set(inserted);
  let p = 0;
  for (let x = 1; x < u.n; x++) {
    if (u.para[x] !== u.para[x - 1]) {
      for (let c = u.end[x - 1]; c < u.start[x]; c++) {
        if (full.charCodeAt(c) === 10 && !placed.has(c)) {
          p++;
          break;
        }
      }
    }
    out[x] = p;
  }
  passageCache.set(doc, out);
  return out;
}

/** What the classifier reads of the input (normalise.ts; hard-wrapped lines joined, chrome blank,
 *  long paragraphs broken), analysed. */
function prepare(input: ClassifyInput, knowledge: Knowledge) {
  const r = readable(input.title ?? '', input.text ?? '');
  // Page chrome left in the text (a menu, a related-stories list, a footer; chrome.ts) is read as blank.
  // (After the lines of hard-wrapped text are joined: a wrapped paragraph is no list of headlines.)
  const read = blankChrome(unwrapLines(r.full), r.title.length + 2);
  // A paragraph as long as several (a text whose paragraphs were run together) is read as
  // paragraphs of the usual length (sentences.ts longParagraphBreaks). The text's sections and
  // listed items are found in the text with the same breaks, at the same offsets (`text`, made when
  // topics ask for it).
  const breaks = longParagraphBreaks(read, r.title.length + 2);
  const { full, at, placed } = insertLineBreaks(read, r.at, breaks, r.raw.length);
  const commaless = BELT_COMMA.test(full) ? full.replace(ONE_BELT_COMMA, (m) => m.replace(/[,，、;；]/g, ' ')) : full;
  const u = cut(commaless.replace(CHINA_EUROPE_ASIA, (m, eu: string) => `中${eu}${' '.repeat(m.length - 4)}班列`), knowledge.vocab);
  const doc = analyse(knowledge, full, r.title.length, u, r.raw, at);
  doc.inserted = placed;
  if (placed) uninsertedText.set(doc, read);
  let text = breaks.length ? null : r.text;
  return {
    title: r.title,
    get text() {
      return (text ??= withLineBreaks(r.full, breaks).slice(r.title.length + 2));
    },
    doc,
    input: r.at ? { ...input, title: r.title, text: r.text } : input,
  };
}

/** Topic term masses of a document, strongest first (explains the topic selection). */
export function topicMasses(input: ClassifyInput, knowledge: Knowledge): { id: string; mass: number }[] {
  return topicTallies(knowledge, prepare(input, knowledge).doc).map((t) => ({ id: knowledge.topicIds[t.index], mass: t.sum }));
}

/** The relevance features of a document (for fitting and explaining the model). */
export function relevanceFeatures(input: ClassifyInput, knowledge: Knowledge): Record<FeatureName, number> {
  return featuresOf(prepare(input, knowledge).doc).values;
}

/** The day the initiative was first proposed (the Silk Road Economic Belt, Astana, 7 September
 *  2013). A text published before it reports no BRI policy, whatever it names (the old Maritime Silk
 *  Road's heritage bid, the Chongqing–Xinjiang–Europe trains of 2011): its score is held at
 *  BEFORE_BRI_SCORE at most. */
export const BRI_PROPOSED = '2013-09-07';
export const BEFORE_BRI_SCORE = 0.05;
/** The initiative's own names: a text dated before BRI_PROPOSED that uses one is misdated, not early
 *  ("New Silk Road" and B&R were other things before it). */
const INITIATIVE_NAME = /belt\s*(?:and|&)\s*road|one\s+belt,?\s+one\s+road|一带一路|一帶一路|丝绸之路经济带|絲綢之路經濟帶|21st[-\s]century\s+maritime\s+silk\s+road|21世纪海上丝绸之路|21世紀海上絲綢之路/i;

/** The publication day an input gives (YYYY-MM-DD), or null. */
function publishedDay(input: ClassifyInput): string | null {
  return /^\d{4}-\d{2}-\d{2}/.test(input.published ?? '') ? input.published!.slice(0, 10) : null;
}

export function classify(input: ClassifyInput, knowledge: Knowledge, config: ClassifyConfig): Judgement {
  const prepared = prepare(input, knowledge);
  const { title, doc, input: read } = prepared;
  const f = featuresOf(doc);
  const published = publishedDay(read);
  const early = published !== null && published < BRI_PROPOSED && !f.anchors.some((a) => INITIATIVE_NAME.test(doc.full.slice(a.s, a.e)));
  const score = round(early ? Math.min(relevanceScore(f.values), BEFORE_BRI_SCORE) : relevanceScore(f.values));
  const relevant = score >= config.threshold;

  const evidence = new Evidence(doc, 3);
  const anchors = f.anchors
    .map((a) => ({ a, rank: a.where === 'title' ? 0 : f.listyAnchors.includes(a) || f.contrastAnchors.includes(a) ? 3 : a.where === 'lead' ? 1 : 2 }))
    .sort((x, y) => x.rank - y.rank || y.a.weight - x.a.weight || x.a.s - y.a.s)
    .map(({ a }) => a);
  if (!relevant) {
    // Say why not: the strongest counter-cue first, then the anchors it outweighed.
    for (const h of f.negativeHits.sort((a, b) => a.s - b.s).slice(0, 1)) evidence.add(h.s, h.e);
  }
  for (const a of anchors) {
    evidence.add(a.s, a.e);
    if (evidence.full_) break;
  }

  const topics = relevant ? selectTopics(knowledge, doc, title, prepared.text) : [];
  const editionOf: string[] = [];
  const measures = relevant ? linkMeasures(knowledge, doc, read, editionOf) : [];
  if (measures.some((m) => m.relation === 'announces')) addSectionTopics(knowledge, doc, topics, measures);
  if (relevant && !topics.length) addLinkedTopic(knowledge, topics, measures);
  return { relevant, score, topics, measures, evidence: evidence.items, editionOf };
}

/** The numbered / lettered items a policy document lists, verbatim less bracketed pinyin (normalise.ts; for the catalog: not cleaned, so
 *  an item keeps the no-break spaces or entities its page gave, as the seed catalog does). */
export function listedMeasures(input: ClassifyInput): { title: string; text: string; sectionPath: string[] }[] {
  const r = readable(input.title, input.text, false);
  return listItems(r.title, r.text);
}

/** Below this term overlap a listed item replaces no entry of the policy it updates. */
export const SUCCESSOR_MIN = 0.5;

/**
 * For a document that `updates` a catalog policy (a newer edition): which of its listed items
 * replaces which entry of that policy — the entry sharing most of its catalog terms (idf-weighted
 * overlap over the smaller side ≥ SUCCESSOR_MIN), best pairs first, each entry replaced once. The caller stores the items as crawled entries with `supersedes`;
 * the new edition's own root entry supersedes the root the judgement links with `updates`.
 */
export function listedSuccessors(input: ClassifyInput, judgement: Judgement, knowledge: Knowledge): { item: number; supersedes: string; score: number }[] {
  const policies = new Set<number>();
  for (const m of judgement.measures) if (m.relation === 'updates') policies.add(knowledge.measures[knowledge.byId.get(m.id)!].policy);
  if (!policies.size) return [];
  const candidates: { item: number; m: number; score: number }[] = [];
  const r = readable(input.title, input.text, false);
  listItems(r.title, r.text).forEach((item, index) => {
    // Overlap of the item's and the entry's catalog terms (idf-weighted), over the smaller of the
    // two: a short item continuing a long entry still matches.
    const u = cut(cleanText(item.text).text, knowledge.vocab); // (the item as read, scored; as given, stored)
    const terms: number[] = [];
    for (const key of termKeys(u, knowledge.stop).keys()) {
      const t = knowledge.terms.get(key);
      if (t >= 0) terms.push(t);
    }
    const itemMass = terms.reduce((sum, t) => sum + knowledge.termIdf[t], 0);
    if (itemMass <= 0) return;
    for (const p of policies) {
      for (const m of knowledge.policies[p].measures) {
        let shared = 0;
        for (const t of terms) if (knowledge.termPostings[t].includes(m)) shared += knowledge.termIdf[t];
        const score = shared / Math.min(itemMass, knowledge.maxScore[m]);
        if (score >= SUCCESSOR_MIN) candidates.push({ item: index, m, score });
      }
    }
  });
  const items = new Set<number>();
  const entries = new Set<number>();
  const out: { item: number; supersedes: string; score: number }[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score || a.item - b.item)) {
    if (items.has(c.item) || entries.has(c.m)) continue;
    items.add(c.item);
    entries.add(c.m);
    out.push({ item: c.item, supersedes: knowledge.measures[c.m].m.id, score: round(c.score) });
  }
  return out.sort((a, b) => a.item - b.item);
}
