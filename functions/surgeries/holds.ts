/**
 * Releasing holds nobody confirmed in time. Every booking rule already treats a lapsed hold as free
 * (the conditions compare `holdUntil` with the clock), so a slot is bookable again the moment its hold
 * lapses; this sweep, run by the timer, marks the hold released and clears what still points at it.
 */
import { inPool } from '../core/pool.js';
import type { Booking } from './model.js';
import * as bookings from './store/bookings.js';
import { getGuard, getSlot } from './store/sessions.js';

/** Releases one lapsed hold; false if it was confirmed or released meanwhile. */
export async function releaseHold(booking: Booking, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? booking : await bookings.getBooking(booking.id, { now });
    if (!current || current.status !== 'held' || !current.holdUntil || current.holdUntil > now.toISOString()) return false;
    const [slot, guard] = await Promise.all([getSlot(current.sessionId, current.slotId), getGuard(current.sessionId, current.councilId)]);
    if (await bookings.saveHoldReleased(current, { slot: slot?.bookingId === current.id, guard: guard?.bookingId === current.id }, now.toISOString())) return true;
  }
  return false;
}

/** The timer's sweep: every hold that lapsed by `now`. */
export async function releaseLapsedHolds(now: Date = new Date()): Promise<number> {
  let released = 0;
  for (;;) {
    const lapsed = await bookings.lapsedHolds(now.toISOString(), 100);
    let done = 0;
    await inPool(lapsed, 4, async (booking) => {
      if (await releaseHold(booking, now)) {
        released++;
        done++;
      }
    });
    if (lapsed.length < 100 || done === 0) return released;
  }
}
