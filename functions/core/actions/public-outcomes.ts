/**
 * "What happened next": an action staff marked public shows its outcome on the public page of what it
 * came from (a meeting, a consultation, a community day). The action log writes the outcome item,
 * keyed under the action's source, in the transaction that finishes the action or marks it public, and
 * deletes it in the one that reopens it or takes it off; the source's public page reads its outcomes by
 * one Query. Neither imports the other: this is their contract.
 *
 *   ACTION-OUTCOMES#<capability>#<sourceId> / <actionId>
 */
import { values, pick, type Item, type Key } from '../store/items.js';
import { queryAll } from '../store/reads.js';
import type { NamedWrite } from '../store/transactions.js';
import { put, remove } from '../store/writes.js';
import { actionKeys } from './store.js';
import { isFinished, type Action, type ActionStatus } from './model.js';

export interface PublicOutcome {
  actionId: string;
  what: string;
  outcome: string;
  status: ActionStatus;
  finishedAt: string;
}

const partition = (capability: string, sourceId: string) => `${actionKeys.publicOutcomes}${capability}#${sourceId}`;
const outcomeKey = (action: Pick<Action, 'id' | 'source'>): Key | undefined =>
  action.source ? { pk: partition(action.source.capability, action.source.id), sk: action.id } : undefined;

/** Whether the action, as it now is, shows on its source's public page. */
export const showsPublicly = (action: Pick<Action, 'public' | 'publicOutcome' | 'status' | 'source' | 'finishedAt'>) =>
  Boolean(action.source && action.public && action.publicOutcome && isFinished(action.status) && action.finishedAt);

/** The write that makes the source's page show the action as it now is, or shows it no longer (none without a source). */
export function publicOutcomeWrites(action: Action): NamedWrite[] {
  const key = outcomeKey(action);
  if (!key) return [];
  if (!showsPublicly(action)) return [{ name: 'public-outcome', write: remove(key) }];
  const outcome: PublicOutcome = { actionId: action.id, what: action.what, outcome: action.publicOutcome!, status: action.status, finishedAt: action.finishedAt! };
  return [{ name: 'public-outcome', write: put({ ...key, type: 'action-public-outcome', ...outcome }) }];
}

const toOutcome = (item: Item) => pick<PublicOutcome>(item, ['actionId', 'what', 'outcome', 'status', 'finishedAt']);

/** The public outcomes of one item of a capability (its meeting, consultation, visit), oldest finished first. */
export async function publicOutcomesOf(capability: string, sourceId: string): Promise<PublicOutcome[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': partition(capability, sourceId) }) });
  return items.map(toOutcome).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
}
