/**
 * Asking for a slot from the public page, against DynamoDB Local (through the contention proxy) and the
 * SES emulator. Anyone can reach that page, so a request reserves nothing: one client asking for every
 * slot in other councils' names holds no slot and blocks no council; the link to confirm goes to the
 * council's clerk at the address on file, never to an address typed into the form; the answer names
 * no other council's booking and is the same whether or not the council has one; when clerks confirm,
 * the first wins and the other is told the slot went and may choose another; requests lapse; and the
 * per-recipient email limit counts the clerk's address.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { inbox, waitForEmail } from '../../test/support/inbox.js';
import { requestsTo } from '../../test/support/requests.js';
import { Refusal } from '../core/refusal.js';
import { app } from './app.js';
import { bookingByLink } from './booking.js';
import { aBooking, aCouncil, aSession, councilsIn, exampleDetails, slotIds, unique, uniqueEmail } from './fixtures.js';
import { REQUEST_SENT } from './api-public.js';
import { confirmRequest, requestAsItStands, requestSlot } from './requests.js';
import { getBooking } from './store/bookings.js';
import { districtCounters } from './store/figures.js';
import { getCouncil } from './store/councils.js';
import { readSessionPartition } from './store/sessions.js';

useContentionProxy();
const { get, post } = requestsTo(app);
const HOUR = 3_600_000;
const tokenIn = (text: string | undefined) => text?.match(/\/surgeries\/confirm\/([A-Za-z0-9_-]{43})/)?.[1];
const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const asked = (councilId: string, slotId: string, email = uniqueEmail('asker')) => ({ slotId, councilId, attendeeName: 'Pat Asker', attendeeRole: 'councillor', email, themes: ['burglary'] });

async function aRequest(sessionId: string, councilId: string, slotIndex: number, now = new Date()) {
  return requestSlot({ sessionId, slotId: (await slotIds(sessionId))[slotIndex]!, councilId, details: exampleDetails() }, now);
}

describe('asking for a slot from the public page', () => {
  it('reserves nothing: one client asking for every slot, each in another council’s name, holds no slot and blocks no council', async () => {
    const session = await aSession({ districtCode: 'E07000132' });
    const councils = await councilsIn('E07000132', 12);
    const ids = await slotIds(session.id);
    const squatter = uniqueEmail('squatter');
    const answers = await Promise.all(councils.map((council, i) => json(`/api/surgeries/sessions/${session.id}/requests`, asked(council.id, ids[i]!, squatter))));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(202));
    expect(await answers[0]!.json()).toEqual({ status: 'requested', message: REQUEST_SENT });

    // Every slot is still free, no council has a place in the session or a booking counted against it.
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots.filter((s) => s.bookingId)).toEqual([]);
    expect(guards.size).toBe(0);
    for (const council of councils) expect((await getCouncil(council.id))!.upcoming).toEqual({});
    const page = await (await get(`/surgeries/sessions/${session.id}`)).text();
    expect(page.match(/name="slotId"/g)).toHaveLength(12);

    // The links to confirm went to each council's clerk on file; the address typed into the form got nothing.
    for (const council of councils) expect((await waitForEmail(council.clerkEmail!, `Confirm a surgery booking for ${council.name}`)).body.text).toContain('/surgeries/confirm/');
    expect(await inbox(squatter)).toEqual([]);
    // Any of those councils can still book at once with its invitation.
    expect(await aBooking(session, councils[0]!, { index: 0 })).toMatchObject({ status: 'confirmed', councilId: councils[0]!.id });
  });

  it('answers the same whether or not the council has a booking, and names no other council’s booking', async () => {
    const session = await aSession({ districtCode: 'E07000132' });
    const [booked, notBooked, other] = await Promise.all([aCouncil({ districtCode: 'E07000132', name: unique('Allexton Parish Council') }), aCouncil({ districtCode: 'E07000132' }), aCouncil({ districtCode: 'E07000132', name: unique('Barwell Parish Council') })]);
    const ids = await slotIds(session.id);
    await aBooking(session, booked, { index: 5 }); // 12:20pm
    await aBooking(session, other, { index: 7 }); // 1:40pm

    const forBooked = await json(`/api/surgeries/sessions/${session.id}/requests`, asked(booked.id, ids[2]!));
    const forNotBooked = await json(`/api/surgeries/sessions/${session.id}/requests`, asked(notBooked.id, ids[2]!));
    expect([forBooked.status, forNotBooked.status]).toEqual([202, 202]);
    expect(await forBooked.json()).toEqual(await forNotBooked.json());

    // The page says the same for each (but for the name chosen); nothing about the council's slot at 12:20pm.
    const email = uniqueEmail('asker');
    const page = async (councilId: string, name: string) => {
      const response = await post(`/surgeries/sessions/${session.id}/book`, { ...asked(councilId, ids[3]!, email), themes: 'burglary' });
      expect(response.status).toBe(200);
      return (await response.text()).match(/<main[\s\S]*<\/main>/)![0].replaceAll(name, 'COUNCIL');
    };
    const [bookedPage, notBookedPage] = await Promise.all([page(booked.id, booked.name), page(notBooked.id, notBooked.name)]);
    expect(bookedPage).toBe(notBookedPage);
    expect(bookedPage).toContain('We have asked your council’s clerk to confirm');
    expect(bookedPage).not.toContain('12:20pm');

    // A slot another council has is refused as taken, without saying whose it is.
    const taken = await json(`/api/surgeries/sessions/${session.id}/requests`, asked(notBooked.id, ids[7]!));
    expect(taken.status).toBe(409);
    const body = JSON.stringify(await taken.json());
    expect(body).toContain('slot_taken');
    expect(body).not.toContain(other.name);
  });

  it('refuses a council with no address on file, naming the field', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil({ clerkEmail: '' })]);
    const response = await json(`/api/surgeries/sessions/${session.id}/requests`, asked(council.id, (await slotIds(session.id))[0]!));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'council_without_address', fields: [{ field: 'councilId' }] } });
  });
});

describe('the clerk confirming', () => {
  it('books the first request confirmed; the other clerk is told the slot went, and books another time', async () => {
    for (let round = 0; round < 3; round++) {
      const session = await aSession({ districtCode: 'E07000134' });
      const [first, second] = await councilsIn('E07000134', 2);
      const [a, b] = await Promise.all([aRequest(session.id, first!.id, 4), aRequest(session.id, second!.id, 4)]);
      const results = await Promise.allSettled([confirmRequest(a.id), confirmRequest(b.id)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Refusal;
      expect(refused).toBeInstanceOf(Refusal);
      expect(refused.code).toBe('slot_taken');
      const loser = results[0]!.status === 'rejected' ? a : b;
      const winner = loser === a ? b : a;
      const { slots } = await readSessionPartition(session.id);
      expect(slots[4]!.bookingId).toBe(winner.id);
      // The losing clerk's page says so and offers the free times; confirming one books it.
      const state = await requestAsItStands(loser);
      expect(state).toMatchObject({ slotGone: true });
      expect(state.free.map((s) => s.id)).not.toContain(slots[4]!.id);
      const booked = await confirmRequest(loser.id, new Date(), { slotId: slots[6]!.id });
      expect(booked).toMatchObject({ status: 'confirmed', slotId: slots[6]!.id, councilId: loser.councilId, email: loser.email });
    }
  });

  it('tells the clerk when the council already has a slot in the session, with its time', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    await aBooking(session, council, { index: 1 });
    const request = await aRequest(session.id, council.id, 3);
    await expect(confirmRequest(request.id)).rejects.toMatchObject({ code: 'council_booked_in_session', message: expect.stringContaining('at 9:40am') });
    expect((await requestAsItStands(request)).problem?.code).toBe('council_booked_in_session');
  });

  it('counts a request confirmed twice at once as one booking', async () => {
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000133' }), aCouncil({ districtCode: 'E07000133' })]);
    const before = (await districtCounters(['E07000133'])).get('E07000133')!['confirmed'] ?? 0;
    const request = await aRequest(session.id, council.id, 0);
    const results = await Promise.all([1, 2, 3].map(() => confirmRequest(request.id)));
    expect(results.map((b) => b.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect((await districtCounters(['E07000133'])).get('E07000133')!['confirmed']).toBe(before + 1);
    expect((await readSessionPartition(session.id)).slots[0]).toMatchObject({ bookingId: request.id });
    expect(Object.keys((await getCouncil(council.id))!.upcoming)).toEqual([request.id]);
  });

  it('lapses after its time to confirm: the link stops working and nothing can be booked by it', async () => {
    const now = new Date();
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const request = await aRequest(session.id, council.id, 2, now);
    expect(request.confirmBy).toBe(new Date(now.getTime() + 48 * HOUR).toISOString());
    const later = new Date(now.getTime() + 48 * HOUR + 1000);
    await expect(confirmRequest(request.id, later)).rejects.toMatchObject({ code: 'request_lapsed', kind: 'gone' });
    const token = tokenIn((await waitForEmail(council.clerkEmail!, 'Confirm a surgery booking')).body.text)!;
    expect(await bookingByLink(token, 'confirm', now)).toMatchObject({ id: request.id, status: 'requested' });
    expect(await bookingByLink(token, 'confirm', later)).toBeUndefined();
    expect((await getBooking(request.id))!.status).toBe('requested');
    expect((await readSessionPartition(session.id)).slots[2]).not.toHaveProperty('bookingId');
  });
});

describe('the per-recipient email limit', () => {
  beforeAll(() => {
    vi.stubEnv('RATE_LIMITS', 'on');
    vi.stubEnv('RATE_LIMIT_PER_CLIENT', '100/600');
    vi.stubEnv('RATE_LIMIT_PER_RECIPIENT', '3/86400');
    vi.stubEnv('CLIENT_ADDRESS_HEADER', 'x-test-client');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('counts the clerk’s address, whatever address is typed and from however many clients', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const ids = await slotIds(session.id);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await json(`/api/surgeries/sessions/${session.id}/requests`, asked(council.id, ids[i]!), { 'x-test-client': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });
});
