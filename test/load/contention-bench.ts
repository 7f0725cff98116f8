/**
 * The bench's contention section: the same 1,000-person rush, but with DynamoDB Local behind the
 * contention proxy (local/contention-proxy.ts), so transactions meet DynamoDB's conflicts; beside it,
 * in the same run, the rush without the proxy (from bench.ts), the 2-item raw baseline through the
 * proxy, and the transaction every registration used to make (the meeting item updated by each) with
 * the platform's own bounded retries, to show what the proxy would have done to it.
 *
 * Conflicts are counted per registration: the server's request handler runs inside `requestScope`
 * (bench.ts wraps it), and every DynamoDB call that comes back with a transaction conflict is counted
 * against the request it was made for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionCanceledException, TransactionConflictException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startContentionProxy } from '../../local/contention-proxy.js';
import type { Meeting } from '../../functions/meetings/model.js';
import { percentile, pool, round } from './measure.js';
import { meetingItemTransaction, type ShapeModules } from './shapes.js';

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

interface RushFigures {
  requests: number;
  accepted: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
}

export interface ContentionContext {
  platform: ShapeModules & {
    dynamo: typeof import('../../functions/core/store/dynamo.js').dynamo;
    transactions: typeof import('../../functions/core/store/transactions.js');
    fixtures: typeof import('../../functions/meetings/fixtures.js');
    registrations: typeof import('../../functions/meetings/registrations.js');
    meetingStore: typeof import('../../functions/meetings/store/meetings.js');
  };
  dynamoEndpoint: string;
  baselineTable: string;
  registrations: number;
  capacity: number;
  inFlight: number;
  /** bench.ts's rush over HTTP. */
  rush: (meetingId: string, emailPrefix: string, count?: number) => Promise<RushFigures>;
  createMeeting: (title: string, capacity?: number) => Promise<Meeting>;
  putShapeMeeting: (client: DynamoDBClient, tableName: string, run: string, places: number) => Promise<Meeting>;
  rawTransactions: (endpoint: string, tableName: string, run: string, count?: number) => Promise<{ transactions: number; failed: number; seconds: number; perSecond: number }>;
  /** The same run's figures without the proxy. */
  withoutProxy: { rush: RushFigures; rawPerSecond: number };
}

export interface ContentionResult {
  holdMs: number;
  rush: RushFigures;
  /** Registrations answered 503 (never a 500: those are in failures). */
  unavailable: number;
  conflicts: { total: number; perRegistration: number; registrationsWithAConflict: number; shareWithAConflict: number };
  proxy: { transactionsCancelled: number; singleWritesRejected: number; forwarded: number; transactWrites: number };
  /** From the last answer until every place was decided. */
  decidedWithinMs: number;
  outcome: { confirmed: number; waitlisted: number; other: number; placesLeft: number; confirmedCount: number; waitlistedCount: number; exact: boolean };
  rawThroughProxy: { transactions: number; failed: number; perSecond: number };
  meetingItemDesign: { transactions: number; committed: number; gaveUp: number; conflicts: number; perSecond: number; p50: number; p99: number };
  passed: boolean;
}

export async function benchContention(ctx: ContentionContext): Promise<{ markdown: string; json: ContentionResult }> {
  const { platform } = ctx;
  const holdMs = 5;
  const proxy = await startContentionProxy({ upstream: ctx.dynamoEndpoint, holdMs });
  const direct = process.env['DYNAMODB_ENDPOINT'];
  process.env['DYNAMODB_ENDPOINT'] = proxy.endpoint; // the server in this process now reaches DynamoDB through the proxy
  const totals = { conflicts: 0 };
  countConflicts(platform.dynamo(), totals);
  try {
    // Warm the proxy's path (and its key-schema look-up) before measuring.
    await ctx.rush((await ctx.createMeeting('Warm-up through the proxy')).id, 'proxy-warm', 200);

    const meeting = await ctx.createMeeting('Load test through the contention proxy');
    const perRequest: number[] = [];
    proxy.resetStats();
    totals.conflicts = 0;
    conflictsSeen.length = 0;
    const rush = await ctx.rush(meeting.id, 'proxy');
    const lastAnswer = Date.now();
    await platform.fixtures.allDecided(meeting.id, 120_000);
    const decidedWithinMs = Date.now() - lastAnswer;
    perRequest.push(...conflictsSeen.splice(0));
    const stats = proxy.stats();

    const registrations = await platform.registrations.listRegistrations(meeting.id);
    const stored = (await platform.meetingStore.getMeeting(meeting.id, { consistent: true }))!;
    const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
    const waitlisted = registrations.filter((r) => r.status === 'waitlisted').length;
    const exact =
      confirmed === ctx.capacity &&
      waitlisted === ctx.registrations - ctx.capacity &&
      registrations.length === ctx.registrations &&
      stored.placesLeft === 0 &&
      stored.confirmedCount === ctx.capacity &&
      stored.waitlistedCount === ctx.registrations - ctx.capacity;
    const withAConflict = perRequest.filter((n) => n > 0).length;
    const unavailable = Object.entries(rush.failures).filter(([k]) => k.startsWith('503')).reduce((n, [, v]) => n + v, 0);

    // The 2-item raw baseline (one counter item updated by every transaction) through the proxy, SDK defaults.
    const raw = await ctx.rawTransactions(proxy.endpoint, ctx.baselineTable, 'proxy');

    // The design this replaced: each registration's transaction updating the meeting item, with the platform's bounded retries.
    const oldMeeting = await ctx.putShapeMeeting(platform.dynamo(), ctx.baselineTable, 'proxy-old', ctx.registrations);
    let committed = 0;
    let gaveUp = 0;
    const latencies: number[] = [];
    const before = totals.conflicts;
    const started = performance.now();
    await pool(ctx.registrations, ctx.inFlight, 180_000, async (i) => {
      const t0 = performance.now();
      try {
        const items = meetingItemTransaction(platform, ctx.baselineTable, oldMeeting, `old-${i}`);
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

    const json: ContentionResult = {
      holdMs,
      rush,
      unavailable,
      conflicts: {
        total: totals.conflicts,
        perRegistration: round(stats.transactionsCancelled / ctx.registrations + stats.singleWritesRejected / ctx.registrations, 3),
        registrationsWithAConflict: withAConflict,
        shareWithAConflict: round(withAConflict / ctx.registrations, 4),
      },
      proxy: { transactionsCancelled: stats.transactionsCancelled, singleWritesRejected: stats.singleWritesRejected, forwarded: stats.forwarded, transactWrites: stats.operations['TransactWriteItems'] ?? 0 },
      decidedWithinMs,
      outcome: { confirmed, waitlisted, other: registrations.length - confirmed - waitlisted, placesLeft: stored.placesLeft, confirmedCount: stored.confirmedCount, waitlistedCount: stored.waitlistedCount, exact },
      rawThroughProxy: { transactions: raw.transactions, failed: raw.failed, perSecond: raw.perSecond },
      meetingItemDesign: {
        transactions: ctx.registrations,
        committed,
        gaveUp,
        conflicts: totals.conflicts - before,
        perSecond: round(committed / oldSeconds),
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
      },
      passed: exact && rush.failed === 0 && unavailable === 0,
    };
    return { markdown: markdown(json, ctx), json };
  } finally {
    process.env['DYNAMODB_ENDPOINT'] = direct;
    await proxy.stop();
  }
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

function markdown(r: ContentionResult, ctx: ContentionContext): string {
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
  const row = (label: string, f: RushFigures, extra: string) =>
    `| ${label} | ${f.perSecond} | ${f.latencyMs.p50} / ${f.latencyMs.p95} / ${f.latencyMs.p99} / ${f.latencyMs.max} | ${extra} |`;
  const w = ctx.withoutProxy;
  return [
    `## Under DynamoDB's contention: the same rush through the contention proxy (holds ${r.holdMs} ms)`,
    '',
    'Every DynamoDB call of the API goes through local/contention-proxy.ts, which cancels a transaction touching an item another',
    "transaction holds (TransactionConflict) and rejects single writes to such items, as DynamoDB does; the SDK keeps its default retries.",
    '',
    '| Run (same bench run) | Registrations per second | Latency p50 / p95 / p99 / max (ms) | Outcome |',
    '|---|---|---|---|',
    row('Without the proxy (above)', w.rush, `${w.rush.accepted} accepted, ${w.rush.failed} failed`),
    row('Through the proxy', r.rush, `${r.rush.accepted} accepted, ${r.rush.failed} failed, ${r.unavailable} answered 503`),
    '',
    '| Through the proxy | |',
    '|---|---|',
    `| Stored afterwards | ${r.outcome.confirmed} confirmed, ${r.outcome.waitlisted} waitlisted, ${r.outcome.other} other; counters placesLeft ${r.outcome.placesLeft}, confirmed ${r.outcome.confirmedCount}, waitlisted ${r.outcome.waitlistedCount} (exact: ${ok(r.outcome.exact)}) |`,
    `| Every place decided, after the last answer | ${round(r.decidedWithinMs / 1000, 2)} s |`,
    `| Conflicts (transactions cancelled + single writes rejected by the proxy) | ${r.proxy.transactionsCancelled} + ${r.proxy.singleWritesRejected} = ${round(r.conflicts.perRegistration, 3)} per registration |`,
    `| Registrations that met a conflict and retried | ${r.conflicts.registrationsWithAConflict} of ${ctx.registrations} (${round(r.conflicts.shareWithAConflict * 100, 2)}%) |`,
    `| Worst latency a resident saw | ${r.rush.latencyMs.max} ms |`,
    `| TransactWriteItems through the proxy | ${r.proxy.transactWrites} (requests + decision batches) |`,
    '',
    '| Baselines through the proxy (same run) | Per second | Failed |',
    '|---|---|---|',
    `| 2-item raw transactions on one counter item, without the proxy (above) | ${w.rawPerSecond} | 0 |`,
    `| 2-item raw transactions on one counter item, through the proxy (SDK defaults: conflicts are not retried) | ${r.rawThroughProxy.perSecond} | ${r.rawThroughProxy.failed} of ${r.rawThroughProxy.transactions} cancelled |`,
    `| The old design: each registration's 4-item transaction updating the meeting item, with the platform's bounded retries | ${r.meetingItemDesign.perSecond} committed | ${r.meetingItemDesign.gaveUp} of ${r.meetingItemDesign.transactions} gave up (503); ${r.meetingItemDesign.conflicts} conflicts; p50 ${r.meetingItemDesign.p50} ms, p99 ${r.meetingItemDesign.p99} ms |`,
    '',
    `API rate through the proxy ÷ without it = **${round(r.rush.perSecond / w.rush.perSecond, 2)}**. Exact outcome, 0 failed, 0 × 503 through the proxy: ${ok(r.passed)}.`,
    '',
  ].join('\n');
}
