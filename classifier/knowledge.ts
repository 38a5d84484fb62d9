// The seed knowledge, compiled once: the topic taxonomy, the lexicon and every catalog alias in
// one phrase set, a BM25 index of the catalog measures, the catalog's policies (for `updates`) and
// fingerprints of the seed documents (for `announces`). buildKnowledge is pure: the same inputs
// give the same Knowledge, and classify() reads it without changing it.
import type { TopicsFile } from '../seeds/schema.js';
import { FOLD, foldText } from './fold.js';
import {
  ACTION,
  ANCHORS,
  HISTORICAL_ANCHORS,
  CONTRAST,
  GLOSSARY,
  IMPLEMENT,
  ISSUER_BODIES,
  OFF_SUBJECT,
  OTHER_INITIATIVES,
  OTHER_PROGRAMMES,
  OTHER_SENSE,
  PARTNERS,
  PLACES,
  REGIONS,
  FIELD_WORDS,
  NAME_ENDINGS_ZH,
  STOPWORDS,
  STRATEGIES,
  TOPIC_EXTRA,
  TOPIC_NEGATIVE_EXTRA,
  type AnchorKind,
} from './lexicon.js';
import type { BowModel } from './bow.js';
import { CJK_BASE, cut, learnUnits, newVocabulary, PhraseSet, wordId, type Units, type Vocabulary } from './matcher.js';

export interface CatalogMeasure {
  id: string;
  title: string;
  text: string;
  policy: { title: string; issuer: string | null; region: string; date: string | null; url: string | null; docNumber?: string | null };
  topics: string[];
  aliases: { en: string[]; zh: string[] };
  parent: string | null;
  origin: 'seed' | 'crawled';
  seedDocument: string | null;
  seedUrl: string | null;
  seedTitle: string | null;
}

export interface SeedDocumentInput {
  id: string;
  url: string | null;
  title: string;
  text: string;
  published?: string | null;
}

export const enum Role {
  Topic,
  NegativeGlobal,
  NegativeTopic,
  Anchor,
  OtherSense,
  OtherProgramme,
  Contrast,
  OtherInitiative,
  Strategy,
  OffSubject,
  Action,
  Implement,
  Region,
  Alias,
  Partner,
}

export interface Payload {
  role: Role;
  /** Topic index, anchor kind index, region index or measure index, by role. */
  arg: number;
  weight: number;
}

export const ANCHOR_KINDS: AnchorKind[] = ['core', 'flagship', 'acronym'];

export interface MeasureEntry {
  m: CatalogMeasure;
  index: number;
  /** Index of the policy group (catalog entries sharing policy title and region). */
  policy: number;
  depth: number;
  /** The edition an alias of the entry numbers ("seventh CIIE", 第七届进博会 → 7), else 0: a text
   *  naming another edition of the event ("第八届进博会") does not name this entry by the event's
   *  plain name. */
  edition: number;
}

export interface PolicyEntry {
  title: string;
  region: string;
  issuer: string | null;
  issuerKey: string;
  year: number | null;
  date: string | null;
  docNumberSeries: string | null;
  docNumberYear: number | null;
  /** The place below the region whose policy it is (issuingPlace): a district's policy is not the city's. */
  place: string;
  /** Title variants (policy title, seed article title) as weighted keys. */
  variants: Map<number, number>[];
  /** Cross-language: Chinese renderings of the English title's glossary phrases, weighted. */
  zhPhrases: { any: string[]; weight: number }[];
  measures: number[];
  roots: number[];
}

export interface SeedEntry {
  id: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  /** The year the seed's title names (yearly documents), else its publication year. */
  year: number | null;
  shingles: number;
  measures: number[];
}

export interface Knowledge {
  version: string;
  vocab: Vocabulary;
  phrases: PhraseSet<Payload>;
  /** Per phrase, a bit set of its payloads' roles. */
  phraseRoles: Int32Array;
  /** Anchor phrases that also name the historical route (lexicon.ts HISTORICAL_ANCHORS). */
  historicalAnchors: Set<number>;
  topicIds: string[];
  stop: Uint8Array;
  measures: MeasureEntry[];
  byId: Map<string, number>;
  /** BM25 over the catalog: term key → term index; per term its idf and the entries holding it. */
  terms: IntMap;
  termIdf: Float64Array;
  termPostings: Int32Array[];
  /** Σ idf of each measure's terms: the score of a passage holding every term once. */
  maxScore: Float64Array;
  defaultIdf: number;
  policies: PolicyEntry[];
  seeds: SeedEntry[];
  /** Shingle hash → bit set of the seed documents holding it. */
  shingleIndex: Map<number, number>;
  /** A bit per hash's low 18 bits, set for every key of shingleIndex (inShingleFilter). */
  shingleFilter: Uint32Array;
  /** Canonical source URL → measures taken from that document. */
  bySourceUrl: Map<string, number[]>;
  regionIds: string[];
  /** The topic resemblance model (bow.ts; classifier/bow-model.json), null without one. */
  bow: BowModel | null;
}

// ---- text keys (shared with classify) -------------------------------------------------------

const BIGRAM_BASE = 1 << 22;
const CJK_FIRST = 0x3400;
const CJK_SPAN = 0xa000 - CJK_FIRST;

/** BM25 term key of a CJK bigram (two folded character codes); kept in the small-integer range. */
export function bigramKey(a: number, b: number): number {
  const x = a >= CJK_FIRST && a < 0xa000 ? a - CJK_FIRST : CJK_SPAN - 1;
  const y = b >= CJK_FIRST && b < 0xa000 ? b - CJK_FIRST : CJK_SPAN - 1;
  return BIGRAM_BASE + x * CJK_SPAN + y;
}

/** An integer → integer hash map (open addressing) for the hot BM25 lookups. */
export class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  size = 0;
  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n <<= 1;
    this.keys = new Int32Array(n).fill(-1);
    this.values = new Int32Array(n);
  }
  get(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.values[slot];
      if (k === -1) return -1;
      slot = (slot + 1) & mask;
    }
  }
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.rehash();
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (this.keys[slot] === -1) this.size++;
    this.keys[slot] = key;
    this.values[slot] = value;
  }
  private rehash(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i], values[i]);
  }
}

/** BM25 term keys of the units [from, to): content words and CJK bigrams (with counts). */
export function termKeys(u: Units, stop: Uint8Array, from = 0, to = u.n, into: Map<number, number> = new Map()): Map<number, number> {
  for (let i = from; i < to; i++) {
    const id = u.id[i];
    if (id < 0) continue;
    if (id >= CJK_BASE) {
      if (i + 1 < to && u.id[i + 1] >= CJK_BASE && u.join[i + 1]) {
        const k = bigramKey(id - CJK_BASE, u.id[i + 1] - CJK_BASE);
        into.set(k, (into.get(k) ?? 0) + 1);
      }
    } else if (!stop[id]) into.set(id, (into.get(id) ?? 0) + 1);
  }
  return into;
}

// ---- URLs, issuers, years -------------------------------------------------------------------

/** Canonical form of a URL for equality: scheme-less, lower-case host without www., default
 *  ports, fragments, tracking parameters and trailing slashes dropped. */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    const host = u.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
    const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
    const params = [...u.searchParams].filter(([k]) => !/^(utm_|spm$|from$|share)/i.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    const path = u.pathname.replace(/\/+$/, '').replace(/\/index\.(?:s?html?|php|aspx?)$/i, '') || '/';
    return `${host}${port}${path}${query}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

const REGION_NAMES = Object.entries(REGIONS).map(([id, names]) => ({ id, names: names.map((n) => foldText(n)) }));

/** "region:body" for an issuer name in English or Chinese, e.g. shanghai:drc. */
export function issuerKey(issuer: string | null | undefined): string {
  if (!issuer) return '';
  const f = foldText(issuer);
  const region = REGION_NAMES.find((r) => r.id !== 'china' && r.names.some((n) => f.includes(n)))?.id ?? (/(?:^|\W)(?:china|national)(?:\W|$)|国家|国务院|中央|部$/.test(f) ? 'china' : '');
  const body = Object.entries(ISSUER_BODIES).find(([, names]) => names.some((n) => f.includes(foldText(n))))?.[0] ?? '';
  return `${region}:${body}`;
}

/** Places by their folded names, longest first (a name → its PLACES id); an English name is
 *  matched inside a longer name (an issuer's) as a whole word only. */
const PLACE_NAMES = Object.entries(PLACES)
  .flatMap(([id, names]) => names.map((n) => ({ id, name: foldText(n), english: /^[\x00-\x7f]+$/.test(n) })))
  .sort((a, b) => b.name.length - a.name.length)
  .map((p) => ({ ...p, within: p.english ? new RegExp(`\\b${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) : null }));
/** The region (or its free trade zone) before a place: "上海市闵行区…", "中国（上海）自由贸易试验区临港新片区…",
 *  "Shanghai's Huangpu district …", "The Hongqiao International CBD's …". */
const REGION_PREFIX = /^[\s【\[(（《“"]*(?:the\s+)?(?:(?:中国[(（]上海[)）]自由贸易试验区|上海自贸试验区|上海自贸区|自贸试验区|上海市?|浙江省?|沪|shanghai(?:'s)?|zhejiang(?:'s)?)[\s:：,，·・]*)?/;
/** What follows a place that issues (an administrative suffix, a year, an issuing verb), not a
 *  place that is a venue, a port, a bank, a market or a forum ("宁波港", "虹桥国际经济论坛",
 *  "杭州市民", "Pudong Development Bank"). */
const ZH_ISSUES = /^(?:[\u3400-\u9fff]{0,2}?新区|新片区|区(?!域)|市(?![民场区])|县|镇|国际中央商务区|商务区|科学城|[\s:：·】\])）]*(?:20\d\d|发布|印发|出台|明确|推进|制定|公布|出炉|部署|将))/;
const EN_ISSUES = /^(?:'s\b|:\s|\s+(?:new area|special area|district|county|city|town|municipal|municipality|international cbd|international central business district|cbd|issues|unveils|releases|rolls out|launches|publishes|announces|sets|outlines|plans|to|will|20\d\d)\b)/;
/** A Chinese administrative name not in PLACES ("慈溪市", "萧山区", "张江科学城"); not the zones,
 *  parks, cities and areas every region has ("自贸区", "超大城市", "沿海地区"). */
const ZH_ADMIN = /^([\u3400-\u9fff]{2,4}?)(?:新区|新片区|区(?!域)|市(?![民场区])|县|镇|科学城)/;
const ZH_NOT_ADMIN = /^(?:[在于赴到从与和及对向]|自贸|自由贸|开发|示范|合作|试验|保税|先行|综合|高新|经济|功能|核心|重点|全|各|本|该|城|市|新)|[城地市]$|上海|浙江|中共|中国|国家/;
const EN_ADMIN = /^([a-z][a-z'-]+) (?:new area|special area|district|county|city|town|municipal)\b/;
/** A document's own title ("Action Plan … in Pudong New Area"): the place it is for. */
const EN_DOCUMENT_TITLE = /^(?:new )?(?:(?:three|five)-year |implementation |work |key )?(?:action plan|plan|opinions|measures|notice|guidelines|programme|program|priorities|tasks)\b/;
const EN_IN = /\bin ([a-z][a-z'-]+) (?:new area|special area|district|county|international cbd|international central business district)\b/;
/** After the place: it hosts, it is a forum's venue ("临港新片区举行发布会", "Pudong New Area hosts …"). */
const HOSTS = /^(?:\s*[\u3400-\u9fff]{0,6}?(?:举行|举办|承办|论坛|发布会|企业|市民|居民|官员|副区长|区长|副市长|市长|书记|政协委员|人大代表|医院)|(?:'s)?\s+(?:[a-z]+\s+){0,3}?(?:forum|hosts?|holds?|event|expo|fair|conference|venue|officials?|residents?|firms?|companies|businesses|entrepreneurs|mayor|chief|leaders?|people)\b)/;
/** The region named after the place: the place is where the region's policy was told
 *  ("浦东2025年…论坛开幕 上海明确…", "Pudong New Area hosts launch of Shanghai's priorities"). */
const REGION_LATER = /上海|浙江|全市|全省|\bshanghai\b|\bzhejiang\b|\bcity's\b|\bprovince's\b/;

/** A generic name's place id: the PLACES name it starts with ("舟山群岛" → zhoushan), else itself. */
const placeIdOf = (name: string) => PLACE_NAMES.find((p) => name.startsWith(p.name))?.id ?? name;

/** A folded name without the region (or its free trade zone) it starts with, and whether it
 *  started with the region's own name. */
function afterRegion(folded: string): { rest: string; regionFirst: boolean } {
  const t = folded.trim();
  const rest = t.replace(REGION_PREFIX, '');
  return { rest, regionFirst: REGION_LATER.test(t.slice(0, t.length - rest.length)) };
}

/** The place below the region at the start of a name, if it issues there. */
function leadingPlace({ rest: f, regionFirst }: { rest: string; regionFirst: boolean }): string {
  let place = '';
  let end = 0;
  for (const { id, name, english } of PLACE_NAMES) {
    if (!f.startsWith(name)) continue;
    const rest = f.slice(name.length);
    const m = english ? EN_ISSUES.exec(rest) : ZH_ISSUES.exec(rest);
    if (m) {
      place = id;
      end = name.length + m[0].length;
      break;
    }
  }
  if (!place) {
    const zh = ZH_ADMIN.exec(f);
    const en = EN_ADMIN.exec(f);
    if (zh && !ZH_NOT_ADMIN.test(zh[1])) [place, end] = [placeIdOf(zh[1]), zh[0].length];
    else if (en && en[1] !== 'shanghai' && en[1] !== 'zhejiang' && en[1] !== 'the') [place, end] = [placeIdOf(en[1]), en[0].length];
    else if (!regionFirst && EN_DOCUMENT_TITLE.test(f)) {
      const m = EN_IN.exec(f);
      if (m) return placeIdOf(m[1]);
    }
  }
  if (!place) return '';
  const after = f.slice(end);
  return HOSTS.test(after) || REGION_LATER.test(after) ? '' : place;
}

/**
 * The place below the region (a city's district or new area, a province's city) whose policy a
 * title is, or "" for the region's own: the place a headline starts with as its issuer, else —
 * unless the headline starts with the region's name — the issuer's place where the issuer is
 * known (an issuing body's name: "浦东新区发展和改革委员会", "Pudong New Area"). A headline's place:
 * "浦东新区2025年推进…", "上海市閔行區…", "Huangpu's 2025 priorities", "Action Plan … in Pudong New
 * Area"; not one named as a venue, host, port, bank, forum or the home of people or firms
 * ("上海在临港新片区发布…", "宁波港：…", "Shanghai Pudong Development Bank backs …", "临港新片区企业热议…",
 * "Pudong New Area officials explain city's priorities").
 */
export function issuingPlace(title: string, issuer?: string | null): string {
  const headline = afterRegion(foldText(title));
  const fromTitle = leadingPlace(headline);
  // The headline's own word first: a district portal's repost of the city's policy
  // ("上海明确…", issuer 上海市浦东新区人民政府办公室) is the city's.
  if (fromTitle || !issuer || headline.regionFirst) return fromTitle;
  const f = foldText(issuer);
  const named = PLACE_NAMES.find((p) => (p.within ? p.within.test(f) : f.includes(p.name)));
  return named?.id ?? leadingPlace(afterRegion(f));
}

export function yearOf(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /(?:^|[^\d])(20\d\d)(?!\d)/.exec(s);
  return m ? Number(m[1]) : null;
}

/** The series of a document number ("沪府办发〔2024〕12号" → 沪府办发) and its year. */
export function docNumberSeries(docNumber: string | null | undefined): { series: string; year: number | null } | null {
  if (!docNumber) return null;
  const m = /^(.*?)\s*[〔[(（【]\s*((?:19|20)\d\d)\s*[〕\])）】]/.exec(docNumber.trim());
  if (!m) return null;
  return { series: foldText(m[1]).replace(/\s+/g, ''), year: Number(m[2]) };
}

// ---- shingles (copies of seed documents) ----------------------------------------------------

export const SHINGLE = 5;

const SHINGLE_FILTER_MASK = (1 << 18) - 1; // 32 KB of bits, for the seeds' ~10,000 shingles
/** Sets a shingle hash's bit in the filter before shingleIndex (knowledge building). */
function addToShingleFilter(filter: Uint32Array, h: number): void {
  filter[(h & SHINGLE_FILTER_MASK) >>> 5] |= 1 << (h & 31);
}
/** Whether a shingle hash may be a key of shingleIndex (false: it is not; true: look it up). */
export function inShingleFilter(filter: Uint32Array, h: number): boolean {
  return (filter[(h & SHINGLE_FILTER_MASK) >>> 5] & (1 << (h & 31))) !== 0;
}

let shingleToks = new Int32Array(1 << 13);
/** Hashes of the 5-token shingles of a text, folded (tokens: English words, CJK characters). */
export function shingleHashes(text: string): Int32Array {
  // The tokens in a scratch array shared by all calls, sized for the text (a text has at most one
  // token per character), instead of an array grown by push.
  if (shingleToks.length < text.length) shingleToks = new Int32Array(text.length * 2);
  const toks = shingleToks;
  let t = 0;
  let h = 0;
  let inWord = false;
  const fold = FOLD;
  for (let i = 0; i < text.length; i++) {
    const c = fold[text.charCodeAt(i)];
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      h = inWord ? Math.imul(h ^ c, 0x01000193) : Math.imul(0x811c9dc5 ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    if (inWord) {
      toks[t++] = h;
      inWord = false;
    }
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) toks[t++] = Math.imul(c, 0x9e3779b1);
  }
  if (inWord) toks[t++] = h;
  const n = t - SHINGLE + 1;
  if (n <= 0) return new Int32Array(0);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let x = 0x27d4eb2d;
    for (let k = 0; k < SHINGLE; k++) x = Math.imul(x ^ toks[i + k], 0x5bd1e995) ^ (x >>> 13);
    out[i] = x & 0x3fffffff; // 30 bits: small integers, the fast keys of Map and Set
  }
  return out;
}

// ---- build ----------------------------------------------------------------------------------

const TITLE_NOISE = new Set(['unveil', 'release', 'issue', 'launch', 'publish', 'key', 'takeaway', 'grand', 'its', 'role']);

function titleKeys(k: { vocab: Vocabulary; stop: Uint8Array }, title: string, idf: (key: number) => number): Map<number, number> {
  const u = cut(title, k.vocab);
  const keys = termKeys(u, k.stop);
  const out = new Map<number, number>();
  for (const key of keys.keys()) {
    if (key < BIGRAM_BASE) {
      const w = k.vocab.words[key];
      if (/^\d+$/.test(w) || TITLE_NOISE.has(w)) continue;
    }
    out.set(key, idf(key));
  }
  return out;
}

/** The heads a name of a zone, plan or platform ends with, which the press also puts first: "Silk
 *  Road e-commerce cooperation pilot zone" is "a pilot zone for Silk Road e-commerce cooperation". */
const NAME_HEADS = /^(.+?)\s+((?:pilot|leading|demonstration|cooperation|free trade) zones?|demonstration areas?|action plans?|service (?:center|centre)s?|platforms?)$/i;
/** What a name must not end with to go after its head: a word that belongs before it ("… Pilot
 *  Free Trade Zone", "… three-year action plan", "… of the"), a number, an adjective ("eight
 *  functional platforms", "Shanghai Belt and Road Comprehensive Service Center"). */
const BEFORE_HEAD_ONLY = /(?:^|\s)(?:pilot|[a-z]+-year|of|the|for|in|and|one|two|three|four|five|six|seven|eight|nine|ten|\d[\w-]*|[a-z]+(?:al|ive|ic|ous|ary|ful|ing))$/i;

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** An ordinal of 1–10 in English words or figures (seventh, 7th), and a Chinese number (七, 7). */
const ORD_EN = `(?:${ORDINAL_WORDS.join('|')}|(?:[1-9]|10)(?:st|nd|rd|th))`;
const NUM_ZH = `(?:[${ZH_NUMERALS.join('')}]+|\\d+)`;
const ORDINAL_ZH = new RegExp(`第(${NUM_ZH})([届次屆])`);
const ORDINAL_EN = new RegExp(`\\b(${ORD_EN})\\b`, 'i');
/** An ordinal's or a number's value, 1–10: seventh, 7th, 七, 7 → 7; 0 for anything else (十一, 17). */
const ordinalValue = (o: string) => {
  const n = ORDINAL_WORDS.indexOf(o.toLowerCase()) + 1 || ZH_NUMERALS.indexOf(o) + 1 || Number.parseInt(o, 10) || 0;
  return n <= 10 ? n : 0;
};
/** The edition an alias numbers (1–10), else 0. */
export function aliasEdition(alias: string): number {
  const o = ORDINAL_ZH.exec(alias) ?? ORDINAL_EN.exec(alias);
  return o ? ordinalValue(o[1]) : 0;
}
/** The editions the ordinals right before a name number, a list of them too: "the 8th " → [8],
 *  "7th and 8th " → [7, 8], 第八届 → [8], 第七届、第八届 / 第七、八届 / 第4届和第5届 → [7, 8] / [4, 5]; [] when none. */
const EDITIONS_EN = new RegExp(`\\b(${ORD_EN}(?:\\s*(?:,|and|&|or|to|-|–)\\s*${ORD_EN})*)\\s+$`, 'i');
// The first of a list has 第 (六届进博会 is six editions, not the sixth); the others may drop it.
const EDITIONS_ZH = new RegExp(`(第${NUM_ZH}(?:[届次屆]?\\s*[、,，和与與及至到-]\\s*第?${NUM_ZH})*[届次屆])\\s*$`);
const EDITION_NUMBER = new RegExp(`${ORD_EN}|${NUM_ZH}`, 'gi');
const RANGE_BETWEEN = /(?:至|到|-|–|\bto\b)\s*(?:第)?\s*$/i;
export function editionsBefore(text: string, at: number): number[] {
  const before = foldText(text.slice(Math.max(0, at - 60), at));
  const o = EDITIONS_EN.exec(before) ?? EDITIONS_ZH.exec(before);
  if (!o) return [];
  const out: number[] = [];
  // Each ordinal, and a range's editions between its ends (第五至八届, "5th to 8th").
  let prev = 0;
  let last = 0;
  for (const m of o[1].matchAll(EDITION_NUMBER)) {
    const n = ordinalValue(m[0]);
    if (!n) continue;
    if (prev && n > prev && RANGE_BETWEEN.test(o[1].slice(last, m.index))) for (let x = prev + 1; x < n; x++) out.push(x);
    out.push(n);
    prev = n;
    last = m.index! + m[0].length;
  }
  return out;
}

/** The year written right at an event's name: "the 2025 CIIE", "2025年进博会", "2025年第八届进博会"
 *  (the year before the name, or before its ordinal), "CIIE 2025" (after it); null when none, and
 *  for a count or a start ("over 1900 CIIE exhibitors", "since 2018 CIIE has"). */
const YEAR_BEFORE_NAME = /(?<![\d,.]|\b(?:since|over|more than|about|nearly|some|around|almost|up to|a total of)\s|[自从從])((?:19[89]|20[0-4])\d)(?:\s*年|'s|\s)\s*(?:第[一二三四五六七八九十\d]{1,3}[届屆]\s*)?$/i;
const YEAR_AFTER_NAME = /^\s+((?:19|20)\d\d)(?![\d年,.]?\d|\s*年)/;
export function eventYearAt(text: string, s: number, e: number): number | null {
  const m = YEAR_BEFORE_NAME.exec(foldText(text.slice(Math.max(0, s - 16), s))) ?? YEAR_AFTER_NAME.exec(text.slice(e, e + 8));
  return m ? Number(m[1]) : null;
}

/** The year before the text's own, written at an event's name: "last year's CIIE", 去年(的)进博会,
 *  去年11月举办的进博会 (before it), "the CIIE last November", "the CIIE, held in Shanghai last
 *  November," "… a year ago" (after it); not a comparison further off ("more exhibitors than last
 *  year", 展商比去年更多). */
const LAST_YEAR_BEFORE = /(?:\blast\s+year['’]s\s+|去年(?:\d{1,2}月(?:\d{1,2}日)?(?:\s*[至到-]\s*\d{1,2}日)?)?(?:(?:在[\u3400-\u9fff]{1,10})?(?:举办|举行|召开|开幕)的?|的)?)(?:第[一二三四五六七八九十\d]{1,3}[届屆]\s*)?$/i;
/** The English month names, for regexes. */
export const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december';
const LAST_YEAR_AFTER = new RegExp(
  `^\\s*,?\\s+(?:(?:which|that)\\s+(?:was\\s+)?)?(?:(?:held|opened|took\\s+place)\\s+(?:in\\s+[A-Z][a-z]+\\s+)?|in\\s+|on\\s+)?(?:in\\s+(?:${MONTH_NAMES})\\s+)?(?:last\\s+(?:year|${MONTH_NAMES})|a\\s+year\\s+ago)\\b`,
  'i',
);
export function lastYearAt(text: string, s: number, e: number): boolean {
  return LAST_YEAR_BEFORE.test(foldText(text.slice(Math.max(0, s - 28), s))) || LAST_YEAR_AFTER.test(text.slice(e, e + 48));
}

/** A name that starts with a count ("eight … platforms") keeps it before the head. */
const COUNTED = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b/i;

/** A weight below SPECIFIC_ALIAS (classify.ts) for a name reworded (aliasVariants): it ties an
 *  entry of the document's own region, never another region's, and names no policy in a headline. */
export const REWORDED_ALIAS = 0.6;

/** The other ways the press writes an alias: with its ordinal in figures or words ("seventh CIIE" =
 *  "7th CIIE", 第七届 = 第7届), a Chinese count in figures (六大专项行动 = 6大专项行动) and an English one
 *  with the other names of its currency ("cross-border RMB settlement" = "… yuan settlement" = "…
 *  renminbi settlement"): the same name; and, `reworded`, with its head first ("pilot zone for / of
 *  Silk Road e-commerce cooperation") or a Chinese one with another counter after its number
 *  (六大专项行动: 六项专项行动, 6个专项行动). */
export function aliasVariants(alias: string, lang: 'en' | 'zh'): { text: string; reworded: boolean }[] {
  const out: { text: string; reworded: boolean }[] = [];
  /** The alias with the match m written as `by`. */
  const instead = (m: RegExpExecArray, by: string) => alias.slice(0, m.index) + by + alias.slice(m.index + m[0].length);
  // An ordinal in figures or in words: "seventh CIIE" = "7th CIIE", 第七届进博会 = 第7届进博会.
  const o = (lang === 'zh' ? ORDINAL_ZH : ORDINAL_EN).exec(alias);
  if (o) {
    const n = ordinalValue(o[1]);
    if (n) {
      const other = lang === 'zh' ? (/\d/.test(o[1]) ? `第${ZH_NUMERALS[n - 1]}${o[2]}` : `第${n}${o[2]}`) : /\d/.test(o[1]) ? ORDINAL_WORDS[n - 1] : `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
      out.push({ text: instead(o, other), reworded: false });
    }
  }
  if (lang === 'zh') {
    const m = /([一二三四五六七八九十两]+)([大项个])/.exec(alias);
    if (m) {
      // The count in figures too (6大专项行动 = 六大专项行动: the same name).
      const n = m[1] === '两' ? 2 : ordinalValue(m[1]);
      const counts = n ? [m[1], String(n)] : [m[1]];
      for (const count of counts) for (const c of ['大', '项', '个']) if (count !== m[1] || c !== m[2]) out.push({ text: instead(m, count + c), reworded: c !== m[2] });
    }
    // A platform named with its 服务 ("投资促进服务平台" = 投资促进平台). (Not a centre: 国际航运服务中心 is
    // an office building, not Shanghai as a shipping centre.)
    const head = /^(.{2,})平台$/.exec(alias);
    if (head && !head[1].endsWith('服务')) out.push({ text: `${head[1]}服务平台`, reworded: false });
    return out;
  }
  const m = /\b(RMB|renminbi|yuan)\b/i.exec(alias);
  if (m) for (const c of ['RMB', 'renminbi', 'yuan']) if (c.toLowerCase() !== m[1].toLowerCase()) out.push({ text: instead(m, c), reworded: false });
  const h = NAME_HEADS.exec(alias);
  if (h && h[1].trim().split(/\s+/).length >= 2 && !BEFORE_HEAD_ONLY.test(h[1].trim()) && !COUNTED.test(h[1].trim())) {
    for (const p of ['for', 'of']) out.push({ text: `${h[2]} ${p} ${h[1]}`, reworded: true });
  }
  return out;
}

/** The knowledge of the taxonomy, the catalog and the seed documents, with the topic resemblance
 *  model (bow.ts; null only while fitting it: the topic model's weights expect its scores). */
export function buildKnowledge(topics: TopicsFile, measures: CatalogMeasure[], seedDocuments: SeedDocumentInput[], bow: BowModel | null): Knowledge {
  if (bow && bow.topics.join() !== topics.topics.map((t) => t.id).join()) {
    throw new Error(`the topic resemblance model's topics (${bow.topics.join(', ')}) are not the taxonomy's (${topics.topics.map((t) => t.id).join(', ')}): refit it, npx tsx classifier/fit-topics.ts --write`);
  }
  const vocab = newVocabulary();
  const phrases = new PhraseSet<Payload>(vocab);
  const topicIds = topics.topics.map((t) => t.id);

  // Topic terms and cues.
  for (const cue of topics.negativeCues) phrases.add(cue.text, { role: Role.NegativeGlobal, arg: -1, weight: 0 });
  topics.topics.forEach((t, ti) => {
    for (const term of t.terms) phrases.add(term.text, { role: Role.Topic, arg: ti, weight: term.weight });
    for (const cue of t.negative) phrases.add(cue.text, { role: Role.NegativeTopic, arg: ti, weight: 0 });
    for (const text of TOPIC_NEGATIVE_EXTRA[t.id] ?? []) phrases.add(text, { role: Role.NegativeTopic, arg: ti, weight: 0 });
    // The classifier's additions (lexicon.ts); a term the taxonomy already has keeps its weight.
    for (const [text, weight] of TOPIC_EXTRA[t.id] ?? []) {
      const idx = phrases.add(text, { role: Role.Topic, arg: ti, weight });
      const same = phrases.payloads[idx].filter((p) => p.role === Role.Topic && p.arg === ti);
      if (same.length > 1) phrases.payloads[idx].pop();
    }
  });
  // One payload per topic and phrase: traditional and simplified forms fold to one phrase.
  for (let x = 0; x < phrases.payloads.length; x++) {
    const best = new Map<number, Payload>();
    for (const p of phrases.payloads[x]) if (p.role === Role.Topic && (best.get(p.arg)?.weight ?? -1) < p.weight) best.set(p.arg, p);
    phrases.payloads[x] = phrases.payloads[x].filter((p) => p.role !== Role.Topic || best.get(p.arg) === p);
  }
  // The lexicon.
  const historicalAnchors = new Set<number>();
  for (const a of ANCHORS) {
    const idx = phrases.add(a.text, { role: Role.Anchor, arg: ANCHOR_KINDS.indexOf(a.kind), weight: a.weight });
    if (HISTORICAL_ANCHORS.includes(a.text)) historicalAnchors.add(idx);
  }
  const simple: [string[], Role][] = [
    [OTHER_SENSE, Role.OtherSense],
    [OTHER_PROGRAMMES, Role.OtherProgramme],
    [CONTRAST, Role.Contrast],
    [OTHER_INITIATIVES, Role.OtherInitiative],
    [STRATEGIES, Role.Strategy],
    [OFF_SUBJECT, Role.OffSubject],
    [ACTION, Role.Action],
    [IMPLEMENT, Role.Implement],
    [PARTNERS, Role.Partner],
  ];
  for (const [list, role] of simple) for (const text of list) phrases.add(text, { role, arg: -1, weight: 1 });
  const regionIds = Object.keys(REGIONS);
  regionIds.forEach((id, ri) => {
    for (const name of REGIONS[id]) phrases.add(name, { role: Role.Region, arg: ri, weight: 1 });
  });

  // Phrases that say little about one measure: topic terms of weight ≥ 0.8 and anchors.
  const generic = new Set<number>();
  for (let p = 0; p < phrases.payloads.length; p++) {
    if (phrases.payloads[p].some((x) => (x.role === Role.Topic && x.weight >= 0.8) || x.role === Role.Anchor)) generic.add(p);
  }

  // Catalog entries: aliases as phrases (weighted by how specific they are).
  const entries: MeasureEntry[] = [];
  const byId = new Map<string, number>();
  measures.forEach((m, i) => byId.set(m.id, i));
  const depthOf = (i: number): number => {
    let d = 0;
    let at = measures[i];
    const seen = new Set<string>();
    while (at.parent && byId.has(at.parent) && !seen.has(at.parent)) {
      seen.add(at.parent);
      at = measures[byId.get(at.parent)!];
      d++;
    }
    return d;
  };
  const aliasPolicies = new Map<number, Set<string>>();
  // The other ways of writing an alias (aliasVariants) weigh what the alias as written weighs; a
  // reworded one at most REWORDED_ALIAS.
  const spellings: { payload: Payload; of: number; reworded: boolean }[] = [];
  measures.forEach((m, i) => {
    const key = `${m.policy.title}|${m.policy.region}`;
    const add = (a: string) => {
      const idx = phrases.add(a, { role: Role.Alias, arg: i, weight: 0 });
      if (idx >= 0) {
        if (!aliasPolicies.has(idx)) aliasPolicies.set(idx, new Set());
        aliasPolicies.get(idx)!.add(key);
      }
      return idx;
    };
    for (const [lang, list] of [['zh', m.aliases.zh], ['en', m.aliases.en]] as const) {
      for (const a of list) {
        const of = add(a);
        for (const v of aliasVariants(a, lang)) {
          const idx = phrases.add(v.text, { role: Role.Alias, arg: i, weight: 0 });
          if (idx >= 0 && of >= 0) spellings.push({ payload: phrases.payloads[idx].at(-1)!, of, reworded: v.reworded });
        }
      }
    }
  });
  // An alias made only of topic terms, BRI anchors and the words of a field (FIELD_WORDS) names
  // the field, not the entry: "green Belt and Road" is the national policy's wording too.
  const fieldWords = new PhraseSet<true>(vocab);
  for (const w of FIELD_WORDS) fieldWords.add(w, true);
  // A proper name is no field's wording: an English alias written as a name ("Carbon Neutrality
  // Expo", "Network of Silk Road Arts Festivals"), a Chinese one ending as an institution's.
  const isProperName = (text: string): boolean => {
    if (NAME_ENDINGS_ZH.some((e) => text.endsWith(e))) return true;
    const words = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w) && !STOPWORDS.has(w.toLowerCase()));
    return words.length >= 2 && words.every((w) => /^[A-Z]/.test(w));
  };
  const namesOnlyAField = (idx: number): boolean => {
    if (isProperName(phrases.texts[idx])) return false;
    const ids = learnUnits(phrases.texts[idx], vocab);
    const u = { n: ids.length, id: Int32Array.from(ids), join: new Uint8Array(ids.length).fill(1) } as Units;
    const covered = new Uint8Array(ids.length);
    const occ = phrases.scan(u);
    for (let k = 0; k < occ.length; k += 3) {
      if (phrases.payloads[occ[k]].some((x) => x.role === Role.Topic || x.role === Role.Anchor)) covered.fill(1, occ[k + 1], occ[k + 2]);
    }
    const occF = fieldWords.scan(u);
    for (let k = 0; k < occF.length; k += 3) covered.fill(1, occF[k + 1], occF[k + 2]);
    return ids.every((id, j) => covered[j] || (id < CJK_BASE && STOPWORDS.has(vocab.words[id])));
  };
  // 0.75 for a distinctive name; 0.4 when several policies or the taxonomy use it, it names only
  // a field, or it is one word (or up to four Chinese characters).
  for (const [idx, pols] of aliasPolicies) {
    const short = phrases.lengths[idx] < 2 || (phrases.lengths[idx] <= 4 && /[\u4e00-\u9fff]/.test(phrases.texts[idx]));
    const weight = pols.size > 1 || generic.has(idx) || short || namesOnlyAField(idx) ? 0.4 : 0.75;
    for (const p of phrases.payloads[idx]) if (p.role === Role.Alias) p.weight = weight;
  }
  for (const { payload, of, reworded } of spellings) {
    const weight = phrases.payloads[of].find((x) => x.role === Role.Alias && x.arg === payload.arg)!.weight;
    payload.weight = reworded ? Math.min(weight, REWORDED_ALIAS) : weight;
  }

  // Glossary: English phrase → Chinese renderings, found in an entry's English wording.
  const glossary = new PhraseSet<string[]>(vocab);
  for (const [en, zh] of GLOSSARY) glossary.add(en, zh);
  const zhOf = (text: string): string[] => {
    const occ = glossary.scan(cut(text, vocab));
    const out: string[] = [];
    for (let k = 0; k < occ.length; k += 3) out.push(...glossary.payloads[occ[k]].flat());
    return out;
  };
  // Register every catalog word first, so the stop list covers the final vocabulary.
  const catalogTexts = measures.map((m) => {
    const en = [m.title, m.text, ...m.aliases.en].join('\n');
    learnUnits(en, vocab);
    return en;
  });
  for (const p of measures) learnUnits(p.policy.title, vocab);
  for (const w of STOPWORDS) wordId(vocab, w);
  const stop = new Uint8Array(vocab.words.length + 1);
  for (const w of STOPWORDS) stop[vocab.ids.get(w)!] = 1;
  const k0 = { vocab, stop };

  // BM25: each entry's distinct terms (English content words; Chinese bigrams of its Chinese
  // aliases and of the glossary's renderings of its English wording).
  const termSets: Map<number, number>[] = measures.map((m, i) => {
    const en = catalogTexts[i];
    const zh = [...m.aliases.zh, ...zhOf(en)].join('\n');
    return termKeys(cut(`${en}\n${zh}`, vocab), stop);
  });
  const df = new Map<number, number>();
  for (const set of termSets) for (const key of set.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const N = Math.max(1, measures.length);
  const defaultIdf = Math.log(1 + (N + 0.5) / 0.5);
  const terms = new IntMap(df.size);
  const termIdf = new Float64Array(df.size);
  const lists: number[][] = [];
  for (const [key, n] of df) {
    const t = lists.length;
    terms.set(key, t);
    termIdf[t] = Math.log(1 + (N - n + 0.5) / (n + 0.5));
    lists.push([]);
  }
  const maxScore = new Float64Array(measures.length);
  termSets.forEach((set, i) => {
    for (const key of set.keys()) {
      const t = terms.get(key);
      lists[t].push(i);
      maxScore[i] += termIdf[t];
    }
  });
  const termPostings = lists.map((l) => Int32Array.from(l));
  const idfOf = (key: number) => {
    const t = terms.get(key);
    return t < 0 ? defaultIdf : termIdf[t];
  };

  // Policies.
  const policyIndex = new Map<string, number>();
  const policies: PolicyEntry[] = [];
  // A source document's headline names the policy the document reports: the first one of its
  // top-level entries whose policy it is (policy.url is the document's own), not the others it
  // lists (Pudong's and Hongqiao's plans in the report of Shanghai's) nor those a commentary cites.
  const headlineGiven = new Set<string>();
  const seedTitleOf = (m: CatalogMeasure): string | null => {
    if (!m.seedTitle || m.parent !== null || !m.seedUrl) return null;
    const url = canonicalUrl(m.seedUrl);
    if (!url || headlineGiven.has(url) || canonicalUrl(m.policy.url) !== url) return null;
    headlineGiven.add(url);
    return m.seedTitle;
  };
  measures.forEach((m, i) => {
    const key = `${m.policy.title}|${m.policy.region}`;
    let p = policyIndex.get(key);
    if (p === undefined) {
      p = policies.length;
      policyIndex.set(key, p);
      const series = docNumberSeries(m.policy.docNumber);
      const titles = [m.policy.title, seedTitleOf(m)].filter((t): t is string => !!t);
      const zhPhrases: PolicyEntry['zhPhrases'] = [];
      {
        const u = cut(m.policy.title, vocab);
        const occ = glossary.scan(u);
        const seen = new Set<number>();
        for (let k = 0; k < occ.length; k += 3) {
          if (seen.has(occ[k])) continue;
          seen.add(occ[k]);
          const text = glossary.texts[occ[k]];
          const weight = /^(belt and road|bri|shanghai|zhejiang|cooperation|enterprises)$/i.test(text) ? 0.5 : 1;
          zhPhrases.push({ any: glossary.payloads[occ[k]].flat().map((z) => foldText(z)), weight });
        }
      }
      policies.push({
        title: m.policy.title,
        region: m.policy.region,
        issuer: m.policy.issuer,
        issuerKey: issuerKey(m.policy.issuer),
        year: yearOf(m.policy.date) ?? yearOf(m.policy.title),
        date: m.policy.date,
        docNumberSeries: series?.series ?? null,
        docNumberYear: series?.year ?? null,
        place: issuingPlace(m.policy.title, m.policy.issuer),
        variants: titles.map((t) => titleKeys(k0, t, idfOf)),
        zhPhrases,
        measures: [],
        roots: [],
      });
    } else {
      const headline = seedTitleOf(m);
      if (headline) policies[p].variants.push(titleKeys(k0, headline, idfOf));
    }
    policies[p].measures.push(i);
    const edition = [...m.aliases.en, ...m.aliases.zh].map(aliasEdition).find((n) => n > 0) ?? 0;
    entries.push({ m, index: i, policy: p, depth: depthOf(i), edition });
  });
  // A policy's roots: its entries with no parent in the catalog (the plan, its areas).
  for (const e of entries) if (e.m.parent === null || !byId.has(e.m.parent)) policies[e.policy].roots.push(e.index);
  for (const p of policies) if (p.roots.length === 0 && p.measures.length) p.roots.push(p.measures[0]);

  // Seed documents: URL and shingle fingerprints (a 32-bit set per shingle: the first 30 seeds).
  const seeds: SeedEntry[] = [];
  const shingleIndex = new Map<number, number>();
  const shingleFilter = new Uint32Array((SHINGLE_FILTER_MASK + 1) >>> 5);
  seedDocuments.slice(0, 30).forEach((d, si) => {
    const hashes = shingleHashes(`${d.title}\n${d.text}`);
    const distinct = new Set(hashes);
    for (const h of distinct) {
      shingleIndex.set(h, (shingleIndex.get(h) ?? 0) | (1 << si));
      addToShingleFilter(shingleFilter, h);
    }
    seeds.push({
      id: d.id,
      url: d.url,
      canonicalUrl: canonicalUrl(d.url),
      title: d.title,
      year: yearOf(d.title) ?? yearOf(d.published),
      shingles: distinct.size,
      measures: entries.filter((e) => e.m.seedDocument === d.id).map((e) => e.index),
    });
  });
  const bySourceUrl = new Map<string, number[]>();
  for (const e of entries) {
    const url = canonicalUrl(e.m.seedUrl ?? (e.m.origin === 'crawled' ? e.m.policy.url : null));
    if (!url) continue;
    if (!bySourceUrl.has(url)) bySourceUrl.set(url, []);
    bySourceUrl.get(url)!.push(e.index);
  }

  const phraseRoles = new Int32Array(phrases.payloads.length);
  phrases.payloads.forEach((list, x) => {
    for (const p of list) phraseRoles[x] |= 1 << p.role;
  });
  return {
    version: 'lexical-1',
    vocab,
    phrases,
    phraseRoles,
    historicalAnchors,
    topicIds,
    stop,
    measures: entries,
    byId,
    terms,
    termIdf,
    termPostings,
    maxScore,
    defaultIdf,
    policies,
    seeds,
    shingleIndex,
    shingleFilter,
    bySourceUrl,
    regionIds,
    bow,
  };
}
