// The classifier's knowledge inside a long-running worker: seeds plus the crawled catalog
// entries in PostgreSQL, rebuilt only when that catalog changes (building takes ~0.4 s).
import type { Db } from '../db/client.js';
import type { Knowledge } from './knowledge.js';
import { catalogEntryOf, loadSeedKnowledge } from './seed-knowledge.js';

export class KnowledgeCache {
  private knowledge: Knowledge | null = null;
  private signature = '';

  async get(db: Db): Promise<Knowledge> {
    const [state] = await db.$queryRaw<{ n: number; latest: Date | null }[]>`
      SELECT count(*)::int AS n, max("updatedAt") AS latest FROM "Measure" WHERE "origin" = 'crawled'::"MeasureOrigin"`;
    const signature = `${state.n}:${state.latest?.getTime() ?? 0}`;
    if (!this.knowledge || signature !== this.signature) {
      const rows = state.n ? await db.measure.findMany({ where: { origin: 'crawled' }, orderBy: { id: 'asc' } }) : [];
      this.knowledge = loadSeedKnowledge(rows.map(catalogEntryOf));
      this.signature = signature;
    }
    return this.knowledge;
  }
}
