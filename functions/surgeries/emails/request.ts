/** `request`: to the council's clerk, at the address on file, to confirm a slot someone asked for on the public page. */
import { personalLink } from '../../core/outbox/email-layout.js';
import type { EmailContent } from '../../core/outbox/kinds.js';
import { formatLondonFromNow } from '../../core/time.js';
import type { Council } from '../model.js';
import { bookingFacts, layout, need, para, slotTimes, type BookingEmailContext } from './parts.js';

/** To the council's clerk, at the address on file: someone asked for a slot for the council on the public page. */
export function requestEmail({ booking, session, council, now, link }: BookingEmailContext & { council: Council }): EmailContent {
  return layout(`Confirm a surgery booking for ${council.name}`, council.clerkName ?? `Clerk to ${council.name}`, [
    para(`Someone has asked on our website to book a one-to-one surgery with the ${session.host} for ${council.name}, at ${slotTimes(booking)}.`),
    para('It is not booked until you confirm it. The slot is not kept for you meanwhile: if another council books it first, you can choose another time when you confirm.'),
    bookingFacts(booking, session),
    para(`Once you confirm, we will send the confirmation, a calendar invite and a link to change or cancel the booking to ${booking.email}.`),
    personalLink(need(link), {
      lead: `Check the details, then confirm the booking by ${formatLondonFromNow(booking.confirmBy!, now)}:`,
      linkText: 'Confirm the booking',
      warning: 'Do not share this link: anyone with it can confirm the booking for your council.',
    }),
    para('If your council did not ask for this, you do not need to do anything: nothing has been booked.'),
  ]);
}
