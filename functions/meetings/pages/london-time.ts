/**
 * Staff type dates and times as they read them on a UK clock; the domain stores UTC instants.
 * These convert between the two for the forms, getting GMT and BST right on any server time zone.
 *
 *   localLondonToUtcIso('2026-07-01', '18:30') // '2026-07-01T17:30:00.000Z' (BST)
 *   localLondonToUtcIso('2026-12-03', '18:30') // '2026-12-03T18:30:00.000Z' (GMT)
 */
import { LONDON } from '../../core/time.js';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock reading in London at an instant, as numbers. */
function londonClock(ms: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { year: p['year']!, month: p['month']!, day: p['day']!, hour: p['hour']!, minute: p['minute']!, second: p['second']! };
}

/** Minutes London is ahead of UTC at an instant: 0 (GMT) or 60 (BST). */
function londonOffsetMinutes(ms: number): number {
  const c = londonClock(ms);
  return (Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(ms / 1000) * 1000) / 60_000;
}

/**
 * `YYYY-MM-DD` and `HH:MM` on a London clock → the UTC instant, or undefined when the date is not
 * real or the time does not exist (the hour skipped when the clocks go forward). When the clocks go
 * back an hour repeats; the first (BST) reading is taken.
 */
export function localLondonToUtcIso(date: string, time: string): string | undefined {
  const d = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const t = time.match(/^(\d{2}):(\d{2})$/);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  for (const offset of [60, 0]) {
    const candidate = wall - offset * 60_000;
    if (londonOffsetMinutes(candidate) === offset) return new Date(candidate).toISOString();
  }
  return undefined;
}

/** A UTC instant → the London date and time fields a form shows, e.g. for editing a meeting. */
export function utcIsoToLondonFields(iso: string): { day: string; month: string; year: string; time: string } {
  const c = londonClock(new Date(iso).getTime());
  const two = (n: number) => String(n).padStart(2, '0');
  return { day: String(c.day), month: String(c.month), year: String(c.year), time: `${two(c.hour)}:${two(c.minute)}` };
}

/**
 * What people type for a time → `HH:MM`, forgivingly: `18:30`, `18.30`, `1830`, `6:30pm`, `6.30 pm`,
 * `6pm`, `12am`, `noon`, `midday`, `midnight`. Undefined when it is not a time.
 */
export function parseTime(text: string): string | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (s === 'noon' || s === 'midday') return '12:00';
  if (s === 'midnight') return '00:00';
  const m = s.match(/^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const period = m[3]?.replace(/\./g, '');
  if (minute > 59) return undefined;
  if (period) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (period === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Day, month and year fields (as typed) → `YYYY-MM-DD`, or undefined when they are not numbers. */
export function joinDate(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day, month, year].map((v) => v.trim());
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return undefined;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}
