/**
 * The periods the map, the dashboard and the lists are shown for: the last 12 weeks, a financial year
 * (1 April to 31 March; the current one unless another is asked for), or dates chosen. Always whole
 * London days, as instants [from, to) so a Query's range is exact.
 *
 *   periodFor({ kind: 'financial-year' }, now)  // { from: '2026-03-31T23:00:00.000Z', to: '2027-03-31T23:00:00.000Z', label: '2026 to 2027 financial year', ... }
 *   targetFor(period, 2)                        // visits each council area needs in the period (pro rata)
 */
import * as z from 'zod/mini';
import { londonDay, londonDayStart } from '../core/time.js';
import { inPlatformYears, isoDay, PLATFORM_YEARS } from '../core/validation.js';

export type PeriodChoice = { kind: 'last-12-weeks' } | { kind: 'financial-year'; startYear?: number } | { kind: 'dates'; from: string; to: string };

export interface Period {
  choice: PeriodChoice;
  /** Start instant (a London midnight). */
  from: string;
  /** End instant, exclusive (the London midnight after the last day). */
  to: string;
  firstDay: string;
  lastDay: string;
  days: number;
  label: string;
}

const DAY_MS = 86_400_000;

export const addDays = (day: string, days: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayText = (day: string) => longDate.format(new Date(`${day}T12:00:00Z`));

/** The financial year (its starting calendar year) that a London day falls in. */
export const financialYearOf = (day: string) => (day.slice(5) >= '04-01' ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1);

/** The most days a chosen period may span: long enough for several years' reports. */
export const MAX_PERIOD_DAYS = 5 * 366;

/** Days from `firstDay` to `lastDay`, both counted. */
const daysFrom = (firstDay: string, lastDay: string) => Math.round((Date.parse(`${lastDay}T12:00:00Z`) - Date.parse(`${firstDay}T12:00:00Z`)) / DAY_MS) + 1;

export function periodFor(choice: PeriodChoice, now: Date = new Date()): Period {
  const today = londonDay(now);
  let firstDay: string;
  let lastDay: string;
  let label: string;
  if (choice.kind === 'last-12-weeks') {
    firstDay = addDays(today, -83);
    lastDay = today;
    label = 'the last 12 weeks';
  } else if (choice.kind === 'financial-year') {
    const year = choice.startYear ?? financialYearOf(today);
    firstDay = `${year}-04-01`;
    lastDay = `${year + 1}-03-31`;
    label = `the ${year} to ${year + 1} financial year`;
  } else {
    firstDay = choice.from;
    lastDay = choice.to;
    label = firstDay === lastDay ? dayText(firstDay) : `${dayText(firstDay)} to ${dayText(lastDay)}`;
  }
  const from = londonDayStart(firstDay).toISOString();
  const to = londonDayStart(addDays(lastDay, 1)).toISOString();
  const days = daysFrom(firstDay, lastDay);
  return { choice, from, to, firstDay, lastDay, days, label };
}

/**
 * Visits each council area needs in the period to be on course for `perYear` a year: the yearly
 * target for a year (or longer, pro rata), and for a shorter period its share, at least one.
 */
export function targetFor(period: Pick<Period, 'days'>, perYear: number): number {
  if (perYear <= 0) return 0;
  return Math.max(1, Math.ceil((perYear * period.days) / 365.25 - 0.05));
}

const day = isoDay('Enter a date like 2026-04-01');

/** The period as a query string gives it (`period`, `year`, `from`, `to`), for the API. */
export const periodQuery = {
  period: z.optional(z.enum(['last-12-weeks', 'financial-year', 'dates'], { error: 'Choose last-12-weeks, financial-year or dates' })),
  year: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{4}$/, { error: 'Give the year the financial year starts in, like 2026' })),
      z.pipe(z.transform(Number), z.int().check(z.gte(2000, { error: 'Give a year from 2000' }), z.lte(2100, { error: 'Give a year up to 2100' }))),
    ),
  ),
  from: z.optional(day),
  to: z.optional(day),
};

type PeriodQuery = { period?: 'last-12-weeks' | 'financial-year' | 'dates'; year?: number; from?: string; to?: string };

/** The query's choice, or the field errors (by query field) that say what is wrong. */
export function choiceFromQuery(query: PeriodQuery): { choice: PeriodChoice } | { errors: Array<{ field: string; message: string }> } {
  const kind = query.period ?? (query.from || query.to ? 'dates' : 'financial-year');
  if (kind === 'last-12-weeks') return { choice: { kind } };
  if (kind === 'financial-year') return { choice: query.year ? { kind, startYear: query.year } : { kind } };
  const errors: Array<{ field: string; message: string }> = [];
  if (!query.from) errors.push({ field: 'from', message: 'Enter the first day of the period' });
  if (!query.to) errors.push({ field: 'to', message: 'Enter the last day of the period' });
  // Checked here too, whatever read the days: a day outside the platform's years cannot be computed with.
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value && !inPlatformYears(value)) errors.push({ field, message: `Give a date between the years ${PLATFORM_YEARS.first} and ${PLATFORM_YEARS.last}` });
  }
  if (query.from && query.to && !errors.length) {
    if (query.to < query.from) errors.push({ field: 'to', message: 'The last day must be the same as or after the first day' });
    else if (daysFrom(query.from, query.to) > MAX_PERIOD_DAYS) errors.push({ field: 'to', message: 'Choose a period of up to 5 years' });
  }
  return errors.length ? { errors } : { choice: { kind: 'dates', from: query.from!, to: query.to! } };
}

/** The choice as query parameters, e.g. for the map's data endpoint and CSV links. */
export function choiceToQuery(choice: PeriodChoice): Record<string, string> {
  if (choice.kind === 'last-12-weeks') return { period: choice.kind };
  if (choice.kind === 'financial-year') return { period: choice.kind, ...(choice.startYear ? { year: String(choice.startYear) } : {}) };
  return { period: choice.kind, from: choice.from, to: choice.to };
}

/** London calendar months (`YYYY-MM`) from the month of `firstDay` to the month of `lastDay`. */
export function monthsBetween(firstDay: string, lastDay: string): string[] {
  const months: string[] = [];
  let [y, m] = firstDay.split('-').map(Number) as [number, number];
  const last = lastDay.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** The first day of the month after `month` (`YYYY-MM` → `YYYY-MM-01`). */
export const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * The period cut into whole London months (read from the monthly summaries) and the days at either
 * end that do not make a whole month (counted from the visits themselves).
 */
export function splitByMonth(period: Pick<Period, 'firstDay' | 'lastDay'>): { wholeMonths: string[]; edges: Array<{ firstDay: string; lastDay: string }> } {
  const months = monthsBetween(period.firstDay, period.lastDay);
  const whole = months.filter((m) => `${m}-01` >= period.firstDay && addDays(nextMonthStart(m), -1) <= period.lastDay);
  if (!whole.length) return { wholeMonths: [], edges: [{ firstDay: period.firstDay, lastDay: period.lastDay }] };
  const edges: Array<{ firstDay: string; lastDay: string }> = [];
  const wholeFirst = `${whole[0]}-01`;
  const wholeAfter = nextMonthStart(whole.at(-1)!);
  if (period.firstDay < wholeFirst) edges.push({ firstDay: period.firstDay, lastDay: addDays(wholeFirst, -1) });
  if (period.lastDay >= wholeAfter) edges.push({ firstDay: wholeAfter, lastDay: period.lastDay });
  return { wholeMonths: whole, edges };
}

/** A range of whole London days as instants [from, to). */
export const dayRange = (r: { firstDay: string; lastDay: string }) => ({ from: londonDayStart(r.firstDay).toISOString(), to: londonDayStart(addDays(r.lastDay, 1)).toISOString() });
