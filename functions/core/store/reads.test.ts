/**
 * Paged Queries against DynamoDB Local: the cursor a page gives opens the next page of the same query
 * and nothing else. One changed, made up, issued for another partition or signed with another
 * deployment's key is a refusal naming the field (a 400), never a start key sent to DynamoDB. A
 * retention task whose stored cursor no longer verifies starts its partition again. A Query for the
 * first few items reads only those, not the whole partition.
 */
import { randomUUID } from 'node:crypto';
import type { QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Refusal } from '../refusal.js';
import { moveExpiryPage } from '../retention.js';
import { dynamo } from './dynamo.js';
import { values } from './items.js';
import { queryAll, queryPage, type QueryInput } from './reads.js';
import { conditionalPut, put } from './writes.js';

const partition = async (count: number, extra: Record<string, unknown> = {}) => {
  const pk = `TEST#CURSOR#${randomUUID()}`;
  for (let i = 0; i < count; i++) await conditionalPut(put({ pk, sk: `ITEM#${i}`, ...extra }));
  return pk;
};
const query = (pk: string): QueryInput => ({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': pk }), ConsistentRead: true });
const sks = (page: { items: Array<Record<string, { S?: string }>> }) => page.items.map((i) => i['sk']!.S);
const refusal = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a refusal'), (error: unknown) => error as Refusal);

const savedSecret = process.env['CURSOR_SECRET'];
afterEach(() => {
  if (savedSecret === undefined) delete process.env['CURSOR_SECRET'];
  else process.env['CURSOR_SECRET'] = savedSecret;
});

describe('page cursors', () => {
  it('open the next page of the query that issued them', async () => {
    const pk = await partition(5);
    const first = await queryPage(query(pk), { limit: 2 });
    expect(sks(first)).toEqual(['ITEM#0', 'ITEM#1']);
    const second = await queryPage(query(pk), { limit: 2, after: first.next! });
    expect(sks(second)).toEqual(['ITEM#2', 'ITEM#3']);
  });

  it('are refused for another partition, and name the field they came in', async () => {
    const [a, b] = [await partition(3), await partition(3)];
    const { next } = await queryPage(query(a), { limit: 1 });
    const error = await refusal(queryPage(query(b), { limit: 1, after: next!, cursorField: 'query.after' }));
    expect(error).toBeInstanceOf(Refusal);
    expect([error.code, error.kind, error.fields?.map((f) => f.field)]).toEqual(['invalid_cursor', 'invalid', ['query.after']]);
    // Nor for the same partition read the other way round.
    expect((await refusal(queryPage({ ...query(a), ScanIndexForward: false }, { after: next! }))).code).toBe('invalid_cursor');
  });

  it('are refused when signed with another key (another deployment, or a key since changed)', async () => {
    const pk = await partition(3);
    const { next } = await queryPage(query(pk), { limit: 1 });
    process.env['CURSOR_SECRET'] = 'another-deployment-secret';
    expect((await refusal(queryPage(query(pk), { after: next! }))).fields).toEqual([{ field: 'after', message: 'This link to a page of the list is not valid. Go back to the first page' }]);
  });

  it('held by a retention task that no longer verifies: the task starts its partition again', async () => {
    const later = Math.floor(Date.now() / 1000) + 365 * 86_400;
    const pk = await partition(3, { expiresAt: later });
    const { next } = await queryPage(query(pk), { limit: 1 });
    process.env['CURSOR_SECRET'] = 'a-newer-cursor-secret';
    const task = { partition: pk, version: '2030-01-01T00:00:00.000Z#1', expiresAt: later + 86_400 };
    expect(await moveExpiryPage(task, new Date(), next)).toEqual({ moved: 3 });
  });
});

describe('queryAll with a limit', () => {
  it('reads only as many items as it returns: a decider taking the oldest 32 requests does not read the whole queue', async () => {
    const pk = await partition(40);
    const send = vi.spyOn(dynamo(), 'send');
    try {
      const items = await queryAll(query(pk), 3);
      expect(sks({ items })).toEqual(['ITEM#0', 'ITEM#1', 'ITEM#10']);
      const pages = (await Promise.all(send.mock.results.map((r) => r.value))) as QueryCommandOutput[];
      expect(pages.reduce((n, page) => n + (page.ScannedCount ?? 0), 0)).toBe(3);
    } finally {
      send.mockRestore();
    }
  });

  it('still pages on to the limit, and returns everything when there are fewer', async () => {
    const pk = await partition(7);
    expect(await queryAll(query(pk), 5)).toHaveLength(5);
    expect(await queryAll(query(pk), 50)).toHaveLength(7);
    expect(await queryAll(query(pk))).toHaveLength(7);
  });
});
