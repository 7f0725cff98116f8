/**
 * The invitations log and the engagement log: each entry put with what it counts for the report
 * (core/period-figures.ts) in one transaction, and listed by day for a period (one Query on gsi1).
 */
import { countsChange, figureWrites, type DatedCounts } from '../../core/period-figures.js';
import { values, unmarshal } from '../../core/store/items.js';
import { HIGH } from '../../core/store/keys.js';
import { queryAll } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put } from '../../core/store/writes.js';
import { CAPABILITY, logEntryKey, logIndex, reportKeys, type LogKind } from './keys.js';

/** False when an entry with this id exists already (demo data run again). */
export async function putLogEntry<T extends { id: string }>(kind: LogKind, day: string, entry: T, counts: DatedCounts): Promise<boolean> {
  const outcome = await transactWrite(() => [
    { name: 'entry', write: put({ ...logEntryKey(kind, entry.id), type: `report-${kind.toLowerCase()}`, ...logIndex(kind, day, entry.id), ...entry }, { condition: 'attribute_not_exists(pk)' }) },
    ...figureWrites(CAPABILITY, countsChange(undefined, counts)),
  ]);
  if (outcome.ok) return true;
  if (outcome.failed.has('entry')) return false;
  throw new Error(`The ${kind.toLowerCase()} ${entry.id} could not be saved: ${[...outcome.failed.keys()].join(', ')}`);
}

/** Entries whose day is in [firstDay, lastDay], oldest first. */
export async function logEntriesBetween<T>(kind: LogKind, firstDay: string, lastDay: string): Promise<T[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': `${reportKeys.logs}${kind}`, ':from': firstDay, ':to': `${lastDay}#${HIGH}` }),
  });
  return items.map((item) => {
    const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _t, ...entry } = unmarshal(item);
    return entry as T;
  });
}
