// Traditional → simplified folding (classifier/fold.ts): OpenCC's character table and the project's
// own, one UTF-16 unit in and one out, and simplified text left as it is.
import { describe, expect, it } from 'vitest';
import { FOLDED_CHARACTERS, foldText, toSimplified } from '../classifier/fold.js';
import { readLabelled } from './eval/labelled.js';

/** The hanzi of GB 2312, the simplified character set (rows 0xB0–0xF7 of the GBK decoder). */
function gb2312(): string[] {
  const dec = new TextDecoder('gbk');
  const out: string[] = [];
  for (let a = 0xb0; a <= 0xf7; a++) for (let b = 0xa1; b <= 0xfe; b++) {
    const c = dec.decode(new Uint8Array([a, b]));
    if (c.length === 1 && c !== '\ufffd') out.push(c);
  }
  return out;
}

describe('toSimplified', () => {
  it('folds the traditional characters Taiwan and Hong Kong write beyond the common ones (a spot-check: 律師, 基礎建設)', () => {
    expect(FOLDED_CHARACTERS).toBeGreaterThan(2900);
    expect(toSimplified('律師協會與共建國家律師開展法律合作')).toBe('律师协会与共建国家律师开展法律合作');
    expect(toSimplified('臺灣的基礎建設與水壩')).toBe('台湾的基础建设与水坝');
    // The same length, position for position: evidence offsets stay offsets in the original.
    const text = '「一帶一路」十周年高峰會在北京舉行,各國律師出席。';
    expect(foldText(text)).toHaveLength(text.length);
  });

  it('leaves simplified text as it is: no character of GB 2312 folds, but five the first table always did', () => {
    const moved = gb2312().filter((c) => toSimplified(c) !== c);
    expect(moved.sort()).toEqual(['夥', '後', '徵', '於', '箝'].sort());
    // 乾坤 and 摺扇 are simplified words too.
    expect(toSimplified('乾坤 摺扇')).toBe('乾坤 摺扇');
  });

  it('leaves every simplified article of the labelled set as it is', () => {
    const simplified = readLabelled().filter((a) => a.lang === 'zh' && !/^\[traditional\]/.test(a.note ?? ''));
    expect(simplified.length).toBeGreaterThan(200);
    const changed = simplified.filter((a) => toSimplified(a.text) !== a.text).map((a) => `${a.id}: ${[...a.text].filter((c) => toSimplified(c) !== c).join('')}`);
    expect(changed).toEqual([]);
  });
});
