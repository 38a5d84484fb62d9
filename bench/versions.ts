/**
 * Figures for document versions.
 *
 * 1. Storage per version, on the fixture corpus (fixtures/pages/**.html: one version each;
 *    fixtures/versions/<case>/{before,after}.html: one document per case, the second page making a
 *    version only when its content hash differs). What a version costs: the gzipped raw snapshot,
 *    de-duplicated by SHA-256, beside the extracted text (title + body, UTF-8) the version row holds.
 *    Also what a cosmetic re-fetch costs when every fetched snapshot is kept (storeArticles keeps
 *    the raw bytes of every 200 answer, version or not) versus only the snapshots of versions.
 * 2. The re-check cost of an unchanged corpus of 2,000 documents (bench/site.ts pages of 45 KB,
 *    served with ETags): a first fetch of every page (fetchPage + decode + extract + content
 *    hash), then a re-check with conditional GET (If-None-Match → 304), and, for comparison, a
 *    re-check of a server that sends no validators (full GET + extract + hash, found unchanged).
 *    Plus the re-check requests per day of that corpus under the age-based schedule
 *    (changes/recheck.ts) versus today's flat 12 h.
 *
 *   npx tsx bench/versions.ts [--pages 2000] [--concurrency 16]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DEFAULT_RECHECK_POLICY, formatRecheckPolicy, recheckIntervalMs } from '../changes/recheck.js';
import { decodeHtml } from '../crawlers/decode.js';
import { extractArticle, type Extracted } from '../crawlers/extract.js';
import { fetchPage } from '../crawlers/fetch-page.js';
import { HostGuard } from '../crawlers/host-guard.js';
import { contentHash, sha256 } from '../db/articles.js';
import { startBenchSite } from './site.js';
import { arg } from './support.js';


const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 1. Storage per version

interface Fetch {
  doc: string;
  url: string;
  bytes: Buffer;
  contentType: string | null;
}

function corpus(): Fetch[] {
  const fetches: Fetch[] = [];
  const pages = new URL('../fixtures/pages/', import.meta.url);
  const index = JSON.parse(readFileSync(new URL('index.json', pages), 'utf8')) as { pages: { file: string; contentType?: string }[] };
  for (const p of index.pages) {
    const expected = JSON.parse(readFileSync(new URL(p.file.replace(/\.html$/, '.expected.json'), pages), 'utf8')) as { url: string };
    fetches.push({ doc: `pages/${p.file}`, url: expected.url, bytes: readFileSync(new URL(p.file, pages)), contentType: p.contentType ?? null });
  }
  const versions = new URL('../fixtures/versions/', import.meta.url);
  for (const name of readdirSync(versions).sort()) {
    if (name === 'withdrawn' || !existsSync(new URL(`${name}/expected.json`, versions))) continue;
    const { url } = JSON.parse(readFileSync(new URL(`${name}/expected.json`, versions), 'utf8')) as { url: string };
    for (const file of ['before.html', 'after.html']) fetches.push({ doc: `versions/${name}`, url, bytes: readFileSync(new URL(`${name}/${file}`, versions)), contentType: null });
  }
  return fetches;
}

function storage() {
  const fetches = corpus();
  const hashes = new Map<string, Set<string>>(); // doc → content hashes (DocumentVersion natural key)
  const versionSnapshots = new Map<string, number>(); // sha256 → gzip bytes, snapshots of versions
  const allSnapshots = new Map<string, number>(); // sha256 → gzip bytes, every 200 answer
  let versions = 0;
  let textBytes = 0;
  let rawBytes = 0;
  let rawVersionBytes = 0;
  for (const f of fetches) {
    const e = extractArticle(decodeHtml(f.bytes, f.contentType), f.url);
    const hash = contentHash(e);
    const sha = sha256(f.bytes);
    const gz = gzipSync(f.bytes).length;
    rawBytes += f.bytes.length;
    allSnapshots.set(sha, gz);
    const seen = hashes.get(f.doc) ?? new Set<string>();
    hashes.set(f.doc, seen);
    if (seen.has(hash)) continue; // unchanged content: no version
    seen.add(hash);
    versions++;
    textBytes += Buffer.byteLength(`${e.title ?? ''}\n${e.text}`, 'utf8');
    rawVersionBytes += f.bytes.length;
    versionSnapshots.set(sha, gz);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const gzVersions = sum(versionSnapshots);
  const gzAll = sum(allSnapshots);
  return { fetches: fetches.length, documents: hashes.size, versions, textBytes, rawBytes, rawVersionBytes, gzVersions, gzAll, snapshotsAll: allSnapshots.size, snapshotsVersions: versionSnapshots.size };
}

// ---------------------------------------------------------------------------------------------
// 2. Re-check cost

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function recheck(pages: number, concurrency: number) {
  const site = await startBenchSite({ pages });
  const guard = new HostGuard(['127.0.0.1']);
  const opts = { userAgent: 'silkwatch-bench/0 (+https://example.org)', guard, policy: { perHostConcurrency: concurrency, delayMs: 0 } };
  const known = new Map<string, { etag: string | null; hash: string }>();
  const extract = (body: Buffer, type: string | null, url: string): Extracted => extractArticle(decodeHtml(body, type), url);

  type Pass = { name: string; ms: number; requests: number; bytes: number; notModified: number; unchanged: number; cpuMs: number };
  const run = async (name: string, conditional: boolean, first: boolean): Promise<Pass> => {
    const bytes0 = site.served.bytes;
    const cpu0 = process.cpuUsage();
    let notModified = 0;
    let unchanged = 0;
    const t0 = performance.now();
    await pool(site.articleUrls, concurrency, async (url) => {
      const prev = known.get(url);
      const page = await fetchPage(url, { ...opts, etag: conditional ? prev?.etag : null });
      if (page.notModified) {
        notModified++;
        return;
      }
      const hash = contentHash(extract(page.body, page.contentType, url));
      if (!first && prev?.hash === hash) unchanged++;
      known.set(url, { etag: page.etag, hash });
    });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { name, ms, requests: site.articleUrls.length, bytes: site.served.bytes - bytes0, notModified, unchanged, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  try {
    const first = await run('first fetch (GET + extract + hash)', false, true);
    const conditional = await run('re-check, conditional GET (304)', true, false);
    const full = await run('re-check, no validators (GET + extract + hash)', false, false);
    return [first, conditional, full];
  } finally {
    await site.close();
  }
}

/** Re-check requests per day of `pages` documents published `perDay` a day back from 2024-04-08. */
function dailyLoad(pages: number, perDay: number) {
  const now = new Date(Date.UTC(2024, 3, 9));
  const start = Date.UTC(2024, 3, 8);
  let requests = 0;
  const tiers = new Map<number, number>();
  for (let i = 0; i < pages; i++) {
    const published = new Date(start - Math.floor(i / perDay) * 86_400_000);
    const interval = recheckIntervalMs(published, published, now);
    tiers.set(interval, (tiers.get(interval) ?? 0) + 1);
    requests += 86_400_000 / interval;
  }
  const spread = [...tiers].sort((a, b) => a[0] - b[0]).map(([ms, n]) => `${n} every ${ms / 3_600_000} h`).join(', ');
  return { requests, flat: pages * 2, spread };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const pages = arg('pages', 2000);
  const concurrency = arg('concurrency', 16);

  const s = storage();
  process.stdout.write(`Storage per version — fixture corpus (${s.fetches} fetches of ${s.documents} documents → ${s.versions} versions)\n\n`);
  process.stdout.write(
    `${table(
      ['', 'total', 'per version', '× text'],
      [
        ['extracted text (title + body, UTF-8)', kb(s.textBytes), kb(s.textBytes / s.versions), '1.00'],
        ['raw HTML of the versions', kb(s.rawVersionBytes), kb(s.rawVersionBytes / s.versions), (s.rawVersionBytes / s.textBytes).toFixed(2)],
        [`raw snapshots, gzip, de-duplicated (${s.snapshotsVersions})`, kb(s.gzVersions), kb(s.gzVersions / s.versions), (s.gzVersions / s.textBytes).toFixed(2)],
        ['version row text + snapshot', kb(s.gzVersions + s.textBytes), kb((s.gzVersions + s.textBytes) / s.versions), ((s.gzVersions + s.textBytes) / s.textBytes).toFixed(2)],
        [`every 200 answer kept (${s.snapshotsAll} snapshots)`, kb(s.gzAll), kb(s.gzAll / s.versions), (s.gzAll / s.textBytes).toFixed(2)],
      ],
    )}\n`,
  );
  const orphan = s.snapshotsAll - s.snapshotsVersions;
  process.stdout.write(
    `\n${orphan} fetch(es) made no version but brought other bytes (counters, clocks, rotating links): keeping their snapshots costs ` +
      `${kb((s.gzAll - s.gzVersions) / Math.max(1, orphan))} each, for nothing a version refers to.\n\n`,
  );

  process.stdout.write(`Re-check of an unchanged corpus — ${pages} pages of ${kb(45 * 1024)}, ${concurrency} in flight, ETags\n\n`);
  const passes = await recheck(pages, concurrency);
  const base = passes[0];
  process.stdout.write(
    `${table(
      ['pass', 'time', 'pages/s', 'CPU', 'bytes received', '× first', '304', 'unchanged'],
      passes.map((p) => [
        p.name,
        `${(p.ms / 1000).toFixed(2)} s`,
        (p.requests / (p.ms / 1000)).toFixed(0),
        `${(p.cpuMs / 1000).toFixed(2)} s`,
        mb(p.bytes),
        (p.bytes / base.bytes).toFixed(3),
        String(p.notModified),
        String(p.unchanged),
      ]),
    )}\n`,
  );
  process.stdout.write(`\nRe-check requests per day for ${pages} documents (checked on 2024-04-09), flat 12 h (workers/crawl.ts today) vs ${formatRecheckPolicy(DEFAULT_RECHECK_POLICY)}:\n\n`);
  const rows = [
    ['6 a day back from 2024-04-08 (bench site, ~11 months)', dailyLoad(pages, 6)],
    ['2 a day (~2.7 years)', dailyLoad(pages, 2)],
  ] as const;
  process.stdout.write(
    `${table(
      ['corpus', 'flat 12 h', 'age-based', 'tiers'],
      rows.map(([label, l]) => [label, String(l.flat), l.requests.toFixed(0), l.spread]),
    )}\n`,
  );
  const per = passes[1];
  process.stdout.write(`\nA re-check answered 304 costs ${(per.ms / pages).toFixed(2)} ms wall and ${(per.cpuMs / pages).toFixed(2)} ms CPU here (no body), plus one UPDATE of Document.lastCheckedAt in the fetch worker.\n`);
}

await main();
