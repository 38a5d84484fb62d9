// Builds the classifier's knowledge from the seed files (seeds/topics.yaml, seeds/measures.yaml
// and the seed documents' bodies per seeds/documents/index.json), plus any crawled catalog
// entries the caller has (Measure rows with origin `crawled`, mapped by catalogEntryOf). The only
// module of the classifier that reads files; classify() itself stays pure.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readMeasuresFile, readTopicsFile } from '../seeds/load.js';
import type { MeasuresFile } from '../seeds/schema.js';
import { buildKnowledge, type CatalogMeasure, type Knowledge } from './knowledge.js';
import { readBowModel, type BowModel } from './bow.js';

const seedPath = (name: string) => new URL(`../seeds/${name}`, import.meta.url);

export interface SeedDocument {
  id: string;
  file: string;
  url: string | null;
  title: string;
  /** The article body: the index's body lines, joined by newlines. */
  text: string;
  published: string | null;
  lang: 'en' | 'zh';
}

interface IndexEntry {
  file: string;
  title: string;
  url: string | null;
  published: string | null;
  lang: 'en' | 'zh';
  body: { startLine: number; endLine: number };
}

/** The five seed articles as an extractor would give them: title and body text. */
export function seedDocuments(): SeedDocument[] {
  const index = JSON.parse(readFileSync(seedPath('documents/index.json'), 'utf8')) as { documents: IndexEntry[] };
  return index.documents.map((d) => {
    const lines = readFileSync(seedPath(`documents/${d.file}`), 'utf8').split('\n');
    const text = lines.slice(d.body.startLine - 1, d.body.endLine).join('\n').trim();
    return { id: d.file.replace(/\.txt$/, ''), file: d.file, url: d.url, title: d.title, text, published: d.published, lang: d.lang };
  });
}

/** The seed catalog as classifier entries (origin seed, with the seed article's provenance). */
export function seedCatalog(file: MeasuresFile = readMeasuresFile()): CatalogMeasure[] {
  const docs = new Map(file.documents.map((d) => [d.id, d]));
  return file.measures.map((m) => {
    const doc = docs.get(m.document);
    return {
      id: m.id,
      title: m.title,
      text: m.text,
      policy: { ...m.policy },
      topics: [...m.topics],
      aliases: { en: [...m.aliases.en], zh: [...m.aliases.zh] },
      parent: m.parent ?? null,
      origin: 'seed',
      seedDocument: m.document,
      seedUrl: doc?.url ?? null,
      seedTitle: doc?.title ?? null,
    };
  });
}

let bowModel: BowModel | undefined;
export const BOW_MODEL_FILE = new URL('./bow-model.json', import.meta.url);
/** The topic resemblance model (classifier/bow-model.json, written by fit-topics.ts), read once. */
export function loadBowModel(): BowModel {
  if (bowModel) return bowModel;
  const path = fileURLToPath(BOW_MODEL_FILE);
  let text: string;
  try {
    text = readFileSync(BOW_MODEL_FILE, 'utf8');
  } catch (err) {
    throw new Error(`the topic resemblance model ${path} cannot be read (${(err as Error).message}); it is part of the repository, or refit it: npx tsx classifier/fit-topics.ts --write`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${(err as Error).message}); refit it: npx tsx classifier/fit-topics.ts --write`);
  }
  return (bowModel = readBowModel(json, path));
}

/** Knowledge from the seed files, plus crawled catalog entries when given, and the topic
 *  resemblance model (null only for fitting it: the topic model's weights expect its scores). */
export function loadSeedKnowledge(crawled: CatalogMeasure[] = [], bow: BowModel | null = loadBowModel()): Knowledge {
  const docs = seedDocuments().map((d) => ({ id: d.id, url: d.url, title: d.title, text: d.text, published: d.published }));
  return buildKnowledge(readTopicsFile(), [...seedCatalog(), ...crawled], docs, bow);
}

/** The columns of a Measure row the classifier needs (db/generated Measure has them all). */
export interface MeasureRow {
  id: string;
  title: string;
  text: string;
  policy: unknown;
  topics: string[];
  aliases: unknown;
  parentId: string | null;
  seedDocument: string | null;
}

/**
 * A Measure row (origin `crawled`) as a catalog entry: policy JSON { title, issuer, region, date,
 * url, docNumber?, seedUrl?, seedTitle? }, aliases JSON { en, zh }. The entry's source document
 * is policy.seedUrl, else policy.url: a later version of that URL announces the entry.
 */
export function catalogEntryOf(row: MeasureRow): CatalogMeasure {
  const policy = (row.policy ?? {}) as Record<string, unknown>;
  const aliases = (row.aliases && !Array.isArray(row.aliases) ? row.aliases : {}) as { en?: unknown; zh?: unknown };
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    policy: {
      title: str(policy.title) ?? row.title,
      issuer: str(policy.issuer),
      region: str(policy.region) ?? 'china',
      date: str(policy.date),
      url: str(policy.url),
      docNumber: str(policy.docNumber),
    },
    topics: row.topics,
    aliases: { en: strings(aliases.en), zh: strings(aliases.zh) },
    parent: row.parentId,
    origin: 'crawled',
    seedDocument: row.seedDocument,
    seedUrl: str(policy.seedUrl) ?? str(policy.url),
    seedTitle: str(policy.seedTitle),
  };
}
