/**
 * Reminders against real DynamoDB Local and the SES emulator: each is sent once even when runs overlap
 * or are retried, only to people confirmed before its time, and follows a rescheduled meeting.
 * Own table, because the timer looks at every meeting in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from './model.js';
import { type SesProxy, useSesProxy } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { exampleMeeting, exampleResident, uniqueEmail, register } from './fixtures.js';
import { cancelRegistration } from './cancelling.js';
import { cancelMeeting, createMeeting, updateMeeting } from './meetings.js';
import { listRegistrations } from './registrations.js';
import { runScheduledWork } from './scheduled.js';

let ses: SesProxy;
let emailsSent: () => Promise<void>;
beforeAll(async () => {
  emailsSent = (await useOwnTable('reminders')).caughtUp;
  ses = await useSesProxy();
});

/** A run of the timer, then its emails delivered from the stream. */
async function runTimer(now: Date) {
  const result = await runScheduledWork(now);
  await emailsSent();
  return result;
}
afterAll(() => ses?.stop());

const HOUR = 3_600_000;
const at = (iso: string, hoursBefore: number) => new Date(Date.parse(iso) - hoursBefore * HOUR);
const remindersTo = (email: string) =>
  ses.messages
    .filter((m) => m.to.includes(email))
    .map((m) => m.raw.toString().match(/^Subject: (.*)$/m)?.[1] ?? '')
    .filter((s) => s.startsWith('Reminder'));

/** A meeting starting at `startsAt` with registration open from well before its reminders. */
async function meetingStartingAt(startsAt: string, overrides: Record<string, unknown> = {}): Promise<Meeting> {
  const start = Date.parse(startsAt);
  return createMeeting(
    exampleMeeting({
      startsAt,
      endsAt: new Date(start + 2 * HOUR).toISOString(),
      registrationOpensAt: new Date(start - 30 * 24 * HOUR).toISOString(),
      registrationClosesAt: new Date(start - HOUR / 2).toISOString(),
      ...overrides,
    }),
    new Date(start - 31 * 24 * HOUR), // planned a month ahead
  );
}

describe('reminders', () => {
  it('sends each reminder exactly once when two runs overlap, and again not at all when a run is retried', async () => {
    const startsAt = '2032-03-10T19:00:00.000Z';
    const meeting = await meetingStartingAt(startsAt, { capacity: 30 });
    const people = Array.from({ length: 12 }, (_, i) => uniqueEmail(`overlap${i}`));
    // Registered together, as a rush would: one at a time, each waits for the stream to decide its place,
    // and twelve such waits on a loaded machine took this test past its time.
    await Promise.all(people.map((email) => register(meeting.id, exampleResident({ email }), at(startsAt, 24 * 7))));

    const runAt = at(startsAt, 47);
    const [first, second] = await Promise.all([runTimer(runAt), runTimer(runAt)]);
    expect(first.remindersQueued + second.remindersQueued).toBe(12);
    await runTimer(new Date(runAt.getTime() + 60_000)); // a retried run
    await runTimer(new Date(runAt.getTime() + 10 * 60_000)); // after any lease
    for (const email of people) expect(remindersTo(email)).toEqual(['Reminder: Car cruising in Kegworth is in 2 days']);

    const registrations = await listRegistrations(meeting.id);
    expect(registrations.every((r) => r.lastEmail?.kind === 'reminder-48h' && r.lastEmail.status === 'sent')).toBe(true);

    const late = at(startsAt, 1.5);
    await Promise.all([runTimer(late), runTimer(late), runTimer(late)]);
    for (const email of people)
      expect(remindersTo(email)).toEqual(['Reminder: Car cruising in Kegworth is in 2 days', 'Reminder: Car cruising in Kegworth is in 2 hours']);
  }, 90_000); // seven timer runs, each waiting for its email to be delivered from the stream

  it('does not send an earlier reminder to someone who registered after its time', async () => {
    const startsAt = '2032-04-14T18:00:00.000Z';
    const meeting = await meetingStartingAt(startsAt);
    const early = uniqueEmail('early');
    const late = uniqueEmail('late');
    await register(meeting.id, exampleResident({ email: early }), at(startsAt, 72));
    await register(meeting.id, exampleResident({ email: late }), at(startsAt, 24)); // after the 48-hour mark
    await runTimer(at(startsAt, 23));
    expect(remindersTo(early)).toEqual(['Reminder: Car cruising in Kegworth is in 2 days']);
    expect(remindersTo(late)).toEqual([]);
    await runTimer(at(startsAt, 1));
    expect(remindersTo(late)).toEqual(['Reminder: Car cruising in Kegworth is in 2 hours']);
  });

  it('sends nothing to waiting-list or cancelled registrations, or for a cancelled meeting', async () => {
    const startsAt = '2032-05-12T18:00:00.000Z';
    const meeting = await meetingStartingAt(startsAt, { capacity: 1 });
    const confirmed = uniqueEmail('confirmed');
    const waiting = uniqueEmail('waiting');
    const gone = uniqueEmail('gone');
    await register(meeting.id, exampleResident({ email: confirmed }), at(startsAt, 100));
    await register(meeting.id, exampleResident({ email: waiting }), at(startsAt, 100));
    const cancelled = await register(meeting.id, exampleResident({ email: gone }), at(startsAt, 100));
    await cancelRegistration(meeting.id, cancelled.registration.id, 'resident', at(startsAt, 99));
    await runTimer(at(startsAt, 47));
    expect(remindersTo(confirmed)).toHaveLength(1);
    expect(remindersTo(waiting)).toEqual([]);
    expect(remindersTo(gone)).toEqual([]);

    await cancelMeeting(meeting.id, 'The hall is closed for repairs');
    await emailsSent();
    await runTimer(at(startsAt, 1));
    expect(remindersTo(confirmed)).toHaveLength(1);
  });

  it("follows a rescheduled meeting's new start time", async () => {
    const firstStart = '2032-06-09T17:00:00.000Z';
    const meeting = await meetingStartingAt(firstStart);
    const email = uniqueEmail('moved');
    await register(meeting.id, exampleResident({ email }), at(firstStart, 24 * 10));
    await runTimer(at(firstStart, 47));
    expect(remindersTo(email)).toHaveLength(1);

    // Moved a week later, after the first 48-hour reminder went out.
    const newStart = '2032-06-16T17:00:00.000Z';
    const start = Date.parse(newStart);
    await updateMeeting(
      meeting.id,
      exampleMeeting({
        startsAt: newStart,
        endsAt: new Date(start + 2 * HOUR).toISOString(),
        registrationOpensAt: meeting.registrationOpensAt,
        registrationClosesAt: new Date(start - HOUR).toISOString(),
      }),
      at(firstStart, 40),
    );
    await runTimer(at(firstStart, 1)); // the old time: nothing
    expect(remindersTo(email)).toHaveLength(1);
    await runTimer(at(newStart, 47));
    await runTimer(at(newStart, 1));
    expect(remindersTo(email)).toEqual([
      'Reminder: Car cruising in Kegworth is in 2 days',
      'Reminder: Car cruising in Kegworth is in 2 days',
      'Reminder: Car cruising in Kegworth is in 2 hours',
    ]);
  });
});
