/**
 * Calendar invites for a registration (ical-generator). One event per registration with a stable UID,
 * so a later update (REQUEST with a higher SEQUENCE) or cancellation (CANCEL) replaces the same entry
 * in the person's calendar. Times are written in Europe/London wall-clock time with its VTIMEZONE.
 */
import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { config } from '../core/config.js';
import { LONDON } from '../core/time.js';
import type { Meeting, Registration } from './model.js';

export type InviteMethod = 'REQUEST' | 'CANCEL';

/** The standard definition of UK time (GMT, and BST from the last Sunday in March to the last in October). */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

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

/** Stable per registration: every invite and cancellation for it refers to the same calendar entry. */
export function inviteUid(registration: Pick<Registration, 'meetingId' | 'id'>): string {
  return `meeting-${registration.meetingId}-registration-${registration.id}@${new URL(config().publicBaseUrl).hostname}`;
}

export function meetingInvite(options: {
  meeting: Meeting;
  registration: Registration;
  method: InviteMethod;
  /** Must rise with every change to the same UID: the meeting's sequence, plus one for a personal cancellation. */
  sequence: number;
  manageUrl?: string;
  now?: Date;
}): string {
  const { meeting, registration, method, sequence } = options;
  const { organisationName, senderAddress } = config();
  const calendar = ical({
    prodId: { company: 'Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland', product: 'Public meetings', language: 'EN' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    // No calendar-wide zone (that would write DTSTAMP in local time); the events' zone still gets its VTIMEZONE.
    timezone: { name: null, generator: (tz) => (tz === LONDON ? LONDON_VTIMEZONE : null) },
  });
  const description = [
    meeting.description,
    `Your reference: ${registration.reference}`,
    meeting.accessInformation ? `Access: ${meeting.accessInformation}` : '',
    options.manageUrl ? `Change or cancel your place: ${options.manageUrl}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  calendar.createEvent({
    id: inviteUid(registration),
    sequence,
    stamp: options.now ?? new Date(),
    start: londonTime(meeting.startsAt),
    end: londonTime(meeting.endsAt),
    timezone: LONDON,
    summary: meeting.title,
    description,
    location: { title: meeting.venue, address: meeting.address, geo: { lat: meeting.latitude, lon: meeting.longitude } },
    organizer: { name: organisationName, email: senderAddress },
    attendees: [{ name: registration.name, email: registration.email, rsvp: false, status: method === 'CANCEL' ? undefined : ICalAttendeeStatus.ACCEPTED }],
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(options.manageUrl ? { url: options.manageUrl } : {}),
  });
  return calendar.toString();
}
