/**
 * Figures for `silkwatch export` (corpus/export.ts).
 *
 * Generates N document versions in a fresh database `silkwatch_bench_export` with SQL alone
 * (INSERT … SELECT generate_series: N/2 documents of two versions each, ~6 KB texts, a third of
 * them Chinese, every version classified, every fifth linked to two measures, every tenth
 * document syndicated in a cluster of two), then streams the export to /dev/null as JSONL and as
 * CSV: rows/s, MB/s, and the process RSS sampled at 10 %, 50 % and 100 % of the rows (flat as the
 * rows grow = streaming). Baseline in the same run: the same keyset loop reading only
 * `SELECT id, body` and writing the bodies, so the ratio is what the joins, JSON and CSV cost.
 * The database is dropped afterwards.
 *
 *   npx tsx bench/export.ts [--rows 100000] [--batch 1000]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { exportCorpus, type ExportFormat } from '../corpus/export.js';
import { createDb, dropDatabase, type Db } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { arg, benchDatabaseUrl, freshBenchDatabase } from './support.js';


const ROWS = arg('rows', 100_000);
const BATCH = arg('batch', 1000);
const NAME = 'silkwatch_bench_export';
const URL_ = benchDatabaseUrl(NAME);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}


async function generate(rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  const docs = Math.ceil(rows / 2);
  try {
    await client.query(`
      INSERT INTO "Source" ("id", "name", "region", "lang", "baseUrl", "config") VALUES
        ('shanghai-en', 'Shanghai (EN)', 'shanghai', 'en', 'https://english.shanghai.gov.cn', '{}'),
        ('zhejiang-zh', 'Zhejiang (ZH)', 'zhejiang', 'zh', 'https://www.zj.gov.cn', '{}'),
        ('xinhua-en', 'Xinhua (EN)', 'national', 'en', 'https://english.news.cn', '{}')`);
    await client.query(`
      INSERT INTO "Measure" ("id", "title", "text", "policy", "sectionPath", "topics") VALUES
        ('m-fund', 'Special fund', 'Special fund', '{}', '{}', '{finance}'),
        ('m-port', '宁波舟山港建设', '宁波舟山港建设', '{}', '{}', '{connectivity}')`);
    await client.query(
      `INSERT INTO "Document" ("id", "canonicalUrl", "sourceId", "clusterId")
       SELECT g, 'https://example.gov.cn/art/' || g || '.html',
              CASE g % 3 WHEN 0 THEN 'zhejiang-zh' WHEN 1 THEN 'shanghai-en' ELSE 'xinhua-en' END,
              CASE WHEN g % 10 IN (1, 2) THEN g - (g % 10) + 1 END
         FROM generate_series(1, $1::int) g`,
      [docs],
    );
    // ~6 KB per text: English with commas, quotes and newlines, or Chinese (3 bytes a character).
    await client.query(
      `INSERT INTO "DocumentVersion" ("id", "documentId", "ordinal", "contentHash", "title", "published", "body", "lang",
                                      "issuer", "docNumber", "fetchedAt", "rawSha256", "extractorVersion")
       SELECT g, (g + 1) / 2, 2 - g % 2, md5(g::text), 
              CASE WHEN ((g + 1) / 2) % 3 = 0 THEN '浙江省关于推进"一带一路"建设的意见 第' || g || '号' ELSE 'Shanghai sets up "Belt and Road" fund, no. ' || g END,
              DATE '2020-01-01' + (g % 1500),
              CASE WHEN ((g + 1) / 2) % 3 = 0
                   THEN '第' || g || E'条。\n\n' || repeat(E'为深入推进"一带一路"建设，加快宁波舟山港建设，提升国际航运能力，支持企业走出去。\n\n', 34)
                   ELSE 'Version ' || g || E'.\n\n' || repeat(E'Shanghai will set up a special fund of 5 billion yuan, the city said; it "supports" trade.\r\n\r\n', 66)
              END,
              CASE WHEN ((g + 1) / 2) % 3 = 0 THEN 'zh' ELSE 'en' END,
              CASE WHEN g % 4 = 0 THEN NULL ELSE 'Municipal People''s Government' END,
              CASE WHEN g % 4 = 0 THEN NULL ELSE 'Fa, [2024] No. ' || g END,
              TIMESTAMP '2024-01-01' + g * INTERVAL '1 minute', md5('raw' || g) || md5('raw' || g), 3
         FROM generate_series(1, $1::int) g`,
      [rows],
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('"DocumentVersion"', 'id'), $1::int)`, [rows]);
    await client.query(`SELECT setval(pg_get_serial_sequence('"Document"', 'id'), $1::int)`, [docs]);
    await client.query(
      `INSERT INTO "Classification" ("versionId", "classifierVersion", "relevant", "score", "topics")
       SELECT g, 'c2', g % 3 <> 2, (g % 100) / 100.0,
              jsonb_build_array(jsonb_build_object('id', 'finance', 'score', 0.8, 'evidence', jsonb_build_array('special fund of 5 billion yuan, the city said')),
                                jsonb_build_object('id', CASE WHEN g % 2 = 0 THEN 'trade' ELSE 'connectivity' END, 'score', 0.5, 'evidence', jsonb_build_array('it "supports" trade')))
         FROM generate_series(1, $1::int) g`,
      [rows],
    );
    await client.query(
      `INSERT INTO "MeasureLink" ("versionId", "measureId", "relation", "score", "evidence")
       SELECT g, m, 'mentions', 0.6, jsonb_build_array('special fund')
         FROM generate_series(5, $1::int, 5) g CROSS JOIN (VALUES ('m-fund'), ('m-port')) AS ms(m)`,
      [rows],
    );
    // Document k holds versions 2k-1 and 2k (the last one only 2k-1 when N is odd).
    await client.query(`UPDATE "Document" SET "currentVersionId" = LEAST(2 * "id", $1::int)`, [rows]);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  rss: number[]; // at 10 %, 50 %, 100 %
  peak: number;
}

/** /dev/null, counting bytes. */
function sink(): { out: Writable; bytes: () => number } {
  const out = createWriteStream('/dev/null');
  let bytes = 0;
  const write = out.write.bind(out) as (chunk: string) => boolean;
  (out as unknown as { write: (chunk: string) => boolean }).write = (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    return write(chunk);
  };
  return { out, bytes: () => bytes };
}

async function measure(name: string, total: number, body: (out: Writable, progress: (rows: number) => void) => Promise<number>): Promise<Run> {
  global.gc?.();
  const { out, bytes } = sink();
  await once(out, 'open');
  const marks = [0.1, 0.5, 1].map((f) => Math.max(1, Math.round(total * f)));
  const rss: number[] = [];
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const rows = await body(out, (n) => {
    peak = Math.max(peak, process.memoryUsage().rss);
    while (rss.length < marks.length && n >= marks[rss.length]) rss.push(process.memoryUsage().rss);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await new Promise<void>((r) => out.end(() => r()));
  while (rss.length < 3) rss.push(process.memoryUsage().rss);
  return { name, rows, bytes: bytes(), seconds, rss, peak: Math.max(peak, ...rss) };
}

async function baseline(db: Db, out: Writable, progress: (rows: number) => void): Promise<number> {
  let after = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.$queryRaw<{ id: number; body: string }[]>`
      SELECT "id", "body" FROM "DocumentVersion" WHERE "id" > ${after} ORDER BY "id" LIMIT ${BATCH}`;
    if (!batch.length) break;
    let buf = '';
    for (const r of batch) buf += `${r.id}\t${r.body}\n`;
    if (!out.write(buf)) await once(out, 'drain');
    rows += batch.length;
    after = Number(batch[batch.length - 1].id);
    progress(rows);
    if (batch.length < BATCH) break;
  }
  return rows;
}

async function main() {
  console.log(`export bench: ${ROWS.toLocaleString('en-US')} versions, batches of ${BATCH}, Node ${process.version}`);
  await freshBenchDatabase(NAME);
  const db = createDb(URL_, 2);
  try {
    await applyMigrations({ databaseUrl: URL_ });
    let t = performance.now();
    await generate(ROWS);
    const gen = (performance.now() - t) / 1000;
    const [{ size }] = await db.$queryRaw<{ size: string }[]>`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`;
    console.log(`generated in ${gen.toFixed(1)} s (database ${size})\n`);

    // Warm the cache once so the order of the runs does not decide the figures.
    t = performance.now();
    await baseline(db, sink().out, () => {});
    console.log(`warm-up read ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

    const runs: Run[] = [];
    runs.push(await measure('baseline SELECT id, body', ROWS, (out, p) => baseline(db, out, p)));
    for (const format of ['jsonl', 'csv'] as ExportFormat[]) {
      runs.push(await measure(`export --format ${format}`, ROWS, async (out, p) => (await exportCorpus(db, out, { format, batchSize: BATCH, onProgress: p })).rows));
    }
    runs.push(await measure('export jsonl --versions latest', ROWS / 2, async (out, p) => (await exportCorpus(db, out, { format: 'jsonl', versions: 'latest', batchSize: BATCH, onProgress: p })).rows));
    runs.push(await measure('export csv --topics trade --lang zh', ROWS / 6, async (out, p) => (await exportCorpus(db, out, { format: 'csv', topics: ['trade'], lang: ['zh'], batchSize: BATCH, onProgress: p })).rows));

    const base = runs[0].rows / runs[0].seconds;
    console.log(
      table(
        ['run', 'rows', 'seconds', 'rows/s', 'MB/s', 'vs baseline', 'RSS @10%', 'RSS @50%', 'RSS @100%', 'peak RSS'],
        runs.map((r) => [
          r.name,
          r.rows.toLocaleString('en-US'),
          r.seconds.toFixed(2),
          Math.round(r.rows / r.seconds).toLocaleString('en-US'),
          (r.bytes / 1024 / 1024 / r.seconds).toFixed(1),
          `${(r.rows / r.seconds / base).toFixed(2)}x`,
          mb(r.rss[0]),
          mb(r.rss[1]),
          mb(r.rss[2]),
          mb(r.peak),
        ]),
      ),
    );
    console.log(`\noutput sizes: ${runs.map((r) => `${r.name}: ${mb(r.bytes)}`).join('; ')}`);
    console.log(`process max RSS over the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await db.$disconnect();
    await dropDatabase(URL_);
  }
}

await main();
