/**
 * The local stack the bench runs on, started by the bench itself on free ports: DynamoDB Local (in
 * memory), the SES emulator in its own process, the platform server from local/server.ts in this
 * process, and email delivery from the table's stream in its own process (delivery-process.ts).
 *
 * Settings: EMAIL_SEND_RATE=3000 (meetings' share: 1,000 a second, so the token bucket is not what is
 * measured), RATE_LIMITS=off (every request comes from this one address) and DYNAMODB_TIMEOUT_MS=30000
 * (DynamoDB Local under a rush on two shared CPUs can take longer than the service; latency beyond 3 s
 * in the report is what would be 503s in AWS terms).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SESClient } from '@aws-sdk/client-ses';
import { serve } from '@hono/node-server';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { ensureTable } from '../../local/tables.js';
import { scoped } from './contention-bench.js';
import { DeliveryProcess } from './delivery-process.js';
import { CallTimes, dynamoDbLocalPid, progress, type Pids } from './measure.js';
import { benchClient, sizeSockets } from './sdk-sockets.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The account's send rate (config EMAIL_SEND_RATE, 14 a second by default, SES's rate for a new account), opened up so the bench
 * measures delivery itself: each of the three capabilities that send email takes an equal share, so meetings' token bucket gives 1,000 a second.
 */
export const EMAIL_SEND_RATE = '3000';

/**
 * The platform's modules. functions/core/log.ts reads the environment when it is imported
 * (POWERTOOLS_METRICS_DISABLED, the service name), so these are imported once the stack has set it.
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
    people: await import('../../functions/core/people/index.js'),
    registrationStore: await import('../../functions/meetings/store/registrations.js'),
  };
}
export type Platform = Awaited<ReturnType<typeof importPlatform>>;

export interface Stack {
  platform: Platform;
  baseUrl: string;
  dynamoEndpoint: string;
  /** The platform's table, and a second one of the same definition (stream included) that no poller reads, for baselines. */
  tableName: string;
  baselineTable: string;
  ses: { endpoint: string };
  delivery: DeliveryProcess;
  pids: Pids;
  /** AWS calls of this process (the API server), by command, while recording. */
  calls: CallTimes;
  environment: string;
  /** Set by a section that has warmed DynamoDB Local's JIT and the platform up (the meetings section does), so later ones need not. */
  warm: boolean;
  /** Points the platform's DynamoDB client in this process (the API and the bench's own calls) somewhere else. */
  useEndpoint(endpoint: string): void;
  stop(): Promise<void>;
}

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
  return { endpoint, pid: child.pid, stop: async () => void child.kill('SIGTERM') };
}

/** What the SES emulator holds (GET /store), trimmed to what the bench checks. */
export async function sesInbox(endpoint: string): Promise<Array<{ to: string; subject: string }>> {
  const { emails } = (await (await fetch(`${endpoint}/store`)).json()) as { emails: Array<{ destination: { to: string[] }; subject: string }> };
  return emails.flatMap((e) => e.destination.to.map((to) => ({ to, subject: e.subject })));
}

export async function startStack(): Promise<Stack> {
  // Before any SDK client is made (DynamoDB Local's start-up makes one): Node 20 is what runs here.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const [dynamoPort, sesPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  progress('Starting DynamoDB Local (in memory), the SES emulator and email delivery...');
  const dynamoDb = await startDynamoDbLocal({ port: dynamoPort });
  const ses = await startSesEmulatorProcess(sesPort);
  const tableName = 'engagement-bench';
  const baselineTable = 'engagement-bench-baselines';
  const setupClient = benchClient(dynamoDb.endpoint);
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
    // The platform keeps this switch for load tests; a rush of real people comes from 1,000 addresses.
    RATE_LIMITS: 'off',
    DYNAMODB_TIMEOUT_MS: '30000',
  });
  const platform = await importPlatform();
  const delivery = await DeliveryProcess.start(process.env);
  const calls = new CallTimes();
  calls.wrap(sizeSockets(platform.dynamo()));
  calls.wrap(SESClient.prototype);

  const app = await (await import('../../local/server.js')).createPlatformApp();
  const server = serve({ fetch: scoped(app.fetch), port: apiPort, hostname: '127.0.0.1' });
  let stopped = false;
  return {
    platform,
    baseUrl: `http://127.0.0.1:${apiPort}`,
    dynamoEndpoint: dynamoDb.endpoint,
    tableName,
    baselineTable,
    ses,
    delivery,
    pids: { dynamo: dynamoDbLocalPid(), ses: ses.pid, delivery: delivery.pid },
    calls,
    warm: false,
    environment: `Node ${process.version}, ${cpus().length} CPUs; DynamoDB Local (in memory, warmed up), SES emulator in its own process, API server and load generator in this process, email delivery from the table's stream in its own process. Settings: EMAIL_SEND_RATE=${EMAIL_SEND_RATE}, RATE_LIMITS=off, DYNAMODB_TIMEOUT_MS=30000.`,
    useEndpoint(endpoint) {
      process.env['DYNAMODB_ENDPOINT'] = endpoint;
      sizeSockets(platform.dynamo()); // a new client for the new endpoint (core/store/dynamo.ts), sized before its first call
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      server.close();
      await delivery.stop();
      await ses.stop();
      await dynamoDb.stop();
    },
  };
}
