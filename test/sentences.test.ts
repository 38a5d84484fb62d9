// Evidence sentences (classifier/sentences.ts): whole sentences around a span, verbatim — not cut
// at abbreviations, with their closing quotes, and cut between words when longer than the window.
import { describe, expect, it } from 'vitest';
import { classify } from '../classifier/index.js';
import { sentenceSpan } from '../classifier/sentences.js';
import { loadSeedKnowledge } from '../classifier/seed-knowledge.js';

/** The sentence around the first occurrence of `word` in `text`. */
const around = (text: string, word: string) => {
  const s = text.indexOf(word);
  expect(s, word).toBeGreaterThanOrEqual(0);
  const [a, b] = sentenceSpan(text, s, s + word.length);
  return text.slice(a, b);
};

describe('sentenceSpan', () => {
  it('does not end a sentence at an abbreviation, an initial or a full stop followed by a number or lower case', () => {
    const text =
      'Trade rose 5 percent. Investment totalled 950 billion U.S. dollars in the first nine months, Mr. Li said on Dec. 14 at the forum. The port opened.';
    expect(around(text, 'Investment')).toBe('Investment totalled 950 billion U.S. dollars in the first nine months, Mr. Li said on Dec. 14 at the forum.');
    expect(around(text, 'rose')).toBe('Trade rose 5 percent.');
    expect(around(text, 'port')).toBe('The port opened.');
    expect(around('The plan was drafted by the NDRC on Dec. 14.', 'plan')).toBe('The plan was drafted by the NDRC on Dec. 14.');
  });

  it('keeps the closing quotes and brackets with the sentence they close, and starts the next one after them', () => {
    const zh = '他指出：「中方將與各方深化合作。」2023年，中方再次表示：「將舉辦論壇。」';
    expect(around(zh, '深化合作')).toBe('他指出：「中方將與各方深化合作。」');
    expect(around(zh, '2023年')).toBe('2023年，中方再次表示：「將舉辦論壇。」');
    const en = 'He said, "We will sign the memorandum." The talks ended (as planned.) Officials left.';
    expect(around(en, 'memorandum')).toBe('He said, "We will sign the memorandum."');
    expect(around(en, 'talks')).toBe('The talks ended (as planned.)');
    expect(around(en, 'Officials')).toBe('Officials left.');
  });

  it('cuts a sentence longer than the window after a clause break or a space, never inside a word', () => {
    const clause = 'the freight trains carried electronics, machinery and daily necessities to European cities';
    const long = `Since the route opened ${Array.from({ length: 12 }, () => clause).join(', and ')} every week.`;
    const s = long.indexOf('opened');
    const [a, b] = sentenceSpan(long, s, s + 6);
    expect(b - a).toBeLessThan(long.length);
    expect(long[b - 1]).toMatch(/[a-z,]/);
    expect(long[b]).toMatch(/[ ,]/);
    expect(a).toBe(0);
    // From the far end, the start is cut at a word boundary too.
    const t = long.lastIndexOf('every');
    const [c] = sentenceSpan(long, t, t + 5);
    expect(c).toBeGreaterThan(0);
    expect(long[c - 1]).toMatch(/[ ,]/);
  });
});

describe('evidence', () => {
  it('does not list a headline twice when the text repeats it as its first sentence', () => {
    const k = loadSeedKnowledge();
    const title = '中老铁路开通10个月 跨境货物运输突破150万吨';
    const text = `${title}。\n\n中老铁路是共建“一带一路”的标志性工程。10个月来,中老铁路累计运输跨境货物154万吨,国际货物列车开行突破200列,货物品类从100余种增至1200余种。`;
    const j = classify({ title, text }, k, { threshold: 0.5 });
    expect(j.relevant).toBe(true);
    for (const list of [j.evidence, ...j.topics.map((t) => t.evidence)]) {
      const keys = list.map((e) => e.replace(/[。\s]+$/u, ''));
      expect(new Set(keys).size, list.join(' | ')).toBe(list.length);
    }
    expect([j.evidence, ...j.topics.map((t) => t.evidence)].flat().some((e) => e.startsWith(title))).toBe(true);
  });
});
