/**
 * A test file with a table of its own (the same definition), for work that spans every item of a kind
 * (the timers), and for tests that change how email is sent or drive the stream's work themselves. Its
 * stream's consumers run in this process, from its own table's stream, as in AWS
 * (local/stream-consumers.ts): each new outbox item sent by its capability's delivery function, each
 * queued registration request decided by the meetings decider.
 *
 *   beforeAll(() => useOwnTable('reminders'));
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { startMailboxSimulator } from '../../local/mailbox-simulator.js';
import { startStreamConsumers } from '../../local/stream-consumers.js';
import type { StreamPoller } from '../../local/table-stream.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

let poller: StreamPoller | undefined;

/**
 * `delivery: 'manual'`: no email is delivered from the stream (the test calls the delivery functions,
 * its capability's `delivery.ts` handler, itself). With both manual the table has no stream at all. `consumers: 'manual'`: nor is the stream's other
 * work done (the meetings decider: the test invokes `decider.ts`'s handler itself); by default as `delivery`.
 */
export async function useOwnTable(
  name: string,
  options: { delivery?: 'stream' | 'manual'; consumers?: 'stream' | 'manual' } = {},
): Promise<{ tableName: string; caughtUp: () => Promise<void> }> {
  const tableName = `${name}-${randomBytes(3).toString('hex')}`;
  const endpoint = process.env['DYNAMODB_ENDPOINT']!;
  const email = options.delivery ?? 'stream';
  const others = options.consumers ?? email;
  const client = localDynamoClient(endpoint);
  // No stream when nothing reads it: its writes are then not slowed by earlier files' streamed tables.
  await ensureTable(client, tableName, { stream: email === 'stream' || others === 'stream' });
  client.destroy();
  process.env['TABLE_NAME'] = tableName;
  process.env['OWN_TABLE_DELIVERY'] = 'yes';
  // Its email is sent from this process, so the SES events of simulator addresses come back to its own table.
  const emulator = process.env['SES_EMULATOR'];
  if (emulator) {
    const simulator = await startMailboxSimulator({ emulator, delayMs: 50 });
    process.env['SES_ENDPOINT'] = simulator.endpoint;
    afterAll(() => simulator.stop());
  }
  if (email === 'manual' && others === 'manual') return { tableName, caughtUp: async () => undefined };
  poller = await startStreamConsumers({
    endpoint,
    tableName,
    idleMs: 50,
    include: (consumer) => (consumer.emailDelivery ? email : others) === 'stream',
    onError: (error) => console.error(`Work from the stream of ${tableName} failed:`, error),
  });
  const running = poller;
  afterAll(() => running.stop());
  return { tableName, caughtUp: () => running.caughtUp() };
}
