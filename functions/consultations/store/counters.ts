/**
 * Counter items: the writes that add one response's counts (in its transaction), and reading every
 * counter item of a consultation back into tallies. The read is a fixed set of keys (shards × counter
 * items, all created with the consultation, each kept under 4 KB: definition.ts checks), read with
 * BatchGetItem: the same requests and the same read units at 10 responses as at 100,000. No Query over
 * responses.
 */
import type { Key } from '../../core/store/items.js';
import { batchGet } from '../../core/store/reads.js';
import type { NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import { addToTallies, counterItems, emptyTallies, type CounterAdd, type Tallies } from '../counting.js';
import { counterKey, shardNumbers } from './keys.js';

/** One counter item's additions (or, negated, a withdrawal's): `ADD #c0 :one, #c1 :v1, ...` (ADD creates a counter on first use). */
export function counterWrite(consultationId: string, shard: number, add: CounterAdd): NamedWrite {
  const names: Record<string, string> = {};
  const vals: Record<string, unknown> = {};
  const clauses = Object.entries(add.adds).map(([name, amount], i) => {
    names[`#c${i}`] = name;
    if (amount === 1) {
      vals[':one'] = 1;
      return `#c${i} :one`;
    }
    vals[`:v${i}`] = amount;
    return `#c${i} :v${i}`;
  });
  return {
    name: `counters-${add.item}`,
    write: update(counterKey(consultationId, shard, add.item), `ADD ${clauses.join(', ')}`, { names, values: vals }),
  };
}

/** Every counter item's key: what a results read asks for, whatever the number of responses. */
export const resultsReadKeys = (consultationId: string): Key[] => shardNumbers.flatMap((shard) => counterItems.map((item) => counterKey(consultationId, shard, item)));

const META = new Set(['pk', 'sk', 'type']);

export async function readTallies(consultationId: string): Promise<Tallies> {
  const tallies = emptyTallies();
  for (const item of await batchGet(resultsReadKeys(consultationId))) {
    const counters: Record<string, number> = {};
    for (const [name, value] of Object.entries(item)) if (!META.has(name) && value.N !== undefined) counters[name] = Number(value.N);
    addToTallies(tallies, item['sk']!.S!.slice('COUNTS#'.length), counters);
  }
  return tallies;
}
