/**
 * Where actions live: the item every capability writes (`putAction`, in the transaction of the work the
 * action arises from) and reads back (`actionsFrom` one of its items, `actionsRaisedBy` the capability).
 * One item per action, its history inside it (bounded: a change appends one entry, and an action sees a
 * handful of changes). The action log (functions/actions) lists and changes them through these keys.
 *
 *   ACTION#<id> / ACTION      gsi1 ACTIONS / <createdAt>#<id>    gsi2 ACTIONS#SOURCE#<capability>#<sourceId> / <createdAt>#<id>
 *   ACTION-OUTCOMES#<capability>#<sourceId> / <id>    a public action's outcome, for its source's public page (public-outcomes.ts)
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { figureWrites, type DatedCounts } from '../period-figures.js';
import { londonDayStart } from '../time.js';
import type { NamedWrite } from '../store/transactions.js';
import { keyPrefixes } from '../store/keys.js';
import { pick, values, type Item, type Key } from '../store/items.js';
import { queryAll } from '../store/reads.js';
import { put } from '../store/writes.js';
import type { Action } from './model.js';
import { routedEmailWrite } from './routing.js';

export const actionKeys = keyPrefixes('platform', { action: 'ACTION#', allActions: 'ACTIONS', publicOutcomes: 'ACTION-OUTCOMES#' });

export const actionKey = (id: string): Key => ({ pk: `${actionKeys.action}${id}`, sk: 'ACTION' });

const fields = ['id', 'what', 'source', 'theme', 'areaCode', 'owner', 'dueOn', 'status', 'version', 'createdAt', 'createdBy', 'updatedAt', 'finishedAt', 'history', 'public', 'publicOutcome'] as const satisfies readonly (keyof Action)[];

export const toAction = (item: Item) => pick<Action>(item, fields);

const sourcePartition = (capability: string, id: string) => `${actionKeys.allActions}#SOURCE#${capability}#${id}`;

/** The write that creates an action: use it inside the transaction of the work it arises from. */
export function putAction(action: Action): { Put: NonNullable<TransactWriteItem['Put']> } {
  return put(
    {
      ...actionKey(action.id),
      type: 'action',
      gsi1pk: actionKeys.allActions,
      gsi1sk: `${action.createdAt}#${action.id}`,
      ...(action.source ? { gsi2pk: sourcePartition(action.source.capability, action.source.id), gsi2sk: `${action.createdAt}#${action.id}` } : {}),
      ...action,
    },
    { condition: 'attribute_not_exists(pk)' },
  );
}

/** The action log's name: its figures (the log's manifest) read the counters filed under it. */
export const ACTION_FIGURES = 'actions';

/** A due date's London midnight: the quarter an action is due in. */
export const dueInstant = (dueOn: string) => londonDayStart(dueOn).toISOString();

/**
 * What raising an action counts for the office's reports: opened in its quarter, and due in its due
 * date's, keyed by the day (so a quarter not yet over counts as overdue only what is due before today).
 */
export function openedCounts(action: Action): DatedCounts[] {
  return [{ at: action.createdAt, counts: { opened: 1 } }, ...(action.dueOn ? [{ at: dueInstant(action.dueOn), counts: { [`due|${action.dueOn}`]: 1 } }] : [])];
}

/**
 * The writes that raise actions, with the action log's figures (opened, due) and each one's email to
 * its owner's contact (routing.ts): use them inside the transaction of the work they arise from. One
 * action's part is named `action`, several `action-<n>`.
 */
export function actionWrites(actions: readonly Action[]): NamedWrite[] {
  if (!actions.length) return [];
  const one = actions.length === 1;
  return [
    ...actions.map((action, i) => ({ name: one ? 'action' : `action-${i}`, write: putAction(action) })),
    ...actions.map((action, i) => routedEmailWrite(action, new Date(action.createdAt), one ? 'routed-email' : `routed-email-${i}`)),
    ...figureWrites(ACTION_FIGURES, actions.flatMap(openedCounts)),
  ];
}

/** The actions that arose from one item of a capability, oldest first. */
export async function actionsFrom(capability: string, sourceId: string): Promise<Action[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: values({ ':pk': sourcePartition(capability, sourceId) }),
  });
  return items.map(toAction);
}

/**
 * Every action a capability raised, newest first (for its own figures, e.g. community days' dashboard).
 * One Query on the log's index, filtered by source: the office raises a few hundred actions a year.
 */
export async function actionsRaisedBy(capability: string): Promise<Action[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: '#source.#capability = :capability',
    ExpressionAttributeNames: { '#source': 'source', '#capability': 'capability' },
    ExpressionAttributeValues: values({ ':pk': actionKeys.allActions, ':capability': capability }),
    ScanIndexForward: false,
  });
  return items.map(toAction);
}
