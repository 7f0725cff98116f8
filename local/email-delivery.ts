/**
 * Email delivery from the table's stream, locally as in AWS: one poller reads the stream
 * (outbox-stream.ts) and hands each emailing capability's delivery function only its own new outbox
 * items, as each one's event source mapping filters them in AWS (core/outbox/stream.ts), the
 * capabilities side by side. The deliveries come from the composition root's list
 * (functions/platform.ts `loadEmailDeliveries`). Used by `npm start`, the tests and the benchmark.
 *
 *   const poller = await startEmailDelivery({ endpoint, tableName });
 *   await poller.stop();
 */
import type { DeliveryCounts, EmailDelivery } from '../functions/core/outbox/delivery.js';
import { isInsertedOutboxOf, type StreamRecord } from '../functions/core/outbox/stream.js';
import { startOutboxStream, type StreamPoller } from './outbox-stream.js';

/** Each delivery gets the records its mapping's filter would let through; the counts are added up. */
export function deliverToEach(deliveries: readonly EmailDelivery[]): (records: readonly StreamRecord[]) => Promise<DeliveryCounts> {
  return async (records) => {
    const counts = await Promise.all(
      deliveries.map((delivery) => {
        const own = records.filter((record) => isInsertedOutboxOf(record, delivery.capability));
        return own.length ? delivery.deliverStreamBatch(own) : undefined;
      }),
    );
    return counts.reduce<DeliveryCounts>(
      (sum, c) => (c ? { sent: sum.sent + c.sent, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped, fannedOut: sum.fannedOut + c.fannedOut } : sum),
      { sent: 0, failed: 0, skipped: 0, fannedOut: 0 },
    );
  };
}

/**
 * Starts delivering the table's email. Imported when called, once the environment the functions read
 * is set. `deliver` wraps the hand-over (the bench counts through it).
 */
export async function startEmailDelivery(options: {
  endpoint: string;
  tableName: string;
  idleMs?: number;
  onError?: (error: unknown) => void;
  wrap?: (deliver: (records: readonly StreamRecord[]) => Promise<DeliveryCounts>) => (records: StreamRecord[]) => Promise<unknown>;
}): Promise<StreamPoller & { deliveries: readonly EmailDelivery[] }> {
  const { loadEmailDeliveries } = await import('../functions/platform.js');
  const deliveries = await loadEmailDeliveries();
  const deliver = deliverToEach(deliveries);
  const poller = await startOutboxStream({
    endpoint: options.endpoint,
    tableName: options.tableName,
    deliver: options.wrap ? options.wrap(deliver) : deliver,
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return { ...poller, deliveries };
}
