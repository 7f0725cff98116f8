/**
 * A report's figures table: each figure this period, the period before and the same period a year
 * earlier, and the change on each. One model for the page, the CSV and the Word document, so the
 * three always agree.
 *
 *   const table = figuresTable(rows, periodHeadings(q));
 *   table.head  // ['Figure', 'October to December 2026', 'July to September 2026', 'October to December 2025', 'Change on previous quarter', 'Change on a year earlier']
 *   table.rows[0].cells // ['Complaints received', '6', '14', '12', '-8 (-57.1%)', '-6 (-50%)']
 */
import { formatNumber } from './format.js';
import { previousQuarter, sameQuarterLastYear, type Quarter } from './periods.js';

export interface FigureRow {
  /** What is counted or measured, in the reader's words: "Complaints received". */
  figure: string;
  /** null when the figure was not collected for that period. */
  current: number | null;
  previous: number | null;
  yearEarlier: number | null;
  /** Decimal places to show (0 for counts); 1 unless said. */
  decimals?: number;
}

export interface PeriodHeadings {
  current: string;
  previous: string;
  yearEarlier: string;
  /** "Change on previous quarter". */
  changeOnPrevious: string;
  /** "Change on a year earlier". */
  changeOnYearEarlier: string;
}

/** Column headings for a quarter's table, named by the quarters' months. */
export function quarterHeadings(q: Quarter): PeriodHeadings {
  return {
    current: q.label,
    previous: previousQuarter(q).label,
    yearEarlier: sameQuarterLastYear(q).label,
    changeOnPrevious: 'Change on previous quarter',
    changeOnYearEarlier: 'Change on a year earlier',
  };
}

export const NOT_AVAILABLE = 'Not available';

export interface Change {
  /** to − from; undefined when either figure is missing. */
  difference?: number;
  /** The difference as a percentage of `from`; undefined when `from` is 0 or missing. */
  percent?: number;
  /** "+3 (+25%)", "-2 (-12.5%)", "No change", "+4" (from 0), "Not available". */
  text: string;
}

const signed = (n: string) => (n.startsWith('-') ? n : `+${n}`);

export function change(from: number | null, to: number | null, decimals = 1): Change {
  if (from === null || to === null) return { text: NOT_AVAILABLE };
  const difference = to - from;
  const percent = from === 0 ? undefined : (difference / Math.abs(from)) * 100;
  const shown = formatNumber(difference, decimals);
  if (shown === '0') return { difference, percent, text: 'No change' };
  const text = percent === undefined ? signed(shown) : `${signed(shown)} (${signed(formatNumber(percent, 1))}%)`;
  return { difference, percent, text };
}

export interface FiguresTable {
  head: string[];
  rows: Array<{ figure: string; cells: string[]; onPrevious: Change; onYearEarlier: Change }>;
}

export function figuresTable(rows: readonly FigureRow[], headings: PeriodHeadings): FiguresTable {
  return {
    head: ['Figure', headings.current, headings.previous, headings.yearEarlier, headings.changeOnPrevious, headings.changeOnYearEarlier],
    rows: rows.map((row) => {
      const decimals = row.decimals ?? 1;
      const shown = (v: number | null) => (v === null ? NOT_AVAILABLE : formatNumber(v, decimals));
      const onPrevious = change(row.previous, row.current, decimals);
      const onYearEarlier = change(row.yearEarlier, row.current, decimals);
      return {
        figure: row.figure,
        cells: [row.figure, shown(row.current), shown(row.previous), shown(row.yearEarlier), onPrevious.text, onYearEarlier.text],
        onPrevious,
        onYearEarlier,
      };
    }),
  };
}
