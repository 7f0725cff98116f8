/**
 * Every email the action log sends, as the outbox delivers it: an action routed to its owner (raised
 * with that owner anywhere, or passed on in the log; core/actions/routing.ts), to the contact recorded
 * for that owner. Skipped when no contact is recorded, when the action has since gone to another owner,
 * or when it is finished.
 */
import { isFinished, type Action, type ActionOwner } from '../../core/actions/model.js';
import { ACTION_LOG, ROUTED_KIND } from '../../core/actions/routing.js';
import { emailKind, type CapabilityEmails } from '../../core/outbox/kinds.js';
import { contactIdFor, contactOf, type OwnerContact } from '../contacts.js';
import { getAction } from '../store/actions.js';
import { routedEmail } from './routed.js';

interface Routed {
  action: Action;
  contact: OwnerContact;
}

const routedTo = (data: Record<string, unknown> | undefined) => data?.['owner'] as ActionOwner | undefined;

const routed = emailKind<Routed>({
  load: async (email) => {
    const owner = routedTo(email.data);
    const action = await getAction(email.about['actionId'] ?? '', { consistent: true });
    if (!action || !owner) return undefined;
    const contact = await contactOf(owner, { consistent: true });
    return contact ? { action, contact } : undefined;
  },
  stillRelevant: ({ action }, email) => !isFinished(action.status) && contactIdFor(action.owner) === contactIdFor(routedTo(email.data)!),
  to: ({ contact }) => contact.email,
  render: ({ action, contact }) => routedEmail(action, contact),
});

export const emails: CapabilityEmails = { capability: ACTION_LOG, kinds: { [ROUTED_KIND]: routed } };
