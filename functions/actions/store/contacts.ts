/**
 * The contacts at the bodies that own actions, all in one partition (the office keeps a few dozen):
 * listed by one Query, found for an owner by one GetItem on the id the owner gives (contacts.ts), and
 * changed or removed only at the version staff saw. Each carries the people index's keys (its email).
 *
 *   ACTCONTACTS / CONTACT#<id>     gsi3 PERSON#… / actions#owner-contact#<id>
 */
import { personIndex } from '../../core/people/index.js';
import { pick, values, type Item, type Key } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, remove, update } from '../../core/store/writes.js';
import type { OwnerContact } from '../contacts.js';
import { CAPABILITY, actionLogKeys } from './keys.js';


const contactKey = (id: string): Key => ({ pk: actionLogKeys.contacts, sk: `CONTACT#${id}` });
const fields = ['id', 'ownerKind', 'bodyName', 'contactName', 'email', 'version', 'createdAt', 'updatedAt', 'updatedBy'] as const satisfies readonly (keyof OwnerContact)[];
const toContact = (item: Item) => pick<OwnerContact>(item, fields);

export async function getContact(id: string, options: { consistent?: boolean } = {}): Promise<OwnerContact | undefined> {
  const item = await getItem(contactKey(id), options);
  return item ? toContact(item) : undefined;
}

/** Every contact, by owner kind and then body (the sort key is the id, which begins with the kind). */
export async function everyContact(): Promise<OwnerContact[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': actionLogKeys.contacts }) });
  return items.map(toContact);
}

export type ContactOutcome = { ok: true } | { ok: false; current?: OwnerContact };

async function saved(write: NamedWrite['write']): Promise<ContactOutcome> {
  const outcome = await transactWrite([{ name: 'contact', write }]);
  if (outcome.ok) return { ok: true };
  const current = outcome.failed.get('contact');
  return { ok: false, ...(current ? { current: toContact(current) } : {}) };
}

/** A new contact, unless that owner has one already (then `current` is it). */
export const putNewContact = (contact: OwnerContact) =>
  saved(put({ ...contactKey(contact.id), type: 'action-owner-contact', ...contact, ...personIndex(contact.email, CAPABILITY, 'owner-contact', contact.id) }, { condition: 'attribute_not_exists(pk)', returnOld: true }));

/** The contact as changed, only at the version staff saw (the people index follows the address). */
export function saveContact(contact: OwnerContact, seenVersion: number): Promise<ContactOutcome> {
  const person = personIndex(contact.email, CAPABILITY, 'owner-contact', contact.id);
  return saved(
    update(contactKey(contact.id), 'SET bodyName = :body, contactName = :name, email = :email, #version = :next, updatedAt = :at, updatedBy = :by, gsi3pk = :personPk, gsi3sk = :personSk', {
      names: { '#version': 'version' },
      values: {
        ':body': contact.bodyName,
        ':name': contact.contactName,
        ':email': contact.email,
        ':next': seenVersion + 1,
        ':seen': seenVersion,
        ':at': contact.updatedAt,
        ':by': contact.updatedBy,
        ':personPk': person.gsi3pk,
        ':personSk': person.gsi3sk,
      },
      condition: 'attribute_exists(pk) AND #version = :seen',
      returnOld: true,
    }),
  );
}

/** Removes the contact, only at the version staff saw. */
export const removeContact = (id: string, seenVersion: number) =>
  saved(remove(contactKey(id), { names: { '#version': 'version' }, values: { ':seen': seenVersion }, condition: 'attribute_exists(pk) AND #version = :seen', returnOld: true }));
