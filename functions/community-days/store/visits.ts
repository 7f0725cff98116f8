/**
 * Visit items: log (with the coverage counters and any actions, in one transaction), read, list by
 * start time (all, or the latest in a council area), edit and delete, each conditional on the version
 * the person saw. Notes live in their own item, which expires (retention.ts).
 */
import { actionWrites } from '../../core/actions/store.js';
import type { Action } from '../../core/actions/model.js';
import { pick, unexpired, values, type Item } from '../../core/store/items.js';
import { HIGH } from '../../core/store/keys.js';
import { queryAll, queryPage } from '../../core/store/reads.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { put, remove, update } from '../../core/store/writes.js';
import { countsChange, figureWrites } from '../../core/period-figures.js';
import { visitCounts } from '../figures.js';
import type { Visit, VisitChange } from '../model.js';
import { notesExpiry } from '../retention.js';
import { coverageWrites, type CoverageChange } from './coverage.js';
import { mentionMarkers } from '../../core/people/index.js';
import { areaPartition, CAPABILITY, MENTION, notesKey, visitIndexes, visitKey, visitKeys, visitPartition } from './keys.js';

const visitFields = [
  'id', 'startsAt', 'endsAt', 'areaCode', 'wardCode', 'placeName', 'point', 'setting', 'attendedFor', 'met', 'themes', 'publicSummary', 'published',
  'version', 'actionCount', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy', 'history',
] as const satisfies readonly (keyof Visit)[];

export const toVisit = (item: Item) => pick<Visit>(item, visitFields);

/** The fields an edit replaces (the rest: id, counts, history, who created it, stay). */
const editable = ['startsAt', 'endsAt', 'areaCode', 'wardCode', 'placeName', 'point', 'setting', 'attendedFor', 'met', 'themes', 'publicSummary', 'published'] as const satisfies readonly (keyof Visit)[];

const notesWrite = (visit: Visit, now: Date): NamedWrite =>
  visit.notes
    ? { name: 'notes', write: put({ ...notesKey(visit.id), type: 'visit-notes', visitId: visit.id, notes: visit.notes, expiresAt: notesExpiry(visit) }) }
    : { name: 'notes', write: remove(notesKey(visit.id)) };

/** The person search's markers for the addresses notes give (core/people/index.ts): written and removed with the notes. */
function mentionWrites(visit: Pick<Visit, 'id' | 'startsAt'>, before: string | undefined, after: string | undefined): NamedWrite[] {
  const markers = mentionMarkers(
    { pk: visitPartition(visit.id), skPrefix: MENTION, capability: CAPABILITY, kind: 'visit-notes', id: visit.id, expiresAt: notesExpiry(visit) },
    before,
    after,
  );
  return [
    ...markers.put.map((item, i) => ({ name: `mention-${i}`, write: put(item) })),
    ...markers.remove.map((key, i) => ({ name: `unmention-${i}`, write: remove(key) })),
  ];
}

/** Writes a new visit, its counters and its actions at once; false when a visit with this id exists. */
export async function putNewVisit(visit: Visit, coverage: CoverageChange[], actions: Action[], now: Date): Promise<boolean> {
  const { notes: _notes, ...stored } = visit;
  // A function, so each try picks the counters' shards again (see transactWrite).
  const outcome = await transactWrite(() => [
    { name: 'visit', write: put({ ...visitKey(visit.id), type: 'visit', ...visitIndexes(visit), ...stored }, { condition: 'attribute_not_exists(pk)' }) },
    ...(visit.notes ? [notesWrite(visit, now), ...mentionWrites(visit, undefined, visit.notes)] : []),
    ...coverageWrites(coverage),
    ...figureWrites('community-days', countsChange(undefined, visitCounts(visit))),
    ...actionWrites(actions),
  ]);
  if (outcome.ok) return true;
  if (outcome.failed.has('visit')) return false;
  throw new Error(`Visit ${visit.id} could not be logged: ${[...outcome.failed.keys()].join(', ')}`);
}

/** The visit with its notes (unless they have expired), or undefined. Deleted visits are returned: their page shows the deletion. */
export async function getVisit(id: string, options: { consistent?: boolean; now?: Date } = {}): Promise<Visit | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: values({ ':pk': visitPartition(id) }),
    ConsistentRead: options.consistent ?? true,
  });
  const visitItem = items.find((i) => i['sk']?.S === 'VISIT');
  if (!visitItem) return undefined;
  const notesItem = unexpired(items.find((i) => i['sk']?.S === 'NOTES'), options.now);
  const notes = notesItem?.['notes']?.S;
  return { ...toVisit(visitItem), ...(notes ? { notes } : {}) };
}

/** Visits (not deleted) starting in [from, to), soonest first; notes are not read. */
export async function visitsStartingBetween(from: string, to: string, options: { publishedOnly?: boolean } = {}): Promise<Visit[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': visitKeys.allVisits, ':from': from, ':to': `${to}`, ...(options.publishedOnly ? { ':yes': true } : {}) }),
    ...(options.publishedOnly ? { FilterExpression: 'published = :yes' } : {}),
  });
  // BETWEEN is inclusive: a visit starting exactly at `to` belongs to the next period.
  return items.map(toVisit).filter((v) => v.startsAt < to);
}

/** The latest visit (not deleted) to a council area starting before `before`, published or not. */
export async function latestVisitIn(areaCode: string, before: string, published: boolean): Promise<Visit | undefined> {
  const page = await queryPage(
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
      ExpressionAttributeValues: values({ ':pk': areaPartition(areaCode, published), ':before': before }),
      ScanIndexForward: false,
    },
    { limit: 1 },
  );
  return page.items[0] ? toVisit(page.items[0]) : undefined;
}

export type VisitWriteOutcome = { ok: true } | { ok: false; current?: Visit };

/** Saves an edit made against `before`, only if nobody changed or deleted the visit meanwhile. */
export async function saveVisitEdit(before: Visit, after: Visit, entry: VisitChange, coverage: CoverageChange[], now: Date): Promise<VisitWriteOutcome> {
  const names: Record<string, string> = { '#version': 'version', '#history': 'history' };
  const vals: Record<string, unknown> = { ':seen': before.version, ':next': before.version + 1, ':entry': [entry], ':at': after.updatedAt, ':by': after.updatedBy };
  const sets = ['#version = :next', 'updatedAt = :at', 'updatedBy = :by', '#history = list_append(#history, :entry)'];
  const removes: string[] = [];
  for (const field of editable) {
    names[`#${field}`] = field;
    if (after[field] === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      vals[`:${field}`] = after[field];
    }
  }
  for (const [k, v] of Object.entries(visitIndexes(after))) {
    sets.push(`${k} = :${k}`);
    vals[`:${k}`] = v;
  }
  const outcome = await transactWrite(() => [
    {
      name: 'visit',
      write: update(visitKey(before.id), `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`, {
        names,
        values: vals,
        condition: 'attribute_exists(pk) AND #version = :seen AND attribute_not_exists(deletedAt)',
        returnOld: true,
      }),
    },
    ...(before.notes !== after.notes || before.startsAt !== after.startsAt ? [notesWrite(after, now), ...mentionWrites(after, before.notes, after.notes)] : []),
    ...coverageWrites(coverage),
    ...figureWrites('community-days', countsChange(visitCounts(before), visitCounts(after))),
  ]);
  if (outcome.ok) return { ok: true };
  if (!outcome.failed.has('visit')) throw new Error(`Visit ${before.id} could not be saved: ${[...outcome.failed.keys()].join(', ')}`);
  const old = outcome.failed.get('visit');
  return { ok: false, ...(old ? { current: toVisit(old) } : {}) };
}

/** Marks the visit deleted (kept, with its history, out of every list) and takes its counters away. */
export async function saveVisitDeleted(before: Visit, entry: VisitChange, coverage: CoverageChange[]): Promise<VisitWriteOutcome> {
  const outcome = await transactWrite(() => [
    {
      name: 'visit',
      write: update(
        visitKey(before.id),
        'SET deletedAt = :at, deletedBy = :by, updatedAt = :at, updatedBy = :by, #version = :next, #history = list_append(#history, :entry) REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
        {
          names: { '#version': 'version', '#history': 'history' },
          values: { ':at': entry.at, ':by': entry.by, ':seen': before.version, ':next': before.version + 1, ':entry': [entry] },
          condition: 'attribute_exists(pk) AND #version = :seen AND attribute_not_exists(deletedAt)',
          returnOld: true,
        },
      ),
    },
    { name: 'notes', write: remove(notesKey(before.id)) },
    ...mentionWrites(before, before.notes, undefined),
    ...coverageWrites(coverage),
    ...figureWrites('community-days', countsChange(visitCounts(before), undefined)),
  ]);
  if (outcome.ok) return { ok: true };
  if (!outcome.failed.has('visit')) throw new Error(`Visit ${before.id} could not be deleted`);
  const old = outcome.failed.get('visit');
  return { ok: false, ...(old ? { current: toVisit(old) } : {}) };
}

/**
 * Writes actions arising from a visit in one transaction with a line in the visit's history. Not
 * conditional on the version (adding an action does not change what an editor is editing), only on
 * the visit still being there. False when it has been deleted or never existed.
 */
export async function saveVisitActions(visitId: string, actions: Action[], entry: VisitChange): Promise<boolean> {
  const outcome = await transactWrite([
    {
      name: 'visit',
      write: update(visitKey(visitId), 'SET actionCount = actionCount + :n, #history = list_append(#history, :entry)', {
        names: { '#history': 'history' },
        values: { ':n': actions.length, ':entry': [entry] },
        condition: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
      }),
    },
    ...actionWrites(actions),
  ]);
  if (outcome.ok) return true;
  if (outcome.failed.has('visit')) return false;
  throw new Error(`Actions for visit ${visitId} could not be saved`);
}
