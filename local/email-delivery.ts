/**
 * What the benchmark starts in its delivery process: every consumer of the table's stream
 * (stream-consumers.ts: each capability's email delivery, and the meetings decider), with `wrap`
 * around each email delivery's hand-over so the bench can hold and count deliveries. `npm start` and
 * the tests call startStreamConsumers directly.
 *
 *   const poller = await startEmailDelivery({ endpoint, tableName, wrap });
 *   await poller.stop();
 */
import type { DeliveryCounts } from '../functions/core/outbox/delivery.js';
import type { StreamRecord } from '../functions/core/streams.js';
import { startStreamConsumers, type StreamConsumers } from './stream-consumers.js';

export async function startEmailDelivery(options: {
  endpoint: string;
  tableName: string;
  idleMs?: number;
  batchingWindows?: boolean;
  onError?: (error: unknown) => void;
  wrap?: (deliver: (records: readonly StreamRecord[]) => Promise<DeliveryCounts>) => (records: StreamRecord[]) => Promise<unknown>;
}): Promise<StreamConsumers> {
  const { wrap, ...rest } = options;
  return startStreamConsumers({
    ...rest,
    ...(wrap ? { wrap: (consumer, invoke) => (consumer.emailDelivery ? wrap((records) => invoke([...records]) as Promise<DeliveryCounts>) : invoke) } : {}),
  });
}
