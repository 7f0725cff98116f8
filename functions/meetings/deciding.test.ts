/**
 * Deciding places from the queue of requests: in arrival order, full without a waiting list refused by
 * email, one decider at a time (the lease), a request a crashed decider left behind decided by the
 * sweep, and requests for a meeting cancelled before their decision told there is no place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { cancelRegistration } from './cancelling.js';
import { decide, decideRequests } from './deciding.js';
import { allDecided, exampleMeeting, exampleResident, uniqueEmail } from './fixtures.js';
import { cancelMeeting, createMeeting, getMeeting } from './meetings.js';
import { registerForMeeting } from './registering.js';
import { listRegistrations } from './registrations.js';
import { runScheduledWork } from './scheduled.js';
import { takeLease, releaseLease } from './store/deciding.js';
import { pendingRequests, saveDecisions } from './store/requests.js';

beforeAll(() => useOwnTable('deciding'));

describe('deciding places', () => {
  it('decides a batch in arrival order: places while they last, then the waiting list, and a party too big for what is left waits', () => {
    const meeting = { id: 'm', status: 'scheduled', startsAt: '2030-01-01T18:00:00.000Z', registrationOpensAt: '2029-01-01T00:00:00.000Z', registrationClosesAt: '2030-01-01T17:00:00.000Z', maxPlacesPerRegistration: 3, waitingList: true, placesLeft: 4, confirmedCount: 6, waitlistedCount: 0, endsAt: '2030-01-01T20:00:00.000Z' } as Parameters<typeof decide>[0];
    const request = (id: string, places: number) => ({ registrationId: id, places, createdAt: `2029-06-01T10:00:0${id}.000Z`, email: `${id}@example.org` });
    const { decisions, after } = decide(meeting, [request('1', 3), request('2', 2), request('3', 1), request('4', 1)], new Date('2029-06-01T11:00:00Z'));
    expect(decisions.map((d) => [d.request.registrationId, d.as, d.outboxEmail.kind])).toEqual([
      ['1', 'confirmed', 'confirmation'],
      ['2', 'waitlisted', 'waitlisted'],
      ['3', 'confirmed', 'confirmation'],
      ['4', 'waitlisted', 'waitlisted'],
    ]);
    expect(after).toEqual({ placesLeft: 0, confirmedCount: 10, waitlistedCount: 3 });
  });

  it('refuses, by email, the requests that arrive once a meeting without a waiting list is full', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 3, waitingList: false, maxPlacesPerRegistration: 1 }));
    const people = Array.from({ length: 8 }, (_, i) => exampleResident({ email: uniqueEmail(`full${i}`) }));
    const results = await Promise.allSettled(people.map((p) => registerForMeeting(meeting.id, p)));
    // Some are refused at once (the meeting read full), the rest accepted and decided.
    const refusedAtOnce = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(refusedAtOnce.every((code) => code === 'meeting_full')).toBe(true);
    await allDecided(meeting.id);
    const registrations = await listRegistrations(meeting.id);
    expect(registrations.filter((r) => r.status === 'confirmed')).toHaveLength(3);
    const refused = registrations.filter((r) => r.status === 'refused');
    expect(refused.length + refusedAtOnce.length).toBe(5);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 3, waitlistedCount: 0 });
    for (const r of refused) {
      const email = await waitForEmail(r.email, 'No place at Car cruising in Kegworth');
      expect(email.body.text).toContain('all the places were taken before we could give you one');
      expect(email.body.text).not.toContain('/manage/');
    }
    // A refused address is free to register again, for a place a cancellation frees.
    await cancelRegistration(meeting.id, registrations.find((r) => r.status === 'confirmed')!.id, 'staff');
    const again = refused[0]?.email ?? people.find((p) => !registrations.some((r) => r.email === p.email))!.email;
    expect(await registerForMeeting(meeting.id, exampleResident({ email: again }))).toMatchObject({ outcome: 'registered', registration: { status: 'confirmed' } });
  });

  it('lets one decider at a time: a request made while another holds the lease waits, and is decided by the holder', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const lease = (await takeLease(meeting.id))!;
    expect(await takeLease(meeting.id)).toBeUndefined();
    const registering = registerForMeeting(meeting.id, exampleResident());
    await expect.poll(() => pendingRequests(meeting.id, 10), { timeout: 5_000 }).toHaveLength(1);
    let answered = false;
    void registering.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(answered).toBe(false);
    // The holder decides it, as its next batch would.
    const current = (await getMeeting(meeting.id))!;
    const { decisions, after } = decide(current, await pendingRequests(meeting.id, 10), new Date());
    expect((await saveDecisions(current, after, decisions, new Date().toISOString())).ok).toBe(true);
    // The waiting request sees its place decided and answers, without a decision of its own.
    expect(await registering).toMatchObject({ outcome: 'registered', registration: { status: 'requested' } });
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['confirmed']);
    await releaseLease(lease);
  });

  it('hands the queue to a waiting request when the holder lets go without deciding it (it ran out of time)', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const lease = (await takeLease(meeting.id))!;
    const registering = registerForMeeting(meeting.id, exampleResident());
    await expect.poll(() => pendingRequests(meeting.id, 10), { timeout: 5_000 }).toHaveLength(1);
    await releaseLease(lease);
    // The request takes the lease itself and decides its own place: the answer carries the decision.
    expect(await registering).toMatchObject({ outcome: 'registered', registration: { status: 'confirmed' } });
    expect(await pendingRequests(meeting.id, 10)).toHaveLength(0);
  });

  it('decides, on the timer, a request whose decider died', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const lease = (await takeLease(meeting.id))!; // a decider that took the lease, then died: it runs out
    // The request waits for its place as long as it may (8 s), then answers; its place is left to the timer.
    await registerForMeeting(meeting.id, exampleResident());
    expect(await pendingRequests(meeting.id, 10)).toHaveLength(1);
    const later = new Date(Date.now() + 20_000);
    await releaseLease(lease); // (as if LEASE_MS had passed)
    const result = await runScheduledWork(later);
    expect(result.requestsDecided).toBe(1);
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['confirmed']);
  });

  it('tells a request still waiting when the meeting is cancelled that there is no place', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const lease = (await takeLease(meeting.id))!;
    const email = uniqueEmail('late');
    await registerForMeeting(meeting.id, exampleResident({ email }));
    await releaseLease(lease);
    await cancelMeeting(meeting.id, 'The hall is closed for repairs');
    expect(await listRegistrations(meeting.id)).toMatchObject([{ status: 'refused', refusedReason: 'cancelled' }]);
    expect(await getMeeting(meeting.id)).toMatchObject({ confirmedCount: 0, placesLeft: 5 });
    const sent = await waitForEmail(email, 'No place at Car cruising in Kegworth');
    expect(sent.body.text).toContain('the meeting has been cancelled');
  });
});
