/** `confirmation`: the booking is made, with a calendar invite and the link to change or cancel it. */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondon } from '../../core/time.js';
import { bookingFacts, heading, invite, layout, manageLink, need, para, type BookingEmailContext } from './parts.js';

export function confirmationEmail({ booking, session, link, now }: BookingEmailContext): EmailContent {
  return {
    ...layout(`Surgery booked: ${booking.councilName}, ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
      para(`Your one-to-one surgery with the ${session.host} is booked${booking.via === 'staff' ? ', as you asked when you contacted us' : ''}.`),
      bookingFacts(booking, session),
      heading('What happens next'),
      para('We will email you a reminder 2 days before. A calendar invite is attached.'),
      heading('If you need to change it'),
      manageLink(need(link)),
    ]),
    calendar: invite({ booking, session, now }, 'REQUEST'),
  };
}
