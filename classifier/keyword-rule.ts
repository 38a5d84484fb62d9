// The skeleton's relevance rule: a plain, explainable BRI keyword match in English and Chinese.
// Strong anchors name the initiative; "belt" or "road" alone, or the Yangtze River Economic Belt,
// never count. Issue #6 replaces this with the full classifier; the output shape stays.

export const CLASSIFIER_VERSION = 'keyword-rule-1';

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

/** The sentence around a match: verbatim evidence a reader can find in the text. */
function sentenceAround(text: string, index: number): string {
  const boundary = /[.!?。！？\n]/;
  let start = index;
  while (start > 0 && !boundary.test(text[start - 1])) start--;
  let end = index;
  while (end < text.length && !boundary.test(text[end])) end++;
  return text.slice(start, Math.min(end + 1, start + 300)).trim();
}

export function classifyByKeywords(input: ClassifierInput, threshold: number): ClassifierResult {
  let raw = 0;
  const evidence: string[] = [];
  for (const field of [input.title, input.text]) {
    const weight = field === input.title ? 2 : 1;
    for (const anchor of ANCHORS) {
      for (const m of field.matchAll(anchor.re)) {
        raw += anchor.weight * weight;
        if (evidence.length < 3) {
          const sentence = sentenceAround(field, m.index ?? 0);
          if (sentence && !evidence.includes(sentence)) evidence.push(sentence);
        }
      }
    }
  }
  // Saturating score: one anchor in the title, or three in the body, make a confident yes.
  const score = Math.round((1 - Math.exp(-raw / 2)) * 1000) / 1000;
  return { relevant: score >= threshold, score, topics: [], evidence };
}
