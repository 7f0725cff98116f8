/**
 * Every surgeries email as it leaves through SES (raw MIME captured on its way to the emulator), parsed
 * with mailparser, its calendar invite read back with ical.js. One programme's life: invitations to a
 * district (fanned out, one per council with a clerk's address), a booking with the invitation link, a
 * request from the public page (to the clerk on file) and its confirmation, a reschedule across the clock change, the reminder
 * 48 hours before (once), a cancellation by staff with its reason, and a session cancelled. Own table,
 * because the timer is involved.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInvite } from '../../test/support/calendar.js';
import { useSesProxy, type SesProxy } from '../../test/support/inbox.js';
import { describeMime, mimeTree } from '../../test/support/mime.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { bookingByLink, bookSlot } from './booking.js';
import { getBooking as getBookingOf } from './store/bookings.js';
import { cancelBooking } from './cancelling.js';
import { aCouncil, exampleDetails, exampleSession, slotIds, uniqueEmail } from './fixtures.js';
import { bookWithInvitation, invitationFor, inviteCouncils } from './invitations.js';
import { requestEmail } from './emails/request.js';
import { invitationBookingInput } from './model.js';
import { confirmRequest, requestSlot } from './requests.js';
import { rescheduleBooking } from './rescheduling.js';
import { runScheduledWork } from './scheduled.js';
import { cancelSession, createSession, editSession, inputOf } from './sessions.js';
import { getCouncil } from './store/councils.js';
import { getSession, readSessionPartition } from './store/sessions.js';

let ses: SesProxy;
let emailsSent: () => Promise<void>;
beforeAll(async () => {
  emailsSent = (await useOwnTable('surgery-emails')).caughtUp;
  ses = await useSesProxy();
});
afterAll(() => ses?.stop());

const XSS = '<script>alert(1)</script>';
const HOUR = 3_600_000;
const WITH_INVITE = 'multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics[surgery.ics])';
const WITHOUT_INVITE = 'multipart/alternative(text/plain,text/html)';

async function mailsTo(to: string, count: number): Promise<Array<{ mail: ParsedMail; structure: string; raw: string }>> {
  await emailsSent();
  const parsed = await ses.waitFor(to, count);
  const raws = ses.messages.filter((m) => m.to.includes(to)).map((m) => m.raw.toString());
  return parsed.map((mail, i) => ({ mail, raw: raws[i]!, structure: describeMime(mimeTree(raws[i]!)) }));
}

const linkIn = (mail: ParsedMail, kind: 'confirm' | 'manage' | 'invitation') => mail.text?.match(new RegExp(`/surgeries/${kind}/([A-Za-z0-9_-]{43})`))?.[1];

function inviteOf(mail: ParsedMail) {
  const attachment = mail.attachments.find((a) => a.filename === 'surgery.ics');
  expect(attachment, 'an .ics attachment').toBeDefined();
  const text = attachment!.content.toString();
  expect(text, 'no personal link in a calendar').not.toMatch(/\/surgeries\/(manage|confirm|invitation)\//);
  return { ...readInvite(text), dtstart: text.match(/^DTSTART;TZID=[^\r\n]*/m)?.[0] };
}

describe('the emails of a district programme', () => {
  // Planned a month ahead; July is BST, November GMT.
  const now = new Date('2031-06-02T09:00:00.000Z');
  const clerkA = uniqueEmail('clerk-a');
  const clerkB = uniqueEmail('clerk-b');
  const bookerA = uniqueEmail('booker-a');
  const bookerB = uniqueEmail('booker-b');
  let state: Record<string, string> = {};

  it('invites every council of the district with a clerk’s address, each with its own booking link, and records who was invited', async () => {
    const [a, b, noEmail] = await Promise.all([
      aCouncil({ name: 'Glenfield Parish Council', clerkEmail: clerkA, clerkName: 'Alex Clerk' }, now),
      aCouncil({ name: 'Kirby Muxloe Parish Council', clerkEmail: clerkB }, now),
      aCouncil({ name: 'Leicester Forest West Parish Meeting', clerkEmail: '', governance: 'parish-meeting' }, now),
    ]);
    const july = await createSession(exampleSession({ date: '2031-07-03', startTime: '10:00', endTime: '12:00' }, now), now);
    const november = await createSession(exampleSession({ date: '2031-11-06', startTime: '10:00', endTime: '12:00', venueName: 'Kirby Muxloe Pavilion' }, now), now);
    state = { a: a.id, b: b.id, noEmail: noEmail.id, july: july.id, november: november.id };

    const { emailed } = await inviteCouncils(july.id, { scope: 'district' }, 'A. Officer', now);
    expect(emailed).toBe(2);
    const [toA] = await mailsTo(clerkA, 1);
    const [toB] = await mailsTo(clerkB, 1);
    expect(toA!.mail.subject).toBe('Invitation: surgery with the Deputy Commissioner in Blaby');
    expect(toA!.structure).toBe(WITHOUT_INVITE);
    expect(toA!.mail.text).toContain('Hello Alex Clerk,');
    expect(toA!.mail.text).toContain('Thursday 3 July 2031, 10am to 12pm');
    expect(toA!.mail.text).toContain('Free slots when we sent this: 10am, 10:40am, 11:20am.');
    const tokenA = linkIn(toA!.mail, 'invitation')!;
    expect(tokenA).toBeDefined();
    expect(linkIn(toB!.mail, 'invitation')).not.toBe(tokenA);
    expect((await invitationFor(tokenA, now))?.council.id).toBe(a.id);
    const { invited } = await readSessionPartition(july.id);
    expect(invited.map((i) => i.councilId).sort()).toEqual([a.id, b.id].sort());
    state['tokenA'] = tokenA;
  });

  it('confirms a booking made with the invitation link, with a calendar invite in London time and the name shown as text', async () => {
    const invitation = (await invitationFor(state['tokenA']!, now))!;
    const ids = await slotIds(state['july']!);
    const input = invitationBookingInput.parse({ slotId: ids[0], ...exampleDetails({ attendeeName: XSS, email: bookerA, otherTopics: 'Speeding on <b>Main Street</b>' }) });
    const result = await bookWithInvitation(invitation, input, now);
    expect(result.status).toBe('confirmed');
    const [confirmation] = await mailsTo(bookerA, 1);
    const { mail, structure, raw } = confirmation!;
    expect(mail.subject).toBe('Surgery booked: Glenfield Parish Council, Thursday 3 July 2031, 10am');
    expect(structure).toBe(WITH_INVITE);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(mail.text).toContain(`Hello ${XSS},`);
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Speeding on &lt;b&gt;Main Street&lt;/b&gt;');
    expect(linkIn(mail, 'manage')).toBeDefined();
    const invite = inviteOf(mail);
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED', startZone: 'Europe/London', summary: 'Surgery with the Deputy Commissioner: Glenfield Parish Council' });
    expect(invite.dtstart).toBe('DTSTART;TZID=Europe/London:20310703T100000');
    expect(invite.start.toISOString()).toBe('2031-07-03T09:00:00.000Z');
    expect(invite.end.toISOString()).toBe('2031-07-03T09:30:00.000Z');
    expect(invite.uid).toMatch(/^surgery-booking-.+@/);
    state['uidA'] = invite.uid;
    state['manageA'] = linkIn(mail, 'manage')!;
  });

  it('asks the council’s clerk on file, not the address typed, to confirm a request from the public page; confirmed, it goes to the person coming', async () => {
    const ids = await slotIds(state['july']!);
    const asked = await requestSlot({ sessionId: state['july']!, slotId: ids[1]!, councilId: state['b']!, details: exampleDetails({ email: bookerB, attendeeName: 'Jo Councillor', attendeeRole: 'councillor' }) }, now);
    expect(asked.status).toBe('requested');
    const [, request] = await mailsTo(clerkB, 2);
    expect(request!.mail.subject).toBe('Confirm a surgery booking for Kirby Muxloe Parish Council');
    expect(request!.structure).toBe(WITHOUT_INVITE);
    expect(request!.mail.text).toContain('Hello Sam Clerk,');
    expect(request!.mail.text).toContain('Someone has asked on our website to book a one-to-one surgery with the Deputy Commissioner for Kirby Muxloe Parish Council, at Thursday 3 July 2031, 10:40am to 11:10am.');
    expect(request!.mail.text).toContain(`we will send the confirmation, a calendar invite and a link to change or cancel the booking to ${bookerB}`);
    // 48 hours to confirm, shown in London time with its date (it is not today).
    expect(request!.mail.text).toContain('confirm the booking by 10am on Wednesday 4 June 2031:');
    const token = linkIn(request!.mail, 'confirm')!;
    const booking = (await bookingByLink(token, 'confirm', now))!;
    expect(booking.status).toBe('requested');
    await emailsSent();
    expect(ses.messages.filter((m) => m.to.includes(bookerB))).toHaveLength(0);
    await confirmRequest(booking.id, new Date(now.getTime() + 10 * 60_000));
    const [confirmation] = await mailsTo(bookerB, 1);
    expect(confirmation!.mail.subject).toBe('Surgery booked: Kirby Muxloe Parish Council, Thursday 3 July 2031, 10:40am');
    expect(inviteOf(confirmation!.mail)).toMatchObject({ method: 'REQUEST', sequence: 0 });
    state['bookingB'] = booking.id;
  });

  it('says a deadline after midnight in London is tomorrow, and one before it today', async () => {
    const request = (await getBookingOf(state['bookingB']!))!;
    const ctx = { booking: { ...request, status: 'requested' as const }, session: (await getSession(request.sessionId))!, council: (await getCouncil(request.councilId))!, link: 'https://example.org/surgeries/confirm/x' };
    // 11:50pm BST on 2 June 2031; 12:27am is on 3 June in London, though still 2 June in UTC.
    const late = new Date('2031-06-02T22:50:00.000Z');
    expect(requestEmail({ ...ctx, booking: { ...ctx.booking, confirmBy: '2031-06-02T23:27:00.000Z' }, now: late }).text).toContain('confirm the booking by 12:27am tomorrow:');
    expect(requestEmail({ ...ctx, booking: { ...ctx.booking, confirmBy: '2031-06-02T22:57:00.000Z' }, now: late }).text).toContain('confirm the booking by 11:57pm today:');
  });

  it('moves a booking across the clock change with an updated invite: same UID, higher SEQUENCE, GMT time', async () => {
    const booking = (await bookingByLink(state['manageA']!, 'manage', now))!;
    const target = (await slotIds(state['november']!))[1]!;
    await rescheduleBooking(booking.id, { sessionId: state['november']!, slotId: target }, now);
    const [, moved] = await mailsTo(bookerA, 2);
    expect(moved!.mail.subject).toBe('Surgery moved: Glenfield Parish Council, now Thursday 6 November 2031, 10:40am');
    expect(moved!.mail.text).toContain('has moved from Thursday 3 July 2031, 10am to Thursday 6 November 2031, 10:40am to 11:10am');
    expect(moved!.mail.text).toContain('Kirby Muxloe Pavilion');
    const invite = inviteOf(moved!.mail);
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 1, uid: state['uidA'] });
    expect(invite.dtstart).toBe('DTSTART;TZID=Europe/London:20311106T104000');
    expect(invite.start.toISOString()).toBe('2031-11-06T10:40:00.000Z');
    expect(linkIn(moved!.mail, 'manage')).toBeDefined();
  });

  it('reminds 48 hours before, exactly once however often the timer runs', async () => {
    const startsAt = Date.parse('2031-11-06T10:40:00.000Z');
    await runScheduledWork(new Date(startsAt - 49 * HOUR));
    await runScheduledWork(new Date(startsAt - 47 * HOUR));
    await runScheduledWork(new Date(startsAt - 46 * HOUR));
    const mails = await mailsTo(bookerA, 3);
    expect(mails).toHaveLength(3);
    expect(mails[2]!.mail.subject).toBe('Reminder: surgery on Thursday 6 November 2031, 10:40am');
    expect(mails[2]!.structure).toBe(WITHOUT_INVITE);
    expect(linkIn(mails[2]!.mail, 'manage')).toBeDefined();
    await runScheduledWork(new Date(startsAt - 45 * HOUR));
    await emailsSent();
    expect(ses.messages.filter((m) => m.to.includes(bookerA))).toHaveLength(3);
  });

  it('tells a council when staff cancel its booking, with the reason and a calendar CANCEL', async () => {
    await cancelBooking(state['bookingB']!, { by: 'staff', reason: 'The Deputy Commissioner is ill <sorry>' }, now);
    const [, cancelled] = await mailsTo(bookerB, 2);
    expect(cancelled!.mail.subject).toBe('Surgery cancelled: Kirby Muxloe Parish Council, Thursday 3 July 2031, 10:40am');
    expect(cancelled!.structure).toBe(WITH_INVITE);
    expect(cancelled!.raw).toMatch(/method=CANCEL/);
    expect(cancelled!.mail.text).toContain('we have had to cancel your surgery booking');
    expect(cancelled!.mail.text).toContain('The Deputy Commissioner is ill <sorry>');
    expect(cancelled!.mail.html).toContain('The Deputy Commissioner is ill &lt;sorry&gt;');
    expect(inviteOf(cancelled!.mail)).toMatchObject({ method: 'CANCEL', sequence: 1, status: 'CANCELLED' });
  });

  it('tells every booked council when staff cancel a session, with the reason', async () => {
    await cancelSession(state['november']!, 'The hall is flooded.', now);
    const mails = await mailsTo(bookerA, 4);
    const last = mails[3]!;
    expect(last.mail.subject).toBe('Surgery cancelled: Glenfield Parish Council, Thursday 6 November 2031, 10:40am');
    expect(last.mail.text).toContain('The surgery at Kirby Muxloe Pavilion on Thursday 6 November 2031 has been cancelled. The hall is flooded.');
    expect(inviteOf(last.mail)).toMatchObject({ method: 'CANCEL', sequence: 2, uid: state['uidA'] });
  });

  it('tells the councils booked when staff change the venue, with an updated invite', async () => {
    const email = uniqueEmail('venue-change');
    const council = await aCouncil({ districtCode: 'E07000131', name: 'Great Glen Parish Council' }, now);
    const session = await createSession(exampleSession({ districtCode: 'E07000131', date: '2031-09-04', startTime: '14:00', endTime: '16:00' }, now), now);
    const booked = await bookSlot({ sessionId: session.id, slotId: (await slotIds(session.id))[0]!, councilId: council.id, details: exampleDetails({ email }), via: 'invitation' }, now);
    expect(booked.status).toBe('confirmed');
    await editSession(session.id, { ...inputOf(session), venueName: 'Great Glen Village Hall <new>', stepFree: false }, now);
    const [confirmation, changed] = await mailsTo(email, 2);
    const uid = inviteOf(confirmation!.mail).uid;
    expect(changed!.mail.subject).toBe('Surgery details changed: Great Glen Parish Council, Thursday 4 September 2031, 2pm');
    expect(changed!.mail.text).toContain('The venue is now Great Glen Village Hall <new>, Stamford Street, Glenfield LE3 8DL');
    expect(changed!.mail.text).toContain('without step-free access');
    expect(changed!.mail.html).toContain('Great Glen Village Hall &lt;new&gt;');
    expect(inviteOf(changed!.mail)).toMatchObject({ method: 'REQUEST', sequence: 1, uid, location: expect.stringContaining('Great Glen Village Hall <new>') });
    expect(linkIn(changed!.mail, 'manage')).toBeDefined();
  });
});

