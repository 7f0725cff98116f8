import { describe, expect, it } from 'vitest';
import { bandTable, bandYear, formatMonthly, formatPounds, parsePounds, preceptOptionLabel, toPence } from './precept.js';

describe('the band table, in pence, for a Band D of £300.37 and increases of £10 and £14', () => {
  // Worked by hand from the statutory ratios (A 6/9 … H 18/9): each bill is exact ninths of a penny,
  // rounded once, halves up; the increase is the difference between the two bills, and a month a twelfth of it.
  const expected = {
    A: { now: 20025, plus10: [666, 56, 20691], plus14: [933, 78] },
    B: { now: 23362, plus10: [778, 65, 24140], plus14: [1089, 91] },
    C: { now: 26700, plus10: [888, 74, 27588], plus14: [1244, 104] },
    D: { now: 30037, plus10: [1000, 83, 31037], plus14: [1400, 117] },
    E: { now: 36712, plus10: [1222, 102, 37934], plus14: [1711, 143] },
    F: { now: 43387, plus10: [1444, 120, 44831], plus14: [2022, 169] },
    G: { now: 50062, plus10: [1666, 139, 51728], plus14: [2333, 194] },
    H: { now: 60074, plus10: [2000, 167, 62074], plus14: [2800, 233] },
  } as const;
  const table = bandTable(30_037, [1000, 1400]);

  it.each(Object.entries(expected))('band %s: now, and each increase a year and a month, to the penny', (band, values) => {
    const row = table.find((r) => r.band === band)!;
    expect(row.nowPence).toBe(values.now);
    expect([row.increases[0]!.yearPence, row.increases[0]!.monthPence, row.increases[0]!.totalPence]).toEqual(values.plus10);
    expect([row.increases[1]!.yearPence, row.increases[1]!.monthPence]).toEqual(values.plus14);
  });

  it('adds up as bills do: now plus the increase is the new bill, in every band', () => {
    for (const row of table) for (const i of row.increases) expect(row.nowPence + i.yearPence).toBe(i.totalPence);
  });

  it('shows the statutory ratios, and carries no rounding from one band into another (H is exactly twice D)', () => {
    expect(table.map((r) => r.ratio)).toEqual(['6/9', '7/9', '8/9', '9/9', '11/9', '13/9', '15/9', '18/9']);
    expect(bandYear(30_037, 'H')).toEqual({ numerator: 540_666, denominator: 9 });
    expect(toPence(bandYear(30_037, 'H'))).toBe(2 * 30_037);
  });

  it('rounds halves up, and only when shown', () => {
    expect(toPence({ numerator: 1, denominator: 2 })).toBe(1);
    expect(toPence({ numerator: 49, denominator: 100 })).toBe(0);
    // 6p a year in Band D is exactly half a penny a month.
    expect(formatMonthly(6)).toBe('1p');
  });
});

describe('money in words', () => {
  it('shows pounds and pence a month as the consultation reports do', () => {
    expect(formatPounds(30_037)).toBe('£300.37');
    expect(formatPounds(123_456_78)).toBe('£123,456.78');
    expect(formatMonthly(1000)).toBe('83p');
    expect(formatMonthly(1400)).toBe('£1.17');
    expect(preceptOptionLabel(1000, 30_037)).toBe('£10 a year more for Band D (83p a month): £310.37 a year');
    expect(preceptOptionLabel(1050, 30_037)).toBe('£10.50 a year more for Band D (88p a month): £310.87 a year');
    expect(preceptOptionLabel(0, 30_037)).toBe('No increase: Band D stays at £300.37 a year');
  });

  it.each([
    ['10', 1000],
    ['10.5', 1050],
    ['£300.37', 30_037],
    ['1,234.56', 123_456],
    [' 0 ', 0],
  ])('reads %j as %i pence, exactly', (typed, pence) => expect(parsePounds(typed)).toBe(pence));

  it.each(['ten', '10.123', '-5', '', '£', '1e3'])('refuses %j', (typed) => expect(parsePounds(typed)).toBeUndefined());
});
