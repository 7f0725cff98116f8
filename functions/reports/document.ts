/**
 * A quarter's report (./reporting.ts) as the one `Report` model the page's printable view, the CSVs
 * and the Word document are all built from (./report.ts): a section per capability with its figures
 * table, each figure's commentary (named), and each figure's XmR trend; then the themes raised.
 */
import { config } from '../core/config.js';
import { quarterById } from '../core/periods.js';
import type { ReportFigure } from './building.js';
import { quarterHeadings, type FigureRow } from './figures.js';
import type { Report, ReportTrend } from './report.js';
import type { QuarterReport } from './reporting.js';
import { xmr } from './xmr.js';

export const REPORT_TITLE = 'Engagement report to the Police and Crime Panel';

/** A figure's trend: its own quarters, skipping one where it cannot be said (a share of nothing). */
export function figureTrend(f: ReportFigure): ReportTrend {
  const points = f.trend.flatMap((p) => {
    if (p.value === null) return [];
    const q = quarterById(p.quarterId);
    return [{ label: q.label, shortLabel: q.shortLabel, value: p.value }];
  });
  const bounds = f.unit === 'percent' ? { lowerBound: 0, upperBound: 100 } : { lowerBound: 0 };
  return {
    id: f.key.replace(/[^a-z0-9-]+/g, '-'),
    title: `${f.name} each quarter`,
    valueHeading: f.name,
    chart: xmr(points, { ...bounds, decimals: f.decimals }),
  };
}

export const figureRow = (f: ReportFigure): FigureRow => ({ figure: f.name, current: f.current, previous: f.previous, yearEarlier: f.yearEarlier, decimals: f.decimals });

/**
 * `forWord`: charts only where there are enough quarters to judge (six); each chart is also a PNG, drawn
 * at about a third of a second, so a report of forty figures with nothing to show would take long for nothing.
 */
export function asReport(report: QuarterReport, options: { forWord?: boolean } = {}): Report {
  const q = report.quarter;
  const status = report.final ? `Final, version ${report.final.version}.` : 'Draft: the figures are as the records stand now.';
  return {
    title: REPORT_TITLE,
    periodLabel: q.label,
    organisation: config().organisationName,
    headings: quarterHeadings(q),
    summary: [
      `The office’s engagement figures for ${q.label}, each beside the quarter before and the same quarter a year earlier, counted from the platform’s own records. ${status}`,
    ],
    sections: [
      ...report.data.sections.map((s) => ({
        heading: s.heading,
        commentary: s.figures.flatMap((f) => (report.commentary[f.key]?.text ? [`${f.name}: ${report.commentary[f.key]!.text}`] : [])),
        figures: { caption: `${s.heading}: figures for the quarter`, rows: s.figures.map(figureRow) },
        trends: s.figures.map(figureTrend).filter((t) => !options.forWord || t.chart.verdict !== 'not-enough'),
      })),
      {
        heading: 'Themes raised',
        commentary: ['What people raised at community days, public meetings, surgeries and logged engagement, each theme counted once for each record that raised it.'],
        figures: { caption: 'Themes raised: figures for the quarter', rows: report.data.themes.map((t) => ({ figure: t.label, current: t.current, previous: t.previous, yearEarlier: t.yearEarlier, decimals: 0 })) },
        trends: [],
      },
    ],
  };
}
