/**
 * The surgeries rush's raw baseline: the booking's and the reschedule's transactions, written out as
 * store/bookings.ts builds them (keep the conditions in step with saveNewBooking and saveReschedule),
 * with the same contention as the API's rush (the same slots and councils), on a table of their own.
 */
import { BatchWriteItemCommand, TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../local/tables.js';
import { benchClient } from './sdk-sockets.js';
import { rush, type Run } from './surgeries-rush.js';

export const COUNCILS = 40;
export const ATTEMPTS_PER_COUNCIL = 3;
export const RESCHEDULES = 100;

const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: String(n) });

function bookingWrites(table: string, run: string, slot: number, council: number, attempt: string, nowIso: string): TransactWriteItem[] {
  const session = `SURG#SESSION#bench-${run}-a`;
  const bookingId = `bench-${run}-${attempt}`;
  return [
    {
      Update: {
        TableName: table,
        Key: { pk: S(session), sk: S(`SLOT#${slot}`) },
        UpdateExpression: 'SET bookingId = :b',
        ConditionExpression: 'attribute_exists(pk) AND sessionStatus = :published AND districtCode = :district AND startsAt > :now AND (attribute_not_exists(blocked) OR blocked <> :yes) AND attribute_not_exists(bookingId)',
        ExpressionAttributeValues: { ':b': S(bookingId), ':now': S(nowIso), ':published': S('published'), ':district': S('E07000129'), ':yes': { BOOL: true } },
      },
    },
    {
      Put: {
        TableName: table,
        Item: { pk: S(session), sk: S(`COUNCIL#${council}`), bookingId: S(bookingId) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: table,
        Key: { pk: S(`SURG#COUNCIL#bench-${run}-${council}`), sk: S('COUNCIL') },
        UpdateExpression: 'SET upcoming.#b = :entry, upcomingVersion = upcomingVersion + :one',
        ConditionExpression: '#status = :active AND districtCode = :district AND upcomingVersion = :seen',
        ExpressionAttributeNames: { '#b': bookingId, '#status': 'status' },
        ExpressionAttributeValues: { ':entry': { M: { sessionId: S(session), startsAt: S(nowIso), endsAt: S(nowIso) } }, ':one': N(1), ':active': S('active'), ':district': S('E07000129'), ':seen': N(0) },
      },
    },
    { Put: { TableName: table, Item: { pk: S(`SURG#BOOKING#${bookingId}`), sk: S('BOOKING'), councilId: S(String(council)), attendeeName: S('Bench Councillor'), email: S(`${attempt}@example.org`), status: S('confirmed') }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: { TableName: table, Key: { pk: S(`SURG#DISTRICT#bench-${run}`), sk: S(`COUNT#${Math.floor(Math.random() * 10)}`) }, UpdateExpression: 'ADD confirmed :one', ExpressionAttributeValues: { ':one': N(1) } } },
    { Put: { TableName: table, Item: { pk: S(`OUTBOX#bench-${run}-${attempt}`), sk: S('OUTBOX'), kind: S('confirmation'), status: S('pending') }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

function rescheduleWrites(table: string, run: string, booking: string, from: number, to: number, attempt: number): TransactWriteItem[] {
  const bookingId = `bench-${run}-${booking}`;
  return [
    {
      Update: {
        TableName: table,
        Key: { pk: S(`SURG#BOOKING#${bookingId}`), sk: S('BOOKING') },
        UpdateExpression: 'SET slotId = :slot, sessionId = :session, #sequence = #sequence + :one',
        ConditionExpression: '#status = :confirmed AND slotId = :old',
        ExpressionAttributeNames: { '#status': 'status', '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':slot': S(`b${to}`), ':session': S('b'), ':one': N(1), ':confirmed': S('confirmed'), ':old': S(`a${from}`) },
      },
    },
    { Update: { TableName: table, Key: { pk: S(`SURG#SESSION#bench-${run}-a`), sk: S(`SLOT#${from}`) }, UpdateExpression: 'REMOVE bookingId', ConditionExpression: 'bookingId = :b', ExpressionAttributeValues: { ':b': S(bookingId) } } },
    { Update: { TableName: table, Key: { pk: S(`SURG#SESSION#bench-${run}-b`), sk: S(`SLOT#${to}`) }, UpdateExpression: 'SET bookingId = :b', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(bookingId)', ExpressionAttributeValues: { ':b': S(bookingId) } } },
    { Delete: { TableName: table, Key: { pk: S(`SURG#SESSION#bench-${run}-a`), sk: S(`COUNCIL#${booking}`) }, ConditionExpression: 'bookingId = :b', ExpressionAttributeValues: { ':b': S(bookingId) } } },
    { Put: { TableName: table, Item: { pk: S(`SURG#SESSION#bench-${run}-b`), sk: S(`COUNCIL#${booking}`), bookingId: S(bookingId) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: { TableName: table, Key: { pk: S(`SURG#COUNCIL#bench-${run}-${booking}`), sk: S('COUNCIL') }, UpdateExpression: 'SET upcoming.#b = :entry', ConditionExpression: 'attribute_exists(upcoming.#b)', ExpressionAttributeNames: { '#b': bookingId }, ExpressionAttributeValues: { ':entry': { M: { sessionId: S('b') } } } } },
    { Put: { TableName: table, Item: { pk: S(`OUTBOX#bench-${run}-move-${attempt}`), sk: S('OUTBOX'), kind: S('rescheduled'), status: S('pending') }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

const raw = async (client: DynamoDBClient, items: TransactWriteItem[]) => {
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    return 'ok';
  } catch (error) {
    const e = error as Error & { CancellationReasons?: Array<{ Code?: string }> };
    return e.name === 'TransactionCanceledException' && e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed') ? 'refused' : e.name;
  }
};

async function seedBaseline(client: DynamoDBClient, table: string, run: string) {
  const future = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const items = [
    ...Array.from({ length: 12 }, (_, i) => ({ pk: S(`SURG#SESSION#bench-${run}-a`), sk: S(`SLOT#${i}`), sessionStatus: S('published'), districtCode: S('E07000129'), startsAt: S(future) })),
    ...Array.from({ length: 12 }, (_, i) => ({ pk: S(`SURG#SESSION#bench-${run}-b`), sk: S(`SLOT#${i}`), sessionStatus: S('published'), districtCode: S('E07000129'), startsAt: S(future) })),
    ...Array.from({ length: COUNCILS }, (_, i) => ({ pk: S(`SURG#COUNCIL#bench-${run}-${i}`), sk: S('COUNCIL'), status: S('active'), districtCode: S('E07000129'), upcoming: { M: {} }, upcomingVersion: N(0) })),
  ];
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

/**
 * The booking rush and the reschedules as raw transactions sent to `endpoint` (DynamoDB Local, or the
 * contention proxy) with the SDK's default retries: conditional failures are the baseline's refusals.
 */
export async function rawBaseline(endpoint: string, baselineTable: string, run: string): Promise<{ bookings: Run; reschedules: Run }> {
  const client = benchClient(endpoint);
  await ensureTable(client, baselineTable);
  await seedBaseline(client, baselineTable, run);
  const nowIso = new Date().toISOString();
  const rawBookings = await rush(
    Array.from({ length: COUNCILS * ATTEMPTS_PER_COUNCIL }, (_, i) => {
      const c = Math.floor(i / ATTEMPTS_PER_COUNCIL);
      const k = i % ATTEMPTS_PER_COUNCIL;
      return () => raw(client, bookingWrites(baselineTable, run, (c * 3 + k * 5) % 12, c, `${c}-${k}`, nowIso));
    }),
    (s) => s === 'ok',
    (s) => s === 'refused',
  );
  // Give the baseline's reschedules 12 bookings in the first session's slots, as the API's had.
  for (let i = 0; i < 12; i++) {
    await raw(client, [
      { Update: { TableName: baselineTable, Key: { pk: S(`SURG#SESSION#bench-${run}-a`), sk: S(`SLOT#${i}`) }, UpdateExpression: 'SET bookingId = :b', ExpressionAttributeValues: { ':b': S(`bench-${run}-m${i}`) } } },
      { Put: { TableName: baselineTable, Item: { pk: S(`SURG#BOOKING#bench-${run}-m${i}`), sk: S('BOOKING'), status: S('confirmed'), slotId: S(`a${i}`), sequence: N(0) } } },
      { Put: { TableName: baselineTable, Item: { pk: S(`SURG#SESSION#bench-${run}-a`), sk: S(`COUNCIL#m${i}`), bookingId: S(`bench-${run}-m${i}`) } } },
      { Put: { TableName: baselineTable, Item: { pk: S(`SURG#COUNCIL#bench-${run}-m${i}`), sk: S('COUNCIL'), upcoming: { M: { [`bench-${run}-m${i}`]: { M: {} } } } } } },
    ]);
  }
  const rawReschedules = await rush(
    Array.from({ length: RESCHEDULES }, (_, i) => () => raw(client, rescheduleWrites(baselineTable, run, `m${i % 12}`, i % 12, (i * 7) % 12, i))),
    (s) => s === 'ok',
    (s) => s === 'refused',
  );
  client.destroy();
  return { bookings: rawBookings, reschedules: rawReschedules };

}
