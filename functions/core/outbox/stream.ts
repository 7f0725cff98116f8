/**
 * The outbox's DynamoDB Stream, as Lambda hands it over (and as the local poller, local/outbox-stream.ts,
 * hands over DynamoDB Local's): the ids of outbox items just inserted. The stream carries keys only,
 * so no personal data passes through it.
 */
import { platformKeys } from '../platform-keys.js';

export interface StreamRecord {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined> };
}

export function insertedOutboxIds(records: readonly StreamRecord[]): string[] {
  return records.flatMap((record) => {
    const pk = record.dynamodb?.Keys?.['pk']?.S;
    return record.eventName === 'INSERT' && pk?.startsWith(platformKeys.outbox) ? [pk.slice(platformKeys.outbox.length)] : [];
  });
}
