// The skeleton's relevance rule: a plain, explainable BRI keyword match in English and Chinese.
// Strong anchors name the initiative; "belt" or "road" alone, or the Yangtze River Economic Belt,
// never count. Topics come from the seed taxonomy's weighted terms (classifier/topic-terms.ts).
// Issue #6 replaces the relevance rule with the full classifier; the output shape stays.
import { matchTopics, sentenceAround, type CompiledTopics } from './topic-terms.js';

export const CLASSIFIER_VERSION = 'keyword-rule-2';
/** A topic is listed from this score up (one clear term, or several weak ones). */
export const TOPIC_THRESHOLD = 0.3;

export interface ClassifierInput {
  title: string;
  text: string;
}

export interface ClassifierResult {
  relevant: boolean;
  score: number;
  topics: { id: string; score: number; evidence: string[] }[];
  evidence: string[];
}

const ANCHORS: { re: RegExp; weight: number }[] = [
  { re: /belt\s+and\s+road/gi, weight: 1 },
  { re: /\bBRI\b/g, weight: 0.6 },
  { re: /一带一路|一帶一路/g, weight: 1 },
  { re: /silk\s+road\s+(?:e-commerce|economic\s+belt|fund)|21st[- ]century\s+maritime\s+silk\s+road/gi, weight: 0.8 },
  { re: /丝路电商|絲路電商|丝绸之路经济带|海上丝绸之路|丝路基金/g, weight: 0.8 },
  { re: /china-europe\s+(?:freight\s+)?(?:railway\s+express|freight\s+trains?)|中欧班列/gi, weight: 0.5 },
];

export function classifyByKeywords(input: ClassifierInput, threshold: number, topics?: CompiledTopics): ClassifierResult {
  let raw = 0;
  const evidence: string[] = [];
  for (const field of [input.title, input.text]) {
    const weight = field === input.title ? 2 : 1;
    for (const anchor of ANCHORS) {
      for (const m of field.matchAll(anchor.re)) {
        raw += anchor.weight * weight;
        if (evidence.length < 3) {
          const sentence = sentenceAround(field, m.index, m.index + m[0].length).trim();
          if (sentence && !evidence.includes(sentence)) evidence.push(sentence);
        }
      }
    }
  }
  // Saturating score: one anchor in the title, or three in the body, make a confident yes.
  const score = Math.round((1 - Math.exp(-raw / 2)) * 1000) / 1000;
  const relevant = score >= threshold;
  // Topics are only judged for relevant documents: a topic of a non-BRI article means nothing here.
  const matched = relevant && topics ? matchTopics(topics, `${input.title}\n${input.text}`) : [];
  return {
    relevant,
    score,
    topics: matched.filter((t) => t.score >= TOPIC_THRESHOLD).map((t) => ({ id: t.id, score: Math.round(t.score * 1000) / 1000, evidence: t.evidence.map((e) => e.trim()) })),
    evidence,
  };
}
