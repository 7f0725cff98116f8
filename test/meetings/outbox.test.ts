/**
 * Email reliability with SES unreachable (the proxy in front of the emulator drops every connection):
 * the registration still stands, the email waits on the pending index with its attempts and error,
 * and the scheduled job sends it once SES is back, never twice, and gives up after MAX_ATTEMPTS.
 * Own table, because the scheduled job sends every due email in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, deliver, deliverDueEmails, newEmail } from '../../functions/meetings/outbox.js';
import { simpleParser } from 'mailparser';
import {
  createMeeting,
  findRegistrationByManageToken,
  getMeeting,
  listRegistrations,
  registerForMeeting,
  runScheduledWork,
} from '../../functions/meetings/service.js';
import * as store from '../../functions/meetings/store.js';
import { manageTokenIn, meetingFor, resident, uniqueEmail, useOwnTable, useSesProxy, type SesProxy } from './support.js';

let ses: SesProxy;
beforeAll(async () => {
  await useOwnTable('outbox');
  ses = await useSesProxy();
});
afterAll(() => ses?.stop());

const MINUTE = 60_000;
const sentTo = (email: string) => ses.messages.filter((m) => m.to.includes(email)).length;

async function pendingEmailFor(meetingId: string, registrationId: string) {
  const items = await store.meetingPartitionItems(meetingId);
  const registration = items.find((i) => i['id'] === registrationId)!;
  return store.getOutboxEmail((registration['lastEmail'] as { id: string }).id);
}

describe('when SES cannot be reached', () => {
  it('keeps the registration, leaves the email pending, and sends it on a later run', async () => {
    const meeting = await createMeeting(meetingFor({ capacity: 5 }));
    const email = uniqueEmail('outage');
    ses.setDown(true);
    const now = new Date();
    const { registration, created } = await registerForMeeting(meeting.id, resident({ email, places: 2 }), now);
    expect(created).toBe(true);
    expect(registration.status).toBe('confirmed');
    expect(registration.lastEmail).toMatchObject({ kind: 'confirmation', status: 'pending' });
    expect((await getMeeting(meeting.id))!.placesLeft).toBe(3);

    const [stored] = await listRegistrations(meeting.id);
    expect(stored!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'pending' });
    expect(stored!.lastEmail!.error).toBeDefined();
    const pending = (await pendingEmailFor(meeting.id, registration.id))!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.lastError).toBeTruthy();
    expect(pending.nextAttemptAt > now.toISOString()).toBe(true);
    expect((await store.emailsDue(pending.nextAttemptAt)).map((e) => e.id)).toContain(pending.id);

    // Still down on the next run: a second attempt, a longer wait.
    const secondRun = new Date(Date.parse(pending.nextAttemptAt) + 1000);
    const down = await runScheduledWork(secondRun);
    expect(down.emailsFailed).toBeGreaterThanOrEqual(1);
    const afterSecond = (await pendingEmailFor(meeting.id, registration.id))!;
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(afterSecond.nextAttemptAt) - secondRun.getTime()).toBeGreaterThan(1.5 * MINUTE);

    // SES is back: the next due run sends it, once.
    ses.setDown(false);
    const thirdRun = new Date(Date.parse(afterSecond.nextAttemptAt) + 1000);
    const up = await runScheduledWork(thirdRun);
    expect(up.emailsSent).toBeGreaterThanOrEqual(1);
    expect(sentTo(email)).toBe(1);
    const sent = (await pendingEmailFor(meeting.id, registration.id))!;
    expect(sent.status).toBe('sent');
    expect((await store.emailsDue(new Date(thirdRun.getTime() + 24 * 60 * MINUTE).toISOString())).map((e) => e.id)).not.toContain(sent.id);
    expect((await listRegistrations(meeting.id))[0]!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'sent' });

    // The email, rendered at send time, carries a working manage link minted then.
    // Parsed, not matched in the raw MIME: quoted-printable may fold the link across lines.
    const parsed = await simpleParser(ses.messages.find((m) => m.to.includes(email))!.raw);
    const token = manageTokenIn(parsed.text);
    expect(token).toBeDefined();
    expect((await findRegistrationByManageToken(token!, thirdRun))?.registration.id).toBe(registration.id);

    await runScheduledWork(new Date(thirdRun.getTime() + 120 * MINUTE));
    expect(sentTo(email)).toBe(1);
  });

  it('never sends an email twice when two runs claim it at the same moment', async () => {
    const meeting = await createMeeting(meetingFor());
    const people = Array.from({ length: 6 }, (_, i) => uniqueEmail(`race${i}`));
    ses.setDown(true);
    for (const email of people) await registerForMeeting(meeting.id, resident({ email }));
    ses.setDown(false);
    const due = new Date(Date.now() + 3 * MINUTE);
    const results = await Promise.all([deliverDueEmails(due), deliverDueEmails(due), deliverDueEmails(due)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(6);
    for (const email of people) expect(sentTo(email)).toBe(1);
  });

  it(`marks the email failed after ${MAX_ATTEMPTS} attempts, and staff can see it`, async () => {
    const meeting = await createMeeting(meetingFor());
    const email = uniqueEmail('never');
    ses.setDown(true);
    const { registration } = await registerForMeeting(meeting.id, resident({ email }));
    let now = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const pending = (await pendingEmailFor(meeting.id, registration.id))!;
      expect(pending.status).toBe('pending');
      now = Date.parse(pending.nextAttemptAt) + 1000;
      await deliverDueEmails(new Date(now));
    }
    const failed = (await pendingEmailFor(meeting.id, registration.id))!;
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect((await store.emailsDue(new Date(now + 7 * 24 * 60 * MINUTE).toISOString())).map((e) => e.id)).not.toContain(failed.id);
    expect((await listRegistrations(meeting.id))[0]!.lastEmail).toMatchObject({ kind: 'confirmation', status: 'failed' });
    ses.setDown(false);
    expect(sentTo(email)).toBe(0);
  });

  it('resumes a fan-out cut short by its time limit, emailing each person once', async () => {
    ses.setDown(false);
    const meeting = await createMeeting(meetingFor({ capacity: 40 }));
    const people = Array.from({ length: 30 }, (_, i) => uniqueEmail(`fan${i}`));
    for (const email of people) await registerForMeeting(meeting.id, resident({ email }));
    const before = (await getMeeting(meeting.id))!;
    const now = new Date();
    const after = { ...before, venue: 'Kegworth Methodist Church', sequence: before.sequence + 1, updatedAt: new Date(now.getTime() + 1).toISOString() };
    const notice = newEmail('meeting-changed', after, undefined, now, { changes: ['venue'] });
    expect(await store.saveMeetingEdits(before, after, notice)).toEqual({ ok: true });

    // Out of time after the first chunk (25 people): the rest waits for the scheduled job.
    const first = await deliver(notice, now, {}, Date.now() + 50);
    expect(first.sent).toBe(25);
    expect((await store.getOutboxEmail(notice.email.id))!).toMatchObject({ status: 'pending' });
    await runScheduledWork(new Date(now.getTime() + 30_000)); // still leased: nothing happens
    await runScheduledWork(new Date(now.getTime() + 5 * MINUTE));
    expect((await store.getOutboxEmail(notice.email.id))!.status).toBe('sent');
    for (const email of people) {
      const changed = ses.messages.filter((m) => m.to.includes(email) && m.raw.toString().includes('Subject: Changed:'));
      expect(changed, email).toHaveLength(1);
    }
  });
});
