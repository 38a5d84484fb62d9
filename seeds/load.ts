// Loads the seed knowledge (topics and the measure catalog) into PostgreSQL, idempotently: rows
// equal to the files are left alone, changed rows are updated one by one, and nothing stored is
// deleted (a measure dropped from the file is reported as stale and kept, since links may
// point to it). Crawled measures (origin `crawled`) are never touched.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { measuresFileSchema, topicsFileSchema, type MeasuresFile, type TopicsFile } from './schema.js';

const seedPath = (name: string) => new URL(`./${name}`, import.meta.url);

export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

function readYaml<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(seedPath(name), 'utf8'));
  } catch (err) {
    throw new SeedFileError(`seeds/${name}: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SeedFileError(`seeds/${name} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data;
}

export function readTopicsFile(): TopicsFile {
  const file = readYaml('topics.yaml', topicsFileSchema);
  const ids = new Set(file.topics.map((t) => t.id));
  if (ids.size !== file.topics.length) throw new SeedFileError('seeds/topics.yaml: a topic id appears twice');
  return file;
}

/** The catalog, checked: unique ids, existing references, every text verbatim in its seed document. */
export function readMeasuresFile(): MeasuresFile {
  const file = readYaml('measures.yaml', measuresFileSchema);
  const texts = new Map(file.documents.map((d) => [d.id, readFileSync(seedPath(d.file), 'utf8')]));
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const m of file.measures) {
    if (ids.has(m.id)) problems.push(`${m.id}: duplicate id`);
    ids.add(m.id);
    const text = texts.get(m.document);
    if (text === undefined) problems.push(`${m.id}: unknown document "${m.document}"`);
    else if (!text.includes(m.text)) problems.push(`${m.id}: text not found verbatim in ${m.document}`);
  }
  for (const m of file.measures) if (m.parent && !ids.has(m.parent)) problems.push(`${m.id}: unknown parent "${m.parent}"`);
  if (problems.length) throw new SeedFileError(`seeds/measures.yaml:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return file;
}

export interface LoadCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  stale?: number;
}

export interface SeedReport {
  topics: LoadCounts;
  measures: LoadCounts;
  version: { topics: number; measures: number };
}

/** Loads the seed files (or the given, already validated contents — tests edit a copy). */
export async function loadSeeds(db: Db, files: { topics?: TopicsFile; measures?: MeasuresFile } = {}): Promise<SeedReport> {
  const topicsFile = files.topics ?? readTopicsFile();
  const measuresFile = files.measures ?? readMeasuresFile();

  const topics: LoadCounts = { total: topicsFile.topics.length, created: 0, updated: 0, unchanged: 0 };
  const existingTopics = new Map((await db.topic.findMany()).map((t) => [t.id, t]));
  for (const t of topicsFile.topics) {
    const row = { nameEn: t.nameEn, nameZh: t.nameZh, scope: t.scope, terms: t.terms, negative: [...topicsFile.negativeCues, ...t.negative] };
    const current = existingTopics.get(t.id);
    if (!current) {
      await db.topic.create({ data: { id: t.id, ...row } });
      topics.created++;
    } else if (!isDeepStrictEqual({ nameEn: current.nameEn, nameZh: current.nameZh, scope: current.scope, terms: current.terms, negative: current.negative }, row)) {
      await db.topic.update({ where: { id: t.id }, data: row });
      topics.updated++;
    } else topics.unchanged++;
  }

  const measures: LoadCounts = { total: measuresFile.measures.length, created: 0, updated: 0, unchanged: 0, stale: 0 };
  const documents = new Map(measuresFile.documents.map((d) => [d.id, d]));
  const existing = new Map((await db.measure.findMany({ where: { origin: 'seed' } })).map((m) => [m.id, m]));
  for (const m of measuresFile.measures) {
    const doc = documents.get(m.document)!;
    const row = {
      title: m.title,
      text: m.text,
      policy: { ...m.policy, seedUrl: doc.url, seedTitle: doc.title },
      sectionPath: m.sectionPath,
      topics: m.topics,
      aliases: m.aliases,
      declaredCount: m.declaredCount,
      parentId: m.parent,
      seedDocument: m.document,
    };
    const current = existing.get(m.id);
    existing.delete(m.id);
    if (!current) {
      await db.measure.create({ data: { id: m.id, origin: 'seed', ...row } });
      measures.created++;
      continue;
    }
    const stored = {
      title: current.title,
      text: current.text,
      policy: current.policy,
      sectionPath: current.sectionPath,
      topics: current.topics,
      aliases: current.aliases,
      declaredCount: current.declaredCount,
      parentId: current.parentId,
      seedDocument: current.seedDocument,
    };
    // JSON round-trip: the stored JSON has no undefined keys, the file's may.
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(stored)), JSON.parse(JSON.stringify(row)))) measures.unchanged++;
    else {
      await db.measure.update({ where: { id: m.id }, data: row });
      measures.updated++;
    }
  }
  measures.stale = existing.size;
  return { topics, measures, version: { topics: topicsFile.version, measures: measuresFile.version } };
}

export function describeCounts(label: string, c: LoadCounts): string {
  const stale = c.stale ? `, ${c.stale} stale kept` : '';
  return `${label}: ${c.total} (${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged${stale})`;
}
