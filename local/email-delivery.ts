/**
 * What the benchmark starts in its delivery process: every consumer of the table's stream
 * (stream-consumers.ts: each capability's email delivery, and the meetings decider), with `wrap`
 * around each email delivery's hand-over so the bench can hold and count deliveries. `npm start` and
 * the tests call startStreamConsumers directly. `wrapOthers` does the same for every other consumer
 * (the meetings decider), so the bench can hold it.
 *
 *   const poller = await startEmailDelivery({ endpoint, tableName, wrap });
 *   await poller.stop();
 */
import type { DeliveryCounts } from '../functions/core/outbox/delivery.js';
import type { StreamRecord } from '../functions/core/streams.js';
import { startStreamConsumers, type Invoke, type StreamConsumers } from './stream-consumers.js';

export async function startEmailDelivery(options: {
  endpoint: string;
  tableName: string;
  idleMs?: number;
  batchingWindows?: boolean;
  pollsPerSecond?: number;
  onError?: (error: unknown) => void;
  wrap?: (deliver: (records: readonly StreamRecord[]) => Promise<DeliveryCounts>) => (records: StreamRecord[]) => Promise<unknown>;
  /** Wraps every other consumer's invocation (the meetings decider): the bench holds it through this. */
  wrapOthers?: (invoke: Invoke) => Invoke;
}): Promise<StreamConsumers> {
  const { wrap, wrapOthers, ...rest } = options;
  return startStreamConsumers({
    ...rest,
    wrap: (consumer, invoke) => {
      if (!consumer.emailDelivery) return wrapOthers ? wrapOthers(invoke) : invoke;
      return wrap ? wrap((records) => invoke([...records]) as Promise<DeliveryCounts>) : invoke;
    },
  });
}
