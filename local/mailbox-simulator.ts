/**
 * SES's mailbox simulator, locally. In AWS, email to `bounce@simulator.amazonses.com` hard-bounces,
 * to `complaint@…` draws a complaint and to `suppressionlist@…` bounces as an address on the
 * account's suppression list; `success@…` is simply delivered (a `+label` before the @ is allowed,
 * as SES allows it). The SES emulator cannot bounce, so this small HTTP front stands before it: every
 * request goes on to the emulator unchanged, and when a `SendRawEmail` to a simulator address has
 * been accepted, it makes the event SES would publish (the same JSON, in EventBridge's envelope, as
 * the configuration set's EventBridge destination delivers it) and invokes the platform's
 * email-events Lambda handler (functions/email-events.ts) with it, as the EventBridge rule does.
 * Only the endpoint differs: the functions send to SES_ENDPOINT, which is this.
 *
 *   const simulator = await startMailboxSimulator({ emulator: ses.endpoint });
 *   process.env.SES_ENDPOINT = simulator.endpoint;
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningService } from './dynamodb.js';
import { lambdaContext } from './lambda-invocation.js';

const LOCAL_ACCOUNT = '000000000000';
const SIMULATOR = /^(success|bounce|complaint|suppressionlist|ooto)(\+[^@]*)?@simulator\.amazonses\.com$/i;

export type SimulatorOutcome = 'success' | 'bounce' | 'complaint' | 'suppressionlist' | 'ooto';

/** What SES does with email to this address, if it is one of the simulator's. */
export function simulatorOutcome(address: string): SimulatorOutcome | undefined {
  return SIMULATOR.exec(address.trim())?.[1]?.toLowerCase() as SimulatorOutcome | undefined;
}

const region = () => process.env['AWS_REGION'] ?? 'eu-west-2';
const feedbackId = (messageId: string) => `${messageId}-${randomUUID()}-000000`;

/**
 * The event SES publishes to EventBridge for one email to a simulator address that bounces or draws a
 * complaint (undefined for the others: the platform's rule passes only those two). The detail is
 * SES's event record (`eventType`, `mail`, `bounce` or `complaint`), as in SES's own examples.
 */
export function simulatedEvent(options: { to: string; from: string; messageId: string; configurationSet?: string; now?: Date }): Record<string, unknown> | undefined {
  const outcome = simulatorOutcome(options.to);
  if (outcome !== 'bounce' && outcome !== 'complaint' && outcome !== 'suppressionlist') return undefined;
  const now = options.now ?? new Date();
  const sentAt = new Date(now.getTime() - 1_000).toISOString();
  const at = now.toISOString();
  const configurationSet = options.configurationSet ?? 'engagement';
  const mail = {
    timestamp: sentAt,
    source: options.from,
    sourceArn: `arn:aws:ses:${region()}:${LOCAL_ACCOUNT}:identity/${options.from.slice(options.from.lastIndexOf('@') + 1)}`,
    sendingAccountId: LOCAL_ACCOUNT,
    messageId: options.messageId,
    destination: [options.to],
    headersTruncated: false,
    tags: { 'ses:configuration-set': [configurationSet], 'ses:source-ip': ['127.0.0.1'], 'ses:from-domain': [options.from.split('@')[1] ?? ''] },
  };
  const detail =
    outcome === 'complaint'
      ? {
          eventType: 'Complaint',
          complaint: {
            complainedRecipients: [{ emailAddress: options.to }],
            timestamp: at,
            feedbackId: feedbackId(options.messageId),
            userAgent: 'Amazon SES Mailbox Simulator',
            complaintFeedbackType: 'abuse',
            arrivalDate: at,
          },
          mail,
        }
      : {
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: outcome === 'suppressionlist' ? 'OnAccountSuppressionList' : 'General',
            bouncedRecipients: [
              outcome === 'suppressionlist'
                ? { emailAddress: options.to, action: 'failed', status: '5.1.1', diagnosticCode: 'Amazon SES did not send the message to this address because it is on the suppression list for your account.' }
                : { emailAddress: options.to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
            ],
            timestamp: at,
            feedbackId: feedbackId(options.messageId),
            reportingMTA: 'dns; b224-13.smtp-out.eu-west-2.amazonses.com',
          },
          mail,
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': outcome === 'complaint' ? 'Email Complaint Received' : 'Email Bounced',
    source: 'aws.ses',
    account: LOCAL_ACCOUNT,
    time: at.replace(/\.\d{3}Z$/, 'Z'),
    region: region(),
    resources: [`arn:aws:ses:${region()}:${LOCAL_ACCOUNT}:configuration-set/${configurationSet}`],
    detail,
  };
}

/** Invokes the platform's email-events handler as the EventBridge rule does (imported when first needed, once the environment is set). */
async function invokeEmailEvents(event: Record<string, unknown>): Promise<unknown> {
  const { handler } = await import('../functions/email-events.js');
  return handler(event, lambdaContext({ functionName: 'engagement-email-events', timeoutMs: 60_000, memoryMb: 512 }));
}

const body = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

export interface MailboxSimulator extends RunningService {
  /** Resolves once every event made so far has been handled (tests wait on it). */
  settled(): Promise<void>;
}

export async function startMailboxSimulator(options: {
  /** The SES emulator's endpoint, where every request goes on to. */
  emulator: string;
  port?: number;
  /** How long after the send the event comes (SES takes seconds; 0 in tests is fine too). */
  delayMs?: number;
  onEvent?: (event: Record<string, unknown>) => Promise<unknown>;
  onError?: (error: unknown) => void;
}): Promise<MailboxSimulator> {
  const onEvent = options.onEvent ?? invokeEmailEvents;
  const onError = options.onError ?? ((error: unknown) => console.error('The mailbox simulator could not deliver an SES event:', error));
  const pending = new Set<Promise<void>>();

  const server = createServer((request, response) => {
    void (async () => {
      try {
        const sent = await body(request);
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([k, v]) => [k, String(v)]));
        const upstream = await fetch(new URL(request.url ?? '/', options.emulator), {
          method: request.method ?? 'GET',
          headers,
          ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: new Uint8Array(sent) }),
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        response.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(name))));
        response.end(answer);
        if (request.method === 'POST' && upstream.ok) afterSend(new URLSearchParams(sent.toString('utf8')), answer.toString('utf8'));
      } catch (error) {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('The mailbox simulator could not reach the SES emulator');
        onError(error);
      }
    })();
  });

  function afterSend(form: URLSearchParams, answer: string) {
    if (form.get('Action') !== 'SendRawEmail') return;
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer)?.[1];
    if (!messageId) return;
    const from = form.get('Source') ?? 'engagement@example.org';
    const configurationSet = form.get('ConfigurationSetName') ?? undefined;
    const destinations = [...form.entries()].filter(([name]) => /^Destinations\.member\.\d+$/.test(name)).map(([, value]) => value);
    for (const to of destinations) {
      const event = simulatedEvent({ to, from, messageId, ...(configurationSet ? { configurationSet } : {}) });
      if (!event) continue;
      const delivery: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, options.delayMs ?? 200))
        .then(() => onEvent(event))
        .then(() => undefined, onError)
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
