/**
 * The people index (gsi3): every item that holds a person's email address carries `gsi3pk` =
 * `PERSON#<keyed hash of the address>` and `gsi3sk` = `<capability>#<kind>#<id>`, written with the item,
 * so one Query finds a person's records in every capability. The hash is suppression's (HMAC-SHA256
 * with ADDRESS_KEY of the lower-cased address): the index names no one and cannot be searched without
 * the key.
 *
 *   put({ ...registrationKey(meetingId, id), ...registration, ...personIndex(registration.email, 'meetings', 'registration', id) })
 */
import { addressHash } from '../outbox/suppression.js';
import { platformKeys } from '../platform-keys.js';

export const personPartition = (address: string) => `${platformKeys.person}${addressHash(address)}`;

/** The index keys for an item holding `address` (none for an empty one: an erased record is no one's). */
export function personIndex(address: string | undefined, capability: string, kind: string, id: string): { gsi3pk?: string; gsi3sk?: string } {
  if (!address?.trim()) return {};
  return { gsi3pk: personPartition(address), gsi3sk: `${capability}#${kind}#${id}` };
}

/** SET fragments moving an item's index keys to a (changed) address, for an UpdateItem; REMOVE when it has none. */
export function personIndexSet(address: string | undefined, capability: string, kind: string, id: string) {
  const keys = personIndex(address, capability, kind, id);
  return keys.gsi3pk
    ? { set: 'gsi3pk = :personPk, gsi3sk = :personSk', remove: '', values: { ':personPk': keys.gsi3pk, ':personSk': keys.gsi3sk } }
    : { set: '', remove: 'gsi3pk, gsi3sk', values: {} };
}

/** Email addresses a free text (notes) gives, lower-cased, each once. */
export function mentionedAddresses(text: string | undefined): string[] {
  const found = (text ?? '').match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
  return [...new Set(found.map((a) => a.toLowerCase()))];
}

/**
 * A marker item per address a note gives (sort key `<skPrefix><hash>`: the address is not stored), in
 * the note's partition, so the person search finds the note (declared with `marker`). Returns the
 * marker items for `after` and the keys of markers for addresses `before` gave that `after` does not.
 */
export function mentionMarkers(
  note: { pk: string; skPrefix: string; capability: string; kind: string; id: string; expiresAt?: number },
  before: string | undefined,
  after: string | undefined,
): { put: Array<Record<string, unknown>>; remove: Array<{ pk: string; sk: string }> } {
  const now = mentionedAddresses(after);
  const gone = mentionedAddresses(before).filter((a) => !now.includes(a));
  const sk = (address: string) => `${note.skPrefix}${addressHash(address)}`;
  return {
    put: now.map((address) => ({
      pk: note.pk,
      sk: sk(address),
      type: 'person-marker',
      ...personIndex(address, note.capability, note.kind, note.id),
      ...(note.expiresAt ? { expiresAt: note.expiresAt } : {}),
    })),
    remove: gone.map((address) => ({ pk: note.pk, sk: sk(address) })),
  };
}
