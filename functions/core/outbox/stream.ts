/**
 * The outbox's DynamoDB Stream, as Lambda hands it over (and as the local poller, local/outbox-stream.ts,
 * hands over DynamoDB Local's): the ids of outbox items just inserted. The stream carries keys only,
 * so no personal data passes through it. Each capability's delivery reads only its own items: in AWS
 * its event source mapping filters on `insertedOutboxFilter(capability)`, and it checks again here.
 */
import { platformKeys } from '../platform-keys.js';
import { outboxKeyPrefix } from './keys.js';

export interface StreamRecord {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined> };
}

/** What a delivery's event source mapping lets through: inserts whose key begins with its capability's outbox prefix. */
export const insertedOutboxFilter = (capability: string) => ({ eventName: 'INSERT', pkPrefix: outboxKeyPrefix(capability) }) as const;

/** Whether this record is a new outbox item of this capability (the same test the mapping's filter makes). */
export function isInsertedOutboxOf(record: StreamRecord, capability: string): boolean {
  const { eventName, pkPrefix } = insertedOutboxFilter(capability);
  return record.eventName === eventName && (record.dynamodb?.Keys?.['pk']?.S?.startsWith(pkPrefix) ?? false);
}

/** The ids of this capability's outbox items inserted in this batch (anything else is not its to send). */
export function insertedOutboxIds(records: readonly StreamRecord[], capability: string): string[] {
  return records.flatMap((record) => (isInsertedOutboxOf(record, capability) ? [record.dynamodb!.Keys!['pk']!.S!.slice(platformKeys.outbox.length)] : []));
}
