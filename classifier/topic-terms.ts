// Topic matching against the BRI taxonomy in seeds/topics.yaml: weighted English and Chinese terms,
// global and per-topic negative cues. Pure and fast: compile once, then match any number of texts.
//
// Matching rules
// - English terms: case-insensitive, whole words (no Latin letter or digit on either side); a space
//   or hyphen in a term matches any run of spaces/hyphens/dashes ("people to people" = "people-to-people");
//   ' matches ’; a trailing -y also matches -ies, any other trailing letter an optional -s/-es.
// - Chinese terms: plain substrings (simplified and traditional forms are listed separately).
// - Within a topic the longest term wins at a position and matches do not overlap, so
//   "cross-border e-commerce" is not also counted as "e-commerce".
// - A term occurrence overlapping a negative cue (global, or the topic's own) is dropped, unless the
//   term strictly contains the cue: "Yangtze River Economic Belt" hides "Economic Belt", "green
//   belt" hides "green", but "Silk Road Economic Belt" is not hidden by the cue "belt".
// - score = 1 - exp(-sum / 1.5) over the weights of all kept occurrences.
import type { TopicId, TopicsFile } from '../seeds/schema.js';
import { sentenceSpan } from './sentences.js';

export interface TopicMatch {
  id: TopicId;
  score: number;
  /** Verbatim sentences (spans of the input) around the strongest matches, at most 3. */
  evidence: string[];
  /** Distinct matched terms, as written in the topics file. */
  terms: string[];
}

interface CompiledTerm {
  text: string;
  weight: number;
}

interface CompiledTopic {
  id: TopicId;
  terms: CompiledTerm[];
  /** One alternation, one capture group per term (group i + 1 = terms[i]), longest first. */
  re: RegExp;
  negative: RegExp | null;
}

export interface CompiledTopics {
  topics: CompiledTopic[];
  negative: RegExp | null;
}

const SATURATION = 1.5;
const LATIN = 'A-Za-z0-9\\u00C0-\\u024F';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regex source of one term (no groups of its own). */
export function termPattern(text: string, lang: 'en' | 'zh'): string {
  const t = text.trim();
  if (lang === 'zh') return escapeRe(t);
  let body = t
    .split(/[\s\-‐‑–]+/)
    .map((part) => escapeRe(part).replace(/['’]/g, "['’]"))
    .join('[\\s\\u00A0\\-‐‑–]+');
  if (/[^aeiou]y$/i.test(t)) body = `${body.slice(0, -1)}(?:y|ies)`;
  else if (/[A-Za-z]$/.test(t)) body = `${body}(?:e?s)?`;
  return `(?<![${LATIN}])${body}(?![${LATIN}])`;
}

function alternation(items: { text: string; lang: 'en' | 'zh' }[], capture: boolean): RegExp | null {
  if (items.length === 0) return null;
  const parts = items.map((i) => (capture ? `(${termPattern(i.text, i.lang)})` : termPattern(i.text, i.lang)));
  return new RegExp(parts.join('|'), 'gi');
}

const byLengthDesc = <T extends { text: string }>(a: T, b: T) => b.text.length - a.text.length;

export function compileTopics(file: TopicsFile): CompiledTopics {
  return {
    negative: alternation([...file.negativeCues].sort(byLengthDesc), false),
    topics: file.topics.map((topic) => {
      const terms = [...topic.terms].sort(byLengthDesc);
      return {
        id: topic.id,
        terms: terms.map((t) => ({ text: t.text, weight: t.weight })),
        re: alternation(terms, true)!,
        negative: alternation([...topic.negative].sort(byLengthDesc), false),
      };
    }),
  };
}

type Span = [start: number, end: number];

function spans(re: RegExp | null, text: string): Span[] {
  if (!re) return [];
  const out: Span[] = [];
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Whether the occurrence [s, e) is hidden by a cue: overlaps it without strictly containing it. */
function hidden(s: number, e: number, cues: Span[]): boolean {
  for (const [cs, ce] of cues) {
    if (cs >= e || ce <= s) continue;
    if (s <= cs && e >= ce && e - s > ce - cs) continue;
    return true;
  }
  return false;
}

export function matchTopics(compiled: CompiledTopics, text: string): TopicMatch[] {
  const global = spans(compiled.negative, text);
  const results: (TopicMatch & { sum: number })[] = [];
  for (const topic of compiled.topics) {
    const cues = topic.negative ? global.concat(spans(topic.negative, text)) : global;
    const hits: { s: number; e: number; weight: number }[] = [];
    const terms = new Set<string>();
    let sum = 0;
    for (const m of text.matchAll(topic.re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (hidden(s, e, cues)) continue;
      let g = 1;
      while (m[g] === undefined) g++;
      const term = topic.terms[g - 1];
      sum += term.weight;
      terms.add(term.text);
      hits.push({ s, e, weight: term.weight });
    }
    if (sum <= 0) continue;
    const taken: Span[] = [];
    for (const h of hits.sort((a, b) => b.weight - a.weight || a.s - b.s)) {
      const [start, end] = sentenceSpan(text, h.s, h.e);
      if (end > start && !taken.some(([ts, te]) => ts < end && te > start)) taken.push([start, end]);
      if (taken.length === 3) break;
    }
    const evidence = taken.map(([start, end]) => text.slice(start, end));
    results.push({ id: topic.id, score: 1 - Math.exp(-sum / SATURATION), evidence, terms: [...terms], sum });
  }
  results.sort((a, b) => b.sum - a.sum);
  return results.map(({ sum: _sum, ...match }) => match);
}
