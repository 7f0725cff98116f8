import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_KNOWN_UNTIL, bankHolidayOn, bankHolidays, isBankHoliday, notOnABankHoliday } from './bank-holidays.js';

describe('bank holidays in England', () => {
  it('are the bundled CSV, row for row', () => {
    const [header, ...lines] = readFileSync(new URL('./data/england-and-wales-bank-holidays.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('date,title,status');
    expect(bankHolidays).toEqual(lines.map((line) => line.split(',')).map(([date, title, status]) => ({ date, title, status })));
  });

  it('move a day off a bank holiday, forwards or back, past substitute days too', () => {
    expect(isBankHoliday('2026-12-25')).toBe(true);
    expect(isBankHoliday('2026-12-24')).toBe(false);
    expect(bankHolidayOn('2026-12-28')).toEqual({ date: '2026-12-28', title: 'Boxing Day (substitute day)', status: 'published' });
    expect(bankHolidayOn('2026-12-24')).toBeUndefined();
    expect(BANK_HOLIDAYS_KNOWN_UNTIL).toBe('2028-12-31');
    expect(notOnABankHoliday('2026-12-24')).toBe('2026-12-24');
    // Christmas Day 2027 is a Saturday: the 27th and 28th are its substitutes.
    expect(notOnABankHoliday('2027-12-27')).toBe('2027-12-29');
    expect(notOnABankHoliday('2027-12-28', -1)).toBe('2027-12-26');
    expect(notOnABankHoliday('2027-01-01')).toBe('2027-01-02');
  });
});
