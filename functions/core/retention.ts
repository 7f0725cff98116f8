/**
 * How long personal data from a meeting registration is kept, written down once: the privacy notice
 * (functions/site/privacy-notice.tsx) quotes REGISTRATION_RETENTION_MONTHS, and the meetings store
 * stamps every item holding such data with personalDataExpiry(meeting end), the `expiresAt` TTL
 * attribute DynamoDB deletes by (see functions/core/table.ts). Change it here and both change.
 */
import { addLondonMonths } from './time.js';

/** Registrations are deleted this many calendar months after the meeting ends (or was due to end, if cancelled). */
export const REGISTRATION_RETENTION_MONTHS = 12;

/**
 * When personal data about a meeting ending at `endsAtIso` is due for deletion, in epoch seconds (the
 * unit DynamoDB TTL reads): the same London date and time REGISTRATION_RETENTION_MONTHS months later,
 * or the last day of that month when it is shorter (29 February 2028 → 28 February 2029).
 */
export function personalDataExpiry(endsAtIso: string): number {
  return Math.floor(Date.parse(addLondonMonths(endsAtIso, REGISTRATION_RETENTION_MONTHS)) / 1000);
}
