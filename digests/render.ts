// Renders one digest as HTML and plain text. Everything that came from a crawled page is
// escaped (a <script> in a title arrives as text) and header values never carry CR/LF.

export interface DigestEntry {
  kind: 'NEW' | 'UPDATED';
  title: string;
  url: string;
  sourceName: string;
  published: string | null; // YYYY-MM-DD as the page states it
  topics: string[];
  /** The other URLs of the same article (syndicated copies). */
  alsoAt?: { url: string; sourceName: string }[];
  /** For UPDATED items: what changed, one line each (added, removed, changed; or withdrawn). */
  changes?: string[];
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
/** One line, no control characters: safe in a mail header. */
export const headerSafe = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderDigest(entries: DigestEntry[], opts: { periodLabel: string; unsubscribeUrl?: string }): RenderedDigest {
  const fresh = entries.filter((e) => e.kind === 'NEW');
  const updated = entries.filter((e) => e.kind === 'UPDATED');
  const counts = [fresh.length && plural(fresh.length, 'new BRI policy item'), updated.length && `${updated.length} updated`].filter(Boolean).join(', ');
  const subject = headerSafe(`silkwatch: ${counts} (${opts.periodLabel})`);

  const sections = [
    { heading: 'New', entries: fresh },
    { heading: 'Updated', entries: updated },
  ].filter((s) => s.entries.length);

  const meta = (e: DigestEntry) => [e.sourceName, e.published ?? 'date not stated', e.topics.length ? `topics: ${e.topics.join(', ')}` : ''].filter(Boolean).join(' · ');

  const text = [
    subject,
    '',
    ...sections.flatMap((s) => [
      `== ${s.heading} ==`,
      '',
      ...s.entries.flatMap((e) => [
        `* ${headerSafe(e.title)}`,
        `  ${e.url}`,
        `  ${meta(e)}`,
        ...(e.alsoAt ?? []).map((c) => `  also published: ${c.url} (${c.sourceName})`),
        ...(e.changes ?? []).map((line) => `  ${line}`),
        '',
      ]),
    ]),
    opts.unsubscribeUrl ? `Unsubscribe: ${opts.unsubscribeUrl}` : '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:sans-serif;max-width:720px">
<h1 style="font-size:18px">${escapeHtml(subject)}</h1>
${sections
  .map(
    (s) => `<h2 style="font-size:16px">${s.heading}</h2>
<ul>
${s.entries
  .map((e) => {
    const also = (e.alsoAt ?? []).map((c) => `<br><small>also published: <a href="${escapeHtml(c.url)}">${escapeHtml(c.sourceName)}</a></small>`).join('');
    const changes = e.changes?.length ? `<ul>${e.changes.map((line) => `<li><small>${escapeHtml(line)}</small></li>`).join('')}</ul>` : '';
    return `<li><a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a><br><small>${escapeHtml(meta(e))}</small>${also}${changes}</li>`;
  })
  .join('\n')}
</ul>`,
  )
  .join('\n')}
${opts.unsubscribeUrl ? `<p><small><a href="${escapeHtml(opts.unsubscribeUrl)}">Unsubscribe</a></small></p>` : ''}
</body></html>`;
  return { subject, html, text };
}
