/**
 * Every meetings email as it actually leaves through SES (the raw MIME captured on its way to the
 * emulator): content, MIME structure, and the calendar invite parsed back with ical.js. One meeting's
 * life: confirmation, waiting list, 48-hour reminder, change of time and venue, cancellation with
 * promotion, 2-hour reminder, meeting cancelled. Own table, because the timer is involved.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelRegistration } from './cancelling.js';
import { cancelMeeting, createMeeting, updateMeeting } from './meetings.js';
import { runScheduledWork } from './scheduled.js';
import type { Meeting, MeetingInput } from './model.js';
import { readInvite } from '../../test/support/calendar.js';
import { describeMime, mimeTree } from '../../test/support/mime.js';
import { type SesProxy, useSesProxy } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';

let ses: SesProxy;
let emailsSent: () => Promise<void>;
beforeAll(async () => {
  emailsSent = (await useOwnTable('emails')).caughtUp;
  ses = await useSesProxy();
});
afterAll(() => ses?.stop());

const HOUR = 3_600_000;
const XSS = '<script>alert(1)</script>';

interface Invite {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: Date & { tz?: string };
  dtstartLine: string;
}

function invite(mail: ParsedMail, raw: string): Invite {
  const attachment = mail.attachments.find((a) => a.filename === 'meeting.ics');
  expect(attachment, 'an .ics attachment').toBeDefined();
  const text = attachment!.content.toString();
  expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)/);
  const read = readInvite(text);
  // Calendars are often shared: the invite never carries the manage link.
  expect(text).not.toMatch(/\/manage\//);
  return {
    method: read.method,
    uid: read.uid,
    sequence: read.sequence,
    status: read.status,
    start: Object.assign(read.start, { tz: read.startZone }),
    dtstartLine: text.match(/^DTSTART;TZID[^\r\n]*/m)?.[0] ?? '(no DTSTART with TZID)',
  };
}

async function lastMailTo(to: string): Promise<{ mail: ParsedMail; raw: string; structure: string }> {
  await emailsSent(); // delivered from the table's stream, off the request path
  const sent = ses.messages.filter((m) => m.to.includes(to));
  expect(sent.length, `an email to ${to}`).toBeGreaterThan(0);
  const raw = sent.at(-1)!.raw.toString();
  return { mail: (await ses.parsedFor(to)).at(-1)!, raw, structure: describeMime(mimeTree(raw)) };
}

const WITH_INVITE = 'multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics[meeting.ics])';
const WITHOUT_INVITE = 'multipart/alternative(text/plain,text/html)';

describe('the emails of one meeting', () => {
  // 6:30pm BST on a summer evening, well in the future so this file's times are its own.
  const startsAt = '2031-07-03T17:30:00.000Z';
  let input: MeetingInput;
  let meeting: Meeting;
  const alice = uniqueEmail('alice');
  const bob = uniqueEmail('bob');
  let aliceUid = '';
  let aliceId = '';

  beforeAll(async () => {
    input = exampleMeeting({
      title: 'Car cruising in Kegworth',
      capacity: 2,
      maxPlacesPerRegistration: 2,
      startsAt,
      endsAt: '2031-07-03T19:30:00.000Z',
      registrationClosesAt: '2031-07-03T16:00:00.000Z',
    });
    meeting = await createMeeting(input, new Date(Date.parse(startsAt) - 60 * 24 * HOUR));
  });

  it('confirms a place: reference, London time, venue, access, next steps, manage link, escaped name, invite', async () => {
    const { registration } = await register(meeting.id, exampleResident({ name: XSS, email: alice, places: 2, question: 'Will there be <b>cameras</b>?' }));
    aliceId = registration.id;
    const { mail, raw, structure } = await lastMailTo(alice);
    expect(structure).toBe(WITH_INVITE);
    expect(mail.subject).toBe('Your 2 places at Car cruising in Kegworth: confirmed');
    for (const expected of [
      registration.reference,
      'Thursday 3 July 2031, 6:30pm to 8:30pm',
      'Kegworth Village Hall, Nottingham Road, Kegworth DE74 2FH',
      'Step-free entrance and a hearing loop.',
      'What happens next',
      'http://localhost:3000/manage/',
    ]) {
      expect(mail.text).toContain(expected);
      expect(mail.html).toContain(expected);
    }
    expect(mail.text).toContain(`Hello ${XSS},`);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');

    const cal = invite(mail, raw);
    expect(cal).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED' });
    expect(cal.dtstartLine).toBe('DTSTART;TZID=Europe/London:20310703T183000');
    expect(cal.start.tz).toBe('Europe/London');
    expect(cal.start.toISOString()).toBe(startsAt);
    aliceUid = cal.uid;
    expect(aliceUid).toContain(registration.id);
  });

  it('tells the next person they are on the waiting list, without an invite', async () => {
    await register(meeting.id, exampleResident({ name: 'Bob Waiting', email: bob }));
    const { mail, structure } = await lastMailTo(bob);
    expect(structure).toBe(WITHOUT_INVITE);
    expect(mail.subject).toBe('You are on the waiting list for Car cruising in Kegworth');
    expect(mail.text).toContain('in the order they registered');
    expect(mail.text).toMatch(/\/manage\/[A-Za-z0-9_-]{43}/);
    expect(mail.attachments).toHaveLength(0);
  });

  it('reminds confirmed people 48 hours before, with a link to free their place', async () => {
    await runScheduledWork(new Date(Date.parse(startsAt) - 47 * HOUR));
    const { mail, structure } = await lastMailTo(alice);
    expect(structure).toBe(WITHOUT_INVITE);
    expect(mail.subject).toBe('Reminder: Car cruising in Kegworth is in 2 days');
    expect(mail.text).toContain("Can't come?");
    expect(mail.text).toContain('Please free your place');
    expect(mail.text).toMatch(/\/manage\/[A-Za-z0-9_-]{43}/);
    expect((await lastMailTo(bob)).mail.subject).not.toContain('Reminder');
  });

  it('sends everyone the new time and venue, with a higher SEQUENCE for the same calendar entry', async () => {
    const newStart = '2031-12-04T18:30:00.000Z'; // 6:30pm GMT in winter
    input = { ...input, venue: 'Kegworth Methodist Church', startsAt: newStart, endsAt: '2031-12-04T20:00:00.000Z', registrationClosesAt: '2031-12-04T17:00:00.000Z' };
    meeting = await updateMeeting(meeting.id, input, new Date(Date.parse(newStart) - 60 * 24 * HOUR));
    expect(meeting.sequence).toBe(1);

    const forAlice = await lastMailTo(alice);
    expect(forAlice.structure).toBe(WITH_INVITE);
    expect(forAlice.mail.subject).toBe('Changed: Car cruising in Kegworth');
    expect(forAlice.mail.text).toContain('The date and time and venue of Car cruising in Kegworth have changed.');
    expect(forAlice.mail.text).toContain('Thursday 4 December 2031, 6:30pm to 8pm');
    expect(forAlice.mail.text).toContain('Kegworth Methodist Church');
    const cal = invite(forAlice.mail, forAlice.raw);
    expect(cal).toMatchObject({ method: 'REQUEST', uid: aliceUid, sequence: 1 });
    expect(cal.dtstartLine).toBe('DTSTART;TZID=Europe/London:20311204T183000');
    expect(cal.start.toISOString()).toBe(newStart);

    const forBob = await lastMailTo(bob);
    expect(forBob.structure).toBe(WITHOUT_INVITE);
    expect(forBob.mail.text).toContain('You are still on the waiting list');
  });

  it('cancels the calendar entry when someone cancels, and sends the freed place to the waiting list', async () => {
    await cancelRegistration(meeting.id, aliceId, 'resident');
    const forAlice = await lastMailTo(alice);
    expect(forAlice.structure).toBe(WITH_INVITE);
    expect(forAlice.mail.subject).toBe('Cancelled: your place at Car cruising in Kegworth');
    expect(forAlice.mail.html).not.toContain('<script>');
    const cal = invite(forAlice.mail, forAlice.raw);
    expect(cal).toMatchObject({ method: 'CANCEL', uid: aliceUid, sequence: 2, status: 'CANCELLED' });

    const forBob = await lastMailTo(bob);
    expect(forBob.structure).toBe(WITH_INVITE);
    expect(forBob.mail.subject).toBe('Good news: you have a place at Car cruising in Kegworth');
    const bobInvite = invite(forBob.mail, forBob.raw);
    expect(bobInvite).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(bobInvite.uid).not.toBe(aliceUid);
  });

  it('reminds again 2 hours before the new start, not before the old one', async () => {
    await emailsSent();
    const before = ses.messages.length;
    await runScheduledWork(new Date(Date.parse(startsAt) - HOUR)); // the old start: nothing due
    await emailsSent();
    expect(ses.messages.length).toBe(before);
    await runScheduledWork(new Date(Date.parse(meeting.startsAt) - HOUR));
    const { mail } = await lastMailTo(bob);
    expect(mail.subject).toBe('Reminder: Car cruising in Kegworth is in 2 hours');
  });

  it('tells everyone when the meeting is cancelled, and why, and removes it from calendars', async () => {
    await cancelMeeting(meeting.id, 'The hall is closed for repairs <today>.\r\nWe will set a new date.');
    const forBob = await lastMailTo(bob);
    expect(forBob.mail.subject).toBe('Cancelled: Car cruising in Kegworth');
    expect(forBob.mail.text).toContain('has been cancelled and will not take place');
    expect(forBob.mail.text).toContain('Why it was cancelled\n--------------------\n\nThe hall is closed for repairs <today>.\nWe will set a new date.\n');
    expect(forBob.mail.html).toContain('<p style="margin:0 0 16px">The hall is closed for repairs &lt;today&gt;.<br>We will set a new date.</p>');
    const cal = invite(forBob.mail, forBob.raw);
    expect(cal).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
    // Alice had already cancelled: nothing more for her.
    expect((await lastMailTo(alice)).mail.subject).toBe('Cancelled: your place at Car cruising in Kegworth');
  });
});
