/**
 * The report's tables as CSV rows, for core's formula-safe `toCsv` / `csvResponse`. Numbers stay
 * numbers (a spreadsheet can add them up); a missing figure is an empty cell.
 *
 *   return csvResponse(c, `figures-${q.id}.csv`, figuresCsvRows(rows, quarterHeadings(q)));
 *   return csvResponse(c, `complaints-trend-${q.id}.csv`, xmrCsvRows(chart, 'Complaints received'));
 */
import type { CsvCell } from '../core/ui/csv.js';
import { change, type FigureRow, type PeriodHeadings } from './figures.js';
import { describeSignal, type XmrChart } from './xmr.js';

/** Rounded as the report shows it, so the download and the page agree (limits keep two more places, to redraw them). */
const rounded = (value: number | undefined | null, decimals: number) => (value === undefined || value === null ? '' : Math.round(value * 10 ** decimals) / 10 ** decimals);

export function figuresCsvRows(rows: readonly FigureRow[], headings: PeriodHeadings): CsvCell[][] {
  return [
    [
      'Figure',
      headings.current,
      headings.previous,
      headings.yearEarlier,
      headings.changeOnPrevious,
      `${headings.changeOnPrevious} (%)`,
      headings.changeOnYearEarlier,
      `${headings.changeOnYearEarlier} (%)`,
    ],
    ...rows.map((row) => {
      const d = row.decimals ?? 1;
      const onPrevious = change(row.previous, row.current, d);
      const onYearEarlier = change(row.yearEarlier, row.current, d);
      return [
        row.figure,
        rounded(row.current, d),
        rounded(row.previous, d),
        rounded(row.yearEarlier, d),
        rounded(onPrevious.difference, d),
        rounded(onPrevious.percent, 1),
        rounded(onYearEarlier.difference, d),
        rounded(onYearEarlier.percent, 1),
      ];
    }),
  ];
}

/** One figure's XmR chart as rows: each period with its value, moving range, the limits and any signal. */
export function xmrCsvRows(chart: XmrChart, valueHeading: string): CsvCell[][] {
  const d = chart.decimals;
  const l = chart.limits;
  return [
    ['Period', valueHeading, 'Moving range', 'Mean', 'Lower natural process limit', 'Upper natural process limit', 'Upper range limit', 'Signal'],
    ...chart.points.map((p) => [
      p.label,
      p.value,
      p.movingRange ?? '',
      rounded(l?.mean, d + 2),
      rounded(l?.lower, d + 2),
      rounded(l?.upper, d + 2),
      rounded(l?.upperRange, d + 2),
      p.signals.map(describeSignal).join('; '),
    ]),
  ];
}
