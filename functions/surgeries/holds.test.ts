/**
 * Holds from the public page, against DynamoDB Local through the contention proxy: a hold keeps the slot
 * for 30 minutes; once it lapses the slot is free at once (no sweep needed), the lapsed hold can no
 * longer be confirmed, and the timer's sweep marks it released and cleans up, exactly once. Own table,
 * because the sweep looks at every hold in it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { Refusal } from '../core/refusal.js';
import { bookSlot, confirmHold } from './booking.js';
import { aCouncil, aSession, exampleDetails, slotIds } from './fixtures.js';
import { releaseLapsedHolds } from './holds.js';
import type { Booking, Session } from './model.js';
import { districtCounters, getBooking } from './store/bookings.js';
import { getCouncil } from './store/councils.js';
import { readSessionPartition } from './store/sessions.js';

useContentionProxy();
beforeAll(() => useOwnTable('surgery-holds', { delivery: 'manual' }));

const MINUTE = 60_000;

async function hold(session: Session, councilId: string, slotIndex: number, now: Date): Promise<Booking> {
  const result = await bookSlot({ sessionId: session.id, slotId: (await slotIds(session.id))[slotIndex]!, councilId, details: exampleDetails(), via: 'public' }, now, { hold: true });
  if (result.outcome !== 'booked') throw new Error('expected a hold');
  return result.booking;
}

const book = async (session: Session, councilId: string, slotIndex: number, now: Date) =>
  bookSlot({ sessionId: session.id, slotId: (await slotIds(session.id))[slotIndex]!, councilId, details: exampleDetails(), via: 'public' }, now, { hold: true });

describe('holds', () => {
  it('keeps the slot for 30 minutes, then frees it at once: the lapsed hold cannot be confirmed and the sweep releases it once', async () => {
    const now = new Date();
    const [session, first, second] = await Promise.all([aSession({}, now), aCouncil({}, now), aCouncil({}, now)]);
    const held = await hold(session, first.id, 0, now);
    expect(held.holdUntil).toBe(new Date(now.getTime() + 30 * MINUTE).toISOString());

    // Within the 30 minutes the slot is taken, and the council cannot hold a second slot in the session.
    await expect(book(session, second.id, 0, new Date(now.getTime() + 29 * MINUTE))).rejects.toMatchObject({ code: 'slot_taken' });
    await expect(book(session, first.id, 1, new Date(now.getTime() + 29 * MINUTE))).rejects.toMatchObject({ code: 'council_booked_in_session' });

    // After it, the slot is free for anyone, with no sweep in between; the first hold is gone for good.
    const later = new Date(now.getTime() + 31 * MINUTE);
    const taken = await book(session, second.id, 0, later);
    expect(taken.outcome).toBe('booked');
    await expect(confirmHold(held.id, later)).rejects.toMatchObject({ code: 'hold_expired', kind: 'gone' });

    // The sweep marks the lapsed hold released, leaves the new hold alone, and a second run does nothing.
    expect(await releaseLapsedHolds(later)).toBe(1);
    expect(await releaseLapsedHolds(later)).toBe(0);
    expect(await getBooking(held.id)).toMatchObject({ status: 'released' });
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots[0]!.bookingId).toBe((taken as { booking: Booking }).booking.id);
    expect(guards.has(first.id)).toBe(false);
    expect(Object.keys((await getCouncil(first.id))!.upcoming)).toEqual([]);
    // The first council may book again.
    expect((await book(session, first.id, 2, later)).outcome).toBe('booked');
  });

  it('releases a lapsed hold nobody took over, so its slot and its council are free again', async () => {
    const now = new Date();
    const [session, council] = await Promise.all([aSession({}, now), aCouncil({}, now)]);
    const held = await hold(session, council.id, 3, now);
    expect(await releaseLapsedHolds(new Date(now.getTime() + 29 * MINUTE))).toBe(0);
    expect(await releaseLapsedHolds(new Date(now.getTime() + 31 * MINUTE))).toBe(1);
    const { slots, guards } = await readSessionPartition(session.id);
    expect(slots[3]).not.toHaveProperty('bookingId');
    expect(guards.size).toBe(0);
    expect(await getBooking(held.id)).toMatchObject({ status: 'released' });
  });

  it('at the moment a hold lapses, a confirmation and a new booking race: exactly one gets the slot', async () => {
    for (let round = 0; round < 5; round++) {
      const now = new Date();
      const [session, first, second] = await Promise.all([aSession({}, now), aCouncil({}, now), aCouncil({}, now)]);
      const held = await hold(session, first.id, 0, now);
      const lapse = Date.parse(held.holdUntil!);
      const [confirmed, other] = await Promise.allSettled([confirmHold(held.id, new Date(lapse - 1)), book(session, second.id, 0, new Date(lapse + 1))]);
      expect([confirmed.status, other.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      for (const r of [confirmed, other]) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Refusal);
      const { slots } = await readSessionPartition(session.id);
      const winner = confirmed.status === 'fulfilled' ? held.id : ((other as PromiseFulfilledResult<{ booking: Booking }>).value.booking.id);
      expect(slots[0]!.bookingId).toBe(winner);
    }
  });

  it('counts a hold confirmed twice at once as one booking', async () => {
    const now = new Date();
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000133' }, now), aCouncil({ districtCode: 'E07000133' }, now)]);
    const before = (await districtCounters(['E07000133'])).get('E07000133')!['confirmed'] ?? 0;
    const held = await hold(session, council.id, 0, now);
    const results = await Promise.all([1, 2, 3].map(() => confirmHold(held.id, new Date(now.getTime() + MINUTE))));
    expect(results.map((b) => b.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect((await districtCounters(['E07000133'])).get('E07000133')!['confirmed']).toBe(before + 1);
    expect((await readSessionPartition(session.id)).slots[0]).toMatchObject({ bookingId: held.id });
    expect((await readSessionPartition(session.id)).slots[0]).not.toHaveProperty('holdUntil');
  });
});
