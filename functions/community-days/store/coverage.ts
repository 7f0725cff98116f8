/**
 * Coverage counters: per council area per London month, what its visits add up to (visits, minutes,
 * people met by kind, themes, urban or rural; the same again for published visits only). Every write of
 * a visit (log, edit, delete) changes them in its own transaction, by adding, so they are exact under
 * any concurrency; a period's figures are then one Query whose size depends on the months and areas,
 * never on how many visits were ever logged.
 */
import { values, unmarshal, type Item } from '../../core/store/items.js';
import { queryAll } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import { HIGH } from '../../core/store/keys.js';
import { coverageKey, SHARDS, visitKeys } from './keys.js';

/** Counter name → amount, e.g. `{ visits: 1, minutes: 240, 'theme.burglary': 1 }`. */
export type Counters = Record<string, number>;

export interface CoverageChange {
  month: string;
  areaCode: string;
  counters: Counters;
}

const randomShard = () => Math.floor(Math.random() * SHARDS);

/** The updates that add each change's counters (negative to take away), one item each. */
export function coverageWrites(changes: readonly CoverageChange[], shard: () => number = randomShard): NamedWrite[] {
  return changes
    .map((change) => ({ ...change, counters: Object.fromEntries(Object.entries(change.counters).filter(([, n]) => n !== 0)) }))
    .filter((change) => Object.keys(change.counters).length > 0)
    .map((change, i) => {
      const s = shard();
      const names: Record<string, string> = { '#type': 'type', '#month': 'month', '#area': 'areaCode' };
      const vals: Record<string, unknown> = { ':type': 'coverage', ':month': change.month, ':area': change.areaCode };
      const adds = Object.entries(change.counters).map(([name, amount], j) => {
        names[`#c${j}`] = name;
        vals[`:c${j}`] = amount;
        return `#c${j} :c${j}`;
      });
      return {
        name: `coverage-${i}`,
        write: update(coverageKey(change.month, change.areaCode, s), `SET #type = :type, #month = :month, #area = :area ADD ${adds.join(', ')}`, { names, values: vals }),
      };
    });
}

const NOT_COUNTERS = new Set(['pk', 'sk', 'type', 'month', 'areaCode']);

/** The counters of every council area for the months from `firstMonth` to `lastMonth` (`YYYY-MM`), shards added up. */
export async function coverageForMonths(firstMonth: string, lastMonth: string): Promise<Array<{ month: string; areaCode: string; counters: Counters }>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: values({ ':pk': visitKeys.coverage, ':from': firstMonth, ':to': `${lastMonth}#${HIGH}` }),
  });
  const summed = new Map<string, { month: string; areaCode: string; counters: Counters }>();
  for (const item of items as Item[]) {
    const plain = unmarshal(item) as Record<string, unknown>;
    const month = String(plain['month']);
    const areaCode = String(plain['areaCode']);
    const entry = summed.get(`${month}#${areaCode}`) ?? summed.set(`${month}#${areaCode}`, { month, areaCode, counters: {} }).get(`${month}#${areaCode}`)!;
    for (const [name, value] of Object.entries(plain)) {
      if (!NOT_COUNTERS.has(name) && typeof value === 'number') entry.counters[name] = (entry.counters[name] ?? 0) + value;
    }
  }
  return [...summed.values()];
}
