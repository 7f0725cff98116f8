/**
 * The words of every surgeries email, rendered at send time from current data. Everything people typed
 * is escaped in the HTML (core/outbox/html.ts), and times are in Europe/London.
 */
import type { EmailContent } from '../../core/outbox/kinds.js';
import { personalLink } from '../../core/outbox/email-layout.js';
import { councilAreaName } from '../../core/council-areas.js';
import { formatLondon, formatLondonFromNow, formatLondonTime } from '../../core/time.js';
import { bookingInvite } from '../calendar.js';
import type { Booking, Council, Session, Slot } from '../model.js';
import { bookAnotherLink, bookingFacts, heading, layout, manageLink, para, sessionFacts, slotTimes } from './parts.js';

export interface BookingEmailContext {
  booking: Booking;
  session: Session;
  now: Date;
  /** A freshly minted personal link, for the kinds that carry one. */
  link?: string;
  data?: Record<string, unknown>;
}

const need = (link: string | undefined) => {
  if (!link) throw new Error('This email needs its personal link');
  return link;
};

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

export function confirmationEmail({ booking, session, link, now }: BookingEmailContext): EmailContent {
  return {
    ...layout(`Surgery booked: ${booking.councilName}, ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
      para(`Your one-to-one surgery with the ${session.host} is booked.`),
      bookingFacts(booking, session),
      heading('What happens next'),
      para('We will email you a reminder 2 days before. A calendar invite is attached.'),
      heading('If you need to change it'),
      manageLink(need(link)),
    ]),
    calendar: { method: 'REQUEST', content: bookingInvite({ booking, session, method: 'REQUEST', now }), filename: 'surgery.ics' },
  };
}

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
    calendar: { method: 'REQUEST', content: bookingInvite({ booking, session, method: 'REQUEST', now }), filename: 'surgery.ics' },
  };
}

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
    calendar: { method: 'CANCEL', content: bookingInvite({ booking, session, method: 'CANCEL', now }), filename: 'surgery.ics' },
  };
}

export function reminderEmail({ booking, session, link }: BookingEmailContext): EmailContent {
  return layout(`Reminder: surgery on ${formatLondon(booking.slotStartsAt)}`, booking.attendeeName, [
    para(`This is a reminder of your one-to-one surgery with the ${session.host} in 2 days.`),
    bookingFacts(booking, session),
    heading('If you can no longer come'),
    manageLink(need(link)),
  ]);
}

export function invitationEmail(ctx: { session: Session; council: Council; freeSlots: Slot[]; link?: string }): EmailContent {
  const { session, council, freeSlots } = ctx;
  const district = councilAreaName(session.districtCode);
  return layout(`Invitation: surgery with the ${session.host} in ${district}`, council.clerkName ?? `Clerk to ${council.name}`, [
    para(`The ${session.host} is holding one-to-one surgeries for parish and town councils in ${district}, and would like to meet ${council.name}.`),
    para('A surgery is a chance to hear about the Commissioner’s role, raise your community’s concerns directly, and hear back about your council’s dealings with the police.'),
    sessionFacts(session),
    ...(freeSlots.length
      ? [para(`Free slots when we sent this: ${freeSlots.map((s) => formatLondonTime(s.startsAt)).join(', ')}.`)]
      : [para('Every slot is booked at the moment, but one may become free: use the link to see.')]),
    personalLink(need(ctx.link), {
      lead: `Book a slot for ${council.name}:`,
      linkText: 'Book a surgery slot',
      warning: `The link is for ${council.name} only and works until the surgery ends. Do not share it outside the council.`,
    }),
  ]);
}

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
    calendar: { method: 'REQUEST', content: bookingInvite({ booking, session, method: 'REQUEST', now }), filename: 'surgery.ics' },
  };
}
