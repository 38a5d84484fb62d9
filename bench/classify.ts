// Classifier speed: `npx tsx bench/classify.ts [--articles 2000] [--kb 6] [--rounds 3]`.
// Builds ≥ 2,000 articles of about 6 KB (UTF-8) from the labelled evaluation texts and the seed
// documents — 60 % English, 40 % Chinese, each made of texts of its language and label until
// about 6 KB — and times, in this one process (one core: Node runs the loop on one thread),
//   1. a plain regex scan: one combined regex of BRI anchor phrases counted over each text;
//   2. the full judgement: classify() (relevance, topics, measure links with evidence).
// Prints articles/s and MB/s for both, the ratio (what the judgement costs over a bare scan), the
// share judged relevant, and the peak RSS.
import { readFileSync } from 'node:fs';
import { classify, type ClassifyInput } from '../classifier/index.js';
import { loadSeedKnowledge, seedDocuments } from '../classifier/seed-knowledge.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = opt('--articles', 2000);
const TARGET_BYTES = opt('--kb', 6) * 1024;
const ROUNDS = opt('--rounds', 3);

interface Source {
  title: string;
  text: string;
  lang: 'en' | 'zh';
  relevant: boolean;
}

const labelled = readFileSync(new URL('../test/eval/articles.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Source);
const sources: Source[] = [...labelled, ...seedDocuments().map((d) => ({ title: d.title, text: d.text, lang: d.lang, relevant: true }))];
// An article is padded with texts of its own language and label, so the mix keeps the labelled
// set's share of relevant articles (about half) instead of sprinkling BRI paragraphs everywhere.
const pools = new Map<string, Source[]>();
for (const s of sources) {
  const key = `${s.lang}|${s.relevant}`;
  if (!pools.has(key)) pools.set(key, []);
  pools.get(key)!.push(s);
}
const byLang = { en: sources.filter((s) => s.lang === 'en'), zh: sources.filter((s) => s.lang === 'zh') };

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function build(lang: 'en' | 'zh', n: number): ClassifyInput {
  const first = byLang[lang][n % byLang[lang].length];
  const pool = pools.get(`${lang}|${first.relevant}`)!;
  const parts = [first.text];
  let size = bytes(first.title) + bytes(first.text);
  for (let k = 1; size < TARGET_BYTES; k++) {
    const next = pool[(n * 7 + k * 13) % pool.length].text;
    parts.push(next);
    size += bytes(next) + 2;
  }
  let text = parts.join('\n\n');
  // Trim back to about the target size at a paragraph boundary.
  while (bytes(first.title) + bytes(text) > TARGET_BYTES * 1.15) {
    const cut = text.lastIndexOf('\n\n');
    if (cut < TARGET_BYTES / 4) break;
    text = text.slice(0, cut);
  }
  return { id: `${lang}-${n}`, title: first.title, text, lang };
}

const articles: ClassifyInput[] = [];
for (let n = 0; n < COUNT; n++) articles.push(build(n % 5 < 3 ? 'en' : 'zh', n));
const totalBytes = articles.reduce((s, a) => s + bytes(a.title) + bytes(a.text), 0);

const t0 = performance.now();
const knowledge = loadSeedKnowledge();
const buildMs = performance.now() - t0;

const ANCHOR_SCAN = /belt\s+and\s+road|\bBRI\b|silk\s+road\s+(?:economic\s+belt|fund|e-commerce)|maritime\s+silk\s+road|china-europe\s+(?:railway\s+express|freight\s+trains?)|一带一路|一帶一路|丝绸之路经济带|海上丝绸之路|丝路基金|丝路电商|中欧班列/gi;

function regexScan(): number {
  let hits = 0;
  for (const a of articles) {
    ANCHOR_SCAN.lastIndex = 0;
    hits += (a.title.match(ANCHOR_SCAN)?.length ?? 0) + (a.text.match(ANCHOR_SCAN)?.length ?? 0);
  }
  return hits;
}

function judgeAll(): number {
  let relevant = 0;
  for (const a of articles) if (classify(a, knowledge, { threshold: 0.5 }).relevant) relevant++;
  return relevant;
}

function time(fn: () => number): { ms: number; result: number } {
  let best = Infinity;
  let result = 0;
  fn(); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, result };
}

const scan = time(regexScan);
const judge = time(judgeAll);
const perSec = (ms: number) => (articles.length / ms) * 1000;
const mbPerSec = (ms: number) => totalBytes / 1024 / 1024 / (ms / 1000);
const rss = process.resourceUsage().maxRSS / 1024;

const en = articles.filter((a) => a.lang === 'en').length;
console.log(`bench/classify: ${articles.length} articles (${en} EN / ${articles.length - en} ZH), mean ${(totalBytes / articles.length / 1024).toFixed(1)} KB, ${(totalBytes / 1024 / 1024).toFixed(1)} MB; best of ${ROUNDS} rounds after a warm-up; one thread`);
console.log(`knowledge built in ${buildMs.toFixed(0)} ms (${knowledge.measures.length} catalog entries, ${knowledge.phrases.payloads.length} phrases)\n`);
const rows = [
  ['run', 'ms', 'articles/s', 'MB/s', 'result'],
  ['regex anchor scan', scan.ms.toFixed(0), perSec(scan.ms).toFixed(0), mbPerSec(scan.ms).toFixed(1), `${scan.result} anchor hits`],
  ['classify (lexical-1)', judge.ms.toFixed(0), perSec(judge.ms).toFixed(0), mbPerSec(judge.ms).toFixed(1), `${judge.result} judged relevant`],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
console.log(`\nratio classify / regex scan: ${(judge.ms / scan.ms).toFixed(1)}× the time`);
console.log(`target ≥ 2000 articles/s: ${perSec(judge.ms) >= 2000 ? 'met' : 'NOT met'} (${perSec(judge.ms).toFixed(0)}/s)`);
console.log(`peak RSS ${rss.toFixed(0)} MB`);
