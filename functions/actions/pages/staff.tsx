/**
 * The action log's staff pages (everything under /staff needs the staff role; createApp guards it).
 * Reading pages pick a view; each form changes the log through core's formRoute.
 *
 *   GET       /staff/actions?status=&owner=&theme=&source=&area=&overdue=yes   the log, filtered
 *   GET       /staff/actions/export.csv?…                                       the same, as a spreadsheet
 *   GET       /staff/actions/figures?from-…&to-…   (and figures.csv)            opened and closed per month, overdue, time to close
 *   GET/POST  /staff/actions/new                                                 an action raised on its own
 *   GET       /staff/actions/{id}                                               the action, its history and the status form
 *   POST      /staff/actions/{id}/status                                        change the status against the version seen
 *   POST      /staff/actions/{id}/owner                                         a new owner or due date against the version seen
 *   POST      /staff/actions/{id}/public                                        shown on its source's public page or not ("what happened next")
 *   …         /staff/actions/contacts…                                          the owners' contacts (contacts.tsx)
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { readActionForm } from '../../core/actions/form.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { londonDay } from '../../core/time.js';
import type { Errors } from '../../core/ui/components.js';
import { csvResponse } from '../../core/ui/csv.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { issuesToErrors, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { figuresFor, figuresRows } from '../figures.js';
import { actionRows, listActions } from '../log.js';
import { actionChangeInput, actionFilterQuery, filterFromQuery, filterToQuery } from '../model.js';
import { contactOf } from '../contacts.js';
import { getAction } from '../store/actions.js';
import { ActionChangedMeanwhile, changeActionOwner, changeActionPublic, changeActionStatus, recordAction } from '../tracking.js';
import { readPublicForm } from './public-form.js';
import { readOwnerForm } from './owner-form.js';
import { ActionPage } from './action.js';
import { FiguresPage } from './figures.js';
import { ActionListPage } from './list.js';
import { NewActionPage } from './new-action.js';

const DONE: Record<string, string> = { created: 'Action added', updated: 'Action updated', 'owner-changed': 'Owner or due date changed', 'public-changed': 'What residents see saved' };

async function findAction(c: Context) {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getAction(id, { consistent: true }) : undefined;
}

export function staffPages(app: Hono<AppEnv>): void {
  const filtered = async (c: Context<AppEnv>) => {
    const parsed = z.safeParse(actionFilterQuery, c.req.query());
    if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues) };
    const filter = filterFromQuery(parsed.data);
    const now = new Date();
    return { filter, actions: await listActions(filter, now), today: londonDay(now) };
  };
  const badFilter = (c: Context<AppEnv>, errors: Errors | undefined) =>
    c.html(<ActionListPage actions={[]} filter={{}} query={{}} today={londonDay(new Date())} errors={errors} />, 400);

  app.get('/staff/actions', async (c) => {
    const result = await filtered(c);
    if ('errors' in result) return badFilter(c, result.errors);
    return c.html(<ActionListPage actions={result.actions} filter={result.filter} query={filterToQuery(result.filter)} today={result.today} />);
  });

  app.get('/staff/actions/export.csv', async (c) => {
    const result = await filtered(c);
    if ('errors' in result) return badFilter(c, result.errors);
    return csvResponse(c, `actions-${result.today}.csv`, actionRows(result.actions, result.today));
  });

  const figures = async (c: Context<AppEnv>) => {
    const values: FormValues = c.req.query();
    const { period, errors } = readPeriod(values);
    if (Object.keys(errors).length) return { values, errors };
    return { values, ...(await figuresFor(period, new Date())) };
  };

  app.get('/staff/actions/figures', async (c) => {
    const result = await figures(c);
    if ('errors' in result) return c.html(<FiguresPage values={result.values} errors={result.errors} />, 400);
    return c.html(<FiguresPage values={result.values} figures={result.figures} label={result.label} />);
  });

  app.get('/staff/actions/figures.csv', async (c) => {
    const result = await figures(c);
    if ('errors' in result) return c.html(<FiguresPage values={result.values} errors={result.errors} />, 400);
    return csvResponse(c, 'action-figures.csv', figuresRows(result.figures));
  });

  app.get('/staff/actions/new', (c) => c.html(<NewActionPage values={{}} />));

  formRoute(app, '/staff/actions/new', {
    read: ({ values }) => readActionForm(values),
    act: (input, _, by) => recordAction(input, { by: by.name }),
    done: (action) => `/staff/actions/${action.id}?done=created`,
    again: ({ values, errors }) => <NewActionPage values={values} errors={errors} />,
  });

  app.get('/staff/actions/:id', async (c) => {
    const action = await findAction(c);
    if (!action) return handleNotFound(c);
    const contact = (await contactOf(action.owner)) ?? null;
    return c.html(<ActionPage action={action} contact={contact} today={londonDay(new Date())} banner={DONE[c.req.query('done') ?? '']} />);
  });

  formRoute(app, '/staff/actions/:id/status', {
    load: findAction,
    read: ({ values }) => {
      const parsed = z.safeParse(actionChangeInput, { version: Number(values['version']), status: values['status'] ?? '', note: values['note'] ?? '' });
      return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: (change, action, by) => changeActionStatus(action.id, change, { by: by.name }),
    done: (_, action) => `/staff/actions/${action.id}?done=updated`,
    again: ({ context: action, values, errors, problem, refusal }) => {
      const today = londonDay(new Date());
      // Shown the action as it is now, with what they chose and wrote still in the form.
      if (refusal instanceof ActionChangedMeanwhile) return <ActionPage action={refusal.current} today={today} conflict={refusal.message} values={{ status: values['status'], note: values['note'] }} />;
      return <ActionPage action={action} today={today} values={values} errors={errors} conflict={typeof problem === 'string' ? problem : undefined} />;
    },
  });

  formRoute(app, '/staff/actions/:id/owner', {
    load: findAction,
    read: ({ values }, action) => readOwnerForm(action, values),
    act: (change, action, by) => changeActionOwner(action.id, change, { by: by.name }),
    done: (_, action) => `/staff/actions/${action.id}?done=owner-changed`,
    again: ({ context: action, values, errors, problem, refusal }) => {
      const today = londonDay(new Date());
      if (refusal instanceof ActionChangedMeanwhile) return <ActionPage action={refusal.current} today={today} conflict={refusal.message} />;
      const ownerErrors = refusal?.fields?.length ? { ownerKind: refusal.fields[0]!.message } : errors;
      return <ActionPage action={action} today={today} ownerValues={values} ownerErrors={ownerErrors} conflict={typeof problem === 'string' ? problem : undefined} />;
    },
  });

  formRoute(app, '/staff/actions/:id/public', {
    load: findAction,
    read: ({ values }) => readPublicForm(values),
    act: (change, action, by) => changeActionPublic(action.id, change, { by: by.name }),
    done: (_, action) => `/staff/actions/${action.id}?done=public-changed`,
    again: ({ context: action, values, errors, problem, refusal }) => {
      const today = londonDay(new Date());
      if (refusal instanceof ActionChangedMeanwhile) return <ActionPage action={refusal.current} today={today} conflict={refusal.message} />;
      return <ActionPage action={action} today={today} publicValues={values} publicErrors={errors} conflict={typeof problem === 'string' ? problem : undefined} />;
    },
  });
}
