/**
 * JSON API for meetings. Residents: list, read, register. Staff (role `staff`): create, edit and cancel
 * meetings; see, export, cancel and check in registrations; questions; the attendance report.
 * Each route validates with zod (via ApiRoutes) and calls the service; nothing here knows DynamoDB.
 */
import type { ApiRoutes } from '../core/http/api.js';
import { councilAreaCode, councilAreaName } from '../core/council-areas.js';
import { londonDayStart } from '../core/time.js';
import { recordAccess } from '../core/people/access-record.js';
import { csvResponse } from '../core/ui/csv.js';
import * as z from 'zod/mini';
import { attendanceReport } from './attendance-report.js';
import { cancelRegistration } from './cancelling.js';
import { changeJoinLink, joinLinkInput } from './join-links.js';
import { signedInName } from '../core/http/staff-name.js';
import { markAttended } from './check-in.js';
import { questionsRows, registrationRows } from './exports.js';
import { cancelMeeting, createMeeting, listUpcomingMeetings, requireMeeting, updateMeeting } from './meetings.js';
import { cancelMeetingInput, meetingInput, meetingModes, registrationInput, type Meeting, type Registration } from './model.js';
import { modeOf } from './modes.js';
import { registrationIdFromReference } from './references.js';
import { REGISTRATION_ANSWER_FLOOR_MS, registerForMeeting } from './registering.js';
import { listQuestions, listRegistrations } from './registrations.js';
import { attendanceSummary, registrationWindow } from './rules.js';

const meetingId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, { error: 'Not a meeting id' }));
const registrationId = z.pipe(z.string().check(z.regex(/^[0-9A-Za-z-]{6,8}$/, { error: 'Not a registration reference' })), z.transform(registrationIdFromReference));
const meetingParams = z.object({ id: meetingId });
const registrationParams = z.object({ id: meetingId, registrationId });

/** A day (`2026-04-01`, a whole London day) or an exact instant. */
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Give a day (2026-04-01) or an instant (2026-04-01T18:00:00Z)' }).check(
  z.refine((v) => v.slice(0, 4) >= '2000' && v.slice(0, 4) <= '2100', { error: 'Give a date between the years 2000 and 2100' }),
);

/** A report's period: either end may be left out; `to` may not come before `from`. */
const period = z.object({ from: z.optional(dayOrInstant), to: z.optional(dayOrInstant) }).check(
  z.refine((p) => !p.from || !p.to || Date.parse(p.from.length === 10 ? `${p.from}T00:00:00Z` : p.from) <= Date.parse(p.to.length === 10 ? `${p.to}T23:59:59Z` : p.to), {
    path: ['to'],
    error: 'The end of the period must not be before its start',
  }),
);

const window = z.union([z.object({ open: z.literal(true) }), z.object({ open: z.literal(false), code: z.string(), message: z.string() })]);

const publicMeetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  venue: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  /** How it is held; the link to join online is never here: it is emailed to people with a place online. */
  mode: z.enum(meetingModes),
  /** Places in person (0 for a meeting held online only). */
  capacity: z.number(),
  placesLeft: z.number(),
  /** Places online, for an online or hybrid meeting. */
  onlineCapacity: z.optional(z.number()),
  onlinePlacesLeft: z.optional(z.number()),
  maxPlacesPerRegistration: z.number(),
  waitingList: z.boolean(),
  accessInformation: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  /** Why staff cancelled it (only when cancelled). */
  cancelReason: z.optional(z.string()),
  registration: window,
});

/** What anyone may see about a meeting: no counts of who registered beyond places left. */
function publicMeeting(m: Meeting, now: Date): z.infer<typeof publicMeetingSchema> {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    areaCode: m.areaCode,
    areaName: councilAreaName(m.areaCode),
    venue: m.venue,
    address: m.address,
    latitude: m.latitude,
    longitude: m.longitude,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    registrationOpensAt: m.registrationOpensAt,
    registrationClosesAt: m.registrationClosesAt,
    mode: modeOf(m),
    capacity: m.capacity,
    placesLeft: Math.max(0, m.placesLeft),
    ...(modeOf(m) === 'in-person' ? {} : { onlineCapacity: m.onlineCapacity ?? 0, onlinePlacesLeft: Math.max(0, m.onlinePlacesLeft ?? 0) }),
    maxPlacesPerRegistration: m.maxPlacesPerRegistration,
    waitingList: m.waitingList,
    accessInformation: m.accessInformation,
    status: m.status,
    ...(m.status === 'cancelled' && m.cancelReason ? { cancelReason: m.cancelReason } : {}),
    registration: registrationWindow(m, now),
  };
}

/** The answer to a registration, the same whatever was already stored for the address. */
const acceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() });

export function meetingsApi(api: ApiRoutes): void {
  const tags = ['Meetings'];

  // Residents -----------------------------------------------------------------------------------

  api.add(
    {
      method: 'get',
      operationId: 'listMeetings',
      path: '/api/meetings',
      summary: 'Upcoming public meetings, soonest first, optionally in one council area',
      tags,
      query: z.object({ area: z.optional(councilAreaCode) }),
      responses: { 200: { description: 'The meetings', schema: z.object({ meetings: z.array(publicMeetingSchema) }) } },
    },
    async (c, { query }) => {
      const now = new Date();
      const list = await listUpcomingMeetings({ areaCode: query.area, now });
      return c.json({ meetings: list.map((m) => publicMeeting(m, now)) });
    },
  );

  api.add(
    {
      method: 'get',
      operationId: 'getMeeting',
      path: '/api/meetings/:id',
      summary: 'One meeting',
      tags,
      params: meetingParams,
      responses: { 200: { description: 'The meeting', schema: publicMeetingSchema }, 404: { description: 'No such meeting' } },
    },
    async (c, { params }) => c.json(publicMeeting(await requireMeeting(params.id), new Date())),
  );

  api.add(
    {
      method: 'post',
      operationId: 'registerForMeeting',
      path: '/api/meetings/:id/registrations',
      summary:
        'Register for a meeting. The answer is the same for a new registration and for an address already registered: the details (reference, place or waiting list) are emailed to the address, and sent again for an existing registration. The request is saved and answered at once; places are decided in the order requests arrive, within moments of the answer; if the meeting fills up without a waiting list meanwhile, the email says there is no place.',
      tags,
      params: meetingParams,
      body: registrationInput,
      rateLimited: true,
      answerFloorMs: REGISTRATION_ANSWER_FLOOR_MS,
      responses: {
        202: { description: 'Accepted: the details have been sent to the address', schema: acceptedSchema },
        404: { description: 'No such meeting' },
        409: { description: 'Refused because of the meeting: registration_not_open, registration_closed, meeting_started, meeting_cancelled or meeting_full' },
      },
    },
    async (c, { params, body }) => {
      // A retry with the same Idempotency-Key is answered by core with this first answer (core/submissions.ts).
      await registerForMeeting(params.id, body, new Date());
      const answer: z.infer<typeof acceptedSchema> = { status: 'accepted', message: `We have sent the details of your registration to ${body.email}` };
      return c.json(answer, 202);
    },
  );

  // Staff ---------------------------------------------------------------------------------------

  const staff = { role: 'staff' as const, tags: ['Meetings (staff)'] };

  api.add(
    { ...staff, method: 'post', path: '/api/meetings', operationId: 'createMeeting', summary: 'Create a meeting', body: meetingInput, responses: { 201: { description: 'The new meeting' } } },
    async (c, { body }) => c.json(await createMeeting(body), 201),
  );

  api.add(
    {
      ...staff,
      method: 'put',
      operationId: 'updateMeeting',
      path: '/api/meetings/:id',
      summary: 'Edit a meeting; a new time or place is emailed to everyone registered',
      params: meetingParams,
      body: meetingInput,
      responses: { 200: { description: 'The meeting as saved' }, 404: { description: 'No such meeting' }, 409: { description: 'Capacity below confirmed places (names `capacity`), or the meeting is cancelled' } },
    },
    async (c, { params, body }) => c.json(await updateMeeting(params.id, body)),
  );

  api.add(
    {
      ...staff,
      method: 'put',
      operationId: 'setMeetingJoinLink',
      path: '/api/meetings/:id/join-link',
      summary:
        'Set or change the link to join an online or hybrid meeting (https only). Never shown publicly: it is emailed, with an updated calendar invite, to everyone with a confirmed place online, and sent with each later confirmation and reminder. `version` is the version of the link being replaced (0 for none).',
      params: meetingParams,
      body: joinLinkInput,
      responses: {
        200: { description: 'The link as saved, with its new version' },
        400: { description: 'Not an https link (names `url`), or the meeting is held in person only' },
        404: { description: 'No such meeting' },
        409: { description: 'Someone else changed the link meanwhile (edited_meanwhile), or the meeting is cancelled' },
      },
    },
    async (c, { params, body }) => c.json(await changeJoinLink(params.id, body, signedInName(c))),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'cancelMeeting',
      path: '/api/meetings/:id/cancel',
      summary: 'Cancel a meeting and tell everyone registered why (the reason is emailed to them and shown on the meeting page)',
      params: meetingParams,
      body: cancelMeetingInput,
      responses: { 200: { description: 'The cancelled meeting' }, 400: { description: 'No reason, or one too long (names `reason`)' }, 404: { description: 'No such meeting' } },
    },
    async (c, { params, body }) => c.json(await cancelMeeting(params.id, body.reason)),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'listRegistrations',
      path: '/api/meetings/:id/registrations',
      summary: 'Everyone registered (confirmed, waiting list, cancelled) in arrival order, with access needs, questions and email status',
      params: meetingParams,
      responses: { 200: { description: 'The meeting, its attendance figures and its registrations' }, 404: { description: 'No such meeting' } },
    },
    async (c, { params }) => {
      const meeting = await requireMeeting(params.id);
      const registrations: Registration[] = await listRegistrations(meeting.id);
      await recordAccess(c, { what: `Registrations for ${meeting.title} (API)`, people: registrations.length });
      return c.json({ meeting, attendance: attendanceSummary(meeting), registrations });
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportRegistrations',
      path: '/api/meetings/:id/registrations.csv',
      summary: 'Registrations as a spreadsheet (CSV)',
      params: meetingParams,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such meeting' } },
    },
    async (c, { params }) => {
      const meeting = await requireMeeting(params.id);
      const registrations = await listRegistrations(meeting.id);
      await recordAccess(c, { what: `Registrations for ${meeting.title} (API, CSV)`, people: registrations.length });
      return csvResponse(c, `registrations-${meeting.id}.csv`, registrationRows(registrations));
    },
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'cancelRegistration',
      path: '/api/meetings/:id/registrations/:registrationId/cancel',
      summary: 'Cancel a registration for someone (they are emailed; a freed place goes to the waiting list)',
      params: registrationParams,
      responses: { 200: { description: 'The cancelled registration' }, 404: { description: 'No such registration' } },
    },
    async (c, { params }) => c.json(await cancelRegistration(params.id, params.registrationId, 'staff')),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'recordAttendance',
      path: '/api/meetings/:id/registrations/:registrationId/attendance',
      summary: 'Record whether someone came (check-in at the door)',
      params: registrationParams,
      body: z.object({ attended: z.boolean({ error: 'Say whether they attended: true or false' }) }),
      responses: { 200: { description: 'The registration' }, 404: { description: 'No such registration' }, 409: { description: 'Not a confirmed registration' } },
    },
    async (c, { params, body }) => c.json(await markAttended(params.id, params.registrationId, body.attended)),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'listQuestions',
      path: '/api/meetings/:id/questions',
      summary: 'Questions residents sent in advance',
      params: meetingParams,
      responses: { 200: { description: 'The questions in the order they arrived' }, 404: { description: 'No such meeting' } },
    },
    async (c, { params }) => {
      const meeting = await requireMeeting(params.id);
      const questions = await listQuestions(meeting.id);
      await recordAccess(c, { what: `Questions for ${meeting.title} (API)`, people: questions.length });
      return c.json({ questions });
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportQuestions',
      path: '/api/meetings/:id/questions.csv',
      summary: 'Questions as a spreadsheet (CSV)',
      params: meetingParams,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such meeting' } },
    },
    async (c, { params }) => {
      const meeting = await requireMeeting(params.id);
      const questions = await listQuestions(meeting.id);
      await recordAccess(c, { what: `Questions for ${meeting.title} (API, CSV)`, people: questions.length });
      return csvResponse(c, `questions-${meeting.id}.csv`, questionsRows(questions));
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getAttendanceReport',
      path: '/api/reports/attendance',
      summary: 'Attendance per council area and overall for meetings starting between `from` and `to` (days are London days, `to` inclusive)',
      query: period,
      responses: { 200: { description: 'Meetings, registered, attended, cancelled, no-shows and no-show rate' } },
    },
    async (c, { query }) => {
      const from = query.from ? (query.from.length === 10 ? londonDayStart(query.from) : new Date(query.from)) : undefined;
      const to = query.to ? (query.to.length === 10 ? londonDayStart(nextDay(query.to)) : new Date(query.to)) : undefined;
      return c.json(await attendanceReport({ from, to }));
    },
  );
}

/** `2026-04-30` → `2026-05-01`. */
function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
