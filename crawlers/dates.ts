// Publish dates as the sources print them: "Updated: Apr 8, 2024" (China Daily), "Post Time:
// 2020-07-13" (Zhejiang), "Oct 31, 2017" (Shanghai), "2024年4月8日" and "2024-04-08 10:30"
// (Chinese sites), "二〇二四年四月八日" (signature lines of Chinese documents), and machine values
// from meta tags and JSON-LD ("2024-04-08T10:23:00+08:00", "20240408", epoch seconds).
// A date without a zone is the page's own date in the source's zone and is kept as stated; a
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

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, tz: string): string {
  let f = zoneFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    zoneFormatters.set(tz, f);
  }
  return f.format(instant);
}

// Chinese numerals as written in document dates: 二〇二四年四月八日, 二○二四年十二月三十一日.
const ZH_DIGITS: Record<string, number> = { '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, 'O': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

function zhYear(s: string): number {
  return Number([...s].map((c) => ZH_DIGITS[c] ?? '').join(''));
}

function zhSmall(s: string): number {
  // 一 … 九, 十, 十一 … 十九, 二十 … 三十一
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return ZH_DIGITS[s] ?? NaN;
  const tens = i === 0 ? 1 : ZH_DIGITS[s[0]];
  const ones = i === s.length - 1 ? 0 : ZH_DIGITS[s[i + 1]];
  return tens * 10 + ones;
}

interface Pattern {
  re: RegExp;
  build: (m: RegExpMatchArray, tz: string) => string | null;
}

const MONTH_NAME = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?';

const PATTERNS: Pattern[] = [
  {
    // ISO timestamp with a zone: convert.
    re: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})(?![\d:])/,
    build: (m, tz) => {
      const zone = m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7];
      const instant = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
      return Number.isNaN(instant.getTime()) ? null : dateInZone(instant, tz);
    },
  },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, build: (m) => valid(+m[1], +m[2], +m[3]) },
  {
    re: /([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/,
    build: (m) => valid(zhYear(m[1]), zhSmall(m[2]), zhSmall(m[3])),
  },
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/, build: (m) => valid(+m[1], +m[2], +m[3]) },
  // news.cn / xinhuanet: <span class="year"><em>2024</em></span><span class="day"><em>04</em>/<em>08</em></span>
  { re: /(?<![\d/.-])(20\d{2})\s+(\d{2})\/(\d{2})(?![\d/])/, build: (m) => valid(+m[1], +m[2], +m[3]) },
  {
    re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    build: (m) => valid(+m[3], MONTHS[m[1].toLowerCase()], +m[2]),
  },
  {
    re: new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})\\b`, 'i'),
    build: (m) => valid(+m[3], MONTHS[m[2].toLowerCase()], +m[1]),
  },
  {
    // 18-Oct-2023 (CGTN), 18 Oct. 2023
    re: new RegExp(`(?<!\\d)(\\d{1,2})-${MONTH_NAME}-(\\d{4})\\b`, 'i'),
    build: (m) => valid(+m[3], MONTHS[m[2].toLowerCase()], +m[1]),
  },
];

export interface FoundDate {
  /** YYYY-MM-DD */
  value: string;
  /** Offset of the match in the searched text. */
  index: number;
  /** The matched text. */
  match: string;
}

/** Every date stated in `text`, in order of appearance (overlapping matches removed). */
export function findDates(text: string, tz = 'Asia/Shanghai'): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, build } of PATTERNS) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(g)) {
      const value = build(m, tz);
      if (value && m.index !== undefined) found.push({ value, index: m.index, match: m[0] });
    }
  }
  found.sort((a, b) => a.index - b.index || b.match.length - a.match.length);
  const out: FoundDate[] = [];
  let end = -1;
  for (const f of found) {
    if (f.index < end) continue; // inside an earlier, longer match (the time zone pattern vs the plain date)
    out.push(f);
    end = f.index + f.match.length;
  }
  return out;
}

/** The earliest date stated in `text`, as YYYY-MM-DD, or null. */
export function parsePublished(text: string, tz = 'Asia/Shanghai'): string | null {
  let best: { index: number; value: string } | null = null;
  for (const { re, build } of PATTERNS) {
    const m = text.match(re);
    if (!m || m.index === undefined) continue;
    if (best && m.index >= best.index) continue;
    const value = build(m, tz);
    if (value) best = { index: m.index, value };
  }
  return best?.value ?? null;
}

/**
 * A machine-readable date value (meta tag content, JSON-LD datePublished, <time datetime>):
 * ISO 8601 with or without a zone, "20240408", "2024-04-08-10:23:45" (www.gov.cn), epoch seconds
 * or milliseconds; then anything parsePublished understands.
 */
export function parseDateValue(value: string, tz = 'Asia/Shanghai'): string | null {
  const v = value.trim();
  if (!v) return null;
  let m = /^(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$/.exec(v);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{10}|\d{13})$/.exec(v);
  if (m) {
    const ms = v.length === 10 ? Number(v) * 1000 : Number(v);
    const instant = new Date(ms);
    return Number.isNaN(instant.getTime()) ? null : validIso(dateInZone(instant, tz));
  }
  return parsePublished(v, tz);
}

function validIso(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? valid(+m[1], +m[2], +m[3]) : null;
}

/** A date written in a URL path (/202404/08/, /2024-04/08/, t20240408_123.html), or null. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m =
    /(?:^|[/_t-])(20\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/.exec(path) ??
    /\/(20\d{2})[-/](\d{2})\/(\d{2})\//.exec(path) ??
    /\/(20\d{2})(\d{2})\/(\d{2})\//.exec(path);
  return m ? valid(+m[1], +m[2], +m[3]) : null;
}
