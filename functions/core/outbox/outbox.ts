/**
 * The platform's email outbox. An email is first an outbox item, written in the same transaction as
 * the change that causes it, so it is never lost and never sent for a change that did not happen.
 * Delivery (delivery.ts) happens off the request path: the table's stream hands each new item to its
 * capability's delivery function at once, and that function's timer retries whatever is still pending.
 *
 * An item names its capability and kind, and the ids of what it is about; the capability's handler
 * for that kind (kinds.ts) reads the data, decides whether it is still worth sending and renders it.
 * The item holds no personal data itself beyond those ids, and expires with what it is about.
 *
 * Its id begins with its capability (`meetings#<ulid>`, keys.ts), so its key says whose it is and a
 * capability that keeps an email's id can read it by that id alone.
 *
 *   const email = newOutboxEmail({ capability: 'meetings', kind: 'confirmation', about: { meetingId, registrationId }, expiresAt, now });
 *   await transactWrite([...theChange, outboxWrite(email)]);
 */
import { config } from '../config.js';
import { newId } from '../ids.js';
import { platformKeys } from '../platform-keys.js';
import { outboxIdPrefix, pendingEmailsOf } from './keys.js';
import { HIGH } from '../store/keys.js';
import { pick, values, type Item, type Key } from '../store/items.js';
import { batchGet, getItem, queryAll } from '../store/reads.js';
import { conditionalUpdate, put, update } from '../store/writes.js';
import type { NamedWrite } from '../store/transactions.js';

/** `suppressed`: not sent, because its address bounced or complained before (suppression.ts). */
export type OutboxStatus = 'pending' | 'sent' | 'skipped' | 'suppressed' | 'failed';

export interface OutboxEmail {
  id: string;
  capability: string;
  kind: string;
  /** Ids of what the email is about, for the capability's handler to read (e.g. meetingId, registrationId). */
  about: Record<string, string>;
  /** Facts fixed when the email was written, e.g. what changed about a meeting. */
  data?: Record<string, unknown>;
  /** A notice to many people: fanned out to one email each (see delivery.ts). */
  fanOut?: boolean;
  /** For a notice being fanned out: the key of the last recipient done. */
  fannedOutTo?: string;
  status: OutboxStatus;
  /** Delivery attempts so far. */
  attempts: number;
  nextAttemptAt: string;
  leaseUntil?: string;
  lastError?: string;
  lastAttemptAt?: string;
  createdAt: string;
  sentAt?: string;
  /** Epoch seconds: deleted by TTL with what it is about (see retention.ts). */
  expiresAt?: number;
}

export const outboxKey = (id: string): Key => ({ pk: `${platformKeys.outbox}${id}`, sk: 'OUTBOX' });

export function newOutboxEmail(options: {
  capability: string;
  kind: string;
  about: Record<string, string>;
  data?: Record<string, unknown>;
  fanOut?: boolean;
  expiresAt?: number;
  now: Date;
  id?: string;
}): OutboxEmail {
  const at = options.now.toISOString();
  const prefix = outboxIdPrefix(options.capability);
  if (options.id !== undefined && !options.id.startsWith(prefix)) throw new Error(`An outbox id of ${options.capability} must begin “${prefix}”, not “${options.id}”`);
  return {
    id: options.id ?? `${prefix}${newId(options.now)}`,
    capability: options.capability,
    kind: options.kind,
    about: options.about,
    ...(options.data && Object.keys(options.data).length ? { data: options.data } : {}),
    ...(options.fanOut ? { fanOut: true } : {}),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  };
}

const pendingIndex = (email: OutboxEmail) => ({ gsi1pk: pendingEmailsOf(email.capability), gsi1sk: `${email.nextAttemptAt}#${email.id}` });

/** The put of a new outbox item, for the transaction that makes the change it tells people about. */
export function outboxWrite(email: OutboxEmail, name = 'email'): NamedWrite {
  return {
    name,
    write: put(
      { ...outboxKey(email.id), type: 'outbox-email', ...email, ...pendingIndex(email) },
      { condition: 'attribute_not_exists(pk)' },
    ),
  };
}

const outboxFields = [
  'id', 'capability', 'kind', 'about', 'data', 'fanOut', 'fannedOutTo', 'status', 'attempts', 'nextAttemptAt', 'leaseUntil',
  'lastError', 'lastAttemptAt', 'createdAt', 'sentAt', 'expiresAt',
] as const satisfies readonly (keyof OutboxEmail)[];
const toOutboxEmail = (item: Item) => pick<OutboxEmail>(item, outboxFields);

export async function getOutboxEmail(id: string): Promise<OutboxEmail | undefined> {
  const item = await getItem(outboxKey(id), { consistent: true });
  return item ? toOutboxEmail(item) : undefined;
}

/** Outbox items by id, for showing staff how each person's latest email went. */
export async function outboxEmails(ids: readonly string[]): Promise<Map<string, OutboxEmail>> {
  const items = await batchGet([...new Set(ids)].map(outboxKey));
  return new Map(items.map((item) => [String(item['id']?.S), toOutboxEmail(item)]));
}

/** A capability's pending emails whose next attempt is due, oldest first (its delivery timer's safety net). */
export async function emailsDue(capability: string, now: string, limit = 100): Promise<OutboxEmail[]> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: values({ ':pk': pendingEmailsOf(capability), ':now': `${now}#${HIGH}` }),
    },
    limit,
  );
  return items.map(toOutboxEmail);
}

/**
 * Takes a lease on a pending email so no one else sends it meanwhile. A new email (never tried) can be
 * taken at once, which is what the stream does; one that failed before only once its retry is due.
 * Undefined when someone else holds it, it is not due, or it is no longer pending.
 */
export async function claimEmail(id: string, now: string, leaseUntil: string, leaseToken: string): Promise<OutboxEmail | undefined> {
  const outcome = await conditionalUpdate(
    update(outboxKey(id), 'SET leaseUntil = :leaseUntil, leaseToken = :token, attempts = attempts + :one, nextAttemptAt = :leaseUntil, gsi1sk = :sk', {
      names: { '#status': 'status' },
      values: { ':leaseUntil': leaseUntil, ':token': leaseToken, ':one': 1, ':zero': 0, ':sk': `${leaseUntil}#${id}`, ':pending': 'pending', ':now': now },
      condition: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now) AND (attempts = :zero OR nextAttemptAt <= :now)',
    }),
  );
  return outcome.ok && outcome.item ? toOutboxEmail(outcome.item) : undefined;
}

/**
 * Records how far a notice's fan-out has got and extends its lease, so a fan-out cut short by a time
 * limit resumes there and no one else starts it meanwhile. False if the lease was lost.
 */
export async function recordFanOutProgress(notice: OutboxEmail, leaseToken: string, fannedOutTo: string, leaseUntil: string): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(outboxKey(notice.id), 'SET fannedOutTo = :to, leaseUntil = :leaseUntil, nextAttemptAt = :leaseUntil, gsi1sk = :sk', {
      values: { ':to': fannedOutTo, ':leaseUntil': leaseUntil, ':sk': `${leaseUntil}#${notice.id}`, ':token': leaseToken },
      condition: 'leaseToken = :token',
    }),
  );
  return outcome.ok;
}

export type AttemptResult =
  | { status: 'sent' | 'skipped' | 'suppressed' }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; retryAt: string };

/**
 * Records the end of an attempt by the lease holder: sent, skipped (no longer relevant), failed for
 * good, or pending again at `retryAt`. The status lives only on the outbox item.
 */
export async function recordEmailAttempt(email: OutboxEmail, leaseToken: string, now: string, result: AttemptResult): Promise<boolean> {
  const common = { ':status': result.status, ':token': leaseToken, ':now': now };
  const write =
    result.status === 'pending'
      ? update(
          outboxKey(email.id),
          'SET #status = :status, nextAttemptAt = :retryAt, gsi1sk = :sk, lastError = :error, lastAttemptAt = :now REMOVE leaseUntil, leaseToken',
          { names: { '#status': 'status' }, values: { ...common, ':retryAt': result.retryAt, ':sk': `${result.retryAt}#${email.id}`, ':error': result.error }, condition: 'leaseToken = :token' },
        )
      : update(
          outboxKey(email.id),
          `SET #status = :status, lastAttemptAt = :now${result.status === 'sent' ? ', sentAt = :now' : ''}${result.status === 'failed' ? ', lastError = :error' : ''} REMOVE leaseUntil, leaseToken, gsi1pk, gsi1sk`,
          { names: { '#status': 'status' }, values: { ...common, ...(result.status === 'failed' ? { ':error': result.error } : {}) }, condition: 'leaseToken = :token' },
        );
  return (await conditionalUpdate(write)).ok;
}

/** Where links in emails point: the site's own address. */
export const siteUrl = (path: string) => `${config().publicBaseUrl}${path}`;

/**
 * Cancels an email not yet sent (its recipient was erased: core/people/changing.ts): recorded as
 * `skipped` and out of the pending index. An email being sent right now (leased) is left to its
 * delivery, which renders it from the record as it now is: an erased record has no address, and the
 * delivery skips an email with no one to send it to. False when it was not pending.
 */
export async function cancelPendingEmail(id: string, now: string): Promise<boolean> {
  const outcome = await conditionalUpdate(
    update(outboxKey(id), 'SET #status = :skipped, lastError = :why, lastAttemptAt = :now REMOVE gsi1pk, gsi1sk', {
      names: { '#status': 'status' },
      values: { ':skipped': 'skipped', ':pending': 'pending', ':now': now, ':why': 'Cancelled: its recipient’s personal data was erased' },
      condition: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
    }),
  );
  return outcome.ok;
}
