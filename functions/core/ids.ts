/** Random identifiers. */
import { randomBytes } from 'node:crypto';

/** Time-ordered, random, URL-safe id (for items and emails): base36 milliseconds then 10 random chars. */
export function newId(now = new Date()): string {
  return `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(8).toString('base64url').slice(0, 10).toLowerCase().replace(/[-_]/g, 'x')}`;
}

/** A secret for a lease or a link: 16 random bytes, base64url. */
export const newSecret = (bytes = 16) => randomBytes(bytes).toString('base64url');
