/** `cancelled`: the booking is cancelled (as the council asked, or by staff with the reason), with the calendar's CANCEL. */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondon } from '../../core/time.js';
import { bookAnotherLink, bookingFacts, heading, invite, layout, para, slotTimes, type BookingEmailContext } from './parts.js';

export function cancelledEmail({ booking, session, now, data }: BookingEmailContext): EmailContent {
  const reason = typeof data?.['reason'] === 'string' ? data['reason'] : undefined;
  const byStaff = data?.['by'] === 'staff';
  return {
    ...layout(`Surgery cancelled: ${booking.councilName}, ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
      para(byStaff ? `We are sorry: we have had to cancel your surgery booking at ${slotTimes(booking)}.` : `Your surgery booking at ${slotTimes(booking)} has been cancelled, as you asked.`),
      ...(reason ? [heading('Why'), para(reason)] : []),
      bookingFacts(booking, session),
      para('The calendar invite attached removes it from your calendar.'),
      para(bookAnotherLink()),
    ]),
    calendar: invite({ booking, session, now }, 'CANCEL'),
  };
}
