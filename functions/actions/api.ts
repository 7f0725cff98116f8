/**
 * The action log's JSON API (staff): list with filters, read one, raise one on its own, change a
 * status against the version seen (409 with the action as it is now when someone else changed it),
 * the figures and the spreadsheet. Each route validates with zod (via ApiRoutes).
 */
import type { ApiRoutes } from '../core/http/api.js';
import * as z from 'zod/mini';
import { actionOwnerKind, actionStatus, newActionInput } from '../core/actions/model.js';
import { signedInName } from '../core/http/staff-name.js';
import { notFound } from '../core/refusal.js';
import { londonDay, londonDayStart } from '../core/time.js';
import { csvResponse } from '../core/ui/csv.js';
import { isoMonth } from '../core/validation.js';
import { figuresFor, figuresRows } from './figures.js';
import { actionRows, listActions } from './log.js';
import { actionChangeInput, actionFilterQuery, actionOwnerChangeInput, actionPublicInput, filterFromQuery } from './model.js';
import { getAction } from './store/actions.js';
import { ActionChangedMeanwhile, changeActionOwner, changeActionPublic, changeActionStatus, recordAction } from './tracking.js';

const actionId = z.object({ id: z.string().check(z.regex(/^[a-z0-9]{1,64}$/, { error: 'Not an action id' })) });

const historySchema = z.object({
  at: z.string(),
  by: z.string(),
  summary: z.string(),
  note: z.optional(z.string()),
  changes: z.optional(z.array(z.object({ field: z.enum(['owner', 'due']), from: z.string(), to: z.string() }))),
});
const actionSchema = z.object({
  id: z.string(),
  what: z.string(),
  source: z.optional(z.object({ capability: z.string(), kind: z.string(), id: z.string(), label: z.string(), href: z.optional(z.string()) })),
  theme: z.optional(z.string()),
  areaCode: z.optional(z.string()),
  owner: z.object({ kind: actionOwnerKind, name: z.optional(z.string()) }),
  dueOn: z.optional(z.string()),
  status: actionStatus,
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  finishedAt: z.optional(z.string()),
  history: z.array(historySchema),
  public: z.optional(z.boolean()),
  publicOutcome: z.optional(z.string()),
});

const figuresSchema = z.object({
  months: z.array(z.object({ month: z.string(), opened: z.number(), closed: z.number() })),
  openNow: z.number(),
  overdueNow: z.number(),
  medianDaysToClose: z.optional(z.number()),
  onTimeShare: z.optional(z.number()),
  closedWithDueDate: z.number(),
  closedOnTime: z.number(),
});

const month = isoMonth();
const figuresQuery = z.object({ ...actionFilterQuery.def.shape, from: z.optional(month), to: z.optional(month) }).check(
  z.refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], error: 'The last month must not be before the first' }),
);

export function actionsApi(api: ApiRoutes): void {
  const staff = { role: 'staff' as const, tags: ['Actions (staff)'] };

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'listActions',
      path: '/api/actions',
      summary: 'Every action, newest first, filtered by status, owner, theme, source (a capability name or `none`), council area and overdue',
      query: actionFilterQuery,
      responses: { 200: { description: 'The actions', schema: z.object({ actions: z.array(actionSchema) }) } },
    },
    async (c, { query }) => c.json({ actions: await listActions(filterFromQuery(query)) }),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportActions',
      path: '/api/actions/export.csv',
      summary: 'The filtered actions as a spreadsheet (CSV)',
      query: actionFilterQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } },
    },
    async (c, { query }) => {
      const today = londonDay(new Date());
      return csvResponse(c, `actions-${today}.csv`, actionRows(await listActions(filterFromQuery(query)), today));
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getActionFigures',
      path: '/api/actions/figures',
      summary: 'Opened and closed per month (London months `from` to `to`; the 12 months to today by default), open and overdue now, median days to close, share closed on time',
      query: figuresQuery,
      responses: { 200: { description: 'The figures', schema: figuresSchema }, 400: { description: 'A month or filter is not valid' } },
    },
    async (c, { query }) => c.json((await figuresFor(monthsAsked(query), new Date(), filterFromQuery(query))).figures),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportActionFigures',
      path: '/api/actions/figures.csv',
      summary: 'The figures as a spreadsheet (CSV)',
      query: figuresQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } },
    },
    async (c, { query }) => csvResponse(c, 'action-figures.csv', figuresRows((await figuresFor(monthsAsked(query), new Date(), filterFromQuery(query))).figures)),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'createAction',
      path: '/api/actions',
      summary: 'Raise an action on its own (an action arising from a capability’s work, such as a visit or a surgery, is raised there)',
      body: newActionInput,
      responses: { 201: { description: 'The new action', schema: actionSchema }, 400: { description: 'A field is not valid' } },
    },
    async (c, { body }) => c.json(await recordAction(body, { by: signedInName(c) }), 201),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getAction',
      path: '/api/actions/:id',
      summary: 'One action with its history',
      params: actionId,
      responses: { 200: { description: 'The action', schema: actionSchema }, 404: { description: 'No such action' } },
    },
    async (c, { params }) => {
      const action = await getAction(params.id, { consistent: true });
      if (!action) throw notFound('There is no action with this id');
      return c.json(action);
    },
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'changeActionStatus',
      path: '/api/actions/:id/status',
      summary: 'Change the status (with an optional note), only if the action is still at `version`; otherwise 409 with the action as it is now in `current`',
      params: actionId,
      body: actionChangeInput,
      responses: {
        200: { description: 'The action as changed', schema: actionSchema },
        404: { description: 'No such action' },
        409: { description: 'Someone else changed the action first: `error` says so and `current` is the action as it is now', schema: z.object({ error: z.object({ status: z.number(), code: z.string(), message: z.string() }), current: actionSchema }) },
      },
    },
    async (c, { params, body }) => {
      try {
        return c.json(await changeActionStatus(params.id, body, { by: signedInName(c) }));
      } catch (error) {
        if (!(error instanceof ActionChangedMeanwhile)) throw error;
        return c.json({ error: { status: 409, code: error.code, message: error.message }, current: error.current }, 409);
      }
    },
  );
}

/** 409 with the action as it is now, when someone else changed it first. */
const changedMeanwhile = { description: 'Someone else changed the action first: `error` says so and `current` is the action as it is now' };
export function actionOwnerApi(api: ApiRoutes): void {
  api.add(
    {
      role: 'staff',
      tags: ['Actions (staff)'],
      method: 'post',
      operationId: 'changeActionOwner',
      path: '/api/actions/:id/owner',
      summary: 'Pass the action to another owner or change its due date (leave `dueOn` out for none), only if it is still at `version` and not closed; the history records each from and to',
      params: actionId,
      body: actionOwnerChangeInput,
      responses: {
        200: { description: 'The action as changed', schema: actionSchema },
        400: { description: 'A field is not valid, or nothing would change' },
        404: { description: 'No such action' },
        409: { ...changedMeanwhile, schema: z.object({ error: z.object({ status: z.number(), code: z.string(), message: z.string() }), current: z.optional(actionSchema) }) },
      },
    },
    async (c, { params, body }) => {
      try {
        return c.json(await changeActionOwner(params.id, body, { by: signedInName(c) }));
      } catch (error) {
        if (!(error instanceof ActionChangedMeanwhile)) throw error;
        return c.json({ error: { status: 409, code: error.code, message: error.message }, current: error.current }, 409);
      }
    },
  );
  api.add(
    {
      role: 'staff',
      tags: ['Actions (staff)'],
      method: 'post',
      operationId: 'changeActionPublic',
      path: '/api/actions/:id/public',
      summary: 'Show what happened (`outcome`, for residents) on the public page the action came from once it is finished ("what happened next"), or take it off (`public: false`), only if the action is still at `version`',
      params: actionId,
      body: actionPublicInput,
      responses: {
        200: { description: 'The action as changed', schema: actionSchema },
        400: { description: 'A field is not valid, or the action was raised on its own (it has no public page)' },
        404: { description: 'No such action' },
        409: { ...changedMeanwhile, schema: z.object({ error: z.object({ status: z.number(), code: z.string(), message: z.string() }), current: z.optional(actionSchema) }) },
      },
    },
    async (c, { params, body }) => {
      try {
        return c.json(await changeActionPublic(params.id, body, { by: signedInName(c) }));
      } catch (error) {
        if (!(error instanceof ActionChangedMeanwhile)) throw error;
        return c.json({ error: { status: 409, code: error.code, message: error.message }, current: error.current }, 409);
      }
    },
  );
}

/** The London months `from` to `to` asked for, as a period of days (open-ended where not given). */
const monthsAsked = (query: { from?: string; to?: string }) => ({
  ...(query.from ? { from: londonDayStart(`${query.from}-01`) } : {}),
  ...(query.to ? { to: londonDayStart(`${nextMonth(query.to)}-01`) } : {}),
});

/** `2026-12` → `2027-01`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
