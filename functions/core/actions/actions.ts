/**
 * The action log's domain: create actions (on their own, or inside a capability's transaction) and
 * change their status against the version the person saw, so two people editing at once cannot lose
 * each other's change: the second is refused and shown the action as it is now.
 *
 *   const action = newAction(input, { by: staff.name, source: { capability: 'surgeries', kind: 'booking', id, label } });
 *   await transactWrite([...theWork, { name: 'action', write: putAction(action) }]);
 *   await changeActionStatus(action.id, { version: 1, status: 'done', note: 'Speed watch set up' }, { by: 'A. Officer' });
 */
import { newId } from '../ids.js';
import { Refusal, notFound } from '../refusal.js';
import { conditionalPut, conditionalUpdate } from '../store/writes.js';
import { actionStatuses, isFinished, type Action, type ActionChangeInput, type ActionSource, type NewAction } from './model.js';
import { changeActionWrite, putAction, toAction } from './store.js';

const statusLabel = (id: string) => actionStatuses.find((s) => s.id === id)?.label ?? id;

/** A new open action (not yet written): put it with `putAction`, or call `recordAction`. */
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

/** Records an action on its own (not part of other work). */
export async function recordAction(input: NewAction, context: { by: string; source?: ActionSource; now?: Date }): Promise<Action> {
  const action = newAction(input, context);
  await conditionalPut(putAction(action));
  return action;
}

/** The action whose version moved on while someone was editing it: they are shown it as it is now. */
export class ActionChangedMeanwhile extends Refusal {
  constructor(readonly current: Action) {
    super('action_changed', `Someone else changed this action (it is now ${statusLabel(current.status).toLowerCase()}). Check it and make your change again.`, { kind: 'conflict' });
  }
}

export async function changeActionStatus(id: string, change: ActionChangeInput, context: { by: string; now?: Date }): Promise<Action> {
  const at = (context.now ?? new Date()).toISOString();
  const outcome = await conditionalUpdate(
    changeActionWrite(id, change.version, {
      status: change.status,
      ...(isFinished(change.status) ? { finishedAt: at } : {}),
      entry: { at, by: context.by, summary: `Status: ${statusLabel(change.status)}`, ...(change.note ? { note: change.note } : {}) },
    }),
  );
  if (outcome.ok) return toAction(outcome.item!);
  if (!outcome.current) throw notFound('There is no action with this id');
  throw new ActionChangedMeanwhile(toAction(outcome.current));
}
