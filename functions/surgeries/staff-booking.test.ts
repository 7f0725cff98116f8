/**
 * Councils booked as they actually book, against DynamoDB Local and the SES emulator: staff book a slot
 * for a council that phones (page and API, with the lowest role that may: staff), under the same rules
 * as the council's own booking, and the person named gets the confirmation as if they had booked; and
 * an invitation to the whole district leaves out a council already booked in its programme.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readInvite } from '../../test/support/calendar.js';
import { inbox, waitForEmail } from '../../test/support/inbox.js';
import { redirectPath, requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { app } from './app.js';
import { bookingByLink } from './booking.js';
import { aBooking, aCouncil, aSession, slotIds, uniqueEmail } from './fixtures.js';
import { inviteCouncils } from './invitations.js';
import { getBooking } from './store/bookings.js';
import { readSessionPartition } from './store/sessions.js';

let staff: Record<string, string>;
let cookie: Record<string, string>;
beforeAll(async () => {
  const token = await staffToken();
  staff = bearer(token);
  cookie = { cookie: `session=${token}` };
});
const { get, post } = requestsTo(app);
const json = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const details = (overrides: Record<string, unknown> = {}) => ({ attendeeName: 'Pat Chair', attendeeRole: 'clerk', email: uniqueEmail('phoned'), themes: ['burglary'], ...overrides });
const manageToken = (text: string | undefined) => text?.match(/\/surgeries\/manage\/([A-Za-z0-9_-]{43})/)?.[1];

describe('staff booking for a council that phones', () => {
  it('books at once from the staff page and emails the person named the confirmation, calendar invite and manage link', async () => {
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000131' }), aCouncil({ districtCode: 'E07000131' })]);
    const ids = await slotIds(session.id);
    const form = await get(`/staff/surgeries/sessions/${session.id}/book`, cookie);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`<option value="${council.id}">`);

    const email = uniqueEmail('phoned-clerk');
    const bad = await post(`/staff/surgeries/sessions/${session.id}/book`, { councilId: '', slotId: '', attendeeName: '', attendeeRole: 'clerk', email: 'nope', themes: 'burglary' }, cookie);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    for (const field of ['councilId', 'slotId', 'attendeeName', 'email']) expect(badHtml).toContain(`href="#${field}"`);
    expect((await readSessionPartition(session.id)).slots.every((s) => !s.bookingId)).toBe(true);

    const sent = await post(`/staff/surgeries/sessions/${session.id}/book`, { councilId: council.id, slotId: ids[3]!, attendeeName: 'Robin <b>Clerk</b>', attendeeRole: 'clerk', email, themes: 'burglary', otherTopics: '', accessNeeds: '' }, cookie);
    expect(sent.status).toBe(303);
    const bookingPath = redirectPath(sent);
    expect(bookingPath).toMatch(/^\/staff\/surgeries\/bookings\/[a-z0-9-]+\?done=booked$/);
    const bookingId = bookingPath.split('/').at(-1)!.split('?')[0]!;
    expect(await getBooking(bookingId)).toMatchObject({ status: 'confirmed', via: 'staff', councilId: council.id, slotId: ids[3], email });
    expect(await (await get(bookingPath, cookie)).text()).toContain('Booked. The confirmation has been emailed to the person coming.');

    const mail = await waitForEmail(email, 'Surgery booked');
    expect(mail.body.text).toContain('Hello Robin <b>Clerk</b>,');
    expect(mail.body.html).toContain('Robin &lt;b&gt;Clerk&lt;/b&gt;');
    expect(mail.body.text).toContain('as you asked when you contacted us');
    const token = manageToken(mail.body.text)!;
    expect((await bookingByLink(token, 'manage'))?.id).toBe(bookingId);
    const ics = mail.attachments.find((a) => a.filename === 'surgery.ics');
    expect(ics).toBeDefined();
    const invite = readInvite(Buffer.from(ics!.content, 'base64').toString());
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 0, startZone: 'Europe/London' });
    expect(invite.start.toISOString()).toBe((await getBooking(bookingId))!.slotStartsAt);
  });

  it('holds to the council’s own rules through the API: no double booking, one booking per council per session', async () => {
    const [session, council, other] = await Promise.all([aSession({ districtCode: 'E07000134' }), aCouncil({ districtCode: 'E07000134' }), aCouncil({ districtCode: 'E07000134' })]);
    const ids = await slotIds(session.id);
    const path = `/api/surgeries/sessions/${session.id}/bookings`;

    const bad = await json('POST', path, { slotId: 'soon', councilId: council.id, ...details({ email: 'nope' }) }, staff);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field).sort()).toEqual(['email', 'slotId']);
    expect((await json('POST', path, { slotId: ids[0], councilId: council.id, ...details() }, {})).status).toBe(401);

    const booked = await json('POST', path, { slotId: ids[0], councilId: council.id, ...details() }, staff);
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({ status: 'confirmed', via: 'staff', slotId: ids[0], councilId: council.id });

    const again = await json('POST', path, { slotId: ids[1], councilId: council.id, ...details() }, staff);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'council_booked_in_session' } });
    const taken = await json('POST', path, { slotId: ids[0], councilId: other.id, ...details() }, staff);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: 'slot_taken' } });
    const wrongDistrict = await json('POST', path, { slotId: ids[2], councilId: (await aCouncil({ districtCode: 'E07000129' })).id, ...details() }, staff);
    expect(wrongDistrict.status).toBe(400);
    expect(await wrongDistrict.json()).toMatchObject({ error: { code: 'wrong_district' } });
    const { slots } = await readSessionPartition(session.id);
    expect(slots.filter((s) => s.bookingId).map((s) => s.id)).toEqual([ids[0]]);
  });
});

describe('inviting a district', () => {
  it('leaves out a council already booked in the district’s programme; one chosen by name is still invited', async () => {
    const [booked, free] = await Promise.all([aCouncil({ districtCode: 'E07000135', clerkEmail: uniqueEmail('booked-clerk') }), aCouncil({ districtCode: 'E07000135', clerkEmail: uniqueEmail('free-clerk') })]);
    const [earlier, later] = await Promise.all([aSession({ districtCode: 'E07000135' }, new Date(), 10), aSession({ districtCode: 'E07000135' }, new Date(), 30)]);
    await aBooking(earlier, booked);

    await inviteCouncils(later.id, { scope: 'district' }, 'A. Officer');
    await waitForEmail(free.clerkEmail!, 'Invitation');
    const { invited } = await readSessionPartition(later.id);
    const invitedHere = invited.map((i) => i.councilId).filter((id) => id === booked.id || id === free.id);
    expect(invitedHere).toEqual([free.id]);
    expect((await inbox(booked.clerkEmail!)).filter((e) => e.subject.startsWith('Invitation'))).toEqual([]);

    await inviteCouncils(later.id, { scope: 'chosen', councilIds: [booked.id] }, 'A. Officer');
    expect((await waitForEmail(booked.clerkEmail!, 'Invitation')).subject).toContain('Invitation');
  });
});
