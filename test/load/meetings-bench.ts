/**
 * The meetings section of `npm run bench -- meetings`: the registration rush on the running stack.
 *
 * 1. `registrations` concurrent registrations with distinct emails over HTTP for a meeting of a tenth
 *    as many places with a waiting list (`inFlight` at once): exactly that many confirmed, the rest
 *    waitlisted, 0 failed, the meeting's counters agreeing; latency percentiles and registrations a second.
 * 2. Email is not sent in the request: each decision writes an outbox item and the table's stream hands
 *    it to meetings' delivery in the delivery process, which the bench holds until every place is decided
 *    (its DynamoDB work would share the two CPUs with the requests measured). The bench waits for every email (the SES emulator
 *    must hold one per registration, of the kind its status calls for); the "email lag" runs from the
 *    last registration's answer until SES accepted the last email.
 * 3. Raw TransactWriteItems of the same number, straight to DynamoDB Local, before and after the rush:
 *    the 2-item conditional counter update + put (the headline ratio) and the request a registration
 *    saves (test/load/shapes.ts), on a table of their own that no poller reads.
 * 4. The same rush through the contention proxy with AWS's per-partition write budget, and the issue's
 *    targets checked on it (contention-bench.ts).
 * 5. Where a registration's time goes: each DynamoDB call during the rush (timed by wrapping the
 *    client's `send` from here), then each step alone with the CPU it costs in each process; then what
 *    delivering one email costs, step by step (delivery-steps.ts). BENCH_CPU_PROFILE=1 also records a
 *    V8 CPU profile of an extra rush to bench-results/rush.cpuprofile.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { benchContention, sweepAsTheTimerWould, watchDeciding } from './contention-bench.js';
import { recipientGroup } from './delivery-process.js';
import { deliverySteps } from './delivery-steps.js';
import { alone, perCall, perUnit, progress, withCpu } from './measure.js';
import { markdown, type Baseline, type Breakdown, type CpuPhase, type EmailResult, type MeetingsSizes, type RawRun, type RegistrationStep, type Result } from './meetings-report.js';
import { benchMeetingInput, putShapeMeeting, rawTransactions, registrationRush, registrationShapedTransactions } from './registration-rush.js';
import { benchClient } from './sdk-sockets.js';
import { requestTransaction } from './shapes.js';
import { EMAIL_SEND_RATE, root, sesInbox, type Stack } from './stack.js';

export async function meetingsBench(stack: Stack, sizes: MeetingsSizes, outDir: string): Promise<{ markdown: string; json: Result; passed: boolean }> {
  const { platform, baseUrl, dynamoEndpoint, baselineTable, delivery, pids, calls, ses } = stack;
  const { registrations: REGISTRATIONS, capacity: CAPACITY, inFlight: IN_FLIGHT } = sizes;
  const { dynamo } = platform;
  const benchMeeting = (title: string, capacity = CAPACITY) => platform.meetings.createMeeting(benchMeetingInput(platform, title, capacity));
  const baselineClient = benchClient(dynamoEndpoint);
  const raw2 = (run: string, count = REGISTRATIONS) => rawTransactions(dynamoEndpoint, baselineTable, run, count, IN_FLIGHT);
  const rawShaped = (run: string, count = REGISTRATIONS) => registrationShapedTransactions(platform, baselineClient, baselineTable, run, count, IN_FLIGHT);
  const rush = (meetingId: string, prefix: string, count = REGISTRATIONS, limit = IN_FLIGHT) => registrationRush(baseUrl, meetingId, prefix, count, limit);

  // DynamoDB Local (a JVM) runs several times faster once its JIT has compiled the hot paths, so
  // both baselines, the API and the delivery are measured warm, and the baselines on both sides of the API run.
  progress('Warming up DynamoDB Local, the SDK clients, the server and the delivery...');
  await raw2('warm-up', sizes.warm.raw);
  await rawShaped('warm-up', sizes.warm.shaped);
  const warmMeeting = await benchMeeting('Warm-up');
  const warm = await rush(warmMeeting.id, 'warm', sizes.warm.registrations);
  await platform.fixtures.allDecided(warmMeeting.id, 120_000); // anything a busy box left to the sweep
  const warmDelivered = await delivery.waitForEmails('warm', warm.accepted);
  if ((warmDelivered.accepted['warm']?.count ?? 0) < warm.accepted) throw new Error('The warm-up emails were not all delivered');
  await delivery.request('caught-up');
  stack.warm = true;
  // From here the SES emulator holds only what the measured runs send.
  await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });

  progress(`Baselines: ${REGISTRATIONS} raw transactions of 2 items, then request-shaped ones...`);
  const before = await withCpu(pids, () => raw2('before'));
  const shapeBefore = await withCpu(pids, () => rawShaped('before'));

  progress(`Registering ${REGISTRATIONS} people over HTTP, places decided alongside, emails held until then...`);
  const meeting = await benchMeeting('Load test: car cruising in Kegworth');
  const deliveredBefore = (await delivery.status()).counts;
  calls.recording = true;
  await delivery.request('record', { on: true });
  // The decider runs throughout; email delivery is held until every place is decided. In AWS it runs on its
  // own Lambdas and writes other partitions; here its DynamoDB work would take the two CPUs from the
  // requests being measured. Its own throughput is timed from its release.
  await delivery.request('pause');
  const api = await withCpu(pids, () => rush(meeting.id, 'bench'));
  calls.recording = false;
  const load = api.result;
  // When every place was decided after the last answer, and what was left to the timer's sweep (decided now, as it would).
  const deciding = await watchDeciding(baselineClient, stack.tableName, platform.keys.meetingPartition(meeting.id), load.lastResponseAt, platform.keys.REQUEST);
  if (deciding.requested) await sweepAsTheTimerWould(stack, meeting.id);
  const releasedAt = Date.now();
  await delivery.request('resume');
  progress(`Waiting for the rush's ${load.accepted} emails...`);
  const tail = await withCpu(pids, () => delivery.waitForEmails('bench', load.accepted));
  // The delivery function counts a batch once the whole batch is done; SES may have had its last email a moment earlier.
  await delivery.request('caught-up');
  await delivery.request('record', { on: false });
  const afterRush = { ...tail.result, counts: (await delivery.status()).counts };

  progress(`Baselines again: ${REGISTRATIONS} raw transactions of 2 items, then request-shaped ones...`);
  const after = await withCpu(pids, () => raw2('after'));
  const shapeAfter = await withCpu(pids, () => rawShaped('after'));

  // What was stored and what was sent (places are decided within moments of the last answer).
  await platform.fixtures.allDecided(meeting.id);
  const registrations = await platform.registrations.listRegistrations(meeting.id);
  const stored = (await platform.meetings.getMeeting(meeting.id))!;
  const statusOf = new Map(registrations.map((r) => [r.email, r.status]));
  const received = (await sesInbox(ses.endpoint)).filter((m) => recipientGroup(m.to) === 'bench');
  const rightKind = received.filter((m) =>
    statusOf.get(m.to) === 'confirmed' ? m.subject.endsWith(': confirmed') : statusOf.get(m.to) === 'waitlisted' && m.subject.startsWith('You are on the waiting list'),
  );
  const check = {
    confirmed: registrations.filter((r) => r.status === 'confirmed').length,
    waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
    placesLeft: stored.placesLeft,
    confirmedCount: stored.confirmedCount,
    waitlistedCount: stored.waitlistedCount,
    countersMatch: false,
  };
  check.countersMatch =
    check.confirmed === CAPACITY &&
    check.waitlisted === REGISTRATIONS - CAPACITY &&
    stored.placesLeft === 0 &&
    stored.confirmedCount === CAPACITY &&
    stored.waitlistedCount === REGISTRATIONS - CAPACITY;
  const accepted = afterRush.accepted['bench'];
  const email: EmailResult = {
    sendRatePerSecond: Number(EMAIL_SEND_RATE),
    received: received.length,
    distinctRecipients: new Set(received.map((m) => m.to)).size,
    rightKind: rightKind.length,
    recordedSent: registrations.filter((r) => r.lastEmail?.status === 'sent').length,
    delivered: {
      sent: afterRush.counts.sent - deliveredBefore.sent,
      failed: afterRush.counts.failed - deliveredBefore.failed,
      skipped: afterRush.counts.skipped - deliveredBefore.skipped,
      fannedOut: afterRush.counts.fannedOut - deliveredBefore.fannedOut,
    },
    ...(accepted
      ? {
          lagMs: accepted.lastAt - load.lastResponseAt,
          firstEmailAfterReleaseMs: accepted.firstAt - releasedAt,
          perSecond: Math.round((accepted.count / ((accepted.lastAt - releasedAt) / 1000)) * 10) / 10,
        }
      : {}),
    pollerErrors: afterRush.errors,
  };
  const baseline = (b: RawRun, a: RawRun): Baseline => ({ before: b, after: a, perSecond: Math.round(((b.perSecond + a.perSecond) / 2) * 10) / 10 });
  const raw = baseline(before.result, after.result);
  const rawRegistrationShape = baseline(shapeBefore.result, shapeAfter.result);
  const cpu: Record<CpuPhase, (typeof api)['cpu']> = {
    baselineBefore: before.cpu,
    shapeBefore: shapeBefore.cpu,
    api: api.cpu,
    deliveryTail: tail.cpu,
    baselineAfter: after.cpu,
    shapeAfter: shapeAfter.cpu,
  };

  progress('The same rush through the contention proxy, with AWS\'s per-partition write budget, and the baselines through it...');
  const contention = await benchContention({
    stack,
    sizes,
    rush: (meetingId, prefix, count) => rush(meetingId, prefix, count),
    createMeeting: benchMeeting,
    withoutProxy: { rush: load, rawPerSecond: raw.perSecond, rawShapedPerSecond: rawRegistrationShape.perSecond },
  });

  progress(`Timing each step of a registration alone, ${sizes.stepRuns} times each...`);
  // DynamoDB Local's JVM keeps collecting garbage for a while after a run; let it settle, and record what it spends idle.
  await new Promise((r) => setTimeout(r, 5000));
  const idle = await withCpu(pids, () => new Promise((r) => setTimeout(r, 2000)));
  const registrationAlone = {} as Record<RegistrationStep, Breakdown['wholeRegistration']>;
  registrationAlone.http = await alone(pids, sizes.stepRuns, async (i) => {
    const res = await fetch(`${baseUrl}/api/meetings/${meeting.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench Resident ${i}`, email: `alone.${i}@example.org`, places: 1, privacyAccepted: false }),
    });
    if (res.status !== 400) throw new Error(`Expected 400 from validation, got ${res.status}`);
    await res.arrayBuffer();
  });
  // As registerForMeeting reads it: eventually consistent.
  registrationAlone.getMeeting = await alone(pids, sizes.stepRuns, () => platform.meetingStore.getMeeting(meeting.id));
  const shapeMeeting = await putShapeMeeting(platform, dynamo(), baselineTable, 'alone', sizes.stepRuns);
  registrationAlone.transaction = await alone(pids, sizes.stepRuns, async (i) => {
    await dynamo().send(new TransactWriteItemsCommand({ TransactItems: requestTransaction(platform, baselineTable, shapeMeeting, `alone-${i}`) }));
  });

  // Whole registrations one at a time, with delivery paused: their outbox items stay pending for the delivery steps below.
  progress(`Registering ${sizes.wholeRuns} people one at a time, then timing each step of delivering their emails...`);
  await delivery.request('pause');
  const wholeMeeting = await benchMeeting('Load test: one at a time', Math.max(1, sizes.wholeRuns / 10));
  const wholeBatch = await alone(pids, 1, async () => {
    const whole = await rush(wholeMeeting.id, 'whole', sizes.wholeRuns, 1);
    if (whole.failed) throw new Error(`Registering one at a time failed: ${JSON.stringify(whole.failures)}`);
  });
  const breakdown: Breakdown = {
    rush: perUnit(calls.totals(), REGISTRATIONS),
    alone: registrationAlone,
    wholeRegistration: perCall(wholeBatch, sizes.wholeRuns),
    idleCpuMsPerSecond: Object.fromEntries(Object.entries(idle.cpu).map(([k, v]) => [k, v === undefined ? v : Math.round(((v * 1000) / 2) * 10) / 10])),
  };
  await platform.fixtures.allDecided(wholeMeeting.id, 120_000); // each one's email is queued when its place is decided
  const deliveryBreakdown = await deliverySteps(platform, pids, wholeMeeting.id, calls, sizes.wholeRuns);
  deliveryBreakdown.rush = perUnit(afterRush.calls, Math.max(1, accepted?.count ?? 0));
  await delivery.request('resume');
  await delivery.request('caught-up');
  baselineClient.destroy();

  let cpuProfile: string | undefined;
  if (process.env['BENCH_CPU_PROFILE'] === '1') {
    progress('Profiling an extra rush (BENCH_CPU_PROFILE=1)...');
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const profiled = await rush((await benchMeeting('Load test: profiled')).id, 'profiled');
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    cpuProfile = join(outDir, 'rush.cpuprofile');
    writeFileSync(cpuProfile, JSON.stringify(profile));
    cpuProfile = relative(root, cpuProfile);
    await delivery.waitForEmails('profiled', profiled.accepted);
  }

  const answersAgree = load.answered.confirmed + load.answered.waitlisted === 0 || (load.answered.confirmed === check.confirmed && load.answered.waitlisted === check.waitlisted);
  const passed =
    load.accepted === REGISTRATIONS &&
    load.failed === 0 &&
    check.countersMatch &&
    answersAgree &&
    email.received === REGISTRATIONS &&
    email.distinctRecipients === REGISTRATIONS &&
    email.rightKind === REGISTRATIONS &&
    contention.json.passed;
  const result: Result = {
    sizes,
    load,
    deciding: { leftToSweep: deciding.requested, ...(deciding.decidedWithinMs !== undefined ? { decidedWithinMs: deciding.decidedWithinMs } : {}) },
    check,
    email,
    raw,
    ratio: Math.round((load.perSecond / raw.perSecond) * 1000) / 1000,
    rawRegistrationShape,
    ratioRegistrationShape: Math.round((load.perSecond / rawRegistrationShape.perSecond) * 1000) / 1000,
    cpu,
    breakdown,
    delivery: deliveryBreakdown,
    ...(cpuProfile ? { cpuProfile } : {}),
    contention,
    passed,
  };
  return { markdown: markdown(result), json: result, passed };
}
