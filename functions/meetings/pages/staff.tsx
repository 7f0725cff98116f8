/**
 * Staff console pages for meetings. Every route under /staff/meetings needs the staff role; handlers
 * only read the form, call the domain and pick a page, and every change redirects (Post/Redirect/Get).
 *
 *   GET       /staff/meetings                          upcoming and past meetings
 *   GET/POST  /staff/meetings/new                      create
 *   GET       /staff/meetings/report                   attendance by council area
 *   GET       /staff/meetings/{id}                     the meeting and its registrations
 *   GET/POST  /staff/meetings/{id}/edit                edit
 *   GET/POST  /staff/meetings/{id}/cancel              cancel the meeting (confirm first)
 *   GET/POST  /staff/meetings/{id}/registrations/{registrationId}/cancel
 *   GET       /staff/meetings/{id}/registrations.csv
 *   GET       /staff/meetings/{id}/questions(.csv)
 *   GET       /staff/meetings/{id}/check-in?search=…   check-in at the door
 *   POST      /staff/meetings/{id}/check-in/{registrationId}
 */
import type { Context, Hono } from 'hono';
import { handleNotFound } from '../../core/app.js';
import { requireRole, type AppEnv } from '../../core/auth.js';
import { errorsByField } from '../../core/components.js';
import { HttpError } from '../../core/errors.js';
import type { Meeting } from '../model.js';
import {
  attendanceReport,
  attendanceSummary,
  cancelMeeting,
  cancelRegistration,
  createMeeting,
  findRegistrations,
  getMeeting,
  listMeetingsForStaff,
  listQuestions,
  listRegistrations,
  markAttended,
  questionsCsv,
  registrationsCsv,
  updateMeeting,
} from '../service.js';
import { CheckInPage } from './check-in.js';
import { looksLikeId, readForm, type FormValues } from './form.js';
import { MeetingFormPage, meetingFormValues, readMeetingForm } from './meeting-form.js';
import { QuestionsPage } from './questions.js';
import { readPeriod, ReportPage } from './report.js';
import { ConfirmCancelMeetingPage, ConfirmCancelRegistrationPage, StaffMeetingPage } from './staff-meeting.js';
import { StaffMeetingsPage } from './staff-list.js';

/** Banners shown after a change, chosen by a fixed word in the redirect so no text travels in URLs. */
const DONE: Record<string, string> = {
  created: 'Meeting created',
  updated: 'Meeting updated',
  cancelled: 'Meeting cancelled. Everyone registered has been emailed.',
  'registration-cancelled': 'Registration cancelled',
};

async function findMeeting(c: Context): Promise<Meeting | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getMeeting(id) : undefined;
}

/** A CSV download of personal data: never cached, always saved as a file. */
function csv(c: Context, filename: string, body: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}

/** Runs a domain change; a 409 (or a 400 the form could not foresee) becomes the message to show. */
async function attempt<T>(change: () => Promise<T>): Promise<{ ok: T } | { error: HttpError }> {
  try {
    return { ok: await change() };
  } catch (error) {
    if (error instanceof HttpError && (error.status === 409 || error.status === 400)) return { error };
    throw error;
  }
}

export function staffPages(app: Hono<AppEnv>): void {
  app.use('/staff/meetings/*', requireRole('staff'));
  // Staff pages show personal data: keep them out of shared caches and browser history caches.
  app.use('/staff/meetings/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/staff/meetings', async (c) => {
    const now = new Date();
    const { upcoming, past } = await listMeetingsForStaff({ now });
    return c.html(<StaffMeetingsPage upcoming={upcoming} past={past} now={now} />);
  });

  app.get('/staff/meetings/new', (c) => c.html(<MeetingFormPage values={{}} />));

  app.post('/staff/meetings/new', async (c) => {
    const form = await readForm(c);
    const { input, errors } = readMeetingForm(form);
    if (!input) return c.html(<MeetingFormPage values={form} errors={errors} />, 400);
    const result = await attempt(() => createMeeting(input));
    if ('error' in result) return c.html(<MeetingFormPage values={form} {...formErrors(result.error)} />, result.error.status);
    return c.redirect(`/staff/meetings/${result.ok.id}?done=created`, 303);
  });

  app.get('/staff/meetings/report', async (c) => {
    const values: FormValues = c.req.query();
    const { period, errors } = readPeriod(values);
    if (Object.keys(errors).length) return c.html(<ReportPage values={values} errors={errors} />, 400);
    const report = await attendanceReport({ ...period, now: new Date() });
    return c.html(<ReportPage values={values} report={report} />);
  });

  app.get('/staff/meetings/:id', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const now = new Date();
    const registrations = await listRegistrations(meeting.id);
    const summary = attendanceSummary(meeting, now);
    const banner = DONE[c.req.query('done') ?? ''];
    return c.html(<StaffMeetingPage meeting={meeting} registrations={registrations} summary={summary} now={now} banner={banner} />);
  });

  app.get('/staff/meetings/:id/edit', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<MeetingFormPage meeting={meeting} values={meetingFormValues(meeting)} />);
  });

  app.post('/staff/meetings/:id/edit', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const form = await readForm(c);
    const { input, errors } = readMeetingForm(form);
    if (!input) return c.html(<MeetingFormPage meeting={meeting} values={form} errors={errors} />, 400);
    const result = await attempt(() => updateMeeting(meeting.id, input));
    if ('error' in result) {
      return c.html(<MeetingFormPage meeting={meeting} values={form} {...formErrors(result.error)} />, result.error.status);
    }
    return c.redirect(`/staff/meetings/${meeting.id}?done=updated`, 303);
  });

  app.get('/staff/meetings/:id/cancel', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    if (meeting.status === 'cancelled') return c.redirect(`/staff/meetings/${meeting.id}`, 303);
    return c.html(<ConfirmCancelMeetingPage meeting={meeting} />);
  });

  app.post('/staff/meetings/:id/cancel', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    if (meeting.status !== 'cancelled') await cancelMeeting(meeting.id);
    return c.redirect(`/staff/meetings/${meeting.id}?done=cancelled`, 303);
  });

  app.get('/staff/meetings/:id/registrations.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return csv(c, `registrations-${meeting.id}.csv`, registrationsCsv(meeting, await listRegistrations(meeting.id)));
  });

  app.get('/staff/meetings/:id/questions.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return csv(c, `questions-${meeting.id}.csv`, questionsCsv(meeting, await listQuestions(meeting.id)));
  });

  app.get('/staff/meetings/:id/questions', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<QuestionsPage meeting={meeting} questions={await listQuestions(meeting.id)} />);
  });

  const registrationOf = async (c: Context, meeting: Meeting) => {
    const id = c.req.param('registrationId') ?? '';
    return (await listRegistrations(meeting.id)).find((r) => r.id === id);
  };

  app.get('/staff/meetings/:id/registrations/:registrationId/cancel', async (c) => {
    const meeting = await findMeeting(c);
    const registration = meeting && (await registrationOf(c, meeting));
    if (!meeting || !registration) return handleNotFound(c);
    if (registration.status === 'cancelled') return c.redirect(`/staff/meetings/${meeting.id}`, 303);
    return c.html(<ConfirmCancelRegistrationPage meeting={meeting} registration={registration} />);
  });

  app.post('/staff/meetings/:id/registrations/:registrationId/cancel', async (c) => {
    const meeting = await findMeeting(c);
    const registration = meeting && (await registrationOf(c, meeting));
    if (!meeting || !registration) return handleNotFound(c);
    if (registration.status !== 'cancelled') await cancelRegistration(meeting.id, registration.id, 'staff');
    return c.redirect(`/staff/meetings/${meeting.id}?done=registration-cancelled`, 303);
  });

  app.get('/staff/meetings/:id/check-in', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const search = (c.req.query('search') ?? '').trim().slice(0, 100);
    const results = search ? await findRegistrations(meeting.id, search) : undefined;
    const lastId = c.req.query('marked') ?? c.req.query('unmarked');
    const lastRegistration = lastId
      ? (results?.find((r) => r.id === lastId) ?? (await listRegistrations(meeting.id)).find((r) => r.id === lastId))
      : undefined;
    const last = lastRegistration ? { registration: lastRegistration, attended: c.req.query('marked') !== undefined } : undefined;
    return c.html(<CheckInPage meeting={meeting} search={search} results={results} last={last} />);
  });

  app.post('/staff/meetings/:id/check-in/:registrationId', async (c) => {
    const meeting = await findMeeting(c);
    const registration = meeting && (await registrationOf(c, meeting));
    if (!meeting || !registration) return handleNotFound(c);
    const form = await readForm(c);
    const search = (form['search'] ?? '').trim().slice(0, 100);
    const attended = form['attended'] !== 'no';
    const result = await attempt(() => markAttended(meeting.id, registration.id, attended));
    if ('error' in result) {
      const results = search ? await findRegistrations(meeting.id, search) : undefined;
      return c.html(<CheckInPage meeting={meeting} search={search} results={results} problem={result.error.message} />, result.error.status);
    }
    const query = new URLSearchParams({ search, [attended ? 'marked' : 'unmarked']: registration.id });
    return c.redirect(`/staff/meetings/${meeting.id}/check-in?${query}`, 303);
  });
}

/** Field errors from the domain go next to their fields; anything else is shown above the form. */
function formErrors(error: HttpError) {
  return error.fields?.length ? { errors: errorsByField(error.fields) } : { problem: error.message };
}
