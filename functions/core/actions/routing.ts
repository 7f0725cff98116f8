/**
 * Routing an action to its owner: an email to the owning body's contact, when the action log has one
 * for that owner. The outbox item is written in the transaction that gives the action its owner (raised
 * anywhere through `actionWrites`, or passed on in the log), so the email exists exactly when the change
 * does. Its id is the action's id and the version that routed it, so a retried transaction cannot write
 * a second one. The action log's delivery (functions/actions/emails) reads the contacts it keeps at send
 * time: no contact recorded for that owner, and the email is skipped, not sent.
 */
import { epochSeconds } from '../store/items.js';
import { newOutboxEmail, outboxWrite } from '../outbox/outbox.js';
import type { NamedWrite } from '../store/transactions.js';
import { addLondonMonths } from '../time.js';
import type { Action } from './model.js';

/** The capability whose delivery sends routing emails (the action log). */
export const ACTION_LOG = 'actions';
export const ROUTED_KIND = 'routed';

/** The outbox holds only ids; it is kept a month after the change, long enough for every retry. */
const ROUTED_EMAIL_MONTHS = 1;

/** The routed email's outbox write for the action as it is at `action.version`. */
export function routedEmailWrite(action: Pick<Action, 'id' | 'owner' | 'version'>, now: Date, name = 'routed-email'): NamedWrite {
  return outboxWrite(
    newOutboxEmail({
      capability: ACTION_LOG,
      kind: ROUTED_KIND,
      id: `${ACTION_LOG}#routed-${action.id}-${action.version}`,
      about: { actionId: action.id },
      data: { version: action.version, owner: action.owner },
      expiresAt: epochSeconds(addLondonMonths(now.toISOString(), ROUTED_EMAIL_MONTHS)),
      now,
    }),
    name,
  );
}
