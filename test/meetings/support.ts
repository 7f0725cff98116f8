/**
 * Helpers for the meetings integration tests, which run against the real DynamoDB Local and SES
 * emulator that test/support/global-setup.ts starts. Nothing here stands in for DynamoDB or SES.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { ensureTable, localDynamoClient } from '../../local/tables.js';
import { meetingInput, registrationInput, type MeetingInput, type RegistrationInput } from '../../functions/meetings/model.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const unique = (tag = 't') => `${tag}-${randomBytes(5).toString('hex')}`;
export const uniqueEmail = (tag = 'resident') => `${unique(tag)}@example.org`;

/** A valid meeting starting `startsInHours` from `now`, registration open since yesterday. */
export function meetingFor(overrides: Partial<Record<keyof MeetingInput, unknown>> = {}, now = new Date(), startsInHours = 10 * 24): MeetingInput {
  const startsAt = new Date(now.getTime() + startsInHours * HOUR);
  return meetingInput.parse({
    title: 'Car cruising in Kegworth',
    description: 'What is being done about car cruising.',
    areaCode: 'E07000134',
    venue: 'Kegworth Village Hall',
    address: 'Nottingham Road, Kegworth DE74 2FH',
    latitude: 52.8343,
    longitude: -1.2741,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    registrationOpensAt: new Date(now.getTime() - DAY).toISOString(),
    registrationClosesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
    capacity: 20,
    maxPlacesPerRegistration: 4,
    waitingList: true,
    accessInformation: 'Step-free entrance and a hearing loop.',
    ...overrides,
  });
}

export function resident(overrides: Partial<Record<keyof RegistrationInput, unknown>> = {}): RegistrationInput {
  return registrationInput.parse({ name: 'Alex Resident', email: uniqueEmail(), places: 1, privacyAccepted: true, ...overrides });
}

/**
 * Gives this test file its own table (same definition), for tests of work that spans every meeting in
 * the table (the scheduled job). Call in beforeAll, before the first service call.
 */
export async function useOwnTable(name: string): Promise<void> {
  const tableName = `${name}-${randomBytes(3).toString('hex')}`;
  const client = localDynamoClient(process.env['DYNAMODB_ENDPOINT']!);
  await ensureTable(client, tableName);
  client.destroy();
  process.env['TABLE_NAME'] = tableName;
}

// ---------------------------------------------------------------------------------------------------
// The SES emulator's inbox

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ filename?: string; contentType: string; content: string }>;
  at: number;
}

/** Every email the emulator has received for this address (directly from the emulator, not the proxy). */
export async function inbox(to: string, sesEndpoint = process.env['SES_EMULATOR'] ?? process.env['SES_ENDPOINT']!): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((address) => address.includes(to)));
}

export const manageTokenIn = (text: string | undefined) => text?.match(/\/manage\/([A-Za-z0-9_-]{43})/)?.[1];

// ---------------------------------------------------------------------------------------------------
// A pass-through in front of the SES emulator: records each raw MIME message and can go down.

export interface SesProxy {
  endpoint: string;
  /** Raw messages sent through the proxy while it was up, in order. */
  messages: Array<{ to: string[]; raw: Buffer }>;
  /** While down, every connection is dropped, as if SES could not be reached. */
  setDown(down: boolean): void;
  /** Parsed messages to this address. */
  parsedFor(to: string): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export async function startSesProxy(target = process.env['SES_ENDPOINT']!): Promise<SesProxy> {
  const messages: SesProxy['messages'] = [];
  let down = false;
  const server: Server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const form = new URLSearchParams(body.toString());
    if (form.get('Action') === 'SendRawEmail') {
      const to = [...form.entries()].filter(([k]) => k.startsWith('Destinations.member.')).map(([, v]) => v);
      messages.push({ to, raw: Buffer.from(form.get('RawMessage.Data') ?? '', 'base64') });
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    setDown: (value) => {
      down = value;
    },
    parsedFor: (to) => Promise.all(messages.filter((m) => m.to.includes(to)).map((m) => simpleParser(m.raw))),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Points this test file's SES client at a proxy (before the first email is sent). The emulator itself
 * stays reachable as SES_EMULATOR for reading the inbox.
 */
export async function useSesProxy(): Promise<SesProxy> {
  const emulator = process.env['SES_ENDPOINT']!;
  const proxy = await startSesProxy(emulator);
  process.env['SES_EMULATOR'] = emulator;
  process.env['SES_ENDPOINT'] = proxy.endpoint;
  return proxy;
}
