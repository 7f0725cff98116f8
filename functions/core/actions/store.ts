/**
 * Where actions live. One item per action, its history inside it (bounded: a change appends one entry,
 * and an action sees a handful of changes). Lists are Queries on gsi1 (every action, newest first) and
 * gsi2 (the actions of one source item).
 *
 *   ACTION#<id> / ACTION      gsi1 ACTIONS / <createdAt>#<id>    gsi2 ACTIONS#SOURCE#<capability>#<sourceId> / <createdAt>#<id>
 */
import { keyPrefixes } from '../store/keys.js';
import { pick, values, type Item, type Key } from '../store/items.js';
import { getItem, queryAll, queryPage, type Page } from '../store/reads.js';
import { put, update, type ExpressionOptions } from '../store/writes.js';
import type { Action, ActionChange, ActionStatus } from './model.js';

export const actionKeys = keyPrefixes('platform', { action: 'ACTION#', allActions: 'ACTIONS' });

export const actionKey = (id: string): Key => ({ pk: `${actionKeys.action}${id}`, sk: 'ACTION' });

const fields = ['id', 'what', 'source', 'theme', 'areaCode', 'owner', 'dueOn', 'status', 'version', 'createdAt', 'createdBy', 'updatedAt', 'finishedAt', 'history'] as const satisfies readonly (keyof Action)[];

export const toAction = (item: Item) => pick<Action>(item, fields);

const sourcePartition = (capability: string, id: string) => `${actionKeys.allActions}#SOURCE#${capability}#${id}`;

/** The write that creates an action: use it inside the transaction of the work it arises from. */
export function putAction(action: Action): { Put: NonNullable<import('@aws-sdk/client-dynamodb').TransactWriteItem['Put']> } {
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

/** The write that records a change, only if the action is still at the version the person saw. */
export function changeActionWrite(id: string, seenVersion: number, change: { status: ActionStatus; finishedAt?: string; entry: ActionChange }) {
  const options: ExpressionOptions = {
    names: { '#status': 'status', '#version': 'version', '#history': 'history' },
    values: { ':status': change.status, ':seen': seenVersion, ':next': seenVersion + 1, ':at': change.entry.at, ':entry': [change.entry], ...(change.finishedAt ? { ':finished': change.finishedAt } : {}) },
    condition: 'attribute_exists(pk) AND #version = :seen',
    returnOld: true,
  };
  const finished = change.finishedAt ? ', finishedAt = :finished' : ' REMOVE finishedAt';
  return update(actionKey(id), `SET #status = :status, #version = :next, updatedAt = :at, #history = list_append(#history, :entry)${finished}`, options);
}

export async function getAction(id: string, options: { consistent?: boolean } = {}): Promise<Action | undefined> {
  const item = await getItem(actionKey(id), options);
  return item ? toAction(item) : undefined;
}

/** Actions newest first, a page at a time. */
export async function actionsPage(options: { limit?: number; after?: string } = {}): Promise<{ actions: Action[]; next?: string }> {
  const page: Page = await queryPage(
    { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: values({ ':pk': actionKeys.allActions }), ScanIndexForward: false },
    options,
  );
  return { actions: page.items.map(toAction), ...(page.next ? { next: page.next } : {}) };
}

/** Actions created in [from, to] (ISO instants), oldest first. */
export async function actionsCreatedBetween(from: string, to: string): Promise<Action[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': actionKeys.allActions, ':from': from, ':to': `${to}#~` }),
  });
  return items.map(toAction);
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
