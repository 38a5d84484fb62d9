#!/usr/bin/env node
// Validates test/eval/articles.jsonl (the labelled BRI-policy evaluation set) and prints its counts.
// Plain node, no dependencies beyond node:fs. Exit code 1 on any violation.
//
//   node test/eval/check.mjs            validate + print the counts table
//   node test/eval/check.mjs --markdown print the counts as Markdown tables (used for README.md)
import fs from 'node:fs';

// The main set (dev/test, GUIDE.md §6) by default; `check.mjs batch2.jsonl` (or batch3.jsonl) checks a
// later batch (dev/holdout, GUIDE.md §7–§8): the same rules, the split names of its own, no set-size
// minimums, and no id, url or near-duplicate text shared with the main set or an earlier batch.
const MAIN = new URL('./articles.jsonl', import.meta.url);
const fileArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const FILE = fileArg ? new URL(fileArg, `file://${process.cwd()}/`) : MAIN;
const SECOND = FILE.href !== MAIN.href;
// batch4, batch6, batch9, batch11, batch14, batch18, batch19, batch20 and batch22 (GUIDE.md §10, §12, §15, §17, §20, §24, §26) are training data only: every article is dev;
// batch5, batch7, batch8, batch10, batch12, batch13, batch15, batch16, batch17 and batch21 (§11, §13, §14, §16, §18, §19, §21–§23, §25), blind spot-checks, are measure only: every
// article is holdout.
const ALL_DEV = ['./batch4.jsonl', './batch6.jsonl', './batch9.jsonl', './batch11.jsonl', './batch14.jsonl', './batch18.jsonl', './batch19.jsonl', './batch20.jsonl', './batch22.jsonl'].some((f) => FILE.href === new URL(f, import.meta.url).href);
const ALL_HOLDOUT = ['./batch5.jsonl', './batch7.jsonl', './batch8.jsonl', './batch10.jsonl', './batch12.jsonl', './batch13.jsonl', './batch15.jsonl', './batch16.jsonl', './batch17.jsonl', './batch21.jsonl'].some((f) => FILE.href === new URL(f, import.meta.url).href);
const SPLITS = ALL_DEV ? ['dev'] : ALL_HOLDOUT ? ['holdout'] : SECOND ? ['dev', 'holdout'] : ['dev', 'test'];
const SEEDS = new URL('../../seeds/documents/index.json', import.meta.url);

const TOPICS = [
  'connectivity', 'trade', 'digital-economy', 'finance', 'green',
  'sci-tech', 'industry-investment', 'people-to-people', 'cooperation-mechanisms', 'legal-compliance',
];
const NEG_CLASSES = [
  'china-economy', 'ftz-trade-finance', 'local-other-subject', 'belt-road-other-sense',
  'bri-other-meaning', 'other-country-programme', 'passing-mention', 'other',
];
const FIELDS = ['id', 'split', 'lang', 'url', 'source', 'title', 'published', 'text', 'relevant', 'topics', 'negativeClass', 'note'];
const MIN = { total: 150, zh: 40, perTopic: 5, perNegClass: 5 };
const MAX_TOPICS = 3;
const MAX_TEXT = 8500;
const NEAR_DUP_JACCARD = 0.6;

const errors = [];
const err = (where, msg) => errors.push(`${where}: ${msg}`);

// ---- parse -------------------------------------------------------------------------------------
const raw = fs.readFileSync(FILE, 'utf8');
const lines = raw.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const items = [];
lines.forEach((line, i) => {
  try {
    items.push(JSON.parse(line));
  } catch (e) {
    err(`line ${i + 1}`, `not valid JSON (${e.message})`);
  }
});

// ---- split rule (GUIDE.md §6): per lang × relevant stratum, sort by (primary label, FNV-1a 32-bit hash
// of the id's UTF-8 bytes as 8 hex digits, id) and assign alternately dev, test, dev, ...
// The primary label is the first topic of a relevant article and the negativeClass of a negative.
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
function expectedSplits(arts) {
  const strata = new Map();
  for (const a of arts) {
    const k = `${a.lang}|${a.relevant}`;
    if (!strata.has(k)) strata.set(k, []);
    strata.get(k).push(a);
  }
  const out = new Map();
  for (const arr of strata.values()) {
    // sort key: primary label (first topic, or the negative class), then the hash, then the id
    const keyed = arr.map((a) => {
      const label = a.relevant === true ? (Array.isArray(a.topics) ? a.topics[0] : '') : a.negativeClass;
      return [`${label}|${fnv1a(String(a.id))}|${a.id}`, String(a.id)];
    });
    keyed.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    keyed.forEach(([, id], i) => out.set(id, SPLITS[i % SPLITS.length]));
  }
  return out;
}

// ---- per-item checks -----------------------------------------------------------------------------
const ids = new Map();
const urls = new Map();
// The files labelled before this one: the main set, then the batches in their order — labelled.ts'
// LABELLED_FILES, read from its source (this validator runs on plain node, which cannot import it).
const LIST = /export const LABELLED_FILES = \[([^\]]*)\]/.exec(fs.readFileSync(new URL('./labelled.ts', import.meta.url), 'utf8'));
if (!LIST) throw new Error('check.mjs: LABELLED_FILES not found in test/eval/labelled.ts');
const ORDER = [...LIST[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
const at = ORDER.findIndex((f) => FILE.href === new URL(`./${f}`, import.meta.url).href);
const before = !SECOND ? [] : at === -1 ? ORDER : ORDER.slice(0, at);
const mainItems = before.flatMap((name) => {
  const url = new URL(`./${name}`, import.meta.url);
  if (!fs.existsSync(url)) return [];
  return fs.readFileSync(url, 'utf8').split('\n').filter((l) => l.trim()).map((l) => ({ ...JSON.parse(l), file: name }));
});
for (const a of mainItems) {
  ids.set(a.id, `${a.id} of ${a.file}`);
  urls.set(a.url, `${a.id} of ${a.file}`);
}
let seedUrls = new Set();
if (fs.existsSync(SEEDS)) {
  try {
    const idx = JSON.parse(fs.readFileSync(SEEDS, 'utf8'));
    seedUrls = new Set((idx.documents ?? []).map((d) => d.url).filter(Boolean));
  } catch (e) {
    err('seeds/documents/index.json', `unreadable (${e.message})`);
  }
}
const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))
  && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

for (const [n, a] of items.entries()) {
  const where = `line ${n + 1}${a && a.id ? ` (${a.id})` : ''}`;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) { err(where, 'not an object'); continue; }
  for (const f of FIELDS) if (!(f in a)) err(where, `missing field "${f}"`);
  for (const f of Object.keys(a)) if (!FIELDS.includes(f)) err(where, `unexpected field "${f}"`);

  if (typeof a.id !== 'string' || !/^(en|zh)-\d{3}$/.test(a.id)) err(where, `bad id ${JSON.stringify(a.id)}`);
  else {
    if (ids.has(a.id)) err(where, `duplicate id (also line ${ids.get(a.id)})`);
    ids.set(a.id, n + 1);
    if (a.id.slice(0, 2) !== a.lang) err(where, `id prefix does not match lang ${a.lang}`);
  }
  if (!SPLITS.includes(a.split)) err(where, `split must be ${SPLITS.join('|')}, got ${JSON.stringify(a.split)}`);
  if (!['en', 'zh'].includes(a.lang)) err(where, `lang must be en|zh, got ${JSON.stringify(a.lang)}`);

  let host = null;
  try {
    const u = new URL(a.url);
    if (!['http:', 'https:'].includes(u.protocol)) err(where, `url is not http(s): ${a.url}`);
    host = u.host.replace(/\.$/, '');
  } catch {
    err(where, `url does not parse: ${JSON.stringify(a.url)}`);
  }
  if (typeof a.url === 'string') {
    if (urls.has(a.url)) err(where, `duplicate url (also line ${urls.get(a.url)})`);
    urls.set(a.url, n + 1);
    if (seedUrls.has(a.url)) err(where, 'url is one of the seed documents (seeds/documents/index.json)');
  }
  if (typeof a.source !== 'string' || !a.source) err(where, 'source must be a non-empty string');
  else if (host && a.source !== host) err(where, `source "${a.source}" is not the url host "${host}"`);

  if (typeof a.title !== 'string' || !a.title.trim()) err(where, 'title must be a non-empty string');
  if (a.published !== null && !(typeof a.published === 'string' && isDate(a.published))) {
    err(where, `published must be YYYY-MM-DD or null, got ${JSON.stringify(a.published)}`);
  }
  if (typeof a.text !== 'string' || a.text.trim().length < 100) err(where, 'text must be a string of at least 100 characters');
  else {
    if (a.text.length > MAX_TEXT) err(where, `text longer than ${MAX_TEXT} characters (${a.text.length})`);
    if (/\n{3,}/.test(a.text)) err(where, 'paragraphs must be separated by exactly one blank line');
    if (a.text !== a.text.trim()) err(where, 'text has leading/trailing whitespace');
    if (a.lang === 'zh' && !/[\u4e00-\u9fff]/.test(a.text)) err(where, 'lang zh but no CJK characters in text');
    if (a.lang === 'en' && /[\u4e00-\u9fff]{20,}/.test(a.text)) err(where, 'lang en but text has long CJK runs');
  }
  if (typeof a.relevant !== 'boolean') err(where, 'relevant must be a boolean');
  if (!Array.isArray(a.topics)) err(where, 'topics must be an array');
  else {
    for (const t of a.topics) if (!TOPICS.includes(t)) err(where, `unknown topic ${JSON.stringify(t)}`);
    if (new Set(a.topics).size !== a.topics.length) err(where, 'duplicate topics');
    if (a.relevant === true && (a.topics.length < 1 || a.topics.length > MAX_TOPICS)) {
      err(where, `a relevant article needs 1..${MAX_TOPICS} topics, has ${a.topics.length}`);
    }
    if (a.relevant === false && a.topics.length) err(where, 'topics must be empty when not relevant');
  }
  if (a.relevant === true && a.negativeClass !== null) err(where, 'negativeClass must be null when relevant');
  if (a.relevant === false && !NEG_CLASSES.includes(a.negativeClass)) {
    err(where, `negativeClass must be one of ${NEG_CLASSES.join('|')}, got ${JSON.stringify(a.negativeClass)}`);
  }
  if (typeof a.note !== 'string' || a.note.trim().length < 10) err(where, 'note must explain the label');
  else if (a.note.includes('\n')) err(where, 'note must be one line');
}

// ---- set-level checks ------------------------------------------------------------------------------
const valid = items.filter((a) => a && typeof a === 'object' && typeof a.id === 'string');
const expected = expectedSplits(valid);
for (const a of valid) {
  if (expected.get(a.id) !== a.split) err(a.id, `split is ${a.split} but the rule in GUIDE.md §6 gives ${expected.get(a.id)}`);
}

// near-duplicates: Jaccard similarity of character 8-gram shingles over the normalised text
const shingleOf = (a) => {
  const t = String(a.text ?? '').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  const s = new Set();
  for (let i = 0; i + 8 <= t.length; i += 2) s.add(t.slice(i, i + 8));
  return s;
};
const jaccard = (A, B) => {
  if (!A.size || !B.size) return 0;
  let inter = 0;
  const [small, big] = A.size < B.size ? [A, B] : [B, A];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (A.size + B.size - inter);
};
const shingles = valid.map(shingleOf);
for (const m of mainItems) {
  const M = shingleOf(m);
  valid.forEach((a, i) => {
    const jac = jaccard(shingles[i], M);
    if (jac > NEAR_DUP_JACCARD) err(`${a.id}/${m.id} of ${m.file}`, `near-duplicate texts (Jaccard ${jac.toFixed(2)})`);
  });
}
for (let i = 0; i < valid.length; i++) {
  for (let j = i + 1; j < valid.length; j++) {
    const jac = jaccard(shingles[i], shingles[j]);
    if (jac > NEAR_DUP_JACCARD) err(`${valid[i].id}/${valid[j].id}`, `near-duplicate texts (Jaccard ${jac.toFixed(2)})`);
  }
}

// ---- counts ----------------------------------------------------------------------------------------
const count = (pred) => valid.filter(pred).length;
const total = valid.length;
const rel = count((a) => a.relevant === true);
const neg = count((a) => a.relevant === false);
const zh = count((a) => a.lang === 'zh');
const trad = count((a) => a.lang === 'zh' && String(a.note).startsWith('[traditional]'));

if (!SECOND && total < MIN.total) err('set', `only ${total} articles, need ≥ ${MIN.total}`);
if (!SECOND && zh < MIN.zh) err('set', `only ${zh} Chinese articles, need ≥ ${MIN.zh}`);
if (!SECOND && neg * 2 < total) err('set', `only ${neg} hard negatives of ${total}, need at least half`);
for (const t of SECOND ? [] : TOPICS) {
  const c = count((a) => a.relevant === true && Array.isArray(a.topics) && a.topics.includes(t));
  if (c < MIN.perTopic) err('set', `topic ${t} on only ${c} relevant articles, need ≥ ${MIN.perTopic}`);
}
for (const k of SECOND ? [] : NEG_CLASSES) {
  const c = count((a) => a.relevant === false && a.negativeClass === k);
  if (c < MIN.perNegClass) err('set', `negative class ${k} has only ${c} articles, need ≥ ${MIN.perNegClass}`);
}
for (const lang of SPLITS.length === 2 ? ['en', 'zh'] : []) {
  for (const r of [true, false]) {
    const d = count((a) => a.lang === lang && a.relevant === r && a.split === SPLITS[0]);
    const t = count((a) => a.lang === lang && a.relevant === r && a.split === SPLITS[1]);
    if (Math.abs(d - t) > 1) err('set', `stratum ${lang}/${r ? 'relevant' : 'negative'} unbalanced: ${SPLITS[0]} ${d}, ${SPLITS[1]} ${t}`);
  }
}

const md = process.argv.includes('--markdown');
const table = (title, header, rows) => {
  if (md) {
    console.log(`\n### ${title}\n`);
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } else {
    console.log(`\n${title}`);
    const w = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
    const fmt = (r) => r.map((c, i) => (i ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
    console.log(fmt(header));
    for (const r of rows) console.log(fmt(r));
  }
};
const bySplit = (pred) => SPLITS.map((s) => count((a) => a.split === s && pred(a)));

table('Totals', ['', ...SPLITS, 'all'], [
  ['articles', ...bySplit(() => true), total],
  ['relevant', ...bySplit((a) => a.relevant === true), rel],
  ['hard negatives', ...bySplit((a) => a.relevant === false), neg],
  ['English (en)', ...bySplit((a) => a.lang === 'en'), total - zh],
  ['Chinese (zh)', ...bySplit((a) => a.lang === 'zh'), zh],
  ['  of which traditional characters', ...bySplit((a) => a.lang === 'zh' && String(a.note).startsWith('[traditional]')), trad],
]);
const strataRows = [];
for (const lang of ['en', 'zh']) {
  for (const r of [true, false]) {
    const p = (a) => a.lang === lang && a.relevant === r;
    strataRows.push([`${lang} ${r ? 'relevant' : 'negative'}`, ...bySplit(p), count(p)]);
  }
}
table('Split × language × relevance', ['stratum', ...SPLITS, 'all'], strataRows);
table('Hard negatives by class', ['negativeClass', ...SPLITS, 'en', 'zh', 'all'], NEG_CLASSES.map((k) => {
  const p = (a) => a.relevant === false && a.negativeClass === k;
  return [k, ...bySplit(p), count((a) => p(a) && a.lang === 'en'), count((a) => p(a) && a.lang === 'zh'), count(p)];
}));
table('Relevant articles by topic (multi-label)', ['topic', ...SPLITS, 'en', 'zh', 'all'], TOPICS.map((t) => {
  const p = (a) => a.relevant === true && Array.isArray(a.topics) && a.topics.includes(t);
  return [t, ...bySplit(p), count((a) => p(a) && a.lang === 'en'), count((a) => p(a) && a.lang === 'zh'), count(p)];
}));
const nTopics = [1, 2, 3].map((n) => [`${n} topic${n > 1 ? 's' : ''}`, ...bySplit((a) => a.relevant === true && a.topics.length === n), count((a) => a.relevant === true && a.topics.length === n)]);
table('Topics per relevant article', ['', ...SPLITS, 'all'], nTopics);

if (errors.length) {
  console.error(`\n${errors.length} violation(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
if (!md) console.log(`\nOK: ${total} articles valid.`);
