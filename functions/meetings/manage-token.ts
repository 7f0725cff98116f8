/**
 * Manage links: 32 random bytes (base64url) in the email, only a SHA-256 hash at rest. Because the
 * plain token is never stored, every email that carries the link gets a freshly minted one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ManageLink } from './store.js';

/** A link stays in the table a week after the meeting ends (TTL clean-up); it stops working at the end. */
const KEEP_AFTER_END_SECONDS = 7 * 24 * 3600;

export const hashManageToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 43 base64url characters, as minted; anything else cannot be a token. */
export const looksLikeManageToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export function mintManageToken(meeting: { id: string; endsAt: string }, registrationId: string): { token: string; link: ManageLink } {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    link: {
      tokenHash: hashManageToken(token),
      meetingId: meeting.id,
      registrationId,
      expiresAt: Math.floor(Date.parse(meeting.endsAt) / 1000) + KEEP_AFTER_END_SECONDS,
    },
  };
}
