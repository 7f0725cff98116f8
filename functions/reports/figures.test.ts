import { describe, expect, it } from 'vitest';
import { toCsv } from '../core/ui/csv.js';
import { figuresCsvRows, xmrCsvRows } from './csv.js';
import { change, figuresTable, quarterHeadings, type FigureRow } from './figures.js';
import { quarterById } from './periods.js';
import { xmr } from './xmr.js';

const q3 = quarterById('2026-27-Q3');
const rows: FigureRow[] = [
  { figure: 'Complaints received', current: 6, previous: 14, yearEarlier: 12, decimals: 0 },
  { figure: 'Calls answered within 10 seconds (%)', current: 91.26, previous: 88.5, yearEarlier: 91.26 },
  { figure: 'Victims referred to support', current: 4, previous: 0, yearEarlier: null, decimals: 0 },
];

describe('the figures table', () => {
  it('puts each figure beside the previous quarter and the same quarter a year earlier, with the change on each', () => {
    const table = figuresTable(rows, quarterHeadings(q3));
    expect(table.head).toEqual([
      'Figure',
      'October to December 2026',
      'July to September 2026',
      'October to December 2025',
      'Change on previous quarter',
      'Change on a year earlier',
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      // 6 - 14 = -8, -8 / 14 = -57.14%; 6 - 12 = -6, -50%.
      ['Complaints received', '6', '14', '12', '-8 (-57.1%)', '-6 (-50%)'],
      // 91.26 - 88.5 = 2.76, shown to 1 place as 2.8; 2.76 / 88.5 = 3.12%.
      ['Calls answered within 10 seconds (%)', '91.3', '88.5', '91.3', '+2.8 (+3.1%)', 'No change'],
      // From 0 there is no percentage; a missing figure is said, not shown as 0.
      ['Victims referred to support', '4', '0', 'Not available', '+4', 'Not available'],
    ]);
  });

  it('a change too small to show is "No change", but keeps its exact difference', () => {
    expect(change(10, 10.02, 1)).toEqual({ difference: expect.closeTo(0.02, 10), percent: expect.closeTo(0.2, 10), text: 'No change' });
    expect(change(-4, -2, 0).text).toBe('+2 (+50%)');
  });
});

describe('CSV downloads', () => {
  it('the figures table keeps numbers as numbers, rounded as shown, and a missing figure as an empty cell', () => {
    const csv = toCsv(figuresCsvRows(rows, quarterHeadings(q3)));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Figure,October to December 2026,July to September 2026,October to December 2025,Change on previous quarter,Change on previous quarter (%),Change on a year earlier,Change on a year earlier (%)',
    );
    expect(lines[2]).toBe('Calls answered within 10 seconds (%),91.3,88.5,91.3,2.8,3.1,0,0');
    expect(lines[3]).toBe('Victims referred to support,4,0,,4,,,');
  });

  it('is safe to open in a spreadsheet: a figure named like a formula stays text (through core’s CSV helper)', () => {
    const csv = toCsv(figuresCsvRows([{ figure: '=HYPERLINK("http://evil.example","Click")', current: 1, previous: 2, yearEarlier: 2, decimals: 0 }], quarterHeadings(q3)));
    const line = csv.split('\r\n')[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""http://evil.example"",""Click"")"`)).toBe(true);
    // Core treats every cell that starts with a minus as a possible formula, negative numbers included.
    expect(line.endsWith(",'-1,'-50,'-1,'-50")).toBe(true);
  });

  it('an XmR chart downloads with its limits and signals in words', () => {
    const chart = xmr(
      [14, 15, 13, 14, 16, 15, 13, 14, 16, 15, 14, 6].map((value, i) => ({ label: `Quarter ${i + 1}`, value })),
      { lowerBound: 0 },
    );
    const lines = toCsv(xmrCsvRows(chart, 'Complaints received')).split('\r\n');
    expect(lines[0]).toBe('\uFEFFPeriod,Complaints received,Moving range,Mean,Lower natural process limit,Upper natural process limit,Upper range limit,Signal');
    expect(lines[1]).toBe('Quarter 1,14,,13.75,8.43,19.07,6.536,');
    expect(lines[12]).toBe('Quarter 12,6,8,13.75,8.43,19.07,6.536,Below the lower limit; Fall larger than the range limit');
  });
});
