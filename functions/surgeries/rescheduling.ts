/**
 * Moving a booking to another slot (in the same session or another of its district's programme), by
 * the council from its manage link or by staff. One transaction frees the old slot and takes the new,
 * so the booking ends with exactly one of the two, never both or neither. The council gets the new
 * time with an updated calendar invite (the same UID, a higher SEQUENCE).
 */
import { councilAreaName } from '../core/council-areas.js';
import { count } from '../core/log.js';
import { invalidField, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { formatLondon } from '../core/time.js';
import { sessionClosed, slotUnavailable } from './booking.js';
import { noSuchBooking } from './cancelling.js';
import { bookableSlots, type Booking, type RescheduleInput, type Session, type Slot } from './model.js';
import { bookingEmail } from './notify.js';
import * as bookings from './store/bookings.js';
import { upcomingSessions } from './sessions.js';
import { getSlot, readBookingParts, readSessionPartition } from './store/sessions.js';

/**
 * Moves the booking (its id, or the booking as just read, strongly consistent, by the caller: then the
 * first try decides on that, and a try after a change reads it again).
 */
export async function rescheduleBooking(which: string | Booking, target: RescheduleInput, now: Date = new Date()): Promise<Booking> {
  const nowIso = now.toISOString();
  const bookingId = typeof which === 'string' ? which : which.id;
  let seen = typeof which === 'string' ? undefined : which;
  return settle(async () => {
    const booking = seen ?? (await bookings.getBooking(bookingId, { now }));
    seen = undefined;
    if (!booking) throw noSuchBooking();
    if (booking.status === 'cancelled') throw new Refusal('booking_cancelled', 'This booking has been cancelled, so it cannot be moved: book a new slot instead');
    if (booking.status !== 'confirmed') throw new Refusal('booking_not_confirmed', 'Only a confirmed booking can be moved');
    if (booking.slotStartsAt <= nowIso) throw new Refusal('surgery_started', 'This surgery slot has already started, so the booking can no longer be moved');
    if (target.fromSlotId && target.fromSlotId !== booking.slotId) {
      throw new Refusal('booking_changed', `This booking was moved meanwhile: it is now at ${formatLondon(booking.slotStartsAt)}. Check it and choose again.`);
    }
    if (target.sessionId === booking.sessionId && target.slotId === booking.slotId) throw invalidField('slotId', 'This is the slot already booked: choose a different one', 'same_slot');
    // The session, the slot and (for another session) the council's guard there, read together.
    const { session, slot, guard } = await readBookingParts(target.sessionId, {
      slotId: target.slotId,
      ...(target.sessionId !== booking.sessionId ? { guardOf: booking.councilId } : {}),
    });
    if (!session) throw invalidField('sessionId', 'Choose a surgery from the list', 'session_not_found');
    const closed = sessionClosed(session);
    if (closed) throw closed;
    if (session.districtCode !== booking.districtCode) {
      throw invalidField('slotId', `That surgery is for councils in ${councilAreaName(session.districtCode)}: choose one in ${councilAreaName(booking.districtCode)}`, 'wrong_district');
    }
    const unavailable = slotUnavailable(slot, now);
    if (unavailable) throw unavailable;
    if (guard) throw new Refusal('council_booked_in_session', `${booking.councilName} already has a slot at the surgery on ${formatLondon(session.startsAt)}`);
    const email = bookingEmail('rescheduled', booking, now, { from: booking.slotStartsAt, sequence: booking.sequence + 1 });
    const outcome = await bookings.saveReschedule(booking, { session, slot: slot! }, nowIso, email);
    if (outcome.ok) {
      count('SurgeryBookingsRescheduled');
      return { ...booking, sessionId: session.id, slotId: slot!.id, slotStartsAt: slot!.startsAt, slotEndsAt: slot!.endsAt, sequence: booking.sequence + 1, rescheduledAt: nowIso, reminderFor: undefined };
    }
    if (outcome.reason === 'slot') {
      const refusal = slotUnavailable(outcome.slot ?? (await getSlot(session.id, target.slotId)), now);
      if (refusal) throw refusal;
    } else if (outcome.reason === 'guard') {
      throw new Refusal('council_booked_in_session', `${booking.councilName} already has a slot at the surgery on ${formatLondon(session.startsAt)}`);
    }
    // The booking changed meanwhile (moved or cancelled by someone else): read it again.
    return TRY_AGAIN;
  });
}

/** Where a booking could move now: free slots in its session and the district's other published sessions where its council has no slot. */
export async function placesToMoveTo(booking: Booking, now: Date = new Date()): Promise<Array<{ session: Session; slot: Slot }>> {
  const sessions = await upcomingSessions({ districtCode: booking.districtCode, now, publishedOnly: true });
  const partitions = await Promise.all(sessions.map((s) => readSessionPartition(s.id)));
  return partitions.flatMap(({ session, slots, guards }) => {
    if (!session) return [];
    if (session.id !== booking.sessionId && guards.has(booking.councilId)) return [];
    return bookableSlots(slots, now)
      .filter((s) => s.id !== booking.slotId)
      .map((slot) => ({ session, slot }));
  });
}
