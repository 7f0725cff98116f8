/**
 * `npm start`: the whole platform on this computer, with the same code as AWS. Real DynamoDB Local
 * (data kept in `.local/dynamodb`), the SES emulator, the local sign-in service and every capability
 * behind one port, routed by the same table as API Gateway. Ctrl-C stops everything it started.
 *
 *   PORT=3000 DYNAMODB_PORT=8000 SES_PORT=8005 SCHEDULE_INTERVAL_SECONDS=30 npm start
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { dynamoDbLocalProcessesUsing, startDynamoDbLocal } from './dynamodb.js';
import { loadIssuerKeys } from './issuer-keys.js';
import { JAVA_INSTALL_HELP, javaMajorVersion } from './java.js';
import { assertPortFree } from './ports.js';
import { markRunning, markStopped, runningPlatform } from './running.js';
import { intervalSeconds, startPlatformSchedule } from './scheduler.js';
import { startStreamConsumers } from './stream-consumers.js';
import { startSesEmulator } from './ses.js';
import { ISSUER_PATH, localSettings, repoRoot } from './settings.js';
import { ensureTable, localDynamoClient } from './tables.js';

process.chdir(repoRoot);
const settings = localSettings();

/** What has started, newest last; stopped in reverse. */
const started: { name: string; stop: () => Promise<void> }[] = [];
let stopping: Promise<void> | undefined;

const say = (line = '') => console.log(line);
/** A path as people should read it: relative to the repository when inside it. */
const shown = (path: string) => (path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path);
const step = (line: string) => console.log(`• ${line}`);

class StartError extends Error {}

function shutdown(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    if (started.length) say('\nStopping...');
    for (const service of started.reverse()) {
      try {
        await service.stop();
        step(`Stopped ${service.name}`);
      } catch (error) {
        console.error(`Could not stop ${service.name}: ${(error as Error).message}`);
        exitCode = 1;
      }
    }
    process.exit(exitCode);
  })();
  return stopping;
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) {
      firstSignalAt = Date.now();
      void shutdown(0);
    } else if (Date.now() - firstSignalAt > 1000) {
      // A second Ctrl-C (not the copy tsx forwards with the first): stop at once. The exit hook in
      // dynamodb.ts still kills Java, so nothing is left running.
      say('Stopping now.');
      process.exit(1);
    }
  });
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port }, () => resolve(server));
    server.once('error', reject);
  });
}

async function closeServer(server: ServerType) {
  await new Promise<void>((done) => {
    server.close(() => done());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

async function main() {
  const already = runningPlatform(settings.runningFile);
  if (already) {
    throw new StartError(`\`npm start\` is already running (process ${already.pid}, port ${already.port}). Stop it with Ctrl-C first.`);
  }
  const leftover = dynamoDbLocalProcessesUsing(settings.dynamoDataDir);
  if (leftover.length) {
    throw new StartError(
      `DynamoDB Local from an earlier run is still using ${shown(settings.dynamoDataDir)} (process ${leftover.join(', ')}).\nStop it, then start again:  kill ${leftover.join(' ')}`,
    );
  }
  const java = javaMajorVersion();
  if (java === undefined || java < 17) throw new StartError(JAVA_INSTALL_HELP);

  const ports = [
    { port: settings.port, service: 'the platform', envVar: 'PORT' },
    { port: settings.dynamoPort, service: 'DynamoDB Local', envVar: 'DYNAMODB_PORT' },
    { port: settings.sesPort, service: 'the SES emulator', envVar: 'SES_PORT' },
  ];
  if (new Set(ports.map((p) => p.port)).size !== ports.length) {
    throw new StartError(`PORT, DYNAMODB_PORT and SES_PORT must differ (now ${ports.map((p) => p.port).join(', ')}).`);
  }
  for (const { port, service, envVar } of ports) {
    try {
      await assertPortFree(port, service, envVar);
    } catch (error) {
      throw new StartError((error as Error).message);
    }
  }

  step('Building the web assets into web/dist');
  const { buildWeb } = await import('../web/build.js');
  await buildWeb();

  step(`Starting DynamoDB Local on port ${settings.dynamoPort} (data in ${shown(settings.dynamoDataDir)})`);
  const dynamo = await startDynamoDbLocal({ port: settings.dynamoPort, dataDir: settings.dynamoDataDir });
  started.push({ name: 'DynamoDB Local', stop: dynamo.stop });
  // If DynamoDB Local dies, every page would fail: say so plainly and stop, rather than serve errors.
  void dynamo.exited?.then(() => {
    if (stopping) return;
    console.error(
      `\nDynamoDB Local (port ${settings.dynamoPort}) has stopped unexpectedly, so the platform cannot work.\n` +
        'Stopping everything. Start again with: npm start',
    );
    void shutdown(1);
  });

  step(`Starting the SES emulator on port ${settings.sesPort}`);
  const ses = await startSesEmulator({ port: settings.sesPort });
  started.push({ name: 'the SES emulator', stop: ses.stop });
  // SES's simulator addresses (bounce@simulator.amazonses.com, complaint@…) bounce and complain as in AWS.
  const { startMailboxSimulator } = await import('./mailbox-simulator.js');
  const simulator = await startMailboxSimulator({ emulator: ses.endpoint });
  started.push({ name: 'the mailbox simulator', stop: simulator.stop });

  // With DYNAMODB_CONTENTION=on the functions reach DynamoDB Local through the contention proxy.
  let functionsEndpoint = dynamo.endpoint;
  if (settings.contention) {
    const { startContentionProxy } = await import('./contention-proxy.js');
    const proxy = await startContentionProxy({ upstream: dynamo.endpoint });
    started.push({ name: 'the contention proxy', stop: proxy.stop });
    functionsEndpoint = proxy.endpoint;
    step(`DynamoDB contention on: transactions go through the contention proxy (${proxy.endpoint})`);
  }

  // Set before any function code runs: config() reads the environment once, on first use.
  Object.assign(process.env, {
    TABLE_NAME: settings.tableName,
    AWS_REGION: process.env['AWS_REGION'] ?? 'eu-west-2',
    DYNAMODB_ENDPOINT: functionsEndpoint,
    SES_ENDPOINT: simulator.endpoint,
    PUBLIC_BASE_URL: settings.publicBaseUrl,
    AUTH_ISSUER: settings.issuerUrl,
    AUTH_JWKS_URL: `${settings.issuerUrl}/.well-known/jwks.json`,
    AUTH_AUTHORIZE_URL: `${settings.issuerUrl}/oauth2/authorize`,
    AUTH_TOKEN_URL: `${settings.issuerUrl}/oauth2/token`,
    AUTH_CLIENT_ID: settings.clientId,
    // DynamoDB Local on a laptop can be slower than the service; metrics go to CloudWatch only in AWS.
    DYNAMODB_TIMEOUT_MS: process.env['DYNAMODB_TIMEOUT_MS'] ?? '30000',
    POWERTOOLS_METRICS_DISABLED: process.env['POWERTOOLS_METRICS_DISABLED'] ?? 'true',
  });

  const client = localDynamoClient(dynamo.endpoint);
  const created = await ensureTable(client, settings.tableName);
  client.destroy();
  step(created ? `Created table "${settings.tableName}"` : `Table "${settings.tableName}" already exists`);

  const keys = await loadIssuerKeys(settings.issuerKeysFile);
  step(keys.created ? `Made a signing key for local sign-in (${shown(settings.issuerKeysFile)})` : `Using the local sign-in key in ${shown(settings.issuerKeysFile)}`);

  const [{ loadDemoData }, { createPlatformApp }, { createIssuerApp, localAccounts }] = await Promise.all([
    import('../functions/platform.js'),
    import('./server.js'),
    import('./issuer.js'),
  ]);

  // The table's stream drives what it drives in AWS: each capability's email through its own delivery
  // function, and each meeting's registration requests through the meetings decider.
  const stream = await startStreamConsumers({
    endpoint: dynamo.endpoint,
    tableName: settings.tableName,
    onError: (error) => console.error(`Work from the table stream failed: ${(error as Error).message}`),
  });
  started.push({ name: 'the stream consumers', stop: () => stream.stop() });
  step(`Reading the table stream for ${stream.consumers.map((c) => c.serviceName).join(', ')}`);

  for (const { capability, seed } of await loadDemoData()) {
    await seed();
    step(`Demo data ready for ${capability}`);
  }

  const issuer = createIssuerApp({
    issuer: settings.issuerUrl,
    publicBaseUrl: settings.publicBaseUrl,
    clientId: settings.clientId,
    keys,
  });
  const platform = await createPlatformApp({ extra: (root) => root.route(ISSUER_PATH, issuer), canonicalOrigin: settings.publicBaseUrl });
  const server = await listen(platform.fetch, settings.port);
  started.push({ name: 'the web server', stop: () => closeServer(server) });
  const port = (server.address() as AddressInfo).port;
  markRunning(settings.runningFile, {
    port,
    issuerUrl: settings.issuerUrl,
    clientId: settings.clientId,
    issuerKeysFile: settings.issuerKeysFile,
    dataFolder: settings.localFolder,
  });
  started.push({ name: 'the run marker', stop: async () => markStopped(settings.runningFile, port) });

  const { jobs, schedule } = await startPlatformSchedule({ overrideSeconds: settings.scheduleIntervalSeconds });
  started.push({ name: 'scheduled work', stop: () => schedule.stop() });

  const base = settings.publicBaseUrl;
  const pad = (text: string, width: number) => text.padEnd(width);
  say();
  say('The platform is running.');
  say();
  say(`  Public site           ${base}/`);
  say(`  Staff console         ${base}/staff   (sign in at ${base}/sign-in)`);
  say(`  API document          ${base}/api/openapi.json`);
  say(`  Emails sent (SES)     ${ses.endpoint}/   (inbox viewer; JSON at ${ses.endpoint}/store)`);
  say(`  DynamoDB Local        ${dynamo.endpoint}   (table "${settings.tableName}", data in ${shown(settings.dynamoDataDir)})`);
  say(`  Local sign-in         ${settings.issuerUrl}/.well-known/openid-configuration`);
  say();
  say('  Local accounts (they exist only on this computer):');
  for (const account of localAccounts) {
    say(`    ${pad(account.email, 22)} password ${pad(account.password, 12)} ${account.groups.join(', ') || 'no role (to try a 403)'}`);
  }
  say();
  say('  API token:   npm run token -- --role staff   (or --role admin, --expires 15m)');
  say(
    `  Scheduled:   ${jobs
      .map((j) => {
        const seconds = intervalSeconds(j, settings.scheduleIntervalSeconds);
        return `${j.name} every ${seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`}`;
      })
      .join(', ')}`,
  );
  say('  Start again from empty: stop, then npm run reset');
  say();
  say('Press Ctrl-C to stop.');
}

main().catch(async (error: unknown) => {
  console.error(`\n${error instanceof StartError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await shutdown(1);
});
