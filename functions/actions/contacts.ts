/**
 * The contacts at the bodies that own actions, kept by staff: for each owner kind (core/actions/model.ts)
 * one contact, or for a kind that names its owner (a community safety partnership, another
 * organisation) one per name, matched to an action's owner by that name whatever its case or spacing.
 * Routing an action emails its owner's contact (core/actions/routing.ts, emails/). Each change is
 * against the version staff saw: a stale one is refused with the contact as it is now.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { actionOwnerKind, ownerNeedsName, type ActionOwner, type ActionOwnerKind } from '../core/actions/model.js';
import { Refusal, notFound } from '../core/refusal.js';
import { emailAddress, requiredText } from '../core/validation.js';
import { getContact, putNewContact, removeContact, saveContact } from './store/contacts.js';

export interface OwnerContact {
  /** The owner kind, and for a kind that names its owner a hash of the name (contactIdFor). */
  id: string;
  ownerKind: ActionOwnerKind;
  /** The owning body: for a kind that names its owner, the name actions give it. */
  bodyName: string;
  contactName: string;
  email: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

const body = requiredText({ label: 'the organisation’s name', max: 120 });
const person = requiredText({ label: 'the contact’s name', max: 120 });

export const newContactInput = z.object({ ownerKind: actionOwnerKind, bodyName: body, contactName: person, email: emailAddress('Enter the contact’s email address') });
export type NewContactInput = z.infer<typeof newContactInput>;

export const contactChangeInput = z.object({
  version: z.int({ error: 'The version of the contact is missing' }),
  bodyName: body,
  contactName: person,
  email: emailAddress('Enter the contact’s email address'),
});
export type ContactChangeInput = z.infer<typeof contactChangeInput>;

export const contactVersionInput = z.object({ version: z.int({ error: 'The version of the contact is missing' }) });

/** Names match whatever their case or spacing: "Charnwood CSP" is "charnwood  csp". */
const matchName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The contact id an owner is found by: its kind, with a hash of its name where the kind names one. */
export function contactIdFor(owner: { kind: ActionOwnerKind; name?: string | undefined }): string {
  if (!ownerNeedsName(owner.kind)) return owner.kind;
  return `${owner.kind}--${createHash('sha256').update(matchName(owner.name ?? '')).digest('hex').slice(0, 16)}`;
}

export const looksLikeContactId = (id: string) => /^[a-z-]{1,40}(--[0-9a-f]{16})?$/.test(id);

/** The contact of an action's owner, when staff recorded one. */
export const contactOf = (owner: ActionOwner, options: { consistent?: boolean } = {}) => getContact(contactIdFor(owner), options);

/** The contact as staff saw it changed meanwhile (or removed): they are shown it as it is now. */
export class ContactChangedMeanwhile extends Refusal {
  constructor(readonly current: OwnerContact | undefined) {
    super('contact_changed', current ? 'Someone else changed this contact meanwhile. Check it and make your change again.' : 'Someone else removed this contact meanwhile.', { kind: 'conflict' });
  }
}

export async function addContact(input: NewContactInput, context: { by: string; now?: Date }): Promise<OwnerContact> {
  const at = (context.now ?? new Date()).toISOString();
  const contact: OwnerContact = { id: contactIdFor({ kind: input.ownerKind, name: input.bodyName }), ...input, bodyName: input.bodyName.trim(), version: 1, createdAt: at, updatedAt: at, updatedBy: context.by };
  const outcome = await putNewContact(contact);
  if (outcome.ok) return contact;
  const field = ownerNeedsName(input.ownerKind) ? 'bodyName' : 'ownerKind';
  throw new Refusal('contact_exists', `There is already a contact for ${outcome.current?.bodyName ?? 'this owner'}: change that one instead`, { kind: 'conflict', fields: [{ field, message: `There is already a contact for ${outcome.current?.bodyName ?? 'this owner'}: change that one instead` }] });
}

/**
 * A new name or address against the version seen. Where the kind names its owner, the organisation's
 * name is how actions find the contact: it may change only in case or spacing (another body is another contact).
 */
export async function changeContact(seen: OwnerContact, change: ContactChangeInput, context: { by: string; now?: Date }): Promise<OwnerContact> {
  if (ownerNeedsName(seen.ownerKind) && contactIdFor({ kind: seen.ownerKind, name: change.bodyName }) !== seen.id) {
    throw new Refusal('another_body', 'This is how actions find the contact: for another organisation, add a new contact', { kind: 'invalid', fields: [{ field: 'bodyName', message: 'This is how actions find the contact: for another organisation, add a new contact' }] });
  }
  const contact: OwnerContact = { ...seen, bodyName: change.bodyName.trim(), contactName: change.contactName, email: change.email, version: change.version + 1, updatedAt: (context.now ?? new Date()).toISOString(), updatedBy: context.by };
  const outcome = await saveContact(contact, change.version);
  if (outcome.ok) return contact;
  throw new ContactChangedMeanwhile(outcome.current);
}

export async function deleteContact(id: string, seenVersion: number): Promise<void> {
  const outcome = await removeContact(id, seenVersion);
  if (outcome.ok) return;
  if (!outcome.current) throw notFound('There is no such contact');
  throw new ContactChangedMeanwhile(outcome.current);
}
