/**
 * Staff console pages for meetings. Every route under /staff/meetings needs the staff role; a page's
 * form changes something through core's formRoute (and redirects: Post/Redirect/Get).
 *
 *   GET       /staff/meetings                          upcoming and past meetings
 *   GET/POST  /staff/meetings/new                      create
 *   GET       /staff/meetings/report                   attendance by council area
 *   GET       /staff/meetings/{id}                     the meeting, its registrations and its actions
 *   GET/POST  /staff/meetings/{id}/edit                edit
 *   GET/POST  /staff/meetings/{id}/cancel              cancel the meeting (confirm first)
 *   GET/POST  /staff/meetings/{id}/registrations/{registrationId}/cancel
 *   GET       /staff/meetings/{id}/registrations.csv
 *   GET       /staff/meetings/{id}/questions(.csv)
 *   GET/POST  /staff/meetings/{id}/questions/{registrationId}/actions/new   an action from a question
 *   GET/POST  /staff/meetings/{id}/actions/new         something raised on the night
 *   GET       /staff/meetings/{id}/check-in?search=…   check-in at the door
 *   POST      /staff/meetings/{id}/check-in/{registrationId}
 * Walk-ins and "you said, we did": pages/staff-after.tsx.
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { readActionForm } from '../../core/actions/form.js';
import { handleNotFound } from '../../core/http/app.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { feedbackSummary } from '../../core/feedback.js';
import { CAPABILITY } from '../store/keys.js';
import { recordAccess } from '../../core/people/access-record.js';
import { londonDay } from '../../core/time.js';
import { csvResponse } from '../../core/ui/csv.js';
import { readPeriod } from '../../core/ui/date-input.js';
import { issuesToErrors, looksLikeId, type FormValues } from '../../core/ui/forms.js';
import { attendanceReport } from '../attendance-report.js';
import { cancelRegistration } from '../cancelling.js';
import { markAttended } from '../check-in.js';
import { listWalkIns } from '../walk-ins.js';
import { questionsRows, registrationRows } from '../exports.js';
import { cancelMeeting, createMeeting, getMeeting, listMeetingsForStaff, updateMeeting } from '../meetings.js';
import { cancelMeetingInput, type Meeting, type Registration } from '../model.js';
import { meetingActions, raiseMeetingAction, raiseQuestionAction } from '../raising-actions.js';
import { findQuestion, findRegistrations, listQuestions, listRegistrations, type Question } from '../registrations.js';
import { attendanceSummary } from '../rules.js';
import { CheckInPage } from './check-in.js';
import { MeetingFormPage, meetingFormValues, readMeetingForm } from './meeting-form.js';
import { QuestionsPage } from './questions.js';
import { RaiseActionPage } from './raise-action.js';
import { ReportPage } from './report.js';
import { suppressedAmong } from '../../core/outbox/suppression.js';
import { ConfirmCancelMeetingPage, ConfirmCancelRegistrationPage, StaffMeetingPage } from './staff-meeting.js';
import { StaffMeetingsPage } from './staff-list.js';
import { getJoinLink } from '../join-links.js';
import { modeOf } from '../modes.js';

/** Banners shown after a change, chosen by a fixed word in the redirect so no text travels in URLs. */
const DONE: Record<string, string> = {
  created: 'Meeting created',
  recorded: 'Meeting recorded. Add the names of people who came from its check-in page, if you have them.',
  updated: 'Meeting updated',
  cancelled: 'Meeting cancelled. Everyone registered has been emailed.',
  'registration-cancelled': 'Registration cancelled',
  'action-raised': 'Action raised. It is on the action log.',
  'you-said-we-did': '“You said, we did” saved. It is on the meeting’s public page.',
  'join-link': 'Link to join saved. People with a confirmed place online are being emailed it.',
};
const banner = (c: Context) => DONE[c.req.query('done') ?? ''];

async function findMeeting(c: Context): Promise<Meeting | undefined> {
  const id = c.req.param('id') ?? '';
  return looksLikeId(id) ? getMeeting(id) : undefined;
}

/** The meeting and one of its registrations, from the path. */
async function findRegistration(c: Context): Promise<{ meeting: Meeting; registration: Registration } | undefined> {
  const meeting = await findMeeting(c);
  const id = c.req.param('registrationId') ?? '';
  const registration = meeting && (await listRegistrations(meeting.id)).find((r) => r.id === id);
  return meeting && registration ? { meeting, registration } : undefined;
}

/** The meeting and one of the questions sent for it, from the path. */
async function findMeetingQuestion(c: Context): Promise<{ meeting: Meeting; question: Question } | undefined> {
  const meeting = await findMeeting(c);
  const id = c.req.param('registrationId') ?? '';
  const question = meeting && looksLikeId(id) ? await findQuestion(meeting.id, id) : undefined;
  return meeting && question ? { meeting, question } : undefined;
}

const readMeeting = ({ values, chosen }: { values: FormValues; chosen: (name: string) => string[] }) => {
  const { input, errors } = readMeetingForm(values, chosen('themes'));
  return input ? { input } : { errors };
};

const readAction = ({ values }: { values: FormValues }) => {
  const { input, errors } = readActionForm(values);
  return input ? { input } : { errors };
};

const searchOf = (values: FormValues) => (values['search'] ?? '').trim().slice(0, 100);

export function staffPages(app: Hono<AppEnv>): void {
  // createApp() guards everything under /staff and keeps it out of caches.
  app.get('/staff/meetings', async (c) => {
    const now = new Date();
    const { upcoming, past } = await listMeetingsForStaff({ now });
    return c.html(<StaffMeetingsPage upcoming={upcoming} past={past} now={now} />);
  });

  app.get('/staff/meetings/new', (c) => c.html(<MeetingFormPage values={{}} />));

  formRoute(app, '/staff/meetings/new', {
    read: readMeeting,
    act: (input) => createMeeting(input),
    done: (meeting) => `/staff/meetings/${meeting.id}?done=created`,
    again: ({ values, chosen, errors, problem }) => <MeetingFormPage values={values} themes={chosen('themes')} errors={errors} problem={problem} />,
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
    const [registrations, actions, walkIns, feedback, joinLink] = await Promise.all([
      listRegistrations(meeting.id),
      meetingActions(meeting.id),
      listWalkIns(meeting.id),
      feedbackSummary(CAPABILITY, meeting.id),
      modeOf(meeting) === 'in-person' ? undefined : getJoinLink(meeting.id),
    ]);
    await recordAccess(c, { what: `Registrations for ${meeting.title}`, people: registrations.length + walkIns.length });
    const stopped = await suppressedAmong(registrations.map((r) => r.email), now);
    const summary = attendanceSummary(meeting, now);
    return c.html(<StaffMeetingPage meeting={meeting} registrations={registrations} actions={actions} summary={summary} feedback={feedback} stopped={stopped} now={now} banner={banner(c)} walkIns={walkIns} joinLink={joinLink} />);
  });

  app.get('/staff/meetings/:id/edit', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<MeetingFormPage meeting={meeting} values={meetingFormValues(meeting)} />);
  });

  formRoute(app, '/staff/meetings/:id/edit', {
    load: findMeeting,
    read: readMeeting,
    act: (input, meeting) => updateMeeting(meeting.id, input),
    done: (_, meeting) => `/staff/meetings/${meeting.id}?done=updated`,
    again: ({ context: meeting, values, chosen, errors, problem }) => <MeetingFormPage meeting={meeting} values={values} themes={chosen('themes')} errors={errors} problem={problem} />,
  });

  app.get('/staff/meetings/:id/cancel', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    if (meeting.status === 'cancelled') return c.redirect(`/staff/meetings/${meeting.id}`, 303);
    return c.html(<ConfirmCancelMeetingPage meeting={meeting} />);
  });

  formRoute(app, '/staff/meetings/:id/cancel', {
    load: findMeeting,
    // Cancelled already (a second tab, say): nothing to ask, nothing to do.
    read: ({ values }, meeting) => {
      if (meeting.status === 'cancelled') return { input: undefined };
      const parsed = z.safeParse(cancelMeetingInput, { reason: values['reason'] ?? '' });
      return parsed.success ? { input: parsed.data.reason } : { errors: issuesToErrors(parsed.error.issues) };
    },
    act: async (reason, meeting) => {
      if (reason !== undefined) await cancelMeeting(meeting.id, reason);
    },
    done: (_, meeting) => `/staff/meetings/${meeting.id}?done=cancelled`,
    again: ({ context: meeting, values, errors }) => <ConfirmCancelMeetingPage meeting={meeting} values={values} errors={errors} />,
  });

  app.get('/staff/meetings/:id/registrations.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const registrations = await listRegistrations(meeting.id);
    await recordAccess(c, { what: `Registrations for ${meeting.title} (CSV)`, people: registrations.length });
    return csvResponse(c, `registrations-${meeting.id}.csv`, registrationRows(registrations));
  });

  app.get('/staff/meetings/:id/questions.csv', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const questions = await listQuestions(meeting.id);
    await recordAccess(c, { what: `Questions for ${meeting.title} (CSV)`, people: questions.length });
    return csvResponse(c, `questions-${meeting.id}.csv`, questionsRows(questions));
  });

  app.get('/staff/meetings/:id/questions', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const [questions, actions] = await Promise.all([listQuestions(meeting.id), meetingActions(meeting.id)]);
    await recordAccess(c, { what: `Questions for ${meeting.title}`, people: questions.length });
    return c.html(<QuestionsPage meeting={meeting} questions={questions} actions={actions} today={londonDay(new Date())} banner={banner(c)} />);
  });

  app.get('/staff/meetings/:id/questions/:registrationId/actions/new', async (c) => {
    const found = await findMeetingQuestion(c);
    if (!found) return handleNotFound(c);
    await recordAccess(c, { what: `A question for ${found.meeting.title}, to raise an action`, people: 1 });
    return c.html(<RaiseActionPage {...found} values={{}} />);
  });

  formRoute(app, '/staff/meetings/:id/questions/:registrationId/actions/new', {
    load: findMeetingQuestion,
    read: readAction,
    act: (input, { meeting, question }, by) => raiseQuestionAction(meeting, question, input, { by: by.name }),
    done: (_, { meeting }) => `/staff/meetings/${meeting.id}/questions?done=action-raised`,
    again: ({ context, values, errors, problem }) => <RaiseActionPage {...context} values={values} errors={errors} problem={problem} />,
  });

  app.get('/staff/meetings/:id/actions/new', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    return c.html(<RaiseActionPage meeting={meeting} values={{}} />);
  });

  formRoute(app, '/staff/meetings/:id/actions/new', {
    load: findMeeting,
    read: readAction,
    act: (input, meeting, by) => raiseMeetingAction(meeting, input, { by: by.name }),
    done: (_, meeting) => `/staff/meetings/${meeting.id}?done=action-raised`,
    again: ({ context: meeting, values, errors, problem }) => <RaiseActionPage meeting={meeting} values={values} errors={errors} problem={problem} />,
  });

  app.get('/staff/meetings/:id/registrations/:registrationId/cancel', async (c) => {
    const found = await findRegistration(c);
    if (!found) return handleNotFound(c);
    if (found.registration.status === 'cancelled') return c.redirect(`/staff/meetings/${found.meeting.id}`, 303);
    await recordAccess(c, { what: `A registration for ${found.meeting.title}, to cancel it`, people: 1 });
    return c.html(<ConfirmCancelRegistrationPage {...found} />);
  });

  formRoute(app, '/staff/meetings/:id/registrations/:registrationId/cancel', {
    load: findRegistration,
    act: async (_, { meeting, registration }) => {
      if (registration.status !== 'cancelled') await cancelRegistration(meeting.id, registration.id, 'staff');
    },
    done: (_, { meeting }) => `/staff/meetings/${meeting.id}?done=registration-cancelled`,
    again: ({ context, problem }) => <ConfirmCancelRegistrationPage {...context} problem={problem} />,
  });

  app.get('/staff/meetings/:id/check-in', async (c) => {
    const meeting = await findMeeting(c);
    if (!meeting) return handleNotFound(c);
    const search = searchOf(c.req.query());
    const results = search ? await findRegistrations(meeting.id, search) : undefined;
    const lastId = c.req.query('marked') ?? c.req.query('unmarked');
    const lastRegistration = lastId
      ? (results?.find((r) => r.id === lastId) ?? (await listRegistrations(meeting.id)).find((r) => r.id === lastId))
      : undefined;
    const last = lastRegistration ? { registration: lastRegistration, attended: c.req.query('marked') !== undefined } : undefined;
    const walkedInId = c.req.query('walkedIn');
    const walkedIn = walkedInId ? (await listWalkIns(meeting.id)).find((w) => w.id === walkedInId) : undefined;
    const shown = new Set([...(results ?? []), ...(lastRegistration ? [lastRegistration] : [])].map((r) => r.id)).size;
    if (shown + (walkedIn ? 1 : 0)) await recordAccess(c, { what: `Check-in for ${meeting.title}`, people: shown + (walkedIn ? 1 : 0) });
    return c.html(<CheckInPage meeting={meeting} search={search} results={results} last={last} walkedIn={walkedIn} />);
  });

  formRoute(app, '/staff/meetings/:id/check-in/:registrationId', {
    load: findRegistration,
    read: ({ values }) => ({ input: { search: searchOf(values), attended: values['attended'] !== 'no' } }),
    act: ({ attended }, { meeting, registration }) => markAttended(meeting.id, registration.id, attended),
    done: (_, { meeting, registration }, { search, attended }) =>
      `/staff/meetings/${meeting.id}/check-in?${new URLSearchParams({ search, [attended ? 'marked' : 'unmarked']: registration.id })}`,
    again: async ({ context: { meeting }, values, problem }) => {
      const search = searchOf(values);
      const results = search ? await findRegistrations(meeting.id, search) : undefined;
      return <CheckInPage meeting={meeting} search={search} results={results} problem={problem} />;
    },
  });
}
