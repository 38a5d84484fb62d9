// Publish dates as the sources print them: "Updated: Apr 8, 2024" (China Daily), "Post Time:
// 2020-07-13" (Zhejiang), "Oct 31, 2017" (Shanghai), "2024年4月8日" and "2024-04-08 10:30"
// (Chinese sites). A date without a zone is the page's own date in the source's zone; a
// timestamp with a zone is converted into the source's zone.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2024-02-30
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const PATTERNS: { re: RegExp; build: (m: RegExpMatchArray, tz: string) => string | null }[] = [
  {
    // ISO timestamp with a zone: convert.
    re: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})/,
    build: (m, tz) => {
      const instant = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]}`);
      return Number.isNaN(instant.getTime()) ? null : dateInZone(instant, tz);
    },
  },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, build: (m) => valid(+m[1], +m[2], +m[3]) },
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/, build: (m) => valid(+m[1], +m[2], +m[3]) },
  {
    re: /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i,
    build: (m) => valid(+m[3], MONTHS[m[1].toLowerCase()], +m[2]),
  },
  {
    re: /\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})\b/i,
    build: (m) => valid(+m[3], MONTHS[m[2].toLowerCase()], +m[1]),
  },
];

/** The earliest date stated in `text`, as YYYY-MM-DD, or null. */
export function parsePublished(text: string, tz = 'Asia/Shanghai'): string | null {
  let best: { index: number; value: string } | null = null;
  for (const { re, build } of PATTERNS) {
    const m = text.match(re);
    if (!m || m.index === undefined) continue;
    const value = build(m, tz);
    if (value && (!best || m.index < best.index)) best = { index: m.index, value };
  }
  return best?.value ?? null;
}
