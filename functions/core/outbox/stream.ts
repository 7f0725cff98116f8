/**
 * The outbox's DynamoDB Stream, as Lambda hands it over (and as the local poller, local/stream-consumers.ts,
 * hands over DynamoDB Local's): the ids of outbox items just inserted. The stream carries keys only,
 * so no personal data passes through it. Each capability's delivery reads only its own items: in AWS
 * its event source mapping filters on `outboxInserted(capability)`, and it checks again here.
 */
import { platformKeys } from '../platform-keys.js';
import { isInsertOf, type InsertedKeys, type StreamReading, type StreamRecord } from '../streams.js';
import { outboxKeyPrefix } from './keys.js';

export type { StreamRecord };

/** What a delivery's event source mapping lets through: inserts whose key begins with its capability's outbox prefix. */
export const outboxInserted = (capability: string): InsertedKeys => ({ pkPrefix: outboxKeyPrefix(capability) });

/** How each delivery reads the stream: small batches, one at a time per shard, so sending stays within its share of the SES rate. */
export const deliveryReading: StreamReading = { batchSize: 10, batchingWindowSeconds: 1, retryAttempts: 2, timeoutSeconds: 300 };

/** How often each delivery's timer runs (infra and `npm start` schedule it): retries, and fan-outs cut short. */
export const DELIVERY_TIMER_MINUTES = 5;

/** Whether this record is a new outbox item of this capability (the same test the mapping's filter makes). */
export const isInsertedOutboxOf = (record: StreamRecord, capability: string): boolean => isInsertOf(record, outboxInserted(capability));

/** The ids of this capability's outbox items inserted in this batch (anything else is not its to send). */
export function insertedOutboxIds(records: readonly StreamRecord[], capability: string): string[] {
  return records.flatMap((record) => (isInsertedOutboxOf(record, capability) ? [record.dynamodb!.Keys!['pk']!.S!.slice(platformKeys.outbox.length)] : []));
}
