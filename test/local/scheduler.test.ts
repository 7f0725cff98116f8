/**
 * The scheduled work `npm start` runs, wired as `npm start` wires it (startPlatformSchedule), on a
 * one-second interval against DynamoDB Local and the SES emulator: each capability's scheduled Lambda
 * handler, each emailing capability's delivery function on its timer and the platform timer, invoked
 * with an EventBridge event and a Lambda context as AWS invokes them. A reminder goes out and a request
 * left by a decider that kept failing is decided by the sweep, and no run fails. Its own table, whose
 * stream nobody reads: every email here is sent by meetings' delivery timer, and no decider is woken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformSchedule, type Schedule } from '../../local/scheduler.js';
import { waitForEmail } from '../support/inbox.js';
import { useOwnTable } from '../support/own-table.js';
import { decideWaiting, exampleMeeting, exampleResident, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { createMeeting, getMeeting } from '../../functions/meetings/meetings.js';
import type { Registration } from '../../functions/meetings/model.js';
import { newRegistrationId, referenceFor } from '../../functions/meetings/references.js';
import { registerForMeeting } from '../../functions/meetings/registering.js';
import { getRegistration } from '../../functions/meetings/store/registrations.js';
import { saveRequest } from '../../functions/meetings/store/requests.js';

const HOUR = 3_600_000;
const lines: string[] = [];
let schedule: Schedule | undefined;

beforeAll(() => useOwnTable('scheduler', { delivery: 'manual' }));
afterAll(() => schedule?.stop());

describe('the local scheduler', () => {
  it('invokes the scheduled handlers as AWS does: reminders go out, stranded requests are decided, no run fails', async () => {
    const now = Date.now();
    // A meeting tomorrow evening, planned a month ago, with a resident confirmed a week ago.
    const startsAt = new Date(now + 30 * HOUR).toISOString();
    const meeting = await createMeeting(
      exampleMeeting({
        startsAt,
        endsAt: new Date(now + 32 * HOUR).toISOString(),
        registrationOpensAt: new Date(now - 30 * 24 * HOUR).toISOString(),
        registrationClosesAt: new Date(now + 29 * HOUR).toISOString(),
        capacity: 10,
      }),
      new Date(now - 31 * 24 * HOUR),
    );
    const confirmed = uniqueEmail('reminded');
    await registerForMeeting(meeting.id, exampleResident({ email: confirmed }), new Date(now - 7 * 24 * HOUR));
    await decideWaiting(meeting.id); // as the stream's decider did then

    // A request saved five minutes ago whose decider kept failing (as when DynamoDB went away mid-rush):
    // nothing else will decide it.
    const stranded = uniqueEmail('stranded');
    const id = newRegistrationId();
    const request: Registration = { id, meetingId: meeting.id, reference: referenceFor(id), name: 'Sam Stranded', email: stranded, places: 1, status: 'requested', createdAt: new Date(now - 5 * 60_000).toISOString() };
    expect(await saveRequest(request, (await getMeeting(meeting.id))!)).toEqual({ ok: true });

    ({ schedule } = await startPlatformSchedule({ overrideSeconds: 1, log: (line) => lines.push(line) }));

    expect((await waitForEmail(confirmed, /^Reminder: /, 20_000)).subject).toContain(meeting.title);
    await expect.poll(async () => (await getRegistration(meeting.id, id, { consistent: true }))?.status, { timeout: 20_000 }).toBe('confirmed');
    expect((await waitForEmail(stranded, meeting.title, 20_000)).body.text).toContain(referenceFor(id));

    await schedule.stop();
    const runs = (job: string) => lines.filter((line) => line.startsWith(`[${job}] scheduled run`));
    for (const job of ['meetings', 'surgeries', 'meetings-delivery', 'surgeries-delivery', 'consultations-delivery', 'platform']) {
      expect(runs(job).length, `${job} ran`).toBeGreaterThan(0);
      expect(runs(job).filter((line) => line.includes('scheduled run failed')), `${job} failed`).toEqual([]);
    }
  });
});
