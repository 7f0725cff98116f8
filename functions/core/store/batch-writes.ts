/**
 * Many unconditional puts at once (BatchWriteItem, 25 a request, unprocessed items retried with
 * backoff), for items nobody else can be writing yet: those under a key just created by a
 * conditional write, e.g. the counter items of a new consultation. Not for anything concurrent: a
 * batch has no conditions.
 *
 *   await batchPut(shards.map((s) => ({ pk: s, sk: 'COUNTS#all' })));
 */
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { backoff, inPool, sleep } from '../pool.js';
import { dynamo } from './dynamo.js';
import { marshal } from './items.js';
import { tableName } from './reads.js';

const PER_REQUEST = 25;
const MAX_ATTEMPTS = 8;

export async function batchPut(items: ReadonlyArray<Record<string, unknown>>, options: { parallel?: number } = {}): Promise<void> {
  const table = tableName();
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += PER_REQUEST) chunks.push(items.slice(i, i + PER_REQUEST).map((item) => ({ PutRequest: { Item: marshal(item) } })));
  await inPool(chunks, options.parallel ?? 8, async (chunk) => {
    let pending: WriteRequest[] | undefined = chunk;
    for (let attempt = 0; pending?.length && attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt) await sleep(backoff(attempt));
      const result: BatchWriteItemCommandOutput = await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table];
    }
    if (pending?.length) throw new Error(`${pending.length} items were left unwritten after retries`);
  });
}
