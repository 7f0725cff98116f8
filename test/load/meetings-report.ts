/**
 * The meetings section's report: what it measured (types) and the markdown it prints.
 */
import type { DeliveryCounts } from '../../functions/core/outbox/delivery.js';
import type { ContentionResult } from './contention-bench.js';
import { round, type CpuUse, type PerUnit, type StepCost } from './measure.js';

export interface LoadResult {
  requests: number;
  /** Registrations the API accepted (201 or 202). */
  accepted: number;
  /** What the answers said, when they say it (201 with the status); a 202 answer only says the details were emailed. */
  answered: { confirmed: number; waitlisted: number };
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Epoch ms: when the first request went out, and when the last response came back (for the email lag). */
  startedAt: number;
  lastResponseAt: number;
}

/** A registration's steps, in the request. */
export const REGISTRATION_STEPS = {
  http: 'HTTP request + routing + validation + JSON reply (a POST refused by validation)',
  getMeeting: 'GetItem: the meeting (eventually consistent)',
  transaction: 'TransactWriteItems: the 3-item request (registration, email guard, queue entry)',
} as const;
export type RegistrationStep = keyof typeof REGISTRATION_STEPS;
/** Which AWS command, timed during the rush, each step is. */
const REGISTRATION_RUSH_COMMAND: Partial<Record<RegistrationStep, string>> = { getMeeting: 'GetItem', transaction: 'TransactWriteItems' };

/** Delivering one email, off the request path: what core/outbox/delivery.ts deliverClaimed does, in order. */
export const DELIVERY_STEPS = {
  claim: 'UpdateItem: claim the outbox item (a lease)',
  load: 'GetItem ×2 in parallel: the meeting and the registration (consistent)',
  manageLink: 'PutItem: a freshly minted manage link',
  render: 'Render the email: HTML + text (+ .ics for the 1 in 10 confirmed)',
  compose: 'MailComposer: build the MIME message',
  send: 'SES SendRawEmail',
  record: 'UpdateItem: record the email as sent',
} as const;
export type DeliveryStep = keyof typeof DELIVERY_STEPS;
/** Which command, timed in the delivery process during the rush, each step is (claim and record are both UpdateItem: shown together on the claim row). */
const DELIVERY_RUSH_COMMAND: Partial<Record<DeliveryStep, string>> = { claim: 'UpdateItem', load: 'GetItem', manageLink: 'PutItem', send: 'SendRawEmail' };

export interface Breakdown {
  /** Wall time of each AWS call the API made during the rush, by command, per registration. */
  rush: PerUnit;
  /** Each step alone, one at a time, STEP_RUNS times. */
  alone: Record<RegistrationStep, StepCost>;
  /** Whole registrations over HTTP, one at a time (1 in 10 confirmed), for comparison with the sum of the steps. */
  wholeRegistration: StepCost;
  /** CPU ms per second each process spent idle just before the steps were timed (background noise in the "alone" figures). */
  idleCpuMsPerSecond: CpuUse;
}

export interface DeliveryBreakdown {
  /** The delivery process's DynamoDB and SES calls during the rush and until its last email, by command, per email sent. */
  rush: PerUnit;
  /** Each step alone in the bench process, one at a time, on real outbox items (1 in 10 a confirmation). */
  alone: Record<DeliveryStep, StepCost>;
  steps: number;
  /** Whole deliveries one at a time: deliverStreamBatch with one new outbox item's stream record. */
  wholeDelivery: StepCost;
  wholeRuns: number;
}

export interface EmailResult {
  sendRatePerSecond: number;
  /** Emails to the rush's recipients that the SES emulator holds, and how many distinct addresses. */
  received: number;
  distinctRecipients: number;
  /** Recipients whose email is the kind their registration's status calls for (confirmation or waiting list). */
  rightKind: number;
  /** Registrations whose latest email the outbox records as sent. */
  recordedSent: number;
  /** What the delivery function reported for the rush's batches. */
  delivered: DeliveryCounts;
  /** Epoch ms differences: the last registration's response → SES accepting the last email; delivery released → first email. */
  lagMs?: number;
  firstEmailAfterReleaseMs?: number;
  /** Emails per second from the rush's start to the last email. */
  perSecond?: number;
  pollerErrors: string[];
}

export interface MeetingsSizes {
  /** The rush: registrations, places (a tenth), in flight. */
  registrations: number;
  capacity: number;
  inFlight: number;
  /** Each step of a registration timed alone, this many times. */
  stepRuns: number;
  /** Registrations made one at a time after the rush (their emails feed the delivery steps). */
  wholeRuns: number;
  /** Warm-up: raw transactions, request-shaped ones, registrations over HTTP (half as many again through the proxy). */
  warm: { raw: number; shaped: number; registrations: number };
  /** The old design's transactions through the proxy. */
  oldDesign: number;
}

export interface Result {
  sizes: MeetingsSizes;
  load: LoadResult;
  /** After the last answer: when every place had been decided, or how many were left to the timer's sweep (the bench decides them, as it would, before waiting for the emails). */
  deciding: { decidedWithinMs?: number; leftToSweep: number };
  check: { confirmed: number; waitlisted: number; placesLeft: number; confirmedCount: number; waitlistedCount: number; countersMatch: boolean };
  email: EmailResult;
  raw: Baseline;
  ratio: number;
  rawRegistrationShape: Baseline;
  ratioRegistrationShape: number;
  cpu: Record<CpuPhase, CpuUse>;
  breakdown: Breakdown;
  delivery: DeliveryBreakdown;
  cpuProfile?: string;
  contention: { markdown: string; json: ContentionResult };
  passed: boolean;
}

export type RawRun = { transactions: number; failed: number; seconds: number; perSecond: number };
export type Baseline = { before: RawRun; after: RawRun; perSecond: number };
export type CpuPhase = 'baselineBefore' | 'shapeBefore' | 'api' | 'deliveryTail' | 'baselineAfter' | 'shapeAfter';

export function markdown(r: Result): string {
  const { registrations: REGISTRATIONS, capacity: CAPACITY, inFlight: IN_FLIGHT, stepRuns: STEP_RUNS, wholeRuns: WHOLE_RUNS } = r.sizes;
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
  const ms = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : String(round(n, digits)));
  const baselineRows = (b: Baseline) => [
    `| Before the API run | ${b.before.transactions} in ${b.before.seconds} s | ${b.before.perSecond} | ${b.before.failed} |`,
    `| After the API run | ${b.after.transactions} in ${b.after.seconds} s | ${b.after.perSecond} | ${b.after.failed} |`,
  ];
  const cpuTotal = (c: CpuUse) => (c.dynamoDbLocal ?? 0) + (c.sesEmulator ?? 0) + (c.apiServerAndLoad ?? 0) + (c.delivery ?? 0);
  const phases: ReadonlyArray<readonly [CpuPhase, string]> = [
    ['baselineBefore', '2-item baseline, before'],
    ['shapeBefore', 'Request-shaped baseline, before'],
    ['api', 'Registration rush (HTTP), the decider alongside (email held)'],
    ['deliveryTail', 'After the rush, until the last email was accepted'],
    ['baselineAfter', '2-item baseline, after'],
    ['shapeAfter', 'Request-shaped baseline, after'],
  ];
  const rushCell = (table: PerUnit, command: string | undefined) => {
    const t = command ? table[command] : undefined;
    return t ? `${t.msPerUnit} (${t.callsPerUnit} × ${t.meanMsPerCall})` : '—';
  };
  const stepRow = (label: string, rush: string, c: StepCost) =>
    `| ${label} | ${rush} | ${ms(c.wallMs)} | ${ms(c.benchProcessCpuMs)} | ${ms(c.dynamoDbLocalCpuMs)} | ${ms(c.sesEmulatorCpuMs)} |`;
  const sumRow = <S extends string>(steps: readonly S[], costs: Record<S, StepCost>, label = '**Sum of the steps**') => {
    const sum = (f: (c: StepCost) => number | undefined) => `**${ms(steps.reduce((a, s) => a + (f(costs[s]) ?? 0), 0))}**`;
    return `| ${label} | | ${sum((c) => c.wallMs)} | ${sum((c) => c.benchProcessCpuMs)} | ${sum((c) => c.dynamoDbLocalCpuMs)} | ${sum((c) => c.sesEmulatorCpuMs)} |`;
  };
  const b = r.breakdown;
  const d = r.delivery;
  const e = r.email;
  const registrationSteps = Object.keys(REGISTRATION_STEPS) as RegistrationStep[];
  const deliverySteps = Object.keys(DELIVERY_STEPS) as DeliveryStep[];
  const timedInRush = Object.values(b.rush).reduce((sum, c) => sum + c.msPerUnit, 0);
  const deliveryTimedInRush = Object.values(d.rush).reduce((sum, c) => sum + c.msPerUnit, 0);
  const emailCost = ['render', 'compose', 'send'] as const;
  const answers = r.load.answered.confirmed + r.load.answered.waitlisted;
  const answeredSplit = answers
    ? `; the answers said ${r.load.answered.confirmed} confirmed, ${r.load.answered.waitlisted} waitlisted`
    : ' (202: the answer does not say which place; that is emailed, so the split below is read from the table)';
  // Calls the steps below do not account for (e.g. a rate-limit counter), so nothing the API or the delivery does goes unseen.
  const mapped = (table: PerUnit, commands: Partial<Record<string, string>>) => Object.keys(table).filter((c) => !Object.values(commands).includes(c));
  const emailCostOf = (f: (c: StepCost) => number | undefined) => ms(emailCost.reduce((a, s) => a + (f(d.alone[s]) ?? 0), 0));
  return [
    '# Meetings: the registration rush',
    '',
    `## ${REGISTRATIONS} concurrent registrations over HTTP (capacity ${CAPACITY}, waiting list, ${IN_FLIGHT} in flight)`,
    '',
    '| | |',
    '|---|---|',
    `| Accepted by the API | ${r.load.accepted} (target ${REGISTRATIONS}: ${ok(r.load.accepted === REGISTRATIONS)})${answeredSplit} |`,
    `| Confirmed (stored) | ${r.check.confirmed} (target ${CAPACITY}: ${ok(r.check.confirmed === CAPACITY)}) |`,
    `| Waitlisted (stored) | ${r.check.waitlisted} (target ${REGISTRATIONS - CAPACITY}: ${ok(r.check.waitlisted === REGISTRATIONS - CAPACITY)}) |`,
    `| Failed | ${r.load.failed} (target 0: ${ok(r.load.failed === 0)})${Object.keys(r.load.failures).length ? ` ${JSON.stringify(r.load.failures)}` : ''} |`,
    `| Meeting's counters afterwards | placesLeft ${r.check.placesLeft}, confirmed ${r.check.confirmedCount}, waitlisted ${r.check.waitlistedCount} (match what is stored: ${ok(r.check.countersMatch)}) |`,
    `| Duration | ${r.load.seconds} s |`,
    `| Registrations per second | ${r.load.perSecond} |`,
    `| Latency mean / p50 / p95 / p99 / max | ${r.load.latencyMs.mean} / ${r.load.latencyMs.p50} / ${r.load.latencyMs.p95} / ${r.load.latencyMs.p99} / ${r.load.latencyMs.max} ms |`,
    `| Every place decided, after the last answer | ${r.deciding.decidedWithinMs !== undefined ? `${round(r.deciding.decidedWithinMs / 1000, 1)} s` : `not all: ${r.deciding.leftToSweep} left to the sweep (decided by the bench, as the sweep would)`} |`,
    '',
    `## The rush's emails, delivered off the request path`,
    '',
    "Each decision of a place writes an outbox item; the table's stream (DynamoDB Local's, polled by local/email-delivery.ts)",
    "hands new items to meetings' delivery function (`deliverStreamBatch`) in its own process, as in AWS. The bench holds delivery while the rush is",
    "answered and decided (in AWS it runs on its own Lambdas and writes other partitions; here it would take the two CPUs from the requests measured above), then releases it.",
    `The account's send rate is set to EMAIL_SEND_RATE=${e.sendRatePerSecond} per second for the bench (the default is 14, SES's rate for a new account), of which each capability that sends email takes an equal share, so the token bucket is not the bottleneck.`,
    '',
    '| | |',
    '|---|---|',
    `| Emails received by the SES emulator | ${e.received} (target ${REGISTRATIONS}: ${ok(e.received === REGISTRATIONS)}); ${e.distinctRecipients} distinct recipients, ${e.rightKind} of the kind their status calls for |`,
    `| Registrations whose email the outbox records as sent | ${e.recordedSent} |`,
    `| Delivery function's count | ${e.delivered.sent} sent, ${e.delivered.failed} failed, ${e.delivered.skipped} skipped |`,
    `| Email lag: last registration's response → SES accepted the last email | ${e.lagMs === undefined ? 'n/a' : `${round(e.lagMs / 1000, 2)} s`} |`,
    `| First email accepted, after delivery was released | ${e.firstEmailAfterReleaseMs === undefined ? 'n/a' : `${round(e.firstEmailAfterReleaseMs / 1000, 2)} s`} |`,
    `| Emails per second, release → last email | ${e.perSecond ?? 'n/a'} |`,
    `| Errors reported by the stream poller | ${e.pollerErrors.length ? e.pollerErrors.slice(0, 5).join('; ') : 'none'} |`,
    '',
    `## Baseline: ${REGISTRATIONS} raw TransactWriteItems (conditional counter update + put), ${IN_FLIGHT} in flight`,
    '',
    '| | Transactions | Per second | Failed |',
    '|---|---|---|---|',
    ...baselineRows(r.raw),
    '',
    `Baseline (mean): **${r.raw.perSecond} per second**.`,
    '',
    `API rate ÷ raw rate = **${round(r.ratio, 2)}** (target ≥ 0.5: ${ok(r.ratio >= 0.5)}).`,
    '',
    `### For comparison: ${REGISTRATIONS} raw TransactWriteItems shaped like the request a registration saves (3 items), ${IN_FLIGHT} in flight`,
    '',
    'The registration put (status requested), the email guard put and the queue entry put, built with the platform\'s keys and builders',
    '(test/load/shapes.ts); distinct keys per request, every one succeeds. Not the headline: it shows how much of the gap is the transaction itself.',
    'Places are then decided in batches (functions/meetings/deciding.ts): what the API itself calls for that is in "Other calls" below, what the delivery process calls (where the table\'s stream drives the deciding) in the next section\'s "In the rush" column.',
    '',
    '| | Transactions | Per second | Failed |',
    '|---|---|---|---|',
    ...baselineRows(r.rawRegistrationShape),
    '',
    `Request-shaped baseline (mean): **${r.rawRegistrationShape.perSecond} per second** (${round(r.rawRegistrationShape.perSecond / r.raw.perSecond, 2)} × the 2-item baseline).`,
    `API rate ÷ request-shaped rate = **${round(r.ratioRegistrationShape, 2)}**.`,
    '',
    '## CPU spent by each process (2 CPUs shared by all of them)',
    '',
    'The baselines write to a table of their own (same definition and stream, nothing reading it), so the delivery process only idles through them.',
    '',
    '| Phase | DynamoDB Local (s) | SES emulator (s) | API server + load generator (s) | Delivery: stream poller + function (s) | All, ms per registration |',
    '|---|---|---|---|---|---|',
    ...phases.map(
      ([phase, label]) =>
        `| ${label} | ${r.cpu[phase].dynamoDbLocal ?? 'n/a'} | ${r.cpu[phase].sesEmulator ?? 'n/a'} | ${r.cpu[phase].apiServerAndLoad ?? 'n/a'} | ${r.cpu[phase].delivery ?? 'n/a'} | ${round((cpuTotal(r.cpu[phase]) * 1000) / REGISTRATIONS, 1)} |`,
    ),
    '',
    "## Where a registration's time goes",
    '',
    `"In the rush": wall time of each AWS call the API made during the ${REGISTRATIONS}-registration rush, per registration (calls per registration × mean ms per call),`,
    `timed by wrapping the client's \`send\` from the bench. "Alone": each step run ${STEP_RUNS} times one at a time after the rush, on the platform's own`,
    "clients and functions, with the CPU it costs in each process (for the rows over HTTP, the bench process's CPU includes the bench's HTTP client).",
    'No email is built or sent in the request any more: that is the next section.',
    '',
    '| Step | In the rush: ms per registration | Alone: wall ms | Alone: CPU ms, bench process | Alone: CPU ms, DynamoDB Local | Alone: CPU ms, SES emulator |',
    '|---|---|---|---|---|---|',
    ...registrationSteps.map((s) => stepRow(REGISTRATION_STEPS[s], rushCell(b.rush, REGISTRATION_RUSH_COMMAND[s]), b.alone[s])),
    ...mapped(b.rush, REGISTRATION_RUSH_COMMAND).map((c) => `| Other calls the API made: ${c} | ${rushCell(b.rush, c)} | | | | |`),
    sumRow(registrationSteps, b.alone),
    stepRow(`A whole registration over HTTP, one at a time (${WHOLE_RUNS}, delivery paused)`, `${r.load.latencyMs.mean} (mean latency in the rush)`, b.wholeRegistration),
    `| of which in the rush: the AWS calls timed above / everything else (HTTP, routing, validation, JSON, waiting for a CPU) | ${round(timedInRush)} / ${round(r.load.latencyMs.mean - timedInRush)} | | | | |`,
    '',
    `Idle just before the steps were timed, CPU ms per second: DynamoDB Local ${b.idleCpuMsPerSecond.dynamoDbLocal ?? 'n/a'}, SES emulator ${b.idleCpuMsPerSecond.sesEmulator ?? 'n/a'}, bench process ${b.idleCpuMsPerSecond.apiServerAndLoad ?? 'n/a'}, delivery process ${b.idleCpuMsPerSecond.delivery ?? 'n/a'}.`,
    '',
    '## What delivering one email costs (off the request path)',
    '',
    `"In the rush": the delivery process's own DynamoDB and SES calls from the rush's start until its last email, per email sent (stream reads not included).`,
    `"Alone": each step of core/outbox/delivery.ts run one at a time in the bench process, with the delivery process paused, on ${d.steps} real outbox items`,
    `from registrations made one at a time (1 in 10 a confirmation, with its calendar invite), then ${d.wholeRuns} whole deliveries of others, one at a time,`,
    "through meetings' `deliverStreamBatch` with one stream record each, as its delivery Lambda gets them.",
    '',
    '| Step | In the rush: ms per email | Alone: wall ms | Alone: CPU ms, bench process | Alone: CPU ms, DynamoDB Local | Alone: CPU ms, SES emulator |',
    '|---|---|---|---|---|---|',
    ...deliverySteps.map((s) =>
      stepRow(DELIVERY_STEPS[s], s === 'record' ? '(with the claim)' : `${rushCell(d.rush, DELIVERY_RUSH_COMMAND[s])}${s === 'claim' ? ', claim + record' : ''}`, d.alone[s]),
    ),
    ...mapped(d.rush, DELIVERY_RUSH_COMMAND).map((c) => `| Other calls the delivery made: ${c} | ${rushCell(d.rush, c)} | | | | |`),
    sumRow(deliverySteps, d.alone),
    stepRow('A whole delivery of one email (deliverStreamBatch, one record), one at a time', `${round(deliveryTimedInRush)} (the calls above, together)`, d.wholeDelivery),
    '',
    `Building and sending the email itself (render + MIME + SES send), alone: **${emailCostOf((c) => c.wallMs)} ms** wall; CPU ${emailCostOf((c) => c.benchProcessCpuMs)} ms in the delivery code's process, ${emailCostOf((c) => c.sesEmulatorCpuMs)} ms in the SES emulator.`,
    '',
    ...(r.cpuProfile ? [`CPU profile of an extra rush (BENCH_CPU_PROFILE=1): ${r.cpuProfile}`, ''] : []),
    r.contention.markdown,
  ].join('\n');
}

