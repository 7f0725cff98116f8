/**
 * Community days' staff pages (everything under /staff needs the staff role; createApp guards it).
 * Reading pages pick a view; each form changes something through core's formRoute.
 *
 *   GET       /staff/community-days?period=…                              the visits in a period
 *   GET/POST  /staff/community-days/visits/new                            log a visit
 *   GET       /staff/community-days/visits/{id}                           the visit, its actions and history
 *   GET/POST  /staff/community-days/visits/{id}/edit                      edit (against the version seen)
 *   GET/POST  /staff/community-days/visits/{id}/delete?version=…          delete (confirm first; admins only)
 *   GET/POST  /staff/community-days/visits/{id}/actions/new               add an action arising
 *   GET       /staff/community-days/map?period=…                          the staff map, with other capabilities' points
 *   GET       /staff/community-days/dashboard?period=… (and /{table}.csv) the dashboard and its spreadsheets
 */
import type { Context, Hono } from 'hono';
import { readActionForm } from '../../core/actions/form.js';
import { actionsFrom } from '../../core/actions/store.js';
import { handleNotFound } from '../../core/http/app.js';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { formRoute, type Posted } from '../../core/http/form-route.js';
import { recordNotesSeen } from '../notes-seen.js';
import { londonDay } from '../../core/time.js';
import type { Errors } from '../../core/ui/components.js';
import { csvResponse } from '../../core/ui/csv.js';
import { looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { communityDaysDashboard, dashboardTables } from '../dashboard.js';
import { coverageMap } from '../map-data.js';
import { periodFor } from '../periods.js';
import { addVisitActions, CAPABILITY, deleteVisit, editVisit, getVisit, logVisit, VisitChangedMeanwhile, visitsBetween } from '../visits.js';
import { AddActionPage } from './add-action.js';
import { filterQuery, readCoverageFilter } from './coverage.js';
import { DashboardPage } from './dashboard.js';
import { allowMapTiles } from './map-assets.js';
import { StaffMapPage } from './staff-map.js';
import { readVisitForm, VisitFormPage, visitFormValues, type VisitForm } from './visit-form.js';
import { VisitListPage } from './visit-list.js';
import { VisitConflictPage, VisitPage } from './visit.js';

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

const visitForm = ({ values, chosen }: Posted): VisitForm => ({ values, themes: chosen('themes') });

/** The form's errors, a refusal's about the start shown beside the date (the field staff typed it in). */
function onTheForm(errors: Errors | undefined): Errors | undefined {
  if (!errors?.['startsAt']) return errors;
  const { startsAt, ...rest } = errors;
  return { date: startsAt, ...rest };
}

export function staffPages(app: Hono<AppEnv>): void {
  allowMapTiles('/staff/community-days/map');

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

  formRoute(app, '/staff/community-days/visits/new', {
    read: (posted) => readVisitForm(visitForm(posted), { editing: false }),
    act: (input, _, by) => logVisit(input, { by: by.name }),
    done: (visit) => `/staff/community-days/visits/${visit.id}?done=logged`,
    again: ({ errors, problem, ...posted }) => <VisitFormPage form={visitForm(posted)} errors={onTheForm(errors)} problem={problem} />,
  });

  app.get('/staff/community-days/visits/:id', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    const actions = await actionsFrom(CAPABILITY, visit.id);
    await recordNotesSeen(c, visit);
    return c.html(<VisitPage visit={visit} actions={actions} today={londonDay(new Date())} banner={DONE[c.req.query('done') ?? '']} canDelete={isAdmin(c)} />);
  });

  app.get('/staff/community-days/visits/:id/edit', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    if (visit.deletedAt) return c.redirect(`/staff/community-days/visits/${visit.id}`, 303);
    await recordNotesSeen(c, visit);
    return c.html(<VisitFormPage visit={visit} form={visitFormValues(visit)} />);
  });

  formRoute(app, '/staff/community-days/visits/:id/edit', {
    load: findVisit,
    read: (posted) => readVisitForm(visitForm(posted), { editing: true }),
    act: (input, visit, by) => editVisit(visit.id, input, { by: by.name }),
    done: (_, visit) => `/staff/community-days/visits/${visit.id}?done=updated`,
    again: ({ context: visit, errors, problem, refusal, ...posted }) => {
      const form = visitForm(posted);
      if (refusal instanceof VisitChangedMeanwhile && !refusal.current.deletedAt) {
        // Shown the visit as it is now, with their edits kept in the form and the current version to save against.
        const changed = (
          <>
            {refusal.message}{' '}
            <a class="govuk-link" href={`/staff/community-days/visits/${visit.id}`}>
              See the visit as it is now
            </a>
            . Your changes are below: saving them again replaces the other person’s.
          </>
        );
        return <VisitFormPage visit={refusal.current} form={{ ...form, values: { ...form.values, version: String(refusal.current.version) } }} problem={changed} />;
      }
      if (refusal instanceof VisitChangedMeanwhile || refusal?.kind === 'gone') return <VisitConflictPage visit={visit} message={refusal.message} />;
      return <VisitFormPage visit={visit} form={form} errors={onTheForm(errors)} problem={problem} />;
    },
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

  formRoute(app, '/staff/community-days/visits/:id/delete', {
    role: 'admin',
    // The version the person confirmed is in the form's address (the confirm page's).
    load: async (c) => {
      const visit = await findVisit(c);
      const version = Number(c.req.query('version'));
      return visit && { visit, version: Number.isInteger(version) ? version : -1 };
    },
    act: (_, { visit, version }, by) => deleteVisit(visit.id, version, { by: by.name }),
    done: () => '/staff/community-days?done=deleted',
    again: ({ context: { visit }, refusal }) => <VisitConflictPage visit={visit} message={refusal?.message ?? ''} />,
  });

  app.get('/staff/community-days/visits/:id/actions/new', async (c) => {
    const visit = await findVisit(c);
    if (!visit) return handleNotFound(c);
    if (visit.deletedAt) return c.redirect(`/staff/community-days/visits/${visit.id}`, 303);
    return c.html(<AddActionPage visit={visit} values={{}} />);
  });

  formRoute(app, '/staff/community-days/visits/:id/actions/new', {
    load: findVisit,
    read: ({ values }) => readActionForm(values),
    act: (input, visit, by) => addVisitActions(visit.id, [input], { by: by.name }),
    done: (_, visit) => `/staff/community-days/visits/${visit.id}?done=action-added`,
    again: ({ context: visit, values, errors, refusal }) =>
      refusal ? <VisitConflictPage visit={visit} message={refusal.message} /> : <AddActionPage visit={visit} values={values} errors={errors} />,
  });

  app.get('/staff/community-days/map', async (c) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    if (read.errors) return c.html(<StaffMapPage values={values} errors={read.errors} />, 400);
    const map = await coverageMap(periodFor(read.filter.choice), { audience: 'staff', theme: read.filter.theme });
    return c.html(<StaffMapPage map={map} values={values} endpoint={`/api/community-days/staff-map?${filterQuery(read.filter)}`} />);
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
