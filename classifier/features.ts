// The explainable relevance features of one document, computed from the phrase occurrences the
// matcher found. Each feature is a number a reader can check against the text.
import { ANCHOR_KINDS, Role, type Knowledge, type Payload } from './knowledge.js';
import { foldText } from './fold.js';
import type { Units } from './matcher.js';
import type { OffsetMap } from './normalise.js';
import { isSpace } from './sentences.js';

export interface Hit {
  /** Phrase index, first unit, unit after the last. */
  phrase: number;
  i: number;
  j: number;
  /** Character span in the analysed text (title + blank line + text). */
  s: number;
  e: number;
  p: Payload;
}

export interface Doc {
  /** The title, a blank line and the text, as analysed: hard-wrapped lines joined (unwrapLines). */
  full: string;
  /** The same as given, for verbatim evidence: offsets into full are offsets into raw, or where
   *  the reading dropped or decoded characters (normalise.ts: bracketed pinyin, entities, invisible
   *  characters, line breaks read into long paragraphs), full's character i is raw's
   *  [at.start(i), at.end(i)). */
  raw: string;
  at: OffsetMap | null;
  /** Where line breaks were read into long paragraphs (offsets in full; classify.ts prepare), or
   *  null: measure links score the input's own paragraphs (classify.ts passagesOf). */
  inserted: number[] | null;
  /** Length of the title; the text starts at titleEnd + 2. */
  titleEnd: number;
  u: Units;
  /** Phrase occurrences: flat triples (phrase, first unit, unit after). */
  occ: Int32Array;
  /** Occurrences by Role (knowledge.ts), built on first use (see hitsOf). */
  byRoleCache: (Hit[] | undefined)[];
  k: Knowledge;
}

export function analyse(k: Knowledge, full: string, titleEnd: number, u: Units, raw = full, at: OffsetMap | null = null): Doc {
  return { full, raw, at, inserted: null, titleEnd, u, occ: k.phrases.scan(u), byRoleCache: [], k };
}

/**
 * The occurrences of one role, as hits, in text order (by start: scan reads the units in order).
 * Built lazily: a document judged irrelevant never pays for its topic, alias or region hits.
 */
export function hitsOf(doc: Doc, role: Role): Hit[] {
  const cached = doc.byRoleCache[role];
  if (cached) return cached;
  const out: Hit[] = [];
  const { occ, u } = doc;
  const { payloads } = doc.k.phrases;
  const roles = doc.k.phraseRoles;
  const bit = 1 << role;
  for (let x = 0; x < occ.length; x += 3) {
    const phrase = occ[x];
    if (!(roles[phrase] & bit)) continue;
    const i = occ[x + 1];
    const j = occ[x + 2];
    const ps = payloads[phrase];
    for (let q = 0; q < ps.length; q++) if (ps[q].role === role) out.push({ phrase, i, j, s: u.start[i], e: u.end[j - 1], p: ps[q] });
  }
  doc.byRoleCache[role] = out;
  return out;
}

export interface Anchor extends Hit {
  kind: 'core' | 'flagship' | 'acronym';
  weight: number;
  para: number;
  sent: number;
  where: 'title' | 'lead' | 'body';
}

/** Spans where "BRI" means something else: an expansion other than Belt and Road Initiative. */
const OTHER_EXPANSION = [
  /\b(?!Belt\b)B[a-z]+(?:\s+[A-Z][a-z]+)?\s+R[a-z]+\s+I[a-z]+\b/, // Bank Rakyat Indonesia, Benaroya Research Institute, Bangladesh Rice Research Institute
  /\bBRI\s*[(（]\s*(?!Belt)[A-Z][^)）]{2,80}[)）]/, // BRI (Brain Research Institute)
  /\bPT\s+BRI\b|\bBank\s+BRI\b|\bBRI\s+(?:Life|Syariah|Agro|bank)\b/,
];
const CHINA_CONTEXT = /\b(?:China|Chinese|Beijing|Xi Jinping|Sino-)|中国|中方|我国/;

/** A sentence about the past: dynasties, archaeology, relics, museums, shipwrecks, the old voyages,
 *  centuries before the nineteenth (十三至十八世纪, "the 15th century"; not the 21st century of the
 *  initiative's name — 二十一世纪, 二十\n一世纪 wrapped, 廿一世紀 — nor 上一世纪 or 四分之一世纪, "a quarter-century"), the old route as world heritage (申遗, 世界文化遗产, "World Heritage", UNESCO)
 *  (folded text). */
const PAST = /\b(?:ancient|dynast(?:y|ies)|archaeolog\w*|museums?|relics?|shipwrecks?|Zheng He|Zhang Qian|centuries ago|world heritage|heritage (?:site|list|bid|nomination)|UNESCO)\b|\b(?:1[0-8]|[2-9])(?:st|nd|rd|th)[- ](?:(?:to |and |- ?)?(?:1[0-8]|[2-9])(?:st|nd|rd|th)[- ])?centur(?:y|ies)\b|(?<![\d\s一二三四五六七八九十廿])(?:十[一二三四五六七八]|1[0-8])世纪|[秦汉隋唐宋清]代|[秦汉隋唐宋元明清]朝|[宋元明清]时期|古代|考古|文物|遗址|遗存|沉船|博物馆|张骞|郑和|申遗|世界(?:文化)?遗产|始发港/i;

/** Whether the anchor h names the historical route: a name of knowledge.historicalAnchors in a
 *  sentence about the past. */
function historical(doc: Doc, h: Hit): boolean {
  if (!doc.k.historicalAnchors.has(h.phrase)) return false;
  const { u } = doc;
  const sent = u.sent[h.i];
  let a = h.i;
  while (a > 0 && u.sent[a - 1] === sent) a--;
  let b = h.j - 1;
  while (b + 1 < u.n && u.sent[b + 1] === sent) b++;
  return speaksOfPast(foldText(doc.full.slice(u.start[a], u.end[b])));
}
/** Whether a sentence (folded text) is about the past (PAST). A hard-wrapped line's break, read as a
 *  space, may fall inside a word (古\n代 → "古 代"): the sentence is read without the spaces between
 *  Chinese characters too. */
const speaksOfPast = (t: string) => PAST.test(t) || (t.includes(' ') && PAST.test(t.replace(CJK_GAP, '')));
/** How many sentences of the text speak of the past (PAST), up to 2: a text that names the initiative
 *  by no other name than the old route's and speaks of the past twice or more is about the old route
 *  (a museum's exhibition on the route of the 13th to 18th centuries, its headline and blurb saying
 *  海上絲綢之路 with no word of the past). */
function pastSentences(doc: Doc): number {
  const { u } = doc;
  let n = 0;
  for (let a = 0; a < u.n && n < 2; ) {
    let b = a;
    while (b + 1 < u.n && u.sent[b + 1] === u.sent[a]) b++;
    if (speaksOfPast(foldText(doc.full.slice(u.start[a], u.end[b])))) n++;
    a = b + 1;
  }
  return n;
}
/** Whether a use of the route outside the sentences about the past shares its sentence with an action
 *  word (建设, 合作, 签署, "building", "cooperation" …): "泉州加快建设海上丝绸之路核心区" is today's route,
 *  however many heritage and museum sentences surround it. */
function routeActedOn(doc: Doc, route: Hit[], past: Hit[]): boolean {
  const acts = new Set(hitsOf(doc, Role.Action).map((h) => doc.u.sent[h.i]));
  return route.some((h) => !past.includes(h) && acts.has(doc.u.sent[h.i]));
}
/** Spaces between two Chinese characters. */
const CJK_GAP = /(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g;

/** An acronym a text defines right after a BRI name or flagship: "Yiwu-Xinjiang-Europe (YXE)",
 *  "Silk Road Economic Belt (SREB)", "New International Land-Sea Trade Corridor (ILSTC)" — its
 *  letters are initials of the name's words, in order (not a photo credit, "(VCG)", "(AFP)", or a
 *  numeral, "(II)"). */
const DEFINED_ACRONYM = /^ ?[(（]([A-Z][A-Z&]{1,5})[)）]/;
function initialsOf(name: string, acronym: string): boolean {
  const initials = name.split(/[\s\-–]+/).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0].toUpperCase()).join('');
  let at = 0;
  for (const c of acronym.replace(/&/g, '')) {
    at = initials.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The later uses of acronyms defined for anchors ("… YXE trains departing …"), each as its anchor. */
function definedAcronyms(doc: Doc, anchors: Anchor[]): Anchor[] {
  const defs: { name: string; from: number; a: Anchor }[] = [];
  for (const a of anchors) {
    // (a bracket right after the name, or after one space)
    let b = doc.full.charCodeAt(a.e);
    if (b === 32) b = doc.full.charCodeAt(a.e + 1);
    if (a.kind === 'acronym' || (b !== 40 && b !== 0xff08)) continue;
    const m = DEFINED_ACRONYM.exec(doc.full.slice(a.e, a.e + 10));
    if (!m || defs.some((d) => d.name === m[1])) continue;
    // (the name may hold the anchor at its end: "Green Investment Principles for the Belt and Road (GIP)")
    const before = doc.full.slice(Math.max(0, a.s - 60), a.s).split(/[,.;:!?，。；：！？()（）\n]/).pop()!;
    if (initialsOf(before + doc.full.slice(a.s, a.e), m[1])) defs.push({ name: m[1], from: a.e + m[0].length, a });
  }
  if (!defs.length) return [];
  const { u } = doc;
  const leadEnd = leadEndOf(doc);
  const out: Anchor[] = [];
  for (let i = 0; i < u.n; i++) {
    const s = u.start[i];
    const e = u.end[i];
    const d = defs.find((x) => s >= x.from && e - s === x.name.length && doc.full.startsWith(x.name, s));
    if (!d || anchors.some((a) => a.s < e && a.e > s)) continue;
    const { a } = d;
    const use: Anchor = { phrase: a.phrase, i, j: i + 1, s, e, p: a.p, kind: a.kind, weight: a.weight, para: u.para[i], sent: u.sent[i], where: s < doc.titleEnd ? 'title' : s < leadEnd ? 'lead' : 'body' };
    // ("MSR ports flourished in the Song dynasty": the old route, as its full name would be)
    if (a.kind === 'core' && historical(doc, use)) continue;
    out.push(use);
  }
  return out;
}

/** The document's anchors: BRI names, flagships and valid acronyms; the longest wins on overlap;
 *  an acronym the text defines for one of them counts as it (definedAcronyms). */
export function anchorsOf(doc: Doc): Anchor[] {
  const raw = hitsOf(doc, Role.Anchor).slice().sort((a, b) => a.s - b.s || b.e - a.e);
  const kept: Hit[] = [];
  let end = -1;
  for (const h of raw) {
    if (h.s < end) continue;
    kept.push(h);
    end = h.e;
  }
  let acronymValid: boolean | null = null;
  const hasCore = kept.some((h) => ANCHOR_KINDS[h.p.arg] === 'core');
  const out: Anchor[] = [];
  const leadEnd = leadEndOf(doc);
  // The old route's name in a sentence about the past is history; so is every use of it in a text
  // that names the initiative by no other name (no other BRI name, flagship or acronym) and the route
  // in the past at least as often as not (a heritage bid's report: "宁波在海上丝绸之路中扮演着重要的
  // 角色", said between 申遗 and 始发港; not a port's new routes with one UNESCO sentence).
  const route = kept.filter((h) => ANCHOR_KINDS[h.p.arg] === 'core' && doc.k.historicalAnchors.has(h.phrase));
  const past = route.filter((h) => historical(doc, h));
  const oldRouteOnly = past.length > 0 && route.length === kept.length && (past.length * 2 >= route.length || (pastSentences(doc) >= 2 && !routeActedOn(doc, route, past)));
  // A phrase of another sense that shares a word with the anchor without holding it takes that
  // word: "seat belt and road safety" (the anchor wins only where it holds the other: "Silk Road
  // Economic Belt" over "economic belt").
  const otherSense = hitsOf(doc, Role.OtherSense);
  for (const h of kept) {
    const kind = ANCHOR_KINDS[h.p.arg];
    if (kind === 'core' && (past.includes(h) || (oldRouteOnly && doc.k.historicalAnchors.has(h.phrase)))) continue;
    if (otherSense.length && claimed(h, otherSense)) continue;
    if (kind === 'acronym') {
      let upper = true;
      for (let c = h.s; c < h.e; c++) {
        const code = doc.full.charCodeAt(c);
        if (code >= 97 && code <= 122) upper = false;
      }
      if (!upper) continue;
      // With the initiative named in full the acronym is the initiative; alone it must not
      // expand to something else (Bank Rakyat Indonesia, Benaroya Research Institute …) and the
      // text must be about China.
      if (acronymValid === null) acronymValid = hasCore || (!OTHER_EXPANSION.some((re) => re.test(doc.full)) && CHINA_CONTEXT.test(doc.full));
      if (!acronymValid) continue;
    }
    // (explicit properties: an object spread here costs more than the rest of the function)
    out.push({ phrase: h.phrase, i: h.i, j: h.j, s: h.s, e: h.e, p: h.p, kind, weight: h.p.weight, para: doc.u.para[h.i], sent: doc.u.sent[h.i], where: h.s < doc.titleEnd ? 'title' : h.s < leadEnd ? 'lead' : 'body' });
  }
  const defined = definedAcronyms(doc, out);
  return defined.length ? [...out, ...defined].sort((a, b) => a.s - b.s) : out;
}

/** Whether a phrase of another sense overlaps the hit without lying inside it. (A module-level
 *  function, as are those of featuresOf: under tsx a closure is named on each call, ~0.3 µs.) */
function claimed(h: Hit, otherSense: Hit[]): boolean {
  return otherSense.some((o) => o.s < h.e && o.e > h.s && (o.s < h.s || o.e > h.e));
}

/** End of the lead: the first two paragraphs of the text, at most 700 characters from the first
 *  (blank lines, and chrome read as blank, chrome.ts, are no paragraph). */
export function leadEndOf(doc: Doc): number {
  const { full } = doc;
  let textStart = doc.titleEnd + 2;
  while (textStart < full.length && isSpace(full.charCodeAt(textStart))) textStart++;
  let breaks = 0;
  let content = false;
  let i = textStart;
  while (i < full.length && i - textStart < 700) {
    const c = full.charCodeAt(i);
    if (c === 10) {
      if (content && ++breaks === 2) break;
      content = false;
    } else if (!isSpace(c)) content = true;
    i++;
  }
  return i;
}

export const FEATURES = [
  'titleAnchors',
  'leadAnchors',
  'bodyAnchors',
  'anchorParagraphs',
  'listy',
  'contrast',
  'otherProgrammes',
  'otherProgrammeTitle',
  'otherSense',
  'otherInitiatives',
  'offSubject',
  'actionNearAnchor',
  'flagshipOnly',
  'partners',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface Features {
  values: Record<FeatureName, number>;
  anchors: Anchor[];
  /** Anchors in a list of national strategies / set against another programme. */
  listyAnchors: Anchor[];
  contrastAnchors: Anchor[];
  negativeHits: Hit[];
}

const inside = (h: Hit, spans: Hit[]) => spans.some((a) => a.s <= h.s && a.e >= h.e);

/** Partners (lexicon.ts) that name the initiative's group of countries rather than a country, as
 *  written right after its name ("Belt and Road partner countries", “一带一路”共建国家, 沿線國家).
 *  By the phrase matched, not the text's spelling of it: a line joined inside it ("沿 线国家", a
 *  wrapped line of batch21 zh-591 at 36 columns) or a hyphen ("partner-countries") is the same phrase. */
const GROUP_PARTNERS = new Set(['partner countries', 'partner country', 'countries along the route', 'participating countries', 'participating country', '沿线国家', '共建国家', '伙伴国']);
const groupPartner = (doc: Doc, h: Hit) => GROUP_PARTNERS.has(foldText(doc.k.phrases.texts[h.phrase]).toLowerCase());

/** The sentences (the Units' numbering) the hits are in. */
export function sentencesOf(u: Units, hs: Hit[]): Set<number> {
  const out = new Set<number>();
  for (const h of hs) out.add(u.sent[h.i]);
  return out;
}

/** Whether the hit is the word right after an anchor (spaces and closing quotes between): part of
 *  its name, as "partner countries" is of "Belt and Road partner countries". */
function namePart(doc: Doc, anchors: Anchor[], h: Hit): boolean {
  return anchors.some((a) => a.e <= h.s && h.s - a.e <= 2 && /^[\s"”’'」』]*$/.test(doc.full.slice(a.e, h.s)));
}

export function featuresOf(doc: Doc): Features {
  const anchors = anchorsOf(doc);
  const { u } = doc;
  const strategies = sentencesOf(u, hitsOf(doc, Role.Strategy).filter((h) => !inside(h, anchors)));
  const contrasts = sentencesOf(u, [...hitsOf(doc, Role.Contrast), ...hitsOf(doc, Role.OtherProgramme)]);
  // "Belt and Road partner countries" names a group of countries: the word right after an anchor is
  // its name's (namePart), no action near it. (The length first: no two strings made per action.)
  const actions = sentencesOf(u, hitsOf(doc, Role.Action).filter((h) => !inside(h, anchors) && !(h.e - h.s === 7 && doc.full.slice(h.s, h.e).toLowerCase() === 'partner' && namePart(doc, anchors, h))));

  let titleA = 0;
  let leadA = 0;
  let bodyA = 0;
  const paras = new Set<number>();
  const listyAnchors: Anchor[] = [];
  const contrastAnchors: Anchor[] = [];
  const anchorSents = new Set<number>();
  let namedAnchors = 0;
  for (const a of anchors) {
    if (a.where === 'title') titleA += a.weight;
    else if (a.where === 'lead') leadA += a.weight;
    else bodyA += a.weight;
    if (a.where !== 'title') paras.add(a.para);
    anchorSents.add(a.sent);
    if (a.kind !== 'flagship') {
      namedAnchors++;
      if (strategies.has(a.sent)) listyAnchors.push(a);
    }
    if (contrasts.has(a.sent)) contrastAnchors.push(a);
  }
  let actionSents = 0;
  for (const s of anchorSents) if (actions.has(s)) actionSents++;
  const textParas = Math.max(1, u.paragraphs - 1);
  const otherSense = hitsOf(doc, Role.OtherSense).filter((h) => !inside(h, anchors));
  const otherProg = hitsOf(doc, Role.OtherProgramme);
  const otherInit = hitsOf(doc, Role.OtherInitiative);
  const off = hitsOf(doc, Role.OffSubject).filter((h) => !inside(h, anchors));
  const values: Record<FeatureName, number> = {
    titleAnchors: Math.log1p(Math.min(titleA, 2)),
    leadAnchors: Math.log1p(Math.min(leadA, 4)),
    bodyAnchors: Math.log1p(Math.min(bodyA, 12)),
    anchorParagraphs: Math.min(1, paras.size / textParas),
    listy: namedAnchors > 0 && listyAnchors.length === namedAnchors && new Set(listyAnchors.map((a) => a.sent)).size <= 2 ? 1 : 0,
    contrast: anchors.length ? contrastAnchors.length / anchors.length : 0,
    otherProgrammes: Math.log1p(otherProg.length),
    otherProgrammeTitle: otherProg.some((h) => h.s < doc.titleEnd) ? 1 : 0,
    otherSense: Math.log1p(otherSense.length),
    otherInitiatives: Math.log1p(otherInit.length),
    offSubject: Math.log1p(off.length),
    actionNearAnchor: anchorSents.size ? actionSents / anchorSents.size : 0,
    flagshipOnly: anchors.length > 0 && namedAnchors === 0 ? 1 : 0,
    // (共建国家 right after the initiative's name is its group's name, as "partner countries" is; a
    // country after a flagship's name is still a partner: 匈塞铁路塞尔维亚段)
    partners: Math.log1p(new Set(hitsOf(doc, Role.Partner).filter((h) => !inside(h, anchors) && !(namePart(doc, anchors, h) && groupPartner(doc, h))).map((h) => h.phrase)).size),
  };
  return { values, anchors, listyAnchors, contrastAnchors, negativeHits: [...otherProg, ...otherSense, ...otherInit] };
}
