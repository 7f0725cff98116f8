/**
 * The local stand-in for the table stream's event source mappings (local/stream-consumers.ts), with
 * the meetings decider as its consumer, against DynamoDB Local: a batch that fails is tried again,
 * halved, as the mapping does, and the retry carries on where the failed run stopped; a batch that
 * keeps failing is reported (in AWS: the failures queue) and its requests stay queued for the sweep;
 * `caughtUp` waits until what the consumers were woken for is done.
 */
import { randomBytes } from 'node:crypto';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '../../functions/core/store/dynamo.js';
import { exampleMeeting, exampleResident, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { createMeeting, getMeeting } from '../../functions/meetings/meetings.js';
import { registerForMeeting } from '../../functions/meetings/registering.js';
import { listRegistrations } from '../../functions/meetings/registrations.js';
import { pendingRequests } from '../../functions/meetings/store/requests.js';
import { startStreamConsumers, type StreamConsumers } from '../../local/stream-consumers.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

// A table for each test, whose stream nothing reads but the decider the test starts (from the stream's start).
let tableName: string;
beforeEach(async () => {
  tableName = `stream-consumers-${randomBytes(3).toString('hex')}`;
  const client = localDynamoClient(process.env['DYNAMODB_ENDPOINT']!);
  await ensureTable(client, tableName);
  client.destroy();
  vi.stubEnv('TABLE_NAME', tableName);
});

let running: StreamConsumers | undefined;
let restore: (() => void) | undefined;
afterEach(async () => {
  restore?.();
  await running?.stop();
  running = restore = undefined;
  vi.unstubAllEnvs();
});

/** The decider alone, noting each batch it is invoked with (its size, and whether it failed) and what is reported. */
async function startDecider(options: { batchingWindows?: boolean } = {}) {
  const batches: Array<{ records: number; failed: boolean; at: number }> = [];
  const reported: string[] = [];
  running = await startStreamConsumers({
    endpoint: process.env['DYNAMODB_ENDPOINT']!,
    tableName,
    idleMs: 50,
    ...options,
    include: (consumer) => consumer.serviceName === 'meetings-decider',
    wrap: (_consumer, invoke) => async (records) => {
      const batch = { records: records.length, failed: true, at: Date.now() };
      batches.push(batch);
      const result = await invoke(records);
      batch.failed = false;
      return result;
    },
    onError: (error) => reported.push(String(error)),
  });
  return { stream: running, batches, reported };
}

/** Transactions in this process fail from the `from`-th one on, `times` of them, as if the decider were killed before sending them. */
function failTransactions(from: number, times: number) {
  const client = dynamo();
  const send = client.send;
  let seen = 0;
  client.send = ((command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteItemsCommand && ++seen >= from && seen < from + times) return Promise.reject(new Error('the decider was killed'));
    return (send as (...args: unknown[]) => Promise<unknown>).call(client, command, ...rest);
  }) as typeof client.send;
  restore = () => (client.send = send);
}

async function queue(meetingId: string, count: number) {
  for (let i = 0; i < count; i++) await registerForMeeting(meetingId, exampleResident({ email: uniqueEmail(`lane${i}`) }));
}

describe('the stream consumers under npm start and the tests', () => {
  it('tries a failed batch again, halved, and the retry decides what the failed run left; caughtUp waits for it', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10, maxPlacesPerRegistration: 1 }));
    await queue(meeting.id, 40);
    failTransactions(1, 1); // the first batch of decisions never reaches DynamoDB
    const { stream, batches, reported } = await startDecider();
    await stream.caughtUp();

    // The first batch of wake-ups failed; it was tried again in halves, and nothing failed after.
    expect(batches[0]).toMatchObject({ failed: true });
    expect(batches[1]!.records).toBe(Math.ceil(batches[0]!.records / 2));
    expect(batches.slice(1).filter((b) => b.failed)).toEqual([]);
    expect(batches.reduce((n, b) => n + (b.failed ? 0 : b.records), 0)).toBe(40);
    expect(reported).toEqual([]);
    expect(await pendingRequests(meeting.id, 100)).toEqual([]);
    const registrations = await listRegistrations(meeting.id);
    expect(registrations.map((r) => r.status)).toEqual([...Array(10).fill('confirmed'), ...Array(30).fill('waitlisted')]);
    expect(await getMeeting(meeting.id)).toMatchObject({ placesLeft: 0, confirmedCount: 10, waitlistedCount: 30 });
  });

  it('reports a batch that fails on every retry (in AWS: the failures queue) and leaves its requests queued for the sweep', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 10 }));
    await queue(meeting.id, 1);
    failTransactions(1, 100);
    const { stream, batches, reported } = await startDecider();
    await stream.caughtUp();

    expect(batches.map(({ records, failed }) => ({ records, failed }))).toEqual(Array(4).fill({ records: 1, failed: true })); // once, then its 3 retries
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/meetings-decider gave up on 1 stream record\(s\) after 3 retries \(in AWS: the failures queue\): AggregateError: Places for 1 of 1 meetings are not all decided/);
    expect(await pendingRequests(meeting.id, 10)).toHaveLength(1);
    expect((await listRegistrations(meeting.id)).map((r) => r.status)).toEqual(['requested']);
  });

  it('with batching windows (the bench), gathers a burst for the consumer’s window into fewer, fuller batches, as the mapping does', async () => {
    const meeting = await createMeeting(exampleMeeting({ capacity: 5 }));
    const { stream, batches } = await startDecider({ batchingWindows: true });
    await stream.caughtUp(); // the stream's shard found (the meeting's write made it), and read to its end
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => registerForMeeting(meeting.id, exampleResident({ email: uniqueEmail(`burst${i}`) }))));
    await stream.caughtUp();

    expect(batches.reduce((n, b) => n + b.records, 0)).toBe(12);
    expect(batches.length).toBeLessThan(12);
    // The meetings decider's window is 1 s: its first batch waited it out from the first record's arrival.
    expect(batches[0]!.at - started).toBeGreaterThanOrEqual(1000);
    expect(await pendingRequests(meeting.id, 100)).toEqual([]);
  });
});
