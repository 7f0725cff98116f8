/**
 * Work the table's stream drives, declared once and run the same way in AWS and locally: each
 * capability's email delivery (core/outbox/delivery.ts, when its manifest says `emails`) and the
 * stream consumers a manifest declares (`streamConsumers`, e.g. meetings' decider). From one
 * declaration the CDK app builds the consumer's Lambda and its event source mapping (the filter, the
 * batch settings, retries with bisection, the failures queue: infra/capability-functions.ts), and
 * `npm start`, the tests and the bench hand the same handler the records the same filter lets through
 * from DynamoDB Local's stream (local/stream-consumers.ts). The stream carries keys only, so a record
 * is a wake-up ("this item was added"), never the data.
 *
 *   streamConsumers: [{ name: 'decider', inserted: { pkPrefix: 'MEETING#', skPrefix: 'REQUEST#' }, ... }]   // capability.ts
 *   export const handler = streamHandler(async (records, deadline) => ...);                                // functions/<name>/decider.ts (stream-handler.ts)
 *
 * A handler that throws fails the batch: the mapping tries it again (halved each time) and, after its
 * retries, notes the batch in the failures queue. So a consumer must be safe to run twice on the same
 * records, and must leave nothing half-done when it stops part-way.
 *
 * Data and a filter only, no other imports: the CDK app and the local poller read it without any
 * function's code.
 */

/**
 * Core's contracts that wake a capability other than their writer: an item one capability writes in
 * its own transaction and another reacts to from the stream, as a declared contract (never an import).
 * `announcement`: something new was published, a meeting or a consultation (core/announcements.ts).
 */
export const WAKING_CONTRACTS = { announcement: 'ANNOUNCEMENT#' } as const;

/** A stream record as Lambda hands it over (and as the local poller hands over DynamoDB Local's). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined>; SequenceNumber?: string };
}

/** Which records reach a consumer: new items (INSERT) whose keys begin so. */
export interface InsertedKeys {
  pkPrefix: string;
  skPrefix?: string;
}

/** How a consumer's event source mapping reads the stream (one batch at a time per shard: parallelisation factor 1). */
export interface StreamReading {
  /** Records per invocation at most. */
  batchSize: number;
  /** How long the mapping gathers records before invoking, in whole seconds (AWS allows 0 to 300). */
  batchingWindowSeconds: number;
  /** How often a failed batch is tried again (halved each time) before it goes to the failures queue. */
  retryAttempts: number;
  /** The function's timeout. */
  timeoutSeconds: number;
}

/** A stream consumer a capability declares in its manifest: data only, its code in functions/<capability>/<name>.ts. */
export interface StreamConsumerDeclaration extends StreamReading {
  /** Its file (functions/<capability>/<name>.ts, exporting `handler = streamHandler(...)`); its function is `<capability>-<name>`. */
  name: string;
  /** What it does, completing "<capability>: …", for the function's description. */
  description: string;
  inserted: InsertedKeys;
}

/** Whether the mapping's filter lets this record through (the same test its filter pattern makes in AWS). */
export function isInsertOf(record: StreamRecord, inserted: InsertedKeys): boolean {
  const keys = record.dynamodb?.Keys;
  return (
    record.eventName === 'INSERT' &&
    (keys?.['pk']?.S?.startsWith(inserted.pkPrefix) ?? false) &&
    (inserted.skPrefix === undefined || (keys?.['sk']?.S?.startsWith(inserted.skPrefix) ?? false))
  );
}

/** The partition keys of the records this filter lets through, each once, in the order they first came. */
export const insertedPartitions = (records: readonly StreamRecord[], inserted: InsertedKeys): string[] => [
  ...new Set(records.flatMap((record) => (isInsertOf(record, inserted) ? [record.dynamodb!.Keys!['pk']!.S!] : []))),
];
