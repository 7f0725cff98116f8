/**
 * The surgeries JSON API for anyone: upcoming sessions with their free slots, a district's councils,
 * asking for a slot for a council (its clerk confirms by the link emailed to the council's address on
 * file), the clerk's confirmation, booking with an invitation token, and seeing, moving or cancelling a
 * booking with its manage token. Tokens travel in the body, never in a URL that access logs keep. No
 * answer here says whether, or when, any council has booked.
 */
import { councilAreaCode, councilAreaName } from '../core/council-areas.js';
import type { ApiRoutes } from '../core/http/api.js';
import { looksLikeToken } from '../core/manage-links.js';
import { notFound } from '../core/refusal.js';
import * as z from 'zod/mini';
import { bookingByLink } from './booking.js';
import { cancelBooking } from './cancelling.js';
import { listCouncils } from './councils.js';
import { bookWithInvitation, invitationFor } from './invitations.js';
import { bookableSlots, entityId, invitationBookingInput, publicBookingInput, rescheduleInput, slotIdSchema, someTopic, type Booking, type Council, type Session, type Slot } from './model.js';
import { confirmRequest, requestSlot } from './requests.js';
import { rescheduleBooking } from './rescheduling.js';
import { noSuchSession, readSessionPartition, upcomingSessions } from './sessions.js';

export const idParams = (label: string) => z.object({ id: entityId(label) });
const token = z.string({ error: 'Give the token from the link in the email' }).check(z.refine(looksLikeToken, { error: 'This is not a token from one of our emails' }));
const tokenBody = z.object({ token });

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
    freeSlots: session.status === 'published' ? bookableSlots(slots, now).map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })) : [],
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
  status: z.enum(['confirmed', 'cancelled']),
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
  status: b.status === 'cancelled' ? 'cancelled' : 'confirmed',
});

const publicCouncil = (c: Council) => ({ id: c.id, name: c.name, governance: c.governance, parishes: c.parishes });

/** The booking (or, for `confirm`, the request) a token stands for. */
async function bookingFor(t: string, purpose: 'confirm' | 'manage'): Promise<Booking> {
  const booking = await bookingByLink(t, purpose);
  if (!booking || (purpose === 'manage' && booking.status === 'requested')) throw notFound('This link is not valid: it may have expired', 'link_not_valid');
  return booking;
}

/** The answer to every request that is sent on: the same whatever the council's bookings, naming no address. */
export const REQUEST_SENT = 'We have emailed the council’s clerk, at the address we have for the council, a link to confirm the booking. Nothing is booked until the clerk confirms it.';

export function publicSurgeriesApi(api: ApiRoutes): void {
  const tags = ['Surgeries'];
  const refused = (codes: string) => ({ description: `Refused: ${codes}` });

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
      path: '/api/surgeries/sessions/:id/requests',
      operationId: 'requestSurgerySlot',
      summary:
        'Ask for a slot for a council: its clerk is emailed, at the council’s address on file, a link to confirm it. Nothing is reserved until the clerk confirms; the answer is the same whether or not the council has bookings',
      tags,
      params: idParams('session id'),
      body: publicBookingInput,
      rateLimited: true,
      responses: {
        202: { description: 'Sent to the council’s clerk to confirm', schema: z.object({ status: z.literal('requested'), message: z.string() }) },
        400: { description: 'validation_failed, council_not_found, council_retired, wrong_district, council_without_address (`fields` names each)' },
        404: { description: 'No such session' },
        409: refused('session_not_open, session_cancelled, slot_taken, slot_in_past'),
        429: { description: 'Too many requests from this client, or too many emails to this council’s clerk today' },
      },
    },
    async (c, { params, body }) => {
      const { slotId, councilId, ...details } = body;
      await requestSlot({ sessionId: params.id, slotId, councilId, details });
      return c.json({ status: 'requested' as const, message: REQUEST_SENT }, 202);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/surgeries/requests/confirm',
      operationId: 'confirmSurgeryRequest',
      summary: 'The council’s clerk confirms a request with the token from the emailed link: booked now if the slot (or `slotId`, another in the session) is free and the council can book',
      tags,
      body: z.object({ token, slotId: z.optional(slotIdSchema) }),
      rateLimited: true,
      responses: {
        200: { description: 'The booking', schema: bookingSchema },
        404: { description: 'The link is not valid' },
        409: refused('slot_taken, session_cancelled, council_booked_in_session, council_booking_limit, council_retired'),
        410: { description: 'request_lapsed: the time to confirm has passed' },
      },
    },
    async (c, { body }) => c.json(councilView(await confirmRequest((await bookingFor(body.token, 'confirm')).id, new Date(), body.slotId ? { slotId: body.slotId } : {}))),
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
      const invitation = await invitationFor(t, new Date(), { slotId: input.slotId });
      if (!invitation) throw notFound('This link is not valid: it may have expired', 'link_not_valid');
      return c.json(councilView(await bookWithInvitation(invitation, input)), 201);
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
      return c.json(councilView(await rescheduleBooking(await bookingFor(t, 'manage'), target)));
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
}
