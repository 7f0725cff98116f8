/**
 * The action log's reads and its one change, on the platform's action items (core/actions/store.ts
 * owns their keys and shape): one action, the whole log newest first, and a status change made only
 * if the action is still at the version the person saw.
 */
import type { ActionChange, ActionOwner, ActionStatus, Action } from '../../core/actions/model.js';
import { actionKey, actionKeys, toAction } from '../../core/actions/store.js';
import { values } from '../../core/store/items.js';
import { getItem, queryAll } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';

export async function getAction(id: string, options: { consistent?: boolean } = {}): Promise<Action | undefined> {
  const item = await getItem(actionKey(id), options);
  return item ? toAction(item) : undefined;
}

/** Every action, newest first: one Query on the log's index (a few hundred small items a year). */
export async function everyAction(): Promise<Action[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: values({ ':pk': actionKeys.allActions }),
    ScanIndexForward: false,
  });
  return items.map(toAction);
}

/** The change, only if the action is still at the version the person saw (ALL_OLD: the action as it is now). */
export function statusChangeWrite(id: string, seenVersion: number, change: { status: ActionStatus; finishedAt?: string; entry: ActionChange }): NamedWrite {
  const finished = change.finishedAt ? ', finishedAt = :finished' : ' REMOVE finishedAt';
  return {
    name: 'action',
    write: update(actionKey(id), `SET #status = :status, #version = :next, updatedAt = :at, #history = list_append(#history, :entry)${finished}`, {
      names: { '#status': 'status', '#version': 'version', '#history': 'history' },
      values: { ':status': change.status, ':seen': seenVersion, ':next': seenVersion + 1, ':at': change.entry.at, ':entry': [change.entry], ...(change.finishedAt ? { ':finished': change.finishedAt } : {}) },
      condition: 'attribute_exists(pk) AND #version = :seen',
      returnOld: true,
    }),
  };
}

/** A new owner and due date, only if the action is still at the version the person saw (ALL_OLD: the action as it is now). */
export function ownerChangeWrite(id: string, seenVersion: number, change: { owner: ActionOwner; dueOn?: string; entry: ActionChange }): NamedWrite {
  const due = change.dueOn ? ', dueOn = :due' : ' REMOVE dueOn';
  return {
    name: 'action',
    write: update(actionKey(id), `SET #owner = :owner, #version = :next, updatedAt = :at, #history = list_append(#history, :entry)${due}`, {
      names: { '#owner': 'owner', '#version': 'version', '#history': 'history' },
      values: { ':owner': change.owner, ':seen': seenVersion, ':next': seenVersion + 1, ':at': change.entry.at, ':entry': [change.entry], ...(change.dueOn ? { ':due': change.dueOn } : {}) },
      condition: 'attribute_exists(pk) AND #version = :seen',
      returnOld: true,
    }),
  };
}

/** Shown publicly or not, with the outcome for residents, only at the version the person saw (ALL_OLD: the action as it is now). */
export function publicChangeWrite(id: string, seenVersion: number, change: { public: boolean; publicOutcome?: string; entry: ActionChange }): NamedWrite {
  const outcome = change.publicOutcome ? ', publicOutcome = :outcome' : ' REMOVE publicOutcome';
  return {
    name: 'action',
    write: update(actionKey(id), `SET #public = :public, #version = :next, updatedAt = :at, #history = list_append(#history, :entry)${outcome}`, {
      names: { '#public': 'public', '#version': 'version', '#history': 'history' },
      values: { ':public': change.public, ':seen': seenVersion, ':next': seenVersion + 1, ':at': change.entry.at, ':entry': [change.entry], ...(change.publicOutcome ? { ':outcome': change.publicOutcome } : {}) },
      condition: 'attribute_exists(pk) AND #version = :seen',
      returnOld: true,
    }),
  };
}
