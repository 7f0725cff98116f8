/**
 * The meetings rush under DynamoDB's contention, where issue 16's targets are checked: the same rush
 * with every DynamoDB call of the platform going through the contention proxy
 * (local/contention-proxy.ts), which cancels transactions on items another transaction holds and
 * throttles writes beyond AWS's per-partition budget (1,000 write units a second).
 *
 * Three ways in: the API server in this process through the proxy's `requests` entrance (what it
 * counts there is the request path), the delivery process (email delivery, and whatever else the
 * platform runs from the table's stream) through `background`. After the last answer the bench polls
 * the meeting's queue straight from DynamoDB Local (not through the proxy, nor the request path) and
 * records when it was empty, then checks every registration left `requested` with its email queued; whatever is still
 * waiting when deciding has stopped is "left to the sweep", then decided as the timer's sweep would.
 *
 * Beside it, through the same proxy and budget: the request-shaped raw transactions (the request a
 * registration saves, through the platform's transactWrite with its retries), before and after the
 * rush, the baseline for the rate target; the 2-item raw baseline on one counter item (SDK defaults);
 * and the transaction every registration used to make (the meeting item updated by each).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { QueryCommand, TransactionCanceledException, TransactionConflictException, type AttributeValue, type DynamoDBClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { AWS_PARTITION_WRITE_UNITS_PER_SECOND, startContentionProxy, type ContentionProxy } from '../../local/contention-proxy.js';
import type { Meeting } from '../../functions/meetings/model.js';
import { cpus } from 'node:os';
import { contentionMarkdown, partitionFigures, targetsOf, type ApartFigures, type ContentionResult, type RushFigures } from './contention-report.js';
import { percentile, pool, progress, round, withCpu, type CpuUse } from './measure.js';
import type { MeetingsSizes } from './meetings-report.js';
import { putShapeMeeting, rawTransactions } from './registration-rush.js';
import { benchClient } from './sdk-sockets.js';
import { meetingItemTransaction, requestTransaction } from './shapes.js';
import type { Stack } from './stack.js';

export type { ContentionResult } from './contention-report.js';

/** Per request: how many of its DynamoDB calls came back with a transaction conflict. */
export const requestScope = new AsyncLocalStorage<{ conflicts: number }>();

const isConflict = (error: unknown) =>
  error instanceof TransactionConflictException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'));

/** Counts conflicts against the request in scope (and in all), by wrapping the client's `send` from here. */
function countConflicts(client: DynamoDBClient, totals: { conflicts: number }) {
  const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (...args: unknown[]) =>
    original(...args).catch((error: unknown) => {
      if (isConflict(error)) {
        totals.conflicts++;
        const scope = requestScope.getStore();
        if (scope) scope.conflicts++;
      }
      throw error;
    });
}

/** Conflicts per finished request, pushed by `scoped` as each request ends. */
const conflictsSeen: number[] = [];

/** Wraps a request handler so its DynamoDB conflicts are counted against it. */
export function scoped<A extends unknown[], R>(handler: (...args: A) => Promise<R> | R): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const scope = { conflicts: 0 };
    try {
      return await requestScope.run(scope, () => handler(...args));
    } finally {
      conflictsSeen.push(scope.conflicts);
    }
  };
}

export interface ContentionContext {
  stack: Stack;
  sizes: MeetingsSizes;
  /** The rush over HTTP, `sizes.inFlight` at once. */
  rush: (meetingId: string, emailPrefix: string, count?: number) => Promise<RushFigures & { lastResponseAt: number }>;
  createMeeting: (title: string, capacity?: number) => Promise<Meeting>;
  /** The same run's figures without the proxy. */
  withoutProxy: { rush: RushFigures; rawPerSecond: number; rawShapedPerSecond: number };
}

/** How often the bench looks at the registrations after the last answer, and how long it waits for deciding to finish. */
const POLL_MS = 200;
const QUIET_MS = 15_000;
const WAIT_AT_MOST_MS = 120_000;

/** Every page of a consistent Query of one partition's items whose sort key begins with `prefix`, straight from DynamoDB Local. */
async function eachPage(
  client: DynamoDBClient,
  query: { tableName: string; partition: string; prefix: string } & Pick<QueryCommandInput, 'Select' | 'ProjectionExpression' | 'ExpressionAttributeNames'>,
  onPage: (page: QueryCommandOutput) => void,
): Promise<void> {
  const { tableName, partition, prefix, ...rest } = query;
  let after: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: partition }, ':prefix': { S: prefix } },
        ConsistentRead: true,
        ExclusiveStartKey: after,
        ...rest,
      }),
    );
    onPage(page);
    after = page.LastEvaluatedKey;
  } while (after);
}

/** The registrations' status and email, straight from DynamoDB Local: how many still wait, how many have no email queued. */
export async function undecided(client: DynamoDBClient, tableName: string, partition: string): Promise<{ requested: number; withoutEmail: number; total: number }> {
  const counts = { requested: 0, withoutEmail: 0, total: 0 };
  const query = { tableName, partition, prefix: 'REG#', ProjectionExpression: '#status, lastEmail', ExpressionAttributeNames: { '#status': 'status' } };
  await eachPage(client, query, (page) => {
    for (const item of page.Items ?? []) {
      counts.total++;
      if (item['status']?.S === 'requested') counts.requested++;
      else if (!item['lastEmail']) counts.withoutEmail++;
    }
  });
  return counts;
}

/**
 * What the timer's sweep does for requests left undecided (meetings' `sweepRequests`), run by the bench
 * with the clock a few minutes on, so every request counts as having waited long enough for it; then
 * waits until the meeting's queue is empty.
 */
export async function sweepAsTheTimerWould(stack: Stack, meetingId: string): Promise<void> {
  const { sweepRequests } = (await import('../../functions/meetings/deciding.js')) as { sweepRequests: (now: Date) => Promise<number> };
  await sweepRequests(new Date(Date.now() + 5 * 60_000));
  await stack.platform.fixtures.allDecided(meetingId, 120_000);
}

/** Requests still in the meeting's queue (a consistent count: it reads only what is left). */
async function queued(client: DynamoDBClient, tableName: string, partition: string, queuePrefix: string): Promise<number> {
  let count = 0;
  await eachPage(client, { tableName, partition, prefix: queuePrefix, Select: 'COUNT' }, (page) => (count += page.Count ?? 0));
  return count;
}

/**
 * Polls until the meeting's queue is empty, or it has not shrunk for QUIET_MS; then reads every
 * registration once to be sure each left `requested` with its email queued. A decision removes the
 * request's queue entry in the transaction that sets its status and queues its email, so the count
 * says when deciding is done while reading far less than the registrations themselves (what the bench
 * reads takes DynamoDB Local's CPU from the decider it is timing).
 */
export async function watchDeciding(client: DynamoDBClient, tableName: string, partition: string, lastAnswerAt: number, queuePrefix: string) {
  let left = await queued(client, tableName, partition, queuePrefix);
  let changedAt = Date.now();
  while (left > 0 && Date.now() - changedAt < QUIET_MS && Date.now() - lastAnswerAt < WAIT_AT_MOST_MS) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const now = await queued(client, tableName, partition, queuePrefix);
    if (now !== left) changedAt = Date.now();
    left = now;
  }
  const emptyAt = Date.now();
  const last = await undecided(client, tableName, partition);
  const done = left === 0 && last.requested + last.withoutEmail === 0;
  return { ...last, decidedWithinMs: done ? Math.max(0, emptyAt - lastAnswerAt) : undefined, gaveUpAfterMs: done ? undefined : emptyAt - lastAnswerAt };
}

/** CPU ms per registration in each process, from a phase's CPU seconds. */
const perRegistration = (cpu: CpuUse, registrations: number): CpuUse =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === undefined ? v : round((v * 1000) / registrations, 2)])) as CpuUse;

/**
 * The same rush with the decider held (the request path alone: what answering costs), then the decider
 * released on its queue with nothing else running (what deciding costs), both through the proxy. So
 * the run shows how fast this box answers with no deciding at all, and what the decider adds.
 */
async function requestPathAndDeciderApart(ctx: ContentionContext, direct: DynamoDBClient): Promise<Omit<ApartFigures, 'ratio'>> {
  const { stack, sizes } = ctx;
  const meeting = await ctx.createMeeting('Load test: the request path alone');
  await stack.delivery.request('pause');
  await stack.delivery.request('pause', { door: 'others' });
  const answered = await withCpu(stack.pids, () => ctx.rush(meeting.id, 'apart'));
  const released = Date.now();
  const decided = await withCpu(stack.pids, async () => {
    await stack.delivery.request('resume', { door: 'others' });
    return watchDeciding(direct, stack.tableName, stack.platform.keys.meetingPartition(meeting.id), released, stack.platform.keys.REQUEST);
  });
  await stack.delivery.request('resume');
  if (decided.result.requested || decided.result.withoutEmail) await sweepAsTheTimerWould(stack, meeting.id);
  await stack.delivery.request('caught-up');
  const registrations = await stack.platform.registrations.listRegistrations(meeting.id);
  const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
  const waitlisted = registrations.filter((r) => r.status === 'waitlisted').length;
  const ms = decided.result.decidedWithinMs;
  return {
    requestPath: { rush: answered.result, cpuMsPerRegistration: perRegistration(answered.cpu, sizes.registrations) },
    decider: {
      ...(ms !== undefined ? { seconds: round(ms / 1000, 2), perSecond: round(sizes.registrations / (ms / 1000)) } : {}),
      leftToSweep: decided.result.requested,
      cpuMsPerRegistration: perRegistration(decided.cpu, sizes.registrations),
      exact: confirmed === sizes.capacity && waitlisted === sizes.registrations - sizes.capacity,
    },
    cpus: cpus().length,
  };
}

export async function benchContention(ctx: ContentionContext): Promise<{ markdown: string; json: ContentionResult }> {
  const { stack, sizes } = ctx;
  const { platform } = stack;
  const holdMs = 5;
  const proxy: ContentionProxy = await startContentionProxy({ upstream: stack.dynamoEndpoint, holdMs, writeBudget: { unitsPerSecondPerPartition: AWS_PARTITION_WRITE_UNITS_PER_SECOND } });
  const [requestsEntrance, backgroundEntrance] = [await proxy.entrance('requests'), await proxy.entrance('background')];
  stack.useEndpoint(requestsEntrance);
  await stack.delivery.request('endpoint', { endpoint: backgroundEntrance });
  const totals = { conflicts: 0 };
  countConflicts(platform.dynamo(), totals);
  const direct = benchClient(stack.dynamoEndpoint);
  /** The request a registration saves, through the platform's transactWrite (its retries on conflicts and throttling), in a meeting of the baseline table. */
  const rawShaped = async (run: string) => {
    const meeting = await putShapeMeeting(platform, platform.dynamo(), stack.baselineTable, run, sizes.registrations);
    let failed = 0;
    const started = performance.now();
    const done = await pool(sizes.registrations, sizes.inFlight, 180_000, async (i) => {
      const items = requestTransaction(platform, stack.baselineTable, meeting, `${run}-${i}`);
      await platform.transactions.transactWrite(items.map((write, n) => ({ name: String(n), write })), { claims: false }).catch(() => failed++);
    });
    const seconds = (performance.now() - started) / 1000;
    return { transactions: done, failed, seconds: round(seconds, 2), perSecond: round(done / seconds) };
  };
  try {
    // Warm the proxy's path (and its key-schema look-ups) before measuring.
    const warm = await ctx.createMeeting('Warm-up through the proxy');
    await ctx.rush(warm.id, 'proxy-warm', Math.round(sizes.warm.registrations / 2));
    await platform.fixtures.allDecided(warm.id, 120_000);
    await stack.delivery.request('caught-up');

    progress(`  request-shaped baseline through the proxy (${sizes.registrations})...`);
    const shapedBefore = await rawShaped('proxy-shaped-before');

    progress(`  the rush through the proxy (${sizes.registrations}, ${sizes.inFlight} in flight)...`);
    const meeting = await ctx.createMeeting('Load test through the contention proxy');
    proxy.resetStats();
    totals.conflicts = 0;
    conflictsSeen.length = 0;
    // Email delivery waits until every place is decided (the decider runs throughout): in AWS it runs on its
    // own Lambdas and writes other partitions, but here its DynamoDB work would share the two CPUs with the
    // requests being measured. The run without the proxy above delivers alongside, and times the emails.
    await stack.delivery.request('pause');
    const rushed = await withCpu(stack.pids, () => ctx.rush(meeting.id, 'proxy'));
    const rush = rushed.result;
    const requestPath = proxy.stats().callers['requests'] ?? { operations: {}, reads: 0, throttled: 0 };
    const perRequest = conflictsSeen.splice(0);
    const partition = platform.keys.meetingPartition(meeting.id);
    const decidingAfter = await withCpu(stack.pids, () => watchDeciding(direct, stack.tableName, partition, rush.lastResponseAt, platform.keys.REQUEST));
    const deciding = decidingAfter.result;
    await stack.delivery.request('resume');
    const leftToSweep = deciding.requested;
    if (leftToSweep > 0 || deciding.withoutEmail > 0) {
      progress(`  ${leftToSweep} registrations still undecided when deciding stopped: deciding them as the timer's sweep would...`);
      await sweepAsTheTimerWould(stack, meeting.id);
    }
    await stack.delivery.request('caught-up');
    const stats = proxy.stats();
    const partitions = partitionFigures(proxy.partitions(), stack.tableName, partition, sizes.registrations, proxy.writeBudget!);

    const registrations = await platform.registrations.listRegistrations(meeting.id);
    const stored = (await platform.meetingStore.getMeeting(meeting.id, { consistent: true }))!;
    const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
    const waitlisted = registrations.filter((r) => r.status === 'waitlisted').length;
    const unavailable = Object.entries(rush.failures).filter(([k]) => k.startsWith('503')).reduce((n, [, v]) => n + v, 0);
    const outcome = {
      confirmed,
      waitlisted,
      other: registrations.length - confirmed - waitlisted,
      placesLeft: stored.placesLeft,
      confirmedCount: stored.confirmedCount,
      waitlistedCount: stored.waitlistedCount,
      exact:
        confirmed === sizes.capacity &&
        waitlisted === sizes.registrations - sizes.capacity &&
        registrations.length === sizes.registrations &&
        stored.placesLeft === 0 &&
        stored.confirmedCount === confirmed &&
        stored.waitlistedCount === waitlisted,
    };

    progress(`  the request path alone: the same rush with the decider held, then the decider alone...`);
    const split = await requestPathAndDeciderApart(ctx, direct);

    progress('  request-shaped baseline through the proxy, again; the 2-item baseline and the old design through it...');
    const shapedAfter = await rawShaped('proxy-shaped-after');
    const baselineStats = proxy.stats().throttled;
    const raw = await rawTransactions(requestsEntrance, stack.baselineTable, 'proxy', sizes.registrations, sizes.inFlight);
    const rawThrottled = proxy.stats().throttled - baselineStats;

    // The design this replaced: each registration's transaction updating the meeting item, with the platform's bounded retries.
    const oldMeeting = await putShapeMeeting(platform, platform.dynamo(), stack.baselineTable, 'proxy-old', sizes.oldDesign);
    let committed = 0;
    let gaveUp = 0;
    const latencies: number[] = [];
    const conflictsBefore = totals.conflicts;
    const started = performance.now();
    await pool(sizes.oldDesign, sizes.inFlight, 180_000, async (i) => {
      const t0 = performance.now();
      try {
        const items = meetingItemTransaction(platform, stack.baselineTable, oldMeeting, `old-${i}`);
        const outcome = await platform.transactions.transactWrite(items.map((write, n) => ({ name: String(n), write })));
        if (outcome.ok) committed++;
      } catch (error) {
        if (error instanceof platform.transactions.Busy) gaveUp++;
        else throw error;
      }
      latencies.push(performance.now() - t0);
    });
    const oldSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const withAConflict = perRequest.filter((n) => n > 0).length;
    const json: ContentionResult = {
      holdMs,
      writeBudget: proxy.writeBudget!,
      registrations: sizes.registrations,
      capacity: sizes.capacity,
      inFlight: sizes.inFlight,
      rush,
      unavailable,
      conflicts: {
        total: stats.transactionsCancelled + stats.singleWritesRejected,
        perRegistration: round((stats.transactionsCancelled + stats.singleWritesRejected) / sizes.registrations, 3),
        registrationsWithAConflict: withAConflict,
        shareWithAConflict: round(withAConflict / sizes.registrations, 4),
      },
      proxy: { transactionsCancelled: stats.transactionsCancelled, singleWritesRejected: stats.singleWritesRejected, throttled: stats.throttled, forwarded: stats.forwarded, transactWrites: stats.operations['TransactWriteItems'] ?? 0 },
      requestPath: { reads: requestPath.reads, readsPerRegistration: round(requestPath.reads / sizes.registrations, 2), operations: requestPath.operations, throttled: requestPath.throttled },
      background: stats.callers['background'] ?? { operations: {}, reads: 0, throttled: 0 },
      deciding: { ...deciding, leftToSweep },
      partitions,
      outcome,
      rawShapedThroughProxy: { before: shapedBefore, after: shapedAfter, perSecond: round((shapedBefore.perSecond + shapedAfter.perSecond) / 2) },
      rawThroughProxy: { transactions: raw.transactions, failed: raw.failed, throttled: rawThrottled, perSecond: raw.perSecond },
      meetingItemDesign: {
        transactions: sizes.oldDesign,
        committed,
        gaveUp,
        conflicts: totals.conflicts - conflictsBefore,
        perSecond: round(committed / oldSeconds),
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
      },
      cpu: { rush: perRegistration(rushed.cpu, sizes.registrations), decidingAfter: perRegistration(decidingAfter.cpu, sizes.registrations) },
      apart: { ...split, ratio: round(split.requestPath.rush.perSecond / ((shapedBefore.perSecond + shapedAfter.perSecond) / 2), 3) },
      passed: outcome.exact && rush.failed === 0 && unavailable === 0,
      targets: [],
    };
    json.targets = targetsOf(json);
    return { markdown: contentionMarkdown(json, ctx.withoutProxy), json };
  } finally {
    stack.useEndpoint(stack.dynamoEndpoint);
    await stack.delivery.request('endpoint', { endpoint: stack.dynamoEndpoint });
    direct.destroy();
    await proxy.stop();
  }
}
