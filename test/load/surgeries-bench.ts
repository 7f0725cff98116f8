/**
 * The surgeries section of `npm run bench -- surgeries`, on the running stack:
 *
 * 1. 40 councils of one district, each sending three concurrent booking attempts (with its invitation
 *    token, over HTTP) for the 12 slots of one session: 120 requests at once. Expect exactly 12 booked,
 *    108 refused (409), no failures, no slot booked twice, no council with two bookings in the session.
 * 2. 100 concurrent reschedules (manage tokens, over HTTP) of those 12 bookings into the 12 free slots of
 *    a second session of the district, each naming the slot it moves from: every booking ends in exactly
 *    one slot, no slot holds two.
 * 3. Beside each, a raw baseline of the same writes in the same run (surgeries-baseline.ts).
 *
 * It runs twice: straight to DynamoDB Local, then with every DynamoDB call of the platform going
 * through the contention proxy with AWS's per-partition write budget, where issue 16's targets are
 * checked (p95 ≤ 1,000 ms, 0 double bookings, 0 councils with two bookings in a session) and the
 * proxy says what each attempt asked of DynamoDB: reads, transactions (a retry is another), conflicts.
 *
 * Setup (councils, sessions, tokens) goes through the domain and the platform's link store, before the
 * proxy is in the way.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AWS_PARTITION_WRITE_UNITS_PER_SECOND, startContentionProxy, type CallerStats, type ContentionProxy } from '../../local/contention-proxy.js';
import { progress, withCpu } from './measure.js';
import { ATTEMPTS_PER_COUNCIL, COUNCILS, RESCHEDULES, rawBaseline } from './surgeries-baseline.js';
import { post, rush, type Run } from './surgeries-rush.js';
import { root, type Stack } from './stack.js';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** What the API asked of DynamoDB during one rush, per request, as the proxy counted it. */
interface AskedPerRequest {
  /** CPU ms per request: the API server (this process, with the load generator) and DynamoDB Local. */
  apiCpuMs?: number;
  dynamoDbLocalCpuMs?: number;
  reads: number;
  transactions: number;
  conflicts: number;
  throttled: number;
  operations: Record<string, number>;
}

interface Scenario {
  bookings: Run;
  bookingCheck: { slotsBooked: number; doubleBookedSlots: number; councilsWithTwoBookingsInSession: number; guards: number };
  reschedules?: Run;
  rescheduleCheck: { bookingsInExactlyOneSlot: number; of: number; slotsHoldingTwo: number; storedSlotsMatch: boolean; moved: number };
  baseline: { bookings: Run; reschedules: Run };
  /** Through the proxy only. */
  asked?: { bookings: AskedPerRequest; reschedules?: AskedPerRequest };
  passed: boolean;
}

/** BENCH_CPU_PROFILE=1: a V8 CPU profile of this process (the API server and the load generator) during `work`, to bench-results/<name>.cpuprofile. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(join(root, 'bench-results', `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

/** The booking rush then the reschedules, on councils and sessions of its own; `proxy` counts what each rush asked. */
async function scenario(stack: Stack, label: string, proxy?: { proxy: ContentionProxy; entrance: string; baselineEndpoint: string }): Promise<Scenario> {
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
  const counted = async (work: () => Promise<Run>, profile?: string): Promise<{ run: Run; asked?: AskedPerRequest }> => {
    if (!proxy) {
      const { result, cpu } = await withCpu(stack.pids, () => (profile ? profiled(profile, work) : work()));
      return { run: result, asked: { apiCpuMs: round(((cpu.apiServerAndLoad ?? 0) * 1000) / result.requests, 1), dynamoDbLocalCpuMs: round(((cpu.dynamoDbLocal ?? 0) * 1000) / result.requests, 1), reads: NaN, transactions: NaN, conflicts: NaN, throttled: NaN, operations: {} } };
    }
    stack.useEndpoint(proxy.entrance);
    proxy.proxy.resetStats();
    try {
      const { result, cpu } = await withCpu(stack.pids, work);
      const stats = proxy.proxy.stats();
      const caller: CallerStats = stats.callers['requests'] ?? { operations: {}, reads: 0, throttled: 0 };
      const per = (n: number) => round(n / result.requests, 2);
      const cpuMs = (seconds: number | undefined) => (seconds === undefined ? undefined : round((seconds * 1000) / result.requests, 1));
      return {
        run: result,
        asked: {
          apiCpuMs: cpuMs(cpu.apiServerAndLoad),
          dynamoDbLocalCpuMs: cpuMs(cpu.dynamoDbLocal),
          reads: per(caller.reads),
          transactions: per(caller.operations['TransactWriteItems'] ?? 0),
          conflicts: per(stats.transactionsCancelled + stats.singleWritesRejected),
          throttled: per(caller.throttled),
          operations: Object.fromEntries(Object.entries(caller.operations).map(([op, n]) => [op, per(n)])),
        },
      };
    } finally {
      stack.useEndpoint(stack.dynamoEndpoint);
    }
  };

  // 1. The booking rush over HTTP.
  progress(`  ${label}: ${COUNCILS * ATTEMPTS_PER_COUNCIL} booking attempts...`);
  const bookingRequests = councils.flatMap((_, c) =>
    Array.from({ length: ATTEMPTS_PER_COUNCIL }, (_, k) => () => {
      const details = exampleDetails();
      return post(`${stack.baseUrl}/api/surgeries/invitations/bookings`, { token: invitations[c], slotId: firstSlots[(c * 3 + k * 5) % 12], ...details });
    }),
  );
  const bookings = await counted(() => rush(bookingRequests, (s) => s === 201, (s) => s === 409), label === 'straight to DynamoDB Local' && process.env['BENCH_CPU_PROFILE'] === '1' ? 'surgeries-bookings' : undefined);
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
  progress(`  ${label}: ${RESCHEDULES} reschedules...`);
  const manage = new Map(await Promise.all([...booked.values()].map(async (b) => [b.id, await token('manage', { bookingId: b.id })] as const)));
  const list = [...booked.values()];
  const rescheduleRequests = Array.from({ length: RESCHEDULES }, (_, i) => () => {
    const b = list[i % list.length]!;
    return post(`${stack.baseUrl}/api/surgeries/bookings/reschedule`, { token: manage.get(b.id), sessionId: second.id, slotId: secondSlots[(i * 7) % 12], fromSlotId: b.slotId });
  });
  const reschedules = list.length ? await counted(() => rush(rescheduleRequests, (s) => s === 200, (s) => s === 409)) : undefined;
  const [partA, partB] = await Promise.all([readSessionPartition(first.id), readSessionPartition(second.id)]);
  const holders = [...partA.slots, ...partB.slots].flatMap((s) => (s.bookingId ? [s.bookingId] : []));
  const after = await getBookings(list.map((b) => b.id));
  const rescheduleCheck = {
    bookingsInExactlyOneSlot: list.filter((b) => holders.filter((h) => h === b.id).length === 1).length,
    of: list.length,
    slotsHoldingTwo: holders.length - new Set(holders).size,
    storedSlotsMatch: [...partA.slots, ...partB.slots].filter((s) => s.bookingId).every((s) => after.get(s.bookingId!)?.slotId === s.id),
    moved: partB.slots.filter((s) => s.bookingId).length,
  };

  // 3. The raw baseline: the same writes with the same contention, to the same place.
  progress(`  ${label}: the raw baseline...`);
  const baseline = await rawBaseline(proxy?.baselineEndpoint ?? stack.dynamoEndpoint, `${stack.tableName}-surgeries-baseline`, run);

  const passed =
    bookings.run.ok === 12 &&
    bookings.run.refused === COUNCILS * ATTEMPTS_PER_COUNCIL - 12 &&
    bookings.run.failed === 0 &&
    bookingCheck.slotsBooked === 12 &&
    bookingCheck.doubleBookedSlots === 0 &&
    bookingCheck.councilsWithTwoBookingsInSession === 0 &&
    (reschedules?.run.failed ?? 0) === 0 &&
    rescheduleCheck.bookingsInExactlyOneSlot === list.length &&
    rescheduleCheck.slotsHoldingTwo === 0 &&
    rescheduleCheck.storedSlotsMatch;
  return {
    bookings: bookings.run,
    bookingCheck,
    ...(reschedules ? { reschedules: reschedules.run } : {}),
    rescheduleCheck,
    baseline,
    ...(bookings.asked ? { asked: { bookings: bookings.asked, ...(reschedules?.asked ? { reschedules: reschedules.asked } : {}) } } : {}),
    passed,
  };
}

export async function surgeriesBench(stack: Stack): Promise<{ markdown: string; json: { passed: boolean; direct: Scenario; throughProxy: Scenario; targets: Target[] } }> {
  // DynamoDB Local's JIT and the platform's code paths warm up on a scenario of their own, not measured (unless an earlier section warmed them).
  if (!stack.warm) await scenario(stack, 'warming up');
  const direct = await scenario(stack, 'straight to DynamoDB Local');
  const proxy = await startContentionProxy({ upstream: stack.dynamoEndpoint, writeBudget: { unitsPerSecondPerPartition: AWS_PARTITION_WRITE_UNITS_PER_SECOND } });
  let throughProxy: Scenario;
  try {
    const [entrance, background] = [await proxy.entrance('requests'), await proxy.entrance('background')];
    await stack.delivery.request('endpoint', { endpoint: background });
    throughProxy = await scenario(stack, 'through the contention proxy', { proxy, entrance, baselineEndpoint: proxy.endpoint });
  } finally {
    await stack.delivery.request('endpoint', { endpoint: stack.dynamoEndpoint });
    await proxy.stop();
  }
  const targets = targetsOf(throughProxy);
  const json = { passed: direct.passed && throughProxy.passed && targets.every((t) => t.met), direct, throughProxy, targets };
  return { markdown: surgeriesMarkdown(json), json };
}

interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

function targetsOf(s: Scenario): Target[] {
  return [
    { name: 'Bookings: latency p95', target: '≤ 1,000 ms', measured: `${s.bookings.latencyMs.p95} ms`, met: s.bookings.latencyMs.p95 <= 1000 },
    { name: 'Reschedules: latency p95', target: '≤ 1,000 ms', measured: s.reschedules ? `${s.reschedules.latencyMs.p95} ms` : 'skipped (no bookings)', met: (s.reschedules?.latencyMs.p95 ?? Infinity) <= 1000 },
    { name: 'Double-booked slots', target: '0', measured: String(s.bookingCheck.doubleBookedSlots + s.rescheduleCheck.slotsHoldingTwo), met: s.bookingCheck.doubleBookedSlots + s.rescheduleCheck.slotsHoldingTwo === 0 },
    { name: 'Councils with two bookings in the session', target: '0', measured: String(s.bookingCheck.councilsWithTwoBookingsInSession), met: s.bookingCheck.councilsWithTwoBookingsInSession === 0 },
  ];
}

function surgeriesMarkdown(r: { passed: boolean; direct: Scenario; throughProxy: Scenario; targets: Target[] }): string {
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
  const row = (name: string, run: Run | undefined, base: Run) =>
    run
      ? `| ${name} | ${run.requests} | ${run.ok} | ${run.refused} | ${run.failed} | ${run.latencyMs.p50} | ${run.latencyMs.p95} | ${run.latencyMs.max} | ${run.perSecond} | ${run.answeredPerSecond} | ${base.ok} / ${base.refused} / ${base.failed} | ${base.latencyMs.p50} | ${base.latencyMs.p95} | ${base.answeredPerSecond} | ${base.answeredPerSecond ? round(run.answeredPerSecond / base.answeredPerSecond, 2) : '–'} |`
      : `| ${name} | skipped (no bookings) |`;
  const checks = (s: Scenario) =>
    `Slots booked: ${s.bookingCheck.slotsBooked} of 12; double-booked slots: ${s.bookingCheck.doubleBookedSlots} (must be 0); councils with two bookings in the session: ${s.bookingCheck.councilsWithTwoBookingsInSession} (must be 0). After the reschedules: ${s.rescheduleCheck.bookingsInExactlyOneSlot} of ${s.rescheduleCheck.of} bookings in exactly one slot, ${s.rescheduleCheck.moved} in the second session, slots holding two bookings: ${s.rescheduleCheck.slotsHoldingTwo} (must be 0), stored bookings match their slots: ${ok(s.rescheduleCheck.storedSlotsMatch)}.${Object.keys(s.bookings.failures).length || Object.keys(s.reschedules?.failures ?? {}).length ? ` Failures: ${JSON.stringify({ bookings: s.bookings.failures, reschedules: s.reschedules?.failures })}.` : ''}${Object.keys(s.baseline.bookings.failures).length || Object.keys(s.baseline.reschedules.failures).length ? ` The raw baseline's failures (errors other than a failed condition): ${JSON.stringify({ bookings: s.baseline.bookings.failures, reschedules: s.baseline.reschedules.failures })}.` : ''}`;
  const asked = (name: string, a: AskedPerRequest | undefined) =>
    a
      ? `| ${name} | ${a.reads} | ${a.transactions} | ${a.conflicts} | ${a.throttled} | ${Object.entries(a.operations).map(([op, n]) => `${op} ${n}`).join(', ')} | ${a.apiCpuMs ?? 'n/a'} | ${a.dynamoDbLocalCpuMs ?? 'n/a'} |`
      : `| ${name} | – |`;
  const header = '| Run | Requests | Done | Refused (409) | Failed | p50 ms | p95 ms | max ms | Done/s | Answered/s | Raw: done / refused / failed | Raw p50 ms | Raw p95 ms | Raw answered/s | API ÷ raw (answered/s) |';
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |';
  const p = r.throughProxy;
  return [
    '',
    '## Surgeries rush',
    '',
    `${COUNCILS} councils of one district, ${ATTEMPTS_PER_COUNCIL} concurrent booking attempts each (invitation tokens, over HTTP) for the 12 slots of one session; then ${RESCHEDULES} concurrent reschedules (manage tokens, naming the slot moved from) of the bookings into a second session. Baseline: the same transactions with the same contention sent raw (SDK default retries) to the same place, in the same run. Run straight to DynamoDB Local, then through the contention proxy (transaction conflicts, and AWS's per-partition budget of ${AWS_PARTITION_WRITE_UNITS_PER_SECOND.toLocaleString('en-GB')} write units a second). **${r.passed ? 'Passed' : 'NOT PASSED'}.**`,
    '',
    "### Issue 16's targets (through the proxy)",
    '',
    '| Target | | Measured | Met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${ok(t.met)} |`),
    '',
    '### Straight to DynamoDB Local',
    '',
    header,
    rule,
    row('Bookings', r.direct.bookings, r.direct.baseline.bookings),
    row('Reschedules', r.direct.reschedules, r.direct.baseline.reschedules),
    '',
    checks(r.direct),
    '',
    `CPU per request, straight: booking attempt ${r.direct.asked?.bookings.apiCpuMs ?? 'n/a'} ms in the API server + load generator, ${r.direct.asked?.bookings.dynamoDbLocalCpuMs ?? 'n/a'} ms in DynamoDB Local; reschedule ${r.direct.asked?.reschedules?.apiCpuMs ?? 'n/a'} and ${r.direct.asked?.reschedules?.dynamoDbLocalCpuMs ?? 'n/a'} ms (through the proxy, below, the API's figure includes the proxy, which runs in the same process).`,
    '',
    '### Through the contention proxy',
    '',
    header,
    rule,
    row('Bookings', p.bookings, p.baseline.bookings),
    row('Reschedules', p.reschedules, p.baseline.reschedules),
    '',
    checks(p),
    '',
    'What each request asked of DynamoDB, as the proxy counted it (a retry is another call):',
    '',
    '| Per request | Reads | Transactions | Conflicts | Throttled | By operation | CPU ms: API server + load generator | CPU ms: DynamoDB Local |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    asked('Booking attempt', p.asked?.bookings),
    asked('Reschedule', p.asked?.reschedules),
    '',
    ...cpuFloor(p),
  ].join('\n');
}

/**
 * The least p95 the box's CPUs allow a burst sent all at once: the 95th in 100 answers cannot come before
 * 95% of the burst's work is done, and that work (the API's and DynamoDB Local's CPU per request,
 * measured above; the delivery process's not even counted) shares the CPUs.
 */
function cpuFloor(s: Scenario): string[] {
  const n = cpus().length;
  const floor = (run: Run | undefined, a: AskedPerRequest | undefined) =>
    run && a?.apiCpuMs !== undefined && a.dynamoDbLocalCpuMs !== undefined ? round((0.95 * run.requests * (a.apiCpuMs + a.dynamoDbLocalCpuMs)) / n) : undefined;
  const bookings = floor(s.bookings, s.asked?.bookings);
  const reschedules = floor(s.reschedules, s.asked?.reschedules);
  if (bookings === undefined) return [];
  return [
    `What ${n} CPUs allow: 95% of a burst sent at once cannot be answered before 95% of its CPU work is done. At the CPU measured per request above (API server, load generator and proxy, and DynamoDB Local; the delivery process not counted), that is at least **${bookings.toLocaleString('en-GB')} ms for the booking attempts' p95**${reschedules !== undefined ? ` and **${reschedules.toLocaleString('en-GB')} ms for the reschedules'**` : ''} (the target is 1,000 ms).`,
    '',
  ];
}
