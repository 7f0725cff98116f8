/**
 * What the contention proxy charges a write, by DynamoDB's sizing rules: a standard write 1 unit per KB
 * of item size (rounded up), a transactional one 2; a Put or Update the larger of the item before and
 * after, a Delete the item as it was.
 */
import { describe, expect, it } from 'vitest';
import { sizesAfterUpdate, valueBytes, WriteMeter } from './write-units.js';

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const key = { pk: S('MEETING#m1'), sk: S('MEETING') };
/** key bytes: 'pk' + 'MEETING#m1' + 'sk' + 'MEETING' */
const KEY_BYTES = 2 + 10 + 2 + 7;

describe('sizes', () => {
  it('follow DynamoDB: strings by UTF-8 bytes, numbers by significant digits, maps and lists with their overhead', () => {
    expect(valueBytes(S('café'))).toBe(5);
    expect(valueBytes(N('12345'))).toBe(4); // 3 bytes for 5 digits, plus 1
    expect(valueBytes(N('-1.5'))).toBe(3);
    expect(valueBytes({ BOOL: true })).toBe(1);
    expect(valueBytes({ L: [S('ab'), N('1')] })).toBe(3 + 1 + 2 + 1 + 2);
    expect(valueBytes({ M: { id: S('x') } })).toBe(3 + 1 + 2 + 1);
  });

  it('after an update: SET replaces, REMOVE drops, anything computed is bounded above', () => {
    const before = new Map([
      ['pk', 12],
      ['status', 6 + 9],
      ['note', 4 + 100],
      ['n', 1 + 2],
    ]);
    const after = sizesAfterUpdate(before, {
      UpdateExpression: 'SET #s = :s, n = n + :one REMOVE note ADD visits :one',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': S('confirmed'), ':one': N('1') },
    });
    expect(Object.fromEntries(after)).toEqual({ pk: 12, status: 6 + 9, n: 3 + 2, visits: 6 + 2 });
  });
});

describe('write units', () => {
  const meter = () => new WriteMeter();
  const big = (bytes: number) => ({ ...key, text: S('x'.repeat(bytes - KEY_BYTES - 4)) });

  it('a standard write costs 1 per KB rounded up, a transactional one 2', () => {
    const m = meter();
    expect(m.cost('Put', 'a', { Item: big(1024) }, key, false).units).toBe(1);
    expect(m.cost('Put', 'a', { Item: big(1025) }, key, false).units).toBe(2);
    expect(m.cost('Put', 'a', { Item: big(1025) }, key, true).units).toBe(4);
    expect(m.cost('Put', 'a', { Item: key }, key, true).units).toBe(2); // at least 1 KB
  });

  it('an update counts the larger of the item before (as last written here) and after', () => {
    const m = meter();
    m.committed('meeting', m.cost('Put', 'meeting', { Item: big(2500) }, key, true));
    // A small counter update on a 2.5 KB item is 3 KB's worth: 6 units in a transaction.
    const update = { UpdateExpression: 'SET placesLeft = :p', ExpressionAttributeValues: { ':p': N('99') } };
    expect(m.cost('Update', 'meeting', update, key, true).units).toBe(6);
    // An update that shrinks the item still counts its size before.
    const shrink = m.cost('Update', 'meeting', { UpdateExpression: 'REMOVE #t', ExpressionAttributeNames: { '#t': 'text' } }, key, false);
    expect(shrink.units).toBe(3);
    m.committed('meeting', shrink);
    expect(m.cost('Update', 'meeting', update, key, false).units).toBe(1);
  });

  it('an item not written through the proxy counts what the request carries; a delete counts the item as it was', () => {
    const m = meter();
    expect(m.cost('Update', 'unseen', { UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': S('x'.repeat(1500)) } }, key, false).units).toBe(2);
    expect(m.cost('Delete', 'unseen', {}, key, true).units).toBe(2);
    m.committed('seen', m.cost('Put', 'seen', { Item: big(3000) }, key, false));
    expect(m.cost('Delete', 'seen', {}, key, false).units).toBe(3);
  });
});

describe('the budget', () => {
  const write = (units: number) => ({ table: 't', partition: 'p', key: 'p', units });

  it('admits a partition up to its second of units, refills it continuously, and keeps other partitions apart', () => {
    const m = new WriteMeter(1000);
    expect(m.spend([write(600)], 0)).toBeUndefined();
    expect(m.spend([write(400)], 0)).toBeUndefined();
    expect(m.spend([write(2)], 0)).toBe('p');
    expect(m.spend([{ table: 't', partition: 'q', key: 'q', units: 2 }], 0)).toBeUndefined();
    expect(m.spend([write(2)], 2)).toBeUndefined(); // 2 ms refill 2 units
    expect(m.usage().find((u) => u.key === 'p')).toMatchObject({ units: 1002, writes: 3, throttled: 1, peakUnitsPerSecond: 1002 });
  });

  it('admits all of a request or none of it', () => {
    const m = new WriteMeter(10);
    expect(m.spend([write(8)], 0)).toBeUndefined();
    expect(m.spend([{ table: 't', partition: 'q', key: 'q', units: 5 }, write(5)], 0)).toBe('p');
    expect(m.usage().find((u) => u.key === 'q')).toBeUndefined();
  });

  it('finds the peak over any one second', () => {
    const m = new WriteMeter();
    for (let t = 0; t < 3000; t += 100) m.spend([write(t >= 1000 && t < 2000 ? 50 : 10)], t);
    expect(m.usage()[0]).toMatchObject({ units: 10 * 20 + 50 * 10, peakUnitsPerSecond: 500 });
  });
});
