import { describe, expect, it } from 'vitest';
import { csvCell, csvDate, csvDateTime, csvTime, toCsv } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hello"', '"say ""hello"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=1+2', "'=1+2"],
    ['+447700900123', "'+447700900123"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as they are and leaves missing values empty', () => {
    expect(csvCell(3)).toBe('3');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe('\uFEFFa,b\r\nc,d\r\n');
  });
});

describe('dates and times in a CSV', () => {
  it('are ISO 8601 dates and 24-hour times on London\'s clock, in winter and in summer', () => {
    expect(csvDateTime('2026-12-03T18:30:00.000Z')).toBe('2026-12-03 18:30');
    expect(csvDateTime('2026-07-01T23:30:00.000Z')).toBe('2026-07-02 00:30');
    expect(csvDate('2026-07-01T23:30:00.000Z')).toBe('2026-07-02');
    expect(csvTime('2026-07-01T08:05:00.000Z')).toBe('09:05');
  });

  it('keep a day that is already a date, and leave a missing one empty', () => {
    expect(csvDate('2026-12-03')).toBe('2026-12-03');
    expect(csvDate(undefined)).toBe('');
    expect(csvDateTime(undefined)).toBe('');
  });
});
