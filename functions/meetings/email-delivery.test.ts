/**
 * Meetings email when SES cannot be reached (the proxy in front of the emulator drops every
 * connection): the registration still stands, the stream's attempt fails and leaves the email pending
 * with its error, and meetings' delivery timer sends it once SES is back, never twice, and gives up after
 * MAX_ATTEMPTS. A change of venue reaches everyone registered exactly once. Own table, because the
 * timer sends every due email in it.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { waitForEmails, manageTokenIn, type SesProxy, useSesProxy } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { logger } from '../core/log.js';
import { MAX_ATTEMPTS } from '../core/outbox/delivery.js';
import { emailsDue, getOutboxEmail } from '../core/outbox/outbox.js';
import { handler as delivery } from './delivery.js';
import { allDecided, exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';
import { registerForMeeting } from './registering.js';
import { createMeeting, getMeeting, updateMeeting } from './meetings.js';
import { findRegistrationByManageToken, listRegistrations } from './registrations.js';
import * as store from './store/registrations.js';

let ses: SesProxy;
beforeAll(async () => {
  await useOwnTable('email-delivery');
  ses = await useSesProxy();
});
afterAll(() => ses?.stop());

const MINUTE = 60_000;
const sentTo = (email: string) => ses.messages.filter((m) => m.to.includes(email)).length;

async function latestEmailFor(meetingId: string, registrationId: string) {
  const registration = (await store.getRegistration(meetingId, registrationId))!;
  return getOutboxEmail(registration.lastEmailRef!.id);
}

/** Waits until the stream's delivery has tried this registration's latest email `attempts` times. */
async function attempted(meetingId: string, registrationId: string, attempts = 1) {
  await expect.poll(async () => (await latestEmailFor(meetingId, registrationId))?.attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(attempts);
  await expect.poll(async () => (await latestEmailFor(meetingId, registrationId))?.leaseUntil, { timeout: 10_000 }).toBeUndefined();
  return (await latestEmailFor(meetingId, registrationId))!;
}

describe('when SES cannot be reached', () => {
  it('keeps the registration, leaves the email pending, and sends it on a later run', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const email = uniqueEmail('outage');
    ses.setDown(true);
    const now = new Date();
    const { registration } = await register(meeting.id, exampleResident({ email, places: 2 }), now);
    expect(registration.status).toBe('confirmed');
    expect(registration.lastEmail).toMatchObject({ kind: 'confirmation', status: 'pending' });
    expect((await getMeeting(meeting.id))!.placesLeft).toBe(3);

    // The stream tried at once and failed: pending, with its error, due again later.
    const pending = await attempted(meeting.id, registration.id, 1);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.lastError).toBeTruthy();
    expect(pending.nextAttemptAt > now.toISOString()).toBe(true);
    expect((await emailsDue('meetings', pending.nextAttemptAt)).map((e) => e.id)).toContain(pending.id);
    const [stored] = await listRegistrations(meeting.id);
    expect(stored!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'pending' });
    expect(stored!.lastEmail!.error).toBeDefined();

    // Still down on the timer's next run: a second attempt, a longer wait.
    const secondRun = new Date(Date.parse(pending.nextAttemptAt) + 1000);
    const down = await delivery.deliverDue(secondRun);
    expect(down.failed).toBeGreaterThanOrEqual(1);
    const afterSecond = (await latestEmailFor(meeting.id, registration.id))!;
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(afterSecond.nextAttemptAt) - secondRun.getTime()).toBeGreaterThan(1.5 * MINUTE);

    // SES is back: the next due run sends it, once.
    ses.setDown(false);
    const thirdRun = new Date(Date.parse(afterSecond.nextAttemptAt) + 1000);
    const up = await delivery.deliverDue(thirdRun);
    expect(up.sent).toBeGreaterThanOrEqual(1);
    expect(sentTo(email)).toBe(1);
    const sent = (await latestEmailFor(meeting.id, registration.id))!;
    expect(sent.status).toBe('sent');
    expect((await emailsDue('meetings', new Date(thirdRun.getTime() + 24 * 60 * MINUTE).toISOString())).map((e) => e.id)).not.toContain(sent.id);
    expect((await listRegistrations(meeting.id))[0]!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'sent' });

    // The email, rendered at send time, carries a working manage link minted then.
    // Parsed, not matched in the raw MIME: quoted-printable may fold the link across lines.
    const parsed = await simpleParser(ses.messages.find((m) => m.to.includes(email))!.raw);
    const token = manageTokenIn(parsed.text);
    expect(token).toBeDefined();
    expect((await findRegistrationByManageToken(token!, thirdRun))?.registration.id).toBe(registration.id);

    await delivery.deliverDue(new Date(thirdRun.getTime() + 120 * MINUTE));
    expect(sentTo(email)).toBe(1);
  });

  it('never sends an email twice when timer runs claim it at the same moment', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const people = Array.from({ length: 6 }, (_, i) => uniqueEmail(`race${i}`));
    ses.setDown(true);
    const registered = [];
    for (const email of people) registered.push(await register(meeting.id, exampleResident({ email })));
    for (const r of registered) await attempted(meeting.id, r.registration.id, 1);
    ses.setDown(false);
    const due = new Date(Date.now() + 3 * MINUTE);
    const results = await Promise.all([delivery.deliverDue(due), delivery.deliverDue(due), delivery.deliverDue(due)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(6);
    for (const email of people) expect(sentTo(email)).toBe(1);
  });

  it(`marks the email failed after ${MAX_ATTEMPTS} attempts, and staff can see it`, async () => {
    const meeting = await createMeeting(exampleMeeting());
    const email = uniqueEmail('never');
    ses.setDown(true);
    const { registration } = await register(meeting.id, exampleResident({ email }));
    let pending = await attempted(meeting.id, registration.id, 1);
    let now = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(pending.status).toBe('pending');
      now = Date.parse(pending.nextAttemptAt) + 1000;
      await delivery.deliverDue(new Date(now));
      pending = (await latestEmailFor(meeting.id, registration.id))!;
    }
    expect(pending).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect((await emailsDue('meetings', new Date(now + 7 * 24 * 60 * MINUTE).toISOString())).map((e) => e.id)).not.toContain(pending.id);
    expect((await listRegistrations(meeting.id))[0]!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'failed' });
    ses.setDown(false);
    expect(sentTo(email)).toBe(0);
  });
});

describe('when SES refuses an address', () => {
  it('retries, and no log line holds the address, though SES quoted it back', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const email = uniqueEmail('unverified');
    const lines: string[] = [];
    const capture = (chunk: unknown) => (lines.push(String(chunk)), true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    logger.setLogLevel('WARN');
    ses.rejectWith(`Email address is not verified. The following identities failed the check in region EU-WEST-2: ${email}`);
    try {
      const { registration } = await register(meeting.id, exampleResident({ email }));
      const pending = await attempted(meeting.id, registration.id, 1);
      expect(pending.lastError).toContain('MessageRejected');
    } finally {
      ses.rejectWith(undefined);
      logger.setLogLevel('ERROR');
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const logged = lines.join('');
    expect(logged).toContain('email not sent');
    expect(logged).toContain('[email]');
    expect(logged).not.toContain(email);
  });
});

describe('a change of venue', () => {
  it('reaches everyone registered once, each as their latest email, with an updated invite', async () => {
    ses.setDown(false);
    const input = exampleMeeting({ capacity: 40 });
    const meeting = await createMeeting(input);
    const people = Array.from({ length: 30 }, (_, i) => uniqueEmail(`fan${i}`));
    for (const email of people) await registerForMeeting(meeting.id, exampleResident({ email }));
    await allDecided(meeting.id); // all confirmed, by the decider, before the change
    await updateMeeting(meeting.id, { ...input, venue: 'Kegworth Methodist Church' });
    for (const email of people) {
      const emails = await waitForEmails(email, { until: (all) => all.some((e) => e.subject.startsWith('Changed:')) });
      expect(emails.filter((e) => e.subject.startsWith('Changed:')), email).toHaveLength(1);
    }
    const registrations = await listRegistrations(meeting.id);
    expect(registrations.every((r) => r.lastEmail?.kind === 'meeting-changed')).toBe(true);
    // Nothing more goes out on later timer runs.
    await delivery.deliverDue(new Date(Date.now() + 10 * MINUTE));
    for (const email of people) expect(ses.messages.filter((m) => m.to.includes(email) && m.raw.toString().includes('Subject: Changed:'))).toHaveLength(1);
    // 60 emails (30 confirmations, then the notice fanned out in two chunks) at meetings' send rate of 14 a
    // second take 5 s at best; under a whole test run's load, three or four times that.
  }, 90_000);
});
