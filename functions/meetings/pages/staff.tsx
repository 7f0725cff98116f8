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
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { csvResponse } from '../../core/ui/csv.js';
import { attempt, issuesToErrors, looksLikeId, readForm, refusalOnPage, refusalStatus, type FormValues } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { attendanceReport } from '../attendance-report.js';
import { cancelRegistration } from '../cancelling.js';
import { markAttended } from '../check-in.js';
import { questionsRows, registrationRows } from '../exports.js';
import { cancelMeeting, createMeeting, getMeeting, listMeetingsForStaff, updateMeeting } from '../meetings.js';
import { cancelMeetingInput, type Meeting } from '../model.js';
import { findRegistrations, listQuestions, listRegistrations } from '../registrations.js';
import { attendanceSummary } from '../rules.js';
import { CheckInPage } from './check-in.js';
import { MeetingFormPage, meetingFormValues, readMeetingForm } from './meeting-form.js';
import { QuestionsPage } from './questions.js';
import { ReportPage } from './report.js';
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

export function staffPages(app: Hono<AppEnv>): void {
  // createApp() guards everything under /staff and keeps it out of caches.
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
    if ('refusal' in result) return c.html(<MeetingFormPage values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
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
    if ('refusal' in result) {
      return c.html(<MeetingFormPage meeting={meeting} values={form} {...refusalOnPage(result.refusal)} />, refusalStatus(result.refusal));
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
    if (meeting.status !== 'cancelled') {
      const form = await readForm(c);
      const parsed = z.safeParse(cancelMeetingInput, { reason: form['reason'] ?? '' });
      if (!parsed.success) return c.html(<ConfirmCancelMeetingPage meeting={meeting} values={form} errors={issuesToErrors(parsed.error.issues)} />, 400);
      await cancelMeeting(meeting.id, parsed.data.reason);
    }
    return c.redirect(`/staff/meetings/${meeting.id}?done=cancelled`, 303);
  });

  app.get('/staff/meetings/:id/registrations.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return csvResponse(c, `registrations-${meeting.id}.csv`, registrationRows(await listRegistrations(meeting.id)));
  });

  app.get('/staff/meetings/:id/questions.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return csvResponse(c, `questions-${meeting.id}.csv`, questionsRows(await listQuestions(meeting.id)));
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
    if ('refusal' in result) {
      const results = search ? await findRegistrations(meeting.id, search) : undefined;
      return c.html(<CheckInPage meeting={meeting} search={search} results={results} problem={result.refusal.message} />, refusalStatus(result.refusal));
    }
    const query = new URLSearchParams({ search, [attended ? 'marked' : 'unmarked']: registration.id });
    return c.redirect(`/staff/meetings/${meeting.id}/check-in?${query}`, 303);
  });
}
