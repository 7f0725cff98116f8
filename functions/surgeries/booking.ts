/**
 * A council books a slot, without an account:
 *
 * - with the link in its invitation (emailed to its clerk): the council is known from the link, and
 *   the booking is made at once;
 * - from the public page: the person asks for a slot for their council, and the council's clerk, at
 *   the address on file, confirms it by an emailed link (requests.ts). Only then is the slot booked;
 * - by staff, for a council that phones: booked at once, under the same rules, and the person named is
 *   emailed the confirmation as if they had booked (manage link and calendar invite).
 *
 * This file holds the rules and the one way a booking is written; the rules themselves are conditions
 * in the booking's transaction (store/bookings.ts), so they hold however many councils book at once.
 */
import { councilAreaName } from '../core/council-areas.js';
import { newId } from '../core/ids.js';
import { findManageLink } from '../core/manage-links.js';
import { count } from '../core/log.js';
import { limitEmailsTo } from '../core/rate-limits.js';
import { invalidField, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { formatLondon, formatLondonTime } from '../core/time.js';
import { activeUpcoming, slotIsFree, type Booking, type BookingDetails, type Council, type Session, type Slot, type StaffBookingInput } from './model.js';
import { bookingEmail, CAPABILITY } from './notify.js';
import { noSuchSession } from './sessions.js';
import { surgerySettings } from './settings.js';
import * as bookings from './store/bookings.js';
import { getCouncil } from './store/councils.js';
import { getSlot, readBookingParts } from './store/sessions.js';

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

/** Why this slot cannot be booked by anyone now, or nothing when it can. Says nothing of who has it. */
export function slotUnavailable(slot: Slot | undefined, now: Date): Refusal | undefined {
  if (!slot) return invalidField('slotId', 'Choose a slot from the list', 'slot_not_found');
  if (slot.sessionStatus === 'cancelled') return new Refusal('session_cancelled', 'This surgery has been cancelled');
  if (slot.sessionStatus !== 'published') return new Refusal('session_not_open', 'This surgery session is not open for booking yet');
  if (slot.startsAt <= now.toISOString()) {
    return new Refusal('slot_in_past', `The slot at ${formatLondonTime(slot.startsAt)} has already started: choose a later one`, { fields: [{ field: 'slotId', message: 'That slot has already started: choose a later one' }] });
  }
  if (!slotIsFree(slot)) {
    return new Refusal('slot_taken', `The slot at ${formatLondonTime(slot.startsAt)} has been booked: choose another`, { fields: [{ field: 'slotId', message: 'That slot has been booked: choose another' }] });
  }
  return undefined;
}

/** Why this council is not one that can book this session (unknown, retired, another district), or nothing. Public facts only. */
export function councilNotListed(council: Council | undefined, session: Pick<Session, 'districtCode'>): Refusal | undefined {
  if (!council) return invalidField('councilId', 'Choose your council from the list', 'council_not_found');
  if (council.status !== 'active') return invalidField('councilId', `${council.name} is no longer on our list of councils: contact us if this is wrong`, 'council_retired');
  if (council.districtCode !== session.districtCode) {
    return invalidField('councilId', `${council.name} is in ${councilAreaName(council.districtCode)}: this surgery is for councils in ${councilAreaName(session.districtCode)}`, 'wrong_district');
  }
  return undefined;
}

/**
 * Why this council cannot book in this session, or nothing when it can. Its bookings are named, so
 * only someone who speaks for the council may hear this (its invitation link, its clerk confirming).
 */
export function councilCannotBook(council: Council | undefined, session: Pick<Session, 'id' | 'districtCode'>, now: Date): Refusal | undefined {
  const notListed = councilNotListed(council, session);
  if (notListed || !council) return notListed;
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

/**
 * Books a slot at once for a council known from its invitation link: the rules are checked again inside
 * DynamoDB. The session, council and slot are read together (strongly consistent), unless the caller
 * has just read them so (an invitation is read with its session and council, and the slot asked for).
 */
export async function bookSlot(request: BookingRequest, now: Date = new Date(), known: { session: Session; council: Council; slot?: Slot } | undefined = undefined): Promise<Booking> {
  const { session, council, slot } = known
    ? { ...known, slot: known.slot?.id === request.slotId ? known.slot : await getSlot(request.sessionId, request.slotId) }
    : await readBookingParts(request.sessionId, { slotId: request.slotId, councilId: request.councilId });
  if (!session) throw noSuchSession();
  const closed = sessionClosed(session);
  if (closed) throw closed;
  const cannot = councilCannotBook(council, session, now) ?? slotUnavailable(slot, now);
  if (cannot) throw cannot;
  await limitEmailsTo(request.details.email);
  const booked = await writeBooking({
    session,
    council,
    slot,
    slotId: request.slotId,
    booking: { id: newId(now), councilId: request.councilId, details: request.details, via: request.via, createdAt: now.toISOString() },
    now,
  });
  // A new booking confirms no request, so it is written or refused, never "no longer waiting".
  return booked!;
}

/** Staff book a slot for a council that phoned: the same rules and the same confirmation email as an invitation's booking. */
export function bookForCouncil(sessionId: string, input: StaffBookingInput, now: Date = new Date()): Promise<Booking> {
  const { slotId, councilId, ...details } = input;
  return bookSlot({ sessionId, slotId, councilId, details, via: 'staff' }, now);
}

/** A confirmed booking of `slot` for `council`, as it is written. */
function confirmedBooking(plan: WritePlan, id: string, council: Council, slot: Slot): Booking {
  const { details } = plan.booking;
  return {
    id,
    sessionId: plan.session.id,
    slotId: slot.id,
    slotStartsAt: slot.startsAt,
    slotEndsAt: slot.endsAt,
    districtCode: plan.session.districtCode,
    councilId: council.id,
    councilName: council.name,
    attendeeName: details.attendeeName,
    attendeeRole: details.attendeeRole,
    email: details.email,
    themes: details.themes,
    ...(details.otherTopics ? { otherTopics: details.otherTopics } : {}),
    ...(details.accessNeeds ? { accessNeeds: details.accessNeeds } : {}),
    status: 'confirmed',
    confirmedAt: plan.now.toISOString(),
    via: plan.booking.via,
    sequence: 0,
    createdAt: plan.booking.createdAt,
    outcomeVersion: 0,
  };
}

interface WritePlan {
  session: Session;
  council: Council | undefined;
  slot: Slot | undefined;
  slotId: string;
  booking: { id: string; councilId: string; details: BookingDetails; via: Booking['via']; createdAt: string };
  /** The booking replaces the waiting request with its id, only while that still waits. */
  confirms?: boolean;
  now: Date;
}

/**
 * Writes a confirmed booking: slot, guard, council count, booking, counter and email in one transaction,
 * reading again and deciding again (core's `settle`) when something it counted on changed meanwhile.
 * With `confirms`, undefined when the request it would replace no longer waits (confirmed or lapsed
 * meanwhile: its caller reads it again to say which).
 */
export async function writeBooking(plan: WritePlan): Promise<Booking | undefined> {
  const { session, now } = plan;
  let { council, slot } = plan;
  let id = plan.booking.id;
  const refusal = () => councilCannotBook(council, session, now) ?? slotUnavailable(slot, now);
  return settle(async () => {
    const refused = refusal();
    if (refused) throw refused;
    const booking = confirmedBooking(plan, id, council!, slot!);
    const active = new Set(activeUpcoming(council!, now).map(([bookingId]) => bookingId));
    const outcome = await bookings.saveNewBooking({
      booking,
      slot: slot!,
      council: council!,
      stale: Object.keys(council!.upcoming).filter((bookingId) => !active.has(bookingId)),
      email: bookingEmail('confirmation', booking, now),
      nowIso: now.toISOString(),
      ...(plan.confirms ? { confirmsRequest: true } : {}),
    });
    if (outcome.ok) {
      count('SurgeryBookingsConfirmed');
      return booking;
    }
    switch (outcome.reason) {
      case 'guard':
        throw new Refusal('council_booked_in_session', `${council!.name} already has a slot at this surgery. Use the link in your confirmation email to change it.`);
      case 'slot':
        // Taken, blocked, cancelled or gone meanwhile: the refusal says which (or, if it is free again, try again).
        slot = outcome.slot ?? (await getSlot(session.id, plan.slotId));
        break;
      case 'council':
        // The council's bookings (or its status) changed meanwhile: count again.
        council = outcome.council ?? (await getCouncil(plan.booking.councilId, { consistent: true }));
        break;
      case 'booking':
        if (plan.confirms) return undefined;
        id = newId(now); // a new booking's id was taken: another
        break;
    }
    const refusedNow = refusal();
    if (refusedNow) throw refusedNow;
    return TRY_AGAIN;
  });
}

/**
 * The booking a personal link stands for (`confirm` in a request's email to the clerk, `manage` in the
 * others), while the link is valid. Undefined for a wrong, expired or another capability's token.
 */
export async function bookingByLink(token: string, purpose: 'confirm' | 'manage', now: Date = new Date()): Promise<bookings.StoredBooking | undefined> {
  const link = await findManageLink(token, { capability: CAPABILITY, purpose }, now);
  const bookingId = link?.about['bookingId'];
  return bookingId ? bookings.getBooking(bookingId, { now }) : undefined;
}
