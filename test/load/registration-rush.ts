/**
 * Registrations over HTTP and the raw baselines beside them, for the meetings section of the bench.
 */
import { PutItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Meeting } from '../../functions/meetings/model.js';
import { percentile, pool, round } from './measure.js';
import type { LoadResult, RawRun } from './meetings-report.js';
import { benchClient } from './sdk-sockets.js';
import { onTable, requestTransaction } from './shapes.js';
import type { Platform } from './stack.js';

const REQUEST_TIMEOUT_MS = 30_000;
/** A run stops starting requests after this long (what has not started counts as failed). */
const RUN_BUDGET_MS = 180_000;

/**
 * Registers `count` people with distinct addresses, `limit` in flight. A registration counts as accepted
 * on a 201 that says confirmed or waitlisted, or on a 202 (the answer that is the same whatever is
 * stored for the address, and leaves the outcome to the email): which place each got is read from
 * the table afterwards either way.
 */
export async function registrationRush(baseUrl: string, meetingId: string, emailPrefix: string, count: number, limit: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const answered = { confirmed: 0, waitlisted: 0 };
  let accepted = 0;
  let lastResponseAt = 0;
  const startedAt = Date.now();
  const started = performance.now();
  const requests = await pool(count, limit, RUN_BUDGET_MS, async (i) => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${baseUrl}/api/meetings/${meetingId}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench Resident ${i}`, email: `${emailPrefix}.${i}@example.org`, places: 1, privacyAccepted: true }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await res.json()) as { status?: string; error?: { code: string } };
      latencies.push(performance.now() - t0);
      lastResponseAt = Math.max(lastResponseAt, Date.now());
      if (res.status === 201 && (body.status === 'confirmed' || body.status === 'waitlisted')) {
        accepted++;
        answered[body.status]++;
      } else if (res.status === 202) accepted++;
      else failures[`${res.status} ${body.error?.code ?? body.status}`] = (failures[`${res.status} ${body.error?.code ?? body.status}`] ?? 0) + 1;
    } catch (error) {
      latencies.push(performance.now() - t0);
      const name = error instanceof Error ? error.name : 'error';
      failures[name] = (failures[name] ?? 0) + 1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const failed = requests - accepted + (count - requests);
  return {
    requests,
    accepted,
    answered,
    failed,
    failures,
    seconds: round(seconds, 2),
    perSecond: round(requests / seconds),
    latencyMs: { mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length), p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
    startedAt,
    lastResponseAt,
  };
}


/** The same shape of write with nothing around it: conditional counter update + put, 100 in flight. */
export async function rawTransactions(endpoint: string, tableName: string, run: string, count: number, limit: number): Promise<RawRun> {
  const client = benchClient(endpoint);
  const pk = `BENCH#${run}`;
  const key = { pk: { S: pk }, sk: { S: 'COUNTER' } };
  await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key, placesLeft: { N: String(count) } } }));
  let failed = 0;
  const started = performance.now();
  const done = await pool(count, limit, RUN_BUDGET_MS, async (i) => {
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: key,
                UpdateExpression: 'SET placesLeft = placesLeft - :one',
                ConditionExpression: 'placesLeft >= :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: { pk: { S: pk }, sk: { S: `REG#${i}` }, name: { S: `Bench Resident ${i}` } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch {
      failed++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return { transactions: done, failed, seconds: round(seconds, 2), perSecond: round(done / seconds) };
}

/** A meeting open for registration now, starting in two weeks, one place per registration, with a waiting list. */
export const benchMeetingInput = (platform: Platform, title: string, capacity: number) =>
  platform.fixtures.exampleMeeting({ title, capacity, maxPlacesPerRegistration: 1, waitingList: true }, new Date(), 14 * 24);

/**
 * A meeting item as the platform stores it (store/meetings.ts putNewMeeting: keys, both index keys,
 * window, counters), for the registration-shaped baseline. Its counters leave room for every
 * transaction, as the 2-item baseline's does.
 */
export async function putShapeMeeting(platform: Platform, client: DynamoDBClient, tableName: string, run: string, places: number): Promise<Meeting> {
  const at = new Date().toISOString();
  const meeting: Meeting = {
    id: `bench-shape-${run}`,
    ...benchMeetingInput(platform, 'Load test: car cruising in Kegworth', places),
    status: 'scheduled',
    placesLeft: places,
    confirmedCount: 0,
    waitlistedCount: 0,
    cancelledCount: 0,
    attendedCount: 0,
    sequence: 0,
    createdAt: at,
    updatedAt: at,
  };
  const { meetingKey, meetingIndexes } = platform.keys;
  const write = onTable(platform.writes.put({ ...meetingKey(meeting.id), type: 'meeting', ...meetingIndexes(meeting), ...meeting }), tableName);
  await client.send(new PutItemCommand(write.Put!));
  return meeting;
}

/** Registration-shaped transactions, `limit` in flight. */
export async function registrationShapedTransactions(platform: Platform, client: DynamoDBClient, tableName: string, run: string, count: number, limit: number): Promise<RawRun> {
  const meeting = await putShapeMeeting(platform, client, tableName, run, count);
  let failed = 0;
  const started = performance.now();
  const done = await pool(count, limit, RUN_BUDGET_MS, async (i) => {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: requestTransaction(platform, tableName, meeting, `${run}-${i}`) }));
    } catch {
      failed++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return { transactions: done, failed, seconds: round(seconds, 2), perSecond: round(done / seconds) };
}

