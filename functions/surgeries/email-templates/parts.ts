/** What surgeries emails share beyond the platform's parts: the session's and booking's details, and the links. */
import { facts, personalLink, type Part } from '../../core/outbox/email-layout.js';
import { siteUrl } from '../../core/outbox/outbox.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { councilAreaName } from '../../core/council-areas.js';
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
