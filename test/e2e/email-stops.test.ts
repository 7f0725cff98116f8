/**
 * Email that stops, end to end: residents register for a meeting with SES's mailbox-simulator
 * addresses; their confirmations are sent through the SES emulator; the local mailbox simulator hands
 * SES's bounce and complaint events to the platform's email-events handler; the addresses are
 * suppressed; the 48-hour reminder goes to the one that works and is recorded as not sent to the
 * others; the staff registration list marks them; the staff email figures count every step. Against
 * DynamoDB Local and the SES emulator, no mocks; own table, so the week's figures are this file's.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app as meetingsApp } from '../../functions/meetings/app.js';
import { exampleMeeting, exampleResident, register } from '../../functions/meetings/fixtures.js';
import { createMeeting } from '../../functions/meetings/meetings.js';
import { listRegistrations } from '../../functions/meetings/registrations.js';
import { runScheduledWork } from '../../functions/meetings/scheduled.js';
import { app as siteApp } from '../../functions/site/app.js';
import { app as surgeriesApp } from '../../functions/surgeries/app.js';
import { aBooking, aCouncil, aSession, exampleDetails, unique } from '../../functions/surgeries/fixtures.js';
import { handler as emailEvents } from '../../functions/email-events.js';
import { lambdaContext } from '../../local/lambda-invocation.js';
import { simulatedEvent } from '../../local/mailbox-simulator.js';
import { suppressionOf } from '../../functions/core/outbox/suppression.js';
import { htmlProblems } from '../support/html-checker.js';
import { inbox, waitForEmails } from '../support/inbox.js';
import { useOwnTable } from '../support/own-table.js';
import { requestsTo } from '../support/requests.js';
import { bearer, noRoleToken, staffToken } from '../support/tokens.js';

let emailsSent: () => Promise<void>;
let auth: Record<string, string>;
beforeAll(async () => {
  emailsSent = (await useOwnTable('email-stops')).caughtUp;
  auth = bearer(await staffToken());
});

const HOUR = 3_600_000;
const simulator = (kind: string) => `${kind}+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rowOf = (html: string, text: string) => html.match(new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>).)*${text}(?:(?!</tr>).)*</tr>`, 's'))?.[0] ?? '';
const cells = (row: string) => [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

describe('email that stops at a bounce or a complaint', () => {
  it('sends the confirmation, records the bounce and the complaint, sends no reminder to them, marks them for staff and counts it all', async () => {
    const now = new Date();
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }, now, 3 * 24));
    const bouncing = simulator('bounce');
    const complaining = simulator('complaint');
    const working = simulator('success');
    await register(meeting.id, exampleResident({ name: 'Bea Bounce', email: bouncing }), now);
    await register(meeting.id, exampleResident({ name: 'Cal Complaint', email: complaining }), now);
    await register(meeting.id, exampleResident({ name: 'Sam Success', email: working }), now);

    // Each confirmation is sent (SES accepted it); then SES says what became of it.
    for (const address of [bouncing, complaining, working]) await waitForEmails(address);
    expect(await until(() => suppressionOf(bouncing), 'the bounce')).toMatchObject({ reason: 'bounce' });
    expect(await until(() => suppressionOf(complaining), 'the complaint')).toMatchObject({ reason: 'complaint' });
    expect(await suppressionOf(working)).toBeUndefined();
    const confirmed = await listRegistrations(meeting.id);
    expect(confirmed.map((r) => [r.name, r.status, r.lastEmail?.kind, r.lastEmail?.status]).sort()).toEqual([
      ['Bea Bounce', 'confirmed', 'confirmation', 'sent'],
      ['Cal Complaint', 'confirmed', 'confirmation', 'sent'],
      ['Sam Success', 'confirmed', 'confirmation', 'sent'],
    ]);

    // The 48-hour reminder: sent to the address that works, recorded as not sent to the other two.
    expect((await runScheduledWork(new Date(Date.parse(meeting.startsAt) - 47 * HOUR))).remindersQueued).toBe(3);
    await emailsSent();
    const reminded = await until(async () => {
      const registrations = await listRegistrations(meeting.id);
      return registrations.every((r) => r.lastEmail?.kind === 'reminder-48h' && r.lastEmail.status !== 'pending') ? registrations : undefined;
    }, 'the reminders');
    expect(reminded.map((r) => [r.name, r.lastEmail?.status]).sort()).toEqual([
      ['Bea Bounce', 'suppressed'],
      ['Cal Complaint', 'suppressed'],
      ['Sam Success', 'sent'],
    ]);
    const reminders = async (address: string) => (await inbox(address)).filter((e) => e.subject.startsWith('Reminder')).length;
    expect(await reminders(working)).toBe(1);
    expect(await reminders(bouncing)).toBe(0);
    expect(await reminders(complaining)).toBe(0);

    // Staff see who to phone on the registration list.
    const page = await requestsTo(meetingsApp).get(`/staff/meetings/${meeting.id}`, auth);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(cells(rowOf(html, 'Bea Bounce'))[6]).toBe('Emails to this address bounce: phone them2-day reminder: not sent (emails to this address stopped)');
    expect(cells(rowOf(html, 'Cal Complaint'))[6]).toBe('Reported our email as spam: phone them2-day reminder: not sent (emails to this address stopped)');
    expect(cells(rowOf(html, 'Sam Success'))[6]).toBe('2-day reminder: sent');
    expect(rowOf(html, 'Bea Bounce')).toContain('<strong class="govuk-tag govuk-tag--red">Emails to this address bounce: phone them</strong>');

    // The week's figures: 4 sent (3 confirmations, 1 reminder), 1 bounced, 1 complaint, 2 not sent.
    const figures = await requestsTo(siteApp).get('/staff/email', auth);
    expect(figures.status).toBe(200);
    const figuresHtml = await figures.text();
    const thisWeek = cells(figuresHtml.match(/<tbody class="govuk-table__body">\s*(<tr.*?<\/tr>)/s)![1]!);
    expect(thisWeek.slice(1)).toEqual(['4', '1', '25%: at SES’s review rate', '1', '25%: at SES’s review rate', '2']);

    expect(await htmlProblems([{ name: 'staff meeting page', html }, { name: 'email figures', html: figuresHtml }])).toEqual([]);
  });

  it('marks a surgery booking whose address complained, and a council whose clerk’s address bounces', async () => {
    const clerk = simulator('bounce');
    const booker = simulator('complaint');
    const council = await aCouncil({ name: unique('Stopped Parish Council'), clerkEmail: clerk });
    const session = await aSession();
    const booking = await aBooking(session, council, { details: exampleDetails({ email: booker }) });
    // The booking's confirmation goes to the booker, whose provider reports it as spam.
    await waitForEmails(booker);
    expect(await until(() => suppressionOf(booker), 'the complaint')).toMatchObject({ reason: 'complaint' });
    // An earlier email to the clerk bounced (SES's event, as EventBridge hands it over).
    const event = simulatedEvent({ to: clerk, from: 'engagement@example.org', messageId: randomUUID() })!;
    await emailEvents(event, lambdaContext({ functionName: 'email-events', timeoutMs: 10_000, memoryMb: 512 }));

    const { get } = requestsTo(surgeriesApp);
    const bookingPage = await (await get(`/staff/surgeries/bookings/${booking.id}`, auth)).text();
    expect(bookingPage).toContain(`${booker} <strong class="govuk-tag govuk-tag--red">Reported our email as spam: phone them</strong>`);
    const councilPage = await (await get(`/staff/surgeries/councils/${council.id}`, auth)).text();
    expect(councilPage).toContain('Clerk’s email address: <strong class="govuk-tag govuk-tag--red">Emails to this address bounce: phone them</strong>');
    const list = await (await get(`/staff/surgeries/councils?district=${council.districtCode}`, auth)).text();
    expect(cells(rowOf(list, council.name))[3]).toContain('Emails to this address bounce: phone them');
    // A council whose clerk's email works is not marked.
    const fine = await aCouncil({ name: unique('Working Parish Council'), clerkEmail: simulator('success') });
    expect(await (await get(`/staff/surgeries/councils/${fine.id}`, auth)).text()).not.toContain('phone them');

    expect(await htmlProblems([{ name: 'booking', html: bookingPage }, { name: 'council', html: councilPage }, { name: 'councils', html: list }])).toEqual([]);
  });

  it('is for staff: no one signed out, nor anyone without the staff role, sees the figures', async () => {
    expect((await requestsTo(siteApp).get('/staff/email')).status).toBe(401);
    expect((await requestsTo(siteApp).get('/staff/email', bearer(await noRoleToken()))).status).toBe(403);
  });
});
