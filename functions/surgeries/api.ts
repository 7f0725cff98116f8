/**
 * The surgeries JSON API. Anyone: upcoming sessions with free slots, a district's councils, hold a slot
 * (confirmed by the emailed link), book with an invitation token, and see, move or cancel a booking with
 * its manage token (tokens travel in the body, never in a URL that access logs keep). Staff (role
 * `staff`): councils and their CSV, sessions, invitations, slots, the day sheet, bookings and outcomes,
 * coverage and themes. Each route validates with zod and calls the domain; nothing here knows DynamoDB.
 */
import { actionsFrom } from '../core/actions/store.js';
import { councilAreaCode, councilAreaName } from '../core/council-areas.js';
import type { ApiRoutes } from '../core/http/api.js';
import { looksLikeToken } from '../core/manage-links.js';
import { notFound } from '../core/refusal.js';
import { londonDay } from '../core/time.js';
import { csvResponse } from '../core/ui/csv.js';
import * as z from 'zod/mini';
import { bookingByLink, bookSlot, confirmHold } from './booking.js';
import { cancelBooking, noSuchBooking } from './cancelling.js';
import { councilRows, importCouncils, previewImport } from './council-import.js';
import { addCouncil, editCouncil, listCouncils, requireCouncil, setCouncilStatus } from './councils.js';
import { coverage, themesByDistrict, themesCsv } from './coverage.js';
import { daySheet, daySheetRows } from './day-sheet.js';
import { bookWithInvitation, invitationFor, inviteCouncils } from './invitations.js';
import {
  councilInput,
  entityId,
  invitationBookingInput,
  optionalReasonInput,
  outcomeInput,
  publicBookingInput,
  reasonInput,
  rescheduleInput,
  sessionInput,
  slotIdSchema,
  slotIsFree,
  someTopic,
  type Booking,
  type Council,
  type Session,
  type Slot,
} from './model.js';
import { recordOutcome } from './outcomes.js';
import { rescheduleBooking } from './rescheduling.js';
import { cancelSession, createSession, editSession, noSuchSession, publishSession, readSessionPartition, setSlotBlocked, upcomingSessions } from './sessions.js';
import { getBooking } from './store/bookings.js';

const idParams = (label: string) => z.object({ id: entityId(label) });
const token = z.string({ error: 'Give the token from the link in the email' }).check(z.refine(looksLikeToken, { error: 'This is not a token from one of our emails' }));
const tokenBody = z.object({ token });

/** A report's period: London days, either end may be left out (then the last 12 months to today). */
const day = z.iso.date({ error: 'Give a day like 2026-04-01' }).check(z.refine((d) => d >= '2000' && d < '2101', { error: 'Give a day between the years 2000 and 2100' }));
const period = z.object({ from: z.optional(day), to: z.optional(day) }).check(z.refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'The end of the period must not be before its start' }));
const periodDays = (p: z.infer<typeof period>, now = new Date()) => ({ from: p.from ?? londonDay(new Date(now.getTime() - 365 * 86_400_000)), to: p.to ?? londonDay(now) });

const slotSchema = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() });
const publicSessionSchema = z.object({
  id: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  venueName: z.string(),
  venueAddress: z.string(),
  venueKind: z.string(),
  stepFree: z.boolean(),
  latitude: z.optional(z.number()),
  longitude: z.optional(z.number()),
  accessInformation: z.optional(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  slotMinutes: z.number(),
  host: z.string(),
  status: z.enum(['published', 'cancelled']),
  freeSlots: z.array(slotSchema),
});

/** What anyone may see of a session: its details and free slots, never who has booked. */
function publicSession(session: Session, slots: Slot[], now: Date): z.infer<typeof publicSessionSchema> {
  return {
    id: session.id,
    districtCode: session.districtCode,
    districtName: councilAreaName(session.districtCode),
    venueName: session.venueName,
    venueAddress: session.venueAddress,
    venueKind: session.venueKind,
    stepFree: session.stepFree,
    ...(session.latitude !== undefined ? { latitude: session.latitude, longitude: session.longitude } : {}),
    ...(session.accessInformation ? { accessInformation: session.accessInformation } : {}),
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    slotMinutes: session.slotMinutes,
    host: session.host,
    status: session.status === 'cancelled' ? 'cancelled' : 'published',
    freeSlots: session.status === 'published' ? slots.filter((s) => s.startsAt > now.toISOString() && slotIsFree(s, now)).map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })) : [],
  };
}

const bookingSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  slotId: z.string(),
  slotStartsAt: z.string(),
  slotEndsAt: z.string(),
  councilId: z.string(),
  councilName: z.string(),
  attendeeName: z.string(),
  attendeeRole: z.string(),
  email: z.string(),
  themes: z.array(z.string()),
  otherTopics: z.optional(z.string()),
  accessNeeds: z.optional(z.string()),
  status: z.enum(['held', 'confirmed', 'cancelled', 'released']),
  holdUntil: z.optional(z.string()),
});

/** A booking as its council sees it (no staff notes or outcome). */
const councilView = (b: Booking): z.infer<typeof bookingSchema> => ({
  id: b.id,
  sessionId: b.sessionId,
  slotId: b.slotId,
  slotStartsAt: b.slotStartsAt,
  slotEndsAt: b.slotEndsAt,
  councilId: b.councilId,
  councilName: b.councilName,
  attendeeName: b.attendeeName,
  attendeeRole: b.attendeeRole,
  email: b.email,
  themes: b.themes,
  ...(b.otherTopics ? { otherTopics: b.otherTopics } : {}),
  ...(b.accessNeeds ? { accessNeeds: b.accessNeeds } : {}),
  status: b.status,
  ...(b.status === 'held' && b.holdUntil ? { holdUntil: b.holdUntil } : {}),
});

const publicCouncil = (c: Council) => ({ id: c.id, name: c.name, governance: c.governance, parishes: c.parishes });

async function bookingFor(t: string, purpose: 'confirm' | 'manage'): Promise<Booking> {
  const booking = await bookingByLink(t, purpose);
  if (!booking) throw notFound('This link is not valid: it may have expired', 'link_not_valid');
  return booking;
}

export function surgeriesApi(api: ApiRoutes): void {
  const tags = ['Surgeries'];
  const refused = (codes: string) => ({ description: `Refused: ${codes}` });

  // Anyone ----------------------------------------------------------------------------------------

  api.add(
    {
      method: 'get',
      path: '/api/surgeries/sessions',
      operationId: 'listSurgerySessions',
      summary: 'Upcoming published surgery sessions, soonest first, with their free slots; optionally one district',
      tags,
      query: z.object({ district: z.optional(councilAreaCode) }),
      responses: { 200: { description: 'The sessions', schema: z.object({ sessions: z.array(publicSessionSchema) }) } },
    },
    async (c, { query }) => {
      const now = new Date();
      const sessions = (await upcomingSessions({ now, ...(query.district ? { districtCode: query.district } : {}) })).filter((s) => s.status !== 'draft');
      const all = await Promise.all(sessions.map(async (s) => publicSession(s, (await readSessionPartition(s.id)).slots, now)));
      return c.json({ sessions: all });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/surgeries/sessions/:id',
      operationId: 'getSurgerySession',
      summary: 'One surgery session and its free slots',
      tags,
      params: idParams('session id'),
      responses: { 200: { description: 'The session', schema: publicSessionSchema }, 404: { description: 'No such session' } },
    },
    async (c, { params }) => {
      const { session, slots } = await readSessionPartition(params.id);
      if (!session || session.status === 'draft') throw noSuchSession();
      return c.json(publicSession(session, slots, new Date()));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/surgeries/districts/:district/councils',
      operationId: 'listDistrictCouncils',
      summary: 'The councils of a district that can book (names and parishes only)',
      tags,
      params: z.object({ district: councilAreaCode }),
      responses: { 200: { description: 'The councils, alphabetical' } },
    },
    async (c, { params }) => c.json({ councils: (await listCouncils({ districtCode: params.district })).map(publicCouncil) }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/sessions/:id/holds',
      operationId: 'holdSurgerySlot',
      summary: 'Hold a slot for a council for 30 minutes; a link to confirm it is emailed to the address given',
      tags,
      params: idParams('session id'),
      body: publicBookingInput,
      rateLimited: true,
      responses: {
        202: { description: 'Held: confirm with the emailed link before `holdUntil`', schema: z.object({ status: z.literal('held'), holdUntil: z.string(), message: z.string() }) },
        404: { description: 'No such session' },
        409: refused('session_not_open, session_cancelled, slot_taken, slot_in_past, council_booked_in_session, council_booking_limit'),
      },
    },
    async (c, { params, body }) => {
      const { slotId, councilId, ...details } = body;
      const result = await bookSlot({ sessionId: params.id, slotId, councilId, details, via: 'public' }, new Date(), { hold: true });
      if (result.outcome !== 'booked') throw new Error('A hold without a submission key cannot be a repeat');
      return c.json({ status: 'held' as const, holdUntil: result.booking.holdUntil!, message: `We have sent a link to confirm the booking to ${body.email}` }, 202);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/holds/confirm',
      operationId: 'confirmSurgeryHold',
      summary: 'Confirm a held slot with the token from the emailed link (before the hold lapses)',
      tags,
      body: tokenBody,
      rateLimited: true,
      responses: { 200: { description: 'The confirmed booking', schema: bookingSchema }, 404: { description: 'The link is not valid' }, 410: { description: 'hold_expired: the slot has been released' } },
    },
    async (c, { body }) => c.json(councilView(await confirmHold((await bookingFor(body.token, 'confirm')).id))),
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/invitations/bookings',
      operationId: 'bookWithSurgeryInvitation',
      summary: 'Book a slot with the token from a council’s invitation: confirmed at once',
      tags,
      body: z.object({ token, ...invitationBookingInput.def.shape }).check(someTopic),
      rateLimited: true,
      responses: {
        201: { description: 'The booking', schema: bookingSchema },
        404: { description: 'The link is not valid' },
        409: refused('session_not_open, session_cancelled, slot_taken, slot_in_past, council_booked_in_session, council_booking_limit, council_retired'),
      },
    },
    async (c, { body }) => {
      const { token: t, ...input } = body;
      const invitation = await invitationFor(t);
      if (!invitation) throw notFound('This link is not valid: it may have expired', 'link_not_valid');
      const result = await bookWithInvitation(invitation, input);
      if (result.outcome !== 'booked') throw new Error('A booking without a submission key cannot be a repeat');
      return c.json(councilView(result.booking), 201);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/bookings/lookup',
      operationId: 'getSurgeryBookingByLink',
      summary: 'A booking, by the token from the manage link in its emails',
      tags,
      body: tokenBody,
      rateLimited: true,
      responses: { 200: { description: 'The booking', schema: bookingSchema }, 404: { description: 'The link is not valid' } },
    },
    async (c, { body }) => c.json(councilView(await bookingFor(body.token, 'manage'))),
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/bookings/reschedule',
      operationId: 'rescheduleSurgeryBookingByLink',
      summary: 'Move a booking to another free slot (this session or another in the district), by its manage token',
      tags,
      body: z.object({ token, ...rescheduleInput.def.shape }),
      rateLimited: true,
      responses: { 200: { description: 'The booking as moved', schema: bookingSchema }, 404: { description: 'The link is not valid' }, 409: refused('slot_taken, booking_changed, council_booked_in_session, surgery_started') },
    },
    async (c, { body }) => {
      const { token: t, ...target } = body;
      return c.json(councilView(await rescheduleBooking((await bookingFor(t, 'manage')).id, target)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/bookings/cancel',
      operationId: 'cancelSurgeryBookingByLink',
      summary: 'Cancel a booking by its manage token: the slot is free again',
      tags,
      body: tokenBody,
      rateLimited: true,
      responses: { 200: { description: 'The cancelled booking', schema: bookingSchema }, 404: { description: 'The link is not valid' }, 409: refused('booking_cancelled, surgery_started') },
    },
    async (c, { body }) => c.json(councilView(await cancelBooking((await bookingFor(body.token, 'manage')).id, { by: 'council' }))),
  );

  // Staff -----------------------------------------------------------------------------------------

  const staff = { role: 'staff' as const, tags: ['Surgeries (staff)'] };
  const by = (c: Parameters<Parameters<ApiRoutes['add']>[1]>[0]) => {
    const user = c.get('user');
    return user?.name ?? user?.email ?? user?.id ?? 'Staff';
  };

  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/councils', operationId: 'listSurgeryCouncils', summary: 'Councils, by district and name (retired ones too when asked)', query: z.object({ district: z.optional(councilAreaCode), includeRetired: z.optional(z.enum(['true', 'false'])) }), responses: { 200: { description: 'The councils' } } },
    async (c, { query }) => c.json({ councils: await listCouncils({ includeRetired: query.includeRetired === 'true', ...(query.district ? { districtCode: query.district } : {}) }) }),
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/councils', operationId: 'createSurgeryCouncil', summary: 'Add a council', body: councilInput, responses: { 201: { description: 'The council' } } },
    async (c, { body }) => c.json(await addCouncil(body), 201),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/councils.csv', operationId: 'exportSurgeryCouncils', summary: 'Every council as CSV (imports again)', responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } } },
    async (c) => csvResponse(c, `councils-${londonDay(new Date())}.csv`, councilRows(await listCouncils({ includeRetired: true }))),
  );
  api.add(
    {
      ...staff,
      // Admins only (docs/decisions.md).
      role: 'admin',
      method: 'post',
      path: '/api/surgeries/councils/import',
      operationId: 'importSurgeryCouncils',
      summary: 'Import councils from CSV text: `preview: true` only checks each row; otherwise every row must be right or nothing is written',
      body: z.object({ csv: z.string({ error: 'Give the CSV text' }).check(z.maxLength(60_000, { error: 'The CSV is too long: import up to 500 rows at a time' })), preview: z._default(z.boolean(), false) }),
      responses: { 200: { description: 'The preview, or what was imported' }, 400: { description: 'import_invalid: `fields` names each row’s problems (csv.line<N>)' } },
    },
    async (c, { body }) => (body.preview ? c.json(await previewImport(body.csv)) : c.json(await importCouncils(body.csv))),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/councils/:id', operationId: 'getSurgeryCouncil', summary: 'One council', params: idParams('council id'), responses: { 200: { description: 'The council' }, 404: { description: 'No such council' } } },
    async (c, { params }) => c.json(await requireCouncil(params.id)),
  );
  api.add(
    { ...staff, method: 'put', path: '/api/surgeries/councils/:id', operationId: 'updateSurgeryCouncil', summary: 'Change a council', params: idParams('council id'), body: councilInput, responses: { 200: { description: 'The council' }, 404: { description: 'No such council' }, 409: refused('council_changed, council_has_bookings') } },
    async (c, { params, body }) => c.json(await editCouncil(params.id, body)),
  );
  for (const [action, status] of [['retire', 'retired'], ['reinstate', 'active']] as const) {
    api.add(
      { ...staff, method: 'post', path: `/api/surgeries/councils/:id/${action}`, operationId: action === 'retire' ? 'retireSurgeryCouncil' : 'reinstateSurgeryCouncil', summary: action === 'retire' ? 'Retire a council: it can no longer book, and its clerk’s details are deleted' : 'Put a retired council back on the list', params: idParams('council id'), responses: { 200: { description: 'The council' }, 404: { description: 'No such council' } } },
      async (c, { params }) => c.json(await setCouncilStatus(params.id, status)),
    );
  }

  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/sessions', operationId: 'createSurgerySession', summary: 'Create a session (its slots follow from its times)', body: sessionInput, responses: { 201: { description: 'The session' } } },
    async (c, { body }) => c.json(await createSession(body), 201),
  );
  api.add(
    { ...staff, method: 'put', path: '/api/surgeries/sessions/:id', operationId: 'updateSurgerySession', summary: 'Change a session; refused if new times would move a booked slot', params: idParams('session id'), body: sessionInput, responses: { 200: { description: 'The session' }, 404: { description: 'No such session' }, 409: refused('booked_slot_would_move, session_has_bookings, session_cancelled, session_changed') } },
    async (c, { params, body }) => c.json(await editSession(params.id, body)),
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/sessions/:id/publish', operationId: 'publishSurgerySession', summary: 'Publish a draft session: councils can book', params: idParams('session id'), responses: { 200: { description: 'The session' }, 404: { description: 'No such session' } } },
    async (c, { params }) => c.json(await publishSession(params.id)),
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/sessions/:id/cancel', operationId: 'cancelSurgerySession', summary: 'Cancel a session: every booking in it is cancelled and its council emailed the reason', params: idParams('session id'), body: reasonInput, responses: { 200: { description: 'The session and how many bookings were cancelled' }, 404: { description: 'No such session' } } },
    async (c, { params, body }) => c.json(await cancelSession(params.id, body.reason)),
  );
  for (const [action, blocked] of [['block', true], ['unblock', false]] as const) {
    api.add(
      { ...staff, method: 'post', path: `/api/surgeries/sessions/:id/slots/:slotId/${action}`, operationId: blocked ? 'blockSurgerySlot' : 'unblockSurgerySlot', summary: blocked ? 'Block a free slot so nobody can book it' : 'Unblock a slot', params: z.object({ id: entityId('session id'), slotId: slotIdSchema }), responses: { 200: { description: 'The slot' }, 404: { description: 'No such slot' }, 409: refused('slot_booked') } },
      async (c, { params }) => c.json(await setSlotBlocked(params.id, params.slotId, blocked)),
    );
  }
  api.add(
    {
      ...staff,
      method: 'post',
      path: '/api/surgeries/sessions/:id/invitations',
      operationId: 'inviteCouncilsToSurgery',
      summary: 'Invite every council of the session’s district, or the ones chosen: each with a clerk’s address is emailed its own booking link',
      params: idParams('session id'),
      body: z.union([z.object({ scope: z.literal('district') }), z.object({ scope: z.literal('chosen'), councilIds: z.array(entityId('council id')).check(z.minLength(1, { error: 'Choose at least one council' }), z.maxLength(500)) })], { error: 'Say who to invite: { "scope": "district" } or { "scope": "chosen", "councilIds": [...] }' }),
      responses: { 202: { description: 'The round, and how many councils will be emailed' }, 404: { description: 'No such session' }, 409: refused('session_not_open, session_over') },
    },
    async (c, { params, body }) => c.json(await inviteCouncils(params.id, body, by(c)), 202),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/sessions/:id/invitations', operationId: 'listSurgeryInvitations', summary: 'Who was invited to a session, when, and whether they booked', params: idParams('session id'), responses: { 200: { description: 'The rounds and the councils invited' }, 404: { description: 'No such session' } } },
    async (c, { params }) => {
      const { session, invited, guards } = await readSessionPartition(params.id);
      if (!session) throw noSuchSession();
      return c.json({ rounds: session.invitations, invited: invited.map((i) => ({ ...i, booked: guards.has(i.councilId) })) });
    },
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/sessions/:id/day-sheet', operationId: 'getSurgeryDaySheet', summary: 'The day sheet: slots in order, council, who is coming, topics, access needs', params: idParams('session id'), responses: { 200: { description: 'The session and its slots' }, 404: { description: 'No such session' } } },
    async (c, { params }) => c.json(await daySheet(params.id)),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/sessions/:id/day-sheet.csv', operationId: 'exportSurgeryDaySheet', summary: 'The day sheet as CSV', params: idParams('session id'), responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such session' } } },
    async (c, { params }) => {
      const { session, rows } = await daySheet(params.id);
      return csvResponse(c, `day-sheet-${session.date}-${session.id}.csv`, daySheetRows(rows));
    },
  );

  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/bookings/:id', operationId: 'getSurgeryBooking', summary: 'A booking with its outcome and actions', params: idParams('booking id'), responses: { 200: { description: 'The booking' }, 404: { description: 'No such booking' } } },
    async (c, { params }) => {
      const booking = await getBooking(params.id);
      if (!booking) throw noSuchBooking();
      return c.json({ booking, actions: await actionsFrom('surgeries', booking.id) });
    },
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/bookings/:id/reschedule', operationId: 'rescheduleSurgeryBooking', summary: 'Move a booking to another free slot; the council is emailed', params: idParams('booking id'), body: rescheduleInput, responses: { 200: { description: 'The booking as moved' }, 404: { description: 'No such booking' }, 409: refused('slot_taken, booking_changed, council_booked_in_session, surgery_started') } },
    async (c, { params, body }) => c.json(await rescheduleBooking(params.id, body)),
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/bookings/:id/cancel', operationId: 'cancelSurgeryBooking', summary: 'Cancel a booking; the council is emailed the reason', params: idParams('booking id'), body: optionalReasonInput, responses: { 200: { description: 'The cancelled booking' }, 404: { description: 'No such booking' }, 409: refused('booking_cancelled, surgery_started') } },
    async (c, { params, body }) => c.json(await cancelBooking(params.id, { by: 'staff', ...(body.reason ? { reason: body.reason } : {}) })),
  );
  api.add(
    { ...staff, method: 'put', path: '/api/surgeries/bookings/:id/outcome', operationId: 'recordSurgeryOutcome', summary: 'Record what happened at the surgery (against the outcome version seen), with actions arising', params: idParams('booking id'), body: outcomeInput, responses: { 200: { description: 'The booking and the actions created' }, 404: { description: 'No such booking' }, 409: refused('outcome_changed, surgery_not_started, booking_not_confirmed') } },
    async (c, { params, body }) => c.json(await recordOutcome(params.id, body, by(c))),
  );

  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/coverage', operationId: 'getSurgeryCoverage', summary: 'Per district and overall: councils listed, invited and seen in the last 12 months, with a booking to come, never seen, share seen; booking counters', responses: { 200: { description: 'The figures' } } },
    async (c) => c.json(await coverage()),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/themes', operationId: 'getSurgeryThemes', summary: 'Themes raised per district on surgery days in a period (London days, inclusive; default the last 12 months)', query: period, responses: { 200: { description: 'Counts per district and theme' } } },
    async (c, { query }) => {
      const { from, to } = periodDays(query);
      return c.json({ from, to, ...(await themesByDistrict(from, to)) });
    },
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/themes.csv', operationId: 'exportSurgeryThemes', summary: 'Themes raised per district as CSV', query: period, responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } } },
    async (c, { query }) => {
      const { from, to } = periodDays(query);
      return csvResponse(c, `surgery-themes-${from}-to-${to}.csv`, themesCsv(await themesByDistrict(from, to)));
    },
  );
}
