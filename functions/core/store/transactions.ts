/**
 * TransactWriteItems with named parts, so callers learn *which* condition failed rather than decoding
 * cancellation reasons by position.
 *
 * - A `ConditionalCheckFailed` is a real answer (the meeting is full, the email is taken, ...): it is
 *   returned as `{ ok: false, failed }` with each failed part's item as it is now (when the part asked
 *   for ALL_OLD).
 * - `TransactionConflict` (another transaction holds one of the items), throttling and in-progress
 *   errors are transient: retried with full-jitter backoff a bounded number of times, then thrown as
 *   `ServiceUnavailable`, which answers 503 with Retry-After. Nothing is written by a cancelled transaction.
 *
 *   const outcome = await transactWrite([{ name: 'meeting', write: update(...) }, { name: 'registration', write: put(...) }]);
 *   if (!outcome.ok && outcome.failed.has('meeting')) ...
 */
import { TransactWriteItemsCommand, TransactionCanceledException, TransactionInProgressException, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { ServiceUnavailable } from '../refusal.js';
import { backoff, sleep } from '../pool.js';
import { dynamo } from './dynamo.js';
import type { Item } from './items.js';
import { CLAIM_PART, markClaimed, pendingClaim, repeatedSubmission } from '../submissions.js';

export interface NamedWrite {
  name: string;
  write: TransactWriteItem;
}

export type TransactOutcome =
  | { ok: true }
  /** Names whose condition failed, with the item as it is now when the part returned ALL_OLD. */
  | { ok: false; failed: Map<string, Item | undefined> };

/**
 * Enough for a handful of writers racing for one item (cancellations, staff edits): under the
 * contention proxy 50 concurrent cancellations of one meeting all commit within these. A burst of
 * independent requests should not race for one item at all (see meetings' registration requests).
 * Tries stop at whichever comes first: this many, or DYNAMODB_RETRY_BUDGET_MS of trying, so a request answers
 * (or 503s) inside the Lambda's 15 s however slow each try is.
 */
export const MAX_TRANSACTION_ATTEMPTS = 12;
/**
 * For a write that picks its shard afresh for every try (`parts` as a function, e.g. a consultation
 * response): its conflicts are with whoever is on the shard it happened to pick, so more tries, not
 * longer waits, get it through. The time budget still bounds it.
 */
export const SPREAD_WRITE_ATTEMPTS = 30;
/** How long to keep trying (DYNAMODB_RETRY_BUDGET_MS, 12 s by default: inside the Lambda's 15 s). */
const retryBudgetMs = () => config().dynamoRetryBudgetMs;

export interface TransactOptions {
  /** Tries in all (default MAX_TRANSACTION_ATTEMPTS); 1 for a caller that handles `Busy` itself. */
  attempts?: number;
  /** How long to keep trying (default DYNAMODB_RETRY_BUDGET_MS). */
  budgetMs?: number;
  /**
   * Inside a submission (core/submissions.ts) the first committed transaction claims its key; false
   * for bookkeeping that is not the change the person asked for (a lease, a sweep, a batch of decisions).
   */
  claims?: boolean;
}

/** Thrown (a ServiceUnavailable: 503 with Retry-After) when transient conflicts outlasted every try. */
export class Busy extends ServiceUnavailable {
  constructor(cause: unknown) {
    super('The data is busy: the change could not be saved after several tries', { cause, retryAfterSeconds: 2 });
  }
}

const TRANSIENT_REASONS = ['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded'];

/**
 * `parts` may be a function, called afresh for every try: a write spread over sharded counters then
 * picks its shard again after a conflict instead of queueing behind the same hot item.
 */
export async function transactWrite(partsOf: readonly NamedWrite[] | (() => readonly NamedWrite[]), options: TransactOptions = {}): Promise<TransactOutcome> {
  const attempts = options.attempts ?? MAX_TRANSACTION_ATTEMPTS;
  const giveUpAt = performance.now() + (options.budgetMs ?? retryBudgetMs());
  for (let attempt = 0; ; attempt++) {
    const claim = options.claims === false ? undefined : pendingClaim();
    const own = typeof partsOf === 'function' ? partsOf() : partsOf;
    const parts = claim ? [...own, claim] : own;
    try {
      await dynamo().send(new TransactWriteItemsCommand({ TransactItems: parts.map((p) => p.write) }));
      if (claim) markClaimed();
      return { ok: true };
    } catch (error) {
      const decoded = decode(error, parts);
      // The same submission committed first: nothing of this one is written; answer as it was answered.
      if (claim && decoded && decoded !== 'retry' && !decoded.ok && decoded.failed.has(CLAIM_PART)) {
        throw repeatedSubmission(decoded.failed.get(CLAIM_PART));
      }
      if (decoded !== 'retry') {
        if (decoded) return decoded;
        throw error;
      }
      const wait = backoff(attempt, 25, 1500);
      if (attempt + 1 >= attempts || performance.now() + wait >= giveUpAt) throw new Busy(error);
      await sleep(wait);
    }
  }
}

/** 'retry' for transient failures, an outcome for condition failures, undefined for anything else. */
function decode(error: unknown, parts: readonly NamedWrite[]): 'retry' | TransactOutcome | undefined {
  if (error instanceof TransactionInProgressException) return 'retry';
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = new Map<string, Item | undefined>();
  reasons.forEach((reason, index) => {
    if (reason.Code === 'ConditionalCheckFailed') failed.set(parts[index]!.name, reason.Item);
  });
  if (failed.size > 0) return { ok: false, failed };
  if (reasons.some((r) => r.Code && TRANSIENT_REASONS.includes(r.Code))) return 'retry';
  return undefined;
}

/** What a step of `settle` returns when the data changed under it: read again, decide again, write again. */
export const TRY_AGAIN = Symbol('try again');

/**
 * The platform's one policy for a change made against what was read (a version, a count, a free
 * slot): when the write finds the data changed since, the step runs again, with the same backoff,
 * tries and time budget as transactWrite's own retries, then `Busy` (503). Never a loop of a
 * capability's own.
 *
 *   return settle(async () => {
 *     const meeting = await getMeeting(id, { consistent: true });
 *     const outcome = await transactWrite(changeOf(meeting));
 *     return outcome.ok ? meeting : outcome.failed.has('meeting') ? TRY_AGAIN : refuse(outcome);
 *   });
 */
export async function settle<T>(step: (attempt: number) => Promise<T | typeof TRY_AGAIN>, options: Pick<TransactOptions, 'attempts' | 'budgetMs'> = {}): Promise<T> {
  const attempts = options.attempts ?? MAX_TRANSACTION_ATTEMPTS;
  const giveUpAt = performance.now() + (options.budgetMs ?? retryBudgetMs());
  for (let attempt = 0; ; attempt++) {
    const result = await step(attempt);
    if (result !== TRY_AGAIN) return result;
    const wait = backoff(attempt, 10, 1500);
    if (attempt + 1 >= attempts || performance.now() + wait >= giveUpAt) throw new Busy(new Error('the data changed under every try'));
    await sleep(wait);
  }
}
