/** How long surgeries keep personal data: the privacy notice lists these rules, the stores stamp them. */
import { expiryAfter, retentionRule } from '../core/retention.js';
import type { Booking } from './model.js';

export const bookingRetention = retentionRule({
  what: 'Bookings by parish and town councils for surgeries with the Deputy Commissioner, and the emails we send about them',
  data: 'the name and role of the person coming, the email address for the confirmation, the topics and access needs they tell us, and what staff note at the surgery',
  months: 12,
  after: 'the surgery (the booked slot)',
});

export const clerkRetention = retentionRule({
  what: 'Contact details of parish and town council clerks, to invite their councils to surgeries',
  data: 'the clerk’s name and email address',
  months: 0,
  after: 'the council is retired from our list (or staff remove them)',
});

/** When a booking's personal data is due for deletion (epoch seconds): 12 months after its slot ends. */
export const bookingExpiry = (booking: Pick<Booking, 'slotEndsAt'>) => expiryAfter(bookingRetention, booking.slotEndsAt);
