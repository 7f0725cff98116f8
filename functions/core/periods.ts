/**
 * The periods the office reports in: financial years (1 April to 31 March) and their quarters, in
 * London time. A quarter's id names its financial year and its number, as the Panel's papers do:
 * `2026-27-Q3` is October to December 2026. Start and end are the London midnights around it, as
 * ISO instants [start, end), so a Query's range is exact whether the clocks say GMT or BST.
 *
 *   quarterById('2026-27-Q3')            // { label: 'October to December 2026', start: '2026-09-30T23:00:00.000Z', end: '2027-01-01T00:00:00.000Z', ... }
 *   previousQuarter(q).id                // '2026-27-Q2'
 *   sameQuarterLastYear(q).id            // '2025-26-Q3'
 *   lastQuarters(8, q).map((x) => x.id)  // oldest first, ending with '2026-27-Q3'
 *   parseQuarterId(query.quarter)        // { quarter } or { errors: [{ field: 'quarter', message }] }
 */
import * as z from 'zod/mini';
import { londonDay, londonDayStart } from './time.js';
import type { FieldError } from './refusal.js';
import { fieldErrors } from './validation.js';

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface FinancialYear {
  /** `2026-27`. */
  id: string;
  /** The calendar year it starts in (2026 for April 2026 to March 2027). */
  startYear: number;
  /** "2026 to 2027" (GOV.UK style for a financial year). */
  label: string;
  firstDay: string;
  lastDay: string;
  /** London midnight starting 1 April. */
  start: string;
  /** London midnight starting the next 1 April (exclusive). */
  end: string;
}

export interface Quarter {
  /** `2026-27-Q3`. */
  id: string;
  financialYear: FinancialYear;
  number: QuarterNumber;
  /** "October to December 2026". */
  label: string;
  /** "Oct to Dec 2026", for chart axes. */
  shortLabel: string;
  firstDay: string;
  lastDay: string;
  start: string;
  end: string;
}

/** Years an id may name: wide enough for any report the platform will hold, narrow enough to catch typos. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2098;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

/** The day after a `YYYY-MM-DD` day. */
const nextDay = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const instant = (day: string) => londonDayStart(day).toISOString();

export const financialYearId = (startYear: number) => `${startYear}-${two((startYear + 1) % 100)}`;

export function financialYear(startYear: number): FinancialYear {
  checkYear(startYear);
  const firstDay = `${startYear}-04-01`;
  const lastDay = `${startYear + 1}-03-31`;
  return { id: financialYearId(startYear), startYear, label: `${startYear} to ${startYear + 1}`, firstDay, lastDay, start: instant(firstDay), end: instant(nextDay(lastDay)) };
}

/** Quarter `number` of the financial year starting in `startYear`: Q1 April to June ... Q4 January to March. */
export function quarter(startYear: number, number: QuarterNumber): Quarter {
  const year = financialYear(startYear);
  // Q1 starts in April (month 4), Q4 in the January after.
  const firstMonth = ((number - 1) * 3 + 3) % 12 + 1;
  const calendarYear = number === 4 ? startYear + 1 : startYear;
  const lastMonth = firstMonth + 2;
  const firstDay = `${calendarYear}-${two(firstMonth)}-01`;
  const lastDay = `${calendarYear}-${two(lastMonth)}-${two(lastDayOfMonth(calendarYear, lastMonth))}`;
  const [from, to] = [MONTHS[firstMonth - 1]!, MONTHS[lastMonth - 1]!];
  return {
    id: `${year.id}-Q${number}`,
    financialYear: year,
    number,
    label: `${from} to ${to} ${calendarYear}`,
    shortLabel: `${from.slice(0, 3)} to ${to.slice(0, 3)} ${calendarYear}`,
    firstDay,
    lastDay,
    start: instant(firstDay),
    end: instant(nextDay(lastDay)),
  };
}

/** The financial year a London calendar day (`YYYY-MM-DD`) falls in. */
const startYearOfDay = (day: string) => (day.slice(5) >= '04-01' ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1);

/** The quarter of a London day: 1 for April to June. */
const quarterNumberOfDay = (day: string) => ((Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 3) % 4) + 1;

/** The financial year containing an instant, read on London's calendar (31 March 11:30pm BST is still March). */
export function financialYearContaining(at: Date | string): FinancialYear {
  return financialYear(startYearOfDay(londonDay(new Date(at))));
}

/** The quarter containing an instant, read on London's calendar. */
export function quarterContaining(at: Date | string): Quarter {
  const day = londonDay(new Date(at));
  return quarter(startYearOfDay(day), quarterNumberOfDay(day) as QuarterNumber);
}

/** The quarter `offset` quarters after (or, negative, before) this one. */
export function shiftQuarter(q: Pick<Quarter, 'financialYear' | 'number'>, offset: number): Quarter {
  const index = q.financialYear.startYear * 4 + (q.number - 1) + offset;
  return quarter(Math.floor(index / 4), ((index % 4) + 1) as QuarterNumber);
}

export const previousQuarter = (q: Quarter) => shiftQuarter(q, -1);
export const nextQuarter = (q: Quarter) => shiftQuarter(q, 1);
export const sameQuarterLastYear = (q: Quarter) => shiftQuarter(q, -4);

/** The `count` quarters ending with `latest`, oldest first (the order a chart reads). */
export function lastQuarters(count: number, latest: Quarter): Quarter[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Not a number of quarters: ${count}`);
  return Array.from({ length: count }, (_, i) => shiftQuarter(latest, i - count + 1));
}

/** The four quarters of a financial year, Q1 first. */
export const quartersOf = (year: FinancialYear) => ([1, 2, 3, 4] as const).map((n) => quarter(year.startYear, n));

/** The last quarter that has ended by `now`: the one a quarterly report is written about. */
export const lastCompleteQuarter = (now: Date = new Date()) => previousQuarter(quarterContaining(now));

function checkYear(startYear: number) {
  if (!Number.isInteger(startYear) || startYear < FIRST_YEAR || startYear > LAST_YEAR) {
    throw new RangeError(`A financial year must start in ${FIRST_YEAR} to ${LAST_YEAR}: ${startYear}`);
  }
}

const QUARTER_ID = /^(\d{4})-(\d{2})-Q([1-4])$/;
const YEAR_ID = /^(\d{4})-(\d{2})$/;
const QUARTER_FORMAT = 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)';
const YEAR_FORMAT = 'Enter a financial year like 2026-27';

/** The start year an id names, if its two years follow on and it is in range. */
function yearOfId(first: string, second: string): number | undefined {
  const start = Number(first);
  if (two((start + 1) % 100) !== second || start < FIRST_YEAR || start > LAST_YEAR) return undefined;
  return start;
}

const yearRule = (regex: RegExp) => (value: string) => {
  const m = value.match(regex);
  return !!m && yearOfId(m[1]!, m[2]!) !== undefined;
};

/** A quarter id (`2026-27-Q3`), trimmed; upper-cases a typed `q3`. */
export const quarterIdSchema = z.pipe(
  z.string({ error: QUARTER_FORMAT }).check(z.trim(), z.toUpperCase(), z.regex(QUARTER_ID, { error: QUARTER_FORMAT })),
  z.string().check(
    z.refine(yearRule(QUARTER_ID), { error: `The two years must follow on, like 2026-27, from ${FIRST_YEAR} to ${LAST_YEAR}` }),
  ),
);

/** A financial year id (`2026-27`). */
export const financialYearIdSchema = z.string({ error: YEAR_FORMAT }).check(
  z.trim(),
  z.regex(YEAR_ID, { error: YEAR_FORMAT }),
  z.refine(yearRule(YEAR_ID), { error: `The two years must follow on, like 2026-27, from ${FIRST_YEAR} to ${LAST_YEAR}` }),
);

/** A valid id → its quarter. Throws on an invalid id: read input with `parseQuarterId` instead. */
export function quarterById(id: string): Quarter {
  const m = id.match(QUARTER_ID);
  const start = m ? yearOfId(m[1]!, m[2]!) : undefined;
  if (!m || start === undefined) throw new RangeError(`Not a quarter id: ${id}`);
  return quarter(start, Number(m[3]) as QuarterNumber);
}

export function financialYearById(id: string): FinancialYear {
  const m = id.match(YEAR_ID);
  const start = m ? yearOfId(m[1]!, m[2]!) : undefined;
  if (!m || start === undefined) throw new RangeError(`Not a financial year id: ${id}`);
  return financialYear(start);
}

export type Parsed<T> = { ok: true; value: T; errors?: undefined } | { ok: false; errors: FieldError[]; value?: undefined };

/** Input (a query or form value) → the quarter, or the field error to show beside `field`. Never throws. */
export function parseQuarterId(input: unknown, field = 'quarter'): Parsed<Quarter> {
  const result = z.safeParse(quarterIdSchema, input);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues.slice(0, 1), field) };
  return { ok: true, value: quarterById(result.data) };
}

/** Input → the financial year, or the field error. Never throws. */
export function parseFinancialYearId(input: unknown, field = 'year'): Parsed<FinancialYear> {
  const result = z.safeParse(financialYearIdSchema, input);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues.slice(0, 1), field) };
  return { ok: true, value: financialYearById(result.data) };
}
