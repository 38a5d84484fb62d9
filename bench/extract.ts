/**
 * Extraction alone: pages/s of decodeHtml + extractArticle over the saved fixture pages
 * (fixtures/pages/, repeated to at least 2,000 pages), beside a baseline measured in the same run on
 * the same bytes: cheerio.load + $('body').text(). Each side runs in its own child process so that
 * its peak RSS is its own.
 *
 *   npx tsx bench/extract.ts [--pages 2000] [--rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { decodeHtml } from '../crawlers/decode.js';
import { extractArticle } from '../crawlers/extract.js';

interface Entry {
  file: string;
  contentType?: string;
}

interface Sample {
  bytes: Buffer;
  contentType: string | null;
  url: string;
}

interface PhaseResult {
  phase: Phase;
  pages: number;
  ms: number;
  pagesPerSec: number;
  maxRssMB: number;
  checksum: number;
}

type Phase = 'baseline' | 'extract' | 'decode';

const DIR = new URL('../fixtures/pages/', import.meta.url);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

function loadSamples(): Sample[] {
  const index = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as { pages: Entry[] };
  return index.pages.map((e) => {
    const expected = JSON.parse(readFileSync(new URL(e.file.replace(/\.html$/, '.expected.json'), DIR), 'utf8')) as { url: string };
    return { bytes: readFileSync(new URL(e.file, DIR)), contentType: e.contentType ?? null, url: expected.url };
  });
}

function runPhase(phase: Phase, total: number, rounds: number): PhaseResult {
  const samples = loadSamples();
  const work: Record<Phase, (s: Sample) => number> = {
    baseline: (s) => cheerio.load(s.bytes.toString('utf8'))('body').text().length,
    decode: (s) => decodeHtml(s.bytes, s.contentType).length,
    extract: (s) => {
      const e = extractArticle(decodeHtml(s.bytes, s.contentType), s.url);
      return e.text.length + (e.title?.length ?? 0);
    },
  };
  const fn = work[phase];
  let checksum = 0;
  for (let i = 0; i < Math.min(200, total); i++) checksum += fn(samples[i % samples.length]); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < total; i++) checksum += fn(samples[i % samples.length]);
    best = Math.min(best, performance.now() - t0);
  }
  return {
    phase,
    pages: total,
    ms: best,
    pagesPerSec: (total / best) * 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    checksum,
  };
}

function child(phase: Phase, total: number, rounds: number): PhaseResult {
  const self = fileURLToPath(import.meta.url);
  const tsx = import.meta.resolve('tsx'); // the loader this script runs under, wherever the cwd is
  const r = spawnSync(process.execPath, ['--import', tsx, self, '--phase', phase, '--pages', String(total), '--rounds', String(rounds)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench phase ${phase} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

const phaseArg = process.argv.indexOf('--phase');
const total = Math.max(2000, arg('pages', 2000));
const rounds = arg('rounds', 3);

if (phaseArg >= 0) {
  process.stdout.write(`${JSON.stringify(runPhase(process.argv[phaseArg + 1] as Phase, total, rounds))}\n`);
} else {
  const samples = loadSamples();
  const kb = samples.reduce((n, s) => n + s.bytes.length, 0) / samples.length / 1024;
  const baseline = child('baseline', total, rounds);
  const decode = child('decode', total, rounds);
  const extract = child('extract', total, rounds);
  const row = (name: string, r: PhaseResult) =>
    `| ${name.padEnd(44)} | ${r.pagesPerSec.toFixed(0).padStart(8)} | ${(r.ms / r.pages).toFixed(3).padStart(9)} | ${r.maxRssMB.toFixed(0).padStart(13)} |`;
  console.log(`Extraction alone: ${samples.length} fixture pages (avg ${kb.toFixed(1)} KB) repeated to ${total} pages, best of ${rounds} rounds, node ${process.version}`);
  console.log('');
  console.log(`| ${'what'.padEnd(44)} | pages/s  | ms/page   | peak RSS (MB) |`);
  console.log(`|${'-'.repeat(46)}|----------|-----------|---------------|`);
  console.log(row("baseline: cheerio.load + $('body').text()", baseline));
  console.log(row('decodeHtml alone', decode));
  console.log(row('decodeHtml + extractArticle', extract));
  console.log('');
  console.log(`ratio extract / baseline throughput: ${(extract.pagesPerSec / baseline.pagesPerSec).toFixed(2)} (extraction costs ${(baseline.pagesPerSec / extract.pagesPerSec).toFixed(2)}× a bare parse)`);
}
