/**
 * Deciding places from the queue of requests, with the decider driven by hand (this file's table has
 * no stream consumer but email: the test wakes the decider's Lambda as the stream would). A request is
 * answered before its place is decided; places go in arrival order, a batch at a time; a decider that
 * dies mid-queue leaves every batch whole and the next run carries on; a record delivered twice
 * decides nothing twice; a staff edit or a cancellation made meanwhile is seen; and the timer's sweep
 * only picks up what a decider has left for over a minute.
 */
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { dynamo } from '../core/store/dynamo.js';
import { app } from './app.js';
import { cancelRegistration } from './cancelling.js';
import { decide, decideBatch, DECISION_BATCH, SWEEP_AFTER_MS } from './deciding.js';
import { handler as decider } from './decider.js';
import { decideWaiting, exampleMeeting, exampleResident, requestQueued, uniqueEmail } from './fixtures.js';
import { cancelMeeting, createMeeting, getMeeting, updateMeeting } from './meetings.js';
import type { Meeting } from './model.js';
import { registerForMeeting } from './registering.js';
import { listRegistrations } from './registrations.js';
import { runScheduledWork } from './scheduled.js';
import { meetingPartitionItems } from './store/registrations.js';
import { pendingRequests, saveDecisions, saveRequest } from './store/requests.js';

beforeAll(() => useOwnTable('deciding', { delivery: 'stream', consumers: 'manual' }));

const statuses = (items: { status: string }[]) => items.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});

/** People registered one after another (so their arrival order is known), each answered before any place is decided. */
async function queued(meetingId: string, count: number, places = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await registerForMeeting(meetingId, exampleResident({ email: uniqueEmail(`q${i}`), places }));
    if (result.outcome !== 'registered') throw new Error('expected a new registration');
    ids.push(result.registration.id);
  }
  return ids;
}

/** The meeting's counters against its registrations as stored: what a half-done batch would break. */
async function countersAgainstItems(meetingId: string) {
  const registrations = await listRegistrations(meetingId);
  const placesAs = (status: string) => registrations.filter((r) => r.status === status).reduce((n, r) => n + r.places, 0);
  const meeting = (await getMeeting(meetingId))!;
  return {
    counters: { confirmedCount: meeting.confirmedCount, waitlistedCount: meeting.waitlistedCount, placesLeft: meeting.placesLeft },
    items: { confirmedCount: placesAs('confirmed'), waitlistedCount: placesAs('waitlisted'), placesLeft: meeting.capacity - placesAs('confirmed') },
  };
}

/**
 * Makes the `which`-th TransactWriteItems from now fail as a decider killed at that moment would:
 * before it reaches DynamoDB, or after DynamoDB committed it but before the answer came back. Returns
 * the way to put things back.
 */
function killAtTransaction(which: number, when: 'before it is sent' | 'after it committed'): () => void {
  const client = dynamo();
  const send = client.send;
  let seen = 0;
  client.send = (async (command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteItemsCommand && ++seen === which) {
      if (when === 'after it committed') await (send as (...args: unknown[]) => Promise<unknown>).call(client, command, ...rest);
      throw new Error(`the decider was killed ${when}`);
    }
    return (send as (...args: unknown[]) => Promise<unknown>).call(client, command, ...rest);
  }) as typeof client.send;
  return () => {
    client.send = send;
  };
}

describe('deciding places', () => {
  it('decides a batch in arrival order: places while they last, then the waiting list, and a party too big for what is left waits', () => {
    const meeting = { id: 'm', status: 'scheduled', startsAt: '2030-01-01T18:00:00.000Z', registrationOpensAt: '2029-01-01T00:00:00.000Z', registrationClosesAt: '2030-01-01T17:00:00.000Z', maxPlacesPerRegistration: 3, waitingList: true, placesLeft: 4, confirmedCount: 6, waitlistedCount: 0, endsAt: '2030-01-01T20:00:00.000Z' } as Meeting;
    const request = (id: string, places: number) => ({ registrationId: id, places, createdAt: `2029-06-01T10:00:0${id}.000Z`, email: `${id}@example.org` });
    const { decisions, after } = decide(meeting, [request('1', 3), request('2', 2), request('3', 1), request('4', 1)]);
    expect(decisions.map((d) => [d.request.registrationId, d.as, d.outboxEmail.kind])).toEqual([
      ['1', 'confirmed', 'confirmation'],
      ['2', 'waitlisted', 'waitlisted'],
      ['3', 'confirmed', 'confirmation'],
      ['4', 'waitlisted', 'waitlisted'],
    ]);
    expect(after).toEqual({ placesLeft: 0, confirmedCount: 10, waitlistedCount: 3 });
    // Each decided as of its arrival: its email is dated then, however long the queue took.
    expect(decisions.map((d) => d.outboxEmail.createdAt)).toEqual(['1', '2', '3', '4'].map((id) => `2029-06-01T10:00:0${id}.000Z`));
  });

  it('cuts a batch to fit one transaction: 32 decisions, or 24 when every one is refused (each frees an address)', () => {
    const meeting = { id: 'm', status: 'scheduled', startsAt: '2030-01-01T18:00:00.000Z', registrationOpensAt: '2029-01-01T00:00:00.000Z', registrationClosesAt: '2030-01-01T17:00:00.000Z', maxPlacesPerRegistration: 1, waitingList: false, placesLeft: 40, confirmedCount: 0, waitlistedCount: 0, endsAt: '2030-01-01T20:00:00.000Z' } as Meeting;
    const requests = Array.from({ length: DECISION_BATCH }, (_, i) => ({ registrationId: `r${i}`, places: 1, createdAt: `2029-06-01T10:00:${String(i).padStart(2, '0')}.000Z`, email: `r${i}@example.org` }));
    expect(decideBatch(meeting, requests).decisions).toHaveLength(32);
    const full = decideBatch({ ...meeting, placesLeft: 0 }, requests);
    expect(full.decisions).toHaveLength(24);
    expect(full.decisions.every((d) => d.as === 'refused')).toBe(true);
    // Mixed: 10 places, then refusals: 10 × 3 + 17 × 4 + 2 for the meeting and its figures = 100 actions.
    const mixed = decideBatch({ ...meeting, placesLeft: 10 }, requests);
    expect(statuses(mixed.decisions.map((d) => ({ status: d.as })))).toEqual({ confirmed: 10, refused: 17 });
    expect(mixed.after).toEqual({ placesLeft: 0, confirmedCount: 10, waitlistedCount: 0 });
  });

  it('answers a registration before its place is decided: 202, still requested and queued, until the decider is woken', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const email = uniqueEmail('answered-first');
    const answer = await app.request(`/api/meetings/${meeting.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sam Early', email, places: 2, privacyAccepted: true }),
    });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ status: 'accepted', message: `We have sent the details of your registration to ${email}` });
    // Answered, and nothing has decided it: the request did not wait for a decision.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [waiting] = await listRegistrations(meeting.id);
    expect(waiting).toMatchObject({ email, status: 'requested' });
    expect(await pendingRequests(meeting.id, 10)).toEqual([{ registrationId: waiting!.id, places: 2, createdAt: waiting!.createdAt, email }]);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 5, confirmedCount: 0 });

    // The stream wakes the decider: it decides the queue, as of when the request arrived.
    expect(await decider.handleRecords([requestQueued(meeting.id)])).toEqual({ meetings: 1, decided: 1 });
    const [decided] = await listRegistrations(meeting.id);
    expect(decided).toMatchObject({ status: 'confirmed', confirmedAt: waiting!.createdAt, lastEmail: { kind: 'confirmation' } });
    expect(await pendingRequests(meeting.id, 10)).toEqual([]);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 3, confirmedCount: 2 });
    expect((await waitForEmail(email, `Your 2 places at ${meeting.title}: confirmed`)).body.text).toContain(decided!.reference);
  });

  it('decides in arrival order across batches: the first to ask get the places, the rest wait in the order they asked', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 40, maxPlacesPerRegistration: 1 }));
    const arrivals = await queued(meeting.id, 75);
    expect(await decideWaiting(meeting.id)).toEqual({ meetings: 1, decided: 75 });

    const registrations = await listRegistrations(meeting.id);
    const byId = new Map(registrations.map((r) => [r.id, r]));
    expect(arrivals.map((id) => byId.get(id)!.status)).toEqual([...Array(40).fill('confirmed'), ...Array(35).fill('waitlisted')]);
    // The waiting list (the index promotion reads, oldest first) is in the same order.
    const waitKeys = (await meetingPartitionItems(meeting.id)).filter((i) => i['gsi2pk'] === `WAITLIST#${meeting.id}`).map((i) => String(i['gsi2sk']));
    expect(waitKeys.sort()).toEqual(arrivals.slice(40).map((id) => `${byId.get(id)!.createdAt}#${id}`));
    const { counters, items } = await countersAgainstItems(meeting.id);
    expect(counters).toEqual({ confirmedCount: 40, waitlistedCount: 35, placesLeft: 0 });
    expect(counters).toEqual(items);
  });

  it('leaves nothing half-done when the decider dies mid-queue, and its next run (the stream’s retry) carries on without deciding anyone twice', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10, maxPlacesPerRegistration: 1 }));
    const arrivals = await queued(meeting.id, 70); // three batches: 32, 32 and 6

    // Killed before its second batch reached DynamoDB: the first batch stands whole, the rest still wait.
    let restore = killAtTransaction(2, 'before it is sent');
    await expect(decideWaiting(meeting.id)).rejects.toThrow(/not all decided/);
    restore();
    let registrations = await listRegistrations(meeting.id);
    expect(statuses(registrations)).toEqual({ confirmed: 10, waitlisted: 22, requested: 38 });
    expect(await pendingRequests(meeting.id, 100)).toHaveLength(38);
    let { counters, items } = await countersAgainstItems(meeting.id);
    expect(counters).toEqual({ confirmedCount: 10, waitlistedCount: 22, placesLeft: 0 });
    expect(counters).toEqual(items);

    // The retry is killed after DynamoDB committed its first batch but before the answer came back.
    restore = killAtTransaction(1, 'after it committed');
    await expect(decideWaiting(meeting.id)).rejects.toThrow(/not all decided/);
    restore();
    registrations = await listRegistrations(meeting.id);
    expect(statuses(registrations)).toEqual({ confirmed: 10, waitlisted: 54, requested: 6 });
    ({ counters, items } = await countersAgainstItems(meeting.id));
    expect(counters).toEqual(items);

    // The next retry finishes the queue; one more (a record delivered again) finds nothing to do.
    expect(await decideWaiting(meeting.id)).toEqual({ meetings: 1, decided: 6 });
    expect(await decideWaiting(meeting.id)).toEqual({ meetings: 1, decided: 0 });
    registrations = await listRegistrations(meeting.id);
    const byId = new Map(registrations.map((r) => [r.id, r]));
    expect(arrivals.map((id) => byId.get(id)!.status)).toEqual([...Array(10).fill('confirmed'), ...Array(60).fill('waitlisted')]);
    ({ counters, items } = await countersAgainstItems(meeting.id));
    expect(counters).toEqual({ confirmedCount: 10, waitlistedCount: 60, placesLeft: 0 });
    expect(counters).toEqual(items);
    // Each decided exactly once: one email queued for each.
    const stored = (await meetingPartitionItems(meeting.id)).filter((i) => String(i['sk']).startsWith('REG#'));
    expect(stored.map((i) => (i['outboxIds'] as string[]).length)).toEqual(Array(70).fill(1));
  }, 60_000);

  it('decides everyone once when two deciders work the same queue at once (a record delivered twice, or the sweep beside the stream)', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 20, maxPlacesPerRegistration: 1 }));
    await queued(meeting.id, 50);
    const [a, b] = await Promise.all([decideWaiting(meeting.id), decideWaiting(meeting.id)]);
    expect(a.decided + b.decided).toBe(50);
    const { counters, items } = await countersAgainstItems(meeting.id);
    expect(counters).toEqual({ confirmedCount: 20, waitlistedCount: 30, placesLeft: 0 });
    expect(counters).toEqual(items);
    const stored = (await meetingPartitionItems(meeting.id)).filter((i) => String(i['sk']).startsWith('REG#'));
    expect(stored.map((i) => (i['outboxIds'] as string[]).length)).toEqual(Array(50).fill(1));
  });

  it('refuses, by email, the requests that arrive once a meeting without a waiting list is full', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 3, waitingList: false, maxPlacesPerRegistration: 1 }));
    const people = Array.from({ length: 8 }, (_, i) => exampleResident({ email: uniqueEmail(`full${i}`) }));
    // All read the meeting with places left, so all are accepted; their places are decided in arrival order.
    for (const p of people) expect((await registerForMeeting(meeting.id, p)).outcome).toBe('registered');
    await decideWaiting(meeting.id);
    const registrations = await listRegistrations(meeting.id);
    expect(registrations.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'refused', 'refused', 'refused', 'refused', 'refused']);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 3, waitlistedCount: 0 });
    const refused = registrations.filter((r) => r.status === 'refused');
    for (const r of refused) {
      const email = await waitForEmail(r.email, 'No place at Car cruising in Kegworth');
      expect(email.body.text).toContain('all the places were taken before we could give you one');
      expect(email.body.text).not.toContain('/manage/');
    }
    // Now it reads full: refused at once. A refused address is free to register again, for a place a cancellation frees.
    await expect(registerForMeeting(meeting.id, exampleResident())).rejects.toMatchObject({ code: 'meeting_full' });
    await cancelRegistration(meeting.id, registrations[0]!.id, 'staff');
    expect(await registerForMeeting(meeting.id, exampleResident({ email: refused[0]!.email }))).toMatchObject({ outcome: 'registered', registration: { status: 'requested' } });
    await decideWaiting(meeting.id);
    expect((await listRegistrations(meeting.id)).filter((r) => r.email === refused[0]!.email).map((r) => r.status)).toEqual(['refused', 'confirmed']);
  });

  it('never commits a decision made against a meeting read before a staff edit, and decides again on the meeting as it is', async () => {
    const input = exampleMeeting();
    const meeting = await createMeeting(input);
    const readBeforeEdit = (await getMeeting(meeting.id))!;
    const registration = { id: 'STALE2', meetingId: meeting.id, reference: 'STA-LE2', name: 'Stale', email: uniqueEmail('stale'), places: 1, status: 'requested' as const, createdAt: new Date().toISOString() };
    expect(await saveRequest(registration, readBeforeEdit)).toEqual({ ok: true });
    await updateMeeting(meeting.id, { ...input, startsAt: new Date(Date.parse(input.startsAt) + 3_600_000).toISOString(), endsAt: new Date(Date.parse(input.endsAt) + 3_600_000).toISOString() });

    const stale = decide(readBeforeEdit, await pendingRequests(meeting.id, 10));
    expect(await saveDecisions(readBeforeEdit, stale.after, stale.decisions)).toEqual({ ok: false, reason: 'changed' });
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['requested']);

    // The decider reads the meeting as it is now.
    expect(await decideWaiting(meeting.id)).toEqual({ meetings: 1, decided: 1 });
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['confirmed']);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: input.capacity - 1, confirmedCount: 1, sequence: 1 });
  });

  it('tells requests still waiting when the meeting is cancelled that there is no place', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const email = uniqueEmail('late');
    await registerForMeeting(meeting.id, exampleResident({ email }));
    await cancelMeeting(meeting.id, 'The hall is closed for repairs');
    await decideWaiting(meeting.id);
    expect(await listRegistrations(meeting.id)).toMatchObject([{ status: 'refused', refusedReason: 'cancelled' }]);
    expect(await getMeeting(meeting.id)).toMatchObject({ confirmedCount: 0, placesLeft: 5 });
    const sent = await waitForEmail(email, 'No place at Car cruising in Kegworth');
    expect(sent.body.text).toContain('the meeting has been cancelled');
  });

  it('leaves a queue to its decider: the timer’s sweep decides only requests that have waited over a minute', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    await registerForMeeting(meeting.id, exampleResident());
    const now = new Date();
    expect((await runScheduledWork(now)).requestsDecided).toBe(0);
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['requested']);
    // A minute on, nothing has decided it (the decider kept failing, say): the sweep does.
    expect((await runScheduledWork(new Date(now.getTime() + SWEEP_AFTER_MS + 1_000))).requestsDecided).toBe(1);
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['confirmed']);
  });
});
