/**
 * Every email surgeries send, as the outbox delivers it: each kind reads the booking (or invitation) as
 * it is now, is skipped when no longer relevant (a reminder for a booking since cancelled or moved, a
 * confirmation link for a hold that lapsed, news of a booking whose slot is already past), and carries
 * a freshly minted personal link where the person may still act. An invitation round fans out to one
 * email per council.
 */
import { emailKind, type CapabilityEmails, type EmailKind, type FanOut } from '../core/outbox/kinds.js';
import type { OutboxEmail } from '../core/outbox/outbox.js';
import {
  cancelledEmail,
  confirmationEmail,
  holdEmail,
  invitationEmail,
  reminderEmail,
  rescheduledEmail,
  sessionChangedEmail,
  type BookingEmailContext,
} from './email-templates/index.js';
import { slotIsFree, type Booking, type Council, type Session, type Slot } from './model.js';
import { CAPABILITY, type BookingEmailKind } from './notify.js';
import { getBooking, getBookings, sequenceRaised } from './store/bookings.js';
import { getCouncil, getCouncils, councilsInDistrict } from './store/councils.js';
import { invitationRecorded } from './store/invitations.js';
import { getSession, readSessionPartition } from './store/sessions.js';

interface BookingContext {
  booking: Booking;
  session: Session;
}

async function loadBooking(email: OutboxEmail, now: Date): Promise<BookingContext | undefined> {
  const booking = await getBooking(email.about['bookingId'] ?? '', { now });
  const session = booking && (await getSession(booking.sessionId, { consistent: true }));
  return booking && session ? { booking, session } : undefined;
}

function stillRelevant(kind: BookingEmailKind, { booking }: BookingContext, email: OutboxEmail, now: Date): boolean {
  const nowIso = now.toISOString();
  switch (kind) {
    case 'hold':
      return booking.status === 'held' && (booking.holdUntil ?? '') > nowIso;
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

const RENDER: Record<BookingEmailKind, (ctx: BookingEmailContext) => ReturnType<typeof holdEmail>> = {
  hold: holdEmail,
  confirmation: confirmationEmail,
  rescheduled: rescheduledEmail,
  cancelled: cancelledEmail,
  reminder: reminderEmail,
  'session-changed': sessionChangedEmail,
};

function bookingKind(kind: BookingEmailKind): EmailKind<BookingContext> {
  return emailKind<BookingContext>({
    load: loadBooking,
    stillRelevant: (ctx, email, now) => stillRelevant(kind, ctx, email, now),
    to: (ctx) => ctx.booking.email,
    ...(kind === 'hold'
      ? { manageLink: ({ booking }) => ({ purpose: 'confirm', about: { bookingId: booking.id }, validUntil: booking.holdUntil!, path: '/surgeries/confirm' }) }
      : kind === 'cancelled'
        ? {}
        : { manageLink: ({ booking }) => ({ purpose: 'manage', about: { bookingId: booking.id }, validUntil: booking.slotStartsAt, path: '/surgeries/manage' }) }),
    render: ({ booking, session }, email, { now, manageUrl }) =>
      RENDER[kind]({ booking, session, now, ...(manageUrl ? { link: manageUrl } : {}), ...(email.data ? { data: email.data } : {}) }),
  });
}

interface InvitationContext {
  session: Session;
  council: Council;
  freeSlots: Slot[];
}

const invitation = emailKind<InvitationContext>({
  async load(email, now) {
    const [{ session, slots }, council] = await Promise.all([readSessionPartition(email.about['sessionId'] ?? ''), getCouncil(email.about['councilId'] ?? '', { consistent: true })]);
    if (!session || !council) return undefined;
    return { session, council, freeSlots: slots.filter((s) => s.startsAt > now.toISOString() && slotIsFree(s, now)) };
  },
  stillRelevant: ({ session, council }, _email, now) =>
    session.status === 'published' && session.endsAt > now.toISOString() && council.status === 'active' && Boolean(council.clerkEmail) && council.districtCode === session.districtCode,
  to: ({ council }) => council.clerkEmail!,
  manageLink: ({ session, council }) => ({ purpose: 'book', about: { sessionId: session.id, councilId: council.id }, validUntil: session.endsAt, path: '/surgeries/invitation' }),
  render: (ctx, _email, { manageUrl }) => invitationEmail({ ...ctx, ...(manageUrl ? { link: manageUrl } : {}) }),
});

/** A round of invitations goes to each council chosen (or every council of the district) with a clerk's address. */
const councilsInvited: FanOut = {
  async recipients(notice, now) {
    const session = await getSession(notice.about['sessionId'] ?? '', { consistent: true });
    if (!session || session.status !== 'published') return [];
    const chosen = notice.data?.['councilIds'];
    const councils = Array.isArray(chosen) ? [...(await getCouncils(chosen.map(String))).values()] : await councilsInDistrict(session.districtCode);
    return councils
      .filter((c) => c.status === 'active' && c.clerkEmail && c.districtCode === session.districtCode)
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
    const booked = await getBookings(slots.flatMap((s) => (s.bookingId && !s.holdUntil ? [s.bookingId] : [])), now);
    return [...booked.values()]
      .filter((b) => b.status === 'confirmed' && b.sessionId === sessionId)
      .map((b) => ({
        key: b.id,
        about: { bookingId: b.id, sessionId },
        alsoWrite: [sequenceRaised(b.id, sessionId, { id: `${notice.id}-${b.id}`, kind: notice.kind, createdAt: now.toISOString() })],
      }));
  },
};

const BOOKING_KINDS: readonly BookingEmailKind[] = ['hold', 'confirmation', 'rescheduled', 'cancelled', 'reminder', 'session-changed'];

export const emails: CapabilityEmails = {
  capability: CAPABILITY,
  kinds: { ...Object.fromEntries(BOOKING_KINDS.map((k) => [k, bookingKind(k)])), invitation },
  fanOut: { invitation: councilsInvited, 'session-changed': councilsBooked },
};
