// Looking a document up the way commands name it: a numeric id or a URL (canonicalised).
import { UsageError } from '../config/errors.js';
import { canonicalUrl } from '../crawlers/canonical.js';
import type { Db } from './client.js';

export async function findDocumentByRef(db: Db, ref: string) {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) {
    const id = Number(trimmed);
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
    return db.document.findUnique({ where: { id } });
  }
  let url: string;
  try {
    url = canonicalUrl(trimmed);
  } catch {
    throw new UsageError(`expected a document id or an absolute URL, got "${ref}"`);
  }
  return (await db.document.findUnique({ where: { canonicalUrl: url } })) ?? (await db.document.findUnique({ where: { canonicalUrl: trimmed } }));
}
