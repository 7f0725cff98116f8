/**
 * The action log's staff pages (everything under /staff needs the staff role; createApp guards it).
 * Handlers read the form, call core's action log and pick a page; every change redirects.
 *
 *   GET       /staff/actions?status=&owner=&theme=&source=&area=&overdue=yes   the log, filtered
 *   GET       /staff/actions/export.csv?…                                       the same, as a spreadsheet
 *   GET       /staff/actions/figures?from-…&to-…   (and figures.csv)            opened and closed per month, overdue, time to close
 *   GET/POST  /staff/actions/new                                                 an action raised on its own
 *   GET       /staff/actions/{id}                                               the action, its history and the status form
 *   POST      /staff/actions/{id}/status                                        change the status against the version seen
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { ActionChangedMeanwhile, changeActionStatus, recordAction } from '../../core/actions/actions.js';
import { readActionForm } from '../../core/actions/form.js';
import { actionFilterQuery, actionRows, filterFromQuery, filterToQuery, listActions } from '../../core/actions/log.js';
import { actionChangeInput } from '../../core/actions/model.js';
import { getAction } from '../../core/actions/store.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { signedInName } from '../../core/http/staff-name.js';
import { londonDay } from '../../core/time.js';
import { csvResponse } from '../../core/ui/csv.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { attempt, issuesToErrors, looksLikeId, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import { figuresFor, figuresRows } from '../figures.js';
import { ActionListPage, ActionPage, FiguresPage, NewActionPage } from './views.js';

const DONE: Record<string, string> = { created: 'Action added', updated: 'Action updated' };

async function findAction(c: Context) {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getAction(id, { consistent: true }) : undefined;
}

export function actionPages(app: Hono<AppEnv>): void {
  const filtered = async (c: Context<AppEnv>) => {
    const query: FormValues = c.req.query();
    const parsed = z.safeParse(actionFilterQuery, query);
    if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues) };
    const filter = filterFromQuery(parsed.data);
    const now = new Date();
    return { filter, actions: await listActions(filter, now), today: londonDay(now) };
  };

  app.get('/staff/actions', async (c) => {
    const result = await filtered(c);
    if ('errors' in result) return c.html(<ActionListPage actions={[]} filter={{}} query={{}} today={londonDay(new Date())} errors={result.errors} />, 400);
    return c.html(<ActionListPage actions={result.actions} filter={result.filter} query={filterToQuery(result.filter)} today={result.today} />);
  });

  app.get('/staff/actions/export.csv', async (c) => {
    const result = await filtered(c);
    if ('errors' in result) return c.html(<ActionListPage actions={[]} filter={{}} query={{}} today={londonDay(new Date())} errors={result.errors} />, 400);
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

  app.post('/staff/actions/new', async (c) => {
    const form = await readForm(c);
    const { input, errors } = readActionForm(form);
    if (!input) return c.html(<NewActionPage values={form} errors={errors} />, 400);
    const action = await recordAction(input, { by: signedInName(c) });
    return c.redirect(`/staff/actions/${action.id}?done=created`, 303);
  });

  app.get('/staff/actions/:id', async (c) => {
    const action = await findAction(c);
    if (!action) return handleNotFound(c);
    return c.html(<ActionPage action={action} today={londonDay(new Date())} banner={DONE[c.req.query('done') ?? '']} />);
  });

  app.post('/staff/actions/:id/status', async (c) => {
    const action = await findAction(c);
    if (!action) return handleNotFound(c);
    const form = await readForm(c);
    const today = londonDay(new Date());
    const parsed = z.safeParse(actionChangeInput, { version: Number(form['version']), status: form['status'] ?? '', note: form['note'] ?? '' });
    if (!parsed.success) return c.html(<ActionPage action={action} today={today} values={form} errors={issuesToErrors(parsed.error.issues)} />, 400);
    const result = await attempt(() => changeActionStatus(action.id, parsed.data, { by: signedInName(c) }));
    if ('refusal' in result) {
      const refusal = result.refusal;
      if (refusal instanceof ActionChangedMeanwhile) {
        return c.html(<ActionPage action={refusal.current} today={today} conflict={refusal.message} values={{ status: form['status'], note: form['note'] }} />, 409);
      }
      const shown = refusalOnPage(refusal);
      return c.html(<ActionPage action={action} today={today} values={form} {...('errors' in shown ? { errors: shown.errors } : { conflict: shown.problem })} />, refusalStatus(refusal));
    }
    return c.redirect(`/staff/actions/${action.id}?done=updated`, 303);
  });
}
