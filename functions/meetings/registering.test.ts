/**
 * Registering against real DynamoDB Local: capacity holds under a concurrent rush, a double submission
 * creates one registration, and every refusal has its own code.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForEmails } from '../../test/support/inbox.js';
import { Refusal } from '../core/refusal.js';
import { refusalStatus } from '../core/http/errors.js';
import { RepeatedSubmission, withinSubmission } from '../core/submissions.js';
import { meetingPartitionItems } from './store/registrations.js';
import { pendingRequests, saveDecisions, saveRequest } from './store/requests.js';
import { decide, decideRequests } from './deciding.js';
import { allDecided, exampleMeeting, exampleResident, uniqueEmail } from './fixtures.js';
import { createMeeting, getMeeting, updateMeeting } from './meetings.js';
import { registerForMeeting } from './registering.js';
import { listRegistrations } from './registrations.js';

const HOUR = 3_600_000;

/** What a refusal tells the person and the API: its code, message, fields and HTTP status. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  const r = error as Refusal;
  return { code: r.code, message: r.message, fields: r.fields, status: refusalStatus(r) };
}

describe('registering for a meeting', () => {
  it('confirms a place, keeps the counters and returns a reference', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }));
    const result = await registerForMeeting(meeting.id, exampleResident({ places: 3 }));
    expect(result.outcome).toBe('registered');
    const { registration, meeting: after } = result as Extract<typeof result, { outcome: 'registered' }>;
    expect(registration.status).toBe('confirmed');
    expect(registration.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(after.placesLeft).toBe(7);
    const stored = await getMeeting(meeting.id);
    expect(stored).toMatchObject({ placesLeft: 7, confirmedCount: 3, waitlistedCount: 0 });
  });

  it('never confirms more places than capacity in a concurrent rush, and waitlists the rest in arrival order', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 20, maxPlacesPerRegistration: 3 }));
    const attempts = Array.from({ length: 150 }, (_, i) => exampleResident({ email: uniqueEmail(`rush${i}`), places: (i % 3) + 1 }));
    const results = await Promise.allSettled(attempts.map((input) => registerForMeeting(meeting.id, input)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await allDecided(meeting.id);

    const registrations = await listRegistrations(meeting.id);
    expect(registrations).toHaveLength(150);
    const confirmedPlaces = registrations.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.places, 0);
    const waitlisted = registrations.filter((r) => r.status === 'waitlisted');
    expect(confirmedPlaces).toBe(20);
    expect(waitlisted.length).toBe(150 - registrations.filter((r) => r.status === 'confirmed').length);

    const stored = (await getMeeting(meeting.id))!;
    expect(stored.placesLeft).toBe(0);
    expect(stored.confirmedCount).toBe(20);
    expect(stored.waitlistedCount).toBe(waitlisted.reduce((n, r) => n + r.places, 0));

    // The waiting list (the sparse index promotion reads) is in arrival order.
    const items = await meetingPartitionItems(meeting.id);
    const waitKeys = items.filter((i) => i['gsi2pk'] === `WAITLIST#${meeting.id}`).map((i) => String(i['gsi2sk']));
    expect(waitKeys).toHaveLength(waitlisted.length);
    expect([...waitKeys].sort()).toEqual(waitlisted.map((r) => `${r.createdAt}#${r.id}`));
  });

  it('makes one registration for the same email, even when the requests arrive at once, and sends its details again', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const input = exampleResident({ email: uniqueEmail('twice') });
    const results = await Promise.all(Array.from({ length: 4 }, () => registerForMeeting(meeting.id, input)));
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'sent-again')).toHaveLength(3);
    const [registration] = await listRegistrations(meeting.id);
    expect(await listRegistrations(meeting.id)).toHaveLength(1);
    expect((await getMeeting(meeting.id))!.placesLeft).toBe(4);

    // And later, with different details: still the first registration, unchanged; its details go to the address again.
    const again = await registerForMeeting(meeting.id, { ...input, name: 'Someone Else', places: 2 });
    expect(again).toMatchObject({ outcome: 'sent-again', registrationId: registration!.id });
    expect(await listRegistrations(meeting.id)).toMatchObject([{ id: registration!.id, name: input.name, places: 1 }]);
  });

  it('treats a repeated submission (a double-click, a retried request) as one: one registration, one email', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const input = exampleResident({ email: uniqueEmail('double-click') });
    // As the form and the API run it: inside the submission, whose key the saved request claims (core/submissions.ts).
    const submission = { scope: 'form /meetings/:id/register', key: `form-${randomUUID()}` };
    const register = () => withinSubmission(submission, () => registerForMeeting(meeting.id, input, new Date()));
    const results = await Promise.allSettled(Array.from({ length: 5 }, register));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'registered')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof RepeatedSubmission)).toHaveLength(4);
    await expect(register()).rejects.toBeInstanceOf(RepeatedSubmission);
    const [registration] = await listRegistrations(meeting.id);
    expect(registration!.lastEmail?.kind).toBe('confirmation');
    const emails = await waitForEmails(input.email);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything else would have arrived by now
    expect((await waitForEmails(input.email)).length).toBe(emails.length);
    expect(emails.map((e) => e.subject)).toEqual([`Your place at ${meeting.title}: confirmed`]);
  });

  it('treats email addresses case-insensitively', async () => {
    const meeting = await createMeeting(exampleMeeting());
    const email = uniqueEmail('case');
    await registerForMeeting(meeting.id, exampleResident({ email }));
    const again = await registerForMeeting(meeting.id, exampleResident({ email: email.toUpperCase() }));
    expect(again.outcome).toBe('sent-again');
  });

  it('waitlists when full and the meeting has a waiting list, and refuses when it has none', async () => {
    const withList = await createMeeting(exampleMeeting({ capacity: 2 }));
    await registerForMeeting(withList.id, exampleResident({ places: 2 }));
    const waiting = await registerForMeeting(withList.id, exampleResident());
    expect(waiting).toMatchObject({ outcome: 'registered', registration: { status: 'waitlisted' } });

    const noList = await createMeeting(exampleMeeting({ capacity: 2, waitingList: false }));
    await registerForMeeting(noList.id, exampleResident({ places: 1 }));
    const tooMany = await refusal(registerForMeeting(noList.id, exampleResident({ places: 2 })));
    expect(tooMany.status).toBe(409);
    expect(tooMany.code).toBe('meeting_full');
    expect(tooMany.message).toBe('There is only 1 place left');
    await registerForMeeting(noList.id, exampleResident({ places: 1 }));
    const full = await refusal(registerForMeeting(noList.id, exampleResident()));
    expect(full.code).toBe('meeting_full');
    expect(full.message).toBe('This meeting is full');
  });

  it('refuses before registration opens, after it closes, after the start and for a cancelled meeting', async () => {
    const now = new Date();
    const notOpen = await createMeeting(exampleMeeting({ registrationOpensAt: new Date(now.getTime() + HOUR).toISOString() }));
    expect((await refusal(registerForMeeting(notOpen.id, exampleResident(), now))).code).toBe('registration_not_open');

    const meeting = await createMeeting(exampleMeeting({}, now, 5));
    const afterClose = new Date(Date.parse(meeting.registrationClosesAt) + 1000);
    expect((await refusal(registerForMeeting(meeting.id, exampleResident(), afterClose))).code).toBe('registration_closed');
    const afterStart = new Date(Date.parse(meeting.startsAt) + 1000);
    const started = await refusal(registerForMeeting(meeting.id, exampleResident(), afterStart));
    expect(started.code).toBe('meeting_started');
    expect(started.status).toBe(409);

    const { cancelMeeting } = await import('./meetings.js');
    await cancelMeeting(meeting.id, 'The hall is closed for repairs');
    expect((await refusal(registerForMeeting(meeting.id, exampleResident()))).code).toBe('meeting_cancelled');
  });

  it('refuses an address already registered exactly as a new one once registration has closed', async () => {
    const meeting = await createMeeting(exampleMeeting({}, new Date(), 5));
    const input = exampleResident();
    await registerForMeeting(meeting.id, input);
    const afterClose = new Date(Date.parse(meeting.registrationClosesAt) + 1000);
    const known = await refusal(registerForMeeting(meeting.id, input, afterClose));
    const unknown = await refusal(registerForMeeting(meeting.id, exampleResident(), afterClose));
    expect(known).toEqual(unknown);
    expect(known.code).toBe('registration_closed');
  });

  it('answers an unknown meeting with 404 and too many places with 400 naming places', async () => {
    const missing = await refusal(registerForMeeting('no-such-meeting', exampleResident()));
    expect(missing.status).toBe(404);

    const meeting = await createMeeting(exampleMeeting({ maxPlacesPerRegistration: 2 }));
    const tooMany = await refusal(registerForMeeting(meeting.id, exampleResident({ places: 3 })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.fields).toEqual([{ field: 'places', message: 'You can ask for up to 2 places for this meeting' }]);
    expect(await listRegistrations(meeting.id)).toHaveLength(0);
  });

  it('never commits a decision made against a meeting read before a staff edit, and decides again on the meeting as it is', async () => {
    const input = exampleMeeting();
    const meeting = await createMeeting(input);
    const readBeforeEdit = (await getMeeting(meeting.id))!;
    const now = new Date();
    const registration = { id: 'STALE2', meetingId: meeting.id, reference: 'STA-LE2', name: 'Stale', email: uniqueEmail('stale'), places: 1, status: 'requested' as const, createdAt: now.toISOString() };
    expect(await saveRequest(registration, readBeforeEdit)).toEqual({ ok: true });
    await updateMeeting(meeting.id, { ...input, startsAt: new Date(Date.parse(input.startsAt) + 3_600_000).toISOString(), endsAt: new Date(Date.parse(input.endsAt) + 3_600_000).toISOString() });

    const stale = decide(readBeforeEdit, await pendingRequests(meeting.id, 10), now);
    expect(await saveDecisions(readBeforeEdit, stale.after, stale.decisions, now.toISOString())).toEqual({ ok: false, reason: 'changed' });
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['requested']);

    // Deciding reads the meeting as it is now.
    expect((await decideRequests(meeting.id, now)).count).toBe(1);
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['confirmed']);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: input.capacity - 1, confirmedCount: 1, sequence: 1 });
  });
});
