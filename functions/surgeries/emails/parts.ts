/**
 * What surgeries emails share beyond the platform's parts: what each kind is rendered from, the
 * session's and booking's details, and the links. The words of each kind are in its own file, rendered
 * at send time from current data; everything people typed is escaped in the HTML (core/outbox/html.ts),
 * and times are in Europe/London.
 */
import { facts, personalLink, type Part } from '../../core/outbox/email-layout.js';
import { siteUrl } from '../../core/outbox/outbox.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { councilAreaName } from '../../core/council-areas.js';
import { bookingInvite } from '../calendar.js';
import { attendeeRoles, labelOf, venueKinds, type Booking, type Session } from '../model.js';

export { heading, layout, para, type Part } from '../../core/outbox/email-layout.js';

/** "Thursday 3 December 2026, 10am to 10:30am". */
export const slotTimes = (b: Pick<Booking, 'slotStartsAt' | 'slotEndsAt'>) => `${formatLondon(b.slotStartsAt)} to ${formatLondonTime(b.slotEndsAt)}`;

export const sessionTimes = (s: Pick<Session, 'startsAt' | 'endsAt'>) => `${formatLondonDate(s.startsAt)}, ${formatLondonTime(s.startsAt)} to ${formatLondonTime(s.endsAt)}`;

const where = (s: Session) => `${s.venueName}, ${s.venueAddress}`;
const venue = (s: Session) => `${labelOf(venueKinds, s.venueKind)}${s.stepFree ? ', step-free access' : ', not step-free'}`;

export function bookingFacts(booking: Booking, session: Session): Part {
  const topics = [...booking.themes.map(themeLabel), ...(booking.otherTopics ? [booking.otherTopics] : [])];
  return facts([
    ['Council', booking.councilName],
    ['When', slotTimes(booking)],
    ['Where', where(session)],
    ['Venue', venue(session)],
    ['With', `The ${session.host}`],
    ['Who is coming', `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()})`],
    ...(topics.length ? ([['Topics', topics.join('; ')]] as const) : []),
    ...(booking.accessNeeds ? ([['Access needs', booking.accessNeeds]] as const) : []),
    ...(session.accessInformation ? ([['Access', session.accessInformation]] as const) : []),
  ]);
}

export function sessionFacts(session: Session): Part {
  return facts([
    ['District', councilAreaName(session.districtCode)],
    ['When', sessionTimes(session)],
    ['Where', where(session)],
    ['Venue', venue(session)],
    ['With', `The ${session.host}`],
    ['Slots', `${session.slotMinutes} minutes each`],
    ...(session.accessInformation ? ([['Access', session.accessInformation]] as const) : []),
  ]);
}

export const manageLink = (url: string) =>
  personalLink(url, {
    lead: 'To move your slot to another time, or cancel it:',
    linkText: 'Change or cancel your booking',
    warning: 'The link works until your slot starts. Do not share it: anyone with it can change your booking.',
  });

export const bookAnotherLink = () => `To book another surgery, visit ${siteUrl('/surgeries')}`;

export interface BookingEmailContext {
  booking: Booking;
  session: Session;
  now: Date;
  /** A freshly minted personal link, for the kinds that carry one. */
  link?: string;
  data?: Record<string, unknown>;
}

/** The personal link a kind carries (minted when it is sent). */
export const need = (link: string | undefined) => {
  if (!link) throw new Error('This email needs its personal link');
  return link;
};

/** The calendar invite attached to a booking's email: the same event each time, a higher SEQUENCE on each change. */
export const invite = (ctx: Pick<BookingEmailContext, 'booking' | 'session' | 'now'>, method: 'REQUEST' | 'CANCEL') => ({
  method,
  content: bookingInvite({ ...ctx, method }),
  filename: 'surgery.ics',
});
