/**
 * The surgeries JSON API against DynamoDB Local and the SES emulator: what anyone can do (sessions,
 * requests its clerk confirms by token, invitation bookings, manage by token) and what staff can (councils,
 * sessions, invitations, outcomes, coverage); bad input answers 400 naming each field, and writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail } from '../../test/support/inbox.js';
import { adminToken, bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { bookSlot } from './booking.js';
import { aBooking, aCouncil, aSession, exampleDetails, slotIds, unique, uniqueEmail } from './fixtures.js';
import { inviteCouncils } from './invitations.js';
import { readSessionPartition } from './store/sessions.js';

let staff: Record<string, string>;
beforeAll(async () => {
  staff = bearer(await staffToken());
});
const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const tokenIn = (text: string | undefined, kind: string) => text?.match(new RegExp(`/surgeries/${kind}/([A-Za-z0-9_-]{43})`))?.[1];
const details = (overrides: Record<string, unknown> = {}) => ({ attendeeName: 'Pat Chair', attendeeRole: 'chair', email: uniqueEmail('api'), themes: ['burglary'], ...overrides });

describe('anyone', () => {
  it('lists published sessions with free slots and never who booked', async () => {
    const [session, council] = await Promise.all([aSession({ districtCode: 'E06000017', venueName: unique('Oakham Castle') }), aCouncil({ districtCode: 'E06000017' })]);
    await aBooking(session, council);
    const response = await app.request('/api/surgeries/sessions?district=E06000017');
    expect(response.status).toBe(200);
    const { sessions } = (await response.json()) as { sessions: Array<{ id: string; freeSlots: unknown[] }> };
    const found = sessions.find((s) => s.id === session.id)!;
    expect(found.freeSlots).toHaveLength(11);
    expect(JSON.stringify(sessions)).not.toContain(council.name);
    expect((await app.request('/api/surgeries/sessions?district=nowhere')).status).toBe(400);
    expect((await app.request('/api/surgeries/sessions/no-such-session')).status).toBe(404);
    const councils = (await (await app.request('/api/surgeries/districts/E06000017/councils')).json()) as { councils: Array<{ id: string; name: string }> };
    expect(councils.councils.map((c) => c.id)).toContain(council.id);
  });

  it('asks for a slot (202), names each bad field (400) and writes nothing; the clerk confirms by the token, and the next clerk picks another time', async () => {
    const [session, council, other] = await Promise.all([aSession(), aCouncil(), aCouncil()]);
    const ids = await slotIds(session.id);
    const slotId = ids[4]!;
    const bad = await json('POST', `/api/surgeries/sessions/${session.id}/requests`, { slotId: 'tomorrow', councilId: council.id, ...details({ email: 'nope', themes: ['not-a-theme'], attendeeRole: 'mayor' }) });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Array<{ field: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['attendeeRole', 'email', 'slotId', 'themes.0']);
    expect((await json('POST', `/api/surgeries/sessions/${session.id}/requests`, { slotId, councilId: 'no-such-council', ...details() })).status).toBe(400);
    expect((await json('POST', '/api/surgeries/sessions/no-such-session/requests', { slotId, councilId: council.id, ...details() })).status).toBe(404);

    // Two councils ask for the same slot: both are sent on, and neither reserves it.
    for (const c of [council, other]) {
      const asked = await json('POST', `/api/surgeries/sessions/${session.id}/requests`, { slotId, councilId: c.id, ...details() });
      expect(asked.status).toBe(202);
      expect(await asked.json()).toEqual({ status: 'requested', message: expect.stringContaining('We have emailed the council’s clerk') });
    }
    expect((await readSessionPartition(session.id)).slots.every((s) => !s.bookingId)).toBe(true);

    const token = tokenIn((await waitForEmail(council.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    const otherToken = tokenIn((await waitForEmail(other.clerkEmail!, 'Confirm a surgery booking')).body.text, 'confirm')!;
    expect((await json('POST', '/api/surgeries/requests/confirm', { token: 'x'.repeat(43) })).status).toBe(404);
    const confirmed = await json('POST', '/api/surgeries/requests/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'confirmed', slotId, councilId: council.id });
    const late = await json('POST', '/api/surgeries/requests/confirm', { token: otherToken });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'slot_taken' } });
    const elsewhere = await json('POST', '/api/surgeries/requests/confirm', { token: otherToken, slotId: ids[5] });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.json()).toMatchObject({ status: 'confirmed', slotId: ids[5], councilId: other.id });
  });

  it('books with an invitation token (201), then moves and cancels with the manage token', async () => {
    const clerk = uniqueEmail('api-clerk');
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000133' }), aCouncil({ districtCode: 'E07000133', clerkEmail: clerk })]);
    await inviteCouncils(session.id, { scope: 'district' }, 'A. Officer');
    const invitation = tokenIn((await waitForEmail(clerk, 'Invitation')).body.text, 'invitation')!;
    const ids = await slotIds(session.id);
    expect((await json('POST', '/api/surgeries/invitations/bookings', { token: invitation, slotId: ids[0], ...details({ themes: [] }) })).status).toBe(400);
    const email = uniqueEmail('api-booker');
    const booked = await json('POST', '/api/surgeries/invitations/bookings', { token: invitation, slotId: ids[0], ...details({ email }) });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({ status: 'confirmed', councilId: council.id });
    const manage = tokenIn((await waitForEmail(email, 'Surgery booked')).body.text, 'manage')!;
    expect(await (await json('POST', '/api/surgeries/bookings/lookup', { token: manage })).json()).toMatchObject({ slotId: ids[0] });
    const moved = await json('POST', '/api/surgeries/bookings/reschedule', { token: manage, sessionId: session.id, slotId: ids[2], fromSlotId: ids[0] });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ slotId: ids[2] });
    expect((await json('POST', '/api/surgeries/bookings/reschedule', { token: manage, sessionId: session.id, slotId: ids[3], fromSlotId: ids[0] })).status).toBe(409);
    expect(await (await json('POST', '/api/surgeries/bookings/cancel', { token: manage })).json()).toMatchObject({ status: 'cancelled' });
  });
});

describe('staff', () => {
  it('needs a staff token', async () => {
    expect((await json('POST', '/api/surgeries/councils', {})).status).toBe(401);
  });

  it('adds a council and a session, invites, and refuses a change that would move a booked slot', async () => {
    const created = await json('POST', '/api/surgeries/councils', { name: unique('Anstey Parish Council'), districtCode: 'E07000130', governance: 'parish-council', clerkEmail: uniqueEmail('anstey') }, staff);
    expect(created.status).toBe(201);
    const council = (await created.json()) as { id: string };
    const input = { districtCode: 'E07000130', venueName: 'Anstey Village Hall', venueAddress: 'Link Road, Anstey LE7 7BX', venueKind: 'hall', stepFree: true, date: '2031-03-05', startTime: '10:00', endTime: '12:00' };
    expect((await json('POST', '/api/surgeries/sessions', { ...input, endTime: '09:00' }, staff)).status).toBe(400);
    const session = (await (await json('POST', '/api/surgeries/sessions', { ...input, status: 'published' }, staff)).json()) as { id: string; slotMinutes: number; host: string };
    expect(session).toMatchObject({ slotMinutes: 30, host: 'Deputy Commissioner' });
    expect((await json('POST', `/api/surgeries/sessions/${session.id}/invitations`, { scope: 'chosen', councilIds: [] }, staff)).status).toBe(400);
    expect((await json('POST', `/api/surgeries/sessions/${session.id}/invitations`, { scope: 'chosen', councilIds: [council.id] }, staff)).status).toBe(202);
    const ids = await slotIds(session.id);
    const booked = await bookSlot({ sessionId: session.id, slotId: ids[1]!, councilId: council.id, details: exampleDetails(), via: 'invitation' });
    expect(booked.status).toBe('confirmed');
    const change = await json('PUT', `/api/surgeries/sessions/${session.id}`, { ...input, startTime: '10:30', status: 'published' }, staff);
    expect(change.status).toBe(409);
    expect(await change.json()).toMatchObject({ error: { code: 'booked_slot_would_move' } });
    expect((await json('GET', `/api/surgeries/sessions/${session.id}/day-sheet`, undefined, staff)).status).toBe(200);
    expect((await json('GET', '/api/surgeries/coverage', undefined, staff)).status).toBe(200);
    expect((await json('GET', '/api/surgeries/themes?from=2031-01-01&to=2030-01-01', undefined, staff)).status).toBe(400);
    // Importing the list is for admins.
    const admin = bearer(await adminToken());
    expect((await json('POST', '/api/surgeries/councils/import', { csv: 'name,district,governance\nX Parish Council,Nowhere,parish council', preview: true }, staff)).status).toBe(403);
    const preview = await json('POST', '/api/surgeries/councils/import', { csv: 'name,district,governance\nX Parish Council,Nowhere,parish council', preview: true }, admin);
    expect(await preview.json()).toMatchObject({ ok: false, rows: [{ line: 2, errors: ['“Nowhere” is not a district of Leicestershire or Rutland, or Leicester'] }] });
    const refused = await json('POST', '/api/surgeries/councils/import', { csv: 'name,district,governance\nX Parish Council,Nowhere,parish council' }, admin);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'import_invalid', fields: [{ field: 'csv.line2' }] } });
  });
});
