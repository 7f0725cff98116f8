/**
 * Links that let someone act without an account (manage a registration, book with an invitation).
 * The token in the link is 32 random bytes (256 bits, base64url); the table holds only its SHA-256,
 * so a leaked table cannot be turned into working links, and each email carries a freshly minted one.
 * A link names its capability, what it is about and its purpose, and stops working at `validUntil`;
 * DynamoDB's TTL removes the item a week later.
 *
 *   const { token, link } = mintManageLink({ capability: 'meetings', purpose: 'manage', about: { meetingId, registrationId }, validUntil });
 *   await saveManageLink(link);
 *   const found = await findManageLink(token, { capability: 'meetings', purpose: 'manage' }); // undefined if unknown, expired or another's
 */
import { createHash, randomBytes } from 'node:crypto';
import { platformKeys } from './platform-keys.js';
import { epochSeconds, pick, type Key } from './store/items.js';
import { getItem } from './store/reads.js';
import { conditionalPut, put } from './store/writes.js';
import type { NamedWrite } from './store/transactions.js';

export interface ManageLink {
  tokenHash: string;
  capability: string;
  /** What the link lets its holder do, e.g. `manage` or `book`. */
  purpose: string;
  /** Ids of what it is about, e.g. { meetingId, registrationId }. */
  about: Record<string, string>;
  /** ISO instant after which the link no longer works. */
  validUntil: string;
  /** Epoch seconds: TTL removes the item (a week after validUntil). */
  expiresAt: number;
}

const KEEP_AFTER_VALID_SECONDS = 7 * 24 * 3600;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 43 base64url characters, as minted; anything else cannot be a token and is not looked up. */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

const linkKey = (tokenHash: string): Key => ({ pk: `${platformKeys.manageLink}${tokenHash}`, sk: 'MANAGE' });

export function mintManageLink(options: { capability: string; purpose: string; about: Record<string, string>; validUntil: string }): { token: string; link: ManageLink } {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    link: { tokenHash: hashToken(token), ...options, expiresAt: epochSeconds(options.validUntil) + KEEP_AFTER_VALID_SECONDS },
  };
}

const linkItem = (link: ManageLink) => ({ ...linkKey(link.tokenHash), type: 'manage-link', ...link });

/** The link's put, for a transaction that creates what it is about. */
export const manageLinkWrite = (link: ManageLink): NamedWrite => ({ name: 'manage-link', write: put(linkItem(link), { condition: 'attribute_not_exists(pk)' }) });

export async function saveManageLink(link: ManageLink): Promise<void> {
  const outcome = await conditionalPut(put(linkItem(link), { condition: 'attribute_not_exists(pk)' }));
  if (!outcome.ok) throw new Error('A manage link with this token already exists'); // 2^-256: a broken random source
}

/** The link for this token, if it is one of this capability's for this purpose and still valid. */
export async function findManageLink(
  token: string,
  expected: { capability: string; purpose: string },
  now: Date = new Date(),
): Promise<ManageLink | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const item = await getItem(linkKey(hashToken(token)), { consistent: true });
  if (!item) return undefined;
  const link = pick<ManageLink>(item, ['tokenHash', 'capability', 'purpose', 'about', 'validUntil', 'expiresAt']);
  if (link.capability !== expected.capability || link.purpose !== expected.purpose) return undefined;
  return now.toISOString() < link.validUntil ? link : undefined;
}
