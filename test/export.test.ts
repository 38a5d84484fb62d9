// `silkwatch export` and `silkwatch show` on the real CLI against a real PostgreSQL database,
// filled directly through Prisma: an English document with two versions (the second classified
// twice, linked to a measure), its syndicated copy (same clusterId) on another source, a Chinese
// document, an undated one, and one whose raw snapshot was tampered with. Texts carry commas,
// quotes, CR/LF newlines and Chinese. JSONL and CSV of the same export parse back — CSV through a
// real parser (csv-parse) — to the same records, field by field and in the same field order; each
// filter selects the same records in both formats.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Show } from '../cli/show.js';
import { EXPORT_FIELDS, type ExportRecord } from '../corpus/export.js';
import { createDb, type Db } from '../db/client.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Db;
let dir: string;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const URL_A = 'https://english.shanghai.gov.cn/en-Latest-WhatsNew/20240408/fund.html';
const URL_C = 'https://english.news.cn/20240409/shanghai-fund.html';
const URL_B = 'https://www.zj.gov.cn/art/2024/5/10/art_1229019364_2512345.html';
const URL_D = 'https://english.shanghai.gov.cn/en-Latest-WhatsNew/undated.html';
const URL_E = 'https://english.shanghai.gov.cn/en-Latest-WhatsNew/tampered.html';

const TITLE_A = 'Shanghai sets up "Belt and Road" fund, worth 5 billion yuan';
const BODY_A1 = 'Shanghai will set up a special fund of 5 billion yuan, the city said.\n\nIt "supports" trade; applications open on April 15.';
const BODY_A2 = 'Shanghai will set up a special fund of 8 billion yuan, the city said.\r\n\r\nIt "supports" trade, ports and finance; applications open on April 15.';
const TITLE_B = '浙江省关于推进"一带一路"建设，加快开放的意见';
const BODY_B = '为深入推进"一带一路"建设，现提出以下意见：\n\n一、加快宁波舟山港建设，提升国际航运能力。\n\n二、支持企业"走出去"，拓展中欧班列。';
// Not valid UTF-8 on purpose (GBK bytes): --raw must write the bytes, not a decoded string.
const RAW_B = Buffer.concat([Buffer.from('<html><meta charset="gbk"><h1>'), Buffer.from([0xd5, 0xe3, 0xbd, 0xad, 0xca, 0xa1]), Buffer.from('</h1></html>')]);

const ids: Record<string, number> = {};
const key = (r: { documentId: number; version: number }) => `${r.documentId}#${r.version}`;

async function snapshot(bytes: Buffer, opts: { tamper?: boolean } = {}): Promise<string> {
  const hash = sha(bytes);
  const stored = opts.tamper ? Buffer.concat([bytes, Buffer.from('<!-- injected -->')]) : bytes;
  await db.rawSnapshot.create({ data: { sha256: hash, gzip: gzipSync(stored), size: bytes.length, contentType: 'text/html' } });
  return hash;
}

async function version(documentId: number, ordinal: number, data: { title: string; body: string; published: string | null; lang: string; issuer?: string | null; docNumber?: string | null; fetchedAt: string; raw: Buffer; tamper?: boolean }) {
  const rawSha256 = await snapshot(data.raw, { tamper: data.tamper });
  return db.documentVersion.create({
    data: {
      documentId,
      ordinal,
      contentHash: sha(`${data.title}\n${data.body}`),
      title: data.title,
      published: data.published ? new Date(`${data.published}T00:00:00Z`) : null,
      body: data.body,
      lang: data.lang,
      issuer: data.issuer ?? null,
      docNumber: data.docNumber ?? null,
      fetchedAt: new Date(data.fetchedAt),
      rawSha256,
      extractorVersion: 3,
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase('export');
  db = createDb(database.url, 2);
  dir = mkdtempSync(join(tmpdir(), 'sw-export-'));
  const source = (id: string, region: string, lang: string, baseUrl: string) => db.source.create({ data: { id, name: id, region, lang, baseUrl, config: {} } });
  await source('shanghai-en', 'shanghai', 'en', 'https://english.shanghai.gov.cn');
  await source('zhejiang-zh', 'zhejiang', 'zh', 'https://www.zj.gov.cn');
  await source('xinhua-en', 'national', 'en', 'https://english.news.cn');
  const measure = (id: string, title: string) => db.measure.create({ data: { id, title, text: title, policy: { title: 'Policy' }, sectionPath: [], topics: ['finance'] } });
  await measure('sh-fund', 'Special Belt and Road fund');
  await measure('zj-port', '宁波舟山港建设');

  // A: two versions, the second classified twice (c1 then c2) and linked to a measure.
  const a = await db.document.create({ data: { canonicalUrl: URL_A, sourceId: 'shanghai-en' } });
  ids.A = a.id;
  const a1 = await version(a.id, 1, { title: TITLE_A, body: BODY_A1, published: '2024-04-08', lang: 'en', issuer: 'Shanghai Municipal People\'s Government', docNumber: 'Hu Fu Fa, [2024] No. 7', fetchedAt: '2024-04-08T02:00:00Z', raw: Buffer.from(`<h1>${TITLE_A}</h1><p>${BODY_A1}</p>`) });
  const a2 = await version(a.id, 2, { title: TITLE_A, body: BODY_A2, published: '2024-04-08', lang: 'en', issuer: 'Shanghai Municipal People\'s Government', docNumber: 'Hu Fu Fa, [2024] No. 7', fetchedAt: '2024-04-10T02:30:00.123Z', raw: Buffer.from(`<h1>${TITLE_A}</h1><p>${BODY_A2}</p>`) });
  await db.classification.create({ data: { versionId: a1.id, classifierVersion: 'c1', relevant: false, score: 0.31, topics: [{ id: 'finance', score: 0.31, evidence: ['special fund of 5 billion yuan'] }], createdAt: new Date('2024-04-08T02:01:00Z') } });
  await db.classification.create({ data: { versionId: a2.id, classifierVersion: 'c1', relevant: false, score: 0.4, topics: [{ id: 'finance', score: 0.4, evidence: ['special fund'] }], createdAt: new Date('2024-04-10T02:31:00Z') } });
  await db.classification.create({
    data: {
      versionId: a2.id,
      classifierVersion: 'c2',
      relevant: true,
      score: 0.82,
      evidence: ['Shanghai sets up "Belt and Road" fund, worth 5 billion yuan'],
      topics: [
        { id: 'finance', score: 0.8, evidence: ['special fund of 8 billion yuan, the city said', 'It "supports" trade, ports'] },
        { id: 'trade', score: 0.55, evidence: ['trade, ports and finance'] },
      ],
      createdAt: new Date('2024-05-01T00:00:00Z'),
    },
  });
  await db.measureLink.create({ data: { versionId: a2.id, measureId: 'sh-fund', relation: 'announces', score: 0.9, evidence: ['special fund of 8 billion yuan, the city said'] } });
  await db.measureLink.create({ data: { versionId: a2.id, measureId: 'zj-port', relation: 'mentions', score: 0.2, evidence: ['ports'] } });

  // C: a syndicated copy of A on another source, same cluster, never classified.
  const c = await db.document.create({ data: { canonicalUrl: URL_C, sourceId: 'xinhua-en', clusterId: a.id } });
  ids.C = c.id;
  const c1 = await version(c.id, 1, { title: `${TITLE_A} - Xinhua`, body: BODY_A2, published: '2024-04-09', lang: 'en', fetchedAt: '2024-04-10T03:00:00Z', raw: Buffer.from(`<h1>copy</h1><p>${BODY_A2}</p>`) });
  await db.document.update({ where: { id: a.id }, data: { clusterId: a.id, currentVersionId: a2.id } });
  await db.document.update({ where: { id: c.id }, data: { currentVersionId: c1.id } });

  // B: Chinese.
  const b = await db.document.create({ data: { canonicalUrl: URL_B, sourceId: 'zhejiang-zh' } });
  ids.B = b.id;
  const b1 = await version(b.id, 1, { title: TITLE_B, body: BODY_B, published: '2024-05-10', lang: 'zh', issuer: '浙江省人民政府', docNumber: '浙政发〔2024〕12号', fetchedAt: '2024-05-10T08:00:00Z', raw: RAW_B });
  await db.classification.create({ data: { versionId: b1.id, classifierVersion: 'c2', relevant: true, score: 0.91, topics: [{ id: 'connectivity', score: 0.9, evidence: ['加快宁波舟山港建设，提升国际航运能力'] }] } });
  await db.measureLink.create({ data: { versionId: b1.id, measureId: 'zj-port', relation: 'implements', score: 0.7, evidence: ['一、加快宁波舟山港建设'] } });
  await db.document.update({ where: { id: b.id }, data: { currentVersionId: b1.id } });

  // D: no publish date, not relevant, no topics.
  const d = await db.document.create({ data: { canonicalUrl: URL_D, sourceId: 'shanghai-en' } });
  ids.D = d.id;
  const d1 = await version(d.id, 1, { title: 'Weather', body: 'Sunny, 25 °C.', published: null, lang: 'en', fetchedAt: '2024-04-11T00:00:00Z', raw: Buffer.from('<p>Sunny</p>') });
  await db.classification.create({ data: { versionId: d1.id, classifierVersion: 'c2', relevant: false, score: 0.02, topics: [] } });
  await db.document.update({ where: { id: d.id }, data: { currentVersionId: d1.id } });

  // E: its raw snapshot does not hash to the version's rawSha256 any more.
  const e = await db.document.create({ data: { canonicalUrl: URL_E, sourceId: 'shanghai-en' } });
  ids.E = e.id;
  const e1 = await version(e.id, 1, { title: 'Tampered', body: 'Body.', published: '2023-01-01', lang: 'en', fetchedAt: '2023-01-02T00:00:00Z', raw: Buffer.from('<p>original</p>'), tamper: true });
  await db.document.update({ where: { id: e.id }, data: { currentVersionId: e1.id } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const env = () => ({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });

let n = 0;
async function exportFile(format: 'jsonl' | 'csv', args: string[] = []): Promise<Buffer> {
  const file = join(dir, `out-${n++}.${format}`);
  const r = await runCli(['export', '--format', format, '--out', file, ...args], env(), { timeoutMs: 120_000 });
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(file);
}

function parseJsonl(buf: Buffer): ExportRecord[] {
  const text = buf.toString('utf8');
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const rec = JSON.parse(line) as ExportRecord;
      expect(Object.keys(rec)).toEqual([...EXPORT_FIELDS]);
      return rec;
    });
}

const NUMBERS = new Set(['documentId', 'version', 'score']);
const JSONS = new Set(['urls', 'topics', 'measures']);

function parseCsv(buf: Buffer, opts: { bom?: boolean } = {}): ExportRecord[] {
  const rows = parse(buf, { bom: opts.bom ?? false, relaxQuotes: false, relaxColumnCount: false }) as string[][];
  expect(rows[0]).toEqual([...EXPORT_FIELDS]);
  return rows.slice(1).map((cells) => {
    const rec: Record<string, unknown> = {};
    EXPORT_FIELDS.forEach((f, i) => {
      const cell = cells[i];
      if (cell === '') rec[f] = null;
      else if (NUMBERS.has(f)) rec[f] = Number(cell);
      else if (f === 'relevant') rec[f] = cell === 'true';
      else if (JSONS.has(f)) rec[f] = JSON.parse(cell);
      else rec[f] = cell;
    });
    expect(Object.keys(rec)).toEqual([...EXPORT_FIELDS]);
    return rec as unknown as ExportRecord;
  });
}

async function both(args: string[] = []): Promise<ExportRecord[]> {
  const [jsonl, csv] = await Promise.all([exportFile('jsonl', args), exportFile('csv', args)]);
  const a = parseJsonl(jsonl);
  const b = parseCsv(csv);
  expect(b).toEqual(a); // field by field, record by record
  return a;
}

describe('silkwatch export', () => {
  let all: ExportRecord[];
  beforeAll(async () => {
    all = await both();
  });

  it('JSONL and CSV parse back to the same records, with commas, quotes, CR/LF and Chinese intact', () => {
    expect(all.map(key)).toEqual([`${ids.A}#1`, `${ids.A}#2`, `${ids.C}#1`, `${ids.B}#1`, `${ids.D}#1`, `${ids.E}#1`]);
    const a2 = all[1];
    expect(a2).toMatchObject({
      url: URL_A,
      urls: [URL_A, URL_C],
      source: 'shanghai-en',
      region: 'shanghai',
      issuer: "Shanghai Municipal People's Government",
      docNumber: 'Hu Fu Fa, [2024] No. 7',
      lang: 'en',
      title: TITLE_A,
      published: '2024-04-08',
      version: 2,
      fetchedAt: '2024-04-10T02:30:00.123Z',
      relevant: true,
      score: 0.82,
      classifierVersion: 'c2', // the latest classification of that version
      text: BODY_A2,
    });
    expect(a2.topics?.map((t) => t.id)).toEqual(['finance', 'trade']);
    expect(a2.topics?.[0].evidence).toEqual(['special fund of 8 billion yuan, the city said', 'It "supports" trade, ports']);
    expect(a2.measures).toEqual([
      { id: 'sh-fund', relation: 'announces', score: 0.9, evidence: ['special fund of 8 billion yuan, the city said'] },
      { id: 'zj-port', relation: 'mentions', score: 0.2, evidence: ['ports'] },
    ]);
    expect(a2.text).toContain('\r\n\r\n');
    expect(all[2]).toMatchObject({ url: URL_C, urls: [URL_A, URL_C], source: 'xinhua-en', region: 'national', relevant: null, score: null, topics: null, classifierVersion: null, issuer: null, measures: [] });
    expect(all[3]).toMatchObject({ title: TITLE_B, text: BODY_B, issuer: '浙江省人民政府', docNumber: '浙政发〔2024〕12号', lang: 'zh', urls: [URL_B], relevant: true });
    expect(all[3].measures[0].evidence).toEqual(['一、加快宁波舟山港建设']);
    expect(all[4]).toMatchObject({ published: null, relevant: false, topics: [] });
  });

  it('writes RFC 4180 CSV: CRLF row ends, quoted fields with doubled quotes', async () => {
    const csv = (await exportFile('csv')).toString('utf8');
    expect(csv.startsWith(`${EXPORT_FIELDS.join(',')}\r\n`)).toBe(true);
    expect(csv).toContain(`"${TITLE_A.replace(/"/g, '""')}"`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('--bom starts the CSV with a UTF-8 byte-order mark and changes nothing else', async () => {
    const [plain, bom] = await Promise.all([exportFile('csv'), exportFile('csv', ['--bom'])]);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).equals(plain)).toBe(true);
    expect(parseCsv(bom, { bom: true })).toEqual(all);
  });

  it('on a pipe, stdout carries nothing but the data, the same bytes as --out', async () => {
    const [piped, file] = await Promise.all([runCli(['export', '--format', 'jsonl'], env()), exportFile('jsonl')]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(file.toString('utf8'));
  });

  // 28 CLI runs in sequence: each boots a process, so give a loaded machine time.
  it('each filter selects the same records in both formats', { timeout: 300_000 }, async () => {
    const k = (doc: string, v = 1) => `${ids[doc]}#${v}`;
    const cases: [string[], string[]][] = [
      [['--since', '2024-04-09'], [k('C'), k('B')]],
      [['--until', '2024-04-08'], [k('A'), k('A', 2), k('E')]],
      [['--since', '2024-04-08', '--until', '2024-04-09'], [k('A'), k('A', 2), k('C')]],
      [['--topics', 'trade'], [k('A', 2)]],
      [['--topics', 'connectivity,trade'], [k('A', 2), k('B')]],
      [['--topics', 'finance'], [k('A'), k('A', 2)]],
      [['--sources', 'zhejiang-zh,xinhua-en'], [k('C'), k('B')]],
      [['--regions', 'shanghai'], [k('A'), k('A', 2), k('D'), k('E')]],
      [['--lang', 'zh'], [k('B')]],
      [['--relevant-only'], [k('A', 2), k('B')]],
      [['--versions', 'latest'], [k('A', 2), k('C'), k('B'), k('D'), k('E')]],
      [['--versions', 'all'], all.map(key)],
      [['--regions', 'shanghai', '--relevant-only', '--versions', 'latest'], [k('A', 2)]],
      [['--lang', 'en', '--topics', 'connectivity'], []],
    ];
    for (const [args, expected] of cases) expect((await both(args)).map(key), args.join(' ')).toEqual(expected);
  });

  it('exits 2 on bad usage', async () => {
    const bad = [
      ['export', '--format', 'xml'],
      ['export'],
      ['export', '--format', 'csv', '--topics', 'weather'],
      ['export', '--format', 'csv', '--since', '2024-13-01'],
      ['export', '--format', 'csv', '--versions', 'some'],
    ];
    const results = await Promise.all(bad.map((args) => runCli(args, env(), { timeoutMs: 120_000 })));
    for (const r of results) expect(r.code).toBe(2);
  });

  it('leaves no file behind when the export fails', async () => {
    const file = join(dir, 'never.jsonl');
    const r = await runCli(['export', '--format', 'jsonl', '--out', file], { ...env(), DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x' });
    expect(r.code).toBe(3);
    expect(existsSync(file)).toBe(false);
  });
});

describe('silkwatch show', () => {
  it('prints the document, its versions, the classification and measure links with evidence', async () => {
    const r = await runCli(['show', String(ids.A)], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Document ${ids.A}  ${URL_A}`);
    expect(r.stdout).toContain(URL_C); // the syndicated copy
    expect(r.stdout).toMatch(/^ {2}#1 {2}fetched 2024-04-08 02:00 UTC/m);
    expect(r.stdout).toMatch(/^\* #2 {2}fetched 2024-04-10 02:30 UTC/m);
    expect(r.stdout).toContain('Version #2 (current)');
    expect(r.stdout).toContain('classification (c2, 2024-05-01 00:00 UTC): relevant, score 0.820 (1 earlier)\n    why: "Shanghai sets up \\"Belt and Road\\" fund, worth 5 billion yuan"\n    topic finance');
    expect(r.stdout).toContain('topic finance 0.800: "special fund of 8 billion yuan, the city said" · "It \\"supports\\" trade, ports"');
    expect(r.stdout).toContain('sh-fund (announces, 0.900) Special Belt and Road fund: "special fund of 8 billion yuan, the city said"');
  });

  it('--json and --version N; a URL names the document too', async () => {
    const r = await runCli(['show', URL_A, '--version', '1', '--json'], env());
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Show;
    expect(s.document).toMatchObject({ id: ids.A, url: URL_A, urls: [URL_A, URL_C], source: 'shanghai-en', region: 'shanghai', currentVersion: 2 });
    expect(s.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(s.version).toMatchObject({ version: 1, classification: { classifierVersion: 'c1', relevant: false, score: 0.31, evidence: [] }, measures: [] });
    expect(s.version?.classification?.topics).toEqual([{ id: 'finance', score: 0.31, evidence: ['special fund of 5 billion yuan'] }]);
  });

  it('--raw writes the exact bytes fetched, verified against rawSha256', async () => {
    const file = join(dir, 'b.html');
    const r = await runCli(['show', String(ids.B), '--raw', file], env());
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);
    expect(sha(bytes)).toBe(sha(RAW_B));
    expect(bytes.equals(RAW_B)).toBe(true);
    const v1 = join(dir, 'a1.html');
    expect((await runCli(['show', String(ids.A), '--version', '1', '--raw', v1], env())).code).toBe(0);
    expect(readFileSync(v1, 'utf8')).toBe(`<h1>${TITLE_A}</h1><p>${BODY_A1}</p>`);
  });

  it('refuses a tampered snapshot and writes nothing', async () => {
    const file = join(dir, 'e.html');
    const r = await runCli(['show', String(ids.E), '--raw', file], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/raw snapshot [0-9a-f]{64} is corrupt/);
    expect(existsSync(file)).toBe(false);
  });

  it('exits 2 on an unknown document or version', async () => {
    const [doc, url, ver, bad] = await Promise.all([
      runCli(['show', '999999'], env()),
      runCli(['show', 'https://example.org/nothing.html'], env()),
      runCli(['show', String(ids.A), '--version', '9'], env()),
      runCli(['show', String(ids.A), '--version', 'zero'], env()),
    ]);
    expect(doc.code).toBe(2);
    expect(doc.stderr).toContain('unknown document');
    expect(url.code).toBe(2);
    expect(ver.code).toBe(2);
    expect(ver.stderr).toContain('has no version 9 (versions 1, 2)');
    expect(bad.code).toBe(2);
  });
});
