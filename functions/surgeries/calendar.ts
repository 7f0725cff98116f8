/**
 * The calendar invite for a booking: one event per booking with a stable UID, so the confirmation
 * (REQUEST), each reschedule (REQUEST with a higher SEQUENCE) and a cancellation (CANCEL) all act on the
 * same entry in the person's calendar. Never carries a manage link: calendars are often shared.
 */
import { config } from '../core/config.js';
import { calendarUid, eventInvite, type InviteMethod } from '../core/outbox/calendar.js';
import { labelOf, venueKinds, type Booking, type Session } from './model.js';

export const bookingUid = (booking: Pick<Booking, 'id'>) => calendarUid(`surgery-booking-${booking.id}`);

export function bookingInvite(options: { booking: Booking; session: Session; method: InviteMethod; now?: Date }): string {
  const { booking, session, method } = options;
  const description = [
    `A one-to-one surgery for ${booking.councilName} with the ${session.host}.`,
    `Venue: ${labelOf(venueKinds, session.venueKind)}${session.stepFree ? ', step-free' : ''}.`,
    session.accessInformation ? `Access: ${session.accessInformation}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return eventInvite({
    uid: bookingUid(booking),
    sequence: booking.sequence,
    method,
    startsAt: booking.slotStartsAt,
    endsAt: booking.slotEndsAt,
    summary: `Surgery with the ${session.host}: ${booking.councilName}`,
    description,
    location: {
      title: session.venueName,
      address: session.venueAddress,
      ...(session.latitude !== undefined && session.longitude !== undefined ? { geo: { lat: session.latitude, lon: session.longitude } } : {}),
    },
    attendee: { name: booking.attendeeName, email: booking.email },
    product: 'Parish council surgeries',
    url: `${config().publicBaseUrl}/surgeries/sessions/${session.id}`,
    ...(options.now ? { now: options.now } : {}),
  });
}
