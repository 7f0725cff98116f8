/**
 * The surgeries rush, for `npm run bench` (called from bench.ts with its running platform):
 *
 * 1. 40 councils of one district, each sending three concurrent booking attempts (with its invitation
 *    token, over HTTP) for the 12 slots of one session: 120 requests at once. Expect exactly 12 booked,
 *    108 refused (409), no failures, no slot booked twice, no council with two bookings in the session.
 * 2. 100 concurrent reschedules (manage tokens, over HTTP) of those 12 bookings into the 12 free slots of
 *    a second session of the district, each naming the slot it moves from: every booking ends in exactly
 *    one slot, no slot holds two.
 * 3. Beside each, a raw DynamoDB baseline of the same writes in the same run: the same transactions
 *    (the slot's, guard's and council's conditions, the booking and outbox puts, the counter shard) with
 *    the same contention (the same slots and councils), sent straight to DynamoDB Local with the SDK's
 *    default retries, on a table of their own. Conditional failures there are the baseline's refusals.
 *
 * Setup (councils, sessions, tokens) goes through the domain and the platform's link store directly.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

export interface SurgeriesBenchOptions {
  baseUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  proxyEndpoint?: string;
}

const COUNCILS = 40;
const ATTEMPTS_PER_COUNCIL = 3;
const RESCHEDULES = 100;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

interface Run {
  requests: number;
  ok: number;
  refused: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  /** Successful writes (bookings made, or moves done) a second. */
  perSecond: number;
  /** Requests answered (done or refused) a second. */
  answeredPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

/** Runs every request at once; `ok` and `refused` are the statuses that count as such. */
async function rush(requests: Array<() => Promise<number | string>>, ok: (s: number | string) => boolean, refused: (s: number | string) => boolean): Promise<Run> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let okCount = 0;
  let refusedCount = 0;
  const started = performance.now();
  await Promise.all(
    requests.map(async (send) => {
      const t0 = performance.now();
      let status: number | string;
      try {
        status = await send();
      } catch (error) {
        status = error instanceof Error ? error.name : 'error';
      }
      latencies.push(performance.now() - t0);
      if (ok(status)) okCount++;
      else if (refused(status)) refusedCount++;
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: requests.length,
    ok: okCount,
    refused: refusedCount,
    failed: requests.length - okCount - refusedCount,
    failures,
    seconds: round(seconds, 2),
    perSecond: round(okCount / seconds),
    answeredPerSecond: round((okCount + refusedCount) / seconds),
    latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? NaN) },
  };
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
};

// ---------------------------------------------------------------------------------------------------
// The raw baseline: the booking's and the reschedule's transactions, written out as store/bookings.ts
// builds them (keep the conditions in step with saveNewBooking and saveReschedule).

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
  const { BatchWriteItemCommand } = await import('@aws-sdk/client-dynamodb');
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

// ---------------------------------------------------------------------------------------------------

export async function surgeriesBench(options: SurgeriesBenchOptions): Promise<{ markdown: string; json: unknown }> {
  const { aCouncil, aSession, exampleDetails, slotIds } = await import('../../functions/surgeries/fixtures.js');
  const { mintManageLink, saveManageLink } = await import('../../functions/core/manage-links.js');
  const { readSessionPartition } = await import('../../functions/surgeries/store/sessions.js');
  const { getBookings } = await import('../../functions/surgeries/store/bookings.js');
  const run = randomUUID().slice(0, 8);
  const district = 'E07000129';

  // Setup: 40 councils of one district, two sessions of 12 slots, an invitation token per council.
  const councils = await Promise.all(Array.from({ length: COUNCILS }, (_, i) => aCouncil({ districtCode: district, name: `Bench Parish Council ${i + 1} ${run}` })));
  const [first, second] = [await aSession({ districtCode: district }), await aSession({ districtCode: district }, new Date(), 21)];
  const firstSlots = await slotIds(first.id);
  const secondSlots = await slotIds(second.id);
  const token = async (purpose: 'book' | 'manage', about: Record<string, string>) => {
    const minted = mintManageLink({ capability: 'surgeries', purpose, about, validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await saveManageLink(minted.link);
    return minted.token;
  };
  const invitations = await Promise.all(councils.map((c) => token('book', { sessionId: first.id, councilId: c.id })));

  // 1. The booking rush over HTTP.
  const bookingRequests = councils.flatMap((_, c) =>
    Array.from({ length: ATTEMPTS_PER_COUNCIL }, (_, k) => () => {
      const details = exampleDetails();
      return post(`${options.baseUrl}/api/surgeries/invitations/bookings`, { token: invitations[c], slotId: firstSlots[(c * 3 + k * 5) % 12], ...details });
    }),
  );
  const bookings = await rush(bookingRequests, (s) => s === 201, (s) => s === 409);
  const afterBooking = await readSessionPartition(first.id);
  const bookedIds = afterBooking.slots.flatMap((s) => (s.bookingId ? [s.bookingId] : []));
  const booked = await getBookings(bookedIds);
  const councilsBooked = [...booked.values()].map((b) => b.councilId);
  const bookingCheck = {
    slotsBooked: bookedIds.length,
    doubleBookedSlots: bookedIds.length - new Set(bookedIds).size,
    councilsWithTwoBookingsInSession: councilsBooked.length - new Set(councilsBooked).size,
    guards: afterBooking.guards.size,
  };

  // 2. 100 reschedules over HTTP into the second session.
  const manage = new Map(await Promise.all([...booked.values()].map(async (b) => [b.id, await token('manage', { bookingId: b.id })] as const)));
  const list = [...booked.values()];
  const rescheduleRequests = Array.from({ length: RESCHEDULES }, (_, i) => () => {
    const b = list[i % list.length]!;
    return post(`${options.baseUrl}/api/surgeries/bookings/reschedule`, { token: manage.get(b.id), sessionId: second.id, slotId: secondSlots[(i * 7) % 12], fromSlotId: b.slotId });
  });
  const reschedules = list.length ? await rush(rescheduleRequests, (s) => s === 200, (s) => s === 409) : undefined;
  const [partA, partB] = await Promise.all([readSessionPartition(first.id), readSessionPartition(second.id)]);
  const holders = [...partA.slots, ...partB.slots].flatMap((s) => (s.bookingId ? [s.bookingId] : []));
  const after = await getBookings(list.map((b) => b.id));
  const rescheduleCheck = {
    bookingsInExactlyOneSlot: list.filter((b) => holders.filter((h) => h === b.id).length === 1).length,
    slotsHoldingTwo: holders.length - new Set(holders).size,
    storedSlotsMatch: [...partA.slots, ...partB.slots].filter((s) => s.bookingId).every((s) => after.get(s.bookingId!)?.slotId === s.id),
    moved: partB.slots.filter((s) => s.bookingId).length,
  };

  // 3. The raw baseline: the same writes with the same contention, straight to DynamoDB Local.
  const client = localDynamoClient(options.dynamoEndpoint);
  const baselineTable = `${options.tableName}-surgeries-baseline`;
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

  const passed =
    bookings.ok === 12 &&
    bookings.refused === COUNCILS * ATTEMPTS_PER_COUNCIL - 12 &&
    bookings.failed === 0 &&
    bookingCheck.slotsBooked === 12 &&
    bookingCheck.doubleBookedSlots === 0 &&
    bookingCheck.councilsWithTwoBookingsInSession === 0 &&
    (reschedules?.failed ?? 0) === 0 &&
    rescheduleCheck.bookingsInExactlyOneSlot === list.length &&
    rescheduleCheck.slotsHoldingTwo === 0 &&
    rescheduleCheck.storedSlotsMatch;
  const json = { passed, bookings, bookingCheck, reschedules, rescheduleCheck, baseline: { bookings: rawBookings, reschedules: rawReschedules } };
  const row = (name: string, r: Run | undefined, base: Run) =>
    r
      ? `| ${name} | ${r.requests} | ${r.ok} | ${r.refused} | ${r.failed} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.perSecond} | ${r.answeredPerSecond} | ${base.ok} / ${base.refused} / ${base.failed} | ${base.latencyMs.p50} | ${base.latencyMs.p95} | ${base.perSecond} | ${base.answeredPerSecond} | ${base.answeredPerSecond ? round(r.answeredPerSecond / base.answeredPerSecond, 2) : '–'} |`
      : `| ${name} | skipped (no bookings) |`;
  const markdown = [
    '',
    '## Surgeries rush',
    '',
    `${COUNCILS} councils of one district, ${ATTEMPTS_PER_COUNCIL} concurrent booking attempts each (invitation tokens, over HTTP) for the 12 slots of one session; then ${RESCHEDULES} concurrent reschedules (manage tokens, naming the slot moved from) of the bookings into a second session. Baseline: the same transactions with the same contention sent straight to DynamoDB Local (SDK default retries), in the same run. **${passed ? 'Passed' : 'FAILED'}.**`,
    '',
    '| Run | Requests | Done | Refused (409) | Failed | p50 ms | p95 ms | Done/s | Answered/s | Raw: done / refused / failed | Raw p50 ms | Raw p95 ms | Raw done/s | Raw answered/s | API ÷ raw (answered/s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    row('Bookings', bookings, rawBookings),
    row('Reschedules', reschedules, rawReschedules),
    '',
    `Slots booked: ${bookingCheck.slotsBooked} of 12; double-booked slots: ${bookingCheck.doubleBookedSlots} (must be 0); councils with two bookings in the session: ${bookingCheck.councilsWithTwoBookingsInSession} (must be 0). After the reschedules: ${rescheduleCheck.bookingsInExactlyOneSlot} of ${list.length} bookings in exactly one slot, ${rescheduleCheck.moved} in the second session, slots holding two bookings: ${rescheduleCheck.slotsHoldingTwo} (must be 0), stored bookings match their slots: ${rescheduleCheck.storedSlotsMatch ? 'yes' : 'NO'}.`,
    ...(Object.keys(bookings.failures).length || Object.keys(reschedules?.failures ?? {}).length ? ['', `Failures: ${JSON.stringify({ bookings: bookings.failures, reschedules: reschedules?.failures })}`] : []),
    '',
  ].join('\n');
  return { markdown, json };
}
