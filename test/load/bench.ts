/**
 * `npm run bench`: the registration path under load, on the real local stack it starts itself
 * (DynamoDB Local in memory, the SES emulator in its own process, the platform server from
 * local/server.ts, and email delivery from the table's stream in its own process).
 *
 * 1. 1,000 concurrent registrations with distinct emails over HTTP for a meeting of capacity 100 with
 *    a waiting list (100 in flight): expect exactly 100 confirmed, 900 waitlisted, 0 failed, and the
 *    meeting's stored counters to agree; latency percentiles and registrations per second.
 * 2. Email is not sent in the request: each registration's transaction writes an outbox item, and the
 *    table's stream hands it to meetings' delivery function (functions/meetings/delivery.ts, its
 *    `deliverStreamBatch`), polled here by local/email-delivery.ts in a child process, as the delivery
 *    Lambdas run apart from the API in AWS. After the rush the bench waits for every email: the SES emulator must have
 *    received 1,000, each the kind its registration's status calls for, and the "email lag" is the
 *    time from the last registration's response until SES accepted the last email. The account's
 *    send rate is set to EMAIL_SEND_RATE=3000 per second here (meetings' share: 1,000) so it is not the bottleneck. Rate limits
 *    are off (RATE_LIMITS=off: every request comes from one address) and DynamoDB calls may take 30 s
 *    (DYNAMODB_TIMEOUT_MS=30000, as under `npm start` and the tests) rather than answer 503 after 3 s.
 * 3. The same number of raw TransactWriteItems of the same shape (conditional counter update + put)
 *    straight to DynamoDB Local, as the baseline the API's rate is compared with (the headline ratio),
 *    measured before and after the rush. Beside it, a second baseline shaped like the request each
 *    registration saves (registration put, email guard put, queue entry put: test/load/shapes.ts;
 *    distinct keys per request), to tell how much of the gap is the transaction's size and how much is
 *    everything else the API does (reading the meeting, the decider's lease, deciding in batches). Baselines write to a second table built from
 *    the same definition (stream included) that no poller reads, so no delivery runs during them.
 * 4. Where a registration's time goes: wall time of each DynamoDB call during the rush (timed by
 *    wrapping the client's `send` from here, nothing in production code), then each step alone, one at
 *    a time, with the CPU it costs in each process. Then what delivering one email costs, off the
 *    request path: the delivery process's calls during the rush, and each step alone (claim, read,
 *    manage link, render, MIME, SES send, record) beside whole deliveries one at a time.
 *    BENCH_CPU_PROFILE=1 also records a V8 CPU profile of an extra rush to bench-results/rush.cpuprofile.
 * 5. Each Lambda bundle as CDK builds it: size, largest contributors, and the time to import it in a
 *    fresh Node process beside a bare one (test/load/bundles.ts), once the stack has stopped.
 *
 * Writes bench-results/latest.json and bench-results/latest.md (git-ignored) and prints the markdown.
 * Exits 1 if the exact outcome does not hold or an email is missing.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutItemCommand, TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { serve } from '@hono/node-server';
import type { DeliveryCounts } from '../../functions/core/outbox/delivery.js';
import type { EmailContent, EmailKind as OutboxEmailKind } from '../../functions/core/outbox/kinds.js';
import type { OutboxEmail } from '../../functions/core/outbox/outbox.js';
import type { StreamRecord } from '../../functions/core/outbox/stream.js';
import type { Meeting, Registration } from '../../functions/meetings/model.js';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';
import type { BundlesReport } from './bundles.js';
import { percentile, pool, round } from './measure.js';
import { benchContention, scoped, type ContentionResult } from './contention-bench.js';
import { onTable, requestTransaction } from './shapes.js';
import { surgeriesBench } from './surgeries-bench.js';

/**
 * The platform's modules (and bundles.ts, which reads the capabilities). functions/core/log.ts reads the
 * environment when it is imported (POWERTOOLS_METRICS_DISABLED, the service name), so these are imported
 * once main() has set it, not at the top of this file; types above come from `import type`, which loads nothing.
 */
async function importPlatform() {
  return {
    config: await import('../../functions/core/config.js'),
    manageLinks: await import('../../functions/core/manage-links.js'),
    email: await import('../../functions/core/outbox/email.js'),
    outbox: await import('../../functions/core/outbox/outbox.js'),
    retention: await import('../../functions/core/retention.js'),
    dynamo: (await import('../../functions/core/store/dynamo.js')).dynamo,
    items: await import('../../functions/core/store/items.js'),
    writes: await import('../../functions/core/store/writes.js'),
    transactions: await import('../../functions/core/store/transactions.js'),
    platformLoader: await import('../../functions/platform.js'),
    fixtures: await import('../../functions/meetings/fixtures.js'),
    meetings: await import('../../functions/meetings/meetings.js'),
    notify: await import('../../functions/meetings/notify.js'),
    registrations: await import('../../functions/meetings/registrations.js'),
    meetingsRetention: await import('../../functions/meetings/retention.js'),
    keys: await import('../../functions/meetings/store/keys.js'),
    meetingStore: await import('../../functions/meetings/store/meetings.js'),
    registrationStore: await import('../../functions/meetings/store/registrations.js'),
    server: await import('../../local/server.js'),
    bundles: await import('./bundles.js'),
  };
}
let platform: Awaited<ReturnType<typeof importPlatform>>;

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'bench-results');

/** BENCH_QUICK=1 runs every section at a fifth of the size, to check the bench itself works (figures not for reporting). */
const QUICK = process.env['BENCH_QUICK'] === '1';
const REGISTRATIONS = QUICK ? 200 : 1000;
const CAPACITY = REGISTRATIONS / 10;
const IN_FLIGHT = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_BUDGET_MS = 180_000;
/** How long to wait for a rush's emails once its last registration has answered. */
const EMAIL_WAIT_MS = 180_000;
/**
 * The account's send rate (config EMAIL_SEND_RATE, 14 a second by default, SES's rate for a new account), opened up so the bench
 * measures delivery itself: each of the three capabilities that send email takes an equal share, so meetings' token bucket gives 1,000 a second.
 */
const EMAIL_SEND_RATE = '3000';
/** Registrations and steps timed one at a time (see "Where a registration's time goes"). */
const STEP_RUNS = QUICK ? 100 : 1000;
/** Registrations made one at a time after the rush: their outbox items feed the delivery steps (see deliverySteps). */
const WHOLE_RUNS = QUICK ? 100 : 500;
/** Passed to this file when it runs as the delivery process. */
const DELIVERY_PROCESS_FLAG = '--delivery-process';

// ---------------------------------------------------------------------------------------------------
// The local stack

/** The SES emulator in its own process, as SES is a remote service: its MIME parsing is not our cost. */
async function startSesEmulatorProcess(port: number): Promise<{ endpoint: string; pid?: number; stop: () => Promise<void> }> {
  const cli = join(root, 'node_modules', 'aws-ses-v2-local', 'dist', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/health-check`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('The SES emulator did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    endpoint,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

/** What the SES emulator holds (GET /store), trimmed to what the bench checks. */
async function sesInbox(endpoint: string): Promise<Array<{ to: string; subject: string }>> {
  const { emails } = (await (await fetch(`${endpoint}/store`)).json()) as { emails: Array<{ destination: { to: string[] }; subject: string }> };
  return emails.flatMap((e) => e.destination.to.map((to) => ({ to, subject: e.subject })));
}

// ---------------------------------------------------------------------------------------------------
// Email delivery in its own process
//
// The delivery Lambda runs apart from the API in AWS, so here it runs in a child process (this file
// again, with DELIVERY_PROCESS_FLAG): its DynamoDB and SES calls do not mix with the API's in the
// bench's call timings, its CPU is counted on its own, and its event loop is not the API's. The bench
// talks to it over Node's IPC channel.

/** Sent, failed and skipped so far, and SES's answers by recipient group (`bench` for bench.7@example.org). */
interface DeliveryStatus {
  counts: DeliveryCounts;
  /** Per group: emails SES accepted, and when it accepted the first and last of them (epoch ms). */
  accepted: Record<string, { count: number; firstAt: number; lastAt: number }>;
  /** The delivery's own DynamoDB and SES calls while recording, by command. */
  calls: CallTotals;
  errors: string[];
}

type DeliveryOp = 'pause' | 'resume' | 'status' | 'caught-up' | 'record' | 'stop';
type DeliveryRequest = { id: number; op: DeliveryOp; on?: boolean };
type DeliveryReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { event: 'ready' };

const recipientGroup = (address: string) => address.split(/[.@]/)[0] ?? address;

/** The child's side: the stream poller with each capability's delivery function, as `npm start` and the tests run it. */
async function runDeliveryProcess(): Promise<void> {
  // The bench gave this process its environment, so the platform's modules can be imported at once.
  const { startEmailDelivery } = await import('../../local/email-delivery.js');
  const { dynamo } = await import('../../functions/core/store/dynamo.js');
  const { noDeliveries } = await import('../../functions/core/outbox/delivery.js');
  const reply = (message: DeliveryReply, then?: () => void) => process.send!(message, undefined, {}, then);
  const calls = new CallTimes();
  const accepted: DeliveryStatus['accepted'] = {};
  const errors: string[] = [];
  calls.afterCall = (command, ok) => {
    if (!ok || !(command instanceof SendRawEmailCommand)) return;
    const group = recipientGroup(command.input.Destinations?.[0] ?? '');
    const at = Date.now();
    const g = (accepted[group] ??= { count: 0, firstAt: at, lastAt: at });
    g.count++;
    g.lastAt = at;
  };
  calls.wrap(dynamo());
  calls.wrap(SESClient.prototype);

  // Pausing holds the next batch at the door (and waits for the one in hand), so steps timed alone in
  // the bench process are not sharing the CPUs with deliveries; resuming lets it through.
  const counts = noDeliveries();
  let gate: { closed: Promise<void>; open: () => void } | undefined;
  let delivering: Promise<unknown> = Promise.resolve();
  const deliverThrough = (deliverStreamBatch: (records: readonly StreamRecord[]) => Promise<DeliveryCounts>) => async (records: StreamRecord[]) => {
    while (gate) await gate.closed;
    const run = deliverStreamBatch(records).then((c) => {
      counts.sent += c.sent;
      counts.failed += c.failed;
      counts.skipped += c.skipped;
      counts.fannedOut += c.fannedOut;
      return c;
    });
    delivering = run.catch(() => undefined);
    return run;
  };
  const poller = await startEmailDelivery({
    endpoint: process.env['DYNAMODB_ENDPOINT']!,
    tableName: process.env['TABLE_NAME']!,
    wrap: deliverThrough,
    onError: (error) => errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  });

  const handle = async (request: DeliveryRequest): Promise<unknown> => {
    switch (request.op) {
      case 'pause': {
        if (!gate) {
          let open!: () => void;
          const closed = new Promise<void>((resolve) => (open = resolve));
          gate = { closed, open };
        }
        await delivering;
        return undefined;
      }
      case 'resume': {
        const g = gate;
        gate = undefined;
        g?.open();
        return undefined;
      }
      case 'caught-up':
        return poller.caughtUp();
      case 'record':
        if (request.on) calls.byCommand.clear();
        calls.recording = Boolean(request.on);
        return undefined;
      case 'status':
        return { counts, accepted, calls: calls.totals(), errors } satisfies DeliveryStatus;
      case 'stop':
        gate?.open();
        gate = undefined;
        await poller.stop();
        return undefined;
    }
  };
  process.on('message', (request: DeliveryRequest) => {
    handle(request).then(
      (result) => reply({ id: request.id, ok: true, result }, request.op === 'stop' ? () => process.exit(0) : undefined),
      (error: unknown) => reply({ id: request.id, ok: false, error: String(error) }),
    );
  });
  // The bench has gone (finished or crashed): there is no one left to deliver for.
  process.on('disconnect', () => process.exit(0));
  reply({ event: 'ready' });
}

/** The bench's side of the delivery process. */
class DeliveryProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: DeliveryReply) => {
      if (!('id' in message)) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`Delivery process: ${message.error}`));
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`The delivery process exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Forks this file (under tsx, as the bench itself runs) with the bench's environment. */
  static async start(env: NodeJS.ProcessEnv): Promise<DeliveryProcess> {
    const child = fork(fileURLToPath(import.meta.url), [DELIVERY_PROCESS_FLAG], { env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    // Its log lines go to stderr, so stdout carries only the report.
    child.stdout?.pipe(process.stderr);
    process.once('exit', () => child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.once('message', (m: DeliveryReply) => ('event' in m && m.event === 'ready' ? resolve() : reject(new Error('Unexpected first message'))));
      child.once('exit', (code) => reject(new Error(`The delivery process exited during start-up (${code})`)));
    });
    return new DeliveryProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request<T = undefined>(op: DeliveryOp, extra: Omit<DeliveryRequest, 'id' | 'op'> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, op, ...extra } satisfies DeliveryRequest);
    });
  }

  status = () => this.request<DeliveryStatus>('status');

  /**
   * Waits until SES has accepted `expected` emails to `group` (or `timeoutMs` passes), polling the
   * delivery process's own count of SES's answers; returns its status then.
   */
  async waitForEmails(group: string, expected: number, timeoutMs = EMAIL_WAIT_MS): Promise<DeliveryStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      if ((status.accepted[group]?.count ?? 0) >= expected || Date.now() > deadline) return status;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.request('stop').catch(() => this.child.kill('SIGTERM'));
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local JVM this process started (a child whose command line names it). */
function dynamoDbLocalPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.split(') ')[1]!.split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('DynamoDBLocal')) return Number(entry);
    }
  } catch {
    // not Linux
  }
  return undefined;
}

interface Pids {
  dynamo?: number;
  ses?: number;
  delivery?: number;
}

/** CPU seconds each process of the stack spent during a phase. */
interface CpuUse {
  dynamoDbLocal?: number;
  sesEmulator?: number;
  /** This process: the API server and the load generator (and, for the delivery steps alone, the delivery code). */
  apiServerAndLoad?: number;
  /** The delivery process: stream poller and delivery function. */
  delivery?: number;
}

/** Runs `work` and reports the CPU seconds each process of the stack spent meanwhile. */
async function withCpu<T>(pids: Pids, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), e: cpuSeconds(pids.delivery), n: process.cpuUsage() };
  const result = await work();
  const after = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), e: cpuSeconds(pids.delivery), n: process.cpuUsage(before.n) };
  const diff = (a?: number, b?: number) => (a !== undefined && b !== undefined ? round(a - b, 2) : undefined);
  return {
    result,
    cpu: {
      dynamoDbLocal: diff(after.d, before.d),
      sesEmulator: diff(after.s, before.s),
      apiServerAndLoad: round((after.n.user + after.n.system) / 1e6, 2),
      delivery: diff(after.e, before.e),
    },
  };
}

interface LoadResult {
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

/**
 * Registers `count` people with distinct addresses, `limit` in flight. A registration counts as accepted
 * on a 201 that says confirmed or waitlisted, or on a 202 (the answer that is the same whatever is
 * stored for the address, and leaves the outcome to the email): which place each got is read from
 * the table afterwards either way.
 */
async function registrationRush(baseUrl: string, meetingId: string, emailPrefix: string, count = REGISTRATIONS, limit = IN_FLIGHT): Promise<LoadResult> {
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

// ---------------------------------------------------------------------------------------------------
// Baselines

/** The same shape of write with nothing around it: conditional counter update + put, 100 in flight. */
async function rawTransactions(
  endpoint: string,
  tableName: string,
  run: string,
  count = REGISTRATIONS,
): Promise<{ transactions: number; failed: number; seconds: number; perSecond: number }> {
  const client = localDynamoClient(endpoint);
  const pk = `BENCH#${run}`;
  const key = { pk: { S: pk }, sk: { S: 'COUNTER' } };
  await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key, placesLeft: { N: String(REGISTRATIONS) } } }));
  let failed = 0;
  const started = performance.now();
  const done = await pool(count, IN_FLIGHT, RUN_BUDGET_MS, async (i) => {
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
const benchMeetingInput = (title: string, capacity: number) =>
  platform.fixtures.exampleMeeting({ title, capacity, maxPlacesPerRegistration: 1, waitingList: true }, new Date(), 14 * 24);

/**
 * A meeting item as the platform stores it (store/meetings.ts putNewMeeting: keys, both index keys,
 * window, counters), for the registration-shaped baseline. Its counters leave room for every
 * transaction, as the 2-item baseline's does.
 */
async function putShapeMeeting(client: DynamoDBClient, tableName: string, run: string, places: number): Promise<Meeting> {
  const at = new Date().toISOString();
  const meeting: Meeting = {
    id: `bench-shape-${run}`,
    ...benchMeetingInput('Load test: car cruising in Kegworth', places),
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
async function registrationShapedTransactions(
  client: DynamoDBClient,
  tableName: string,
  run: string,
  count = REGISTRATIONS,
  limit = IN_FLIGHT,
): Promise<{ transactions: number; failed: number; seconds: number; perSecond: number }> {
  const meeting = await putShapeMeeting(client, tableName, run, count);
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

// ---------------------------------------------------------------------------------------------------
// Where the time goes

type CallTotals = Record<string, { calls: number; totalMs: number }>;

/**
 * Wall time of each AWS call, by command, while `recording`. The clients' `send` is wrapped from here
 * (the DynamoDB client instance, and SESClient's prototype since email.ts keeps its client to itself);
 * production code is untouched.
 */
class CallTimes {
  recording = false;
  readonly byCommand = new Map<string, number[]>();
  /** The platform's own SES client, caught on its first send, so steps can be timed alone on it. */
  ses?: SESClient;
  /** Called as each call settles, recording or not. */
  afterCall?: (command: object, ok: boolean) => void;

  wrap<C extends { send: (...args: never[]) => Promise<unknown> }>(target: C): void {
    const original = target.send;
    const times = this;
    target.send = function (this: unknown, ...args: never[]) {
      if (this instanceof SESClient) times.ses ??= this;
      const t0 = performance.now();
      const command = args[0] as unknown as object;
      const name = command.constructor.name.replace(/Command$/, '');
      const result = original.apply(this, args);
      const done = (ok: boolean) => () => {
        times.afterCall?.(command, ok);
        if (!times.recording) return;
        const list = times.byCommand.get(name) ?? [];
        list.push(performance.now() - t0);
        times.byCommand.set(name, list);
      };
      result.then(done(true), done(false));
      return result;
    } as C['send'];
  }

  totals(): CallTotals {
    return Object.fromEntries([...this.byCommand].map(([name, ms]) => [name, { calls: ms.length, totalMs: ms.reduce((a, b) => a + b, 0) }]));
  }
}

type PerUnit = Record<string, { callsPerUnit: number; meanMsPerCall: number; msPerUnit: number }>;

/** Per command: calls per registration (or email), mean wall ms per call, and wall ms per registration (or email). */
function perUnit(totals: CallTotals, units: number): PerUnit {
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [name, { callsPerUnit: round(t.calls / units, 2), meanMsPerCall: round(t.totalMs / t.calls), msPerUnit: round(t.totalMs / units) }]),
  );
}

interface StepCost {
  /** Mean wall ms per call, one call at a time. */
  wallMs: number;
  /** CPU ms per call in each process. */
  benchProcessCpuMs?: number;
  dynamoDbLocalCpuMs?: number;
  sesEmulatorCpuMs?: number;
}

/** Runs `work` n times, one at a time, and reports the mean wall time and CPU per call in each process. */
async function alone(pids: Pids, n: number, work: (i: number) => Promise<unknown> | unknown): Promise<StepCost> {
  const t0 = performance.now();
  const { cpu } = await withCpu(pids, async () => {
    for (let i = 0; i < n; i++) await work(i);
  });
  const per = (seconds?: number) => (seconds === undefined ? undefined : round((seconds * 1000) / n, 3));
  return { wallMs: round((performance.now() - t0) / n, 3), benchProcessCpuMs: per(cpu.apiServerAndLoad), dynamoDbLocalCpuMs: per(cpu.dynamoDbLocal), sesEmulatorCpuMs: per(cpu.sesEmulator) };
}

/** A step timed as one batch of `n` calls, as per-call figures. */
function perCall(batch: StepCost, n: number): StepCost {
  const per = (v?: number) => (v === undefined ? undefined : round(v / n, 3));
  return { wallMs: round(batch.wallMs / n, 3), benchProcessCpuMs: per(batch.benchProcessCpuMs), dynamoDbLocalCpuMs: per(batch.dynamoDbLocalCpuMs), sesEmulatorCpuMs: per(batch.sesEmulatorCpuMs) };
}

/** A registration's steps, in the request. */
const REGISTRATION_STEPS = {
  http: 'HTTP request + routing + validation + JSON reply (a POST refused by validation)',
  getMeeting: 'GetItem: the meeting (eventually consistent)',
  transaction: 'TransactWriteItems: the 3-item request (registration, email guard, queue entry)',
} as const;
type RegistrationStep = keyof typeof REGISTRATION_STEPS;
/** Which AWS command, timed during the rush, each step is. */
const REGISTRATION_RUSH_COMMAND: Partial<Record<RegistrationStep, string>> = { getMeeting: 'GetItem', transaction: 'TransactWriteItems' };

/** Delivering one email, off the request path: what core/outbox/delivery.ts deliverClaimed does, in order. */
const DELIVERY_STEPS = {
  claim: 'UpdateItem: claim the outbox item (a lease)',
  load: 'GetItem ×2 in parallel: the meeting and the registration (consistent)',
  manageLink: 'PutItem: a freshly minted manage link',
  render: 'Render the email: HTML + text (+ .ics for the 1 in 10 confirmed)',
  compose: 'MailComposer: build the MIME message',
  send: 'SES SendRawEmail',
  record: 'UpdateItem: record the email as sent',
} as const;
type DeliveryStep = keyof typeof DELIVERY_STEPS;
/** Which command, timed in the delivery process during the rush, each step is (claim and record are both UpdateItem: shown together on the claim row). */
const DELIVERY_RUSH_COMMAND: Partial<Record<DeliveryStep, string>> = { claim: 'UpdateItem', load: 'GetItem', manageLink: 'PutItem', send: 'SendRawEmail' };

interface Breakdown {
  /** Wall time of each AWS call the API made during the rush, by command, per registration. */
  rush: PerUnit;
  /** Each step alone, one at a time, STEP_RUNS times. */
  alone: Record<RegistrationStep, StepCost>;
  /** Whole registrations over HTTP, one at a time (1 in 10 confirmed), for comparison with the sum of the steps. */
  wholeRegistration: StepCost;
  /** CPU ms per second each process spent idle just before the steps were timed (background noise in the "alone" figures). */
  idleCpuMsPerSecond: CpuUse;
}

interface DeliveryBreakdown {
  /** The delivery process's DynamoDB and SES calls during the rush and until its last email, by command, per email sent. */
  rush: PerUnit;
  /** Each step alone in the bench process, one at a time, on real outbox items (1 in 10 a confirmation). */
  alone: Record<DeliveryStep, StepCost>;
  steps: number;
  /** Whole deliveries one at a time: deliverStreamBatch with one new outbox item's stream record. */
  wholeDelivery: StepCost;
  wholeRuns: number;
}

interface EmailResult {
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
  /** Epoch ms differences: the last registration's response → SES accepting the last email; rush start → first email. */
  lagMs?: number;
  firstEmailAfterRushStartMs?: number;
  /** Emails per second from the rush's start to the last email. */
  perSecond?: number;
  pollerErrors: string[];
}

// ---------------------------------------------------------------------------------------------------
// The report

interface Result {
  when: string;
  environment: string;
  load: LoadResult;
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
  bundles: BundlesReport;
  /** test/load/community-days-bench.ts */
  communityDays?: unknown;
  passed: boolean;
}

type RawRun = Awaited<ReturnType<typeof rawTransactions>>;
type Baseline = { before: RawRun; after: RawRun; perSecond: number };
type CpuPhase = 'baselineBefore' | 'shapeBefore' | 'api' | 'deliveryTail' | 'baselineAfter' | 'shapeAfter';

function markdown(r: Result): string {
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
    ['api', 'Registration rush (HTTP), delivery running alongside'],
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
    `# Registration load test (${r.when})`,
    '',
    `${r.environment}`,
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
    '',
    `## The rush's emails, delivered off the request path`,
    '',
    "Each registration's transaction writes an outbox item; the table's stream (DynamoDB Local's, polled by local/email-delivery.ts)",
    "hands new items to meetings' delivery function (`deliverStreamBatch`) in its own process, while the rush runs, as in AWS.",
    `The account's send rate is set to EMAIL_SEND_RATE=${e.sendRatePerSecond} per second for the bench (the default is 14, SES's rate for a new account), of which each capability that sends email takes an equal share, so the token bucket is not the bottleneck.`,
    '',
    '| | |',
    '|---|---|',
    `| Emails received by the SES emulator | ${e.received} (target ${REGISTRATIONS}: ${ok(e.received === REGISTRATIONS)}); ${e.distinctRecipients} distinct recipients, ${e.rightKind} of the kind their status calls for |`,
    `| Registrations whose email the outbox records as sent | ${e.recordedSent} |`,
    `| Delivery function's count | ${e.delivered.sent} sent, ${e.delivered.failed} failed, ${e.delivered.skipped} skipped |`,
    `| Email lag: last registration's response → SES accepted the last email | ${e.lagMs === undefined ? 'n/a' : `${round(e.lagMs / 1000, 2)} s`} |`,
    `| First email accepted, after the rush began | ${e.firstEmailAfterRushStartMs === undefined ? 'n/a' : `${round(e.firstEmailAfterRushStartMs / 1000, 2)} s`} |`,
    `| Emails per second, rush start → last email | ${e.perSecond ?? 'n/a'} |`,
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
    'Places are then decided in batches of up to 24 per transaction (functions/meetings/deciding.ts): those calls are in "Other calls" below.',
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
    ...platform.bundles.bundlesMarkdown(r.bundles),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(outDir, { recursive: true });
  // Before any SDK client is made (DynamoDB Local's start-up makes one): Node 20 is what runs here.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const [dynamoPort, sesPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  console.error('Starting DynamoDB Local (in memory), the SES emulator and email delivery...');
  const dynamoDb = await startDynamoDbLocal({ port: dynamoPort });
  const ses = await startSesEmulatorProcess(sesPort);
  const tableName = 'engagement-bench';
  const baselineTable = 'engagement-bench-baselines';
  const setupClient = localDynamoClient(dynamoDb.endpoint);
  await ensureTable(setupClient, tableName);
  await ensureTable(setupClient, baselineTable);
  setupClient.destroy();

  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    SES_ENDPOINT: ses.endpoint,
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    EMAIL_SEND_RATE,
    // Metrics go to CloudWatch in AWS; here they would only print EMF lines into the report (as in the tests' setup).
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Every request comes from this one address; the per-client limit (20 in 10 minutes) would refuse the
    // rush. The platform keeps this switch for load tests; a rush of real people comes from 1,000 addresses.
    RATE_LIMITS: 'off',
    // The platform gives a DynamoDB call 3 s before answering 503; DynamoDB Local under a 1,000-request
    // rush on two shared CPUs can take longer than the service would, so local runs allow 30 s (as
    // `npm start` and the tests do). Latency beyond 3 s in the report is what would be 503s in AWS terms.
    DYNAMODB_TIMEOUT_MS: '30000',
  });
  platform = await importPlatform();
  const { dynamo } = platform;
  const delivery = await DeliveryProcess.start(process.env);

  const calls = new CallTimes();
  calls.wrap(dynamo());
  calls.wrap(SESClient.prototype);

  const server = serve({ fetch: scoped((await platform.server.createPlatformApp()).fetch), port: apiPort, hostname: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  let stopped = false;
  const stopStack = async () => {
    if (stopped) return;
    stopped = true;
    server.close();
    await delivery.stop();
    await ses.stop();
    await dynamoDb.stop();
  };
  try {
    const benchMeeting = (title: string, capacity = CAPACITY) => platform.meetings.createMeeting(benchMeetingInput(title, capacity));
    const pids: Pids = { dynamo: dynamoDbLocalPid(), ses: ses.pid, delivery: delivery.pid };
    const baselineClient = localDynamoClient(dynamoDb.endpoint);

    // DynamoDB Local (a JVM) runs several times faster once its JIT has compiled the hot paths, so
    // both baselines, the API and the delivery are measured warm, and the baselines on both sides of the API run.
    console.error('Warming up DynamoDB Local, the SDK clients, the server and the delivery...');
    await rawTransactions(dynamoDb.endpoint, baselineTable, 'warm-up', QUICK ? 200 : 2000);
    await registrationShapedTransactions(baselineClient, baselineTable, 'warm-up', QUICK ? 100 : 1000);
    const warm = await registrationRush(baseUrl, (await benchMeeting('Warm-up')).id, 'warm', QUICK ? 50 : 500);
    const warmDelivered = await delivery.waitForEmails('warm', warm.accepted);
    if ((warmDelivered.accepted['warm']?.count ?? 0) < warm.accepted) throw new Error('The warm-up emails were not all delivered');
    await delivery.request('caught-up');
    // From here the SES emulator holds only what the measured runs send.
    await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });

    console.error(`Baselines: ${REGISTRATIONS} raw transactions of 2 items, then request-shaped ones...`);
    const before = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, baselineTable, 'before'));
    const shapeBefore = await withCpu(pids, () => registrationShapedTransactions(baselineClient, baselineTable, 'before'));

    console.error(`Registering ${REGISTRATIONS} people over HTTP, emails delivered alongside...`);
    const meeting = await benchMeeting('Load test: car cruising in Kegworth');
    const deliveredBefore = (await delivery.status()).counts;
    calls.recording = true;
    await delivery.request('record', { on: true });
    const api = await withCpu(pids, () => registrationRush(baseUrl, meeting.id, 'bench'));
    calls.recording = false;
    const load = api.result;
    console.error(`Waiting for the rush's ${load.accepted} emails...`);
    const tail = await withCpu(pids, () => delivery.waitForEmails('bench', load.accepted));
    // The delivery function counts a batch once the whole batch is done; SES may have had its last email a moment earlier.
    await delivery.request('caught-up');
    await delivery.request('record', { on: false });
    const afterRush = { ...tail.result, counts: (await delivery.status()).counts };

    console.error(`Baselines again: ${REGISTRATIONS} raw transactions of 2 items, then request-shaped ones...`);
    const after = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, baselineTable, 'after'));
    const shapeAfter = await withCpu(pids, () => registrationShapedTransactions(baselineClient, baselineTable, 'after'));
    baselineClient.destroy();

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
    const deliveredCounts = {
      sent: afterRush.counts.sent - deliveredBefore.sent,
      failed: afterRush.counts.failed - deliveredBefore.failed,
      skipped: afterRush.counts.skipped - deliveredBefore.skipped,
      fannedOut: afterRush.counts.fannedOut - deliveredBefore.fannedOut,
    };
    const email: EmailResult = {
      sendRatePerSecond: Number(EMAIL_SEND_RATE),
      received: received.length,
      distinctRecipients: new Set(received.map((m) => m.to)).size,
      rightKind: rightKind.length,
      recordedSent: registrations.filter((r) => r.lastEmail?.status === 'sent').length,
      delivered: deliveredCounts,
      ...(accepted
        ? {
            lagMs: accepted.lastAt - load.lastResponseAt,
            firstEmailAfterRushStartMs: accepted.firstAt - load.startedAt,
            perSecond: round(accepted.count / ((accepted.lastAt - load.startedAt) / 1000)),
          }
        : {}),
      pollerErrors: afterRush.errors,
    };
    const baseline = (b: RawRun, a: RawRun): Baseline => ({ before: b, after: a, perSecond: round((b.perSecond + a.perSecond) / 2) });
    const raw = baseline(before.result, after.result);
    const rawRegistrationShape = baseline(shapeBefore.result, shapeAfter.result);
    const cpu: Record<CpuPhase, CpuUse> = {
      baselineBefore: before.cpu,
      shapeBefore: shapeBefore.cpu,
      api: api.cpu,
      deliveryTail: tail.cpu,
      baselineAfter: after.cpu,
      shapeAfter: shapeAfter.cpu,
    };

    console.error(`The same rush through the contention proxy, and the baselines through it...`);
    const contention = await benchContention({
      platform,
      dynamoEndpoint: dynamoDb.endpoint,
      baselineTable,
      registrations: REGISTRATIONS,
      capacity: CAPACITY,
      inFlight: IN_FLIGHT,
      rush: (meetingId, prefix, count) => registrationRush(baseUrl, meetingId, prefix, count),
      createMeeting: benchMeeting,
      putShapeMeeting,
      rawTransactions,
      withoutProxy: { rush: load, rawPerSecond: raw.perSecond },
    });

    console.error(`Timing each step of a registration alone, ${STEP_RUNS} times each...`);
    // DynamoDB Local's JVM keeps collecting garbage for a while after a run; let it settle, and record what it spends idle.
    await new Promise((r) => setTimeout(r, 5000));
    const idle = await withCpu(pids, () => new Promise((r) => setTimeout(r, 2000)));
    const registrationAlone = {} as Record<RegistrationStep, StepCost>;
    registrationAlone.http = await alone(pids, STEP_RUNS, async (i) => {
      const res = await fetch(`${baseUrl}/api/meetings/${meeting.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench Resident ${i}`, email: `alone.${i}@example.org`, places: 1, privacyAccepted: false }),
      });
      if (res.status !== 400) throw new Error(`Expected 400 from validation, got ${res.status}`);
      await res.arrayBuffer();
    });
    // As registerForMeeting reads it: eventually consistent.
    registrationAlone.getMeeting = await alone(pids, STEP_RUNS, () => platform.meetingStore.getMeeting(meeting.id));
    const shapeMeeting = await putShapeMeeting(dynamo(), baselineTable, 'alone', STEP_RUNS);
    registrationAlone.transaction = await alone(pids, STEP_RUNS, async (i) => {
      await dynamo().send(new TransactWriteItemsCommand({ TransactItems: requestTransaction(platform, baselineTable, shapeMeeting, `alone-${i}`) }));
    });

    // Whole registrations one at a time, with delivery paused: their outbox items stay pending for the delivery steps below.
    console.error(`Registering ${WHOLE_RUNS} people one at a time, then timing each step of delivering their emails...`);
    await delivery.request('pause');
    const wholeMeeting = await benchMeeting('Load test: one at a time', WHOLE_RUNS / 10);
    const wholeBatch = await alone(pids, 1, async () => {
      const whole = await registrationRush(baseUrl, wholeMeeting.id, 'whole', WHOLE_RUNS, 1);
      if (whole.failed) throw new Error(`Registering one at a time failed: ${JSON.stringify(whole.failures)}`);
    });
    const breakdown: Breakdown = {
      rush: perUnit(calls.totals(), REGISTRATIONS),
      alone: registrationAlone,
      wholeRegistration: perCall(wholeBatch, WHOLE_RUNS),
      idleCpuMsPerSecond: Object.fromEntries(Object.entries(idle.cpu).map(([k, v]) => [k, v === undefined ? v : round((v * 1000) / 2, 1)])),
    };
    const deliveryBreakdown = await deliverySteps(pids, wholeMeeting.id, calls);
    deliveryBreakdown.rush = perUnit(afterRush.calls, Math.max(1, accepted?.count ?? 0));
    await delivery.request('resume');
    await delivery.request('caught-up');

    let cpuProfile: string | undefined;
    if (process.env['BENCH_CPU_PROFILE'] === '1') {
      console.error('Profiling an extra rush (BENCH_CPU_PROFILE=1)...');
      const { Session } = await import('node:inspector/promises');
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      const profiled = await registrationRush(baseUrl, (await benchMeeting('Load test: profiled')).id, 'profiled');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      cpuProfile = join(outDir, 'rush.cpuprofile');
      writeFileSync(cpuProfile, JSON.stringify(profile));
      cpuProfile = relative(root, cpuProfile);
      await delivery.waitForEmails('profiled', profiled.accepted);
    }

    console.error('Surgeries: 40 councils booking 12 slots three times each at once, then 100 reschedules...');
    const surgeries = await surgeriesBench({ baseUrl, dynamoEndpoint: dynamoDb.endpoint, tableName });
    console.error('Consultations: responses in a rush, and the cost of reading results...');
    const consultations = await (await import('./consultations-bench.js')).consultationsBench({ baseUrl, dynamoEndpoint: dynamoDb.endpoint, tableName });
    console.error("Community days: the map endpoint at 50 and 5,000 visits, and the map page's weight...");
    const communityDays = await (await import('./community-days-bench.js')).communityDaysBench({ baseUrl, dynamoEndpoint: dynamoDb.endpoint, tableName });

    // Bundles are timed once the stack has stopped, so DynamoDB Local's JVM and the rest are not competing for the CPUs.
    await stopStack();
    console.error('Bundling each Lambda as CDK does and timing its import in fresh processes...');
    const bundles = await platform.bundles.measureBundles(outDir);

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
      when: new Date().toISOString(),
      environment: `Node ${process.version}, ${cpus().length} CPUs; DynamoDB Local (in memory, warmed up), SES emulator in its own process, API server and load generator in this process, email delivery from the table's stream in its own process. Settings: EMAIL_SEND_RATE=${EMAIL_SEND_RATE}, RATE_LIMITS=off, DYNAMODB_TIMEOUT_MS=30000.`,
      load,
      check,
      email,
      raw,
      ratio: round(load.perSecond / raw.perSecond, 3),
      rawRegistrationShape,
      ratioRegistrationShape: round(load.perSecond / rawRegistrationShape.perSecond, 3),
      cpu,
      breakdown,
      delivery: deliveryBreakdown,
      ...(cpuProfile ? { cpuProfile } : {}),
      contention,
      bundles,
      communityDays: communityDays.json,
      passed,
    };
    writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ ...result, surgeries: surgeries.json, consultations: consultations.json, communityDays: communityDays.json }, null, 2) + '\n');
    const md = `${markdown(result)}${surgeries.markdown}\n${consultations.markdown}\n${communityDays.markdown}`;
    writeFileSync(join(outDir, 'latest.md'), md);
    console.log(md);
    const sectionsPassed = [surgeries.json, consultations.json, communityDays.json].every((j) => (j as { passed: boolean }).passed);
    if (!passed || !sectionsPassed) process.exitCode = 1;
  } finally {
    await stopStack();
  }
}

/**
 * Each step of delivering one email (core/outbox/delivery.ts `deliverClaimed`), alone, in the bench
 * process, on the pending outbox items of the registrations just made one at a time in `meetingId`.
 * Items are dealt out in arrival order (the first tenth were confirmed): 1 in 5 warms the delivery
 * code up in this process, 2 in 5 go through the steps one by one, and 2 in 5 are delivered whole.
 */
async function deliverySteps(pids: Pids, meetingId: string, calls: CallTimes): Promise<DeliveryBreakdown> {
  const meetingsDelivery = (await platform.platformLoader.loadEmailDeliveries()).find((d) => d.capability === 'meetings');
  if (!meetingsDelivery) throw new Error('Meetings has no delivery function');
  const { deliverStreamBatch, emails } = meetingsDelivery;
  const { claimEmail, outboxKey, recordEmailAttempt, siteUrl } = platform.outbox;
  const { composeEmail, sendEmail } = platform.email;
  const { mintManageLink, saveManageLink } = platform.manageLinks;
  const ids = (await platform.registrationStore.listRegistrations(meetingId)).map((r) => r.lastEmailRef?.id);
  if (ids.length !== WHOLE_RUNS || ids.some((id) => !id)) throw new Error(`Expected ${WHOLE_RUNS} outbox items for ${meetingId}`);
  const dealt = (keep: (i: number) => boolean) => ids.filter((_, i) => keep(i % 5)) as string[];
  const warmIds = dealt((k) => k === 0);
  const stepIds = dealt((k) => k === 1 || k === 2);
  const wholeIds = dealt((k) => k >= 3);
  const streamRecord = (id: string): StreamRecord => ({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: outboxKey(id).pk }, sk: { S: 'OUTBOX' } } } });

  // Warm up rendering, MIME, SES and the SDK clients in this process, which has only served the API so far.
  const warm = await deliverStreamBatch(warmIds.map(streamRecord));
  if (warm.sent !== warmIds.length) throw new Error(`Warm-up delivery sent ${warm.sent} of ${warmIds.length}: ${JSON.stringify(warm)}`);
  await sendEmail({ to: 'ses-warm-up@example.org', subject: 'Warm-up', text: 'Warm-up', html: '<p>Warm-up</p>' });

  const n = stepIds.length;
  const now = new Date();
  const leaseToken = 'bench-delivery-steps';
  const leaseUntil = new Date(now.getTime() + 10 * 60_000).toISOString();
  const claimed: OutboxEmail[] = [];
  const contexts: unknown[] = [];
  const manageUrls: Array<string | undefined> = [];
  const contents: EmailContent[] = [];
  const messages: Buffer[] = [];
  const kindOf = (email: OutboxEmail): OutboxEmailKind<unknown> => {
    const kind = email.capability === emails.capability ? emails.kinds[email.kind] : undefined;
    if (!kind) throw new Error(`No email kind ${email.capability}/${email.kind}`);
    return kind;
  };
  const sesClient = calls.ses;
  const steps = {} as Record<DeliveryStep, StepCost>;
  steps.claim = await alone(pids, n, async (i) => {
    const email = await claimEmail(stepIds[i]!, now.toISOString(), leaseUntil, leaseToken);
    if (!email) throw new Error(`Outbox item ${stepIds[i]} could not be claimed`);
    claimed[i] = email;
  });
  steps.load = await alone(pids, n, async (i) => {
    const email = claimed[i]!;
    const kind = kindOf(email);
    const ctx = await kind.load(email, now);
    if (ctx === undefined || !kind.stillRelevant(ctx, email, now)) throw new Error(`Outbox item ${email.id} is no longer worth sending`);
    contexts[i] = ctx;
  });
  steps.manageLink = await alone(pids, n, async (i) => {
    const email = claimed[i]!;
    const link = kindOf(email).manageLink?.(contexts[i]);
    if (!link) return;
    const minted = mintManageLink({ capability: email.capability, purpose: link.purpose, about: link.about, validUntil: link.validUntil });
    await saveManageLink(minted.link);
    manageUrls[i] = siteUrl(`${link.path}/${minted.token}`);
  });
  steps.render = await alone(pids, n, (i) => {
    const manageUrl = manageUrls[i];
    contents[i] = kindOf(claimed[i]!).render(contexts[i], claimed[i]!, { now, ...(manageUrl ? { manageUrl } : {}) });
  });
  steps.compose = await alone(pids, n, async (i) => {
    messages[i] = await composeEmail({ to: kindOf(claimed[i]!).to(contexts[i]), ...contents[i]! });
  });
  if (!sesClient) throw new Error("The platform's SES client was not seen in this process");
  steps.send = await alone(pids, n, (i) =>
    sesClient.send(new SendRawEmailCommand({ Source: platform.config.config().senderAddress, Destinations: [kindOf(claimed[i]!).to(contexts[i])], RawMessage: { Data: messages[i]! } })),
  );
  steps.record = await alone(pids, n, async (i) => {
    if (!(await recordEmailAttempt(claimed[i]!, leaseToken, new Date().toISOString(), { status: 'sent' }))) throw new Error(`Outbox item ${claimed[i]!.id} not recorded`);
  });
  const wholeDelivery = await alone(pids, wholeIds.length, async (i) => {
    const counts = await deliverStreamBatch([streamRecord(wholeIds[i]!)]);
    if (counts.sent !== 1) throw new Error(`Delivering ${wholeIds[i]} gave ${JSON.stringify(counts)}`);
  });
  return { rush: {}, alone: steps, steps: n, wholeDelivery, wholeRuns: wholeIds.length };
}

if (process.argv.includes(DELIVERY_PROCESS_FLAG)) await runDeliveryProcess();
else await main();
