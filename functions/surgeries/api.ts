/**
 * The surgeries JSON API: what anyone may do (api-public.ts), and what staff (role `staff`) may:
 * councils and their CSV, sessions, invitations, slots, the day sheet, bookings and outcomes, coverage
 * and themes. Each route validates with zod and calls the domain; nothing here knows DynamoDB.
 */
import { actionsFrom } from '../core/actions/store.js';
import { bookForCouncil } from './booking.js';
import { councilAreaCode } from '../core/council-areas.js';
import type { ApiRoutes } from '../core/http/api.js';
import { signedInName } from '../core/http/staff-name.js';
import { londonDay } from '../core/time.js';
import { recordAccess } from '../core/people/access-record.js';
import { csvResponse } from '../core/ui/csv.js';
import * as z from 'zod/mini';
import { cancelBooking, noSuchBooking } from './cancelling.js';
import { councilRows, importCouncils, previewImport } from './council-import.js';
import { addCouncil, clerksIn, editCouncil, listCouncils, requireCouncil, setCouncilStatus } from './councils.js';
import { coverage, themesByDistrict, themesCsv } from './coverage.js';
import { daySheet, daySheetRows, peopleOnSheet } from './day-sheet.js';
import { inviteCouncils } from './invitations.js';
import { councilInput, entityId, optionalReasonInput, outcomeInput, reasonInput, rescheduleInput, sessionInput, slotIdSchema, staffBookingInput } from './model.js';
import { recordOutcome } from './outcomes.js';
import { idParams, publicSurgeriesApi } from './api-public.js';
import { rescheduleBooking } from './rescheduling.js';
import { cancelSession, createSession, editSession, noSuchSession, publishSession, readSessionPartition, setSlotBlocked } from './sessions.js';
import { getBooking } from './store/bookings.js';

/** A report's period: London days, either end may be left out (then the last 12 months to today). */
const day = z.iso.date({ error: 'Give a day like 2026-04-01' }).check(z.refine((d) => d >= '2000' && d < '2101', { error: 'Give a day between the years 2000 and 2100' }));
const period = z.object({ from: z.optional(day), to: z.optional(day) }).check(z.refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'The end of the period must not be before its start' }));
const periodDays = (p: z.infer<typeof period>, now = new Date()) => ({ from: p.from ?? londonDay(new Date(now.getTime() - 365 * 86_400_000)), to: p.to ?? londonDay(now) });

export function surgeriesApi(api: ApiRoutes): void {
  const refused = (codes: string) => ({ description: `Refused: ${codes}` });

  publicSurgeriesApi(api);

  // Staff -----------------------------------------------------------------------------------------

  const staff = { role: 'staff' as const, tags: ['Surgeries (staff)'] };

  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/councils', operationId: 'listSurgeryCouncils', summary: 'Councils, by district and name (retired ones too when asked)', query: z.object({ district: z.optional(councilAreaCode), includeRetired: z.optional(z.enum(['true', 'false'])) }), responses: { 200: { description: 'The councils' } } },
    async (c, { query }) => {
      const councils = await listCouncils({ includeRetired: query.includeRetired === 'true', ...(query.district ? { districtCode: query.district } : {}) });
      await recordAccess(c, { what: 'Councils and their clerks’ contact details (API)', people: clerksIn(councils) });
      return c.json({ councils });
    },
  );
  api.add(
    { ...staff, method: 'post', path: '/api/surgeries/councils', operationId: 'createSurgeryCouncil', summary: 'Add a council', body: councilInput, responses: { 201: { description: 'The council' } } },
    async (c, { body }) => c.json(await addCouncil(body), 201),
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/councils.csv', operationId: 'exportSurgeryCouncils', summary: 'Every council as CSV (imports again)', responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } } },
    async (c) => {
      const councils = await listCouncils({ includeRetired: true });
      await recordAccess(c, { what: 'Councils and their clerks’ contact details (API, CSV)', people: clerksIn(councils) });
      return csvResponse(c, `councils-${londonDay(new Date())}.csv`, councilRows(councils));
    },
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
    async (c, { params }) => {
      const council = await requireCouncil(params.id);
      await recordAccess(c, { what: `${council.name} and its clerk’s contact details (API)`, people: clerksIn([council]) });
      return c.json(council);
    },
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
    async (c, { params, body }) => c.json(await inviteCouncils(params.id, body, signedInName(c)), 202),
  );
  api.add(
    {
      ...staff,
      method: 'post',
      path: '/api/surgeries/sessions/:id/bookings',
      operationId: 'bookSurgeryForCouncil',
      summary: 'Book a slot for a council that phones: confirmed at once under the same rules as the council’s own booking, and the person named emailed the confirmation, calendar invite and manage link',
      params: idParams('session id'),
      body: staffBookingInput,
      responses: {
        201: { description: 'The booking' },
        400: { description: 'validation_failed, council_not_found, wrong_district, council_retired, slot_not_found: `fields` names each' },
        404: { description: 'No such session' },
        409: refused('session_not_open, session_cancelled, slot_taken, slot_in_past, council_booked_in_session, council_booking_limit'),
      },
    },
    async (c, { params, body }) => c.json(await bookForCouncil(params.id, body), 201),
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
    async (c, { params }) => {
      const sheet = await daySheet(params.id);
      await recordAccess(c, { what: `Day sheet for the surgery at ${sheet.session.venueName} on ${sheet.session.date} (API)`, people: peopleOnSheet(sheet.rows) });
      return c.json(sheet);
    },
  );
  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/sessions/:id/day-sheet.csv', operationId: 'exportSurgeryDaySheet', summary: 'The day sheet as CSV', params: idParams('session id'), responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such session' } } },
    async (c, { params }) => {
      const { session, rows } = await daySheet(params.id);
      await recordAccess(c, { what: `Day sheet for the surgery at ${session.venueName} on ${session.date} (API, CSV)`, people: peopleOnSheet(rows) });
      return csvResponse(c, `day-sheet-${session.date}-${session.id}.csv`, daySheetRows(rows));
    },
  );

  api.add(
    { ...staff, method: 'get', path: '/api/surgeries/bookings/:id', operationId: 'getSurgeryBooking', summary: 'A booking with its outcome and actions', params: idParams('booking id'), responses: { 200: { description: 'The booking' }, 404: { description: 'No such booking' } } },
    async (c, { params }) => {
      const booking = await getBooking(params.id);
      if (!booking) throw noSuchBooking();
      await recordAccess(c, { what: `Surgery booking for ${booking.councilName} (API)`, people: 1 });
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
    async (c, { params, body }) => c.json(await recordOutcome(params.id, body, signedInName(c))),
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
