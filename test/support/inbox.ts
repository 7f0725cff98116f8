/**
 * The SES emulator's inbox, for tests that check what residents receive. Email is delivered off the
 * request path (from the table's stream), so tests wait for it rather than assume it was sent inside
 * the request. Also a pass-through proxy in front of the emulator that records raw MIME and can go
 * down, for tests of SES outages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ filename?: string; contentType: string; content: string }>;
  at: number;
}

/** Every email the emulator has received for this address (directly from the emulator, not a proxy). */
export async function inbox(to: string, sesEndpoint = process.env['SES_EMULATOR'] ?? process.env['SES_ENDPOINT']!): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((address) => address.toLowerCase().includes(to.toLowerCase())));
}

/**
 * Waits until the inbox for `to` holds emails matching `until` (by default: at least `count`), or
 * fails after `timeoutMs`. Returns every email to that address.
 */
export async function waitForEmails(
  to: string,
  options: { count?: number; until?: (emails: StoredEmail[]) => boolean; timeoutMs?: number } = {},
): Promise<StoredEmail[]> {
  const until = options.until ?? ((emails: StoredEmail[]) => emails.length >= (options.count ?? 1));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const emails = await inbox(to);
    if (until(emails)) return emails;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for email to ${to}: ${emails.length} arrived (${emails.map((e) => e.subject).join('; ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for an email to `to` whose subject contains `subject`. */
export async function waitForEmail(to: string, subject: string | RegExp, timeoutMs?: number): Promise<StoredEmail> {
  const matches = (e: StoredEmail) => (typeof subject === 'string' ? e.subject.includes(subject) : subject.test(e.subject));
  const emails = await waitForEmails(to, { until: (all) => all.some(matches), ...(timeoutMs ? { timeoutMs } : {}) });
  return emails.filter(matches).at(-1)!;
}

export const manageTokenIn = (text: string | undefined) => text?.match(/\/manage\/([A-Za-z0-9_-]{43})/)?.[1];

/** The manage link's token from the latest email to this address that has one, waiting for it to arrive. */
export async function manageTokenFor(address: string): Promise<string> {
  const emails = await waitForEmails(address, { until: (all) => all.some((e) => manageTokenIn(e.body.text)) });
  return emails.map((e) => manageTokenIn(e.body.text)).filter(Boolean).at(-1)!;
}

// ---------------------------------------------------------------------------------------------------
// A pass-through in front of the SES emulator: records each raw MIME message and can go down.

export interface SesProxy {
  endpoint: string;
  /** Raw messages sent through the proxy while it was up, in order. */
  messages: Array<{ to: string[]; raw: Buffer }>;
  /** While down, every connection is dropped, as if SES could not be reached. */
  setDown(down: boolean): void;
  /** While set, every SendRawEmail is refused as SES refuses it (MessageRejected) with this message. */
  rejectWith(message: string | undefined): void;
  /** Parsed messages to this address. */
  parsedFor(to: string): Promise<ParsedMail[]>;
  /** Waits until `count` messages to this address have gone through the proxy, and parses them. */
  waitFor(to: string, count?: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export async function startSesProxy(target = process.env['SES_ENDPOINT']!): Promise<SesProxy> {
  const messages: SesProxy['messages'] = [];
  let down = false;
  let rejection: string | undefined;
  const server: Server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const form = new URLSearchParams(body.toString());
    if (form.get('Action') === 'SendRawEmail' && rejection) {
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>MessageRejected</Code>` +
          `<Message>${rejection.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error><RequestId>test</RequestId></ErrorResponse>`,
      );
      return;
    }
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
  const parsedFor = (to: string) => Promise.all(messages.filter((m) => m.to.includes(to)).map((m) => simpleParser(m.raw)));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    setDown: (value) => {
      down = value;
    },
    rejectWith: (message) => {
      rejection = message;
    },
    parsedFor,
    async waitFor(to, count = 1, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.filter((m) => m.to.includes(to)).length < count) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} email(s) to ${to} through the SES proxy`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return parsedFor(to);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Points this test file's SES client at a proxy. Only for a file with its own table (own-table.ts):
 * its emails are delivered in this process, so through this proxy. The emulator itself stays
 * reachable as SES_EMULATOR for reading the inbox.
 */
export async function useSesProxy(): Promise<SesProxy> {
  if (!process.env['OWN_TABLE_DELIVERY']) throw new Error('useSesProxy() needs useOwnTable() first, so this file delivers its own email');
  const emulator = process.env['SES_ENDPOINT']!;
  const proxy = await startSesProxy(emulator);
  process.env['SES_EMULATOR'] = emulator;
  process.env['SES_ENDPOINT'] = proxy.endpoint;
  return proxy;
}
