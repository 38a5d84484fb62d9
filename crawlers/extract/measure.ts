// Article extraction, pass 1: measure every element (weighted text and link text) and read the
// page metadata (meta tags, JSON-LD, canonical, <base>, <title>). Its Page feeds the line walk
// (extract/lines.ts) and every later step of crawlers/extract.ts.
import type { AnyNode, Element } from 'domhandler';
import { SKIP_TAGS } from './vocabulary.js';
import { weight, norm, isHidden, elementText } from './text.js';

export interface Stats {
  w: number; // weighted text length
  link: number; // weighted text length inside <a>
  depth: number;
  hasH1: boolean;
}

interface Meta {
  byName: Map<string, string>;
  jsonLd: Record<string, unknown>[];
  canonical: string | null;
  ogUrl: string | null;
  base: string | null;
  titleTag: string;
  siteNames: Set<string>;
  /** <time itemprop="datePublished" datetime>, <time pubdate>, [itemprop=datePublished]: the first one. */
  timeValue: string | null;
}

export interface Page {
  stats: Map<Element, Stats>;
  meta: Meta;
  body: Element | null;
  root: AnyNode;
}

export function measure(root: AnyNode): Page {
  const stats = new Map<Element, Stats>();
  const meta: Meta = { byName: new Map(), jsonLd: [], canonical: null, ogUrl: null, base: null, titleTag: '', siteNames: new Set(), timeValue: null };
  let body: Element | null = null;

  const visit = (n: AnyNode, depth: number, inLink: boolean): { w: number; link: number; h1: boolean } => {
    if (n.type === 'text') {
      const w = weight((n as unknown as { data: string }).data);
      return { w, link: inLink ? w : 0, h1: false };
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style' && n.type !== 'root') return { w: 0, link: 0, h1: false };
    const el = n as Element;
    const name = el.name;
    if (n.type !== 'root') {
      if (name === 'meta') {
        const a = el.attribs;
        const key = (a.name ?? a.property ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase().trim();
        const content = a.content ?? '';
        if (key && content && !meta.byName.has(key)) meta.byName.set(key, content);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'link') {
        const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical') && !meta.canonical) meta.canonical = el.attribs.href ?? null;
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'base') {
        if (!meta.base && el.attribs.href) meta.base = el.attribs.href;
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'title') {
        if (!meta.titleTag) meta.titleTag = elementTextRaw(el);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'script') {
        if ((el.attribs.type ?? '').toLowerCase().includes('ld+json')) readJsonLd(elementTextRaw(el), meta.jsonLd);
        return { w: 0, link: 0, h1: false };
      }
      if (SKIP_TAGS.has(name) || (name !== 'body' && name !== 'html' && isHidden(el))) {
        if (name === 'head') for (const c of el.children) visit(c, depth + 1, inLink);
        return { w: 0, link: 0, h1: false };
      }
      if (name === 'body' && !body) body = el;
      if (meta.timeValue === null && (el.attribs.itemprop === 'datePublished' || (name === 'time' && (el.attribs.pubdate !== undefined || /(^|\s)published(\s|$)/.test(el.attribs.class ?? ''))))) {
        meta.timeValue = el.attribs.datetime ?? el.attribs.content ?? elementText(el);
      }
    }
    if (depth > 1500) return { w: 0, link: 0, h1: false };
    let w = 0;
    let link = 0;
    let h1 = name === 'h1';
    const childLink = inLink || name === 'a';
    for (const c of el.children) {
      const r = visit(c, depth + 1, childLink);
      w += r.w;
      link += r.link;
      h1 ||= r.h1;
    }
    if (n.type !== 'root') stats.set(el, { w, link, depth, hasH1: h1 });
    return { w, link, h1 };
  };
  visit(root, 0, false);
  for (const key of ['og:site_name', 'sitename', 'site_name', 'application-name', 'apple-mobile-web-app-title']) {
    const v = meta.byName.get(key);
    if (v) meta.siteNames.add(norm(v));
  }
  for (const node of meta.jsonLd) {
    const pub = node.publisher as Record<string, unknown> | undefined;
    if (pub && typeof pub.name === 'string') meta.siteNames.add(norm(pub.name));
  }
  meta.ogUrl = meta.byName.get('og:url') ?? null;
  return { stats, meta, body, root };
}

function elementTextRaw(el: Element): string {
  let out = '';
  for (const c of el.children) if (c.type === 'text') out += (c as unknown as { data: string }).data;
  return out;
}

function readJsonLd(raw: string, out: Record<string, unknown>[]): void {
  const text = raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
  if (!text) return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return;
    }
  }
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) add(o['@graph']);
    }
  };
  add(data);
}
