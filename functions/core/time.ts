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

const offsetParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** Minutes London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  const p = Object.fromEntries(offsetParts.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return (Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!) - Math.floor(instant / 60_000) * 60_000) / 60_000;
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

/** The London calendar day (`YYYY-MM-DD`) of an instant. */
export function londonDay(instant: Date): string {
  const p = Object.fromEntries(offsetParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']!.padStart(2, '0')}-${p['day']!.padStart(2, '0')}`;
}
