/**
 * Reads an iCalendar invite back with ical.js (Mozilla's parser, used by Thunderbird), as a calendar
 * client would: its method, the event's UID, SEQUENCE and status, and its times as instants,
 * resolved through the invite's own VTIMEZONE.
 *
 *   const invite = readInvite(icsText); invite.start.toISOString()
 */
import ICAL from 'ical.js';

export interface Invite {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  url?: string;
  location: string;
  /** The TZID the start is written in, e.g. `Europe/London`. */
  startZone: string;
  start: Date;
  end: Date;
  attendees: string[];
  /** The raw text, for checks on how it is written. */
  text: string;
}

export function readInvite(text: string): Invite {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('The invite has no VEVENT');
  const event = new ICAL.Event(vevent);
  const startProperty = vevent.getFirstProperty('dtstart');
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    summary: event.summary,
    description: event.description,
    ...(vevent.getFirstPropertyValue('url') ? { url: String(vevent.getFirstPropertyValue('url')) } : {}),
    location: event.location,
    startZone: String(startProperty?.getParameter('tzid') ?? ''),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    attendees: event.attendees.map((a) => String(a.getFirstValue())),
    text,
  };
}
