// Subscribers and their subscriptions (filters + cadence). The CLI's `subscribe`,
// `subscriptions`, `unsubscribe`, `subscriptions import` and `digests`, and the demo, all come
// through here. Validation errors are UsageErrors (exit 2) naming the flag (or, for a YAML
// file, the entry and key), the value and what is expected.
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../config/errors.js';
import { TOPIC_IDS } from '../seeds/schema.js';
import type { Db } from './client.js';

export type CadenceName = 'immediate' | 'daily' | 'weekly';
export const CADENCES: readonly CadenceName[] = ['immediate', 'daily', 'weekly'];
export const LANGUAGES = ['en', 'zh'] as const;
export const DEFAULT_TZ = 'Asia/Shanghai';
export const DEFAULT_SEND_AT = '08:00';
/** Weekday names as `--day` takes them; index = the stored weekday (0 = Sunday … 6 = Saturday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface NewSubscription {
  email: string;
  cadence: CadenceName;
  topics?: string[];
  regions?: string[];
  sources?: string[];
  languages?: string[];
  minScore?: number | null;
  tz?: string;
  sendAt?: string;
  weekday?: number | null;
  createdAt?: Date;
}

export async function createSubscription(db: Db, s: NewSubscription) {
  const subscriber = await db.subscriber.upsert({ where: { email: s.email.toLowerCase() }, create: { email: s.email.toLowerCase() }, update: {} });
  return db.subscription.create({
    data: {
      subscriberId: subscriber.id,
      cadence: s.cadence,
      topics: s.topics ?? [],
      regions: s.regions ?? [],
      sources: s.sources ?? [],
      languages: s.languages ?? [],
      minScore: s.minScore ?? null,
      tz: s.tz ?? DEFAULT_TZ,
      sendAt: s.sendAt ?? DEFAULT_SEND_AT,
      weekday: s.weekday ?? null,
      ...(s.createdAt ? { createdAt: s.createdAt } : {}),
    },
  });
}

// -- validation -------------------------------------------------------------------------------
// Each helper takes the label to name in its error ("--tz" on the command line, `subscription #2
// (a@b.org): tz` in a YAML file) and returns the normalised value.

class ValidationError extends UsageError {}
const fail = (label: string, value: unknown, expected: string): never => {
  throw new ValidationError(`${label}: ${typeof value === 'string' ? `"${value}"` : JSON.stringify(value)}: expected ${expected}`);
};

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function validateEmail(value: string, label = '--email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email) || email.split('@')[0].length > 64) fail(label, value, 'an email address such as name@example.org');
  return email;
}

export function validateTimeZone(value: string, label = '--tz'): string {
  const tz = value.trim();
  // Offsets ("+08:00") are not zones: a zone knows its daylight-saving rules.
  if (!tz || /^[+-]/.test(tz)) fail(label, value, 'an IANA time zone such as Asia/Shanghai or Europe/Berlin');
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return fail(label, value, 'an IANA time zone such as Asia/Shanghai or Europe/Berlin');
  }
}

export function validateSendAt(value: string, label = '--at'): string {
  const m = value.trim().match(/^([01]?\d|2[0-3]):([0-5]\d)$/);
  if (!m) fail(label, value, 'a time HH:MM between 00:00 and 23:59, e.g. 08:00');
  return `${m![1].padStart(2, '0')}:${m![2]}`;
}

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function validateWeekday(value: string, label = '--day'): number {
  const v = value.trim().toLowerCase();
  const i = WEEKDAYS.findIndex((d, n) => v === d || v === WEEKDAY_NAMES[n]);
  if (i < 0) fail(label, value, 'a weekday: mon, tue, wed, thu, fri, sat or sun');
  return i;
}

export const weekdayName = (n: number | null): string | null => (n === null ? null : (WEEKDAYS[n] ?? String(n)));

export function validateMinScore(value: string | number, label = '--min-score'): number {
  const n = typeof value === 'number' ? value : String(value).trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(label, value, 'a number between 0 and 1, e.g. 0.6');
  return n;
}

export function validateCadence(value: string, label = '--cadence'): CadenceName {
  const v = value.trim().toLowerCase();
  if (!(CADENCES as readonly string[]).includes(v)) fail(label, value, `one of ${CADENCES.join(', ')}`);
  return v as CadenceName;
}

/** A comma-separated string or a list → distinct trimmed non-empty items. */
function items(value: string | readonly unknown[], label: string): string[] {
  const raw = typeof value === 'string' ? value.split(',') : value;
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') fail(label, item, 'a list of strings');
    const s = (item as string).trim();
    if (s && !out.includes(s)) out.push(s);
  }
  if (!out.length) fail(label, value, 'a comma-separated list');
  return out;
}

function oneOf(value: string | readonly unknown[], label: string, allowed: readonly string[], what: string): string[] {
  const list = items(value, label);
  const bad = list.filter((i) => !allowed.includes(i));
  if (bad.length) {
    throw new ValidationError(`${label}: unknown ${what} ${bad.map((b) => `"${b}"`).join(', ')}; expected some of ${allowed.join(', ') || '(none)'}`);
  }
  return list;
}

export const validateTopics = (value: string | readonly unknown[], label = '--topics') => oneOf(value, label, TOPIC_IDS, 'topic');
export const validateLanguages = (value: string | readonly unknown[], label = '--lang') => oneOf(value, label, LANGUAGES, 'language');
export const validateSources = (value: string | readonly unknown[], validSources: readonly string[], label = '--sources') =>
  oneOf(value, label, validSources, 'source id');

/** Regions are free text matched against the sources' `region`, which is lower case. */
export function validateRegions(value: string | readonly unknown[], label = '--regions'): string[] {
  return [...new Set(items(value, label).map((r) => r.toLowerCase()))];
}

/** What the command line (or one YAML entry) says, before validation. */
export interface SubscriptionInput {
  email: string;
  cadence: string;
  topics?: string | readonly unknown[];
  regions?: string | readonly unknown[];
  sources?: string | readonly unknown[];
  lang?: string | readonly unknown[];
  tz?: string;
  at?: string | number;
  day?: string;
  minScore?: string | number;
}

export type SourceIds = readonly string[] | (() => readonly string[]);

/**
 * Validates one subscription as a whole. `label(key)` names a field in errors; the cross-field
 * rules: `day` only with weekly (weekly defaults to mon), `at` not with immediate.
 */
export function validateSubscription(input: SubscriptionInput, opts: { validSources: SourceIds; label?: (key: keyof SubscriptionInput) => string }): NewSubscription {
  const label = opts.label ?? ((key) => `--${key === 'minScore' ? 'min-score' : key}`);
  const str = (key: keyof SubscriptionInput) => {
    const v = input[key];
    if (typeof v !== 'string') fail(label(key), v, 'a string');
    return v as string;
  };
  if (input.email === undefined) throw new ValidationError(`${label('email')}: missing; expected an email address`);
  if (input.cadence === undefined) throw new ValidationError(`${label('cadence')}: missing; expected one of ${CADENCES.join(', ')}`);
  const email = validateEmail(str('email'), label('email'));
  const cadence = validateCadence(str('cadence'), label('cadence'));
  const out: NewSubscription = { email, cadence, tz: DEFAULT_TZ, sendAt: DEFAULT_SEND_AT, weekday: null, minScore: null };
  if (input.topics !== undefined) out.topics = validateTopics(input.topics, label('topics'));
  if (input.regions !== undefined) out.regions = validateRegions(input.regions, label('regions'));
  if (input.sources !== undefined) {
    const valid = typeof opts.validSources === 'function' ? opts.validSources() : opts.validSources;
    out.sources = validateSources(input.sources, valid, label('sources'));
  }
  if (input.lang !== undefined) out.languages = validateLanguages(input.lang, label('lang'));
  if (input.tz !== undefined) out.tz = validateTimeZone(str('tz'), label('tz'));
  if (input.minScore !== undefined) out.minScore = validateMinScore(input.minScore, label('minScore'));
  if (input.at !== undefined) {
    const at = typeof input.at === 'number' ? sexagesimal(input.at) : str('at');
    if (cadence === 'immediate') throw new ValidationError(`${label('at')}: not with cadence immediate (immediate digests go out as events arrive); use it with daily or weekly`);
    out.sendAt = validateSendAt(at, label('at'));
  }
  if (input.day !== undefined) {
    if (cadence !== 'weekly') throw new ValidationError(`${label('day')}: only with cadence weekly (this subscription is ${cadence})`);
    out.weekday = validateWeekday(str('day'), label('day'));
  } else if (cadence === 'weekly') {
    out.weekday = 1; // mon
  }
  return out;
}

/** YAML 1.1 reads an unquoted 08:00 as a base-60 number (480); YAML 1.2 (our parser) does not, but be safe. */
function sexagesimal(n: number): string {
  return `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
}

// -- listing ----------------------------------------------------------------------------------

export interface SubscriptionRow {
  id: number;
  email: string;
  topics: string[];
  regions: string[];
  sources: string[];
  languages: string[];
  minScore: number | null;
  cadence: CadenceName;
  tz: string;
  /** HH:MM local; null for immediate subscriptions (they do not wait for a time). */
  sendAt: string | null;
  /** mon … sun for weekly subscriptions, else null. */
  weekday: string | null;
  active: boolean;
  createdAt: string;
  lastDigest: { id: number; periodKey: string; status: string; sentAt: string | null; error: string | null } | null;
}

export async function listSubscriptions(db: Db, opts: { email?: string; activeOnly?: boolean } = {}): Promise<SubscriptionRow[]> {
  const rows = await db.subscription.findMany({
    where: { ...(opts.email ? { subscriber: { email: opts.email.toLowerCase() } } : {}), ...(opts.activeOnly ? { active: true } : {}) },
    include: { subscriber: true, digests: { orderBy: { id: 'desc' }, take: 1 } },
    orderBy: { id: 'asc' },
  });
  return rows.map((s) => {
    const d = s.digests[0];
    return {
      id: s.id,
      email: s.subscriber.email,
      topics: s.topics,
      regions: s.regions,
      sources: s.sources,
      languages: s.languages,
      minScore: s.minScore,
      cadence: s.cadence,
      tz: s.tz,
      sendAt: s.cadence === 'immediate' ? null : s.sendAt,
      weekday: s.cadence === 'weekly' ? weekdayName(s.weekday ?? 1) : null,
      active: s.active,
      createdAt: s.createdAt.toISOString(),
      lastDigest: d ? { id: d.id, periodKey: d.periodKey, status: d.status, sentAt: d.sentAt?.toISOString() ?? null, error: d.error } : null,
    };
  });
}

type Describable = { cadence: string; tz: string; sendAt: string | null; weekday: number | string | null; topics: string[]; regions: string[]; sources: string[]; languages: string[]; minScore: number | null };

/** "topics trade,green; regions shanghai", or "all policy events" without filters. */
export function describeFilters(s: Pick<Describable, 'topics' | 'regions' | 'sources' | 'languages' | 'minScore'>): string {
  const filters = [
    s.topics.length ? `topics ${s.topics.join(',')}` : '',
    s.regions.length ? `regions ${s.regions.join(',')}` : '',
    s.sources.length ? `sources ${s.sources.join(',')}` : '',
    s.languages.length ? `lang ${s.languages.join(',')}` : '',
    s.minScore !== null ? `min-score ${s.minScore}` : '',
  ].filter(Boolean);
  return filters.length ? filters.join('; ') : 'all policy events';
}

/** One line: "daily 08:00 Asia/Shanghai; topics trade,green; regions shanghai". */
export function describeSubscription(s: Describable): string {
  const day = typeof s.weekday === 'number' ? weekdayName(s.weekday) : s.weekday;
  const when = s.cadence === 'immediate' ? `immediate (${s.tz})` : s.cadence === 'weekly' ? `weekly ${day ?? 'mon'} ${s.sendAt} ${s.tz}` : `daily ${s.sendAt} ${s.tz}`;
  return `${when}; ${describeFilters(s)}`;
}

// -- unsubscribe ------------------------------------------------------------------------------

/**
 * Deactivates every subscription of `email` (or only subscription `id`, which must be the
 * email's). Nothing is deleted: digests keep their subscription. Returns the ids deactivated
 * (already inactive ones are left as they are and not returned).
 */
export async function unsubscribe(db: Db, args: { email: string; id?: number }): Promise<{ deactivated: number[]; alreadyInactive: number[] }> {
  const email = validateEmail(args.email);
  const subscriber = await db.subscriber.findUnique({ where: { email }, include: { subscriptions: { orderBy: { id: 'asc' } } } });
  if (!subscriber) throw new ValidationError(`--email: no subscriber "${email}"`);
  let subs = subscriber.subscriptions;
  if (args.id !== undefined) {
    subs = subs.filter((s) => s.id === args.id);
    if (!subs.length) {
      throw new ValidationError(`--id: ${args.id} is not a subscription of ${email}; theirs: ${subscriber.subscriptions.map((s) => s.id).join(', ') || '(none)'}`);
    }
  }
  const toDeactivate = subs.filter((s) => s.active).map((s) => s.id);
  if (toDeactivate.length) await db.subscription.updateMany({ where: { id: { in: toDeactivate } }, data: { active: false } });
  return { deactivated: toDeactivate, alreadyInactive: subs.filter((s) => !s.active).map((s) => s.id) };
}

// -- import from YAML -------------------------------------------------------------------------

const ENTRY_KEYS = ['email', 'topics', 'regions', 'sources', 'lang', 'cadence', 'tz', 'at', 'day', 'minScore'] as const;

export interface ImportReport {
  created: number[];
  unchanged: number[];
}

const sorted = (a: readonly string[]) => [...a].sort();
const sameList = (a: readonly string[], b: readonly string[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** Whether a stored subscription already says what `s` says. */
function sameSubscription(
  row: { cadence: string; topics: string[]; regions: string[]; sources: string[]; languages: string[]; minScore: number | null; tz: string; sendAt: string; weekday: number | null },
  s: NewSubscription,
): boolean {
  return (
    row.cadence === s.cadence &&
    sameList(row.topics, s.topics ?? []) &&
    sameList(row.regions, s.regions ?? []) &&
    sameList(row.sources, s.sources ?? []) &&
    sameList(row.languages, s.languages ?? []) &&
    (row.minScore ?? null) === (s.minScore ?? null) &&
    row.tz === (s.tz ?? DEFAULT_TZ) &&
    // Send time and weekday mean nothing for immediate subscriptions, the weekday nothing for daily ones.
    (s.cadence === 'immediate' || row.sendAt === (s.sendAt ?? DEFAULT_SEND_AT)) &&
    (s.cadence !== 'weekly' || (row.weekday ?? 1) === (s.weekday ?? 1))
  );
}

/** Parses and validates a subscriptions file; every problem is reported, naming the entry and key. */
export function parseSubscriptionsFile(text: string, file: string, opts: { validSources: SourceIds }): NewSubscription[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ValidationError(`bad subscriptions file ${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const bad = (problems: string[]) => new ValidationError(`bad subscriptions file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray((doc as { subscriptions?: unknown }).subscriptions)) {
    throw bad(['expected a top-level "subscriptions:" list']);
  }
  const problems = Object.keys(doc).filter((k) => k !== 'subscriptions').map((k) => `unknown top-level key "${k}"`);
  let sources: readonly string[] | undefined;
  const validSources = () => (sources ??= typeof opts.validSources === 'function' ? opts.validSources() : opts.validSources);
  const out: NewSubscription[] = [];
  (doc as { subscriptions: unknown[] }).subscriptions.forEach((entry, index) => {
    const email = entry && typeof entry === 'object' && typeof (entry as { email?: unknown }).email === 'string' ? (entry as { email: string }).email : null;
    const name = `subscription #${index + 1}${email ? ` (${email})` : ''}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${name}: expected a mapping with email, cadence and optional topics, regions, sources, lang, tz, at, day, minScore`);
      return;
    }
    const unknown = Object.keys(entry).filter((k) => !(ENTRY_KEYS as readonly string[]).includes(k));
    for (const key of unknown) problems.push(`${name}: unknown key "${key}"; expected ${ENTRY_KEYS.join(', ')}`);
    if (unknown.length) return;
    const input = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as unknown as SubscriptionInput; // `topics: []` = no filter
    try {
      out.push(validateSubscription(input, { validSources, label: (key) => `${name}: ${key}` }));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      problems.push(err.message);
    }
  });
  if (problems.length) throw bad(problems);
  return out;
}

/**
 * Creates the subscriptions a YAML file lists. Idempotent: an entry for which the same email
 * already has an identical active subscription is left unchanged (so is a duplicate entry in
 * the file). Nothing is written when any entry is invalid.
 */
export async function importSubscriptions(db: Db, yamlText: string, file: string, opts: { validSources: SourceIds }): Promise<ImportReport> {
  const entries = parseSubscriptionsFile(yamlText, file, opts);
  const report: ImportReport = { created: [], unchanged: [] };
  await db.$transaction(async (tx) => {
    for (const s of entries) {
      const r = await ensureSubscription(tx as unknown as Db, s);
      (r.created ? report.created : report.unchanged).push(r.subscription.id);
    }
  }, { timeout: 60_000 });
  return report;
}

/** The email's identical active subscription if there is one, else a new one. */
export async function ensureSubscription(db: Db, s: NewSubscription) {
  const existing = await db.subscription.findMany({ where: { active: true, subscriber: { email: s.email.toLowerCase() } }, orderBy: { id: 'asc' } });
  const same = existing.find((row) => sameSubscription(row, s));
  if (same) return { subscription: same, created: false };
  return { subscription: await createSubscription(db, s), created: true };
}

// -- digests ----------------------------------------------------------------------------------

export interface DigestRow {
  id: number;
  subscriptionId: number;
  email: string;
  periodKey: string;
  status: string;
  items: number;
  attempts: number;
  dueAt: string;
  sentAt: string | null;
  error: string | null;
}

export async function listDigests(db: Db, opts: { failed?: boolean } = {}): Promise<DigestRow[]> {
  const rows = await db.digest.findMany({
    where: opts.failed ? { status: 'FAILED' } : {},
    include: { subscription: { include: { subscriber: true } }, _count: { select: { items: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((d) => ({
    id: d.id,
    subscriptionId: d.subscriptionId,
    email: d.subscription.subscriber.email,
    periodKey: d.periodKey,
    status: d.status,
    items: d._count.items,
    attempts: d.attempts,
    dueAt: d.dueAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
    error: d.error,
  }));
}
