/** `reminder`: two days before the booked slot. */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondon } from '../../core/time.js';
import { bookingFacts, heading, layout, manageLink, need, para, type BookingEmailContext } from './parts.js';

export function reminderEmail({ booking, session, link }: BookingEmailContext): EmailContent {
  return layout(`Reminder: surgery on ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
    para(`This is a reminder of your one-to-one surgery with the ${session.host} in 2 days.`),
    bookingFacts(booking, session),
    heading('If you can no longer come'),
    manageLink(need(link)),
  ]);
}
