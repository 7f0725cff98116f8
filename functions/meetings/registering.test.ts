/**
 * Registering against real DynamoDB Local, on the shared test table whose stream drives the meetings
 * decider as in AWS: a request only saves and answers (reading at most twice), its place is decided
 * moments later by the decider; capacity holds under a concurrent rush, a double submission creates
 * one registration, and every refusal has its own code.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForEmails } from '../../test/support/inbox.js';
import { Refusal } from '../core/refusal.js';
import { refusalStatus } from '../core/http/errors.js';
import { dynamo } from '../core/store/dynamo.js';
import { RepeatedSubmission, withinSubmission } from '../core/submissions.js';
import { app } from './app.js';
import { meetingPartitionItems } from './store/registrations.js';
import { allDecided, decided, exampleMeeting, exampleResident, register, uniqueEmail } from './fixtures.js';
import { createMeeting, getMeeting } from './meetings.js';
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

/** Every DynamoDB command this process sends while `work` runs, by name (the client's `send`, wrapped). */
async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const client = dynamo();
  const send = client.send;
  const sent: string[] = [];
  client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    sent.push(command.constructor.name.replace(/Command$/, ''));
    return (send as (...args: unknown[]) => Promise<unknown>).call(client, command, ...rest);
  }) as typeof client.send;
  try {
    await work();
  } finally {
    client.send = send;
  }
  return sent;
}
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

describe('registering for a meeting', () => {
  it('answers once the request is saved, and the decider, woken by the table’s stream, confirms the place moments later', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }));
    const result = await registerForMeeting(meeting.id, exampleResident({ places: 3 }));
    expect(result.outcome).toBe('registered');
    const { registration } = result as Extract<typeof result, { outcome: 'registered' }>;
    // The answer does not wait for the place: it is still to be decided.
    expect(registration.status).toBe('requested');
    expect(registration.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);

    // No timer runs here (and the sweep leaves a request alone for a minute): the stream's decider decides it.
    const startedWaiting = Date.now();
    expect(await decided(meeting.id, registration.id, 10_000)).toMatchObject({ status: 'confirmed', confirmedAt: registration.createdAt, places: 3 });
    expect(Date.now() - startedWaiting).toBeLessThan(10_000);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 7, confirmedCount: 3, waitlistedCount: 0 });
  });

  it('reads twice on the request path, for a new address and a known one alike (the submission key and the meeting), never in a loop', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }));
    const email = uniqueEmail('reads');
    const post = (key: string) =>
      app.request(`/api/meetings/${meeting.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ name: 'Rea Dcount', email, places: 1, privacyAccepted: true }),
      });
    let status = 0;
    const asNew = await commandsDuring(async () => (status = (await post(`reads-${randomUUID()}`)).status));
    expect(status).toBe(202);
    expect(asNew.filter((c) => READS.has(c))).toEqual(['GetItem', 'GetItem']);
    await decided(meeting.id, (await listRegistrations(meeting.id))[0]!.id);
    const asKnown = await commandsDuring(async () => (status = (await post(`reads-${randomUUID()}`)).status));
    expect(status).toBe(202);
    expect(asKnown.filter((c) => READS.has(c))).toEqual(['GetItem', 'GetItem']);
    // And what it writes: the request (one transaction) and the answer kept with the key; for a known
    // address, the claim that refuses it (a transaction that changes nothing), then the details sent again.
    expect(asNew.filter((c) => !READS.has(c))).toEqual(['TransactWriteItems', 'UpdateItem']);
    expect(asKnown.filter((c) => !READS.has(c))).toEqual(['TransactWriteItems', 'TransactWriteItems', 'UpdateItem']);
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
    await allDecided(meeting.id);
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
    expect((await decided(meeting.id, registration!.id)).lastEmail?.kind).toBe('confirmation');
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
    // Each waits for its place to be decided (register), as a person does between the form and the email.
    const withList = await createMeeting(exampleMeeting({ capacity: 2 }));
    await register(withList.id, exampleResident({ places: 2 }));
    const waiting = await register(withList.id, exampleResident());
    expect(waiting).toMatchObject({ outcome: 'registered', registration: { status: 'waitlisted' } });

    const noList = await createMeeting(exampleMeeting({ capacity: 2, waitingList: false }));
    await register(noList.id, exampleResident({ places: 1 }));
    const tooMany = await refusal(registerForMeeting(noList.id, exampleResident({ places: 2 })));
    expect(tooMany.status).toBe(409);
    expect(tooMany.code).toBe('meeting_full');
    expect(tooMany.message).toBe('There is only 1 place left');
    await register(noList.id, exampleResident({ places: 1 }));
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
});
