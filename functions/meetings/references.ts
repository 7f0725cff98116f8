/**
 * Identifiers. A reference is short enough to read out at the door (`K7M-4QX`) and avoids letters
 * that look like digits; it doubles as the registration's id within its meeting (uniqueness is a
 * condition on the put).
 */
import { randomInt } from 'node:crypto';

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
