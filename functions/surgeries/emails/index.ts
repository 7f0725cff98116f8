/**
 * Every email surgeries send, as the outbox delivers it: each kind reads the booking (or invitation) as
 * it is now, is skipped when no longer relevant (a reminder for a booking since cancelled or moved, a
 * request already confirmed or lapsed, news of a booking whose slot is already past), and carries a
 * freshly minted personal link where the person may still act. A request from the public page goes to
 * its council's clerk at the address on file, never to an address typed into the form. An invitation
 * round fans out to one email per council. Each kind's words are in its own file here (parts.ts has
 * what they share).
 */
import { emailKind, type CapabilityEmails, type EmailContent, type EmailKind, type FanOut } from '../../core/outbox/kinds.js';
import type { OutboxEmail } from '../../core/outbox/outbox.js';
import { bookableSlots, invitedInRound, type Booking, type Council, type Session, type Slot } from '../model.js';
import { CAPABILITY, type BookingEmailKind } from '../notify.js';
import { getBooking, getBookings, sequenceRaised } from '../store/bookings.js';
import { getCouncil, getCouncils, councilsInDistrict } from '../store/councils.js';
import { invitationRecorded } from '../store/invitations.js';
import { getSession, readSessionPartition } from '../store/sessions.js';
import { cancelledEmail } from './cancelled.js';
import { confirmationEmail } from './confirmation.js';
import { invitationEmail } from './invitation.js';
import type { BookingEmailContext } from './parts.js';
import { reminderEmail } from './reminder.js';
import { requestEmail } from './request.js';
import { rescheduledEmail } from './rescheduled.js';
import { sessionChangedEmail } from './session-changed.js';

interface BookingContext {
  booking: Booking;
  session: Session;
}

async function loadBooking(email: OutboxEmail, now: Date): Promise<BookingContext | undefined> {
  const booking = await getBooking(email.about['bookingId'] ?? '', { now });
  const session = booking && (await getSession(booking.sessionId, { consistent: true }));
  return booking && session ? { booking, session } : undefined;
}

type AboutABooking = Exclude<BookingEmailKind, 'request'>;

function stillRelevant(kind: AboutABooking, { booking }: BookingContext, email: OutboxEmail, now: Date): boolean {
  const nowIso = now.toISOString();
  switch (kind) {
    case 'confirmation':
      // Nobody needs "Surgery booked" for a slot already past (a booking recorded after the event, or an email delayed that long).
      return booking.status === 'confirmed' && nowIso < booking.slotStartsAt;
    case 'rescheduled':
      // A later move supersedes this one (its own email carries the newer time).
      return booking.status === 'confirmed' && booking.sequence === email.data?.['sequence'] && nowIso < booking.slotStartsAt;
    case 'cancelled':
      return booking.status === 'cancelled';
    case 'reminder':
      return booking.status === 'confirmed' && booking.reminderFor === booking.slotStartsAt && nowIso < booking.slotStartsAt;
    case 'session-changed':
      return booking.status === 'confirmed' && booking.sessionId === email.about['sessionId'] && nowIso < booking.slotStartsAt;
  }
}

const RENDER: Record<AboutABooking, (ctx: BookingEmailContext) => EmailContent> = {
  confirmation: confirmationEmail,
  rescheduled: rescheduledEmail,
  cancelled: cancelledEmail,
  reminder: reminderEmail,
  'session-changed': sessionChangedEmail,
};

function bookingKind(kind: AboutABooking): EmailKind<BookingContext> {
  return emailKind<BookingContext>({
    load: loadBooking,
    stillRelevant: (ctx, email, now) => stillRelevant(kind, ctx, email, now),
    to: (ctx) => ctx.booking.email,
    ...(kind === 'cancelled'
      ? {}
      : { manageLink: ({ booking }) => ({ purpose: 'manage', about: { bookingId: booking.id }, validUntil: booking.slotStartsAt, path: '/surgeries/manage' }) }),
    render: ({ booking, session }, email, { now, manageUrl }) =>
      RENDER[kind]({ booking, session, now, ...(manageUrl ? { link: manageUrl } : {}), ...(email.data ? { data: email.data } : {}) }),
  });
}

/** A request to confirm goes to the council's clerk, at the address on file when it is sent, while the request still waits. */
const request = emailKind<BookingContext & { council: Council }>({
  async load(email, now) {
    const found = await loadBooking(email, now);
    const council = found && (await getCouncil(found.booking.councilId, { consistent: true }));
    return found && council ? { ...found, council } : undefined;
  },
  stillRelevant: ({ booking, council }, _email, now) =>
    booking.status === 'requested' && (booking.confirmBy ?? '') > now.toISOString() && council.status === 'active' && Boolean(council.clerkEmail),
  to: ({ council }) => council.clerkEmail!,
  manageLink: ({ booking }) => ({ purpose: 'confirm', about: { bookingId: booking.id }, validUntil: booking.confirmBy!, path: '/surgeries/confirm' }),
  render: (ctx, _email, { now, manageUrl }) => requestEmail({ ...ctx, now, ...(manageUrl ? { link: manageUrl } : {}) }),
});

interface InvitationContext {
  session: Session;
  council: Council;
  freeSlots: Slot[];
}

const invitation = emailKind<InvitationContext>({
  async load(email, now) {
    const [{ session, slots }, council] = await Promise.all([readSessionPartition(email.about['sessionId'] ?? ''), getCouncil(email.about['councilId'] ?? '', { consistent: true })]);
    if (!session || !council) return undefined;
    return { session, council, freeSlots: bookableSlots(slots, now) };
  },
  stillRelevant: ({ session, council }, _email, now) =>
    session.status === 'published' && session.endsAt > now.toISOString() && council.status === 'active' && Boolean(council.clerkEmail) && council.districtCode === session.districtCode,
  to: ({ council }) => council.clerkEmail!,
  manageLink: ({ session, council }) => ({ purpose: 'book', about: { sessionId: session.id, councilId: council.id }, validUntil: session.endsAt, path: '/surgeries/invitation' }),
  render: (ctx, _email, { manageUrl }) => invitationEmail({ ...ctx, ...(manageUrl ? { link: manageUrl } : {}) }),
});

/** A round of invitations goes to each council chosen (or every council of the district not already booked in its programme) with a clerk's address. */
const councilsInvited: FanOut = {
  async recipients(notice, now) {
    const session = await getSession(notice.about['sessionId'] ?? '', { consistent: true });
    if (!session || session.status !== 'published') return [];
    const chosen = notice.data?.['councilIds'];
    const councils = Array.isArray(chosen) ? [...(await getCouncils(chosen.map(String))).values()] : await councilsInDistrict(session.districtCode);
    return councils
      .filter((c) => invitedInRound(c, session, Array.isArray(chosen) ? 'chosen' : 'district', now))
      .map((c) => ({
        key: c.id,
        about: { sessionId: session.id, councilId: c.id },
        alsoWrite: invitationRecorded(session.id, c.id, `${notice.id}-${c.id}`, now.toISOString()),
      }));
  },
};

/** A change to a session goes to each council booked in it, its calendar SEQUENCE raised with its email. */
const councilsBooked: FanOut = {
  async recipients(notice, now) {
    const sessionId = notice.about['sessionId'] ?? '';
    const { slots } = await readSessionPartition(sessionId);
    const booked = await getBookings(slots.flatMap((s) => (s.bookingId ? [s.bookingId] : [])), now);
    return [...booked.values()]
      .filter((b) => b.status === 'confirmed' && b.sessionId === sessionId)
      .map((b) => ({
        key: b.id,
        about: { bookingId: b.id, sessionId },
        alsoWrite: [sequenceRaised(b.id, sessionId, { id: `${notice.id}-${b.id}`, kind: notice.kind, createdAt: now.toISOString() })],
      }));
  },
};

const BOOKING_KINDS: readonly AboutABooking[] = ['confirmation', 'rescheduled', 'cancelled', 'reminder', 'session-changed'];

export const emails: CapabilityEmails = {
  capability: CAPABILITY,
  kinds: { ...Object.fromEntries(BOOKING_KINDS.map((k) => [k, bookingKind(k)])), request, invitation },
  fanOut: { invitation: councilsInvited, 'session-changed': councilsBooked },
};
