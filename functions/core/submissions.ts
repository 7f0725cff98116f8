/**
 * One submission, one change. Every form carries a one-off `submission` key (core/ui/post-form.tsx)
 * and every state-changing API call may send an `Idempotency-Key`; the write path (http/write-path.ts)
 * runs the request inside that submission. The first transaction the request commits (core's
 * `transactWrite`) carries a put of the key, conditional on the key being new, so the key is claimed
 * atomically with the change: of two copies racing, one commits and the other's transaction is
 * cancelled (`RepeatedSubmission`). Once the request has answered, the answer is kept with the key,
 * and a repeat gets that answer (the same redirect, the same JSON) without acting again.
 *
 *   await withinSubmission({ scope: 'POST /staff/meetings/new', key }, () => handler());
 *   // inside, any transactWrite(parts) commits [...parts, the claim] the first time
 *
 * Keys are kept a day (TTL). A transaction that is bookkeeping rather than the change itself (a
 * lease, a sweep) passes `{ claims: false }` to transactWrite; single conditional writes never claim.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { platformKeys } from './platform-keys.js';
import { epochSeconds, unmarshal, type Item, type Key } from './store/items.js';
import { getItem } from './store/reads.js';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { conditionalUpdate, put, update } from './store/writes.js';

const DAY_SECONDS = 24 * 3600;

/** What a submission key may look like: what our forms generate, or a client's own UUID. */
export const looksLikeSubmissionKey = (key: string) => /^[A-Za-z0-9_-]{16,100}$/.test(key);

/** The answer a repeat gets: the first request's status, and its redirect or its JSON body. */
export interface StoredAnswer {
  status: number;
  location?: string;
  contentType?: string;
  body?: string;
}

export interface SubmissionId {
  /** What was submitted to, e.g. `POST /staff/meetings/new` or `api:registerForMeeting`. */
  scope: string;
  key: string;
  /** A hash of what was sent: the same key with a different request is refused (422), not replayed. */
  fingerprint?: string;
}

interface Submission extends SubmissionId {
  claimed: boolean;
}

const current = new AsyncLocalStorage<Submission>();

export const submissionKey = (id: Pick<SubmissionId, 'scope' | 'key'>): Key => ({
  pk: `${platformKeys.idempotency}${createHash('sha256').update(`${id.scope}\u0000${id.key}`).digest('base64url')}`,
  sk: 'IDEMPOTENCY',
});

/** Runs `work` as this submission: its first committed transaction claims the key. */
export function withinSubmission<T>(id: SubmissionId, work: () => Promise<T>): Promise<T> {
  return current.run({ ...id, claimed: false }, work);
}

/** Whether the request running now has committed its change (and so owns the key). */
export const submissionClaimed = () => current.getStore()?.claimed ?? false;

/**
 * The submission the request running now belongs to, as an opaque id (a hash of its scope and key),
 * or undefined outside one: for a domain rule that must count every try of one submission once (a
 * consultation's duplicate marks), not for acting on repeats, which never reach the domain.
 */
export const currentSubmission = (): string | undefined => {
  const submission = current.getStore();
  return submission ? submissionKey(submission).pk : undefined;
};

/** The name of the claim's part in a transaction. */
export const CLAIM_PART = '$submission';

/**
 * The put that claims the current submission, for the next transaction: none outside a submission
 * or once it is claimed. ALL_OLD on failure, so a repeat learns the first request's answer at once.
 */
export function pendingClaim(now: Date = new Date()): { name: string; write: TransactWriteItem } | undefined {
  const submission = current.getStore();
  if (!submission || submission.claimed) return undefined;
  return {
    name: CLAIM_PART,
    write: put(
      {
        ...submissionKey(submission),
        type: 'submission',
        ...(submission.fingerprint ? { fingerprint: submission.fingerprint } : {}),
        expiresAt: epochSeconds(now) + DAY_SECONDS,
      },
      { condition: 'attribute_not_exists(pk)', returnOld: true },
    ),
  };
}

/** Called by transactWrite once a transaction with the claim has committed. */
export function markClaimed(): void {
  const submission = current.getStore();
  if (submission) submission.claimed = true;
}

/** The same submission arrived before: answer as it was answered (http/submission-guard.tsx does). */
export class RepeatedSubmission extends Error {
  constructor(
    readonly id: SubmissionId,
    readonly earlier: EarlierSubmission,
  ) {
    super('This was submitted already');
    this.name = 'RepeatedSubmission';
  }
}

/** For transactWrite: the current submission lost the race for its key to `claimItem` (ALL_OLD). */
export function repeatedSubmission(claimItem: Item | undefined): RepeatedSubmission {
  const { claimed: _claimed, ...id } = current.getStore()!;
  return new RepeatedSubmission(id, earlierFrom(claimItem));
}

export interface EarlierSubmission {
  /** Absent while the first request is still answering. */
  answer?: StoredAnswer;
  fingerprint?: string;
}

export const earlierFrom = (item: Item | undefined): EarlierSubmission => {
  const plain = item ? unmarshal(item) : {};
  return {
    ...(plain['answer'] ? { answer: plain['answer'] as StoredAnswer } : {}),
    ...(typeof plain['fingerprint'] === 'string' ? { fingerprint: plain['fingerprint'] } : {}),
  };
};

/** The submission as stored, if it has been claimed. */
export async function earlierSubmission(id: Pick<SubmissionId, 'scope' | 'key'>): Promise<EarlierSubmission | undefined> {
  const item = await getItem(submissionKey(id), { consistent: true });
  return item ? earlierFrom(item) : undefined;
}

/** Keeps the answer beside the claimed key, so a repeat is answered the same way. */
export async function keepAnswer(id: Pick<SubmissionId, 'scope' | 'key'>, answer: StoredAnswer): Promise<void> {
  await conditionalUpdate(update(submissionKey(id), 'SET answer = :answer', { values: { ':answer': answer }, condition: 'attribute_exists(pk)' }));
}
