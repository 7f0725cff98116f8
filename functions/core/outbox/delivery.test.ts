/**
 * The platform's delivery path with a capability made up for the test (no capability imported):
 * a notice to many is fanned out to one email each, resumes where a run that ran out of time left
 * it, and sends each person one email; a kind no longer relevant is skipped; an unknown kind fails
 * without being retried for ever; a capability's delivery function, on the stream and on its timer,
 * sends its own email and leaves another capability's alone. Against DynamoDB Local and the SES
 * emulator, delivery driven by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForEmails } from '../../../test/support/inbox.js';
import { useOwnTable } from '../../../test/support/own-table.js';
import { transactWrite } from '../store/transactions.js';
import { lambdaContext, scheduledEvent } from '../../../local/lambda-invocation.js';
import { deliverDue, deliverNew, emailDelivery } from './delivery.js';
import { para, layout } from './email-layout.js';
import { emailKind, type CapabilityEmails } from './kinds.js';
import { getOutboxEmail, newOutboxEmail, outboxKey, outboxWrite } from './outbox.js';
import type { StreamRecord } from './stream.js';
import { randomUUID } from 'node:crypto';

beforeAll(() => useOwnTable('delivery', { delivery: 'manual' }));

/** People and whether each still wants news, as the made-up capability keeps them. */
const people = new Map<string, { email: string; subscribed: boolean }>();

const hello = emailKind<{ email: string; subscribed: boolean }>({
  load: async (email) => people.get(email.about['personId'] ?? ''),
  stillRelevant: (person) => person.subscribed,
  to: (person) => person.email,
  render: (_person, email) => layout(`News ${String(email.data?.['edition'])}`, 'reader', [para('Hello from the test capability.')]),
});

const testEmails: CapabilityEmails = {
  capability: 'test-capability',
  kinds: { news: hello },
  fanOut: {
    news: {
      recipients: async () => [...people.keys()].map((personId) => ({ key: personId, about: { personId } })),
    },
  },
};
/** Another made-up capability with the same kind: its emails are not the test capability's to send. */
const otherEmails: CapabilityEmails = { capability: 'other-capability', kinds: { news: hello } };

function addPeople(count: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${tag}-${String(i).padStart(2, '0')}-${randomUUID().slice(0, 6)}`;
    people.set(id, { email: `${id}@example.org`, subscribed: true });
    ids.push(id);
  }
  return ids;
}

/** Every id of the items a fan-out of `noticeId` wrote, as the stream would hand them over. */
const fannedOutIds = (noticeId: string, personIds: string[]) => personIds.map((id) => `${noticeId}-${id}`);

describe('a notice to many', () => {
  it('resumes a fan-out that ran out of time, and each person gets one email', async () => {
    people.clear();
    const ids = addPeople(30, 'fan');
    const now = new Date();
    const notice = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: {}, fanOut: true, data: { edition: 1 }, now });
    await transactWrite([outboxWrite(notice)]);

    // The first run is out of time after its first chunk (25 people): the check before each chunk says so.
    let checks = 0;
    const first = await deliverNew([notice.id], testEmails, now, () => checks++ >= 1);
    expect(first.fannedOut).toBe(25);
    expect(await getOutboxEmail(notice.id)).toMatchObject({ status: 'pending', fannedOutTo: [...ids].sort()[24] });

    // The stream hands over the 25 new emails: each is sent.
    const sorted = [...ids].sort();
    const streamed = await deliverNew(fannedOutIds(notice.id, sorted.slice(0, 25)), testEmails, new Date(), Date.now() + 10_000);
    expect(streamed.sent).toBe(25);

    // Still leased by the run that ran out of time: the timer leaves the notice alone.
    expect((await deliverDue(testEmails, new Date(now.getTime() + 30_000), Date.now() + 10_000)).fannedOut).toBe(0);
    // Once the lease has run out, the timer finishes the fan-out from where it stopped (and, as the
    // safety net, sends the 5 new emails it finds due).
    const resumed = await deliverDue(testEmails, new Date(now.getTime() + 5 * 60_000), Date.now() + 10_000);
    expect(resumed).toMatchObject({ fannedOut: 5, sent: 5 });
    expect((await getOutboxEmail(notice.id))!.status).toBe('sent');

    // The stream hands the 5 over too, and a retried batch hands over all 30 again: nothing more is sent.
    const again = await deliverNew(fannedOutIds(notice.id, ids), testEmails, new Date(), Date.now() + 10_000);
    expect(again.sent).toBe(0);
    for (const id of ids) expect(await waitForEmails(people.get(id)!.email)).toHaveLength(1);
  });

  it('skips an email no longer relevant when it is sent, and fails an unknown kind at once', async () => {
    people.clear();
    const [keen, gone] = addPeople(2, 'one');
    people.get(gone!)!.subscribed = false;
    const now = new Date();
    const toKeen = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: { personId: keen! }, data: { edition: 2 }, now });
    const toGone = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: { personId: gone! }, data: { edition: 2 }, now });
    const unknown = newOutboxEmail({ capability: 'test-capability', kind: 'no-such-kind', about: { personId: keen! }, now });
    await transactWrite([outboxWrite(toKeen), outboxWrite(toGone, 'gone'), outboxWrite(unknown, 'unknown')]);
    const result = await deliverNew([toKeen.id, toGone.id, unknown.id], testEmails, now, Date.now() + 10_000);
    expect(result).toMatchObject({ sent: 1, skipped: 1, failed: 1 });
    expect((await getOutboxEmail(toGone.id))!.status).toBe('skipped');
    expect((await getOutboxEmail(unknown.id))!).toMatchObject({ status: 'failed', lastError: 'No handler for test-capability/no-such-kind' });
    expect((await deliverDue(testEmails, new Date(now.getTime() + 24 * 3_600_000), Date.now() + 10_000)).sent).toBe(0);
  });
});

/** A new outbox item as the stream hands it over: keys only. */
const inserted = (id: string): StreamRecord => ({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: outboxKey(id).pk }, sk: { S: 'OUTBOX' } } } });
const context = () => lambdaContext({ functionName: 'engagement-test-capability-delivery', timeoutMs: 300_000, memoryMb: 512 });

describe("a capability's delivery function", () => {
  it('names each email by its capability, so the key says whose it is', () => {
    const email = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: {}, now: new Date() });
    expect(email.id).toMatch(/^test-capability#[0-9a-z]+$/);
    expect(outboxKey(email.id).pk).toBe(`OUTBOX#${email.id}`);
    expect(() => newOutboxEmail({ capability: 'test-capability', kind: 'news', about: {}, now: new Date(), id: 'other-capability#x' })).toThrow(/must begin/);
  });

  it('sends its own new emails from a stream batch and leaves another capability’s alone', async () => {
    people.clear();
    const [reader] = addPeople(1, 'stream');
    const now = new Date();
    const own = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: { personId: reader! }, data: { edition: 3 }, now });
    const others = newOutboxEmail({ capability: 'other-capability', kind: 'news', about: { personId: reader! }, data: { edition: 4 }, now });
    await transactWrite([outboxWrite(own), outboxWrite(others, 'other')]);

    const delivery = emailDelivery(testEmails);
    expect(delivery.capability).toBe('test-capability');
    const counts = await delivery({ Records: [inserted(own.id), inserted(others.id), { eventName: 'MODIFY', dynamodb: { Keys: { pk: { S: outboxKey(own.id).pk } } } }] }, context());
    expect(counts).toEqual({ sent: 1, failed: 0, skipped: 0, fannedOut: 0 });
    expect((await getOutboxEmail(own.id))!.status).toBe('sent');
    // Not claimed, not tried: still new, for its own capability's delivery.
    expect(await getOutboxEmail(others.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // Handed the other's id by mistake, it still does not take it.
    expect(await deliverNew([others.id], testEmails, now, Date.now() + 10_000)).toEqual({ sent: 0, failed: 0, skipped: 0, fannedOut: 0 });
    expect(await getOutboxEmail(others.id)).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await emailDelivery(otherEmails).deliverStreamBatch([inserted(own.id), inserted(others.id)])).toMatchObject({ sent: 1 });
    expect((await getOutboxEmail(others.id))!.status).toBe('sent');
    expect((await waitForEmails(people.get(reader!)!.email, { count: 2 })).map((e) => e.subject).sort()).toEqual(['News 3', 'News 4']);
  });

  it('on its timer, retries only its own emails that are due', async () => {
    people.clear();
    const [reader] = addPeople(1, 'timer');
    const written = new Date(Date.now() - 60_000);
    const own = newOutboxEmail({ capability: 'test-capability', kind: 'news', about: { personId: reader! }, data: { edition: 5 }, now: written });
    const others = newOutboxEmail({ capability: 'other-capability', kind: 'news', about: { personId: reader! }, data: { edition: 6 }, now: written });
    await transactWrite([outboxWrite(own), outboxWrite(others, 'other')]);

    // As EventBridge invokes it: a scheduled event, at the real time.
    const counts = await emailDelivery(testEmails)(scheduledEvent('test-capability-delivery-timer'), context());
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect((await getOutboxEmail(own.id))!.status).toBe('sent');
    expect(await getOutboxEmail(others.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await waitForEmails(people.get(reader!)!.email)).toHaveLength(1);
  });
});
