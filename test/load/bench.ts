/**
 * `npm run bench`: the registration path under load, on the real local stack it starts itself
 * (DynamoDB Local in memory, the SES emulator, the platform server from local/server.ts).
 *
 * 1. 1,000 concurrent registrations with distinct emails over HTTP for a meeting of capacity 100 with
 *    a waiting list (100 in flight): expect exactly 100 confirmed, 900 waitlisted, 0 failed; latency
 *    percentiles and registrations per second.
 * 2. The same number of raw TransactWriteItems of the same shape (conditional counter update + put)
 *    straight to DynamoDB Local, as the baseline the API's rate is compared with (the headline ratio).
 *    Beside it, a second baseline shaped like the registration's own transaction (meeting counter
 *    update with its window conditions, registration put, email guard put, outbox put, manage link
 *    put; distinct keys per request), to tell how much of the gap is the transaction's size and how
 *    much is everything else the API does.
 * 3. Where a registration's time goes: wall time of each DynamoDB and SES call during the rush (timed
 *    by wrapping the clients' `send` from here, nothing in production code), then each step alone, one
 *    at a time, with the CPU it costs in each process (API process, DynamoDB Local, SES emulator).
 *    BENCH_CPU_PROFILE=1 also records a V8 CPU profile of an extra rush to bench-results/rush.cpuprofile.
 * 4. Each Lambda bundle's size (esbuild, as the brief and infra build it) and the time to import it in
 *    a fresh Node process.
 *
 * Writes bench-results/latest.json and bench-results/latest.md (git-ignored) and prints the markdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { TransactWriteItemsCommand, PutItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'bench-results');

const REGISTRATIONS = 1000;
const CAPACITY = 100;
const IN_FLIGHT = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_BUDGET_MS = 180_000;

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

interface CpuUse {
  dynamoDbLocal?: number;
  sesEmulator?: number;
  apiServerAndLoad?: number;
}

/** Runs `work` and reports the CPU seconds each process of the stack spent meanwhile. */
async function withCpu<T>(pids: { dynamo?: number; ses?: number }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), n: process.cpuUsage() };
  const result = await work();
  const after = { d: cpuSeconds(pids.dynamo), s: cpuSeconds(pids.ses), n: process.cpuUsage(before.n) };
  const diff = (a?: number, b?: number) => (a !== undefined && b !== undefined ? round(a - b, 2) : undefined);
  return {
    result,
    cpu: { dynamoDbLocal: diff(after.d, before.d), sesEmulator: diff(after.s, before.s), apiServerAndLoad: round((after.n.user + after.n.system) / 1e6, 2) },
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `work` for 0..count-1 with at most `limit` in flight; stops starting new ones after `budgetMs`. */
async function pool(count: number, limit: number, budgetMs: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const stopAt = Date.now() + budgetMs;
  const worker = async () => {
    while (next < count && Date.now() < stopAt) await work(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return next;
}

interface LoadResult {
  requests: number;
  confirmed: number;
  waitlisted: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
}

async function registrationRush(baseUrl: string, meetingId: string, emailPrefix: string, count = REGISTRATIONS, limit = IN_FLIGHT): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let confirmed = 0;
  let waitlisted = 0;
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
      if (res.status === 201 && body.status === 'confirmed') confirmed++;
      else if (res.status === 201 && body.status === 'waitlisted') waitlisted++;
      else failures[`${res.status} ${body.error?.code ?? body.status}`] = (failures[`${res.status} ${body.error?.code ?? body.status}`] ?? 0) + 1;
    } catch (error) {
      latencies.push(performance.now() - t0);
      const name = error instanceof Error ? error.name : 'error';
      failures[name] = (failures[name] ?? 0) + 1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const failed = requests - confirmed - waitlisted + (count - requests);
  return {
    requests,
    confirmed,
    waitlisted,
    failed,
    failures,
    seconds: round(seconds, 2),
    perSecond: round(requests / seconds),
    latencyMs: { mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length), p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
  };
}

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

/**
 * A meeting item as store.ts writes it (keys, both index keys, window, counters), for the registration-
 * shaped baseline. Its counters leave room for every transaction, as the 2-item baseline's does.
 */
async function putShapeMeeting(client: DynamoDBClient, tableName: string, run: string, places: number): Promise<{ pk: string; updatedAt: string }> {
  const now = Date.now();
  const startsAt = new Date(now + 14 * 24 * 3_600_000).toISOString();
  const updatedAt = new Date(now).toISOString();
  const id = `bench-shape-${run}`;
  const s = (v: string) => ({ S: v });
  const n = (v: number) => ({ N: String(v) });
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        pk: s(`MEETING#${id}`), sk: s('MEETING'), type: s('meeting'),
        gsi1pk: s('MEETINGS'), gsi1sk: s(`${startsAt}#${id}`), gsi2pk: s('AREA#E07000134'), gsi2sk: s(`${startsAt}#${id}`),
        id: s(id), title: s('Load test: car cruising in Kegworth'), description: s(''), areaCode: s('E07000134'),
        venue: s('Kegworth Village Hall'), address: s('Nottingham Road, Kegworth DE74 2FH'), latitude: n(52.8343), longitude: n(-1.2741),
        startsAt: s(startsAt), endsAt: s(new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString()),
        registrationOpensAt: s(new Date(now - 3_600_000).toISOString()), registrationClosesAt: s(new Date(Date.parse(startsAt) - 3_600_000).toISOString()),
        capacity: n(places), maxPlacesPerRegistration: n(1), waitingList: { BOOL: true }, accessInformation: s(''), status: s('scheduled'),
        placesLeft: n(places), confirmedCount: n(0), waitlistedCount: n(0), cancelledCount: n(0), attendedCount: n(0), sequence: n(1),
        createdAt: s(updatedAt), updatedAt: s(updatedAt),
      },
    }),
  );
  return { pk: `MEETING#${id}`, updatedAt };
}

/**
 * The registration's own transaction (see saveRegistration in functions/meetings/store.ts), written out
 * with the bench's keys: the meeting's conditional counter update (status, unchanged since read, window
 * open, places left; ALL_OLD on failure), the registration put, the email guard put (ALL_OLD on failure),
 * the outbox email put (pending, in the gsi1 due-emails index) and the manage link put. Every one takes
 * a place (so none fails, as in the 2-item baseline); 9 in 10 registration items are written as waitlisted,
 * with the waiting-list index keys, as 900 of the rush's 1,000 are.
 */
function registrationShapedTransaction(tableName: string, meeting: { pk: string; updatedAt: string }, key: string, i: number): TransactWriteItem[] {
  const now = new Date();
  const at = now.toISOString();
  const s = (v: string) => ({ S: v });
  const id = `R${key}`;
  const emailId = `${now.getTime().toString(36)}${key}`;
  const email = `shape.${key}@example.org`;
  const leaseUntil = new Date(now.getTime() + 60_000).toISOString();
  const tokenHash = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex');
  // Items with personal data expire a year after the meeting (functions/core/retention.ts), versioned by the meeting read.
  const expiry = { expiresAt: { N: String(Math.floor(now.getTime() / 1000) + 380 * 24 * 3600) }, expiryVersion: s(meeting.updatedAt) };
  const confirmed = i % 10 === 0;
  const lastEmail = { M: { id: s(emailId), kind: s(confirmed ? 'confirmation' : 'waitlisted'), at: s(at) } };
  return [
    {
      Update: {
        TableName: tableName,
        Key: { pk: s(meeting.pk), sk: s('MEETING') },
        UpdateExpression: 'SET placesLeft = placesLeft - :places, confirmedCount = confirmedCount + :places',
        ConditionExpression:
          '#status = :scheduled AND updatedAt = :seen AND registrationOpensAt <= :now AND registrationClosesAt > :now AND startsAt > :now AND maxPlacesPerRegistration >= :places AND placesLeft >= :places',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':places': { N: '1' }, ':now': s(at), ':scheduled': s('scheduled'), ':seen': s(meeting.updatedAt) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: s(meeting.pk), sk: s(`REG#${id}`), type: s('registration'), id: s(id), meetingId: s(meeting.pk.slice(8)),
          reference: s(`${id.slice(0, 3)}-${id.slice(3)}`), name: s(`Bench Resident ${key}`), email: s(email), places: { N: '1' },
          createdAt: s(at), lastEmail, emailIds: { L: [s(emailId)] }, ...expiry,
          ...(confirmed
            ? { status: s('confirmed'), confirmedAt: s(at) }
            : { status: s('waitlisted'), gsi2pk: s(`WAITLIST#${meeting.pk.slice(8)}`), gsi2sk: s(`${at}#${id}`) }),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { pk: s(meeting.pk), sk: s(`EMAIL#${email}`), type: s('email-guard'), registrationId: s(id), ...expiry },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: s(`OUTBOX#${emailId}`), sk: s('OUTBOX'), type: s('email'), id: s(emailId), kind: s(confirmed ? 'confirmation' : 'waitlisted'), meetingId: s(meeting.pk.slice(8)),
          registrationId: s(id), status: s('pending'), attempts: { N: '1' }, nextAttemptAt: s(leaseUntil), leaseUntil: s(leaseUntil), createdAt: s(at),
          leaseToken: s(SHAPE_LEASE_TOKEN), gsi1pk: s('EMAIL#PENDING'), gsi1sk: s(`${leaseUntil}#${emailId}`), expiresAt: expiry.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: s(`MANAGE#${tokenHash}`), sk: s('MANAGE'), type: s('manage-link'), tokenHash: s(tokenHash), meetingId: s(meeting.pk.slice(8)),
          registrationId: s(id), expiresAt: { N: String(Math.floor(now.getTime() / 1000) + 21 * 24 * 3600) },
        },
      },
    },
  ];
}

/** The outbox items the registration-shaped transactions write carry this lease, so the status update can be timed on them. */
const SHAPE_LEASE_TOKEN = 'bench-shape-lease';

/** Registration-shaped transactions, `limit` in flight; returns the outbox ids written. */
async function registrationShapedTransactions(
  client: DynamoDBClient,
  tableName: string,
  run: string,
  count = REGISTRATIONS,
  limit = IN_FLIGHT,
): Promise<{ transactions: number; failed: number; seconds: number; perSecond: number; outboxIds: string[] }> {
  const meeting = await putShapeMeeting(client, tableName, run, count);
  const outboxIds: string[] = [];
  let failed = 0;
  const started = performance.now();
  const done = await pool(count, limit, RUN_BUDGET_MS, async (i) => {
    const items = registrationShapedTransaction(tableName, meeting, `${run}-${i}`, i);
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      outboxIds.push(items[3]!.Put!.Item!['id']!.S!);
    } catch {
      failed++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return { transactions: done, failed, seconds: round(seconds, 2), perSecond: round(done / seconds), outboxIds };
}

// ---------------------------------------------------------------------------------------------------
// Where a registration's time goes

/**
 * Wall time of each AWS call the platform makes, by command, while `recording`. The clients' `send` is
 * wrapped from here (the DynamoDB client instance, and SESClient's prototype since email.ts keeps its
 * client to itself); production code is untouched.
 */
class CallTimes {
  recording = false;
  readonly byCommand = new Map<string, number[]>();
  /** The platform's own SES client, caught on its first send, so steps can be timed alone on it. */
  ses?: SESClient;

  wrap<C extends { send: (...args: never[]) => Promise<unknown> }>(target: C): void {
    const original = target.send;
    const times = this;
    target.send = function (this: unknown, ...args: never[]) {
      if (this instanceof SESClient) times.ses ??= this;
      const t0 = performance.now();
      const name = (args[0] as unknown as object).constructor.name.replace(/Command$/, '');
      const result = original.apply(this, args);
      const done = () => {
        if (!times.recording) return;
        const list = times.byCommand.get(name) ?? [];
        list.push(performance.now() - t0);
        times.byCommand.set(name, list);
      };
      result.then(done, done);
      return result;
    } as C['send'];
  }

  /** Per command: calls per registration, mean wall ms per call, and wall ms per registration. */
  summary(registrations: number): Record<string, { callsPerRegistration: number; meanMsPerCall: number; msPerRegistration: number }> {
    return Object.fromEntries(
      [...this.byCommand].map(([name, ms]) => {
        const total = ms.reduce((a, b) => a + b, 0);
        return [name, { callsPerRegistration: round(ms.length / registrations, 2), meanMsPerCall: round(total / ms.length), msPerRegistration: round(total / registrations) }];
      }),
    );
  }
}

interface StepCost {
  /** Mean wall ms per call, one call at a time. */
  wallMs: number;
  /** CPU ms per call in each process. */
  apiCpuMs?: number;
  dynamoDbLocalCpuMs?: number;
  sesEmulatorCpuMs?: number;
}

/** Runs `work` n times, one at a time, and reports the mean wall time and CPU per call in each process. */
async function alone(pids: { dynamo?: number; ses?: number }, n: number, work: (i: number) => Promise<unknown> | unknown): Promise<StepCost> {
  const t0 = performance.now();
  const { cpu } = await withCpu(pids, async () => {
    for (let i = 0; i < n; i++) await work(i);
  });
  const per = (seconds?: number) => (seconds === undefined ? undefined : round((seconds * 1000) / n, 3));
  return { wallMs: round((performance.now() - t0) / n, 3), apiCpuMs: per(cpu.apiServerAndLoad), dynamoDbLocalCpuMs: per(cpu.dynamoDbLocal), sesEmulatorCpuMs: per(cpu.sesEmulator) };
}

// ---------------------------------------------------------------------------------------------------
// Lambda bundles

interface BundleResult {
  entry: string;
  variant: string;
  bytes: number;
  gzipBytes: number;
  importMs: { median: number; runs: number[] };
  processMs: { median: number; runs: number[] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Imports the bundle in a fresh Node process: the import itself (as Lambda's init does) and the whole process. */
function timeImport(file: string): Promise<{ importMs: number; processMs: number }> {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t0));`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`Importing ${file} failed:\n${err}`));
      else resolve({ importMs: Number(out), processMs: performance.now() - t0 });
    });
  });
}

function lambdaEntries(): string[] {
  const functionsDir = join(root, 'functions');
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => ['handler.ts', 'scheduled.ts'].map((f) => join(functionsDir, d.name, f)))
    .filter((f) => existsSync(f));
}

async function bundles(): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  const variants = [
    { name: 'self-contained', external: [] as string[] },
    { name: 'as deployed (@aws-sdk external)', external: ['@aws-sdk/*'] },
  ];
  for (const entry of lambdaEntries()) {
    for (const variant of variants) {
      const rel = relative(join(root, 'functions'), entry).replace(/\.ts$/, '');
      const outfile = join(outDir, 'bundles', variant.external.length ? 'sdk-external' : 'self-contained', `${rel}.mjs`);
      mkdirSync(dirname(outfile), { recursive: true });
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        minify: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        jsx: 'automatic',
        jsxImportSource: 'hono/jsx',
        external: variant.external,
        // CommonJS dependencies (nodemailer) call require() for Node built-ins.
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
        logLevel: 'error',
      });
      const content = readFileSync(outfile);
      const runs: Array<{ importMs: number; processMs: number }> = [];
      for (let i = 0; i < 5; i++) runs.push(await timeImport(outfile));
      results.push({
        entry: relative(root, entry),
        variant: variant.name,
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
        importMs: { median: round(median(runs.map((r) => r.importMs))), runs: runs.map((r) => round(r.importMs)) },
        processMs: { median: round(median(runs.map((r) => r.processMs))), runs: runs.map((r) => round(r.processMs)) },
      });
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------

type RawRun = Awaited<ReturnType<typeof rawTransactions>>;
type Baseline = { before: RawRun; after: RawRun; perSecond: number };

interface Breakdown {
  /** Wall time of each AWS call during the rush, by command. */
  rush: ReturnType<CallTimes['summary']>;
  /** Each step alone, one at a time (STEP_RUNS times; the render/MIME/SES steps 1 in 10 a confirmation, as in the rush). */
  alone: Record<StepName, StepCost>;
  /** Whole registrations over HTTP, one at a time (1 in 10 confirmed), for comparison with the sum of the steps. */
  wholeRegistration: StepCost;
  /** CPU ms per second each process spent idle just before the steps were timed (background noise in the "alone" figures). */
  idleCpuMsPerSecond: CpuUse;
}

const STEP_RUNS = 1000;
const STEPS = {
  http: 'HTTP request + routing + validation + JSON reply (a POST refused by validation)',
  getMeeting: 'GetItem: the meeting (eventually consistent)',
  transaction: 'TransactWriteItems: the 5-item registration transaction',
  render: 'Render the email: HTML + text (+ .ics for the 1 in 10 confirmed)',
  compose: 'MailComposer: build the MIME message',
  send: 'SES SendRawEmail',
  status: 'UpdateItem: record the email as sent',
} as const;
type StepName = keyof typeof STEPS;
/** Which AWS command, timed during the rush, each step is. */
const RUSH_COMMAND: Partial<Record<StepName, string>> = { getMeeting: 'GetItem', transaction: 'TransactWriteItems', send: 'SendRawEmail', status: 'UpdateItem' };

function markdown(r: {
  when: string;
  environment: string;
  load: LoadResult;
  check: { confirmed: number; waitlisted: number; placesLeft: number; confirmedCount: number; waitlistedCount: number; emailsSent: number };
  raw: Baseline;
  ratio: number;
  rawRegistrationShape: Baseline;
  ratioRegistrationShape: number;
  cpu: Record<'baselineBefore' | 'shapeBefore' | 'api' | 'baselineAfter' | 'shapeAfter', CpuUse>;
  breakdown: Breakdown;
  cpuProfile?: string;
  bundles: BundleResult[];
}): string {
  const kb = (n: number) => `${round(n / 1024)} KB`;
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
  const ms = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : String(round(n, digits)));
  const baselineRows = (b: Baseline) => [
    `| Before the API run | ${b.before.transactions} in ${b.before.seconds} s | ${b.before.perSecond} | ${b.before.failed} |`,
    `| After the API run | ${b.after.transactions} in ${b.after.seconds} s | ${b.after.perSecond} | ${b.after.failed} |`,
  ];
  const cpuTotal = (c: CpuUse) => (c.dynamoDbLocal ?? 0) + (c.sesEmulator ?? 0) + (c.apiServerAndLoad ?? 0);
  const phases = [
    ['baselineBefore', '2-item baseline, before'],
    ['shapeBefore', '5-item baseline, before'],
    ['api', 'Registration rush (HTTP)'],
    ['baselineAfter', '2-item baseline, after'],
    ['shapeAfter', '5-item baseline, after'],
  ] as const;
  const b = r.breakdown;
  const rushOf = (step: StepName) => {
    const command = RUSH_COMMAND[step];
    const t = command ? b.rush[command] : undefined;
    return t ? `${t.msPerRegistration} (${t.callsPerRegistration} × ${t.meanMsPerCall})` : '—';
  };
  const timedInRush = Object.values(RUSH_COMMAND).reduce((sum, c) => sum + (b.rush[c!]?.msPerRegistration ?? 0), 0);
  const steps = Object.keys(STEPS) as StepName[];
  const sum = (f: (c: StepCost) => number | undefined) => steps.reduce((a, s) => a + (f(b.alone[s]) ?? 0), 0);
  return [
    `# Registration load test (${r.when})`,
    '',
    `${r.environment}`,
    '',
    `## ${REGISTRATIONS} concurrent registrations over HTTP (capacity ${CAPACITY}, waiting list, ${IN_FLIGHT} in flight)`,
    '',
    '| | |',
    '|---|---|',
    `| Confirmed (201) | ${r.load.confirmed} (target ${CAPACITY}: ${ok(r.load.confirmed === CAPACITY)}) |`,
    `| Waitlisted (201) | ${r.load.waitlisted} (target ${REGISTRATIONS - CAPACITY}: ${ok(r.load.waitlisted === REGISTRATIONS - CAPACITY)}) |`,
    `| Failed | ${r.load.failed} (target 0: ${ok(r.load.failed === 0)})${Object.keys(r.load.failures).length ? ` ${JSON.stringify(r.load.failures)}` : ''} |`,
    `| Stored afterwards | ${r.check.confirmed} confirmed, ${r.check.waitlisted} waitlisted; meeting counters: placesLeft ${r.check.placesLeft}, confirmed ${r.check.confirmedCount}, waitlisted ${r.check.waitlistedCount} |`,
    `| Emails received by the SES emulator | ${r.check.emailsSent} |`,
    `| Duration | ${r.load.seconds} s |`,
    `| Registrations per second | ${r.load.perSecond} |`,
    `| Latency mean / p50 / p95 / p99 / max | ${r.load.latencyMs.mean} / ${r.load.latencyMs.p50} / ${r.load.latencyMs.p95} / ${r.load.latencyMs.p99} / ${r.load.latencyMs.max} ms |`,
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
    `### For comparison: ${REGISTRATIONS} raw TransactWriteItems shaped like the registration's own (5 items), ${IN_FLIGHT} in flight`,
    '',
    "The meeting's conditional counter update (status, unchanged since read, window open, places left; the meeting item carries both index keys),",
    'the registration put (9 in 10 into the waiting-list index), the email guard put, the outbox put (into the due-emails index) and the manage link put;',
    'distinct keys per request, every one succeeds. Not the headline: it shows how much of the gap is the transaction itself.',
    '',
    '| | Transactions | Per second | Failed |',
    '|---|---|---|---|',
    ...baselineRows(r.rawRegistrationShape),
    '',
    `5-item baseline (mean): **${r.rawRegistrationShape.perSecond} per second** (${round(r.rawRegistrationShape.perSecond / r.raw.perSecond, 2)} × the 2-item baseline).`,
    `API rate ÷ 5-item rate = **${round(r.ratioRegistrationShape, 2)}**.`,
    '',
    '## CPU spent by each process (2 CPUs shared by all three)',
    '',
    '| Phase | DynamoDB Local (s) | SES emulator (s) | API server + load generator (s) | All, ms per operation |',
    '|---|---|---|---|---|',
    ...phases.map(
      ([phase, label]) =>
        `| ${label} | ${r.cpu[phase].dynamoDbLocal ?? 'n/a'} | ${r.cpu[phase].sesEmulator ?? 'n/a'} | ${r.cpu[phase].apiServerAndLoad ?? 'n/a'} | ${round((cpuTotal(r.cpu[phase]) * 1000) / REGISTRATIONS, 1)} |`,
    ),
    '',
    "## Where a registration's time goes",
    '',
    `"In the rush": wall time of each AWS call during the ${REGISTRATIONS}-registration rush, per registration (calls per registration × mean ms per call),`,
    "timed by wrapping the clients' `send` from the bench. \"Alone\": each step run " + STEP_RUNS + ' times one at a time after the rush, on the platform\'s own',
    'clients and functions, with the CPU it costs in each process (for the two rows over HTTP, API-process CPU includes the bench\'s HTTP client).',
    '',
    '| Step | In the rush: ms per registration | Alone: wall ms | Alone: CPU ms, API process | Alone: CPU ms, DynamoDB Local | Alone: CPU ms, SES emulator |',
    '|---|---|---|---|---|---|',
    ...steps.map((s) => {
      const c = b.alone[s];
      return `| ${STEPS[s]} | ${rushOf(s)} | ${ms(c.wallMs)} | ${ms(c.apiCpuMs)} | ${ms(c.dynamoDbLocalCpuMs)} | ${ms(c.sesEmulatorCpuMs)} |`;
    }),
    `| **Sum of the steps** | | **${ms(sum((c) => c.wallMs))}** | **${ms(sum((c) => c.apiCpuMs))}** | **${ms(sum((c) => c.dynamoDbLocalCpuMs))}** | **${ms(sum((c) => c.sesEmulatorCpuMs))}** |`,
    `| A whole registration over HTTP, one at a time | ${r.load.latencyMs.mean} (mean latency in the rush) | ${ms(b.wholeRegistration.wallMs)} | ${ms(b.wholeRegistration.apiCpuMs)} | ${ms(b.wholeRegistration.dynamoDbLocalCpuMs)} | ${ms(b.wholeRegistration.sesEmulatorCpuMs)} |`,
    `| of which in the rush: the AWS calls timed above / everything else (HTTP, routing, validation, render, MIME, waiting for a CPU) | ${round(timedInRush)} / ${round(r.load.latencyMs.mean - timedInRush)} | | | | |`,
    '',
    `Idle just before the steps were timed, CPU ms per second: DynamoDB Local ${b.idleCpuMsPerSecond.dynamoDbLocal ?? 'n/a'}, SES emulator ${b.idleCpuMsPerSecond.sesEmulator ?? 'n/a'}, API process ${b.idleCpuMsPerSecond.apiServerAndLoad ?? 'n/a'}.`,
    '',
    ...(r.cpuProfile ? [`CPU profile of an extra rush (BENCH_CPU_PROFILE=1): ${r.cpuProfile}`, ''] : []),
    '## Lambda bundles (esbuild: bundle, minify, platform node, format esm, target node22, jsx automatic / hono/jsx)',
    '',
    '| Entry | Variant | Size | Gzipped | Import (median of 5) | Fresh process (median) |',
    '|---|---|---|---|---|---|',
    ...r.bundles.map((b) => `| ${b.entry} | ${b.variant} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${b.importMs.median} ms | ${b.processMs.median} ms |`),
    '',
  ].join('\n');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const [dynamoPort, sesPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  console.error('Starting DynamoDB Local (in memory) and the SES emulator...');
  const dynamoDb = await startDynamoDbLocal({ port: dynamoPort });
  const ses = await startSesEmulatorProcess(sesPort);
  const tableName = 'engagement-bench';
  const setupClient = localDynamoClient(dynamoDb.endpoint);
  await ensureTable(setupClient, tableName);
  setupClient.destroy();

  // Environment first: the functions' config is read once, on first use.
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    SES_ENDPOINT: ses.endpoint,
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const { createPlatformApp } = await import('../../local/server.js');
  const service = await import('../../functions/meetings/service.js');
  const store = await import('../../functions/meetings/store.js');
  const { meetingInput } = await import('../../functions/meetings/model.js');
  const { dynamo } = await import('../../functions/core/store/dynamo.js');
  const { config } = await import('../../functions/core/config.js');
  const { composeEmail } = await import('../../functions/core/outbox/email.js');
  const { renderEmail } = await import('../../functions/meetings/emails/index.js');

  const calls = new CallTimes();
  calls.wrap(dynamo());
  calls.wrap(SESClient.prototype);

  const server = serve({ fetch: createPlatformApp().fetch, port: apiPort, hostname: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  try {
    const now = Date.now();
    const startsAt = new Date(now + 14 * 24 * 3_600_000);
    const benchMeeting = (title: string, capacity = CAPACITY) =>
      service.createMeeting(
        meetingInput.parse({
          title,
          areaCode: 'E07000134',
          venue: 'Kegworth Village Hall',
          address: 'Nottingham Road, Kegworth DE74 2FH',
          latitude: 52.8343,
          longitude: -1.2741,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          registrationOpensAt: new Date(now - 3_600_000).toISOString(),
          registrationClosesAt: new Date(startsAt.getTime() - 3_600_000).toISOString(),
          capacity,
          maxPlacesPerRegistration: 1,
          waitingList: true,
        }),
      );
    const pids = { dynamo: dynamoDbLocalPid(), ses: ses.pid };
    const baselineClient = localDynamoClient(dynamoDb.endpoint);

    // DynamoDB Local (a JVM) runs several times faster once its JIT has compiled the hot paths, so
    // both baselines and the API are measured warm, and the baselines on both sides of the API run.
    console.error('Warming up DynamoDB Local, the SDK clients and the server...');
    await rawTransactions(dynamoDb.endpoint, tableName, 'warm-up', 2000);
    await registrationShapedTransactions(baselineClient, tableName, 'warm-up', 1000);
    await registrationRush(baseUrl, (await benchMeeting('Warm-up')).id, 'warm', 500);

    console.error(`Baselines: ${REGISTRATIONS} raw transactions of 2 items, then of 5...`);
    const before = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, tableName, 'before'));
    const shapeBefore = await withCpu(pids, () => registrationShapedTransactions(baselineClient, tableName, 'before'));
    console.error(`Registering ${REGISTRATIONS} people over HTTP...`);
    const meeting = await benchMeeting('Load test: car cruising in Kegworth');
    calls.recording = true;
    const api = await withCpu(pids, () => registrationRush(baseUrl, meeting.id, 'bench'));
    calls.recording = false;
    console.error(`Baselines again: ${REGISTRATIONS} raw transactions of 2 items, then of 5...`);
    const after = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, tableName, 'after'));
    const shapeAfter = await withCpu(pids, () => registrationShapedTransactions(baselineClient, tableName, 'after'));
    const load = api.result;

    const registrations = await service.listRegistrations(meeting.id);
    const stored = (await service.getMeeting(meeting.id))!;
    const emails = ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: Array<{ destination: { to: string[] } }> }).emails;
    const check = {
      confirmed: registrations.filter((r) => r.status === 'confirmed').length,
      waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
      placesLeft: stored.placesLeft,
      confirmedCount: stored.confirmedCount,
      waitlistedCount: stored.waitlistedCount,
      emailsSent: emails.filter((e) => e.destination.to.some((t) => t.startsWith('bench.'))).length,
    };
    const baseline = (b: RawRun, a: RawRun): Baseline => ({ before: b, after: a, perSecond: round((b.perSecond + a.perSecond) / 2) });
    const raw = baseline(before.result, after.result);
    const { outboxIds: _b, ...shapeBeforeRun } = shapeBefore.result;
    const { outboxIds: _a, ...shapeAfterRun } = shapeAfter.result;
    const rawRegistrationShape = baseline(shapeBeforeRun, shapeAfterRun);
    const ratio = load.perSecond / raw.perSecond;
    const cpu = { baselineBefore: before.cpu, shapeBefore: shapeBefore.cpu, api: api.cpu, baselineAfter: after.cpu, shapeAfter: shapeAfter.cpu };

    console.error(`Timing each step of a registration alone, ${STEP_RUNS} times each...`);
    const confirmedOne = registrations.find((r) => r.status === 'confirmed')!;
    const waitlistedOne = registrations.find((r) => r.status === 'waitlisted')!;
    const kindOf = (i: number) => (i % 10 === 0 ? 'confirmation' : 'waitlisted');
    const token = () => randomBytes(32).toString('base64url');
    const rendered: Array<ReturnType<typeof renderEmail>> = [];
    const composed: Buffer[] = [];
    let shapeOutbox: string[] = [];
    const at = new Date();
    const stepsAlone = {} as Record<StepName, StepCost>;
    // DynamoDB Local's JVM keeps collecting garbage for a while after a run; let it settle, and record what it spends idle.
    await new Promise((r) => setTimeout(r, 5000));
    const idle = await withCpu(pids, () => new Promise((r) => setTimeout(r, 2000)));
    stepsAlone.http = await alone(pids, STEP_RUNS, async (i) => {
      const res = await fetch(`${baseUrl}/api/meetings/${meeting.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench Resident ${i}`, email: `alone.${i}@example.org`, places: 1, privacyAccepted: false }),
      });
      if (res.status !== 400) throw new Error(`Expected 400 from validation, got ${res.status}`);
      await res.arrayBuffer();
    });
    stepsAlone.getMeeting = await alone(pids, STEP_RUNS, () => store.getMeeting(meeting.id));
    stepsAlone.transaction = await alone(pids, 1, async () => {
      shapeOutbox = (await registrationShapedTransactions(dynamo(), tableName, 'alone', STEP_RUNS, 1)).outboxIds;
    });
    stepsAlone.transaction = { ...stepsAlone.transaction, ...perCall(stepsAlone.transaction, STEP_RUNS) };
    stepsAlone.render = await alone(pids, STEP_RUNS, (i) => {
      const kind = kindOf(i);
      const registration = kind === 'confirmation' ? confirmedOne : waitlistedOne;
      rendered.push(renderEmail(kind, { meeting: stored, registration, now: at, manageUrl: service.manageUrl(token()) }));
    });
    stepsAlone.compose = await alone(pids, STEP_RUNS, async (i) => {
      composed.push(await composeEmail({ ...rendered[i]!, to: `alone.${i}@example.org` }));
    });
    const sesClient = calls.ses;
    if (!sesClient) throw new Error("The platform's SES client was not seen during the rush");
    stepsAlone.send = await alone(pids, STEP_RUNS, (i) =>
      sesClient.send(new SendRawEmailCommand({ Source: config().senderAddress, Destinations: [`alone.${i}@example.org`], RawMessage: { Data: composed[i]! } })),
    );
    stepsAlone.status = await alone(pids, STEP_RUNS, async (i) => {
      const id = shapeOutbox[i]!;
      // Only the id goes into the update's key; the rest is as the outbox item holds it.
      const email = { id, kind: kindOf(i), meetingId: meeting.id, status: 'pending', attempts: 1, nextAttemptAt: at.toISOString(), createdAt: at.toISOString() };
      if (!(await store.recordEmailAttempt(email as Parameters<typeof store.recordEmailAttempt>[0], SHAPE_LEASE_TOKEN, new Date().toISOString(), { status: 'sent' }))) throw new Error(`Outbox item ${id} not updated`);
    });
    const wholeMeeting = await benchMeeting('Load test: one at a time', STEP_RUNS / 10 / 5);
    const wholeRuns = STEP_RUNS / 5;
    const wholeRegistration = await alone(pids, 1, async () => {
      const whole = await registrationRush(baseUrl, wholeMeeting.id, 'whole', wholeRuns, 1);
      if (whole.failed) throw new Error(`Registering one at a time failed: ${JSON.stringify(whole.failures)}`);
    });
    const breakdown: Breakdown = {
      rush: calls.summary(REGISTRATIONS),
      alone: stepsAlone,
      wholeRegistration: { ...wholeRegistration, ...perCall(wholeRegistration, wholeRuns) },
      idleCpuMsPerSecond: Object.fromEntries(Object.entries(idle.cpu).map(([k, v]) => [k, v === undefined ? v : round((v * 1000) / 2, 1)])),
    };

    let cpuProfile: string | undefined;
    if (process.env['BENCH_CPU_PROFILE'] === '1') {
      console.error('Profiling an extra rush (BENCH_CPU_PROFILE=1)...');
      const { Session } = await import('node:inspector/promises');
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      await registrationRush(baseUrl, (await benchMeeting('Load test: profiled')).id, 'profiled');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      cpuProfile = join(outDir, 'rush.cpuprofile');
      writeFileSync(cpuProfile, JSON.stringify(profile));
      cpuProfile = relative(root, cpuProfile);
    }
    baselineClient.destroy();

    console.error('Bundling each Lambda and timing its import...');
    const bundleResults = await bundles();

    const result = {
      when: new Date().toISOString(),
      environment: `Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs; DynamoDB Local (in memory, warmed up), SES emulator in its own process, API server and load generator in this process.`,
      load,
      check,
      raw,
      ratio: round(ratio, 3),
      rawRegistrationShape,
      ratioRegistrationShape: round(load.perSecond / rawRegistrationShape.perSecond, 3),
      cpu,
      breakdown,
      ...(cpuProfile ? { cpuProfile } : {}),
      bundles: bundleResults,
    };
    writeFileSync(join(outDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
    const md = markdown(result);
    writeFileSync(join(outDir, 'latest.md'), md);
    console.log(md);
    const passed = load.confirmed === CAPACITY && load.waitlisted === REGISTRATIONS - CAPACITY && load.failed === 0;
    if (!passed) process.exitCode = 1;
  } finally {
    server.close();
    await ses.stop();
    await dynamoDb.stop();
  }
}

/** A step timed as one batch of `n` calls, as per-call figures. */
function perCall(batch: StepCost, n: number): StepCost {
  const per = (v?: number) => (v === undefined ? undefined : round(v / n, 3));
  return { wallMs: round(batch.wallMs / n, 3), apiCpuMs: per(batch.apiCpuMs), dynamoDbLocalCpuMs: per(batch.dynamoDbLocalCpuMs), sesEmulatorCpuMs: per(batch.sesEmulatorCpuMs) };
}

await main();
