// When a known document is fetched again (conditional GET): recent documents often, old ones
// rarely. A document's age is counted from its publish date, or from when silkwatch first saw it
// when the page states no date. The schedule is a list of tiers "younger than AGE: every
// INTERVAL", written compactly as `7d:1h,30d:6h,365d:24h,*:7d` (the default).
//
// Units: s, m, h, d, w (weeks). Ages must grow from tier to tier; the last tier is `*` (any age).

export interface RecheckTier {
  /** Documents younger than this (ms) use this tier; Infinity for the last one (`*`). */
  maxAgeMs: number;
  intervalMs: number;
}

export interface RecheckPolicy {
  tiers: RecheckTier[];
}

export class RecheckPolicyError extends Error {
  override name = 'RecheckPolicyError';
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export const DEFAULT_RECHECK_SPEC = '7d:1h,30d:6h,365d:24h,*:7d';

function parseDuration(text: string, what: string, tier: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (!m) throw new RecheckPolicyError(`recheck schedule: ${what} "${text.trim()}" in "${tier}" is not a duration; expected a number and a unit (s, m, h, d, w), e.g. 6h or 30d`);
  const ms = Number(m[1]) * UNIT_MS[m[2].toLowerCase()];
  if (!(ms > 0)) throw new RecheckPolicyError(`recheck schedule: ${what} in "${tier}" must be greater than zero`);
  return ms;
}

/** Parses `7d:1h,30d:6h,365d:24h,*:7d`; every mistake is reported with the tier it is in. */
export function parseRecheckPolicy(spec: string): RecheckPolicy {
  const parts = spec.split(',').map((p) => p.trim());
  if (!spec.trim() || parts.some((p) => !p)) {
    throw new RecheckPolicyError(`recheck schedule: expected comma-separated tiers AGE:INTERVAL ending with *:INTERVAL, e.g. ${DEFAULT_RECHECK_SPEC}; got "${spec}"`);
  }
  const tiers: RecheckTier[] = [];
  parts.forEach((part, i) => {
    const pieces = part.split(':');
    if (pieces.length !== 2) throw new RecheckPolicyError(`recheck schedule: "${part}" is not AGE:INTERVAL (e.g. 30d:6h)`);
    const [age, interval] = pieces.map((p) => p.trim());
    const last = i === parts.length - 1;
    if (age === '*') {
      if (!last) throw new RecheckPolicyError(`recheck schedule: "*" (any age) must be the last tier, found in "${part}"`);
      tiers.push({ maxAgeMs: Infinity, intervalMs: parseDuration(interval, 'the interval', part) });
      return;
    }
    const maxAgeMs = parseDuration(age, 'the age', part);
    const previous = tiers[tiers.length - 1];
    if (previous && maxAgeMs <= previous.maxAgeMs) throw new RecheckPolicyError(`recheck schedule: ages must grow from tier to tier; "${part}" is not older than "${parts[i - 1]}"`);
    tiers.push({ maxAgeMs, intervalMs: parseDuration(interval, 'the interval', part) });
  });
  if (tiers[tiers.length - 1].maxAgeMs !== Infinity) {
    throw new RecheckPolicyError(`recheck schedule: the last tier must be "*:INTERVAL" (documents of any older age), e.g. *:7d`);
  }
  return { tiers };
}

function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's']) {
    const n = ms / UNIT_MS[unit];
    if (Number.isInteger(n)) return `${n}${unit}`;
  }
  return `${ms / 1000}s`;
}

/** The compact form of a policy (parseRecheckPolicy's inverse, in the largest whole units). */
export function formatRecheckPolicy(policy: RecheckPolicy): string {
  return policy.tiers.map((t) => `${t.maxAgeMs === Infinity ? '*' : formatDuration(t.maxAgeMs)}:${formatDuration(t.intervalMs)}`).join(',');
}

/** < 7 days: every hour; < 30 days: every 6 h; < 1 year: daily; older: weekly. */
export const DEFAULT_RECHECK_POLICY: RecheckPolicy = parseRecheckPolicy(DEFAULT_RECHECK_SPEC);

/**
 * How long after its last check a document is due again. Age = now − publish date (or first seen
 * when the page has no date); a date in the future counts as age 0.
 */
export function recheckIntervalMs(published: Date | null, firstSeen: Date, now: Date, policy: RecheckPolicy = DEFAULT_RECHECK_POLICY): number {
  const from = published ?? firstSeen;
  const age = Math.max(0, now.getTime() - from.getTime());
  for (const tier of policy.tiers) if (age < tier.maxAgeMs) return tier.intervalMs;
  return policy.tiers[policy.tiers.length - 1].intervalMs;
}

/** Whether a known document should be fetched again now; never checked means due. */
export function isDue(doc: { lastCheckedAt: Date | null; published: Date | null; firstSeenAt: Date }, now: Date, policy: RecheckPolicy = DEFAULT_RECHECK_POLICY): boolean {
  if (!doc.lastCheckedAt) return true;
  return now.getTime() - doc.lastCheckedAt.getTime() >= recheckIntervalMs(doc.published, doc.firstSeenAt, now, policy);
}
