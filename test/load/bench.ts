/**
 * `npm run bench`: the registration path under load, on the real local stack it starts itself
 * (DynamoDB Local in memory, the SES emulator, the platform server from local/server.ts).
 *
 * 1. 1,000 concurrent registrations with distinct emails over HTTP for a meeting of capacity 100 with
 *    a waiting list (100 in flight): expect exactly 100 confirmed, 900 waitlisted, 0 failed; latency
 *    percentiles and registrations per second.
 * 2. The same number of raw TransactWriteItems of the same shape (conditional counter update + put)
 *    straight to DynamoDB Local, as the baseline the API's rate is compared with.
 * 3. Each Lambda bundle's size (esbuild, as the brief and infra build it) and the time to import it in
 *    a fresh Node process.
 *
 * Writes bench-results/latest.json and bench-results/latest.md (git-ignored) and prints the markdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { TransactWriteItemsCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
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
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

async function registrationRush(baseUrl: string, meetingId: string, emailPrefix: string, count = REGISTRATIONS): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let confirmed = 0;
  let waitlisted = 0;
  const started = performance.now();
  const requests = await pool(count, IN_FLIGHT, RUN_BUDGET_MS, async (i) => {
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
    latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
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

function markdown(r: {
  when: string;
  environment: string;
  load: LoadResult;
  check: { confirmed: number; waitlisted: number; placesLeft: number; confirmedCount: number; waitlistedCount: number; emailsSent: number };
  raw: { before: Awaited<ReturnType<typeof rawTransactions>>; after: Awaited<ReturnType<typeof rawTransactions>>; perSecond: number };
  ratio: number;
  cpu: { baselineBefore: CpuUse; api: CpuUse; baselineAfter: CpuUse };
  bundles: BundleResult[];
}): string {
  const kb = (n: number) => `${round(n / 1024)} KB`;
  const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
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
    `| Latency p50 / p95 / p99 / max | ${r.load.latencyMs.p50} / ${r.load.latencyMs.p95} / ${r.load.latencyMs.p99} / ${r.load.latencyMs.max} ms |`,
    '',
    `## Baseline: ${REGISTRATIONS} raw TransactWriteItems (conditional counter update + put), ${IN_FLIGHT} in flight`,
    '',
    `Before the API run: ${r.raw.before.transactions} in ${r.raw.before.seconds} s = ${r.raw.before.perSecond} per second (${r.raw.before.failed} failed).`,
    `After the API run: ${r.raw.after.transactions} in ${r.raw.after.seconds} s = ${r.raw.after.perSecond} per second (${r.raw.after.failed} failed).`,
    `Baseline (mean): **${r.raw.perSecond} per second**.`,
    '',
    `API rate ÷ raw rate = **${round(r.ratio, 2)}** (target ≥ 0.5: ${ok(r.ratio >= 0.5)}).`,
    '',
    '## CPU seconds spent by each process',
    '',
    '| Phase | DynamoDB Local | SES emulator | API server + load generator |',
    '|---|---|---|---|',
    ...(['baselineBefore', 'api', 'baselineAfter'] as const).map(
      (phase) => `| ${phase} | ${r.cpu[phase].dynamoDbLocal ?? 'n/a'} | ${r.cpu[phase].sesEmulator ?? 'n/a'} | ${r.cpu[phase].apiServerAndLoad ?? 'n/a'} |`,
    ),
    '',
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
  const { meetingInput } = await import('../../functions/meetings/model.js');

  const server = serve({ fetch: createPlatformApp().fetch, port: apiPort, hostname: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  try {
    const now = Date.now();
    const startsAt = new Date(now + 14 * 24 * 3_600_000);
    const benchMeeting = (title: string) =>
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
          capacity: CAPACITY,
          maxPlacesPerRegistration: 1,
          waitingList: true,
        }),
      );
    const pids = { dynamo: dynamoDbLocalPid(), ses: ses.pid };

    // DynamoDB Local (a JVM) runs several times faster once its JIT has compiled the hot paths, so
    // both the baseline and the API are measured warm, and the baseline on both sides of the API run.
    console.error('Warming up DynamoDB Local, the SDK clients and the server...');
    await rawTransactions(dynamoDb.endpoint, tableName, 'warm-up', 2000);
    await registrationRush(baseUrl, (await benchMeeting('Warm-up')).id, 'warm', 500);

    console.error(`Baseline: ${REGISTRATIONS} raw transactions...`);
    const before = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, tableName, 'before'));
    console.error(`Registering ${REGISTRATIONS} people over HTTP...`);
    const meeting = await benchMeeting('Load test: car cruising in Kegworth');
    const api = await withCpu(pids, () => registrationRush(baseUrl, meeting.id, 'bench'));
    console.error(`Baseline again: ${REGISTRATIONS} raw transactions...`);
    const after = await withCpu(pids, () => rawTransactions(dynamoDb.endpoint, tableName, 'after'));
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
    const raw = {
      before: before.result,
      after: after.result,
      perSecond: round((before.result.perSecond + after.result.perSecond) / 2),
    };
    const ratio = load.perSecond / raw.perSecond;
    const cpu = { baselineBefore: before.cpu, api: api.cpu, baselineAfter: after.cpu };

    console.error('Bundling each Lambda and timing its import...');
    const bundleResults = await bundles();

    const result = {
      when: new Date().toISOString(),
      environment: `Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs; DynamoDB Local (in memory, warmed up), SES emulator in its own process, API server and load generator in this process.`,
      load,
      check,
      raw,
      ratio: round(ratio, 3),
      cpu,
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

await main();
