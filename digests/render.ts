// Renders one digest as HTML and plain text: NEW and UPDATED sections, each grouped by topic (an
// item sits under its top topic). Everything that came from a crawled page is escaped (a <script>
// in a title arrives as text), only http(s) URLs become links, and header values never carry CR/LF.

export interface DigestMeasure {
  /** The catalog entry's title (or text). */
  title: string;
  relation: 'announces' | 'updates' | 'implements' | 'mentions';
  /** The sentence of the article that links it to the measure (verbatim). */
  evidence?: string | null;
}

export interface DigestEntry {
  kind: 'NEW' | 'UPDATED';
  title: string;
  url: string;
  sourceName: string;
  issuer?: string | null;
  published: string | null; // YYYY-MM-DD as the page states it
  /** Topic ids, highest score first: the first is the item's group. */
  topics: string[];
  /** Why it was judged a BRI policy item: a sentence of its relevance evidence other than the title. */
  why?: string | null;
  /** Matched measures of the catalog, most telling first. */
  measures?: DigestMeasure[];
  /** How many more catalog links the version has than `measures` shows. */
  moreMeasures?: number;
  /** The other URLs of the same article (syndicated copies) or policy edition (its reports elsewhere). */
  alsoAt?: { url: string; sourceName: string }[];
  /** For UPDATED items: what changed, one line each (added, removed, changed; or withdrawn). */
  changes?: string[];
  /** For UPDATED items: the day the change was seen (YYYY-MM-DD in the subscriber's zone). */
  changeSeen?: string;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  periodLabel: string;
  /** A signed one-click unsubscribe URL; shown in the footer. */
  unsubscribeUrl?: string;
  /** Shown in the footer when there is no unsubscribe URL. */
  unsubscribeNote?: string;
  /** Topic id → display name (the seed taxonomy); the id is shown when missing. */
  topicNames?: Record<string, string>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
/** One line, no control characters: safe in a mail header. */
export const headerSafe = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
/** An attribute-safe href: only http(s) URLs link anywhere. */
const safeHref = (url: string) => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? escapeHtml(url) : '#';
  } catch {
    return '#';
  }
};
const moreLinks = (n: number) => `${n} more catalog link${n === 1 ? '' : 's'}`;

/** At most `max` characters; a longer text ends at the last space or clause break within the last
 *  40 before the limit (so not inside a word unless the word is longer), never inside a surrogate
 *  pair, then "…". */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(1, max - 1);
  for (let k = end; k > Math.max(0, max - 41); k--) {
    if (/[\s,;:，；：、]/.test(s[k])) {
      end = k;
      break;
    }
  }
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${s.slice(0, end).replace(/[\s,;:，；：、]+$/u, '')}…`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const OTHER = '\u0000other';

interface Group {
  topic: string;
  label: string;
  entries: DigestEntry[];
}

/** Items grouped under their top topic; bigger groups first, then by name; "Other topics" last. */
export function groupByTopic(entries: DigestEntry[], names: Record<string, string> = {}): Group[] {
  const groups = new Map<string, DigestEntry[]>();
  for (const e of entries) {
    const key = e.topics[0] ?? OTHER;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()]
    .map(([topic, list]) => ({ topic, label: topic === OTHER ? 'Other topics' : (names[topic] ?? topic), entries: list }))
    .sort((a, b) => Number(a.topic === OTHER) - Number(b.topic === OTHER) || b.entries.length - a.entries.length || a.label.localeCompare(b.label));
}

export function renderDigest(entries: DigestEntry[], opts: RenderOptions): RenderedDigest {
  const fresh = entries.filter((e) => e.kind === 'NEW');
  const updated = entries.filter((e) => e.kind === 'UPDATED');
  const counts = [fresh.length && plural(fresh.length, 'new BRI policy item'), updated.length && `${updated.length} updated`].filter(Boolean).join(', ');
  const subject = headerSafe(`silkwatch: ${counts} (${opts.periodLabel})`);

  const sections = [
    { heading: 'New', groups: groupByTopic(fresh, opts.topicNames) },
    { heading: 'Updated', groups: groupByTopic(updated, opts.topicNames) },
  ].filter((s) => s.groups.length);

  const meta = (e: DigestEntry) =>
    [
      headerSafe(e.sourceName),
      e.issuer ? headerSafe(e.issuer) : '',
      e.published ?? 'date not stated',
      e.changeSeen ? `change seen ${e.changeSeen}` : '',
      e.topics.length ? `topics: ${e.topics.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const measureLine = (m: DigestMeasure) => `${clip(headerSafe(m.title), 160)} (${m.relation})${m.evidence ? `: “${clip(headerSafe(m.evidence), 300)}”` : ''}`;
  const footer = opts.unsubscribeUrl ? `Unsubscribe: ${opts.unsubscribeUrl}` : (opts.unsubscribeNote ?? '');

  const text = [
    subject,
    '',
    ...sections.flatMap((s) => [
      `== ${s.heading} ==`,
      '',
      ...s.groups.flatMap((g) => [
        `-- ${headerSafe(g.label)} --`,
        '',
        ...g.entries.flatMap((e) => [
          `* ${headerSafe(e.title)}`,
          `  ${headerSafe(e.url)}`,
          `  ${meta(e)}`,
          ...(e.why ? [`  why: “${clip(headerSafe(e.why), 300)}”`] : []),
          ...(e.alsoAt ?? []).map((c) => `  also published: ${headerSafe(c.url)} (${headerSafe(c.sourceName)})`),
          ...(e.measures ?? []).map((m) => `  measure: ${measureLine(m)}`),
          ...(e.moreMeasures ? [`  and ${moreLinks(e.moreMeasures)}`] : []),
          ...(e.changes ?? []).map((line) => `  ${headerSafe(line)}`),
          '',
        ]),
      ]),
    ]),
    '--',
    footer,
  ].join('\n');

  const item = (e: DigestEntry) => {
    const also = (e.alsoAt ?? []).map((c) => `<br><small>also published: <a href="${safeHref(c.url)}">${escapeHtml(c.url)}</a> (${escapeHtml(c.sourceName)})</small>`).join('');
    const measures = e.measures?.length
      ? `<ul>${e.measures
          .map((m) => `<li><small><b>${escapeHtml(clip(headerSafe(m.title), 160))}</b> (${escapeHtml(m.relation)})${m.evidence ? `: “${escapeHtml(clip(headerSafe(m.evidence), 300))}”` : ''}</small></li>`)
          .join('')}${e.moreMeasures ? `<li><small>and ${moreLinks(e.moreMeasures)}</small></li>` : ''}</ul>`
      : '';
    const changes = e.changes?.length ? `<ul>${e.changes.map((line) => `<li><small>${escapeHtml(headerSafe(line))}</small></li>`).join('')}</ul>` : '';
    const why = e.why ? `<br><small>why: “${escapeHtml(clip(headerSafe(e.why), 300))}”</small>` : '';
    return `<li><a href="${safeHref(e.url)}">${escapeHtml(headerSafe(e.title))}</a><br><small>${escapeHtml(meta(e))}</small>${why}${also}${measures}${changes}</li>`;
  };

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:sans-serif;max-width:720px">
<h1 style="font-size:18px">${escapeHtml(subject)}</h1>
${sections
  .map(
    (s) => `<h2 style="font-size:16px">${s.heading}</h2>
${s.groups
  .map(
    (g) => `<h3 style="font-size:14px">${escapeHtml(g.label)}</h3>
<ul>
${g.entries.map(item).join('\n')}
</ul>`,
  )
  .join('\n')}`,
  )
  .join('\n')}
<hr>
${opts.unsubscribeUrl ? `<p><small><a href="${safeHref(opts.unsubscribeUrl)}">Unsubscribe</a> from these digests.</small></p>` : opts.unsubscribeNote ? `<p><small>${escapeHtml(opts.unsubscribeNote)}</small></p>` : ''}
</body></html>`;
  return { subject, html, text };
}
