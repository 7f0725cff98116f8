/**
 * The booking rules against DynamoDB Local, through the contention proxy (real transaction conflicts):
 * a slot holds one booking, a council one booking per session and per district programme, whatever
 * the concurrency; every refusal is clear and writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { asAPersonWould, useContentionProxy } from '../../test/support/contention.js';
import { refusalStatus } from '../core/http/errors.js';
import { Refusal } from '../core/refusal.js';
import { bookSlot } from './booking.js';
import { aBooking, aCouncil, aSession, councilsIn, exampleDetails, slotIds } from './fixtures.js';
import { setCouncilStatus } from './councils.js';
import { getCouncil } from './store/councils.js';
import { readSessionPartition } from './store/sessions.js';
import { getBookings } from './store/bookings.js';
import type { Booking } from './model.js';
import { setSlotBlocked } from './sessions.js';

const contention = useContentionProxy();

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Refusal);
  const r = error as Refusal;
  return { code: r.code, message: r.message, status: refusalStatus(r), fields: r.fields?.map((f) => f.field), says: [r.message, ...(r.fields ?? []).map((f) => f.message)].join(' ') };
}

describe('booking a slot', () => {
  it('books a slot for a council and records it on the slot, the guard and the council', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    expect(booking.status).toBe('confirmed');
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots).toHaveLength(12);
    expect(slots[0]).toMatchObject({ bookingId: booking.id });
    expect(guards.get(council.id)).toEqual({ bookingId: booking.id });
    expect((await getCouncil(council.id))!.upcoming[booking.id]).toMatchObject({ sessionId: session.id, startsAt: booking.slotStartsAt });
  });

  it('never double-books: 40 councils each trying 3 slots at once book exactly the 12 slots, one each', async () => {
    const session = await aSession();
    const councils = await councilsIn('E07000129', 40);
    const ids = await slotIds(session.id);
    contention.proxy().resetStats();
    // A 503 (still conflicting after its retries; nothing written) is tried again, as the page asks.
    const attempts = councils.flatMap((council, c) =>
      [0, 1, 2].map((k) => asAPersonWould(() => bookSlot({ sessionId: session.id, slotId: ids[(c * 3 + k * 5) % 12]!, councilId: council.id, details: exampleDetails(), via: 'invitation' }))),
    );
    const results = await Promise.allSettled(attempts);
    const failures = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    // Every failure is a refusal a person can act on: no outage, no 500.
    for (const f of failures) expect(f, String(f)).toBeInstanceOf(Refusal);
    for (const f of failures) expect(['slot_taken', 'council_booked_in_session']).toContain((f as Refusal).code);
    const booked = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<Booking>).value);
    expect(booked).toHaveLength(12);
    expect(failures).toHaveLength(120 - 12);
    expect(new Set(booked.map((b) => b.slotId)).size).toBe(12);
    expect(new Set(booked.map((b) => b.councilId)).size).toBe(12);
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots.map((s) => s.bookingId).sort()).toEqual(booked.map((b) => b.id).sort());
    expect(guards.size).toBe(12);
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
  });

  it('lets a council hold one upcoming booking in its district, even when it books two sessions at once', async () => {
    const [first, second, council] = await Promise.all([aSession(), aSession({}, new Date(), 21), aCouncil()]);
    const [a, b] = await Promise.allSettled([
      bookSlot({ sessionId: first.id, slotId: (await slotIds(first.id))[0]!, councilId: council.id, details: exampleDetails(), via: 'invitation' }),
      bookSlot({ sessionId: second.id, slotId: (await slotIds(second.id))[0]!, councilId: council.id, details: exampleDetails(), via: 'invitation' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = ((a.status === 'rejected' ? a : b) as PromiseRejectedResult).reason as Refusal;
    expect(refused.code).toBe('council_booking_limit');
    expect(Object.keys((await getCouncil(council.id))!.upcoming)).toHaveLength(1);
  });

  it('refuses a retired or unknown council, a council from another district, and writes nothing', async () => {
    const [session, retired, elsewhere] = await Promise.all([aSession(), aCouncil(), aCouncil({ districtCode: 'E07000131' })]);
    await setCouncilStatus(retired.id, 'retired');
    const slotId = (await slotIds(session.id))[0]!;
    const book = (councilId: string) => bookSlot({ sessionId: session.id, slotId, councilId, details: exampleDetails(), via: 'invitation' });
    expect(await refusal(book(retired.id))).toMatchObject({ code: 'council_retired', status: 400, fields: ['councilId'] });
    expect(await refusal(book('no-such-council'))).toMatchObject({ code: 'council_not_found', status: 400, fields: ['councilId'] });
    expect(await refusal(book(elsewhere.id))).toMatchObject({ code: 'wrong_district', status: 400, says: expect.stringContaining('this surgery is for councils in Blaby') });
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots.every((s) => !s.bookingId)).toBe(true);
    expect(guards.size).toBe(0);
  });

  it('refuses a draft or cancelled session, a slot in the past, a blocked or taken slot, and a slot not in the session', async () => {
    const council = await aCouncil();
    const draft = await aSession({ status: 'draft' });
    const ids = await slotIds(draft.id);
    const details = exampleDetails();
    expect(await refusal(bookSlot({ sessionId: draft.id, slotId: ids[0]!, councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'session_not_open', status: 409 });
    const past = await aSession({}, new Date(Date.now() - 20 * 86_400_000), 10);
    const pastIds = await slotIds(past.id);
    expect(await refusal(bookSlot({ sessionId: past.id, slotId: pastIds[0]!, councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'slot_in_past', status: 409, fields: ['slotId'] });
    const open = await aSession();
    const openIds = await slotIds(open.id);
    await setSlotBlocked(open.id, openIds[1]!, true);
    expect(await refusal(bookSlot({ sessionId: open.id, slotId: openIds[1]!, councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'slot_taken', status: 409 });
    expect(await refusal(bookSlot({ sessionId: open.id, slotId: '20000101T0000Z', councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'slot_not_found', status: 400 });
    const other = await aCouncil();
    await aBooking(open, other, { index: 2 });
    expect(await refusal(bookSlot({ sessionId: open.id, slotId: openIds[2]!, councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'slot_taken', status: 409 });
    expect(await refusal(bookSlot({ sessionId: 'no-such-session', slotId: openIds[2]!, councilId: council.id, details, via: 'invitation' }))).toMatchObject({ code: 'session_not_found', status: 404 });
    const bookings = await getBookings((await readSessionPartition(open.id)).slots.flatMap((s) => (s.bookingId ? [s.bookingId] : [])));
    expect(bookings.size).toBe(1);
  });
});
