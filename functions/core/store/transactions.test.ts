import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useContentionProxy } from '../../../test/support/contention.js';
import { useOwnTable } from '../../../test/support/own-table.js';
import { getItem } from './reads.js';
import { Busy, transactWrite, type NamedWrite } from './transactions.js';
import { update } from './writes.js';

const contention = useContentionProxy({ holdMs: 400 });
beforeAll(() => useOwnTable('transactions'));

const counter = (pk: string, shard: number): NamedWrite => ({ name: 'counter', write: update({ pk, sk: `SHARD#${shard}` }, 'ADD n :one', { values: { ':one': 1 } }) });

describe('transactWrite under transaction conflicts', () => {
  it('builds the parts again for each try, so a sharded write moves off the item that conflicted', async () => {
    const pk = `T#${randomUUID()}`;
    // One transaction holds shard 0 for 400 ms; the next, started meanwhile, is cancelled on its first try.
    const holder = transactWrite([counter(pk, 0)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shardsTried: number[] = [];
    await transactWrite(() => {
      const shard = shardsTried.length === 0 ? 0 : 1;
      shardsTried.push(shard);
      return [counter(pk, shard)];
    });
    await holder;
    expect(shardsTried[0]).toBe(0);
    expect(shardsTried.at(-1)).toBe(1);
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);
    expect((await getItem({ pk, sk: 'SHARD#0' }, { consistent: true }))?.['n']?.N).toBe('1');
    expect((await getItem({ pk, sk: 'SHARD#1' }, { consistent: true }))?.['n']?.N).toBe('1');
  });

  it('gives up with Busy (503) after the tries it was given, having written nothing', async () => {
    const pk = `T#${randomUUID()}`;
    const holder = transactWrite([counter(pk, 0)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(transactWrite([counter(pk, 0), counter(`${pk}-other`, 0)], { attempts: 1 })).rejects.toBeInstanceOf(Busy);
    await holder;
    expect((await getItem({ pk, sk: 'SHARD#0' }, { consistent: true }))?.['n']?.N).toBe('1');
    expect(await getItem({ pk: `${pk}-other`, sk: 'SHARD#0' }, { consistent: true })).toBeUndefined();
  });
});
