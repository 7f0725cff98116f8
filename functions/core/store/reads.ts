/**
 * Reading the table: one item by key, many by key (BatchGetItem with its unprocessed keys retried),
 * and Query, paged or whole. There is no Scan: every list is a Query on a key or an index.
 *
 *   const page = await queryPage({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': pk }) }, { limit: 50, after });
 *   page.items; page.next // an opaque cursor for the next page, absent on the last one
 *
 * A cursor travels through people's hands (in a link), so it is signed (HMAC-SHA256 with
 * CURSOR_SECRET) together with the query it belongs to: one that was changed, made up, or issued for
 * another query (another consultation's comments) is refused as a 400 naming the field it came in,
 * instead of reaching DynamoDB as a start key it rejects (a 500) or one that reads another partition.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type BatchGetItemCommandOutput, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { sleep, backoff } from '../pool.js';
import { Refusal } from '../refusal.js';
import { dynamo } from './dynamo.js';
import { marshal, type Item, type Key } from './items.js';

export const tableName = () => config().tableName;

export async function getItem(key: Key, options: { consistent?: boolean } = {}): Promise<Item | undefined> {
  const result = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshal({ ...key }), ConsistentRead: options.consistent ?? false }));
  return result.Item;
}

/** Items for many keys (any order; missing ones left out), 100 keys per request; `consistent` reads them strongly consistent. */
export async function batchGet(keys: readonly Key[], options: { consistent?: boolean } = {}): Promise<Item[]> {
  const found: Item[] = [];
  const table = tableName();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Item[] | undefined = keys.slice(i, i + 100).map((k) => marshal({ ...k }));
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      if (attempt) await sleep(backoff(attempt));
      const result: BatchGetItemCommandOutput = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistent ?? false } } }));
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

/**
 * What a cursor is bound to: the index, the direction, and the key values the condition fixes with `=`
 * (the partition, and a sort key given exactly). Not a range's bounds: a list read from "now" moves its
 * lower bound between one page and the next, and the start key already says where the next page begins.
 */
function queryIdentity(input: QueryInput): string {
  const condition = input.KeyConditionExpression ?? '';
  const fixed = [...condition.matchAll(/([#\w.]+)\s*=\s*(:\w+)/g)].map(([, name, placeholder]) => [name, input.ExpressionAttributeValues?.[placeholder!] ?? null]);
  return JSON.stringify([input.IndexName ?? '', input.ScanIndexForward ?? true, fixed]);
}

const signature = (input: QueryInput, payload: string) =>
  createHmac('sha256', config().cursorSecret).update(queryIdentity(input)).update('\n').update(payload).digest();

/** `<the start key, base64url JSON>.<its signature for this query>`. */
function encodeCursor(input: QueryInput, key: Item): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${signature(input, payload).toString('base64url')}`;
}

/** A cursor this query issued, whose start key is an item's key; anything else is refused. */
export const badCursor = (field: string) =>
  new Refusal('invalid_cursor', 'Some of the information sent is not valid', {
    kind: 'invalid',
    fields: [{ field, message: 'This link to a page of the list is not valid. Go back to the first page' }],
  });

function decodeCursor(input: QueryInput, cursor: string): Item | undefined {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(cursor);
  if (!match) return undefined;
  const [, payload, given] = match as unknown as [string, string, string];
  const expected = signature(input, payload);
  const mac = Buffer.from(given, 'base64url');
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return key && typeof key === 'object' && !Array.isArray(key) ? (key as Item) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a Query: up to `limit` items read (before any filter), starting after the cursor `after`
 * (as this query issued it: otherwise a refusal naming `cursorField`, by default `after`).
 */
export async function queryPage(input: QueryInput, options: { limit?: number; after?: string; cursorField?: string } = {}): Promise<Page> {
  const start = options.after === undefined ? undefined : decodeCursor(input, options.after);
  if (options.after !== undefined && !start) throw badCursor(options.cursorField ?? 'after');
  const result = await dynamo().send(
    new QueryCommand({ TableName: tableName(), ...input, ...(options.limit ? { Limit: options.limit } : {}), ...(start ? { ExclusiveStartKey: start } : {}) }),
  );
  return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { next: encodeCursor(input, result.LastEvaluatedKey) } : {}) };
}

/**
 * Every item a Query matches (page after page), or the first `limit`: DynamoDB is asked for no more
 * than are still wanted, so a queue's oldest 32 cost 32 items read, not the whole queue.
 */
export async function queryAll(input: QueryInput, limit = Infinity): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | undefined;
  do {
    const page = await queryPage(input, { after, ...(Number.isFinite(limit) ? { limit: limit - items.length } : {}) });
    items.push(...page.items);
    after = page.next;
  } while (after && items.length < limit);
  return items.slice(0, limit);
}
