/**
 * Finding a person's data across every service (core/people/), for subject access, correction and
 * erasure. Staff find and export; only admins correct and erase. Every step that shows personal data
 * writes one entry in the access record first.
 *
 *   GET  /staff/people                the search
 *   POST /staff/people                what was found, service by service
 *   POST /staff/people/export         the subject access export as a page
 *   POST /staff/people/export.json    the same as a file
 *   POST /staff/people/correction     (admin) the correction form;  POST /staff/people/correct  makes it
 *   POST /staff/people/erasure        (admin) "Are you sure?";      POST /staff/people/erase    erases
 */
import type { Context, Hono } from 'hono';
import { isAdmin, requireRole, type AppEnv } from '../../core/http/auth.js';
import { formRoute, type Actor } from '../../core/http/form-route.js';
import { recordAccess } from '../../core/people/access-record.js';
import { correctPerson, erasePerson, type Looker } from '../../core/people/changing.js';
import { forThePerson, subjectAccessExport, type SubjectAccessExport } from '../../core/people/export.js';
import { findPerson, nameMatches } from '../../core/people/finding.js';
import { readForm as readValues } from '../../core/ui/forms.js';
import { londonDay } from '../../core/time.js';
import { personSearch, readCorrection, readForm, type PersonSearch } from '../people-forms.js';
import { CorrectionPage, ErasureConfirmPage, PersonFoundPage, PersonSearchPage, SubjectAccessPage } from './people-views.js';

const DONE: Record<string, string> = { corrected: 'Their records have been corrected', erased: 'Their data has been erased, and the erasure recorded' };

/** What was found for the search, narrowed by name when one was given. */
async function found(search: PersonSearch): Promise<SubjectAccessExport> {
  const records = (await findPerson(search.email)).filter((r) => nameMatches(r, search.name ?? ''));
  return subjectAccessExport(search, records);
}

const peopleIn = (f: SubjectAccessExport) => (f.records.length ? 1 : 0);

/** Reads the carried search, or answers with the search page and its errors. */
async function searched(c: Context<AppEnv>): Promise<{ search: PersonSearch } | { page: Response }> {
  const values = await readValues(c);
  const read = readForm(personSearch, values);
  if (read.errors) return { page: await c.html(<PersonSearchPage values={values} errors={read.errors} />, 400) };
  return { search: read.input };
}

const looker = (by: Actor, path: string): Looker => ({ who: by.name, account: by.user?.id ?? 'unknown', path });

export function peoplePages(app: Hono<AppEnv>): void {
  app.get('/staff/people', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<PersonSearchPage banner={DONE[c.req.query('done') ?? '']} />);
  });

  app.post('/staff/people', async (c) => {
    const read = await searched(c);
    if ('page' in read) return read.page;
    const result = await found(read.search);
    await recordAccess(c, { what: `Person search: ${result.records.length} records found`, people: peopleIn(result) });
    c.header('Cache-Control', 'no-store');
    return c.html(<PersonFoundPage found={result} admin={isAdmin(c)} />);
  });

  app.post('/staff/people/export', async (c) => {
    const read = await searched(c);
    if ('page' in read) return read.page;
    const result = await found(read.search);
    await recordAccess(c, { what: `Subject access export (page): ${result.records.length} records`, people: peopleIn(result) });
    c.header('Cache-Control', 'no-store');
    return c.html(<SubjectAccessPage found={forThePerson(result)} />);
  });

  app.post('/staff/people/export.json', async (c) => {
    const read = await searched(c);
    if ('page' in read) return read.page;
    const result = await found(read.search);
    await recordAccess(c, { what: `Subject access export (JSON): ${result.records.length} records`, people: peopleIn(result) });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="subject-access-${londonDay(new Date())}.json"`);
    return c.json(forThePerson(result));
  });

  app.post('/staff/people/correction', requireRole('admin'), async (c) => {
    const read = await searched(c);
    if ('page' in read) return read.page;
    const result = await found(read.search);
    c.header('Cache-Control', 'no-store');
    return c.html(<CorrectionPage values={{ email: read.search.email, ...(read.search.name ? { name: read.search.name } : {}) }} records={result.records.length} />);
  });

  formRoute(app, '/staff/people/correct', {
    role: 'admin',
    read: ({ values }) => readCorrection(values),
    act: (input, _, by) => correctPerson(input.email, { ...(input.newEmail ? { address: input.newEmail } : {}), ...(input.newName ? { name: input.newName } : {}) }, looker(by, '/staff/people/correct')),
    done: () => '/staff/people?done=corrected',
    again: async ({ values, errors, problem }) => (
      <CorrectionPage values={values} errors={errors} problem={problem} records={values['email'] ? (await findPerson(values['email'])).length : 0} />
    ),
  });

  app.post('/staff/people/erasure', requireRole('admin'), async (c) => {
    const read = await searched(c);
    if ('page' in read) return read.page;
    // Erasure takes every record holding the address (a name only narrows what is shown, and is taken out of notes).
    const result = { ...(await found({ email: read.search.email })), person: read.search };
    if (!result.records.length) return c.html(<PersonFoundPage found={result} admin />, 404);
    c.header('Cache-Control', 'no-store');
    return c.html(<ErasureConfirmPage found={result} />);
  });

  formRoute(app, '/staff/people/erase', {
    role: 'admin',
    read: ({ values }) => readForm(personSearch, values),
    act: (input, _, by) => erasePerson(input.email, looker(by, '/staff/people/erase'), input.name ? { name: input.name } : {}),
    done: () => '/staff/people?done=erased',
    again: async ({ values, problem }) => {
      const person = { email: values['email'] ?? '', ...(values['name'] ? { name: values['name'] } : {}) };
      return <ErasureConfirmPage found={{ ...(await found({ email: person.email })), person }} problem={problem} />;
    },
  });
}
