/**
 * Reading the table: one item by key, many by key (BatchGetItem with its unprocessed keys retried),
 * and Query, paged or whole. There is no Scan: every list is a Query on a key or an index.
 *
 *   const page = await queryPage({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': pk }) }, { limit: 50, after });
 *   page.items; page.next // an opaque cursor for the next page, absent on the last one
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type BatchGetItemCommandOutput, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { sleep, backoff } from '../pool.js';
import { dynamo } from './dynamo.js';
import { marshal, type Item, type Key } from './items.js';

export const tableName = () => config().tableName;

export async function getItem(key: Key, options: { consistent?: boolean } = {}): Promise<Item | undefined> {
  const result = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshal({ ...key }), ConsistentRead: options.consistent ?? false }));
  return result.Item;
}

/** Items for many keys (any order; missing ones left out), 100 keys per request. */
export async function batchGet(keys: readonly Key[]): Promise<Item[]> {
  const found: Item[] = [];
  const table = tableName();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Item[] | undefined = keys.slice(i, i + 100).map((k) => marshal({ ...k }));
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      if (attempt) await sleep(backoff(attempt));
      const result: BatchGetItemCommandOutput = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending } } }));
      found.push(...(result.Responses?.[table] ?? []));
      pending = result.UnprocessedKeys?.[table]?.Keys;
    }
    if (pending?.length) throw new Error(`${pending.length} keys were left unread after retries`);
  }
  return found;
}

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>;

export interface Page {
  items: Item[];
  /** Pass as `after` for the next page; absent when this was the last. */
  next?: string;
}

const encodeCursor = (key: Item) => Buffer.from(JSON.stringify(key)).toString('base64url');
function decodeCursor(cursor: string): Item | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return key && typeof key === 'object' && !Array.isArray(key) ? (key as Item) : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a Query: up to `limit` items read (before any filter), starting after the cursor `after`. */
export async function queryPage(input: QueryInput, options: { limit?: number; after?: string } = {}): Promise<Page> {
  const start = options.after ? decodeCursor(options.after) : undefined;
  const result = await dynamo().send(
    new QueryCommand({ TableName: tableName(), ...input, ...(options.limit ? { Limit: options.limit } : {}), ...(start ? { ExclusiveStartKey: start } : {}) }),
  );
  return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { next: encodeCursor(result.LastEvaluatedKey) } : {}) };
}

/** Every item a Query matches (page after page), or the first `limit`. */
export async function queryAll(input: QueryInput, limit = Infinity): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | undefined;
  do {
    const page = await queryPage(input, { after });
    items.push(...page.items);
    after = page.next;
  } while (after && items.length < limit);
  return items.slice(0, limit);
}
