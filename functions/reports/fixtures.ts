/**
 * One example report for the reports' tests (and, later, demo data): a quarter's figures and their
 * trends, built through the real period, XmR and figures code. `hostile` puts markup and formula
 * starts in every text a person could type.
 */
import { quarterHeadings } from './figures.js';
import { lastQuarters, previousQuarter, quarterById, sameQuarterLastYear } from './periods.js';
import type { Report, ReportTrend } from './report.js';
import { xmr } from './xmr.js';

/** The hand-worked series of xmr.test.ts: the last quarter is below the lower limit. */
export const COMPLAINTS = [14, 15, 13, 14, 16, 15, 13, 14, 16, 15, 14, 6];
/** 24 quarters with a run of eight above the mean in the middle, the latest routine. */
export const ANTI_SOCIAL_BEHAVIOUR = [8, 12, 7, 11, 9, 10, 11, 12, 13, 11, 12, 13, 11, 12, 9, 10, 7, 9, 7, 8, 13, 11, 13, 13];

export function exampleReport(options: { quarter?: string; hostile?: boolean } = {}): Report {
  const q = quarterById(options.quarter ?? '2026-27-Q3');
  const mark = options.hostile ? ' <script>alert(1)</script> & "quotes"' : '';
  const trend = (id: string, title: string, valueHeading: string, values: number[]): ReportTrend => {
    const quarters = lastQuarters(values.length, q);
    const chart = xmr(
      quarters.map((p, i) => ({ label: p.label, shortLabel: p.shortLabel, value: values[i]! })),
      { lowerBound: 0, decimals: 1 },
    );
    return { id, title, valueHeading, chart };
  };
  const complaints = trend('complaints', `Complaints received each quarter${mark}`, 'Complaints', COMPLAINTS);
  const asb = trend('anti-social-behaviour', 'Anti-social behaviour reports each quarter', 'Reports', ANTI_SOCIAL_BEHAVIOUR);
  const newScheme = trend('community-remedy', 'Community remedies agreed each quarter', 'Remedies', [3, 5, 4, 6]);
  const at = (values: number[], offset: number) => values.at(-1 - offset) ?? null;
  return {
    title: `Performance report to the Police and Crime Panel${mark}`,
    periodLabel: q.label,
    organisation: 'Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland',
    headings: quarterHeadings(q),
    summary: [`This report sets out the Commissioner’s figures for ${q.label}, beside ${previousQuarter(q).label} and ${sameQuarterLastYear(q).label}.${mark}`],
    sections: [
      {
        heading: `Confidence in policing${mark}`,
        commentary: [
          `Complaints fell to 6, the lowest in three years: below the lower natural process limit, so a real change rather than chance.${mark}`,
          '=SUM(A1:A9) is how a formula starts; here it is only text.',
        ],
        figures: {
          caption: 'Confidence in policing: figures for the quarter',
          rows: [
            { figure: `Complaints received${mark}`, current: at(COMPLAINTS, 0), previous: at(COMPLAINTS, 1), yearEarlier: at(COMPLAINTS, 4), decimals: 0 },
            { figure: 'Anti-social behaviour reports', current: at(ANTI_SOCIAL_BEHAVIOUR, 0), previous: at(ANTI_SOCIAL_BEHAVIOUR, 1), yearEarlier: at(ANTI_SOCIAL_BEHAVIOUR, 4), decimals: 0 },
            { figure: 'Community remedies agreed', current: 6, previous: 4, yearEarlier: null, decimals: 0 },
          ],
        },
        trends: [complaints, asb],
      },
      {
        heading: 'Restorative justice',
        commentary: ['Community remedies began a year ago, so there are not yet enough quarters to judge their trend.'],
        trends: [newScheme],
      },
    ],
  };
}
