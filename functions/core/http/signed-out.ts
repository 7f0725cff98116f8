/**
 * Sessions ended by signing out. A staff session is the issuer's ID token (a signed JWT, valid for up
 * to a day), carried in the session cookie or as a bearer token, so clearing the cookie alone would
 * leave a copy of it working until it expires. Signing out records the token's SHA-256 until then
 * (DynamoDB's TTL removes the item afterwards), and every authenticated request looks it up (see
 * auth.ts), so the old value gets 401 at once, as a cookie or as a bearer token.
 */
import { createHash } from 'node:crypto';
import { platformKeys } from '../platform-keys.js';
import type { Key } from '../store/items.js';
import { getItem } from '../store/reads.js';
import { conditionalPut, put } from '../store/writes.js';

const signedOutKey = (token: string): Key => ({ pk: `${platformKeys.signedOut}${createHash('sha256').update(token).digest('hex')}`, sk: 'SIGNEDOUT' });

/** Ends the session `token` is, until `expiresAt` (the token's own expiry, epoch seconds). */
export async function endSession(token: string, expiresAt: number, now = new Date()): Promise<void> {
  await conditionalPut(put({ ...signedOutKey(token), type: 'signed-out', signedOutAt: now.toISOString(), expiresAt }));
}

/** Whether the session `token` is has been ended (a strongly consistent read: sign-out takes effect at once). */
export async function hasSignedOut(token: string): Promise<boolean> {
  return (await getItem(signedOutKey(token), { consistent: true })) !== undefined;
}
