/**
 * Rescheduling and cancelling against DynamoDB Local through the contention proxy: a move ends with
 * exactly one of the two slots, never both or neither, whatever races it; cancelling frees the slot.
 */
import { describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { Refusal } from '../core/refusal.js';
import { bookSlot } from './booking.js';
import { cancelBooking } from './cancelling.js';
import { aBooking, aCouncil, aSession, councilsIn, exampleDetails, slotIds } from './fixtures.js';
import type { Booking } from './model.js';
import { rescheduleBooking } from './rescheduling.js';
import { getBooking, getBookings } from './store/bookings.js';
import { getCouncil } from './store/councils.js';
import { readSessionPartition } from './store/sessions.js';

const contention = useContentionProxy();

/** Which slots (across sessions) hold which booking. */
async function holders(...sessionIds: string[]) {
  const all = await Promise.all(sessionIds.map(readSessionPartition));
  return all.flatMap((p) => p.slots.filter((s) => s.bookingId).map((s) => ({ sessionId: s.sessionId, slotId: s.id, bookingId: s.bookingId! })));
}

describe('rescheduling', () => {
  it('moves a booking to another slot of the same session: the old slot is free, the new one taken', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    const ids = await slotIds(session.id);
    const moved = await rescheduleBooking(booking.id, { sessionId: session.id, slotId: ids[5]! });
    expect(moved).toMatchObject({ slotId: ids[5], sequence: 1 });
    expect(await holders(session.id)).toEqual([{ sessionId: session.id, slotId: ids[5], bookingId: booking.id }]);
    expect((await getCouncil(council.id))!.upcoming[booking.id]).toMatchObject({ startsAt: moved.slotStartsAt });
  });

  it('decided on the booking as its link found it, a move that finds it moved meanwhile reads it again: refused as changed, or moved from where it is now', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    const ids = await slotIds(session.id);
    const asFound = (await getBooking(booking.id))!;
    await rescheduleBooking(booking.id, { sessionId: session.id, slotId: ids[2]! }); // someone else moves it first
    await expect(rescheduleBooking(asFound, { sessionId: session.id, slotId: ids[4]!, fromSlotId: ids[0]! })).rejects.toMatchObject({ code: 'booking_changed' });
    const moved = await rescheduleBooking(asFound, { sessionId: session.id, slotId: ids[4]! });
    expect(moved).toMatchObject({ slotId: ids[4], sequence: 2 });
    expect(await holders(session.id)).toEqual([{ sessionId: session.id, slotId: ids[4], bookingId: booking.id }]);
  });

  it('lets exactly one of ten simultaneous moves of one booking win, and the booking ends in exactly one slot', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    const ids = await slotIds(session.id);
    const results = await Promise.allSettled(ids.slice(1, 11).map((slotId) => rescheduleBooking(booking.id, { sessionId: session.id, slotId, fromSlotId: ids[0]! })));
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Booking>[];
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Refusal).code).toBe('booking_changed');
    const stored = (await getBooking(booking.id))!;
    expect(stored.slotId).toBe(won[0]!.value.slotId);
    expect(stored.sequence).toBe(1);
    expect(await holders(session.id)).toEqual([{ sessionId: session.id, slotId: stored.slotId, bookingId: booking.id }]);
  });

  it('when a move and a new booking race for the same slot, one gets it and the mover keeps its old slot', async () => {
    for (let round = 0; round < 4; round++) {
      const [session, mover, newcomer] = await Promise.all([aSession(), aCouncil(), aCouncil()]);
      const booking = await aBooking(session, mover);
      const ids = await slotIds(session.id);
      const [move, book] = await Promise.allSettled([
        rescheduleBooking(booking.id, { sessionId: session.id, slotId: ids[3]! }),
        bookSlot({ sessionId: session.id, slotId: ids[3]!, councilId: newcomer.id, details: exampleDetails(), via: 'invitation' }),
      ]);
      expect([move.status, book.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const held = await holders(session.id);
      expect(held.filter((h) => h.slotId === ids[3])).toHaveLength(1);
      expect(held.filter((h) => h.bookingId === booking.id)).toEqual([{ sessionId: session.id, slotId: move.status === 'fulfilled' ? ids[3] : ids[0], bookingId: booking.id }]);
    }
  });

  it('moves 12 bookings between two sessions with 60 competing requests at once: every booking in exactly one slot, no slot twice', async () => {
    const [from, to] = await Promise.all([aSession(), aSession({}, new Date(), 21)]);
    const councils = await councilsIn('E07000129', 12);
    const bookings = await Promise.all(councils.map((council, i) => aBooking(from, council, { index: i })));
    const targets = await slotIds(to.id);
    contention.proxy().resetStats();
    const requests = Array.from({ length: 60 }, (_, i) => {
      const booking = bookings[i % 12]!;
      return rescheduleBooking(booking.id, { sessionId: to.id, slotId: targets[(i * 7) % 12]!, fromSlotId: booking.slotId });
    });
    const results = await Promise.allSettled(requests);
    for (const r of results) if (r.status === 'rejected') expect(r.reason, String(r.reason)).toBeInstanceOf(Refusal);
    const moved = results.filter((r) => r.status === 'fulfilled').length;
    expect(moved).toBeGreaterThan(0);
    const held = await holders(from.id, to.id);
    expect(held).toHaveLength(12);
    expect(new Set(held.map((h) => h.bookingId)).size).toBe(12);
    expect(held.filter((h) => h.sessionId === to.id)).toHaveLength(moved);
    const stored = await getBookings(bookings.map((b) => b.id));
    for (const h of held) expect(stored.get(h.bookingId)).toMatchObject({ sessionId: h.sessionId, slotId: h.slotId });
    const guards = (await readSessionPartition(to.id)).guards;
    expect(guards.size).toBe(moved);
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
  });

  it('refuses a move to a session where the council already has a slot, to another district, or of a cancelled booking', async () => {
    const [first, second, elsewhere, council, other] = await Promise.all([aSession(), aSession({}, new Date(), 21), aSession({ districtCode: 'E07000131' }), aCouncil(), aCouncil()]);
    const booking = await aBooking(first, council);
    const ids = await slotIds(second.id);
    await expect(rescheduleBooking(booking.id, { sessionId: elsewhere.id, slotId: (await slotIds(elsewhere.id))[0]! })).rejects.toMatchObject({ code: 'wrong_district' });
    await aBooking(second, other, { index: 0 });
    await expect(rescheduleBooking(booking.id, { sessionId: second.id, slotId: ids[0]! })).rejects.toMatchObject({ code: 'slot_taken' });
    await cancelBooking(booking.id, { by: 'council' });
    await expect(rescheduleBooking(booking.id, { sessionId: second.id, slotId: ids[1]! })).rejects.toMatchObject({ code: 'booking_cancelled' });
    expect(await holders(first.id)).toEqual([]);
  });
});

describe('cancelling', () => {
  it('frees the slot and the council’s place, so the council can book again; a second cancel is refused', async () => {
    const [session, council] = await Promise.all([aSession(), aCouncil()]);
    const booking = await aBooking(session, council);
    const cancelled = await cancelBooking(booking.id, { by: 'council' });
    expect(cancelled.status).toBe('cancelled');
    expect(await holders(session.id)).toEqual([]);
    expect((await readSessionPartition(session.id)).guards.size).toBe(0);
    await expect(cancelBooking(booking.id, { by: 'council' })).rejects.toMatchObject({ code: 'booking_cancelled' });
    expect((await aBooking(session, council, { index: 4 })).status).toBe('confirmed');
  });

  it('when a cancel and a move race, the booking ends cancelled in no slot, or moved and then cancelled', async () => {
    for (let round = 0; round < 4; round++) {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      const booking = await aBooking(session, council);
      const ids = await slotIds(session.id);
      await Promise.allSettled([rescheduleBooking(booking.id, { sessionId: session.id, slotId: ids[6]! }), cancelBooking(booking.id, { by: 'council' })]);
      expect((await getBooking(booking.id))!.status).toBe('cancelled');
      expect(await holders(session.id)).toEqual([]);
      expect((await readSessionPartition(session.id)).guards.size).toBe(0);
    }
  });
});
