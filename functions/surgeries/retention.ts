/** How long surgeries keep personal data: the privacy notice lists these rules, the stores stamp them. */
import { expiryAfter, retentionRule } from '../core/retention.js';
import type { Booking } from './model.js';

export const bookingRetention = retentionRule({
  what: 'Bookings by parish and town councils for surgeries with the Deputy Commissioner, and the emails we send about them',
  data: 'the name and role of the person coming, the email address for the confirmation, the topics and access needs they tell us, and what staff note at the surgery',
  months: 12,
  after: 'the surgery (the booked slot)',
});

export const requestRetention = retentionRule({
  what: 'Requests to book a surgery made on our website that the council’s clerk did not confirm',
  data: 'the name and role of the person coming, the email address they gave, and the topics and access needs they told us',
  months: 1,
  after: 'the time to confirm the request ends',
});

export const clerkRetention = retentionRule({
  what: 'Contact details of parish and town council clerks, to invite their councils to surgeries',
  data: 'the clerk’s name and email address',
  months: 0,
  after: 'the council is retired from our list (or staff remove them)',
});

/** When a booking's personal data is due for deletion (epoch seconds): 12 months after its slot ends. */
export const bookingExpiry = (booking: Pick<Booking, 'slotEndsAt'>) => expiryAfter(bookingRetention, booking.slotEndsAt);

/** When an unconfirmed request's personal data is due for deletion: a month after its link stops working (confirmed, it becomes a booking and is kept as one). */
export const requestExpiry = (request: Pick<Booking, 'confirmBy'>) => expiryAfter(requestRetention, request.confirmBy!);
