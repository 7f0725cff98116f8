/** `session-changed`: staff changed the venue or details of a session the council is booked in (the time is the same). */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondon } from '../../core/time.js';
import { bookingFacts, heading, invite, layout, manageLink, need, para, slotTimes, type BookingEmailContext } from './parts.js';

export function sessionChangedEmail({ booking, session, link, now, data }: BookingEmailContext): EmailContent {
  const changes = Array.isArray(data?.['changes']) ? data['changes'].map(String) : [];
  return {
    ...layout(`Surgery details changed: ${booking.councilName}, ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
      para(`The details of your surgery at ${slotTimes(booking)} have changed. The time is the same.`),
      ...changes.map((c) => para(c)),
      bookingFacts(booking, session),
      para('The calendar invite attached replaces the earlier one.'),
      heading('If this no longer suits you'),
      manageLink(need(link)),
    ]),
    calendar: invite({ booking, session, now }, 'REQUEST'),
  };
}
