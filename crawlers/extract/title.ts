// Article extraction, step 4: the title — the heading line matching the page's title metadata,
// else the metadata, else the heading nearest the body. Runs after the body container is known
// (crawlers/extract.ts passes the body's line range).
import type * as cheerio from 'cheerio';
import { collapse, norm, dedupeRepeated, classNames } from './text.js';
import type { Page } from './measure.js';
import type { Line, Walk } from './lines.js';

function titleSegments(titleTag: string): string[] {
  const t = collapse(titleTag);
  if (!t) return [];
  const parts = t.split(/\s+[-|–—·•:]\s+|\s*[|｜_]\s*|\s*--\s*|\s*——\s*/).map((s) => s.trim()).filter(Boolean);
  const out = new Set<string>(parts);
  // "标题-新华网": a dash without spaces before a site-ish suffix.
  for (const p of parts) {
    const m = /^(.{4,}?)[-－]([^-－]{2,24}(?:网|政府|门户网站|门户|频道|官网|gov\.cn|\.com|\.cn))$/.exec(p);
    if (m) out.add(m[1]);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.includes(short)) return short.length / long.length;
  return 0;
}

interface TitlePick {
  title: string | null;
  line: number; // index of the title line, -1 when it came from metadata only
}

export function pickTitle(page: Page, walk: Walk, bodyStart: number, bodyEnd: number, $: cheerio.CheerioAPI, hint?: string): TitlePick {
  const { meta } = page;
  const lines = walk.lines;
  const siteNames = new Set(meta.siteNames);
  // Logo texts are site names too.
  for (const line of lines.slice(0, Math.max(0, bodyStart))) {
    if (!line.block) continue;
    const names = classNames(line.block);
    if (/logo|brand|masthead|sitename|site[-_]?(?:name|title|logo)/i.test(names) || /(^|\s)site(\s|$)/i.test(names)) siteNames.add(norm(line.text));
  }
  const isSite = (s: string) => siteNames.has(norm(s));

  if (hint) {
    const t = collapse($(hint).first().text());
    if (t) {
      const n = norm(t);
      return { title: dedupeRepeated(t), line: lines.findIndex((l) => norm(l.text) === n) };
    }
  }

  const refs: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const t = dedupeRepeated(v);
    if (t && !isSite(t) && !refs.includes(t)) refs.push(t);
  };
  add(meta.byName.get('articletitle'));
  add(meta.byName.get('og:title'));
  add(meta.byName.get('twitter:title'));
  for (const node of meta.jsonLd) add(node.headline ?? (typeof node['@type'] === 'string' && /Article/i.test(node['@type']) ? node.name : undefined));
  const articleRefs = refs.length; // explicit article-title metadata; <title> segments follow
  for (const seg of titleSegments(meta.titleTag)) add(seg);
  const refNorms = refs.map(norm);
  const minRef = refs.reduce((m, r) => Math.min(m, r.length), Infinity);
  const maxRef = refs.reduce((m, r) => Math.max(m, r.length), 0);

  // Heading-like lines up to the end of the body.
  let best = -1;
  let bestScore = 0;
  const limit = bodyEnd >= 0 ? bodyEnd : lines.length - 1;
  for (let i = 0; i <= limit && i < lines.length; i++) {
    const l = lines[i];
    if (l.text.length < 2 || l.text.length > 300) continue;
    // Similarity needs the shorter to be at least half the longer (a repeated title is up to 4×).
    if (l.text.length < minRef * 0.45 || l.text.length > maxRef * 4.5 + 8) continue;
    const t = dedupeRepeated(l.text);
    if (isSite(t)) continue;
    const n = norm(t);
    if (!n) continue;
    let sim = 0;
    for (const r of refNorms) sim = Math.max(sim, similarity(n, r));
    if (sim < 0.5) continue;
    let score = sim;
    if (l.heading === 1) score += 0.3;
    else if (l.heading >= 2) score += 0.15;
    if (l.titleClass) score += 0.2;
    if (bodyStart >= 0 && i <= bodyStart) score += 0.1 + 0.1 / (1 + (bodyStart - i));
    if (l.linkRatio > 0.5 && !l.heading) score -= 0.3;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { title: dedupeRepeated(lines[best].text), line: best };
  if (articleRefs > 0) return { title: refs[0], line: -1 };
  // No line matches the metadata: the heading nearest the start of the body (its first lines
  // included), else the <title> without its site suffix.
  const end = bodyStart >= 0 ? Math.min(lines.length, bodyStart + 3) : lines.length;
  const usable = (l: Line) => l.text.length >= 4 && l.text.length <= 300 && !isSite(l.text) && l.linkRatio < 0.5;
  for (const level of [1, 2, 3]) {
    for (let i = end - 1; i >= 0; i--) {
      const l = lines[i];
      if (l.heading === level && usable(l)) return { title: dedupeRepeated(l.text), line: i };
    }
  }
  for (let i = end - 1; i >= 0 && i >= end - 8; i--) {
    const l = lines[i];
    if ((l.titleClass || l.emph) && usable(l) && l.text.length <= 150) return { title: dedupeRepeated(l.text), line: i };
  }
  if (refs.length) return { title: refs[0], line: -1 };
  return { title: null, line: -1 };
}
