/**
 * Raising an action: a capability makes it here and writes it (`putAction`) in the transaction of the
 * work it arises from, so the action exists exactly when that work does. The action log
 * (functions/actions) raises actions on their own and changes their status.
 *
 *   const action = newAction(input, { by: staff.name, source: { capability: 'surgeries', kind: 'booking', id, label } });
 *   await transactWrite([...theWork, { name: 'action', write: putAction(action) }]);
 */
import { newId } from '../ids.js';
import type { Action, ActionSource, NewAction } from './model.js';

/** A new open action (not yet written): put it with `putAction` in the transaction of its work. */
export function newAction(input: NewAction, context: { by: string; source?: ActionSource; now?: Date }): Action {
  const at = (context.now ?? new Date()).toISOString();
  return {
    id: newId(context.now),
    what: input.what,
    ...(context.source ? { source: context.source } : {}),
    ...(input.theme ? { theme: input.theme } : {}),
    ...(input.areaCode ? { areaCode: input.areaCode } : {}),
    owner: input.owner.name ? { kind: input.owner.kind, name: input.owner.name } : { kind: input.owner.kind },
    ...(input.dueOn ? { dueOn: input.dueOn } : {}),
    status: 'open',
    version: 1,
    createdAt: at,
    createdBy: context.by,
    updatedAt: at,
    history: [{ at, by: context.by, summary: 'Action opened' }],
  };
}
