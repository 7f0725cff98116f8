/**
 * The reports' staff routes (everything under /staff needs the staff role; createApp guards it).
 *
 *   GET       /staff/reports[?quarter=2026-27-Q3]              recent quarters, or that quarter's report
 *   GET       /staff/reports/{quarter}                         the report page
 *   GET       /staff/reports/{quarter}.docx                    the whole report as a Word document
 *   GET       /staff/reports/{quarter}/sections/{capability}.csv, /themes.csv, /trends/{figure}.csv
 *   POST      /staff/reports/{quarter}/commentary              save a figure's commentary (a new version)
 *   POST      /staff/reports/{quarter}/final                   mark it final: the figures frozen
 *   POST      /staff/reports/{quarter}/corrections             a corrected version of a final report
 *   GET/POST  /staff/reports/invitations, /staff/reports/engagement   the two logs
 */
import type { Context, Hono } from 'hono';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { financialYear, financialYearContaining, lastQuarters, parseQuarterId, previousQuarter, quarterContaining, type Quarter } from '../../core/periods.js';
import { csvResponse } from '../../core/ui/csv.js';
import { figuresCsvRows, xmrCsvRows } from '../csv.js';
import { asReport, figureRow, figureTrend } from '../document.js';
import { quarterHeadings } from '../figures.js';
import { engagementsBetween, invitationsBetween, recordEngagement, recordInvitation } from '../logs.js';
import { readCommentary, readCorrection, readEngagement, readInvitation } from '../reading-forms.js';
import { correctReport, figuresOf, markFinal, reportFor, saveCommentary } from '../reporting.js';
import { DOCX_CONTENT_TYPE, reportDocx } from '../word.js';
import { ReportsHomePage } from './index.js';
import { EngagementPage, InvitationsPage } from './logs.js';
import { ReportPage } from './report.js';

const QUARTER = ':quarter{[0-9-]+Q[1-4]}';
const DONE: Record<string, string> = { commentary: 'Commentary saved', final: 'The report is final: its figures are frozen', corrected: 'A corrected version was made', logged: 'Logged' };

const quarterOf = (c: Context): Quarter | undefined => {
  const parsed = parseQuarterId(c.req.param('quarter') ?? '');
  return parsed.ok ? parsed.value : undefined;
};

function homeProps(now = new Date()) {
  const quarters = lastQuarters(8, previousQuarter(quarterContaining(now))).reverse();
  const { startYear } = financialYearContaining(now);
  return { quarters: [quarterContaining(now), ...quarters.slice(0, 7)], years: [0, 1, 2].map((n) => financialYear(startYear - n)) };
}

export function staffPages(app: Hono<AppEnv>): void {
  app.get('/staff/reports', (c) => {
    const asked = c.req.query('quarter');
    if (asked === undefined) return c.html(<ReportsHomePage {...homeProps()} />);
    const parsed = parseQuarterId(asked);
    if (!parsed.ok) return c.html(<ReportsHomePage {...homeProps()} values={{ quarter: asked }} errors={{ quarter: parsed.errors[0]!.message }} />, 400);
    return c.redirect(`/staff/reports/${parsed.value.id}`, 303);
  });

  const logPage = (kind: 'invitations' | 'engagement') => async (c: Context<AppEnv>) => {
    const q = quarterContaining(new Date());
    const banner = DONE[c.req.query('done') ?? ''];
    if (kind === 'invitations') return c.html(<InvitationsPage quarter={q} entries={await invitationsBetween(q.firstDay, q.lastDay)} banner={banner} />);
    return c.html(<EngagementPage quarter={q} entries={await engagementsBetween(q.firstDay, q.lastDay)} banner={banner} />);
  };
  app.get('/staff/reports/invitations', logPage('invitations'));
  app.get('/staff/reports/engagement', logPage('engagement'));

  formRoute(app, '/staff/reports/invitations', {
    read: readInvitation,
    act: (input, _, by) => recordInvitation(input, { by: by.name }),
    done: () => '/staff/reports/invitations?done=logged',
    again: async ({ values, errors }) => {
      const q = quarterContaining(new Date());
      return <InvitationsPage quarter={q} entries={await invitationsBetween(q.firstDay, q.lastDay)} values={values} errors={errors} />;
    },
  });

  formRoute(app, '/staff/reports/engagement', {
    read: readEngagement,
    act: (input, _, by) => recordEngagement(input, { by: by.name }),
    done: () => '/staff/reports/engagement?done=logged',
    again: async ({ values, chosen, errors }) => {
      const q = quarterContaining(new Date());
      return <EngagementPage quarter={q} entries={await engagementsBetween(q.firstDay, q.lastDay)} values={values} chosen={chosen('themes')} errors={errors} />;
    },
  });

  app.get(`/staff/reports/:file{[0-9-]+Q[1-4]\\.docx}`, async (c) => {
    const parsed = parseQuarterId((c.req.param('file') ?? '').replace(/\.docx$/, ''));
    if (!parsed.ok) return handleNotFound(c);
    const bytes = await reportDocx(asReport(await reportFor(parsed.value), { forWord: true }));
    return c.body(bytes as unknown as ArrayBuffer, 200, {
      'content-type': DOCX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="engagement-report-${parsed.value.id}.docx"`,
      'cache-control': 'no-store',
    });
  });

  app.get(`/staff/reports/${QUARTER}`, async (c) => {
    const q = quarterOf(c);
    if (!q) return handleNotFound(c);
    return c.html(<ReportPage report={await reportFor(q)} banner={DONE[c.req.query('done') ?? '']} />);
  });

  app.get(`/staff/reports/${QUARTER}/sections/:file{[a-z-]+\\.csv}`, async (c) => {
    const q = quarterOf(c);
    const capability = (c.req.param('file') ?? '').replace(/\.csv$/, '');
    const section = q ? (await reportFor(q)).data.sections.find((s) => s.capability === capability) : undefined;
    if (!q || !section) return handleNotFound(c);
    return csvResponse(c, `${capability}-figures-${q.id}.csv`, figuresCsvRows(section.figures.map(figureRow), quarterHeadings(q)));
  });

  app.get(`/staff/reports/${QUARTER}/themes.csv`, async (c) => {
    const q = quarterOf(c);
    if (!q) return handleNotFound(c);
    const rows = (await reportFor(q)).data.themes.map((t) => ({ figure: t.label, current: t.current, previous: t.previous, yearEarlier: t.yearEarlier, decimals: 0 }));
    return csvResponse(c, `themes-${q.id}.csv`, figuresCsvRows(rows, quarterHeadings(q)));
  });

  app.get(`/staff/reports/${QUARTER}/trends/:file{[a-z0-9-]+\\.csv}`, async (c) => {
    const q = quarterOf(c);
    const id = (c.req.param('file') ?? '').replace(/\.csv$/, '');
    const figure = q ? figuresOf((await reportFor(q)).data).find((f) => figureTrend(f).id === id) : undefined;
    if (!q || !figure) return handleNotFound(c);
    const trend = figureTrend(figure);
    return csvResponse(c, `${id}-trend-${q.id}.csv`, xmrCsvRows(trend.chart, trend.valueHeading));
  });

  const again = async (q: Quarter, formFor: string, shown: { values: Record<string, string | undefined>; errors?: Record<string, string | undefined>; problem?: unknown }) => (
    <ReportPage report={await reportFor(q)} formFor={formFor} values={shown.values} errors={shown.errors} problem={shown.problem as string | undefined} />
  );

  formRoute(app, `/staff/reports/${QUARTER}/commentary`, {
    load: quarterOf,
    read: readCommentary,
    act: (input, q, by) => saveCommentary(q, input, { by: by.name }),
    done: (saved, q) => `/staff/reports/${q.id}?done=commentary#figure-${saved.figureKey.replace(/[^a-z0-9-]+/g, '-')}`,
    again: (shown) => again(shown.context, shown.values['figure'] ?? '', shown),
  });

  formRoute(app, `/staff/reports/${QUARTER}/final`, {
    load: quarterOf,
    act: (_, q, by) => markFinal(q, { by: by.name }),
    done: (_, q) => `/staff/reports/${q.id}?done=final`,
    again: (shown) => again(shown.context, 'final', shown),
  });

  formRoute(app, `/staff/reports/${QUARTER}/corrections`, {
    load: quarterOf,
    read: readCorrection,
    act: (input, q, by) => correctReport(q, input, { by: by.name }),
    done: (_, q) => `/staff/reports/${q.id}?done=corrected`,
    again: (shown) => again(shown.context, 'correction', shown),
  });
}
