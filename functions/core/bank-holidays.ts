/**
 * Bank holidays in England (Leicestershire and Rutland follow England and Wales), 2024 to 2028, as
 * TypeScript so they are bundled where they are used. The CSV beside them (data/, see its SOURCES.md) is
 * the copy of the project's data they come from; bank-holidays.test.ts keeps the two equal. `expected`
 * dates follow the statutory pattern and can still be changed by royal proclamation. Outside those
 * years no day is known to be a bank holiday.
 *
 *   isBankHoliday('2026-12-25') // true
 *   bankHolidayOn('2026-12-25')?.title // 'Christmas Day'
 *   notOnABankHoliday('2026-12-25') // '2026-12-26'
 */

export const BANK_HOLIDAYS_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.';

export interface BankHoliday {
  /** London calendar day, `YYYY-MM-DD`. */
  date: string;
  title: string;
  /** `published` by GOV.UK; `expected` from the statutory pattern. */
  status: 'published' | 'expected';
}

const rows: ReadonlyArray<[string, string, BankHoliday['status']]> = [
  ['2024-01-01', "New Year's Day", 'published'],
  ['2024-03-29', 'Good Friday', 'published'],
  ['2024-04-01', 'Easter Monday', 'published'],
  ['2024-05-06', 'Early May bank holiday', 'published'],
  ['2024-05-27', 'Spring bank holiday', 'published'],
  ['2024-08-26', 'Summer bank holiday', 'published'],
  ['2024-12-25', 'Christmas Day', 'published'],
  ['2024-12-26', 'Boxing Day', 'published'],
  ['2025-01-01', "New Year's Day", 'published'],
  ['2025-04-18', 'Good Friday', 'published'],
  ['2025-04-21', 'Easter Monday', 'published'],
  ['2025-05-05', 'Early May bank holiday', 'published'],
  ['2025-05-26', 'Spring bank holiday', 'published'],
  ['2025-08-25', 'Summer bank holiday', 'published'],
  ['2025-12-25', 'Christmas Day', 'published'],
  ['2025-12-26', 'Boxing Day', 'published'],
  ['2026-01-01', "New Year's Day", 'published'],
  ['2026-04-03', 'Good Friday', 'published'],
  ['2026-04-06', 'Easter Monday', 'published'],
  ['2026-05-04', 'Early May bank holiday', 'published'],
  ['2026-05-25', 'Spring bank holiday', 'published'],
  ['2026-08-31', 'Summer bank holiday', 'published'],
  ['2026-12-25', 'Christmas Day', 'published'],
  ['2026-12-28', 'Boxing Day (substitute day)', 'published'],
  ['2027-01-01', "New Year's Day", 'expected'],
  ['2027-03-26', 'Good Friday', 'expected'],
  ['2027-03-29', 'Easter Monday', 'expected'],
  ['2027-05-03', 'Early May bank holiday', 'expected'],
  ['2027-05-31', 'Spring bank holiday', 'expected'],
  ['2027-08-30', 'Summer bank holiday', 'expected'],
  ['2027-12-27', 'Christmas Day (substitute day)', 'expected'],
  ['2027-12-28', 'Boxing Day (substitute day)', 'expected'],
  ['2028-01-03', "New Year's Day (substitute day)", 'expected'],
  ['2028-04-14', 'Good Friday', 'expected'],
  ['2028-04-17', 'Easter Monday', 'expected'],
  ['2028-05-01', 'Early May bank holiday', 'expected'],
  ['2028-05-29', 'Spring bank holiday', 'expected'],
  ['2028-08-28', 'Summer bank holiday', 'expected'],
  ['2028-12-25', 'Christmas Day', 'expected'],
  ['2028-12-26', 'Boxing Day', 'expected'],
];

export const bankHolidays: readonly BankHoliday[] = rows.map(([date, title, status]) => ({ date, title, status }));

const days = new Set(rows.map(([date]) => date));

const byDay = new Map(bankHolidays.map((h) => [h.date, h]));

/** The bank holiday in England on the London day (`YYYY-MM-DD`), if it is one. */
export const bankHolidayOn = (day: string): BankHoliday | undefined => byDay.get(day);

/** The last day the list knows about: after it, no day can be said to be a bank holiday or not. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = `${rows[rows.length - 1]![0].slice(0, 4)}-12-31`;

/** Whether the London day (`YYYY-MM-DD`) is a bank holiday in England. */
export const isBankHoliday = (day: string): boolean => days.has(day);

const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** The day itself if it is not a bank holiday, or else the nearest one after it (`direction` -1: before it) that is not. */
export function notOnABankHoliday(day: string, direction: 1 | -1 = 1): string {
  let candidate = day;
  while (isBankHoliday(candidate)) candidate = addDays(candidate, direction);
  return candidate;
}
