/**
 * Answering a repeated request as the first was answered: a double-click on a form (the same hidden
 * submission key) or an API retry (the same Idempotency-Key header). The first request writes the key
 * in the same transaction as its change, conditional on the key being new, so two copies arriving at
 * once cannot both act; the second finds the key and gives the stored answer. Keys are kept a day.
 *
 *   const seen = await previousAnswer('meetings/register', key);
 *   await transactWrite([...change, rememberAnswer('meetings/register', key, answer)]);
 */
import { createHash } from 'node:crypto';
import { platformKeys } from './platform-keys.js';
import { epochSeconds, unmarshal, type Key } from './store/items.js';
import { getItem } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { put } from './store/writes.js';

const DAY_SECONDS = 24 * 3600;

/** What a submission key may look like: what our forms generate, or a client's own UUID. */
export const looksLikeSubmissionKey = (key: string) => /^[A-Za-z0-9_-]{16,100}$/.test(key);

const keyOf = (scope: string, key: string): Key => ({
  pk: `${platformKeys.idempotency}${createHash('sha256').update(`${scope}\u0000${key}`).digest('base64url')}`,
  sk: 'IDEMPOTENCY',
});

export function rememberAnswer(scope: string, key: string, answer: Record<string, unknown>, now: Date = new Date()): NamedWrite {
  return {
    name: 'idempotency',
    write: put({ ...keyOf(scope, key), type: 'idempotency-key', answer, expiresAt: epochSeconds(now) + DAY_SECONDS }, { condition: 'attribute_not_exists(pk)' }),
  };
}

export async function previousAnswer<T extends Record<string, unknown>>(scope: string, key: string): Promise<T | undefined> {
  const item = await getItem(keyOf(scope, key), { consistent: true });
  return item ? (unmarshal(item)['answer'] as T) : undefined;
}
