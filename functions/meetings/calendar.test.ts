import { describe, expect, it } from 'vitest';
import { readInvite } from '../../test/support/calendar.js';
import { londonTime } from '../core/outbox/calendar.js';
import { inviteUid, meetingInvite } from './calendar.js';
import type { Meeting, Registration } from './model.js';

const meeting = {
  id: 'm1',
  title: 'Rural crime, Rutland; "farm" safety',
  description: 'Machinery theft.',
  venue: 'Victoria Hall',
  address: '39 High Street, Oakham LE15 6AH',
  latitude: 52.67,
  longitude: -0.73,
  startsAt: '2030-01-15T19:00:00.000Z',
  endsAt: '2030-01-15T21:00:00.000Z',
  accessInformation: 'Step-free',
  sequence: 3,
} as Meeting;
const registration = { id: 'K7M4QX', meetingId: 'm1', reference: 'K7M-4QX', name: 'Ann', email: 'ann@example.org' } as Registration;


describe('meeting invites', () => {
  it('are a REQUEST with a stable UID, the given SEQUENCE and London wall-clock times', () => {
    const text = meetingInvite({ meeting, registration, method: 'REQUEST', sequence: 3 });
    const invite = readInvite(text);
    expect(invite).toMatchObject({ method: 'REQUEST', uid: inviteUid(registration), sequence: 3, summary: meeting.title, status: 'CONFIRMED', startZone: 'Europe/London' });
    expect(invite.start.toISOString()).toBe(meeting.startsAt);
    expect(invite.end.toISOString()).toBe(meeting.endsAt);
    expect(text).toContain('DTSTART;TZID=Europe/London:20300115T190000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/London/);
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(text).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN="Ann":MAILTO');
  });

  it('write summer times in British Summer Time', () => {
    const summer = { ...meeting, startsAt: '2030-07-15T17:30:00.000Z', endsAt: '2030-07-15T19:00:00.000Z' };
    const text = meetingInvite({ meeting: summer, registration, method: 'REQUEST', sequence: 0 });
    expect(text).toContain('DTSTART;TZID=Europe/London:20300715T183000');
    expect(readInvite(text).start.toISOString()).toBe(summer.startsAt);
  });

  it('cancel the same calendar entry', () => {
    expect(readInvite(meetingInvite({ meeting, registration, method: 'CANCEL', sequence: 4 }))).toMatchObject({
      method: 'CANCEL',
      uid: inviteUid(registration),
      sequence: 4,
      status: 'CANCELLED',
    });
  });

  it("never carry the manage link (calendars are shared): only the meeting's public page", () => {
    const invite = readInvite(meetingInvite({ meeting, registration, method: 'REQUEST', sequence: 1 }));
    expect(invite.url).toBe(`http://localhost:3000/meetings/${meeting.id}`);
    expect(invite.text).not.toMatch(/manage/i);
    expect(invite.description).toContain('Your reference: K7M-4QX');
  });

  it('convert instants to London wall-clock fields across the clock changes', () => {
    expect(londonTime('2030-03-31T00:59:00.000Z')).toMatchObject({ hour: 0, minute: 59 });
    expect(londonTime('2030-03-31T01:00:00.000Z')).toMatchObject({ hour: 2, minute: 0 });
    expect(londonTime('2030-10-27T00:30:00.000Z')).toMatchObject({ hour: 1, minute: 30 });
    expect(londonTime('2030-10-27T01:30:00.000Z')).toMatchObject({ hour: 1, minute: 30 });
    expect(londonTime('2030-12-31T23:30:00.000Z')).toMatchObject({ year: 2030, month: 12, day: 31, hour: 23 });
  });
});
