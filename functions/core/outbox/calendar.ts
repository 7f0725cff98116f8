/**
 * Calendar invites (iCalendar, RFC 5545, built by ical-generator) for any capability's emails. One
 * event per booking with a stable UID, so a later update (REQUEST with a higher SEQUENCE) or a
 * cancellation (CANCEL) replaces the same entry in the person's calendar. Times are written as
 * Europe/London wall-clock time with its VTIMEZONE, so they are right across the clock changes.
 *
 * People's names go into ORGANIZER and ATTENDEE parameters (CN), written here rather than by
 * ical-generator, which escapes quotes with a backslash inside a quoted value: not iCalendar, and a
 * name with `"` broke strict parsers. Here they follow RFC 5545 and RFC 6868 (see parameterValue).
 *
 *   eventInvite({ uid, sequence: 2, method: 'REQUEST', startsAt, endsAt, summary, description, location, attendee, product: 'Public meetings' })
 */
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { config } from '../config.js';
import { foldLine, LONDON_VTIMEZONE as LONDON_VTIMEZONE_LINES } from '../ics.js';
import { LONDON } from '../time.js';

export type InviteMethod = 'REQUEST' | 'CANCEL';

const LONDON_VTIMEZONE = LONDON_VTIMEZONE_LINES.join('\r\n');

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/**
 * An instant as London wall-clock time, in the Temporal.ZonedDateTime shape ical-generator accepts.
 * (A plain Date would be written in the server's own zone, which is UTC in Lambda.)
 */
export function londonTime(iso: string): ICalTemporalZonedDateTimeStub {
  const epochMilliseconds = Date.parse(iso);
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(epochMilliseconds)).map((p) => [p.type, p.value]));
  const fields = {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const plainText = `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
  const plainDate = { year: fields.year, month: fields.month, day: fields.day, toJSON: () => plainText.slice(0, 10), toString: () => plainText.slice(0, 10) };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: LONDON,
    toInstant: () => ({
      epochMilliseconds,
      toJSON: () => iso,
      toString: () => iso,
      toZonedDateTimeISO: () => zoned,
    }),
    toPlainDateTime: () => ({
      ...fields,
      toJSON: () => plainText,
      toString: () => plainText,
      toPlainDate: () => plainDate,
      toZonedDateTime: () => zoned,
    }),
    withTimeZone: (timeZone: string) => {
      if (timeZone !== LONDON) throw new Error(`Only ${LONDON} is supported`);
      return zoned;
    },
    toJSON: () => `${plainText}[${LONDON}]`,
    toString: () => `${plainText}[${LONDON}]`,
  };
  return zoned;
}

/** A UID for this site: `<what>@<site host>`, stable for the same booking. */
export const calendarUid = (what: string) => `${what}@${new URL(config().publicBaseUrl).hostname}`;

export interface EventInvite {
  uid: string;
  /** Must rise with every change to the same UID. */
  sequence: number;
  method: InviteMethod;
  startsAt: string;
  endsAt: string;
  summary: string;
  description: string;
  location: { title: string; address: string; geo?: { lat: number; lon: number } };
  attendee: { name: string; email: string };
  /** Names the product in PRODID, e.g. "Public meetings". */
  product: string;
  /** A public page about the event (never a personal link: calendars are often shared). */
  url?: string;
  now?: Date;
}

/**
 * A parameter value (e.g. a CN) as RFC 5545 section 3.2 and RFC 6868 have it: always in double quotes,
 * so `:`, `;` and `,` are safe; `^` as `^^`, `"` as `^'` and a line break as `^n`; other control
 * characters, which a parameter may not hold, as spaces.
 */
export function parameterValue(text: string): string {
  const encoded = text
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, ' ');
  return `"${encoded}"`;
}

/** A content line folded as RFC 5545 section 3.1 asks (core/ics.ts). */
export { foldLine };

export function eventInvite(invite: EventInvite): string {
  const { organisationName, senderAddress } = config();
  const calendar = ical({
    prodId: { company: organisationName, product: invite.product, language: 'EN' },
    method: invite.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    // No calendar-wide zone (that would write DTSTAMP in local time); the events' zone still gets its VTIMEZONE.
    timezone: { name: null, generator: (tz) => (tz === LONDON ? LONDON_VTIMEZONE : null) },
  });
  const cancelling = invite.method === 'CANCEL';
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.now ?? new Date(),
    start: londonTime(invite.startsAt),
    end: londonTime(invite.endsAt),
    timezone: LONDON,
    summary: invite.summary,
    description: invite.description,
    location: { title: invite.location.title, address: invite.location.address, ...(invite.location.geo ? { geo: invite.location.geo } : {}) },
    status: cancelling ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(invite.url ? { url: invite.url } : {}),
  });
  const people = [
    `ORGANIZER;CN=${parameterValue(organisationName)}:mailto:${senderAddress}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;${cancelling ? '' : 'PARTSTAT=ACCEPTED;'}RSVP=FALSE;CN=${parameterValue(invite.attendee.name)}:MAILTO:${invite.attendee.email}`,
  ].map(foldLine);
  return calendar.toString().replace('\r\nEND:VEVENT', `\r\n${people.join('\r\n')}\r\nEND:VEVENT`);
}
