/**
 * Meetings under DynamoDB's contention, not DynamoDB Local's: every request goes through the
 * contention proxy (local/contention-proxy.ts), which cancels a transaction touching an item another
 * transaction still holds, as DynamoDB does. The SDK keeps its default retry settings.
 *
 * Its own table, whose stream drives the meetings decider in this process, so the decider's
 * transactions go through the proxy too.
 *
 * Proves: a rush ends exactly (places to the first to ask, the rest waiting in the order they asked,
 * none lost, no 5xx, the counters equal to the items) because registrations do not race for the
 * meeting item (only the decider writes it, a batch at a time: deciding.ts); a double submission makes
 * one registration; racing cancellations never overbook; and a change whose transaction keeps
 * conflicting answers 503 with Retry-After and writes nothing.
 */
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../test/support/contention.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { inPool } from '../core/pool.js';
import { dynamo } from '../core/store/dynamo.js';
import { marshal } from '../core/store/items.js';
import { tableName } from '../core/store/reads.js';
import { app } from './app.js';
import { allDecided, decided, exampleMeeting, exampleResident, uniqueEmail } from './fixtures.js';
import { createMeeting, getMeeting } from './meetings.js';
import { registerForMeeting } from './registering.js';
import { listRegistrations } from './registrations.js';
import { meetingKey } from './store/keys.js';
import { meetingPartitionItems } from './store/registrations.js';
import { promoteFromWaitingList } from './waiting-list.js';

const contention = useContentionProxy();
// After the proxy: the table, its stream and the decider all reach DynamoDB Local through it.
beforeAll(() => useOwnTable('contention'));

let staff: Record<string, string>;
beforeAll(async () => {
  staff = bearer(await staffToken());
});

const register = (meetingId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.request(`/api/meetings/${meetingId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'Rush Resident', places: 1, privacyAccepted: true, ...body }),
  });

const statuses = (items: { status: string }[]) => items.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});

/** Concurrent transactions that each update the meeting item, as every registration used to: how many DynamoDB would cancel. */
async function cancelledWhenAllTouchTheMeeting(meetingId: string, count: number): Promise<number> {
  let cancelled = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        await dynamo().send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Update: { TableName: tableName(), Key: marshal({ ...meetingKey(meetingId) }), UpdateExpression: 'SET probe = :i', ExpressionAttributeValues: marshal({ ':i': i }) } },
              { Put: { TableName: tableName(), Item: marshal({ pk: `TEST#${randomUUID()}`, sk: 'PROBE' }) } },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict')) cancelled++;
        else throw error;
      }
    }),
  );
  return cancelled;
}

describe('meetings under DynamoDB’s transaction conflicts', () => {
  it('ends a 300-person rush for 30 places exactly: 300 accepted, 30 confirmed, 270 waiting, none ahead of anyone who had their answer before they asked, no 5xx', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 30, maxPlacesPerRegistration: 1 }));
    // The proxy is biting: the old design (every registration updating the meeting) gets cancelled here.
    expect(await cancelledWhenAllTouchTheMeeting(meeting.id, 40)).toBeGreaterThan(0);
    contention.proxy().resetStats();

    const asked = new Map<string, { sentAt: number; answeredAt: number; status: number }>();
    const emails = Array.from({ length: 300 }, (_, i) => uniqueEmail(`rush${i}`));
    await inPool(emails, 50, async (email) => {
      const sentAt = performance.now();
      const { status } = await register(meeting.id, { email });
      asked.set(email, { sentAt, answeredAt: performance.now(), status });
    });
    expect(statuses([...asked.values()].map((a) => ({ status: String(a.status) })))).toEqual({ 202: 300 });

    await allDecided(meeting.id, 60_000);
    const registrations = await listRegistrations(meeting.id);
    expect(statuses(registrations)).toEqual({ confirmed: 30, waitlisted: 270 });
    // The counters equal the items.
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 30, waitlistedCount: 270 });

    // Arrival order: requests in flight together have no order between them, but whoever had their
    // answer before another person asked is ahead of them: confirmed if they are, earlier on the waiting list.
    const waitKeys = new Map(
      (await meetingPartitionItems(meeting.id)).filter((i) => i['gsi2pk'] === `WAITLIST#${meeting.id}`).map((i) => [String(i['sk']).slice('REG#'.length), String(i['gsi2sk'])]),
    );
    const rank = (r: (typeof registrations)[number]) => (r.status === 'confirmed' ? '' : waitKeys.get(r.id)!);
    const overtaken = registrations.flatMap((earlier) =>
      registrations
        .filter((later) => asked.get(earlier.email)!.answeredAt < asked.get(later.email)!.sentAt && rank(later) < rank(earlier))
        .map((later) => `${later.email} (${later.status}) before ${earlier.email} (${earlier.status})`),
    );
    expect(overtaken).toEqual([]);
    // Decided by the decider in batches, through the proxy: 300 requests' transactions and a few more.
    const transactions = contention.proxy().stats().operations['TransactWriteItems'] ?? 0;
    expect(transactions).toBeGreaterThanOrEqual(300 + Math.ceil(300 / 32));
    expect(transactions).toBeLessThan(300 + 300 / 10);
  }, 120_000);

  it('ends a rush of both modes at a hybrid meeting exactly: 3 in person and 2 online confirmed, the rest waiting in their own mode, counters equal to the items', async () => {
    const meeting = await createMeeting(exampleMeeting({ mode: 'hybrid', capacity: 3, onlineCapacity: 2, maxPlacesPerRegistration: 1 }));
    contention.proxy().resetStats();
    const people = Array.from({ length: 40 }, (_, i) => ({ email: uniqueEmail(`hybrid-rush${i}`), attendMode: i % 2 ? 'online' : 'in-person' }));
    const answers = await Promise.all(people.map((p) => register(meeting.id, p)));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(202));

    await allDecided(meeting.id, 60_000);
    const registrations = await listRegistrations(meeting.id);
    const inMode = (mode: string) => statuses(registrations.filter((r) => r.attendMode === mode));
    expect(inMode('in-person')).toEqual({ confirmed: 3, waitlisted: 17 });
    expect(inMode('online')).toEqual({ confirmed: 2, waitlisted: 18 });
    expect(await getMeeting(meeting.id)).toMatchObject({
      placesLeft: 0, confirmedCount: 3, waitlistedCount: 17,
      onlinePlacesLeft: 0, onlineConfirmedCount: 2, onlineWaitlistedCount: 18,
    });
    // The decider's batches did meet the registrations' transactions under the proxy's rules.
    expect(contention.proxy().stats().operations['TransactWriteItems'] ?? 0).toBeGreaterThan(40);

    // Cancellations racing in both modes: each freed place goes to someone waiting in the same mode, never over.
    const confirmed = registrations.filter((r) => r.status === 'confirmed');
    const cancel = (id: string) => app.request(`/api/meetings/${meeting.id}/registrations/${id}/cancel`, { method: 'POST', headers: staff });
    for (const answer of await Promise.all(confirmed.map((r) => cancel(r.id)))) expect([200, 503]).toContain(answer.status);
    for (const r of confirmed) {
      let status = (await listRegistrations(meeting.id)).find((x) => x.id === r.id)?.status === 'cancelled' ? 200 : 503;
      for (let attempt = 0; attempt < 5 && status === 503; attempt++) status = (await cancel(r.id)).status;
      expect(status).toBe(200);
    }
    await promoteFromWaitingList(meeting.id); // what the sweep does if a promotion gave up
    const after = await listRegistrations(meeting.id);
    const afterIn = (mode: string) => statuses(after.filter((r) => r.attendMode === mode));
    expect(afterIn('in-person')).toEqual({ cancelled: 3, confirmed: 3, waitlisted: 14 });
    expect(afterIn('online')).toEqual({ cancelled: 2, confirmed: 2, waitlisted: 16 });
    expect(await getMeeting(meeting.id)).toMatchObject({
      placesLeft: 0, confirmedCount: 3, waitlistedCount: 14,
      onlinePlacesLeft: 0, onlineConfirmedCount: 2, onlineWaitlistedCount: 16, cancelledCount: 5,
    });
  }, 120_000);

  it('makes one registration from a double submission, and from one address sent at once', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }));
    // The same request sent 8 times (a retry sends what it sent before: the same key for another body is refused, 422).
    const key = { 'idempotency-key': `double-${randomUUID()}` };
    const twice = { email: uniqueEmail('double') };
    const sameKey = await Promise.all(Array.from({ length: 8 }, () => register(meeting.id, twice, key)));
    expect(sameKey.map((r) => r.status)).toEqual(Array(8).fill(202));
    const email = uniqueEmail('same-address');
    const sameAddress = await Promise.all(Array.from({ length: 8 }, () => register(meeting.id, { email })));
    expect(sameAddress.map((r) => r.status)).toEqual(Array(8).fill(202));

    await allDecided(meeting.id);
    const registrations = await listRegistrations(meeting.id);
    expect(registrations).toHaveLength(2);
    expect(registrations.filter((r) => r.email === email)).toHaveLength(1);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 8, confirmedCount: 2 });
  });

  it('never overbooks when cancellations race with promotions from the waiting list; a cancellation that still conflicts answers 503 and changes nothing', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10, maxPlacesPerRegistration: 1 }));
    const people = Array.from({ length: 25 }, (_, i) => exampleResident({ email: uniqueEmail(`race${i}`), places: 1 }));
    await Promise.all(people.map((person) => registerForMeeting(meeting.id, person)));
    await allDecided(meeting.id);
    const confirmed = (await listRegistrations(meeting.id)).filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(10);

    contention.proxy().resetStats();
    const cancel = (id: string) => app.request(`/api/meetings/${meeting.id}/registrations/${id}/cancel`, { method: 'POST', headers: staff });
    const answers = await Promise.all(confirmed.map((r) => cancel(r.id)));
    // They did race: DynamoDB would have cancelled some of these transactions, and they were retried.
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
    // Each either went through or, still conflicting after its retries, answered 503 having changed nothing.
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    const refused = confirmed.filter((_, i) => answers[i]!.status === 503);
    const now = await listRegistrations(meeting.id);
    for (const r of refused) expect(now.find((x) => x.id === r.id)?.status).toBe('confirmed');
    // Asked again after Retry-After, as the page and the API tell people to.
    for (const r of refused) {
      let status = 503;
      for (let attempt = 0; attempt < 5 && status === 503; attempt++) status = (await cancel(r.id)).status;
      expect(status).toBe(200);
    }

    await promoteFromWaitingList(meeting.id); // what the sweep does if a promotion gave up
    const after = await listRegistrations(meeting.id);
    expect(statuses(after)).toEqual({ cancelled: 10, confirmed: 10, waitlisted: 5 });
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 10, waitlistedCount: 5, cancelledCount: 10 });
  });

  it('answers 503 with Retry-After, writing nothing, when the meeting stays held by other transactions; the same request then succeeds', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const person = await registerForMeeting(meeting.id, exampleResident({ email: uniqueEmail('held') }));
    const registrationId = person.outcome === 'registered' ? person.registration.id : '';
    expect(await decided(meeting.id, registrationId)).toMatchObject({ status: 'confirmed' });

    // Another transaction holds the meeting for 15 seconds: longer than all of a request's retries (at most 12 s of trying).
    contention.proxy().setHoldMs(15_000);
    // Not awaited: the holder answers only once its hold has ended.
    const holder = dynamo().send(
      new TransactWriteItemsCommand({
        TransactItems: [{ ConditionCheck: { TableName: tableName(), Key: marshal({ ...meetingKey(meeting.id) }), ConditionExpression: 'attribute_exists(pk)' } }],
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the holder's items are held from here
    contention.proxy().setHoldMs(5);
    const cancel = () => app.request(`/api/meetings/${meeting.id}/registrations/${registrationId}/cancel`, { method: 'POST', headers: staff });

    const refused = await cancel();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('service_unavailable');
    const [unchanged] = await listRegistrations(meeting.id);
    expect(unchanged).toMatchObject({ status: 'confirmed' });
    expect(unchanged?.lastEmail?.kind).toBe('confirmation');
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 4, confirmedCount: 1, cancelledCount: 0 });

    await holder;
    expect((await cancel()).status).toBe(200);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 5, confirmedCount: 0, cancelledCount: 1 });
  }, 45_000);
});
