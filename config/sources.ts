// The sources file (YAML, JSON accepted as YAML's subset): which sites silkwatch watches and how.
// Its shape is a stable interface (DESIGN.md); errors name the source and the key.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const regex = z.string().refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);

const httpUrl = z.string().refine(
  (value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { message: 'expected an http(s) URL' },
);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as Asia/Shanghai' },
);

// Five fields: minute hour day-of-month month day-of-week (what BullMQ's cron parser takes).
const cron = z.string().regex(/^\s*\S+(\s+\S+){4,5}\s*$/, 'expected a cron expression such as "*/30 * * * *"');

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
    name: z.string().min(1),
    lang: z.enum(['en', 'zh']),
    region: z.string().regex(/^[^A-Z]+$/, 'expected lower-case text').min(1),
    listing: z.array(httpUrl).min(1, 'expected at least one listing URL'),
    articles: z.array(regex).min(1, 'expected at least one article URL pattern'),
    pagination: z
      .union([
        z.object({ template: z.string().includes('{n}', { message: 'expected a URL template containing {n}' }), maxPages: z.number().int().min(1).max(1000).default(5) }).strict(),
        z.object({ next: z.string().min(1), maxPages: z.number().int().min(1).max(1000).default(5) }).strict(),
      ])
      .optional(),
    feeds: z.array(httpUrl).default([]),
    sitemaps: z.array(httpUrl).default([]),
    schedule: cron.default('*/30 * * * *'),
    tz: timeZone.default('Asia/Shanghai'),
    politeness: z
      .object({
        perHostConcurrency: z.number().int().min(1).max(64).default(1),
        delayMs: z.number().int().min(0).max(600_000).default(1000),
      })
      .strict()
      .default({ perHostConcurrency: 1, delayMs: 1000 }),
    selectors: z
      .object({ title: z.string().optional(), body: z.string().optional(), date: z.string().optional() })
      .strict()
      .optional(),
    firstCrawl: z.enum(['baseline', 'alert']).default('baseline'),
    enabled: z.boolean().default(true),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;

export class SourcesFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`bad sources file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SourcesFileError';
  }
}

/** Parses and validates a sources file's text; `file` only names it in errors. */
export function parseSources(text: string, file: string): Source[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new SourcesFileError(file, [`not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { sources?: unknown }).sources)) {
    throw new SourcesFileError(file, ['expected a top-level "sources:" list']);
  }
  const extraTop = Object.keys(doc as object).filter((k) => k !== 'sources');
  const problems: string[] = extraTop.map((k) => `unknown top-level key "${k}"`);
  const sources: Source[] = [];
  const raw = (doc as { sources: unknown[] }).sources;
  raw.forEach((entry, index) => {
    const label = entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string' ? `source "${(entry as { id: string }).id}"` : `source #${index + 1}`;
    const parsed = sourceSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          const at = issue.path.length ? `${issue.path.join('.')}.` : '';
          for (const key of issue.keys) problems.push(`${label}: unknown key "${at}${key}"`);
        } else {
          problems.push(`${label}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
        }
      }
      return;
    }
    sources.push(parsed.data);
  });
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.id)) problems.push(`source "${source.id}": id: duplicate id`);
    seen.add(source.id);
  }
  if (problems.length) throw new SourcesFileError(file, problems);
  return sources;
}

export function loadSources(file: string): Source[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SourcesFileError(file, [`cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  return parseSources(text, file);
}
