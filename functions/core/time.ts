/**
 * Times shown to people, always in Europe/London (GMT or BST as the date requires), whatever the
 * server's own time zone. Stored instants stay ISO 8601 UTC; only display goes through here.
 *
 *   formatLondon('2026-12-03T18:30:00.000Z') // "Thursday 3 December 2026, 6:30pm"
 */
export const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });

/** "6:30pm", "11am", "12pm" (GOV.UK style: lower-case am/pm, no ":00"). */
export function formatLondonTime(iso: string): string {
  const parts = timeParts.formatToParts(new Date(iso));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const period = (parts.find((p) => p.type === 'dayPeriod')?.value ?? '').toLowerCase().replace(/\./g, '');
  return `${hour}${minute === '00' ? '' : `:${minute}`}${period}`;
}

/** "Thursday 3 December 2026". */
export function formatLondonDate(iso: string): string {
  return dateFormat.format(new Date(iso)).replace(',', '');
}

/** "Thursday 3 December 2026, 6:30pm". */
export function formatLondon(iso: string): string {
  return `${formatLondonDate(iso)}, ${formatLondonTime(iso)}`;
}

/**
 * A time soon after `now`, as people read it in London: "6pm today", "12:27am tomorrow", otherwise
 * "2:30pm on Thursday 3 December 2026". For deadlines ("confirm by …"): the day is London's, not the
 * server's, and never assumed to be today.
 */
export function formatLondonFromNow(iso: string, now: Date = new Date()): string {
  const time = formatLondonTime(iso);
  const day = londonDay(new Date(iso));
  const today = londonDay(now);
  if (day === today) return `${time} today`;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  if (day === new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)) return `${time} tomorrow`;
  return `${time} on ${formatLondonDate(iso)}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (`YYYY-MM-DD`, such as an action's due date) as pages say it: "3 December 2026". */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

const clockParts = new Intl.DateTimeFormat('en-GB', {
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
  const p = Object.fromEntries(clockParts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { year: p['year']!, month: p['month']!, day: p['day']!, hour: p['hour']!, minute: p['minute']!, second: p['second']! };
}

/** Minutes London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(ms: number): number {
  const c = londonClock(ms);
  return (Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(ms / 1000) * 1000) / 60_000;
}

/** The instant a London calendar day (`YYYY-MM-DD`) starts, e.g. for "meetings from 1 April". */
export function londonDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  return new Date(utcMidnight - londonOffsetMinutes(utcMidnight) * 60_000);
}

/** The instant it is `hour:minute` in London on `day` (`YYYY-MM-DD`), e.g. a 6:30pm meeting. */
export function atLondonTime(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  return new Date(wall - londonOffsetMinutes(wall) * 60_000);
}

/**
 * The same London wall-clock time `months` calendar months later (or earlier). A day the target month
 * does not have becomes its last day (31 January + 1 month → 28 or 29 February); a time skipped when
 * the clocks go forward becomes the hour after it.
 *
 *   addLondonMonths('2026-07-01T19:00:00.000Z', 12) // '2027-07-01T19:00:00.000Z' (8pm BST both years)
 */
export function addLondonMonths(iso: string, months: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an instant: ${iso}`);
  const c = londonClock(ms);
  const monthIndex = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const wall = Date.UTC(year, month, Math.min(c.day, lastDay), c.hour, c.minute, c.second, ms - Math.floor(ms / 1000) * 1000);
  // The skipped hour: read as GMT, i.e. an hour later on the clock.
  return londonWallClockToIso(wall) ?? new Date(wall).toISOString();
}

/**
 * A London wall-clock reading (as if it were UTC milliseconds) → the ISO instant; undefined for the hour
 * skipped when the clocks go forward. BST is tried first, so the hour that repeats when the clocks go
 * back is read as its first (BST) instance.
 */
function londonWallClockToIso(wall: number): string | undefined {
  for (const offset of [60, 0]) {
    const candidate = wall - offset * 60_000;
    if (londonOffsetMinutes(candidate) === offset) return new Date(candidate).toISOString();
  }
  return undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The London calendar day (`YYYY-MM-DD`) of an instant. */
export function londonDay(instant: Date): string {
  const c = londonClock(instant.getTime());
  return `${c.year}-${two(c.month)}-${two(c.day)}`;
}

/**
 * `YYYY-MM-DD` and `HH:MM` on a London clock → the UTC instant, or undefined when the date is not
 * real or the time does not exist (the hour skipped when the clocks go forward). When the clocks go
 * back an hour repeats; the first (BST) reading is taken.
 *
 *   localLondonToUtcIso('2026-07-01', '18:30') // '2026-07-01T17:30:00.000Z' (BST)
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
  return londonWallClockToIso(wall);
}

/** A UTC instant → the London date and time fields a form shows, e.g. for editing a meeting. */
export function utcIsoToLondonFields(iso: string): { day: string; month: string; year: string; time: string } {
  const c = londonClock(new Date(iso).getTime());
  return { day: String(c.day), month: String(c.month), year: String(c.year), time: `${two(c.hour)}:${two(c.minute)}` };
}
