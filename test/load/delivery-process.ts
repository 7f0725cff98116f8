/**
 * Email delivery (and whatever else the platform runs from the table's stream) in its own process,
 * for the bench: the delivery Lambda runs apart from the API in AWS, so here it runs in a child process
 * (this file, with DELIVERY_PROCESS_FLAG): its DynamoDB and SES calls do not mix with the API's in the
 * bench's call timings, its CPU is counted on its own, and its event loop is not the API's. The bench
 * talks to it over Node's IPC channel, and can point its DynamoDB calls at the contention proxy.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { DeliveryCounts } from '../../functions/core/outbox/delivery.js';
import type { StreamRecord } from '../../functions/core/outbox/stream.js';
import { CallTimes, type CallTotals } from './measure.js';
import { countSocketWarnings, sizeSockets, socketWarnings, type SocketWarnings } from './sdk-sockets.js';

/** Passed to this file when it runs as the delivery process. */
const DELIVERY_PROCESS_FLAG = '--delivery-process';
/** How long to wait for a rush's emails once its last registration has answered. */
export const EMAIL_WAIT_MS = 180_000;

/** Sent, failed and skipped so far, and SES's answers by recipient group (`bench` for bench.7@example.org). */
export interface DeliveryStatus {
  counts: DeliveryCounts;
  /** Per group: emails SES accepted, and when it accepted the first and last of them (epoch ms). */
  accepted: Record<string, { count: number; firstAt: number; lastAt: number }>;
  /** The delivery's own DynamoDB and SES calls while recording, by command. */
  calls: CallTotals;
  errors: string[];
  /** The SDK's socket warnings in this process, counted rather than printed. */
  socketWarnings: SocketWarnings;
}

type DeliveryOp = 'pause' | 'resume' | 'status' | 'caught-up' | 'record' | 'endpoint' | 'stop';
/** `pause` and `resume` act on the email deliveries unless told `others` (the stream's other consumers: the meetings decider). */
type Door = 'emails' | 'others';
type DeliveryRequest = { id: number; op: DeliveryOp; on?: boolean; endpoint?: string; door?: Door };
type DeliveryReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { event: 'ready' };

export const recipientGroup = (address: string) => address.split(/[.@]/)[0] ?? address;

/** The child's side: the stream poller with each capability's delivery function, as `npm start` and the tests run it. */
async function runDeliveryProcess(): Promise<void> {
  // The bench gave this process its environment, so the platform's modules can be imported at once.
  const { startEmailDelivery } = await import('../../local/email-delivery.js');
  const { dynamo } = await import('../../functions/core/store/dynamo.js');
  const { noDeliveries } = await import('../../functions/core/outbox/delivery.js');
  countSocketWarnings();
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
  calls.wrap(sizeSockets(dynamo()));
  calls.wrap(SESClient.prototype);

  // Pausing holds the next batch at the door (and waits for the one in hand), so steps timed alone in
  // the bench process are not sharing the CPUs with deliveries; resuming lets it through. The email
  // deliveries and the other consumers (the meetings decider) have a door each.
  const counts = noDeliveries();
  const doors: Record<Door, { gate?: { closed: Promise<void>; open: () => void }; inHand: Promise<unknown> }> = {
    emails: { inHand: Promise.resolve() },
    others: { inHand: Promise.resolve() },
  };
  const through = async <T,>(door: Door, invoke: () => Promise<T>): Promise<T> => {
    while (doors[door].gate) await doors[door].gate!.closed;
    const run = invoke();
    doors[door].inHand = run.catch(() => undefined);
    return run;
  };
  const deliverThrough = (deliverStreamBatch: (records: readonly StreamRecord[]) => Promise<DeliveryCounts>) => (records: StreamRecord[]) =>
    through('emails', () =>
      deliverStreamBatch(records).then((c) => {
        counts.sent += c.sent;
        counts.failed += c.failed;
        counts.skipped += c.skipped;
        counts.fannedOut += c.fannedOut;
        return c;
      }),
    );
  const poller = await startEmailDelivery({
    endpoint: process.env['DYNAMODB_ENDPOINT']!,
    tableName: process.env['TABLE_NAME']!,
    wrap: deliverThrough,
    wrapOthers: (invoke) => (records) => through('others', () => invoke(records)),
    // As each mapping does in AWS: a burst's records are gathered for the consumer's window, into fewer, fuller batches.
    batchingWindows: true,
    // And as Lambda reads a stream: each shard four times a second, up to 1,000 records a read.
    pollsPerSecond: 4,
    onError: (error) => errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  });

  const handle = async (request: DeliveryRequest): Promise<unknown> => {
    switch (request.op) {
      case 'pause': {
        const door = doors[request.door ?? 'emails'];
        if (!door.gate) {
          let open!: () => void;
          const closed = new Promise<void>((resolve) => (open = resolve));
          door.gate = { closed, open };
        }
        await door.inHand;
        return undefined;
      }
      case 'resume': {
        const door = doors[request.door ?? 'emails'];
        const g = door.gate;
        door.gate = undefined;
        g?.open();
        return undefined;
      }
      case 'caught-up':
        return poller.caughtUp();
      case 'endpoint':
        // The platform's client is made again for the new endpoint (core/store/dynamo.ts); the stream is still read directly.
        process.env['DYNAMODB_ENDPOINT'] = request.endpoint;
        calls.wrap(sizeSockets(dynamo()));
        return undefined;
      case 'record':
        if (request.on) calls.byCommand.clear();
        calls.recording = Boolean(request.on);
        return undefined;
      case 'status':
        return { counts, accepted, calls: calls.totals(), errors, socketWarnings: socketWarnings() } satisfies DeliveryStatus;
      case 'stop':
        for (const door of Object.values(doors)) {
          door.gate?.open();
          door.gate = undefined;
        }
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
export class DeliveryProcess {
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


if (process.argv.includes(DELIVERY_PROCESS_FLAG)) await runDeliveryProcess();
