/**
 * Conditional writes that answer with an outcome instead of an exception: a failed condition is an
 * answer the domain acts on (the slot is taken, the email is already registered), not an error.
 * The builders (`put`, `update`, `remove`, `check`) make the same writes for a transaction.
 *
 *   const outcome = await conditionalUpdate(update(key, 'SET claimedBy = :me', { values: { ':me': id }, condition: 'attribute_not_exists(claimedBy)' }));
 *   if (!outcome.ok) ...   // outcome.current is the item as it is, when asked for with returnOld
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  PutItemCommand,
  TransactionConflictException,
  UpdateItemCommand,
  type ConditionCheck,
  type Delete,
  type Put,
  type Update,
} from '@aws-sdk/client-dynamodb';
import { backoff, sleep } from '../pool.js';
import { dynamo } from './dynamo.js';
import { marshal, type Item, type Key } from './items.js';
import { tableName } from './reads.js';

export interface ExpressionOptions {
  /** `#name` → attribute name, for reserved words such as `status`. */
  names?: Record<string, string>;
  /** `:value` → plain value (marshalled here). */
  values?: Record<string, unknown>;
  condition?: string;
  /** Return the item as it was when the condition fails (ReturnValuesOnConditionCheckFailure ALL_OLD). */
  returnOld?: boolean;
}

function expressionParts(options: ExpressionOptions) {
  const values = options.values && Object.keys(options.values).length ? marshal(options.values) : undefined;
  return {
    ...(options.condition ? { ConditionExpression: options.condition } : {}),
    ...(options.names && Object.keys(options.names).length ? { ExpressionAttributeNames: options.names } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...(options.returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
  };
}

export const put = (item: Record<string, unknown>, options: ExpressionOptions = {}): { Put: Put } => ({
  Put: { TableName: tableName(), Item: marshal(item), ...expressionParts(options) },
});

export const update = (key: Key, expression: string, options: ExpressionOptions = {}): { Update: Update } => ({
  Update: { TableName: tableName(), Key: marshal({ ...key }), UpdateExpression: expression, ...expressionParts(options) },
});

export const remove = (key: Key, options: ExpressionOptions = {}): { Delete: Delete } => ({
  Delete: { TableName: tableName(), Key: marshal({ ...key }), ...expressionParts(options) },
});

export const check = (key: Key, condition: string, options: Omit<ExpressionOptions, 'condition'> = {}): { ConditionCheck: ConditionCheck } => ({
  ConditionCheck: { TableName: tableName(), Key: marshal({ ...key }), ...expressionParts({ ...options, condition }) } as ConditionCheck,
});

/** `ok` with the item after the write (updates: ALL_NEW), or not with the item as it is (when asked for). */
export type WriteOutcome = { ok: true; item?: Item } | { ok: false; current?: Item };

/** Tries for a single write whose item a transaction holds (the SDK does not retry TransactionConflictException). */
const SINGLE_WRITE_ATTEMPTS = 6;

async function conditionally(send: () => Promise<Item | undefined>): Promise<WriteOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, item: await send() };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { ok: false, current: error.Item };
      // Another transaction holds the item for a few milliseconds: wait and try again, then give up
      // (TransactionConflictException is a ServiceUnavailable to the HTTP layer: 503, Retry-After).
      if (!(error instanceof TransactionConflictException) || attempt + 1 >= SINGLE_WRITE_ATTEMPTS) throw error;
      await sleep(backoff(attempt, 20, 500));
    }
  }
}

export const conditionalPut = (write: { Put: Put }) =>
  conditionally(async () => {
    await dynamo().send(new PutItemCommand(write.Put));
    return undefined;
  });

export const conditionalUpdate = (write: { Update: Update }) =>
  conditionally(async () => (await dynamo().send(new UpdateItemCommand({ ...write.Update, ReturnValues: 'ALL_NEW' }))).Attributes);

export const conditionalDelete = (write: { Delete: Delete }) =>
  conditionally(async () => {
    await dynamo().send(new DeleteItemCommand(write.Delete));
    return undefined;
  });
