// Digest periods, computed in the subscriber's time zone. Keys contain no ":" (they are part of
// BullMQ job ids): `i-<window start ms>` (immediate), `d-2024-04-08`, `w-2024-W15`. A daily or
// weekly key names the local date (or ISO week) on which the digest is sent.

export type Cadence = 'immediate' | 'daily' | 'weekly';

export interface Period {
  key: string;
  dueAt: Date;
}

/** Offset of `tz` from UTC at `instant`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, tz: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows `date` `time`. In a fall-back overlap the
 * first occurrence wins; a time skipped by spring-forward moves forward by the gap.
 */
export function zonedToUtc(date: { y: number; m: number; d: number }, time: { h: number; min: number }, tz: string): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d, time.h, time.min);
  const before = zoneOffsetMs(new Date(wall - 14 * 3600_000), tz);
  const after = zoneOffsetMs(new Date(wall + 14 * 3600_000), tz);
  const valid = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(new Date(t), tz) === wall).sort((a, b) => a - b);
  return new Date(valid[0] ?? wall - before);
}

function localDate(instant: Date, tz: string): { y: number; m: number; d: number; weekday: number } {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant, tz));
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day `instant` falls on in `tz`, YYYY-MM-DD. */
export function localDay(instant: Date, tz: string): string {
  const { y, m, d } = localDate(instant, tz);
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

export interface Schedule {
  cadence: Cadence;
  tz: string;
  sendAt: string; // HH:MM local
  weekday: number | null; // 0 = Sunday … 6 = Saturday, for weekly
}

/** The digest period an event seen at `now` belongs to, and when that digest is due. */
export function periodFor(schedule: Schedule, now: Date, immediateWindowMs: number): Period {
  if (schedule.cadence === 'immediate') {
    const start = immediateWindowMs > 0 ? Math.floor(now.getTime() / immediateWindowMs) * immediateWindowMs : now.getTime();
    return { key: `i-${start}`, dueAt: new Date(start + immediateWindowMs) };
  }
  const [h, min] = schedule.sendAt.split(':').map(Number);
  const today = localDate(now, schedule.tz);
  // Walk forward day by day (at most 8) to the first send time strictly after now.
  for (let offset = 0; offset < 9; offset++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + offset));
    const ymd = { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() };
    if (schedule.cadence === 'weekly' && day.getUTCDay() !== (schedule.weekday ?? 1)) continue;
    const dueAt = zonedToUtc(ymd, { h, min }, schedule.tz);
    if (dueAt.getTime() <= now.getTime()) continue;
    if (schedule.cadence === 'daily') return { key: `d-${ymd.y}-${pad(ymd.m)}-${pad(ymd.d)}`, dueAt };
    const wk = isoWeek(ymd.y, ymd.m, ymd.d);
    return { key: `w-${wk.year}-W${pad(wk.week)}`, dueAt };
  }
  throw new Error(`no send time found for ${JSON.stringify(schedule)}`);
}
