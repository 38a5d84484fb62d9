// Article extraction, step 3: the body container(s) — selector hint, known CMS container, else
// Readability-style scoring plus prose-bearing siblings. Runs on the Page and Walk of passes 1-2;
// crawlers/extract.ts then trims the container's lines into paragraphs.
import type * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { POSITIVE_CLASS, NEGATIVE_CLASS, STRONG_CLASSES, STRONG_IDS } from './vocabulary.js';
import { weight, classNames } from './text.js';
import type { Page } from './measure.js';
import type { Walk } from './lines.js';

export function descendantsOf(containers: Element[]): Set<AnyNode> {
  const set = new Set<AnyNode>();
  const stack: AnyNode[] = [...containers];
  while (stack.length) {
    const n = stack.pop()!;
    set.add(n);
    if ('children' in n && n.children) for (const c of n.children) stack.push(c);
  }
  return set;
}

function isAncestor(a: AnyNode, b: AnyNode): boolean {
  for (let p: AnyNode | null = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function prose(page: Page, el: Element): number {
  const st = page.stats.get(el);
  return st ? st.w - st.link : 0;
}

function linkDensity(page: Page, el: Element): number {
  const st = page.stats.get(el);
  return st && st.w ? st.link / st.w : 0;
}

function classWeight(el: Element): number {
  const names = classNames(el);
  if (names.trim().length < 2) return 0;
  let w = 0;
  if (POSITIVE_CLASS.test(names)) w += 25;
  if (NEGATIVE_CLASS.test(names)) w -= 25;
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'section':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/** Readability-style: prose lines score their block's ancestors; link density discounts. */
function scoreContainers(page: Page, walk: Walk): Element | null {
  const scores = new Map<Element, number>();
  const credit = (el: Element | null, s: number) => {
    if (!el || el.type !== 'tag' || el.name === 'html') return;
    scores.set(el, (scores.get(el) ?? tagWeight(el.name) + classWeight(el)) + s);
  };
  // Lines of one block are one paragraph for scoring.
  const perBlock = new Map<Element, string>();
  for (const line of walk.lines) {
    if (!line.block || line.linkRatio > 0.5) continue;
    perBlock.set(line.block, `${perBlock.get(line.block) ?? ''} ${line.text}`);
  }
  for (const [block, text] of perBlock) {
    const w = weight(text);
    if (w < 25) continue;
    const commas = (text.match(/[,，、。；;]/g) ?? []).length;
    const s = 1 + commas + Math.min(Math.floor(w / 100), 3);
    const parent = block.parent as Element | null;
    const grand = parent?.parent as Element | null;
    const great = grand?.parent as Element | null;
    if (block.name === 'p') {
      credit(parent, s);
      credit(grand, s / 2);
      credit(great, s / 3);
    } else {
      // A div / td holding its text directly is its own paragraph container.
      credit(block, s);
      credit(parent, s);
      credit(grand, s / 2);
    }
  }
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const [el, raw] of scores) {
    if (el.name === 'body' && scores.size > 1) continue;
    const score = raw * (1 - linkDensity(page, el));
    const depth = page.stats.get(el)?.depth ?? 0;
    const bestDepth = best ? (page.stats.get(best)?.depth ?? 0) : 0;
    if (score > bestScore || (score === bestScore && depth > bestDepth)) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

function strongContainer(page: Page, walk: Walk): Element | null {
  let best: Element | null = null;
  let bestProse = 0;
  for (const [el] of page.stats) {
    if (el.type !== 'tag') continue;
    const cls = el.attribs?.class;
    const id = el.attribs?.id;
    const strong = (id && STRONG_IDS.has(id)) || (cls && cls.split(/\s+/).some((c) => STRONG_CLASSES.has(c))) || el.attribs?.itemprop === 'articleBody';
    if (!strong) continue;
    if (insideBoiler(el, walk.boiler)) continue;
    const p = prose(page, el);
    if (p < 60 || linkDensity(page, el) > 0.5) continue;
    // Prefer the innermost container that holds (nearly) all the prose of an outer one.
    if (!best || p > bestProse * 1.15 || (p >= bestProse * 0.85 && isAncestor(best, el))) {
      best = el;
      bestProse = p;
    }
  }
  return best;
}

export function ancestorsUpTo(el: AnyNode | null, levels: number): AnyNode[] {
  const out: AnyNode[] = [];
  for (let p: AnyNode | null = el, k = 0; p && k <= levels; p = p.parent, k++) out.push(p);
  return out;
}

function insideBoiler(el: AnyNode, boiler: Set<Element>): boolean {
  for (let p: AnyNode | null = el; p; p = p.parent) if (boiler.has(p as Element)) return true;
  return false;
}

export function pickContainers(page: Page, walk: Walk, $: cheerio.CheerioAPI, hint?: string): Element[] {
  if (hint) {
    const found = $(hint)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && prose(page, el as Element) > 0);
    if (found.length) return [found.sort((a, b) => prose(page, b) - prose(page, a))[0]];
  }
  const scored = scoreContainers(page, walk);
  const strong = strongContainer(page, walk);
  if (strong && (!scored || isAncestor(strong, scored) || prose(page, strong) >= prose(page, scored) * 0.5)) return [strong];
  if (!scored) return page.body ? [page.body] : [];
  // Prose-bearing siblings of the top candidate belong to the article too (a lead in its own div).
  const parent = scored.parent;
  if (!parent || !('children' in parent)) return [scored];
  const minProse = Math.max(60, prose(page, scored) * 0.2);
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (sib === scored) {
      out.push(scored);
      continue;
    }
    if (sib.type !== 'tag' || walk.boiler.has(sib as Element)) continue;
    const el = sib as Element;
    if (/^h[1-6]$/.test(el.name)) continue;
    if (prose(page, el) >= minProse && linkDensity(page, el) < 0.25 && classWeight(el) >= 0) out.push(el);
  }
  return out;
}
