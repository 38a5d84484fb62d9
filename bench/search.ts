/**
 * Search latency (corpus/search.ts) on a generated corpus.
 *
 * Creates a fresh database `silkwatch_bench_search` (`…_<rows>` for other sizes; dropped at the
 * end unless --keep), applies the migrations,
 * and generates N documents with one current version each (~6 KB: ten paragraphs drawn from a
 * pool of 2,000 English and Chinese paragraphs whose words/phrases follow a Zipf distribution,
 * so some terms are common and most are rare), one classification per version (1-2 topics),
 * 8 sources in 4 regions — all with INSERT … SELECT over generate_series, so the generated
 * tsvector column and its GIN index are built by PostgreSQL exactly as for crawled rows.
 * Then 22 queries (English words and quoted phrases, Chinese phrases, mixed, with and without filters), each run
 * once to warm up and then 5 times through search() (ranking + snippets, what the CLI runs);
 * p50/p95 are printed beside two baselines in the same run: a primary-key lookup of a version,
 * and `SELECT count(*) … WHERE search @@ query` (the bare GIN index, no ranking).
 *
 *   npx tsx bench/search.ts [--rows 100000] [--million] [--keep] [--reuse]
 *
 * --million runs 1,000,000 rows: opt-in, it needs several GB of disk (about 2.5 KB of table,
 * TOAST and index per KB of text) and tens of minutes.
 */
import pg from 'pg';
import { search, type SearchOptions } from '../corpus/search.js';
import { createDb, dropDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { arg, benchDatabaseUrl, freshBenchDatabase } from './support.js';

const ROWS = process.argv.includes('--million') ? 1_000_000 : arg('rows', 100_000);
// One database per size, so that a 100,000-row run never drops a kept 1,000,000-row corpus.
const NAME = ROWS === 100_000 ? 'silkwatch_bench_search' : `silkwatch_bench_search_${ROWS}`;

// --- the paragraph pool ----------------------------------------------------------------------
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const zipf = <T>(items: T[]) => {
  const weights = items.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rand() * total;
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]) <= 0) return items[i];
    return items[items.length - 1];
  };
};
const EN = (
  'the of and to in for on with by policy trade cooperation development city government belt road initiative port logistics investment ' +
  'enterprises international services measures support market economic digital green finance customs export import platform projects ' +
  'innovation industry technology free zone shanghai zhejiang railway express freight hub energy carbon bank yuan settlement insurance ' +
  'talent exchange culture tourism education university science laboratory health medicine agriculture food security law compliance ' +
  'arbitration dispute court standards certification quality consumer ecommerce crossborder data privacy cloud computing semiconductor ' +
  'manufacturing automobile battery solar wind hydrogen shipping aviation airport container terminal warehouse supply chain resilience ' +
  'silk maritime corridor asean europe africa central asia partnership memorandum agreement summit forum delegation visit minister ' +
  'mayor committee bureau commission council notice opinions plan scheme implementation rules guideline pilot demonstration reform ' +
  'opening facilitation clearance tariff quota license approval registration tax subsidy fund loan bond credit guarantee lease'
)
  .split(' ');
const ZH = (
  '一带一路 高质量发展 对外开放 国际合作 中欧班列 自由贸易试验区 跨境电商 数字经济 绿色发展 金融服务 人民币结算 港口物流 ' +
  '海关通关 营商环境 投资便利化 贸易便利化 产业园区 科技创新 人才交流 文化交流 旅游合作 教育合作 医疗卫生 农业合作 ' +
  '能源合作 基础设施 互联互通 丝路海运 陆海新通道 航空枢纽 供应链 产业链 制造业 新能源汽车 光伏 氢能 碳达峰 碳中和 ' +
  '法律服务 商事仲裁 知识产权 标准互认 检验检疫 市场主体 外资企业 民营企业 国有企业 项目建设 重大项目 签约 合作备忘录 ' +
  '实施方案 指导意见 通知 办法 规定 若干措施 工作要点 行动计划 试点 示范区 改革 创新 开放 合作 发展 建设 推进 加快 ' +
  '提升 完善 加强 支持 鼓励 优化 深化 拓展 服务 保障 机制 平台 体系 能力 水平 质量 效率 安全 风险 防范 监管'
).split(' ');
const pickEn = zipf(EN);
const pickZh = zipf(ZH);
const sentenceEn = () => {
  const n = 12 + Math.floor(rand() * 10);
  const w = Array.from({ length: n }, pickEn);
  return `${w[0][0].toUpperCase()}${w[0].slice(1)} ${w.slice(1).join(' ')}.`;
};
const sentenceZh = () => `${Array.from({ length: 6 + Math.floor(rand() * 8) }, pickZh).join('')}。`;
function paragraph(zh: boolean): string {
  let p = '';
  while (Buffer.byteLength(p) < 600) p += zh ? sentenceZh() : `${sentenceEn()} `;
  return p.trim();
}
const POOL = 2000;
const pool = Array.from({ length: POOL }, (_, i) => ({ id: i, zh: i % 2 === 1, text: paragraph(i % 2 === 1) }));
const titles = Array.from({ length: 400 }, (_, i) => (i % 2 ? Array.from({ length: 4 }, pickZh).join('') : Array.from({ length: 7 }, pickEn).join(' ')));

// --- queries ---------------------------------------------------------------------------------
const QUERIES: { q: string; opts?: SearchOptions }[] = [
  { q: 'railway express' },
  { q: 'hydrogen shipping' },
  { q: 'arbitration dispute court' },
  { q: 'semiconductor' },
  { q: 'lease guarantee' },
  { q: '"free zone"' },
  { q: '"railway express freight"' },
  { q: '"trade cooperation" -"free zone"' },
  { q: 'trade cooperation' },
  { q: 'crossborder ecommerce', opts: { lang: ['en'] } },
  { q: 'solar wind', opts: { since: '2024-01-01', until: '2024-06-30' } },
  { q: 'customs clearance', opts: { topics: ['trade'] } },
  { q: 'port logistics', opts: { regions: ['shanghai'] } },
  { q: '中欧班列' },
  { q: '陆海新通道' },
  { q: '碳中和' },
  { q: '标准互认 检验检疫' },
  { q: '监管' },
  { q: '跨境电商', opts: { lang: ['zh'], regions: ['zhejiang'] } },
  { q: '营商环境', opts: { topics: ['industry-investment'], since: '2024-01-01' } },
  { q: 'railway 中欧班列' },
  { q: 'green 碳达峰', opts: { sources: ['src-1', 'src-2'] } },
];

// --- run -------------------------------------------------------------------------------------
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;


/** Documents, versions and classifications for ids from..to, in one transaction. */
async function loadBatch(client: pg.Client, from: number, to: number) {
  await client.query('BEGIN');
  await client.query(`INSERT INTO "Document" ("id", "canonicalUrl", "sourceId", "clusterId")
    SELECT i, 'https://src-' || (1 + i % 8) || '.example.org/a/' || i || '.html', 'src-' || (1 + i % 8), i FROM generate_series($1::int, $2::int) i`, [from, to]);
  // Odd sources are Chinese: their documents draw mostly Chinese paragraphs.
  await client.query(`INSERT INTO "DocumentVersion" ("id", "documentId", "ordinal", "contentHash", "title", "published", "body", "lang", "rawSha256", "extractorVersion")
    SELECT i, i, 1, md5(i::text), t.text || ' ' || i, DATE '2020-01-01' + (i::bigint * 7919 % 1800)::int, b.body, CASE WHEN i % 2 = 1 THEN 'en' ELSE 'zh' END, md5(i::text), 1
    FROM generate_series($1::int, $2::int) i
    JOIN bench_titles t ON t.id = (i * 31 % 200) * 2 + (1 - i % 2)
    CROSS JOIN LATERAL (
      SELECT string_agg(p.text, E'\\n\\n' ORDER BY k) AS body
      FROM generate_series(1, 10) k
      JOIN bench_pool p ON p.id = ((hashint4(i * 16 + k) & 2147483647) % ${POOL / 2}) * 2 + CASE WHEN (k % 5 = 0) = (i % 2 = 1) THEN 1 ELSE 0 END
    ) b`, [from, to]);
  await client.query(`UPDATE "Document" SET "currentVersionId" = "id" WHERE "id" BETWEEN $1 AND $2`, [from, to]);
  await client.query(`INSERT INTO "Classification" ("versionId", "classifierVersion", "relevant", "score", "topics")
    SELECT i, 'bench', true, 0.7, jsonb_build_array(
      jsonb_build_object('id', (ARRAY['connectivity','trade','digital-economy','finance','green','sci-tech','industry-investment','people-to-people','cooperation-mechanisms','legal-compliance'])[1 + i % 10], 'score', 0.8, 'evidence', '[]'::jsonb),
      jsonb_build_object('id', (ARRAY['trade','green','finance'])[1 + i % 3], 'score', 0.5, 'evidence', '[]'::jsonb))
    FROM generate_series($1::int, $2::int) i`, [from, to]);
  await client.query('COMMIT');
}

async function main() {
  // --keep leaves the generated database in place for a later --reuse (which skips generation
  // when it holds the same number of rows): tuning a query at 1,000,000 rows then costs seconds.
  const reuse = process.argv.includes('--reuse') && (await existingRows(benchDatabaseUrl(NAME))) === ROWS;
  const url = reuse ? benchDatabaseUrl(NAME) : await freshBenchDatabase(NAME);
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const t0 = performance.now();
    let indexSeconds = 0;
    if (!reuse) {
      await applyMigrations({ databaseUrl: url });
      await client.query(`INSERT INTO "Source" ("id", "name", "region", "lang", "baseUrl", "config")
        SELECT 'src-' || i, 'Bench source ' || i, (ARRAY['shanghai','zhejiang','fujian','guangxi'])[1 + i % 4], CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh' END,
          'https://src-' || i || '.example.org/', '{}'::jsonb FROM generate_series(1, 8) i`);
      await client.query('CREATE UNLOGGED TABLE bench_pool (id int PRIMARY KEY, zh boolean, text text)');
      await client.query('INSERT INTO bench_pool SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id int, zh boolean, text text)', [JSON.stringify(pool)]);
      await client.query('CREATE UNLOGGED TABLE bench_titles (id int PRIMARY KEY, text text)');
      await client.query('INSERT INTO bench_titles SELECT ord - 1, t FROM unnest($1::text[]) WITH ORDINALITY u(t, ord)', [titles]);
      // Bulk load as a researcher's restore would: the GIN index is dropped for the load and built
      // once afterwards (the same index; CREATE INDEX is far faster than 1,000,000 incremental
      // inserts into it), and two connections fill disjoint id ranges, one per core — the
      // generated tsvector (regex bigrams over ~6 KB per row) is the CPU cost of the load.
      await client.query('DROP INDEX "DocumentVersion_search_idx"');
      const BATCH = 10_000;
      const batches: [number, number][] = [];
      for (let from = 1; from <= ROWS; from += BATCH) batches.push([from, Math.min(ROWS, from + BATCH - 1)]);
      let done = 0;
      const loader = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          for (let b = batches.shift(); b; b = batches.shift()) {
            await loadBatch(c, b[0], b[1]);
            done += b[1] - b[0] + 1;
            process.stderr.write(`\rgenerated ${done.toLocaleString('en')} / ${ROWS.toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
          }
        } finally {
          await c.end();
        }
      };
      await Promise.all([loader(), loader()]);
      process.stderr.write('\nbuilding the GIN index …');
      const ti = performance.now();
      await client.query(`SET maintenance_work_mem = '1GB'`);
      await client.query('CREATE INDEX "DocumentVersion_search_idx" ON "DocumentVersion" USING GIN ("search")');
      indexSeconds = (performance.now() - ti) / 1000;
      process.stderr.write(` ${indexSeconds.toFixed(0)} s`);
      process.stderr.write('\n');
      await client.query(`SELECT setval(pg_get_serial_sequence('"DocumentVersion"', 'id'), $1)`, [ROWS]);
      await client.query(`SELECT setval(pg_get_serial_sequence('"Document"', 'id'), $1)`, [ROWS]);
      await client.query('DROP TABLE bench_pool, bench_titles');
      await client.query('VACUUM ANALYZE');
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const size = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('"DocumentVersion"')) AS t, pg_size_pretty(pg_relation_size('"DocumentVersion_search_idx"')) AS i,
      pg_size_pretty(pg_database_size(current_database())) AS db, avg(octet_length(body))::int AS avg FROM "DocumentVersion"`)).rows[0];
    await client.end();

    const db = createDb(url, 2);
    try {
      const per: { label: string; search: number[]; count: number[]; hits: number; matches: number }[] = [];
      const pk: number[] = [];
      for (const { q, opts } of QUERIES) {
        const label = `${q}${opts ? ` ${JSON.stringify(opts)}` : ''}`;
        await search(db, q, opts); // warm-up
        const row = { label, search: [] as number[], count: [] as number[], hits: 0, matches: 0 };
        for (let r = 0; r < 5; r++) {
          let t = performance.now();
          row.hits = (await search(db, q, opts)).length;
          row.search.push(performance.now() - t);
          t = performance.now();
          const c = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "DocumentVersion" WHERE "search" @@ websearch_to_tsquery('english', silkwatch_search_text(${q}))`;
          row.count.push(performance.now() - t);
          row.matches = Number(c[0].n);
          const id = 1 + Math.floor(Math.random() * ROWS);
          t = performance.now();
          await db.$queryRaw`SELECT "id", "title", "published" FROM "DocumentVersion" WHERE "id" = ${id}`;
          pk.push(performance.now() - t);
        }
        per.push(row);
      }
      const all = per.flatMap((r) => r.search);
      const counts = per.flatMap((r) => r.count);
      console.log(`search bench: ${ROWS.toLocaleString('en')} current versions, avg body ${size.avg} B; DocumentVersion ${size.t} (GIN index ${size.i}), database ${size.db}; ${reuse ? 'reused from a --keep run' : `generated in ${loadSeconds.toFixed(0)} s (GIN index built in ${indexSeconds.toFixed(0)} s of it)`}`);
      console.log('');
      const w = Math.max(...per.map((r) => r.label.length));
      console.log(`${'query'.padEnd(w)}  ${'matches'.padStart(8)}  ${'hits'.padStart(4)}  ${'search p50'.padStart(10)}  ${'count(*) p50'.padStart(12)}`);
      for (const r of per) console.log(`${r.label.padEnd(w)}  ${String(r.matches).padStart(8)}  ${String(r.hits).padStart(4)}  ${ms(quantile(r.search, 0.5)).padStart(10)}  ${ms(quantile(r.count, 0.5)).padStart(12)}`);
      console.log('');
      console.log(`search() (rank + snippets, top 20), ${all.length} runs:  p50 ${ms(quantile(all, 0.5))}  p95 ${ms(quantile(all, 0.95))}  max ${ms(Math.max(...all))}`);
      console.log(`baseline count(*) over the GIN index:        p50 ${ms(quantile(counts, 0.5))}  p95 ${ms(quantile(counts, 0.95))}`);
      console.log(`baseline primary-key lookup:                 p50 ${ms(quantile(pk, 0.5))}  p95 ${ms(quantile(pk, 0.95))}`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    if (!process.argv.includes('--keep')) await dropDatabase(url);
  }
}

/** The number of versions in an existing bench database, or -1 when there is none. */
async function existingRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return Number((await client.query('SELECT count(*) AS n FROM "DocumentVersion"')).rows[0].n);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => {});
  }
}

await main();
