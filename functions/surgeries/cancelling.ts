/**
 * Cancelling a booking: by the council from the link in its emails, or by staff with a reason (and for
 * every booking when staff cancel a session). The slot is free again and the council may book another.
 * A confirmed booking's council is emailed a cancellation (with the calendar's CANCEL).
 */
import { notFound, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import type { Booking } from './model.js';
import { bookingEmail } from './notify.js';
import * as store from './store/bookings.js';
import { getGuard, getSlot } from './store/sessions.js';

export const noSuchBooking = () => notFound('There is no booking with this id', 'booking_not_found');

/**
 * Cancels the booking; the booking as it now is. Refused when it is already cancelled, only a request
 * (which holds nothing), or its slot has started (unless the whole session is being cancelled).
 */
export async function cancelBooking(
  bookingId: string,
  change: { by: 'council' | 'staff'; reason?: string; sessionCancelled?: boolean },
  now: Date = new Date(),
): Promise<Booking> {
  const nowIso = now.toISOString();
  return settle(async () => {
    const booking = await store.getBooking(bookingId, { now });
    if (!booking) throw noSuchBooking();
    if (booking.status === 'cancelled') throw new Refusal('booking_cancelled', 'This booking has already been cancelled');
    if (booking.status !== 'confirmed') throw new Refusal('booking_not_confirmed', 'This request was never confirmed, so there is no booking to cancel');
    if (!change.sessionCancelled && booking.slotStartsAt <= nowIso) throw new Refusal('surgery_started', 'This surgery slot has already started, so the booking can no longer be cancelled');
    const [slot, guard] = await Promise.all([getSlot(booking.sessionId, booking.slotId), getGuard(booking.sessionId, booking.councilId)]);
    const ours = { slot: slot?.bookingId === booking.id, guard: guard?.bookingId === booking.id };
    const email = bookingEmail('cancelled', booking, now, { by: change.by, ...(change.reason ? { reason: change.reason } : {}), ...(change.sessionCancelled ? { sessionCancelled: true } : {}) });
    // Changed meanwhile (moved, cancelled): read it again.
    if (!(await store.saveCancellation(booking, ours, { by: change.by, nowIso, ...(change.reason ? { reason: change.reason } : {}) }, email))) return TRY_AGAIN;
    return { ...booking, status: 'cancelled' as const, cancelledAt: nowIso, cancelledBy: change.by, sequence: booking.sequence + 1, ...(change.reason ? { cancelReason: change.reason } : {}) };
  });
}
