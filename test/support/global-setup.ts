/**
 * Starts the real local stand-ins once for the whole test run: DynamoDB Local (in memory), the SES
 * emulator (behind the mailbox simulator, local/mailbox-simulator.ts) and the local sign-in issuer, each
 * on a free port, creates the table from the shared definition, and runs its stream's consumers
 * (local/stream-consumers.ts): each capability's email through its own delivery function, and
 * registration requests decided by the meetings decider. Tests reach them through the same environment variables the app reads in every
 * environment, so the apps under test verify tokens against the issuer's JWKS exactly as in AWS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { freePort } from '../../local/ports.js';
import { startDynamoDbLocal, type RunningService } from '../../local/dynamodb.js';
import { startSesEmulator } from '../../local/ses.js';
import { startMailboxSimulator } from '../../local/mailbox-simulator.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';
import { loadIssuerKeys } from '../../local/issuer-keys.js';
import { ISSUER_PATH } from '../../local/settings.js';
import { startStreamConsumers } from '../../local/stream-consumers.js';

async function startIssuer(options: { port: number; publicBaseUrl: string; clientId: string; keysFile: string }) {
  const issuer = `http://127.0.0.1:${options.port}${ISSUER_PATH}`;
  const keys = await loadIssuerKeys(options.keysFile);
  // Imported once setup has set the environment: it loads the platform's logger and metrics, which read it when made.
  const { createIssuerApp } = await import('../../local/issuer.js');
  const app = new Hono().route(ISSUER_PATH, createIssuerApp({ issuer, publicBaseUrl: options.publicBaseUrl, clientId: options.clientId, keys }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const service: RunningService = {
    endpoint: issuer,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
  return service;
}

export default async function setup() {
  // Node 20 is supported here; the SDK's notice about future versions only clutters test output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // Metrics go to CloudWatch in AWS; here they would only fill the output.
  process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
  // Warnings (an email retried, a service down on purpose) are expected in tests; errors still show.
  // Tests of what is logged set their own level.
  process.env['POWERTOOLS_LOG_LEVEL'] ??= 'ERROR';
  // Tests post many forms from one address; the rate-limit tests switch limits back on for themselves.
  process.env['RATE_LIMITS'] ??= 'off';
  // DynamoDB Local under a whole test run answers far more slowly than DynamoDB.
  process.env['DYNAMODB_TIMEOUT_MS'] ??= '30000';
  // For the same reason a conflicted transaction is tried for longer than a Lambda's 15 s would allow.
  process.env['DYNAMODB_RETRY_BUDGET_MS'] ??= '40000';
  // The platform's modules come after the environment: its logger and metrics read it when they are made.
  const [{ capabilities }, { composePlatform }] = await Promise.all([import('../../functions/capabilities.js'), import('../../functions/core/platform.js')]);
  // The local sign-in service runs here, in the main process, and draws its pages with the platform's
  // layout (navigation from the manifests), as it does under `npm start`.
  composePlatform(capabilities);
  // Each capability's delivery takes an equal share of the account's send rate (core/outbox/send-rate.ts);
  // tests send as fast as SES's default 14 a second for each, so one file's rush does not hold up the next's email.
  process.env['EMAIL_SEND_RATE'] ??= String(14 * capabilities.filter((c) => c.emails).length);
  const services: RunningService[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'engagement-test-'));
  const [dynamoPort, sesPort, issuerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const publicBaseUrl = 'http://localhost:3000';
  const clientId = 'local-staff-console';
  const keysFile = join(scratch, 'issuer-keys.json');

  const dynamo = await startDynamoDbLocal({ port: dynamoPort });
  services.push(dynamo);
  const ses = await startSesEmulator({ port: sesPort });
  services.push(ses);
  // SES's mailbox-simulator addresses bounce and complain here as in AWS, their events handled for the shared table.
  const simulator = await startMailboxSimulator({ emulator: ses.endpoint, delayMs: 50 });
  services.push(simulator);

  const tableName = 'engagement-test';
  const client = localDynamoClient(dynamo.endpoint);
  await ensureTable(client, tableName);
  client.destroy();

  const issuerUrl = `http://127.0.0.1:${issuerPort}${ISSUER_PATH}`;
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: simulator.endpoint,
    // The emulator itself: where the inbox is read, and what a file with its own table puts its own simulator before.
    SES_EMULATOR: ses.endpoint,
    SENDER_ADDRESS: 'engagement@example.org',
    PUBLIC_BASE_URL: publicBaseUrl,
    AUTH_ISSUER: issuerUrl,
    AUTH_JWKS_URL: `${issuerUrl}/.well-known/jwks.json`,
    AUTH_AUTHORIZE_URL: `${issuerUrl}/oauth2/authorize`,
    AUTH_TOKEN_URL: `${issuerUrl}/oauth2/token`,
    AUTH_CLIENT_ID: clientId,
    // test/support/tokens.ts signs with the same key the issuer publishes.
    ISSUER_KEYS_FILE: keysFile,
  });
  services.push(await startIssuer({ port: issuerPort, publicBaseUrl, clientId, keysFile }));

  // The shared table's stream is consumed in this process as in AWS: each new outbox item by its
  // capability's delivery function, each queued registration request by the meetings decider. (A file
  // with its own table runs its own: see own-table.ts.)
  const poller = await startStreamConsumers({
    endpoint: dynamo.endpoint,
    tableName,
    idleMs: 50,
    onError: (error) => console.error('Work from the shared test table’s stream failed:', error),
  });
  services.push({ endpoint: tableName, stop: () => poller.stop() });

  return async () => {
    for (const service of services.reverse()) await service.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
