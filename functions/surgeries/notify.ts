/**
 * The emails surgeries send, as outbox items written in the same transaction as the change they tell
 * about (emails.ts says how each kind is rendered when the delivery function sends it).
 */
import { newOutboxEmail, type OutboxEmail } from '../core/outbox/outbox.js';
import { expiryAfter } from '../core/retention.js';
import type { Booking, Session } from './model.js';
import { bookingExpiry, bookingRetention, requestExpiry } from './retention.js';

export const CAPABILITY = 'surgeries';

export type BookingEmailKind = 'request' | 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder' | 'session-changed';
export type SurgeryEmailKind = BookingEmailKind | 'invitation';

/** An email about one booking; it expires with the booking's personal data. */
export function bookingEmail(kind: Exclude<BookingEmailKind, 'request'>, booking: Pick<Booking, 'id' | 'slotEndsAt'>, now: Date, data?: Record<string, unknown>): OutboxEmail {
  return newOutboxEmail({ capability: CAPABILITY, kind, about: { bookingId: booking.id }, ...(data ? { data } : {}), expiresAt: bookingExpiry(booking), now });
}

/** The email asking a council's clerk, at the address on file, to confirm a request; it expires with the request. */
export function requestEmail(request: Pick<Booking, 'id' | 'confirmBy'>, now: Date): OutboxEmail {
  return newOutboxEmail({ capability: CAPABILITY, kind: 'request', about: { bookingId: request.id }, expiresAt: requestExpiry(request), now });
}

/** A round of invitations to a session: fanned out to one email per council (the district, or those chosen). */
export function invitationNotice(session: Pick<Session, 'id' | 'endsAt'>, councilIds: readonly string[] | undefined, now: Date): OutboxEmail {
  return newOutboxEmail({
    capability: CAPABILITY,
    kind: 'invitation',
    about: { sessionId: session.id },
    fanOut: true,
    ...(councilIds ? { data: { councilIds: [...councilIds] } } : {}),
    expiresAt: expiryAfter(bookingRetention, session.endsAt),
    now,
  });
}

/** A change to a session's venue or details, fanned out to each council booked (with an updated calendar invite). */
export function sessionChangedNotice(session: Pick<Session, 'id' | 'endsAt'>, changes: string[], now: Date): OutboxEmail {
  return newOutboxEmail({
    capability: CAPABILITY,
    kind: 'session-changed',
    about: { sessionId: session.id },
    fanOut: true,
    data: { changes },
    expiresAt: expiryAfter(bookingRetention, session.endsAt),
    now,
  });
}
