// The phrase compiler (learnUnits) and the article cutter (cut) are two loops over the same
// character kinds: a phrase matches only if both give it the same unit ids.
import { describe, expect, it } from 'vitest';
import { cut, learnUnits, newVocabulary, PhraseSet } from '../classifier/matcher.js';
import { loadSeedKnowledge } from '../classifier/seed-knowledge.js';

const ids = (text: string, vocab: ReturnType<typeof newVocabulary>) => {
  const u = cut(text, vocab);
  return Array.from(u.id.subarray(0, u.n));
};

describe('learnUnits and cut', () => {
  it('give every phrase of the seed knowledge the same unit ids', () => {
    const k = loadSeedKnowledge();
    const texts = k.phrases.texts;
    expect(texts.length).toBeGreaterThan(1000);
    const differ = texts.filter((t) => learnUnits(t, k.vocab).join(',') !== ids(t, k.vocab).join(','));
    expect(differ).toEqual([]);
  });

  it('fold case, full-width letters, diacritics and traditional characters the same way', () => {
    const vocab = newVocabulary();
    const text = 'ＢeLT-and-ROAD “Initiatives”, São Tomé 一帶一路 No.3';
    const learnt = learnUnits(text, vocab);
    expect(learnt).toEqual(ids(text, vocab));
    expect(learnt).toHaveLength(12);
    expect(learnt.every((id) => id >= 0)).toBe(true);
    // "initiatives" and "initiative" share a stem id; an unseen word stays unknown to cut().
    expect(ids('initiative', vocab)).toEqual([learnt[3]]);
    expect(ids('unseen', vocab)).toEqual([-1]);
  });

  it('match a compiled phrase in a text across joining gaps only', () => {
    const vocab = newVocabulary();
    const set = new PhraseSet<string>(vocab);
    set.add('Belt and Road', 'anchor');
    set.add('一带一路', 'anchor-zh');
    const found = (text: string) => set.scan(cut(text, vocab)).length / 3;
    expect(found('the “Belt-and-Road” plan and 共建“一帶一路”')).toBe(2);
    expect(found('a belt, and road works')).toBe(0);
  });
});
