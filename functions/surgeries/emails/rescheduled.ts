/** `rescheduled`: the booking moved (by the council or staff), with the invite that replaces the earlier one. */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondon } from '../../core/time.js';
import { bookingFacts, heading, invite, layout, manageLink, need, para, slotTimes, type BookingEmailContext } from './parts.js';

export function rescheduledEmail({ booking, session, link, now, data }: BookingEmailContext): EmailContent {
  const from = typeof data?.['from'] === 'string' ? data['from'] : undefined;
  return {
    ...layout(`Surgery moved: ${booking.councilName}, now ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
      para(`Your surgery booking has moved${from ? ` from ${formatLondon(from)}` : ''} to ${slotTimes(booking)}.`),
      bookingFacts(booking, session),
      para('The calendar invite attached replaces the earlier one.'),
      heading('If you need to change it again'),
      manageLink(need(link)),
    ]),
    calendar: invite({ booking, session, now }, 'REQUEST'),
  };
}
