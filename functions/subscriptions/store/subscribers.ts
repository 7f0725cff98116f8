/**
 * Subscribers: one item per address, keyed by the address's keyed hash (core's, as suppression and the
 * people index use), so a second request for the same address finds the first with one GetItem and
 * the key names no one.
 *
 *   SUBSCRIBER#<hmac(address)> / SUBSCRIBER     gsi1 SUBSCRIBERS / <area code or all>#<id>, once confirmed
 *                                               gsi3 PERSON#<hmac(address)> / subscriptions#subscription#<id>
 *
 * A request (`requestId`) waits for its emailed link; confirming it is an update conditional on that
 * request id, which it removes, so the link works once. An address never confirmed carries `expiresAt`
 * (TTL deletes it); a confirmed one is kept until it unsubscribes, which deletes the item.
 */
import type { CouncilAreaCode } from '../../core/council-areas.js';
import { newId } from '../../core/ids.js';
import { addressHash } from '../../core/outbox/suppression.js';
import { outboxWrite, type OutboxEmail } from '../../core/outbox/outbox.js';
import { personIndex } from '../../core/people/index.js';
import { pick, values, type Key } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import { settle, transactWrite, TRY_AGAIN } from '../../core/store/transactions.js';
import { put, remove, update } from '../../core/store/writes.js';
import { requestExpiry } from '../retention.js';
import { subscriptionKeys } from './keys.js';

export const CAPABILITY = 'subscriptions';
/** Every council area: a subscription with no area of its own. */
export const EVERYWHERE = 'all';
export type Area = CouncilAreaCode | typeof EVERYWHERE;

export interface Subscriber {
  /** The address's keyed hash: the item's key, and what links name. */
  address: string;
  /** This subscription's id: new when an address subscribes afresh after unsubscribing. */
  id: string;
  email: string;
  status: 'pending' | 'confirmed';
  /** The council area chosen when confirmed; none for everywhere. */
  areaCode?: CouncilAreaCode;
  /** A request waiting for its link to be used, and the area it asks for. */
  requestId?: string;
  requestedArea?: Area;
  requestedAt: string;
  confirmedAt?: string;
  /** The latest email about it (cancelled on erasure if still pending). */
  lastEmailId?: string;
  expiresAt?: number;
}

const FIELDS = ['id', 'email', 'status', 'areaCode', 'requestId', 'requestedArea', 'requestedAt', 'confirmedAt', 'lastEmailId', 'expiresAt'] as const;

const subscriberKey = (address: string): Key => ({ pk: `${subscriptionKeys.subscriber}${address}`, sk: 'SUBSCRIBER' });

export async function getSubscriber(address: string): Promise<Subscriber | undefined> {
  const item = await getItem(subscriberKey(address), { consistent: true });
  return item ? { address, ...pick<Omit<Subscriber, 'address'>>(item, FIELDS) } : undefined;
}

/**
 * Saves a request to subscribe `email` to `area` and its confirmation email, in one transaction: a new
 * item for a new address; for a known one, the request recorded beside what it has (a confirmed
 * subscription keeps getting its emails meanwhile). `email` builds the outbox email for the request.
 */
export function saveRequest(email: string, area: Area, now: Date, confirmation: (about: { address: string; requestId: string }) => OutboxEmail): Promise<void> {
  const address = addressHash(email);
  const at = now.toISOString();
  return settle(async () => {
    const existing = await getSubscriber(address);
    const requestId = newId(now);
    const outbox = confirmation({ address, requestId });
    if (!existing) {
      const id = newId(now);
      const item = {
        ...subscriberKey(address),
        type: 'subscriber',
        id,
        email,
        status: 'pending',
        requestId,
        requestedArea: area,
        requestedAt: at,
        lastEmailId: outbox.id,
        expiresAt: requestExpiry(at),
        ...personIndex(email, CAPABILITY, 'subscription', id),
      };
      const outcome = await transactWrite([{ name: 'subscriber', write: put(item, { condition: 'attribute_not_exists(pk)' }) }, outboxWrite(outbox)]);
      return outcome.ok ? undefined : TRY_AGAIN;
    }
    const pending = existing.status === 'pending';
    const outcome = await transactWrite([
      {
        name: 'subscriber',
        write: update(subscriberKey(address), `SET requestId = :request, requestedArea = :area, requestedAt = :at, lastEmailId = :email${pending ? ', expiresAt = :expires' : ''}`, {
          values: { ':request': requestId, ':area': area, ':at': at, ':email': outbox.id, ':id': existing.id, ...(pending ? { ':expires': requestExpiry(at) } : {}) },
          condition: 'id = :id',
        }),
      },
      outboxWrite(outbox),
    ]);
    return outcome.ok ? undefined : TRY_AGAIN;
  });
}

/**
 * Confirms the request `requestId` (the link's): the subscription takes the area it asked for and from
 * now on gets the emails. False when that request is no longer waiting (used already, replaced by a
 * newer one, unsubscribed or expired).
 */
export async function confirmRequest(address: string, requestId: string, now: Date): Promise<boolean> {
  const subscriber = await getSubscriber(address);
  if (!subscriber || subscriber.requestId !== requestId) return false;
  const area = subscriber.requestedArea ?? EVERYWHERE;
  const everywhere = area === EVERYWHERE;
  // A transaction, so a form's submission is claimed with it (a repeat is answered as the first was).
  const outcome = await transactWrite([
    {
      name: 'subscriber',
      write: update(
        subscriberKey(address),
        `SET #status = :confirmed, confirmedAt = :at, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk${everywhere ? '' : ', areaCode = :area'} REMOVE requestId, requestedArea, expiresAt${everywhere ? ', areaCode' : ''}`,
        {
          names: { '#status': 'status' },
          values: {
            ':confirmed': 'confirmed',
            ':at': now.toISOString(),
            ':gsi1pk': subscriptionKeys.confirmed,
            ':gsi1sk': `${area}#${subscriber.id}`,
            ':request': requestId,
            ...(everywhere ? {} : { ':area': area }),
          },
          condition: 'requestId = :request',
        },
      ),
    },
  ]);
  return outcome.ok;
}

/** Ends the subscription `id` (the link's): the item is deleted. False when it had gone already. */
export async function deleteSubscription(address: string, id: string): Promise<boolean> {
  const outcome = await transactWrite([{ name: 'subscriber', write: remove(subscriberKey(address), { values: { ':id': id }, condition: 'id = :id' }) }]);
  return outcome.ok;
}

/**
 * Confirmed subscribers to hear of something in `areaCode`: those who chose everywhere and those who
 * chose that area (two Queries of one index partition); for something with no area, all of them.
 * One each an email address, the oldest: a subscriber whose address staff corrected keeps the old
 * address's key (docs/decisions.md), so a later request from the new address makes a second item.
 */
export async function confirmedSubscribers(areaCode: CouncilAreaCode | undefined): Promise<Array<{ address: string; id: string }>> {
  const query = (begins?: string) =>
    queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: begins ? 'gsi1pk = :pk AND begins_with(gsi1sk, :begins)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: values({ ':pk': subscriptionKeys.confirmed, ...(begins ? { ':begins': begins } : {}) }),
      ProjectionExpression: 'pk, id, email',
    });
  const items = areaCode ? (await Promise.all([query(`${EVERYWHERE}#`), query(`${areaCode}#`)])).flat() : await query();
  const oldestFirst = items
    .map((item) => ({ address: String(item['pk']?.S).slice(subscriptionKeys.subscriber.length), id: String(item['id']?.S), email: String(item['email']?.S).toLowerCase() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const seen = new Set<string>();
  return oldestFirst.filter((s) => !seen.has(s.email) && seen.add(s.email)).map(({ address, id }) => ({ address, id }));
}
