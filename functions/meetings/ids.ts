/**
 * Identifiers. A reference is short enough to read out at the door (`K7M-4QX`) and avoids letters
 * that look like digits; it doubles as the registration's id within its meeting (uniqueness is a
 * condition on the put). Other ids are random and URL-safe.
 */
import { randomBytes, randomInt } from 'node:crypto';

const READABLE = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Six readable characters: about a billion codes. */
export function newRegistrationId(): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += READABLE[randomInt(READABLE.length)];
  return id;
}

/** `K7M4QX` → `K7M-4QX`. */
export const referenceFor = (registrationId: string) => `${registrationId.slice(0, 3)}-${registrationId.slice(3)}`;

/** Accepts what people type: any case, with or without the dash or spaces. */
export const registrationIdFromReference = (reference: string) => reference.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** Time-ordered, random id (for meetings and emails): base36 milliseconds then 10 random chars. */
export function newId(now = new Date()): string {
  return `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(8).toString('base64url').slice(0, 10).toLowerCase().replace(/[-_]/g, 'x')}`;
}
