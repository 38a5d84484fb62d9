// Reading the measure catalog back out (`silkwatch measures`), with the shared filter flags.
import type { Db } from '../db/client.js';

export interface MeasureFilters {
  topics?: string[];
  regions?: string[];
  since?: string;
  until?: string;
}

export interface CatalogEntry {
  id: string;
  title: string;
  text: string;
  origin: 'seed' | 'crawled';
  policy: { title: string; issuer: string | null; region: string; date: string | null; url: string | null };
  sectionPath: string[];
  topics: string[];
  aliases: { en: string[]; zh: string[] };
  parent: string | null;
  declaredCount: number | null;
  children: number;
  supersedes: string | null;
  provenance: { seedDocument: string | null; seedTitle: string | null; seedUrl: string | null; sourceVersionId: number | null };
}

export async function listMeasures(db: Db, f: MeasureFilters): Promise<CatalogEntry[]> {
  const rows = await db.measure.findMany({ where: f.topics ? { topics: { hasSome: f.topics } } : {}, orderBy: [{ origin: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  const children = new Map<string, number>();
  for (const r of await db.measure.findMany({ select: { parentId: true } })) if (r.parentId) children.set(r.parentId, (children.get(r.parentId) ?? 0) + 1);
  return rows
    .map((m) => {
      const policy = m.policy as CatalogEntry['policy'] & { seedUrl?: string | null; seedTitle?: string | null };
      const { seedUrl = null, seedTitle = null, ...parentPolicy } = policy;
      return {
        id: m.id,
        title: m.title,
        text: m.text,
        origin: m.origin,
        policy: parentPolicy,
        sectionPath: m.sectionPath,
        topics: m.topics,
        aliases: m.aliases as CatalogEntry['aliases'],
        parent: m.parentId,
        declaredCount: m.declaredCount,
        children: children.get(m.id) ?? 0,
        supersedes: m.supersedesId,
        provenance: { seedDocument: m.seedDocument, seedTitle, seedUrl, sourceVersionId: m.sourceVersionId },
      };
    })
    .filter((m) => !f.regions || f.regions.includes(m.policy.region))
    .filter((m) => !f.since || (m.policy.date !== null && m.policy.date.padEnd(10, '-99') >= f.since))
    .filter((m) => !f.until || (m.policy.date !== null && m.policy.date <= f.until));
}

export function formatMeasures(measures: CatalogEntry[]): string {
  const lines = measures.map((m) => {
    const depth = m.sectionPath.length > 1 ? '  '.repeat(Math.min(m.sectionPath.length - 1, 3)) : '';
    const count = m.declaredCount ? ` [${m.children}/${m.declaredCount} listed]` : '';
    return `${depth}${m.id}  ${m.title}${count}  (${m.topics.join(', ')}; ${m.policy.region}${m.policy.date ? `, ${m.policy.date}` : ''})`;
  });
  return `${lines.join('\n')}\n${measures.length} measure(s)\n`;
}
