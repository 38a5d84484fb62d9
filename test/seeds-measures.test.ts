// The catalog of existing measures (`seeds/measures.yaml`): valid against the schema, internally
// consistent, every text verbatim from its seed document, and complete: wherever a seed lists
// items, the catalog has exactly that many (counted here from the seed text, not from the catalog).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { measuresFileSchema, type MeasuresFile, type SeedMeasure } from '../seeds/schema.js';

const SEEDS = new URL('../seeds/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, SEEDS), 'utf8');

const parsed = measuresFileSchema.safeParse(parse(read('measures.yaml')));
const catalog: MeasuresFile = parsed.success ? parsed.data : { version: 0, documents: [], measures: [] };
const measures = catalog.measures;
const byId = new Map(measures.map((m) => [m.id, m]));

interface IndexDocument {
  file: string;
  title: string;
  url: string;
  published: string;
  body: { startLine: number; endLine: number };
}
const index = JSON.parse(read('documents/index.json')) as { documents: IndexDocument[] };

/** Raw seed text by document id (the file exactly as stored: no normalisation). */
const seedText = new Map(catalog.documents.map((d) => [d.id, read(d.file)]));
/** The article body lines (1-based inclusive range from index.json) by document id. */
const bodyLines = new Map(
  catalog.documents.map((d) => {
    const entry = index.documents.find((e) => `documents/${e.file}` === d.file);
    const lines = seedText.get(d.id)!.split('\n');
    return [d.id, entry ? lines.slice(entry.body.startLine - 1, entry.body.endLine) : []];
  }),
);

const children = (id: string): SeedMeasure[] => measures.filter((m) => m.parent === id);
const leaves = (id: string): SeedMeasure[] => children(id).flatMap((c) => (children(c.id).length ? leaves(c.id) : [c]));
const get = (id: string): SeedMeasure => {
  const m = byId.get(id);
  if (!m) throw new Error(`no catalog entry ${id}`);
  return m;
};
/** Splits "…: a, b, c, and d." into its listed phrases. */
const listedPhrases = (list: string): string[] =>
  list
    .replace(/\.$/, '')
    .split(', ')
    .map((s) => s.replace(/^and /, ''));

describe('seeds/measures.yaml', () => {
  it('parses against measuresFileSchema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(catalog.version).toBe(1);
    expect(measures.length).toBeGreaterThan(0);
  });

  it('lists each seed document once, as index.json describes it', () => {
    const ids = catalog.documents.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(index.documents.map((e) => e.file.replace(/\.txt$/, '')).sort());
    for (const d of catalog.documents) {
      const entry = index.documents.find((e) => `documents/${e.file}` === d.file);
      expect(entry, d.file).toBeDefined();
      expect(d.file).toBe(`documents/${d.id}.txt`);
      expect(d.title).toBe(entry!.title);
      expect(d.url).toBe(entry!.url);
      expect(d.published).toBe(entry!.published);
    }
  });

  it('has unique ids, each prefixed by its document id, and resolvable references', () => {
    const ids = measures.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const seen = new Set<string>();
    for (const m of measures) {
      expect(seedText.has(m.document), `${m.id}: document ${m.document}`).toBe(true);
      expect(m.id.startsWith(m.document), m.id).toBe(true);
      if (m.parent !== null) {
        // Parents come first, so the hierarchy has no cycles; a parent is in the same document.
        expect(seen.has(m.parent), `${m.id}: parent ${m.parent} missing or listed after it`).toBe(true);
        expect(get(m.parent).document, m.id).toBe(m.document);
      }
      seen.add(m.id);
    }
  });

  it('quotes every text verbatim from the article body of its seed document', () => {
    for (const m of measures) {
      expect(seedText.get(m.document)!.includes(m.text), `${m.id}: text not found verbatim`).toBe(true);
      expect(bodyLines.get(m.document)!.join('\n').includes(m.text), `${m.id}: text outside the article body`).toBe(true);
      expect(m.text, m.id).toBe(m.text.trim());
    }
  });

  it('gives every entry a title, 1-3 topics, a section path from its document title, and short aliases', () => {
    for (const m of measures) {
      const doc = catalog.documents.find((d) => d.id === m.document)!;
      expect(m.sectionPath[0], m.id).toBe(doc.title);
      expect(m.topics.length, m.id).toBeLessThanOrEqual(3);
      expect(new Set(m.topics).size, m.id).toBe(m.topics.length);
      expect(m.aliases.en.length + m.aliases.zh.length, `${m.id}: no aliases`).toBeGreaterThan(0);
      for (const alias of [...m.aliases.en, ...m.aliases.zh]) {
        expect(alias, m.id).toBe(alias.trim());
        expect(alias.length, `${m.id}: alias "${alias}"`).toBeGreaterThan(1);
        expect(alias.length, `${m.id}: alias "${alias}" is not a short name`).toBeLessThanOrEqual(160);
      }
      for (const alias of m.aliases.zh) expect(alias, m.id).toMatch(/[\u4e00-\u9fff]/);
      for (const alias of m.aliases.en) expect(alias, m.id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives every entry with listed children a declaredCount equal to what it lists', () => {
    for (const m of measures) {
      const kids = children(m.id);
      if (kids.length === 0) continue;
      expect(m.declaredCount, `${m.id} has ${kids.length} children but no declaredCount`).not.toBeNull();
      // Either its direct items, or (for a plan listed through groupings) the items under them.
      expect([kids.length, leaves(m.id).length], m.id).toContain(m.declaredCount);
    }
  });
});

describe('2024 Shanghai priorities', () => {
  const D = 'sh-2024-priorities';
  // From the seed: numbered area headings and the "(a)", "(b)" … items under each.
  const seedAreas: { n: number; heading: string; letters: { letter: string; line: string }[] }[] = [];
  for (const line of bodyLines.get(D)!) {
    const area = /^(\d+)\. /.exec(line);
    const item = /^\(([a-z])\)[ \u00A0]/.exec(line);
    if (area) seedAreas.push({ n: Number(area[1]), heading: line, letters: [] });
    else if (item) seedAreas.at(-1)!.letters.push({ letter: item[1], line });
  }

  it('has the nine areas the seed lists', () => {
    expect(seedAreas.map((a) => a.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(get(D).parent).toBeNull();
    expect(get(D).declaredCount).toBe(9);
    expect(children(D).map((m) => m.id)).toEqual(seedAreas.map((a) => `${D}-${a.n}`));
    for (const a of seedAreas) expect(a.heading.includes(get(`${D}-${a.n}`).text), `area ${a.n}`).toBe(true);
  });

  it('has exactly the lettered items of each area, each quoting its own item', () => {
    expect(seedAreas.map((a) => a.letters.length)).toEqual([2, 4, 3, 3, 5, 3, 4, 2, 0]);
    for (const a of seedAreas) {
      const areaId = `${D}-${a.n}`;
      const lettered = children(areaId).filter((m) => new RegExp(`^${areaId}[a-z]$`).test(m.id));
      expect(lettered.map((m) => m.id), areaId).toEqual(a.letters.map((l) => `${areaId}${l.letter}`));
      lettered.forEach((m, i) => expect(a.letters[i].line.includes(m.text), m.id).toBe(true));
      if (a.letters.length > 0) expect(get(areaId).declaredCount, areaId).toBe(a.letters.length);
    }
  });

  it('covers every paragraph of the priorities (headings, lettered and unlettered items)', () => {
    const texts = measures.filter((m) => m.document === D).map((m) => m.text);
    const paragraphs = bodyLines.get(D)!.filter((line) => line.trim() !== '');
    for (const p of paragraphs) expect(texts.some((t) => p.includes(t)), p).toBe(true);
  });
});

describe('2017 Shanghai bridgehead press conference', () => {
  const D = 'sh-2017-bridgehead';
  const body = bodyLines.get(D)!;

  it('keeps the action plan (60 measures) and its six special actions as stated counts without children', () => {
    const plan = get(`${D}-action-plan`);
    expect(plan.declaredCount).toBe(60);
    expect(plan.text).toContain('60 concrete measures');
    expect(children(plan.id)).toEqual([]);
    const actions = get(`${D}-special-actions`);
    expect(actions.declaredCount).toBe(6);
    expect(children(actions.id)).toEqual([]);
  });

  it('has the finance measures: three groups of three', () => {
    // From the seed: the group lines ("First is …") and the numbered lines under each.
    const groups: string[][] = [];
    for (const line of body) {
      if (/^(First|Second|Third) is to /.test(line)) groups.push([]);
      else if (groups.length > 0 && /^\d\.\s?\S/.test(line)) groups.at(-1)!.push(line);
      else if (line.startsWith('Fu Guoqing:')) break;
    }
    expect(groups.map((g) => g.length)).toEqual([3, 3, 3]);
    const finance = get(`${D}-finance`);
    expect(finance.declaredCount).toBe(3);
    expect(children(finance.id).map((m) => m.id)).toEqual([1, 2, 3].map((g) => `${D}-finance-${g}`));
    groups.forEach((lines, g) => {
      const group = get(`${D}-finance-${g + 1}`);
      expect(group.declaredCount).toBe(3);
      const items = children(group.id);
      expect(items.map((m) => m.id)).toEqual([1, 2, 3].map((i) => `${group.id}-${i}`));
      items.forEach((m, i) => expect(lines[i].includes(m.text), m.id).toBe(true));
    });
  });

  it('has the six science-and-technology aspects, one per listed phrase', () => {
    const sentence = body.find((line) => line.startsWith('The action plan will be implemented in the following six aspects: '))!;
    // No serial comma: the last comma-separated part joins two actions ("promoting … and deepening …").
    const parts = listedPhrases(sentence.slice(sentence.indexOf(': ') + 2));
    const phrases = [...parts.slice(0, -1), ...parts.at(-1)!.split(/ and (?=[a-z]+ing )/)];
    expect(phrases).toHaveLength(6);
    const parent = get(`${D}-sci-tech`);
    expect(parent.declaredCount).toBe(6);
    expect(children(parent.id).map((m) => m.text)).toEqual(phrases);
  });

  it('has the eight trade and investment promotion platforms, one per paragraph', () => {
    const paragraphs = body.filter((line) => /^(The (first|second|third|fourth|sixth|seventh|eighth)\b|Fifthly,)/.test(line));
    expect(paragraphs).toHaveLength(8);
    const parent = get(`${D}-platforms`);
    expect(parent.declaredCount).toBe(8);
    const platforms = children(parent.id);
    expect(platforms).toHaveLength(8);
    platforms.forEach((m, i) => {
      expect(m.text).toMatch(/platform/);
      expect(paragraphs[i].startsWith(m.text), m.id).toBe(true);
    });
  });
});

describe('Zhejiang facilitates the BRI', () => {
  const D = 'zj-2020-facilitates-bri';

  it('has the six areas, one per "To …" paragraph', () => {
    const paragraphs = bodyLines.get(D)!.filter((line) => /^To [a-z]+ .* along the BRI, the government /.test(line));
    expect(paragraphs).toHaveLength(6);
    const goal = get(D);
    expect(goal.declaredCount).toBe(6);
    const areas = children(D);
    expect(areas).toHaveLength(6);
    areas.forEach((m, i) => expect(paragraphs[i].includes(m.text) && m.text.startsWith('To '), m.id).toBe(true));
    for (const m of [goal, ...areas]) expect(m.policy.issuer).toBe('Zhejiang Provincial Development and Reform Commission');
  });
});

describe('Silk Road e-commerce cooperation pilot zone', () => {
  const D = 'sh-2023-silk-road-ecommerce';
  const body = bodyLines.get(D)!;

  it('has the plan’s 19 tasks as 7 + 6 + 6 under its three aspects, each quoting its listed phrase', () => {
    const lists = body
      .filter((line) => /^(First|Second|Third), /.test(line))
      .map((line) => listedPhrases(line.slice(line.indexOf(': ') + 2)));
    expect(lists.map((l) => l.length)).toEqual([7, 6, 6]);
    const plan = get(D);
    expect(plan.declaredCount).toBe(19);
    expect(plan.policy.date).toBe('2023-10-17');
    const aspects = children(D);
    expect(aspects.map((m) => m.id)).toEqual([1, 2, 3].map((n) => `${D}-${n}`));
    expect(aspects.map((m) => m.declaredCount)).toEqual([7, 6, 6]);
    aspects.forEach((aspect, a) => expect(children(aspect.id).map((m) => m.text)).toEqual(lists[a]));
    expect(leaves(D)).toHaveLength(19);
  });

  it('has the Pudong action plan and the Hongqiao three-year plan (15 tasks stated, none listed)', () => {
    const pudong = get(`${D}-pudong`);
    expect(pudong.text).toContain('Pudong New Area');
    expect(pudong.policy).toMatchObject({ issuer: 'Pudong New Area', date: '2023-12-14' });
    expect(children(pudong.id)).toEqual([]);
    const hongqiao = get(`${D}-hongqiao`);
    expect(hongqiao.text).toContain('Three-Year Action Plan');
    expect(hongqiao.text).toContain('15 specific tasks');
    expect(hongqiao.declaredCount).toBe(15);
    expect(hongqiao.policy.issuer).toBe('Hongqiao International Central Business District');
    expect(children(hongqiao.id)).toEqual([]);
  });
});

describe('Economic Daily: 2022 green-development and 2024 digital-trade opinions', () => {
  const D = 'ce-2025-belt-and-road-high-quality';

  it('has both opinions as entries', () => {
    const own = measures.filter((m) => m.document === D);
    const green = own.find((m) => m.text.includes('Opinions on Promoting Green Development in the Joint Construction'));
    const digital = own.find((m) => m.text.includes('Opinions on the Reform, Innovation and Development of Digital Trade'));
    expect(green?.policy).toMatchObject({ date: '2022', region: 'china' });
    expect(digital?.policy).toMatchObject({ date: '2024', region: 'china' });
    expect(green?.topics).toContain('green');
    expect(digital?.topics).toContain('digital-economy');
  });
});
