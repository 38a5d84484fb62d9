// The topic resemblance model (classifier/bow.ts, bow-fit.ts): the bag of words it reads, its file,
// its fitting, and its place in the topic model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bagKeys, keyOfName, namedKeys, readBowModel, resemblance, tfidf, type BowModelFile } from '../classifier/bow.js';
import { fitBow, fitSparseLogistic } from '../classifier/bow-fit.js';
import { cut, newVocabulary } from '../classifier/matcher.js';
import { fitLogistic } from '../classifier/logistic.js';
import { loadBowModel, loadSeedKnowledge } from '../classifier/seed-knowledge.js';
import { topicFeatures } from '../classifier/classify.js';
import { classify } from '../classifier/index.js';

const bag = (text: string) => bagKeys(cut(text, newVocabulary()));
const names = (text: string) => namedKeys(cut(text, newVocabulary()), text).map((k) => k.name);

describe('the bag of words', () => {
  it('holds each word and each two joined Chinese characters, but not a Chinese character alone', () => {
    expect(names('Belt and Road')).toEqual(['belt', 'and', 'road']);
    expect(names('一带一路')).toEqual(['一带', '带一', '一路']);
    // Punctuation and line breaks part neighbours; a space does not.
    expect(names('合作，文件')).toEqual(['合作', '文件']);
    expect(names('合作 文件')).toEqual(['合作', '作文', '文件']);
    expect(names('合作\n文件')).toEqual(['合作', '文件']);
    expect(names('low-carbon')).toEqual(['low', 'carbon']);
    // A word and a Chinese character next to each other make no pair.
    expect(names('BRI合作')).toEqual(['bri', '合作']);
  });

  it('reads a text as folded: capitals, full-width forms and traditional characters as their usual forms', () => {
    expect([...bag('BELT AND ROAD')]).toEqual([...bag('belt and road')]);
    expect([...bag('ＢＲＩ')]).toEqual([...bag('bri')]);
    expect([...bag('一帶一路 合作機制')]).toEqual([...bag('一带一路 合作机制')]);
    expect([...bag('trade')]).not.toEqual([...bag('trades')]);
  });

  it('gives each form written in the model file back its key', () => {
    for (const text of ['Belt and Road', '共建一带一路合作文件', 'Silk Road e-commerce', '一帶一路']) {
      const u = cut(text, newVocabulary());
      for (const { key, name } of namedKeys(u, text)) expect(keyOfName(name), name).toBe(key);
    }
    // "&" is the word "and", as cut() reads it; a form that is not one key has none.
    expect(keyOfName('&')).toBe(bag('and')[0]);
    expect(keyOfName('AND')).toBe(bag('and')[0]);
    for (const notOne of ['belt road', '一带一', '一', 'bri合作', '', 'e-commerce']) expect(keyOfName(notOne), notOne).toBe(-1);
  });
});

describe('the model file', () => {
  const tiny: BowModelFile = {
    comment: 'test',
    topics: ['a', 'b'],
    bias: [-1, 0.5],
    features: [
      ['forum', 1.5, 2, -1],
      ['signed', 2, 1, 0],
      ['合作', 1, 0, 3],
    ],
  };

  it('scores a bag as bias + the weights over its L2-normalised sublinear TF-IDF vector', () => {
    const m = readBowModel(tiny);
    // forum ×2 → (1 + ln 2)·1.5, 合作 ×1 → 1; "the" is no feature.
    const f = (1 + Math.log(2)) * 1.5;
    const norm = Math.hypot(f, 1);
    const s = resemblance(m, bag('the forum, the forum 合作'));
    expect(s[0]).toBeCloseTo(-1 + (2 * f) / norm, 5);
    expect(s[1]).toBeCloseTo(0.5 + (-1 * f + 3) / norm, 5);
    // A bag without any feature scores the biases.
    expect([...resemblance(m, bag('nothing here'))]).toEqual([-1, 0.5]);
  });

  it('refuses a malformed file, saying where', () => {
    expect(() => readBowModel({ ...tiny, features: [...tiny.features, ['FORUM', 1, 0, 0]] })).toThrow(/"FORUM" \(row 3\) has the key of an earlier row/);
    expect(() => readBowModel({ ...tiny, features: [...tiny.features, ['belt road', 1, 0, 0]] })).toThrow(/"belt road" \(row 3\) is not one word/);
    expect(() => readBowModel({ ...tiny, features: [['forum', 1.5, 2]] })).toThrow(/feature row 0 must be \[form, idf \(1 or more\), 2 weights/);
    expect(() => readBowModel({ ...tiny, features: [['forum', 1.5, 2, Number.NaN]] })).toThrow(/feature row 0/);
    expect(() => readBowModel({ ...tiny, bias: [-1] })).toThrow(/"bias" must be 2 numbers/);
    expect(() => readBowModel({ ...tiny, features: 'x' })).toThrow(/"features" must be a non-empty list/);
    expect(() => readBowModel({ ...tiny, features: [] })).toThrow(/"features" must be a non-empty list/);
    expect(() => readBowModel({ ...tiny, features: [['forum', 0, 2, -1]] })).toThrow(/feature row 0 must be \[form, idf \(1 or more\)/);
    expect(() => readBowModel({ ...tiny, features: [['forum', 1.5, 1e308, -1]] })).toThrow(/feature row 0/);
    expect(() => readBowModel({ ...tiny, bias: [-1, 1e300] })).toThrow(/"bias" must be 2 numbers/);
    expect(() => readBowModel({}, 'the file')).toThrow(/^the file: "topics" must be a list.*fit-topics\.ts --write/);
    expect(() => readBowModel(null)).toThrow(/"topics"/);
  });

  it('must have the taxonomy\'s topics, in order', () => {
    const m = loadBowModel();
    const swapped = readBowModel({ comment: '', topics: [...m.topics].reverse(), bias: [...m.bias], features: [['forum', 1, ...m.topics.map(() => 0)]] });
    expect(() => loadSeedKnowledge([], swapped)).toThrow(/are not the taxonomy's/);
  });

  it('is the committed classifier/bow-model.json: ten topics, every row as long as the topics', () => {
    const file = JSON.parse(readFileSync(new URL('../classifier/bow-model.json', import.meta.url), 'utf8')) as BowModelFile;
    const k = loadSeedKnowledge();
    expect(file.topics).toEqual(k.topicIds);
    expect(file.features.length).toBeGreaterThan(500);
    for (const row of file.features) expect(row.length).toBe(2 + file.topics.length);
    expect(loadBowModel().names.length).toBe(file.features.length);
  });
});

describe('fitting', () => {
  it('finds the same logistic regression as the dense Newton fitter (logistic.ts)', () => {
    // 60 rows over 4 sparse features with a known pattern and noise, fitted both ways.
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const X = Array.from({ length: 60 }, () => {
      const rows = [0, 1, 2, 3].filter(() => rnd() < 0.5);
      return { rows: Int32Array.from(rows), values: Float64Array.from(rows.map(() => 0.2 + rnd())) };
    });
    const y = X.map((x) => (x.rows.includes(0) !== rnd() < 0.15 ? 1 : 0));
    const sparse = fitSparseLogistic(X, y, 4, 0.5);
    const dense = fitLogistic(
      X.map((x, i) => ({ x: [0, 1, 2, 3].map((f) => { const j = x.rows.indexOf(f); return j >= 0 ? x.values[j] : 0; }), y: y[i] })),
      { l2: [0.5, 0.5, 0.5, 0.5], signs: [0, 0, 0, 0] },
    );
    for (let i = 0; i < 5; i++) expect(sparse[i]).toBeCloseTo(dense[i], 4);
    expect(sparse[1]).toBeGreaterThan(1); // feature 0 carries the label
  });

  it('learns which words go with a topic, and keeps only keys in enough documents', () => {
    const docs = [
      ...Array.from({ length: 6 }, (_, i) => ({ keys: bag(`forum memorandum signed ${i} port`), topics: ['a'] })),
      ...Array.from({ length: 6 }, (_, i) => ({ keys: bag(`railway port freight ${i + 10}`), topics: ['b'] })),
    ];
    const m = fitBow(docs, ['a', 'b'], null, 8, 2);
    // The numbers are each in one document: not features.
    expect(m.index.get(keyOfName('3'))).toBe(-1);
    expect(m.index.get(keyOfName('forum'))).toBeGreaterThanOrEqual(0);
    const s = resemblance(m, bag('a memorandum was signed at the forum'));
    expect(s[0]).toBeGreaterThan(0);
    expect(s[1]).toBeLessThan(0);
    const t = resemblance(m, bag('freight by railway'));
    expect(t[1]).toBeGreaterThan(t[0]);
  });
});

describe('in the topic model', () => {
  const k = loadSeedKnowledge();
  const text =
    'The two countries signed a memorandum of understanding on Belt and Road cooperation at the forum, and agreed to align their development strategies. ' +
    'The China-Europe freight train service between Yiwu and Madrid carried 2,000 containers.';

  it('gives each candidate topic the resemblance score of its topic', () => {
    const scores = resemblance(k.bow!, bagKeys(cut(`Belt and Road\n\n${text}`, k.vocab)));
    const cands = topicFeatures({ title: 'Belt and Road', text }, k);
    expect(cands.length).toBeGreaterThan(0);
    for (const c of cands) expect(c.x.resembles).toBeCloseTo(scores[k.bow!.topics.indexOf(c.id)], 9);
  });

  it('finds every feature of the committed model by its key, past the filter', () => {
    const m = k.bow!;
    m.names.forEach((name, row) => {
      const { rows, values } = tfidf(m, Int32Array.of(keyOfName(name)));
      expect([...rows], name).toEqual([row]);
      expect(values[0]).toBe(1);
    });
  });

  it('is part of the judgement: without the model the same text can list other topic scores', () => {
    const without = loadSeedKnowledge([], null);
    const a = classify({ title: 'Belt and Road', text }, k, { threshold: 0.5 });
    const b = classify({ title: 'Belt and Road', text }, without, { threshold: 0.5 });
    expect(a.relevant).toBe(b.relevant);
    expect(a.score).toBe(b.score);
    expect(a.topics.map((t) => t.score)).not.toEqual(b.topics.map((t) => t.score));
  });
});
