/**
 * TransactWriteItems with named parts, so callers learn *which* condition failed rather than
 * decoding cancellation reasons by position.
 *
 * - A `ConditionalCheckFailed` is a real answer (the meeting is full, the email is taken, ...): it is
 *   returned as `{ ok: false, failed }` with the item's current value when the part asked for ALL_OLD.
 * - `TransactionConflict` (another transaction touched the same item at the same moment) and
 *   in-progress/throttling errors are transient: retried with full-jitter backoff, a bounded number
 *   of times, then thrown.
 */
import {
  TransactWriteItemsCommand,
  TransactionCanceledException,
  TransactionInProgressException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { dynamo } from '../core/dynamo.js';
import type { Item } from './attribute-values.js';

export interface NamedWrite {
  name: string;
  write: TransactWriteItem;
}

export type TransactOutcome =
  | { ok: true }
  /** Names whose condition failed, with the item as it is now when the part returned ALL_OLD. */
  | { ok: false; failed: Map<string, Item | undefined> };

const MAX_ATTEMPTS = 8;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to an exponentially growing cap. */
export const backoff = (attempt: number, baseMs = 15, capMs = 800) =>
  Math.random() * Math.min(capMs, baseMs * 2 ** attempt);

export async function transactWrite(parts: readonly NamedWrite[]): Promise<TransactOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteItemsCommand({ TransactItems: parts.map((p) => p.write) }));
      return { ok: true };
    } catch (error) {
      const transient = transientReason(error, parts);
      if (transient === 'retry' && attempt + 1 < MAX_ATTEMPTS) {
        await sleep(backoff(attempt));
        continue;
      }
      if (transient && typeof transient === 'object') return transient;
      throw error;
    }
  }
}

/** 'retry' for transient failures, an outcome for condition failures, undefined for anything else. */
function transientReason(error: unknown, parts: readonly NamedWrite[]): 'retry' | TransactOutcome | undefined {
  if (error instanceof TransactionInProgressException) return 'retry';
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = new Map<string, Item | undefined>();
  reasons.forEach((reason, index) => {
    if (reason.Code === 'ConditionalCheckFailed') failed.set(parts[index]!.name, reason.Item);
  });
  if (failed.size > 0) return { ok: false, failed };
  const retryable = ['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded'];
  if (reasons.some((r) => r.Code && retryable.includes(r.Code))) return 'retry';
  return undefined;
}
