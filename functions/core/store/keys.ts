/**
 * The key-prefix registry. Every capability shares one table, so each declares the prefixes of the
 * partition keys it writes (on the table and on the indexes); two owners claiming overlapping
 * prefixes would read each other's items (a meetings query for `MEETING#...` would find another
 * capability's `MEETING#...` rows). Declaring twice, or a prefix that overlaps another owner's,
 * throws when the module loads, so a collision fails every test and every cold start.
 *
 *   export const keys = keyPrefixes('meetings', { meeting: 'MEETING#', allMeetings: 'MEETINGS' });
 *   keys.meeting + id   // 'MEETING#abc'
 */

export interface KeyPrefix {
  owner: string;
  prefix: string;
}

const registry: KeyPrefix[] = [];

/** Every prefix declared so far (the platform's and each loaded capability's). */
export const declaredKeyPrefixes = (): readonly KeyPrefix[] => registry;

/** True when one prefix could match keys of the other. */
export const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export function keyPrefixes<T extends Record<string, string>>(owner: string, prefixes: T): T {
  for (const prefix of Object.values(prefixes)) {
    if (!prefix) throw new Error(`${owner}: an empty key prefix would match every key`);
    for (const other of registry) {
      if (other.owner !== owner && overlaps(other.prefix, prefix)) {
        throw new Error(`Key prefix "${prefix}" of ${owner} overlaps "${other.prefix}" of ${other.owner}: they would read each other's items`);
      }
    }
    if (!registry.some((r) => r.owner === owner && r.prefix === prefix)) registry.push({ owner, prefix });
  }
  return prefixes;
}

/** Sorts after any id, so `<instant>#~` bounds "everything at or before this instant" in a sort key. */
export const HIGH = '~';
