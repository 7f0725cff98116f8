/**
 * JSON API for community days. Anyone: the public coverage map (GeoJSON: published visits at their
 * ward's centre). Staff (role `staff`): the staff map with every visit and other capabilities'
 * overlays, visits (list, log, read, edit, delete against the version seen), the actions arising,
 * and the dashboard with its tables as spreadsheets.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { newActionInput } from '../core/actions/model.js';
import { recordNotesSeen } from './notes-seen.js';
import { actionsFrom } from '../core/actions/store.js';
import type { ApiRoutes } from '../core/http/api.js';
import type { AppEnv } from '../core/http/auth.js';
import { signedInName } from '../core/http/staff-name.js';
import { Refusal } from '../core/refusal.js';
import { themeId } from '../core/themes.js';
import { csvResponse } from '../core/ui/csv.js';
import { communityDaysDashboard, dashboardTables, type DashboardTable } from './dashboard.js';
import { coverageMap } from './map-data.js';
import { metKindIds, visitEditInput, visitInput, type Visit } from './model.js';
import { choiceFromQuery, periodFor, periodQuery, type Period } from './periods.js';
import { addVisitActions, CAPABILITY, deleteVisit, editVisit, logVisit, requireVisit, visitsBetween } from './visits.js';

const visitId = z.object({ id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, { error: 'Not a visit id' })) });
const mapQuery = z.object({ ...periodQuery, theme: z.optional(themeId) });

/** The period the query chose, or a 400 naming the query field. */
function periodOf(query: z.infer<typeof mapQuery> | z.infer<typeof periodQueryOnly>): Period {
  const chosen = choiceFromQuery(query);
  if ('errors' in chosen) {
    throw new Refusal('validation_failed', 'Some of the information sent is not valid', { kind: 'invalid', fields: chosen.errors.map((e) => ({ field: `query.${e.field}`, message: e.message })) });
  }
  return periodFor(chosen.choice);
}
const periodQueryOnly = z.object(periodQuery);

const feature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.enum(['Point', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
  properties: z.object({ kind: z.enum(['council-area', 'visit', 'overlay']) }),
});
const geoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  audience: z.enum(['public', 'staff']),
  period: z.object({ from: z.string(), to: z.string(), firstDay: z.string(), lastDay: z.string(), label: z.string() }),
  theme: z.nullable(z.object({ id: z.string(), label: z.string() })),
  target: z.object({ perYear: z.number(), inPeriod: z.number() }),
  legend: z.array(z.object({ band: z.number(), label: z.string(), min: z.number(), max: z.optional(z.number()) })),
  overlays: z.array(z.object({ capability: z.string(), label: z.string(), marker: z.string(), count: z.number(), unavailable: z.boolean() })),
  attribution: z.string(),
  tiles: z.nullable(z.object({ url: z.string(), attribution: z.string() })),
  features: z.array(feature),
});

async function geoJson(c: Context<AppEnv>, period: Period, options: Parameters<typeof coverageMap>[1]) {
  const { areas: _areas, layers: _layers, ...collection } = await coverageMap(period, options);
  return c.body(JSON.stringify(collection), 200, { 'content-type': 'application/geo+json' });
}

const visitSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  areaCode: z.string(),
  wardCode: z.string(),
  placeName: z.string(),
  point: z.optional(z.object({ latitude: z.number(), longitude: z.number() })),
  setting: z.enum(['urban', 'rural']),
  met: z.array(z.object({ kind: z.enum(metKindIds), count: z.number(), organisations: z.optional(z.array(z.string())) })),
  themes: z.array(z.string()),
  notes: z.optional(z.string()),
  publicSummary: z.optional(z.string()),
  published: z.boolean(),
  version: z.number(),
  actionCount: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.optional(z.string()),
  deletedBy: z.optional(z.string()),
  history: z.array(z.object({ at: z.string(), by: z.string(), summary: z.string() })),
});

/** A refusal because someone else changed the visit: 409 (or 410 once deleted) with the visit as it is now. */
async function withCurrent(c: Context<AppEnv>, change: () => Promise<Visit>, status: 200 | 201 = 200) {
  try {
    return c.json(await change(), status);
  } catch (error) {
    if (error instanceof Refusal && 'current' in error) {
      const current = (error as Refusal & { current: Visit }).current;
      const code = error.kind === 'gone' ? 410 : 409;
      return c.json({ error: { status: code, code: error.code, message: error.message }, current }, code);
    }
    throw error;
  }
}

const tableName = z.object({ table: z.enum(dashboardTables.map((t) => t.id) as [DashboardTable, ...DashboardTable[]], { error: 'Not one of the dashboard tables' }) });

export function communityDaysApi(api: ApiRoutes): void {
  api.add(
    {
      method: 'get',
      operationId: 'getCommunityDaysMap',
      path: '/api/community-days/map',
      summary:
        'The public coverage map as GeoJSON: each council area (boundary, published visits in the period against the target, legend band, last visit, themes) and each published visit at its ward’s centre. Period: `period=last-12-weeks`, `financial-year` (with `year`, the year it starts), or `dates` with `from` and `to` (London days); optionally one `theme`.',
      tags: ['Community days'],
      query: mapQuery,
      responses: { 200: { description: 'A GeoJSON FeatureCollection', contentType: 'application/geo+json', schema: geoJsonSchema } },
    },
    async (c, { query }) => geoJson(c, periodOf(query), { audience: 'public', theme: query.theme }),
  );

  const staff = { role: 'staff' as const, tags: ['Community days (staff)'] };

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getCommunityDaysStaffMap',
      path: '/api/community-days/staff-map',
      summary: 'The staff coverage map as GeoJSON: every visit at its exact point (or its ward’s centre), and the points other capabilities put on the map (meetings, surgeries) as overlays',
      query: mapQuery,
      responses: { 200: { description: 'A GeoJSON FeatureCollection', contentType: 'application/geo+json', schema: geoJsonSchema } },
    },
    async (c, { query }) => geoJson(c, periodOf(query), { audience: 'staff', theme: query.theme }),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'listVisits',
      path: '/api/community-days/visits',
      summary: 'Visits in the period (the current financial year by default), soonest first',
      query: periodQueryOnly,
      responses: { 200: { description: 'The visits', schema: z.object({ visits: z.array(visitSchema) }) } },
    },
    async (c, { query }) => {
      const period = periodOf(query);
      return c.json({ visits: await visitsBetween(period.from, period.to) });
    },
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'logVisit',
      path: '/api/community-days/visits',
      summary: 'Log a visit (with the actions arising, if any), in one transaction with the coverage counters',
      body: visitInput,
      responses: { 201: { description: 'The visit', schema: visitSchema }, 400: { description: 'A field is not valid, e.g. a point outside the council area or a ward in another' } },
    },
    async (c, { body }) => c.json(await logVisit(body, { by: signedInName(c) }), 201),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getVisit',
      path: '/api/community-days/visits/:id',
      summary: 'One visit, with its notes, history and the actions arising',
      params: visitId,
      responses: { 200: { description: 'The visit and its actions' }, 404: { description: 'No such visit' } },
    },
    async (c, { params }) => {
      const visit = await requireVisit(params.id);
      await recordNotesSeen(c, visit, ' (API)');
      return c.json({ visit, actions: await actionsFrom(CAPABILITY, visit.id) });
    },
  );

  api.add(
    {
      ...staff,
      method: 'put',
      operationId: 'editVisit',
      path: '/api/community-days/visits/:id',
      summary: 'Edit a visit, only if it is still at `version`; otherwise 409 (410 if deleted) with the visit as it is now in `current`',
      params: visitId,
      body: visitEditInput,
      responses: {
        200: { description: 'The visit as saved', schema: visitSchema },
        404: { description: 'No such visit' },
        409: { description: 'Someone else changed the visit first; `current` is the visit as it is now' },
        410: { description: 'The visit has been deleted' },
      },
    },
    async (c, { params, body }) => withCurrent(c, () => editVisit(params.id, body, { by: signedInName(c) })),
  );

  api.add(
    {
      ...staff,
      // Admins only (docs/decisions.md).
      role: 'admin',
      method: 'delete',
      operationId: 'deleteVisit',
      path: '/api/community-days/visits/:id',
      summary: 'Delete a visit at `version` (it is kept with its history, out of every list and count)',
      params: visitId,
      query: z.object({ version: z.pipe(z.string().check(z.regex(/^\d{1,9}$/, { error: 'Give the version of the visit you are deleting' })), z.transform(Number)) }),
      responses: {
        200: { description: 'The deleted visit', schema: visitSchema },
        404: { description: 'No such visit' },
        409: { description: 'Someone else changed the visit first; `current` is the visit as it is now' },
        410: { description: 'Already deleted' },
      },
    },
    async (c, { params, query }) => withCurrent(c, () => deleteVisit(params.id, query.version, { by: signedInName(c) })),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'addVisitActions',
      path: '/api/community-days/visits/:id/actions',
      summary: 'Record actions arising from a visit (linked to it, in its council area unless another is given)',
      params: visitId,
      body: z.object({ actions: z.array(newActionInput).check(z.minLength(1, { error: 'Give at least one action' }), z.maxLength(30, { error: 'Give up to 30 actions at once' })) }),
      responses: { 201: { description: 'The actions' }, 404: { description: 'No such visit' }, 410: { description: 'The visit has been deleted' } },
    },
    async (c, { params, body }) => c.json({ actions: await addVisitActions(params.id, body.actions, { by: signedInName(c) }) }, 201),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getCommunityDaysDashboard',
      path: '/api/community-days/dashboard',
      summary: 'For the period: visits by council area against target, groups met, hours of engagement, themes (overall and per area), actions opened, closed and overdue',
      query: periodQueryOnly,
      responses: { 200: { description: 'The dashboard' } },
    },
    async (c, { query }) => c.json(await communityDaysDashboard(periodOf(query))),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportCommunityDaysDashboardTable',
      path: '/api/community-days/dashboard/:table',
      summary: 'One of the dashboard’s tables as a spreadsheet (CSV): coverage, groups-met, themes, themes-by-area or actions',
      params: tableName,
      query: periodQueryOnly,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such table' } },
    },
    async (c, { params, query }) => {
      const dashboard = await communityDaysDashboard(periodOf(query));
      return csvResponse(c, `community-days-${params.table}-${dashboard.period.firstDay}-to-${dashboard.period.lastDay}.csv`, dashboard.tables[params.table].csvRows);
    },
  );
}
