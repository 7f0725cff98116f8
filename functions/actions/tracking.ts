/**
 * Staff track actions to completion: raise one on its own (actions arising from a capability's work
 * are raised there, in its transaction), and change a status against the version the person saw, so
 * two people editing at once cannot lose each other's change: the second is refused and shown the
 * action as it is now. Each is one transaction, so a form posted twice changes the log once (core's
 * submission key is claimed with it).
 *
 *   const action = await recordAction(input, { by: 'A. Officer' });
 *   await changeActionStatus(action.id, { version: 1, status: 'done', note: 'Speed watch set up' }, { by: 'A. Officer' });
 */
import { newAction } from '../core/actions/actions.js';
import { isFinished, ownerLabel, statusLabel, type Action, type ActionOwner, type NewAction } from '../core/actions/model.js';
import { publicOutcomeWrites } from '../core/actions/public-outcomes.js';
import { routedEmailWrite } from '../core/actions/routing.js';
import { ACTION_FIGURES, actionWrites, dueInstant, toAction } from '../core/actions/store.js';
import { formatDay } from '../core/time.js';
import { figureWrites } from '../core/period-figures.js';
import { closedCountsChange } from './figures-counted.js';
import { hasPublicPage } from './sources.js';
import { Refusal, notFound } from '../core/refusal.js';
import { transactWrite } from '../core/store/transactions.js';
import type { ActionChangeInput, ActionOwnerChangeInput, ActionPublicInput } from './model.js';
import { getAction, ownerChangeWrite, publicChangeWrite, statusChangeWrite } from './store/actions.js';

const noSuchAction = () => notFound('There is no action with this id');
export const NO_PUBLIC_PAGE = 'This action did not come from a meeting or a consultation, so there is no public page to show it on';

/** Raises an action on its own (not arising from other work). */
export async function recordAction(input: NewAction, context: { by: string; now?: Date }): Promise<Action> {
  const action = newAction(input, context);
  const outcome = await transactWrite(actionWrites([action]));
  if (!outcome.ok) throw new Error(`Action ${action.id} exists already`);
  return action;
}

/** The action whose version moved on while someone was editing it: they are shown it as it is now. */
export class ActionChangedMeanwhile extends Refusal {
  constructor(readonly current: Action) {
    super('action_changed', `Someone else changed this action (it is now ${statusLabel(current.status).toLowerCase()}). Check it and make your change again.`, { kind: 'conflict' });
  }
}

export async function changeActionStatus(id: string, change: ActionChangeInput, context: { by: string; now?: Date }): Promise<Action> {
  const before = await getAction(id, { consistent: true });
  if (!before) throw noSuchAction();
  if (before.version !== change.version) throw new ActionChangedMeanwhile(before);
  const at = (context.now ?? new Date()).toISOString();
  const finishedAt = isFinished(change.status) ? at : undefined;
  const entry = { at, by: context.by, summary: `Status: ${statusLabel(change.status)}`, ...(change.note ? { note: change.note } : {}) };
  const figures = figureWrites(ACTION_FIGURES, closedCountsChange(before, { ...before, status: change.status, finishedAt }));
  const { finishedAt: _was, ...rest } = before;
  const after: Action = { ...rest, status: change.status, version: change.version + 1, updatedAt: at, ...(finishedAt ? { finishedAt } : {}), history: [...before.history, entry] };
  // A public action's outcome shows on its source's page once finished, and goes when it is reopened.
  const shown = before.public ? publicOutcomeWrites(after) : [];
  const outcome = await transactWrite([statusChangeWrite(id, change.version, { status: change.status, ...(finishedAt ? { finishedAt } : {}), entry }), ...figures, ...shown]);
  if (outcome.ok) return after;
  const current = outcome.failed.get('action');
  if (!current) throw noSuchAction();
  throw new ActionChangedMeanwhile(toAction(current));
}

const dueWords = (dueOn: string | undefined) => (dueOn ? formatDay(dueOn) : 'No due date');
const sameOwner = (a: ActionOwner, b: ActionOwner) => a.kind === b.kind && (a.name ?? '') === (b.name ?? '');

/**
 * A new owner or due date (the action passed on, or given more time), against the version the person
 * saw, with the change from what to what in its history. A finished action keeps the owner and due
 * date it closed with (its figures were counted by them): reopen it first. A due date moved moves the
 * action's "due" count to the new date's quarter in the same transaction; a new owner's contact is emailed.
 */
export async function changeActionOwner(id: string, change: ActionOwnerChangeInput, context: { by: string; now?: Date }): Promise<Action> {
  const before = await getAction(id, { consistent: true });
  if (!before) throw noSuchAction();
  if (before.version !== change.version) throw new ActionChangedMeanwhile(before);
  if (isFinished(before.status)) throw new Refusal('action_finished', 'This action is closed, so its owner and due date stay as they were. Open it again first to change them.', { kind: 'conflict' });
  const owner: ActionOwner = change.owner.name ? { kind: change.owner.kind, name: change.owner.name } : { kind: change.owner.kind };
  const changes = [
    ...(sameOwner(before.owner, owner) ? [] : [{ field: 'owner' as const, from: ownerLabel(before.owner), to: ownerLabel(owner) }]),
    ...(before.dueOn === change.dueOn ? [] : [{ field: 'due' as const, from: dueWords(before.dueOn), to: dueWords(change.dueOn) }]),
  ];
  if (!changes.length) throw new Refusal('nothing_changed', 'Choose a different owner or due date', { kind: 'invalid', fields: [{ field: 'owner.kind', message: 'Choose a different owner or due date' }] });
  const at = (context.now ?? new Date()).toISOString();
  const summary = changes.map((c) => `${c.field === 'owner' ? 'Owner' : 'Due'}: ${c.from} → ${c.to}`).join('; ');
  const entry = { at, by: context.by, summary, changes, ...(change.note ? { note: change.note } : {}) };
  const dueMoved = before.dueOn !== change.dueOn ? [...(before.dueOn ? [{ at: dueInstant(before.dueOn), counts: { [`due|${before.dueOn}`]: -1 } }] : []), ...(change.dueOn ? [{ at: dueInstant(change.dueOn), counts: { [`due|${change.dueOn}`]: 1 } }] : [])] : [];
  // Passed on to another owner: their contact is emailed (core/actions/routing.ts), once, with the change.
  const routed = sameOwner(before.owner, owner) ? [] : [routedEmailWrite({ id, owner, version: change.version + 1 }, new Date(at))];
  const outcome = await transactWrite([ownerChangeWrite(id, change.version, { owner, ...(change.dueOn ? { dueOn: change.dueOn } : {}), entry }), ...figureWrites(ACTION_FIGURES, dueMoved), ...routed]);
  if (outcome.ok) {
    const { dueOn: _was, ...rest } = before;
    return { ...rest, owner, ...(change.dueOn ? { dueOn: change.dueOn } : {}), version: change.version + 1, updatedAt: at, history: [...before.history, entry] };
  }
  const current = outcome.failed.get('action');
  if (!current) throw noSuchAction();
  throw new ActionChangedMeanwhile(toAction(current));
}

/**
 * Shows the action's outcome on the public page it came from ("what happened next", once it is
 * finished), or takes it off, against the version the person saw; the outcome item is written or
 * deleted in the same transaction (core/actions/public-outcomes.ts). Only an action from a capability
 * whose manifest says `showsActionOutcomes` (meetings, consultations) has such a page.
 */
export async function changeActionPublic(id: string, change: ActionPublicInput, context: { by: string; now?: Date }): Promise<Action> {
  const before = await getAction(id, { consistent: true });
  if (!before) throw noSuchAction();
  if (before.version !== change.version) throw new ActionChangedMeanwhile(before);
  if (change.public && !hasPublicPage(before.source)) throw new Refusal('no_public_page', NO_PUBLIC_PAGE, { kind: 'invalid', fields: [{ field: 'public', message: NO_PUBLIC_PAGE }] });
  const at = (context.now ?? new Date()).toISOString();
  const summary = !change.public ? 'Taken off the public page' : before.public ? 'What happened changed on the public page' : 'Shown on the public page';
  const entry = { at, by: context.by, summary, ...(change.outcome ? { note: change.outcome } : {}) };
  const { public: _shown, publicOutcome: _said, ...rest } = before;
  const after: Action = { ...rest, ...(change.public ? { public: true, publicOutcome: change.outcome! } : { public: false }), version: change.version + 1, updatedAt: at, history: [...before.history, entry] };
  const outcome = await transactWrite([publicChangeWrite(id, change.version, { public: change.public, ...(change.public ? { publicOutcome: change.outcome! } : {}), entry }), ...publicOutcomeWrites(after)]);
  if (outcome.ok) return after;
  const current = outcome.failed.get('action');
  if (!current) throw noSuchAction();
  throw new ActionChangedMeanwhile(toAction(current));
}
