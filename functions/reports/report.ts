/**
 * What a report holds, whatever it is shown as: the page (./report-view.tsx), the CSV downloads
 * (./csv.ts) and the Word document (./word.ts) are all built from one of these.
 *
 *   const report: Report = { title: 'Performance report to the Police and Crime Panel', periodLabel: q.label, headings: quarterHeadings(q), ... };
 */
import type { FigureRow, PeriodHeadings } from './figures.js';
import type { XmrChart } from './xmr.js';

export interface ReportTrend {
  /** Unique in the report, lower-case letters, digits and hyphens: the chart's id on the page and its file name. */
  id: string;
  /** What the chart shows: "Complaints received each quarter". */
  title: string;
  /** The value column's heading in the chart's table: "Complaints". */
  valueHeading: string;
  chart: XmrChart;
}

export interface ReportSection {
  heading: string;
  /** Paragraphs of commentary, as plain text. */
  commentary: string[];
  figures?: { caption: string; rows: FigureRow[] };
  trends: ReportTrend[];
}

export interface Report {
  /** "Performance report to the Police and Crime Panel". */
  title: string;
  /** "October to December 2026". */
  periodLabel: string;
  organisation: string;
  headings: PeriodHeadings;
  /** Paragraphs before the first section. */
  summary: string[];
  sections: ReportSection[];
}
