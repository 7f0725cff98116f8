/**
 * Addresses email is no longer sent to: one whose mail server said it does not exist (a hard bounce),
 * or whose owner reported our email as spam (a complaint). SES tells the platform of each
 * (email-events.ts); the delivery asks here before every send and records the email as `suppressed`
 * instead; staff pages mark the address, so staff phone the person instead.
 *
 * The item's key is a keyed hash of the address (HMAC-SHA256 with ADDRESS_KEY), never the address,
 * and the item does not hold the address either: every page that shows an address already has it
 * and asks about it by its hash, so nothing here is worth storing it for. The address is compared
 * as it was written, in lower case: `jo+news@` bouncing says nothing about `jo@` on a server that
 * does not know `+` tags.
 *
 *   const stopped = await suppressedAmong(registrations.map((r) => r.email));   // Map<address, Suppression>
 */
import { createHmac } from 'node:crypto';
import { config } from '../config.js';
import { platformKeys } from '../platform-keys.js';
import { suppressionRetention } from '../platform-retention.js';
import { expiryAfter } from '../retention.js';
import { epochSeconds, pick, unexpired, type Item, type Key } from '../store/items.js';
import { batchGet, getItem } from '../store/reads.js';
import type { NamedWrite } from '../store/transactions.js';
import { put, update } from '../store/writes.js';

/** How an address is compared: as written, without surrounding space, in lower case. */
export const normalAddress = (address: string) => address.trim().toLowerCase();

/** The keyed hash that stands for an address in keys: it names no one, and cannot be made without ADDRESS_KEY. */
export const addressHash = (address: string, key = config().addressKey) =>
  createHmac('sha256', key).update(normalAddress(address)).digest('base64url');

export type SuppressionReason = 'bounce' | 'complaint';

export interface Suppression {
  /** The latest reason: a complaint after a bounce (or the other way round) says so. */
  reason: SuppressionReason;
  firstAt: string;
  lastAt: string;
  bounces: number;
  complaints: number;
}

const suppressionKey = (address: string): Key => ({ pk: `${platformKeys.suppressedAddress}${addressHash(address)}`, sk: 'SUPPRESSED' });
/** One SES event, so a repeat (EventBridge delivers at least once) changes nothing and counts nothing. */
const eventKey = (address: string, feedbackId: string): Key => ({ pk: `${platformKeys.suppressedAddress}${addressHash(address)}`, sk: `EVENT#${feedbackId}` });
/** Long enough to outlast EventBridge's retries (a day). */
const EVENT_KEPT_DAYS = 7;

const toSuppression = (item: Item) => pick<Suppression>(item, ['reason', 'firstAt', 'lastAt', 'bounces', 'complaints']);

/** The writes that record one bounce or complaint of `address` (at `at`), for one transaction. */
export function suppressionWrites(address: string, reason: SuppressionReason, feedbackId: string, at: Date): NamedWrite[] {
  const iso = at.toISOString();
  return [
    {
      name: 'event',
      write: put(
        { ...eventKey(address, feedbackId), type: 'suppression-event', reason, at: iso, expiresAt: epochSeconds(at) + EVENT_KEPT_DAYS * 86_400 },
        { condition: 'attribute_not_exists(pk)' },
      ),
    },
    {
      name: 'suppression',
      write: update(
        suppressionKey(address),
        'SET #type = :type, reason = :reason, firstAt = if_not_exists(firstAt, :at), lastAt = :at, expiresAt = :expiresAt ADD bounces :bounces, complaints :complaints',
        {
          names: { '#type': 'type' },
          values: {
            ':type': 'suppressed-address',
            ':reason': reason,
            ':at': iso,
            ':expiresAt': expiryAfter(suppressionRetention, iso),
            ':bounces': reason === 'bounce' ? 1 : 0,
            ':complaints': reason === 'complaint' ? 1 : 0,
          },
        },
      ),
    },
  ];
}

/** Whether email to this address has stopped (a strongly consistent read: the delivery asks just before sending). */
export async function suppressionOf(address: string, now = new Date()): Promise<Suppression | undefined> {
  const item = unexpired(await getItem(suppressionKey(address), { consistent: true }), now);
  return item ? toSuppression(item) : undefined;
}

/** Which of these addresses email has stopped for, for a staff page that lists them (BatchGetItem, 100 a request). */
export async function suppressedAmong(addresses: readonly string[], now = new Date()): Promise<Map<string, Suppression>> {
  const distinct = [...new Set(addresses.filter(Boolean).map(normalAddress))];
  const byPk = new Map(distinct.map((address) => [suppressionKey(address).pk, address]));
  const items = await batchGet(distinct.map(suppressionKey));
  const found = new Map<string, Suppression>();
  for (const item of items) {
    const address = byPk.get(String(item['pk']?.S));
    if (address && unexpired(item, now)) found.set(address, toSuppression(item));
  }
  // Keyed as the caller wrote each address.
  return new Map(addresses.flatMap((a) => (found.has(normalAddress(a)) ? [[a, found.get(normalAddress(a))!] as const] : [])));
}
