/**
 * People's names in calendar invites, written as RFC 5545 and RFC 6868 say and read back by two
 * parsers: ical.js (Mozilla's, which decodes RFC 6868) and node-ical (which keeps the caret encoding
 * but drops a line it cannot parse). A name with quotes, colons, semicolons, commas, carets, line
 * breaks or markup comes back exactly, and every line stays within 75 octets.
 */
import ICAL from 'ical.js';
import nodeIcal, { type Attendee, type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { config } from '../config.js';
import { eventInvite, parameterValue } from './calendar.js';

const invite = (name: string, method: 'REQUEST' | 'CANCEL' = 'REQUEST') =>
  eventInvite({
    uid: 'names-test@localhost',
    sequence: 1,
    method,
    startsAt: '2030-06-04T17:30:00.000Z',
    endsAt: '2030-06-04T19:00:00.000Z',
    summary: 'Community meeting',
    description: 'About policing where you live.',
    location: { title: 'Village Hall', address: 'High Street' },
    attendee: { name, email: 'ann@example.org' },
    product: 'Tests',
  });

/** The names the issue saw, and others a person could type. */
const names = [
  `X"'><script>alert(1)</script>`,
  `Jo "JJ" O'Brien, Chair: Kegworth Parish`,
  'Ann; Bob, and Carol: the clerks',
  'Caret ^ and ^^ and ^n as typed',
  'Two\nlines',
  `Ŵyn Llŷr-Ångström 山田 ${'long name '.repeat(8)}`,
];

function icalJsPeople(text: string) {
  const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
  const attendee = vevent.getFirstProperty('attendee')!;
  const organizer = vevent.getFirstProperty('organizer')!;
  return {
    attendee: { cn: attendee.getParameter('cn'), value: String(attendee.getFirstValue()) },
    organizer: { cn: organizer.getParameter('cn'), value: String(organizer.getFirstValue()) },
  };
}

/** node-ical hands back parameter values as written (quotes removed): decode RFC 6868 here. */
const rfc6868 = (value: unknown) => String(value).replace(/\^(\^|'|n)/g, (_, c: string) => (c === '^' ? '^' : c === "'" ? '"' : '\n'));

function nodeIcalAttendee(text: string): Exclude<Attendee, string> | undefined {
  const event = Object.values(nodeIcal.sync.parseICS(text)).find((c): c is VEvent => c?.type === 'VEVENT');
  const attendee = [event?.attendee].flat()[0];
  return typeof attendee === 'object' ? attendee : undefined;
}

describe('names in calendar invites', () => {
  it.each(names)('come back exactly through ical.js: %j', (name) => {
    for (const method of ['REQUEST', 'CANCEL'] as const) {
      const people = icalJsPeople(invite(name, method));
      expect(people.attendee).toEqual({ cn: name, value: 'MAILTO:ann@example.org' });
      expect(people.organizer).toEqual({ cn: config().organisationName, value: `mailto:${config().senderAddress}` });
    }
  });

  it.each(names.filter((n) => !n.includes(';')))('are kept by node-ical, a strict line parser: %j', (name) => {
    const attendee = nodeIcalAttendee(invite(name));
    expect(attendee?.val).toBe('MAILTO:ann@example.org');
    expect(rfc6868(attendee?.params.CN)).toBe(name);
  });

  it('are quoted and caret-encoded, and every line is at most 75 octets', () => {
    expect(parameterValue(`X"'>`)).toBe(`"X^''>"`);
    expect(parameterValue('a^b\r\nc;d:e,f')).toBe('"a^^b^nc;d:e,f"');
    expect(parameterValue('tab\there, bell\u0007')).toBe('"tab\there, bell "');
    for (const name of names) {
      const text = invite(name);
      expect(text).not.toContain('\\"');
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
  });
});
