import { describe, expect, it } from 'vitest';
import {
  financialYearById,
  financialYearContaining,
  lastCompleteQuarter,
  lastQuarters,
  nextQuarter,
  parseFinancialYearId,
  parseQuarterId,
  previousQuarter,
  quarter,
  quarterById,
  quarterContaining,
  quartersOf,
  sameQuarterLastYear,
} from './periods.js';

describe('quarters of the financial year', () => {
  it('names each quarter by its months, April to March', () => {
    const year = financialYearById('2026-27');
    expect(quartersOf(year).map((q) => [q.id, q.label, q.shortLabel])).toEqual([
      ['2026-27-Q1', 'April to June 2026', 'Apr to Jun 2026'],
      ['2026-27-Q2', 'July to September 2026', 'Jul to Sep 2026'],
      ['2026-27-Q3', 'October to December 2026', 'Oct to Dec 2026'],
      ['2026-27-Q4', 'January to March 2027', 'Jan to Mar 2027'],
    ]);
    expect(year.label).toBe('2026 to 2027');
  });

  it('starts and ends at London midnight, in BST or GMT as the date requires', () => {
    // 1 April and 1 July are in BST (UTC+1): London midnight is 11pm the day before in UTC.
    expect(quarterById('2026-27-Q1')).toMatchObject({ firstDay: '2026-04-01', lastDay: '2026-06-30', start: '2026-03-31T23:00:00.000Z', end: '2026-06-30T23:00:00.000Z' });
    // 1 October is BST, 1 January GMT.
    expect(quarterById('2026-27-Q3')).toMatchObject({ start: '2026-09-30T23:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    // Q4 runs across the clocks going forward (28 March 2027): starts in GMT, ends at BST midnight.
    expect(quarterById('2026-27-Q4')).toMatchObject({ firstDay: '2027-01-01', lastDay: '2027-03-31', start: '2027-01-01T00:00:00.000Z', end: '2027-03-31T23:00:00.000Z' });
    expect(financialYearById('2026-27')).toMatchObject({ start: '2026-03-31T23:00:00.000Z', end: '2027-03-31T23:00:00.000Z' });
  });

  it('knows February in a leap year', () => {
    expect(quarterById('2027-28-Q4').lastDay).toBe('2028-03-31');
    expect(quarterById('2023-24-Q4').label).toBe('January to March 2024');
  });

  it('steps back and forward across financial years', () => {
    const q3 = quarterById('2026-27-Q3');
    expect(previousQuarter(q3).id).toBe('2026-27-Q2');
    expect(sameQuarterLastYear(q3).id).toBe('2025-26-Q3');
    expect(previousQuarter(quarterById('2026-27-Q1')).id).toBe('2025-26-Q4');
    expect(nextQuarter(quarterById('2026-27-Q4')).id).toBe('2027-28-Q1');
    expect(sameQuarterLastYear(quarterById('2026-27-Q4')).label).toBe('January to March 2026');
    // Consecutive quarters meet exactly: no instant is in two quarters or in none.
    expect(previousQuarter(q3).end).toBe(q3.start);
  });

  it('lists the last N quarters oldest first, ending with the one asked for', () => {
    const ids = lastQuarters(6, quarterById('2026-27-Q2')).map((q) => q.id);
    expect(ids).toEqual(['2025-26-Q1', '2025-26-Q2', '2025-26-Q3', '2025-26-Q4', '2026-27-Q1', '2026-27-Q2']);
    expect(lastQuarters(24, quarterById('2026-27-Q2'))).toHaveLength(24);
    expect(lastQuarters(0, quarterById('2026-27-Q2'))).toEqual([]);
  });
});

describe('the period containing an instant', () => {
  it('reads the London calendar: 11:30pm on 31 March in BST is still March, 12:30am on 1 April is April', () => {
    expect(financialYearContaining('2027-03-31T22:30:00.000Z').id).toBe('2026-27');
    expect(quarterContaining('2027-03-31T22:30:00.000Z').id).toBe('2026-27-Q4');
    expect(financialYearContaining('2027-03-31T23:30:00.000Z').id).toBe('2027-28');
    expect(quarterContaining('2027-03-31T23:30:00.000Z').id).toBe('2027-28-Q1');
  });

  it('in winter, London midnight is UTC midnight', () => {
    expect(quarterContaining('2026-12-31T23:59:59.999Z').id).toBe('2026-27-Q3');
    expect(quarterContaining('2027-01-01T00:00:00.000Z').id).toBe('2026-27-Q4');
    expect(quarterContaining(new Date('2026-07-15T12:00:00Z')).id).toBe('2026-27-Q2');
  });

  it('the last complete quarter is the one before today’s', () => {
    expect(lastCompleteQuarter(new Date('2026-10-05T09:00:00Z')).id).toBe('2026-27-Q2');
    expect(lastCompleteQuarter(new Date('2026-04-01T09:00:00Z')).id).toBe('2025-26-Q4');
  });

  it('every instant of a quarter is inside its [start, end)', () => {
    const q = quarter(2026, 3);
    expect(quarterContaining(q.start).id).toBe(q.id);
    expect(quarterContaining(new Date(Date.parse(q.end) - 1)).id).toBe(q.id);
    expect(quarterContaining(q.end).id).toBe('2026-27-Q4');
  });
});

describe('reading an id someone sent', () => {
  it('accepts a quarter id, trimmed, in either case', () => {
    expect(parseQuarterId('2026-27-Q3')).toMatchObject({ ok: true, value: { id: '2026-27-Q3', label: 'October to December 2026' } });
    expect(parseQuarterId(' 2026-27-q3 ').value?.id).toBe('2026-27-Q3');
    expect(parseQuarterId('1999-00-Q1').ok).toBe(false);
    expect(parseQuarterId('2099-00-Q1').ok).toBe(false);
    expect(parseQuarterId('2098-99-Q4').value?.label).toBe('January to March 2099');
  });

  it.each([
    ['Q3 2026', 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)'],
    ['2026-27-Q5', 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)'],
    ['', 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)'],
    [42, 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)'],
    [undefined, 'Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)'],
    ['2026-28-Q1', 'The two years must follow on, like 2026-27, from 2000 to 2098'],
    ['1999-00-Q2', 'The two years must follow on, like 2026-27, from 2000 to 2098'],
  ])('refuses %j with one field error, never a throw', (input, message) => {
    expect(parseQuarterId(input, 'from')).toEqual({ ok: false, errors: [{ field: 'from', message }] });
  });

  it('reads financial year ids the same way', () => {
    expect(parseFinancialYearId('2026-27').value?.label).toBe('2026 to 2027');
    expect(parseFinancialYearId('2099-00')).toEqual({ ok: false, errors: [{ field: 'year', message: 'The two years must follow on, like 2026-27, from 2000 to 2098' }] });
    expect(parseFinancialYearId('2026')).toEqual({ ok: false, errors: [{ field: 'year', message: 'Enter a financial year like 2026-27' }] });
    expect(parseFinancialYearId('2026-27').value?.id).toBe(financialYearContaining('2026-05-01T00:00:00Z').id);
  });

  it('quarterById throws on an id that was never validated (a programming error, not input)', () => {
    expect(() => quarterById('2026-27-Q9')).toThrow(RangeError);
  });
});
