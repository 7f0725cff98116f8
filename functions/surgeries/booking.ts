/**
 * A council books a slot, without an account:
 *
 * - with the link in its invitation: the council is known from the link, and the booking is immediate;
 * - from the public page: the person chooses a slot and their council, and the slot is held for 30
 *   minutes (SURGERY_HOLD_MINUTES) while they confirm by the link emailed to them. A hold not confirmed
 *   in time lapses: every rule treats a lapsed hold as free at once, and the timer marks it released.
 *
 * This file picks what to try and explains refusals; the rules themselves are conditions in the
 * booking's transaction (store/bookings.ts), so they hold however many councils book at once.
 */
import { councilAreaName } from '../core/council-areas.js';
import { previousAnswer, rememberAnswer } from '../core/idempotency.js';
import { newId } from '../core/ids.js';
import { findManageLink } from '../core/manage-links.js';
import { count } from '../core/log.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { invalidField, Refusal, ServiceUnavailable } from '../core/refusal.js';
import { formatLondon, formatLondonTime } from '../core/time.js';
import { noSuchBooking } from './cancelling.js';
import { activeUpcoming, slotIsFree, type Booking, type BookingDetails, type Council, type Session, type Slot } from './model.js';
import { bookingEmail, CAPABILITY } from './notify.js';
import { noSuchSession } from './sessions.js';
import { surgerySettings } from './settings.js';
import * as bookings from './store/bookings.js';
import { getCouncil } from './store/councils.js';
import { getSession, getSlot } from './store/sessions.js';

const MAX_TRIES = 8;
const SCOPE = 'surgeries/book';

export type BookResult = { outcome: 'booked'; booking: Booking } | { outcome: 'repeated' };

export interface BookingRequest {
  sessionId: string;
  slotId: string;
  councilId: string;
  details: BookingDetails;
  via: Booking['via'];
}

/** Why a session cannot be booked now, or nothing when it can. */
export function sessionClosed(session: Session): Refusal | undefined {
  if (session.status === 'cancelled') return new Refusal('session_cancelled', `This surgery has been cancelled${session.cancelReason ? `: ${session.cancelReason}` : ''}`);
  if (session.status !== 'published') return new Refusal('session_not_open', 'This surgery session is not open for booking yet');
  return undefined;
}

/** Why this slot cannot be booked by anyone now, or nothing when it can. */
export function slotUnavailable(slot: Slot | undefined, now: Date): Refusal | undefined {
  if (!slot) return invalidField('slotId', 'Choose a slot from the list', 'slot_not_found');
  if (slot.sessionStatus === 'cancelled') return new Refusal('session_cancelled', 'This surgery has been cancelled');
  if (slot.sessionStatus !== 'published') return new Refusal('session_not_open', 'This surgery session is not open for booking yet');
  if (slot.startsAt <= now.toISOString()) {
    return new Refusal('slot_in_past', `The slot at ${formatLondonTime(slot.startsAt)} has already started: choose a later one`, { fields: [{ field: 'slotId', message: 'That slot has already started: choose a later one' }] });
  }
  if (!slotIsFree(slot, now)) {
    return new Refusal('slot_taken', `The slot at ${formatLondonTime(slot.startsAt)} has just been taken: choose another`, { fields: [{ field: 'slotId', message: 'That slot has just been taken: choose another' }] });
  }
  return undefined;
}

/** Why this council cannot book in this session, or nothing when it can. */
export function councilCannotBook(council: Council | undefined, session: Pick<Session, 'id' | 'districtCode'>, now: Date): Refusal | undefined {
  if (!council) return invalidField('councilId', 'Choose your council from the list', 'council_not_found');
  if (council.status !== 'active') return invalidField('councilId', `${council.name} is no longer on our list of councils: contact us if this is wrong`, 'council_retired');
  if (council.districtCode !== session.districtCode) {
    return invalidField('councilId', `${council.name} is in ${councilAreaName(council.districtCode)}: this surgery is for councils in ${councilAreaName(session.districtCode)}`, 'wrong_district');
  }
  const active = activeUpcoming(council, now);
  const here = active.find(([, e]) => e.sessionId === session.id);
  if (here) {
    return new Refusal('council_booked_in_session', `${council.name} already has a slot at this surgery, at ${formatLondonTime(here[1].startsAt)}. Use the link in your confirmation email to change it.`);
  }
  const limit = surgerySettings().bookingsPerCouncil;
  if (active.length >= limit) {
    const next = active.map(([, e]) => e.startsAt).sort()[0]!;
    return new Refusal(
      'council_booking_limit',
      `${council.name} already has ${limit === 1 ? 'an upcoming surgery booking' : `${limit} upcoming surgery bookings`} in ${councilAreaName(council.districtCode)} (${formatLondon(next)}). Cancel or change ${limit === 1 ? 'it' : 'one'} to book another.`,
    );
  }
  return undefined;
}

/** Books (or, from the public page, holds) a slot for a council: the rules are checked again inside DynamoDB. */
export async function bookSlot(request: BookingRequest, now: Date = new Date(), options: { hold?: boolean; submission?: string } = {}): Promise<BookResult> {
  const nowIso = now.toISOString();
  const session = await getSession(request.sessionId, { consistent: true });
  if (!session) throw noSuchSession();
  // The same form sent again (a double click, a refresh): answered as the first was, before the rules see its own booking.
  if (options.submission && (await previousAnswer(SCOPE, options.submission))) return { outcome: 'repeated' };
  const closed = sessionClosed(session);
  if (closed) throw closed;
  let [council, slot] = await Promise.all([getCouncil(request.councilId, { consistent: true }), getSlot(session.id, request.slotId)]);
  const cannot = councilCannotBook(council, session, now) ?? slotUnavailable(slot, now);
  if (cannot) throw cannot;
  await limitEmailsTo(request.details.email);
  const remember = options.submission ? [rememberAnswer(SCOPE, options.submission, { sessionId: session.id }, now)] : [];
  const holdUntil = options.hold ? new Date(now.getTime() + surgerySettings().holdMinutes * 60_000).toISOString() : undefined;

  let id = newId(now);
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const refusal = councilCannotBook(council, session, now) ?? slotUnavailable(slot, now);
    if (refusal) throw refusal;
    const booking: Booking = {
      id,
      sessionId: session.id,
      slotId: slot!.id,
      slotStartsAt: slot!.startsAt,
      slotEndsAt: slot!.endsAt,
      districtCode: session.districtCode,
      councilId: council!.id,
      councilName: council!.name,
      attendeeName: request.details.attendeeName,
      attendeeRole: request.details.attendeeRole,
      email: request.details.email,
      themes: request.details.themes,
      ...(request.details.otherTopics ? { otherTopics: request.details.otherTopics } : {}),
      ...(request.details.accessNeeds ? { accessNeeds: request.details.accessNeeds } : {}),
      status: holdUntil ? 'held' : 'confirmed',
      ...(holdUntil ? { holdUntil } : { confirmedAt: nowIso }),
      via: request.via,
      sequence: 0,
      createdAt: nowIso,
      outcomeVersion: 0,
    };
    const active = new Set(activeUpcoming(council!, now).map(([bookingId]) => bookingId));
    const stale = Object.keys(council!.upcoming).filter((bookingId) => !active.has(bookingId));
    const outcome = await bookings.saveNewBooking({
      booking,
      slot: slot!,
      council: council!,
      stale,
      email: bookingEmail(holdUntil ? 'hold' : 'confirmation', booking, now),
      nowIso,
      alsoWrite: remember,
    });
    if (outcome.ok) {
      count(holdUntil ? 'SurgerySlotsHeld' : 'SurgeryBookingsConfirmed');
      return { outcome: 'booked', booking };
    }
    switch (outcome.reason) {
      case 'repeated':
        return { outcome: 'repeated' };
      case 'guard':
        throw new Refusal('council_booked_in_session', `${council!.name} already has a slot at this surgery. Use the link in your confirmation email to change it.`);
      case 'slot':
        // Taken, blocked, cancelled or gone meanwhile: the refusal says which (or, if it is free again, try again).
        slot = outcome.slot ?? (await getSlot(session.id, request.slotId));
        break;
      case 'council':
        // The council's bookings (or its status) changed meanwhile: count again.
        council = outcome.council ?? (await getCouncil(request.councilId, { consistent: true }));
        break;
      case 'id-taken':
        id = newId(now);
        break;
    }
  }
  throw new ServiceUnavailable('Lots of councils are booking right now');
}

/** Confirms a hold by its booking id: once, and only before it lapses. */
export async function confirmHold(bookingId: string, now: Date = new Date()): Promise<Booking> {
  const nowIso = now.toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const booking = await bookings.getBooking(bookingId, { now });
    if (!booking) throw noSuchBooking();
    if (booking.status === 'confirmed') return booking;
    if (booking.status === 'cancelled') throw new Refusal('booking_cancelled', 'This booking has been cancelled');
    if (booking.status === 'released' || !booking.holdUntil || booking.holdUntil <= nowIso) throw holdLapsed();
    const outcome = await bookings.saveHoldConfirmed(booking, nowIso, bookingEmail('confirmation', booking, now));
    if (outcome.ok) {
      count('SurgeryBookingsConfirmed');
      return { ...booking, status: 'confirmed', confirmedAt: nowIso, holdUntil: undefined };
    }
    // Confirmed by a second click meanwhile, or lapsed and taken: read it again to say which.
  }
  throw holdLapsed();
}

export const holdLapsed = () =>
  new Refusal('hold_expired', 'The time to confirm this booking has passed and the slot has been released. Choose a slot again.', { kind: 'gone' });

/**
 * The booking a personal link stands for (`confirm` in a hold's email, `manage` in the others), while
 * the link is valid. Undefined for a wrong, expired or another capability's token.
 */
export async function bookingByLink(token: string, purpose: 'confirm' | 'manage', now: Date = new Date()): Promise<bookings.StoredBooking | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose }, now);
  const bookingId = link?.about['bookingId'];
  return bookingId ? bookings.getBooking(bookingId, { now }) : undefined;
}
