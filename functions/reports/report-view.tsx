/**
 * A report as page content (inside core's Layout): headings, commentary, each section's figures
 * table and each figure's trend (sentence, chart, table). Wrapped in `.app-report`, which the print
 * stylesheet reads. Download links are optional and left out when printing.
 *
 *   <Layout title={report.title}><ReportView report={report} links={{ word: '/staff/reports/2026-27-Q3.docx' }} /></Layout>
 */
import { XmrFigure } from './chart.js';
import { figuresTable } from './figures.js';
import { FiguresTableView } from './figures-table.js';
import type { Report, ReportSection, ReportTrend } from './report.js';

export interface ReportLinks {
  /** The whole report as a Word document. */
  word?: string;
  /** A section's figures table as CSV. */
  figuresCsv?: (section: ReportSection, index: number) => string;
  /** A trend's table as CSV. */
  trendCsv?: (trend: ReportTrend) => string;
}

export function ReportView({ report, links = {} }: { report: Report; links?: ReportLinks }) {
  return (
    <div class="app-report">
      <span class="govuk-caption-l">{report.periodLabel}</span>
      <h1 class="govuk-heading-l">{report.title}</h1>
      {report.summary.map((p) => (
        <p class="govuk-body-l">{p}</p>
      ))}
      {links.word ? (
        <p class="govuk-body app-no-print">
          <a class="govuk-link" href={links.word} download>
            Download the whole report as a Word document
          </a>
        </p>
      ) : null}
      {report.sections.map((section, i) => (
        <section aria-labelledby={`section-${i + 1}`}>
          <h2 class="govuk-heading-m" id={`section-${i + 1}`}>
            {section.heading}
          </h2>
          {section.commentary.map((p) => (
            <p class="govuk-body">{p}</p>
          ))}
          {section.figures ? (
            <FiguresTableView table={figuresTable(section.figures.rows, report.headings)} caption={section.figures.caption} csvHref={links.figuresCsv?.(section, i)} />
          ) : null}
          {section.trends.map((trend) => (
            <>
              <h3 class="govuk-heading-s">{trend.title}</h3>
              <XmrFigure chart={trend.chart} id={`trend-${trend.id}`} title={trend.title} valueHeading={trend.valueHeading} csvHref={links.trendCsv?.(trend)} />
            </>
          ))}
        </section>
      ))}
    </div>
  );
}
