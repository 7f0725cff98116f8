/**
 * Asking for a slot from the public page, which anyone can reach: the person chooses a slot and their
 * council and says who is coming, and we email the council's clerk, at the address on file (never
 * one typed into the form), a link to confirm it. Nothing is reserved meanwhile: the request takes no
 * slot and no place in the council's count, so nobody can hold a session's slots, or block a council,
 * by asking in its name. When the clerk confirms, the booking is decided by DynamoDB's conditions at
 * that moment (booking.ts `writeBooking`): the first request confirmed wins, and the clerk is told
 * plainly if the slot went meanwhile, and may choose another.
 *
 * The answer to a request is the same whether or not the council already has a booking: only public
 * facts (the session, the slot, the list of councils) are ever refused on the public page; the clerk
 * learns the rest when confirming.
 */
import { newId } from '../core/ids.js';
import { count } from '../core/log.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { invalidField, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { councilNotListed, councilCannotBook, sessionClosed, slotUnavailable, writeBooking } from './booking.js';
import { noSuchBooking } from './cancelling.js';
import { bookableSlots, type Booking, type BookingDetails, type Council, type Session, type Slot } from './model.js';
import { requestEmail } from './notify.js';
import { noSuchSession } from './sessions.js';
import { surgerySettings } from './settings.js';
import * as bookings from './store/bookings.js';
import { getCouncil } from './store/councils.js';
import { getSession, getSlot, readSessionPartition } from './store/sessions.js';

export const requestLapsed = () =>
  new Refusal('request_lapsed', 'The time to confirm this request has passed, so nothing was booked. Ask for a slot again.', { kind: 'gone' });

/** Asks the council's clerk to confirm a slot for the council: reserves nothing. */
export async function requestSlot(
  request: { sessionId: string; slotId: string; councilId: string; details: BookingDetails },
  now: Date = new Date(),
): Promise<Booking> {
  const session = await getSession(request.sessionId, { consistent: true });
  if (!session) throw noSuchSession();
  const closed = sessionClosed(session);
  if (closed) throw closed;
  const [council, slot] = await Promise.all([getCouncil(request.councilId, { consistent: true }), getSlot(session.id, request.slotId)]);
  // Public facts only: never whether, or when, this or any council has booked.
  const refusal = councilNotListed(council, session) ?? slotUnavailable(slot, now);
  if (refusal) throw refusal;
  if (!council!.clerkEmail) {
    throw invalidField('councilId', `We do not have an email address for ${council!.name}, so we cannot ask its clerk to confirm: contact us to book`, 'council_without_address');
  }
  await limitEmailsTo(council!.clerkEmail);
  const confirmBy = new Date(Math.min(now.getTime() + surgerySettings().confirmHours * 3_600_000, Date.parse(slot!.startsAt))).toISOString();
  return settle(async () => {
    const asked = requested({ id: newId(now), session, council: council!, slot: slot!, details: request.details, confirmBy, now });
    // Its id taken (however unlikely): another.
    if (!(await bookings.saveRequest(asked, requestEmail(asked, now)))) return TRY_AGAIN;
    count('SurgerySlotsRequested');
    return asked;
  });
}

function requested(r: { id: string; session: Session; council: Council; slot: Slot; details: BookingDetails; confirmBy: string; now: Date }): Booking {
  return {
    id: r.id,
    sessionId: r.session.id,
    slotId: r.slot.id,
    slotStartsAt: r.slot.startsAt,
    slotEndsAt: r.slot.endsAt,
    districtCode: r.session.districtCode,
    councilId: r.council.id,
    councilName: r.council.name,
    attendeeName: r.details.attendeeName,
    attendeeRole: r.details.attendeeRole,
    email: r.details.email,
    themes: r.details.themes,
    ...(r.details.otherTopics ? { otherTopics: r.details.otherTopics } : {}),
    ...(r.details.accessNeeds ? { accessNeeds: r.details.accessNeeds } : {}),
    status: 'requested',
    confirmBy: r.confirmBy,
    via: 'public',
    sequence: 0,
    createdAt: r.now.toISOString(),
    outcomeVersion: 0,
  };
}

/**
 * The clerk confirms a request (by the link emailed to the council's address): it is booked now, if
 * the slot asked for (or `slotId`, another in the same session) is still free and the council can
 * book. Confirming twice gives the same booking.
 */
export async function confirmRequest(requestId: string, now: Date = new Date(), options: { slotId?: string } = {}): Promise<Booking> {
  return settle(async () => {
    const request = await bookings.getBooking(requestId, { now });
    if (!request) throw noSuchBooking();
    if (request.status === 'confirmed') return request;
    if (request.status === 'cancelled') throw new Refusal('booking_cancelled', 'This booking has been cancelled');
    if (!request.confirmBy || request.confirmBy <= now.toISOString()) throw requestLapsed();
    const session = await getSession(request.sessionId, { consistent: true });
    if (!session) throw noSuchSession();
    const closed = sessionClosed(session);
    if (closed) throw closed;
    const slotId = options.slotId ?? request.slotId;
    const [council, slot] = await Promise.all([getCouncil(request.councilId, { consistent: true }), getSlot(session.id, slotId)]);
    const booked = await writeBooking({
      session,
      council,
      slot,
      slotId,
      booking: { id: request.id, councilId: request.councilId, details: request, via: 'public', createdAt: request.createdAt },
      confirms: true,
      now,
    }).catch(async (error: unknown) => {
      // A second click may have booked it meanwhile: then the slot, the guard and the count are "taken" by this very booking.
      const again = error instanceof Refusal ? await bookings.getBooking(requestId, { now }) : undefined;
      if (again?.status === 'confirmed') return again;
      throw error;
    });
    // Confirmed by a second click meanwhile, or lapsed: read it again to say which.
    return booked ?? TRY_AGAIN;
  });
}

/** What the clerk sees before confirming: the session, the slots free now, and why it cannot be booked as asked (if so). */
export async function requestAsItStands(request: Booking, now: Date = new Date()): Promise<{ session?: Session; free: Slot[]; problem?: Refusal; slotGone: boolean }> {
  const [{ session, slots }, council] = await Promise.all([readSessionPartition(request.sessionId), getCouncil(request.councilId, { consistent: true })]);
  if (!session) return { free: [], slotGone: true };
  const free = bookableSlots(slots, now);
  const closed = sessionClosed(session) ?? councilCannotBook(council, session, now);
  if (closed) return { session, free, problem: closed, slotGone: false };
  const slotGone = !free.some((s) => s.id === request.slotId);
  return { session, free, slotGone, ...(slotGone && !free.length ? { problem: new Refusal('slot_taken', 'Every slot at this surgery has been booked since the request was made.') } : {}) };
}
