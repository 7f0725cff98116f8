/**
 * Reading the dates and times people type into forms, forgivingly. The conversion between a
 * London clock and UTC instants lives in functions/core/time.ts and is re-exported here for the forms.
 */
export { localLondonToUtcIso, utcIsoToLondonFields } from '../time.js';

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
