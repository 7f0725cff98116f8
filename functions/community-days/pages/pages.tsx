/**
 * Community days' pages. Handlers read the query or form, call the domain and pick a page; every change
 * redirects (Post/Redirect/Get). Everything under /staff needs the staff role (createApp guards it).
 *
 *   GET       /community-days?period=…&theme=…                            where the Commissioner has been (public)
 *   GET       /staff/community-days?period=…                              the visits in a period
 *   GET/POST  /staff/community-days/visits/new                            log a visit
 *   GET       /staff/community-days/visits/{id}                           the visit, its actions and history
 *   GET/POST  /staff/community-days/visits/{id}/edit                      edit (against the version seen)
 *   GET/POST  /staff/community-days/visits/{id}/delete?version=…          delete (confirm first)
 *   GET/POST  /staff/community-days/visits/{id}/actions/new               add an action arising
 *   GET       /staff/community-days/map?period=…                          the staff map, with other capabilities' points
 *   GET       /staff/community-days/dashboard?period=… (and /{table}.csv) the dashboard and its spreadsheets
 */
import type { Context, Hono } from 'hono';
import { actionsFrom } from '../../core/actions/store.js';
import { readActionForm } from '../../core/actions/form.js';
import { handleNotFound } from '../../core/http/app.js';
import { allowImagesFrom } from '../../core/http/image-origins.js';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { signedInName } from '../../core/http/staff-name.js';
import { mapOverlays } from '../../core/map-overlays.js';
import { londonDay } from '../../core/time.js';
import { readFormWithChoices } from '../../core/ui/checkboxes.js';
import { csvResponse } from '../../core/ui/csv.js';
import { attempt, looksLikeId, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { communityDaysDashboard, dashboardTables } from '../dashboard.js';
import { coverageMap } from '../map-data.js';
import { periodFor } from '../periods.js';
import { communityDaysSettings } from '../settings.js';
import { addVisitActions, CAPABILITY, deleteVisit, editVisit, getVisit, logVisit, VisitChangedMeanwhile, visitsBetween } from '../visits.js';
import { filterQuery, readCoverageFilter } from './coverage.js';
import { PublicCoveragePage } from './public-views.js';
import { AddActionPage, DashboardPage, StaffMapPage, VisitConflictPage, VisitListPage, VisitPage } from './staff-views.js';
import { readVisitForm, VisitFormPage, visitFormValues } from './visit-form.js';

const DONE: Record<string, string> = {
  logged: 'Visit logged',
  updated: 'Visit updated',
  deleted: 'Visit deleted',
  'action-added': 'Action added',
};

async function findVisit(c: Context) {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getVisit(id) : undefined;
}

export function communityDaysPages(app: Hono<AppEnv>): void {
  // With a tile layer configured, the map pages may load its images (the platform's policy allows only its own).
  allowImagesFrom(['/community-days', '/staff/community-days/map'], () => {
    const tiles = communityDaysSettings().tiles;
    return tiles ? [tiles.origin] : [];
  });
  app.get('/community-days', async (c) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    if (read.errors) return c.html(<PublicCoveragePage values={values} errors={read.errors} />, 400);
    const map = await coverageMap(periodFor(read.filter.choice), { audience: 'public', theme: read.filter.theme });
    return c.html(<PublicCoveragePage map={map} values={values} endpoint={`/api/community-days/map?${filterQuery(read.filter)}`} />);
  });

  app.get('/staff/community-days', async (c) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    const banner = DONE[c.req.query('done') ?? ''];
    if (read.errors) return c.html(<VisitListPage visits={[]} label="the period" values={values} query="" errors={read.errors} />, 400);
    const period = periodFor(read.filter.choice);
    const visits = await visitsBetween(period.from, period.to);
    return c.html(<VisitListPage visits={visits} label={period.label} values={values} query={filterQuery(read.filter)} banner={banner} />);
  });

  app.get('/staff/community-days/visits/new', (c) => c.html(<VisitFormPage form={{ values: { setting: '' }, themes: [] }} />));

  app.post('/staff/community-days/visits/new', async (c) => {
    const { values, chosen } = await readFormWithChoices(c);
    const form = { values, themes: chosen('themes') };
    const { input, errors } = readVisitForm(form, { editing: false });
    if (!input) return c.html(<VisitFormPage form={form} errors={errors} />, 400);
    const result = await attempt(() => logVisit(input, { by: signedInName(c) }));
    if ('refusal' in result) return c.html(<VisitFormPage form={form} {...pageRefusal(result.refusal)} />, refusalStatus(result.refusal));
    return c.redirect(`/staff/community-days/visits/${result.ok.id}?done=logged`, 303);
  });

  app.get('/staff/community-days/visits/:id', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    const actions = await actionsFrom(CAPABILITY, visit.id);
    return c.html(<VisitPage visit={visit} actions={actions} today={londonDay(new Date())} banner={DONE[c.req.query('done') ?? '']} canDelete={isAdmin(c)} />);
  });

  app.get('/staff/community-days/visits/:id/edit', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    if (visit.deletedAt) return c.redirect(`/staff/community-days/visits/${visit.id}`, 303);
    return c.html(<VisitFormPage visit={visit} form={visitFormValues(visit)} />);
  });

  app.post('/staff/community-days/visits/:id/edit', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    const { values, chosen } = await readFormWithChoices(c);
    const form = { values, themes: chosen('themes') };
    const { input, errors } = readVisitForm(form, { editing: true });
    if (!input) return c.html(<VisitFormPage visit={visit} form={form} errors={errors} />, 400);
    const result = await attempt(() => editVisit(visit.id, input, { by: signedInName(c) }));
    if ('refusal' in result) {
      const refusal = result.refusal;
      if (refusal instanceof VisitChangedMeanwhile && !refusal.current.deletedAt) {
        // Shown the visit as it is now, with their edits kept in the form and the current version to save against.
        const problem = (
          <>
            {refusal.message}{' '}
            <a class="govuk-link" href={`/staff/community-days/visits/${visit.id}`}>
              See the visit as it is now
            </a>
            . Your changes are below: saving them again replaces the other person’s.
          </>
        );
        return c.html(<VisitFormPage visit={refusal.current} form={{ ...form, values: { ...values, version: String(refusal.current.version) } }} problem={problem} />, 409);
      }
      if (refusal instanceof VisitChangedMeanwhile || refusal.kind === 'gone') return c.html(<VisitConflictPage visit={visit} message={refusal.message} />, refusalStatus(refusal));
      return c.html(<VisitFormPage visit={visit} form={form} {...pageRefusal(refusal)} />, refusalStatus(refusal));
    }
    return c.redirect(`/staff/community-days/visits/${visit.id}?done=updated`, 303);
  });

  // Deleting a logged visit is for admins only (docs/decisions.md).
  app.get('/staff/community-days/visits/:id/delete', requireRole('admin'), async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    if (visit.deletedAt) return c.redirect(`/staff/community-days/visits/${visit.id}`, 303);
    return c.html(
      <ConfirmPage
        title="Are you sure you want to delete this visit?"
        caption={visit.placeName}
        action={`/staff/community-days/visits/${visit.id}/delete?version=${visit.version}`}
        confirm="Yes, delete the visit"
        back={`/staff/community-days/visits/${visit.id}`}
        staff={{ current: '/staff/community-days' }}
      >
        <p class="govuk-body">It will no longer be counted on the map or the dashboard, or shown on the public page. Its history and its actions are kept.</p>
      </ConfirmPage>,
    );
  });

  app.post('/staff/community-days/visits/:id/delete', requireRole('admin'), async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    await readForm(c);
    const version = Number(c.req.query('version'));
    const result = await attempt(() => deleteVisit(visit.id, Number.isInteger(version) ? version : -1, { by: signedInName(c) }));
    if ('refusal' in result) return c.html(<VisitConflictPage visit={visit} message={result.refusal.message} />, refusalStatus(result.refusal));
    return c.redirect(`/staff/community-days?done=deleted`, 303);
  });

  app.get('/staff/community-days/visits/:id/actions/new', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    if (visit.deletedAt) return c.redirect(`/staff/community-days/visits/${visit.id}`, 303);
    return c.html(<AddActionPage visit={visit} values={{}} />);
  });

  app.post('/staff/community-days/visits/:id/actions/new', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    const form = await readForm(c);
    const { input, errors } = readActionForm(form);
    if (!input) return c.html(<AddActionPage visit={visit} values={form} errors={errors} />, 400);
    const result = await attempt(() => addVisitActions(visit.id, [input], { by: signedInName(c) }));
    if ('refusal' in result) return c.html(<VisitConflictPage visit={visit} message={result.refusal.message} />, refusalStatus(result.refusal));
    return c.redirect(`/staff/community-days/visits/${visit.id}?done=action-added`, 303);
  });

  app.get('/staff/community-days/map', async (c) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    if (read.errors) return c.html(<StaffMapPage values={values} overlays={[]} errors={read.errors} />, 400);
    const period = periodFor(read.filter.choice);
    const [map, overlays] = await Promise.all([
      coverageMap(period, { audience: 'staff', theme: read.filter.theme }),
      mapOverlays({ from: period.from, to: period.to }, { except: CAPABILITY }),
    ]);
    return c.html(<StaffMapPage map={map} overlays={overlays} values={values} endpoint={`/api/community-days/staff-map?${filterQuery(read.filter)}`} />);
  });

  const dashboardFor = async (c: Context<AppEnv>) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    if (read.errors) return { values, errors: read.errors };
    return { values, query: filterQuery({ choice: read.filter.choice }), dashboard: await communityDaysDashboard(periodFor(read.filter.choice)) };
  };

  app.get('/staff/community-days/dashboard', async (c) => {
    const result = await dashboardFor(c);
    if ('errors' in result) return c.html(<DashboardPage values={result.values} errors={result.errors} />, 400);
    return c.html(<DashboardPage values={result.values} dashboard={result.dashboard} query={result.query} />);
  });

  app.get('/staff/community-days/dashboard/:file', async (c) => {
    const table = dashboardTables.find((t) => `${t.id}.csv` === c.req.param('file'));
    if (!table) return handleNotFound(c);
    const result = await dashboardFor(c);
    if ('errors' in result) return c.html(<DashboardPage values={result.values} errors={result.errors} />, 400);
    const { period } = result.dashboard;
    return csvResponse(c, `community-days-${table.id}-${period.firstDay}-to-${period.lastDay}.csv`, result.dashboard.tables[table.id].csvRows);
  });
}

/** A refusal on the form: beside its fields, or above the form. */
function pageRefusal(refusal: Parameters<typeof refusalOnPage>[0]) {
  const shown = refusalOnPage(refusal);
  if ('problem' in shown) return { problem: <>{shown.problem}</> };
  const errors = { ...shown.errors };
  if (errors['startsAt']) {
    errors['date'] = errors['startsAt'];
    delete errors['startsAt'];
  }
  return { errors };
}
