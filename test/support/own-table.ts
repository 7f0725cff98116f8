/**
 * A test file with a table of its own (the same definition), for work that spans every item of a kind
 * (the timers), and for tests that change how email is sent. Its email is delivered in this process,
 * from its own table's stream, each new item by its capability's delivery function (as in AWS).
 *
 *   beforeAll(() => useOwnTable('reminders'));
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { startEmailDelivery } from '../../local/email-delivery.js';
import { startMailboxSimulator } from '../../local/mailbox-simulator.js';
import type { StreamPoller } from '../../local/outbox-stream.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

let poller: StreamPoller | undefined;

/** `delivery: 'manual'` starts no poller: the test calls the delivery functions (its capability's `delivery.ts` handler) itself. */
export async function useOwnTable(name: string, options: { delivery?: 'stream' | 'manual' } = {}): Promise<{ tableName: string; caughtUp: () => Promise<void> }> {
  const tableName = `${name}-${randomBytes(3).toString('hex')}`;
  const endpoint = process.env['DYNAMODB_ENDPOINT']!;
  const client = localDynamoClient(endpoint);
  await ensureTable(client, tableName);
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
  if (options.delivery === 'manual') return { tableName, caughtUp: async () => undefined };
  poller = await startEmailDelivery({
    endpoint,
    tableName,
    idleMs: 50,
    onError: (error) => console.error(`Email delivery from the stream of ${tableName} failed:`, error),
  });
  const running = poller;
  afterAll(() => running.stop());
  return { tableName, caughtUp: () => running.caughtUp() };
}
