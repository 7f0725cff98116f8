/**
 * Staff routes for the list of parish and town councils. Importing the list is for admins only
 * (docs/decisions.md).
 *
 *   GET       /staff/surgeries/councils(.csv)
 *   GET/POST  /staff/surgeries/councils/new
 *   GET/POST  /staff/surgeries/councils/import (a preview);  POST …/import/confirm
 *   GET/POST  /staff/surgeries/councils/{id} | {id}/retire;  POST …/{id}/reinstate
 */
import { suppressedAmong, suppressionOf } from '../../core/outbox/suppression.js';
import type { Context, Hono } from 'hono';
import { councilAreaCode } from '../../core/council-areas.js';
import { handleNotFound } from '../../core/http/app.js';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { recordAccess } from '../../core/people/access-record.js';
import { londonDay } from '../../core/time.js';
import { csvResponse } from '../../core/ui/csv.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import * as z from 'zod/mini';
import { councilRows, importCouncils, previewImport } from '../council-import.js';
import { addCouncil, clerksIn, editCouncil, getCouncil, listCouncils, setCouncilStatus } from '../councils.js';
import type { Council } from '../model.js';
import { bookingsOfCouncil } from '../store/bookings.js';
import { CouncilFormPage, councilFormValues, readCouncilForm } from './council-form.js';
import { ImportPage } from './council-import.js';
import { CouncilsPage } from './councils.js';
import { shownAgain } from './parts.js';
import { banner, idOf } from './staff-parts.js';

const councilOf = async (c: Context) => {
  const id = idOf(c);
  return id ? getCouncil(id, { consistent: true }) : undefined;
};

const councilPage = async (council: Council, problem?: string) => (
  <CouncilFormPage
    council={council}
    values={councilFormValues(council)}
    bookings={await bookingsOfCouncil(council.id)}
    problem={problem}
    stopped={council.clerkEmail ? await suppressionOf(council.clerkEmail) : undefined}
  />
);

/** The CSV sent: the file chosen, or the text the preview carried on to the confirmation. */
async function csvOf(c: Context): Promise<string> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const file = body['file'];
  return file instanceof File ? file.text() : typeof body['csv'] === 'string' ? body['csv'] : '';
}
const NO_FILE = { file: 'Choose a CSV file of councils' };
const count = (text: string | undefined) => (/^\d{1,4}$/.test(text ?? '') ? Number(text) : 0);

export function staffCouncilPages(app: Hono<AppEnv>): void {
  app.get('/staff/surgeries/councils', async (c) => {
    const parsed = z.safeParse(councilAreaCode, c.req.query('district'));
    const district = parsed.success ? parsed.data : undefined;
    const councils = await listCouncils({ includeRetired: true, ...(district ? { districtCode: district } : {}) });
    const stopped = await suppressedAmong(councils.flatMap((council) => (council.clerkEmail ? [council.clerkEmail] : [])));
    await recordAccess(c, { what: 'Councils and their clerks’ contact details', people: clerksIn(councils) });
    return c.html(<CouncilsPage councils={councils} district={district} banner={banner(c)} canImport={isAdmin(c)} stopped={stopped} />);
  });

  app.get('/staff/surgeries/councils.csv', async (c) => {
    const councils = await listCouncils({ includeRetired: true });
    await recordAccess(c, { what: 'Councils and their clerks’ contact details (CSV)', people: clerksIn(councils) });
    return csvResponse(c, `councils-${londonDay(new Date())}.csv`, councilRows(councils));
  });

  app.get('/staff/surgeries/councils/new', (c) => c.html(<CouncilFormPage values={{}} />));

  formRoute(app, '/staff/surgeries/councils/new', {
    read: ({ values }) => readCouncilForm(values),
    act: (input) => addCouncil(input),
    done: () => '/staff/surgeries/councils?done=council-added',
    again: ({ values, errors }) => <CouncilFormPage values={values} errors={errors} />,
  });

  app.get('/staff/surgeries/councils/import', requireRole('admin'), (c) => {
    const imported = c.req.query('done') === 'imported' ? `Imported: ${count(c.req.query('added'))} added, ${count(c.req.query('updated'))} updated` : undefined;
    return c.html(<ImportPage done={imported} />);
  });

  // Checking the file changes nothing (a preview of every row), so it is a plain post, not a formRoute.
  app.post('/staff/surgeries/councils/import', requireRole('admin'), async (c) => {
    const csv = await csvOf(c);
    if (!csv.trim()) return c.html(<ImportPage errors={NO_FILE} />, 400);
    const preview = await previewImport(csv);
    return c.html(<ImportPage csv={csv} preview={preview} />, preview.ok ? 200 : 400);
  });

  formRoute(app, '/staff/surgeries/councils/import/confirm', {
    role: 'admin',
    read: ({ values }) => {
      const csv = values['csv'] ?? '';
      return csv.trim() ? { input: csv } : { errors: NO_FILE };
    },
    act: (csv: string) => importCouncils(csv),
    done: ({ added, updated }) => `/staff/surgeries/councils/import?done=imported&added=${added}&updated=${updated}`,
    again: async ({ values, errors, refusal }) => (refusal ? <ImportPage csv={values['csv']} preview={await previewImport(values['csv'] ?? '')} /> : <ImportPage errors={errors} />),
  });

  app.get('/staff/surgeries/councils/:id', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    await recordAccess(c, { what: `${council.name} and its clerk’s contact details`, people: clerksIn([council]) });
    return c.html(await councilPage(council));
  });

  formRoute(app, '/staff/surgeries/councils/:id', {
    load: councilOf,
    read: ({ values }) => {
      const read = readCouncilForm(values);
      // Made against the version the form was shown with: an edit meanwhile is not overwritten.
      return read.input ? { input: { ...read.input, version: /^\d+$/.test(values['version'] ?? '') ? Number(values['version']) : undefined } } : read;
    },
    act: ({ version, ...input }, council) => editCouncil(council.id, input, new Date(), version),
    done: () => '/staff/surgeries/councils?done=council-updated',
    again: (shown) => <CouncilFormPage council={shown.context} values={shown.values} {...shownAgain(shown)} />,
  });

  app.get('/staff/surgeries/councils/:id/retire', async (c) => {
    const council = await councilOf(c);
    if (!council) return handleNotFound(c);
    return c.html(
      <ConfirmPage title={`Are you sure you want to retire ${council.name}?`} action={`/staff/surgeries/councils/${council.id}/retire`} confirm="Yes, retire it" back={`/staff/surgeries/councils/${council.id}`} staff={{ current: '/staff/surgeries' }}>
        <p class="govuk-body">It will no longer be invited or able to book, and its clerk’s contact details will be deleted. Bookings already made stay.</p>
      </ConfirmPage>,
    );
  });

  for (const [action, status, done] of [['retire', 'retired', 'retired'], ['reinstate', 'active', 'reinstated']] as const) {
    formRoute(app, `/staff/surgeries/councils/:id/${action}`, {
      load: councilOf,
      act: (_, council) => setCouncilStatus(council.id, status),
      done: () => `/staff/surgeries/councils?done=${done}`,
      again: async ({ context: council, refusal }, c) => councilPage((await councilOf(c)) ?? council, refusal?.message),
    });
  }
}
