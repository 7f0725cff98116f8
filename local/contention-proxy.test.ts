/**
 * The contention proxy against the real DynamoDB Local and the real AWS SDK: what passes through is
 * unchanged, and each rule it adds reaches the SDK as the same exception class real DynamoDB gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ThrottlingException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactionConflictException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startContentionProxy, type ContentionProxy } from './contention-proxy.js';
import { ensureTable, localDynamoClient } from './tables.js';

const dynamoEndpoint = process.env['DYNAMODB_ENDPOINT']!;
const simpleTable = 'contention-proxy-simple'; // pk only
const platformTable = 'contention-proxy-platform'; // the platform's pk + sk design
const run = Date.now().toString(36); // keys unique to this run

function clientFor(endpoint: string, config: DynamoDBClientConfig = { maxAttempts: 1 }) {
  return new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...config });
}
const key = (pk: string) => ({ pk: { S: `${run}#${pk}` } });
const increment = (pk: string): TransactWriteItem => ({
  Update: { TableName: simpleTable, Key: key(pk), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } },
});
const put = (pk: string): TransactWriteItem => ({ Put: { TableName: simpleTable, Item: { ...key(pk), note: { S: 'written' } } } });
/** The rejection a promise settles with (fails the test when it resolves). */
const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let proxy: ContentionProxy;
let direct: DynamoDBClient;
let viaProxy: DynamoDBClient;

beforeAll(async () => {
  direct = clientFor(dynamoEndpoint);
  const setupClient = localDynamoClient(dynamoEndpoint);
  await ensureTable(setupClient, platformTable);
  setupClient.destroy();
  await direct
    .send(
      new CreateTableCommand({
        TableName: simpleTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ResourceInUseException') throw error;
    });
  proxy = await startContentionProxy({ upstream: dynamoEndpoint });
  viaProxy = clientFor(proxy.endpoint);
});

afterAll(async () => {
  viaProxy?.destroy();
  direct?.destroy();
  await proxy?.stop();
});

describe('uncontended requests', () => {
  it('pass through unchanged: puts, gets, queries, transactions, describe table', async () => {
    proxy.resetStats();
    const item = { pk: { S: `${run}#plain` }, sk: { S: 'profile' }, name: { S: 'Ada' } };
    await viaProxy.send(new PutItemCommand({ TableName: platformTable, Item: item }));
    const got = await viaProxy.send(new GetItemCommand({ TableName: platformTable, Key: { pk: item.pk, sk: item.sk } }));
    expect(got.Item).toEqual(item);
    const query = { TableName: platformTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': item.pk } };
    const [queried, queriedDirect] = await Promise.all([viaProxy.send(new QueryCommand(query)), direct.send(new QueryCommand(query))]);
    expect(queried.Items).toEqual([item]);
    expect(queried.Items).toEqual(queriedDirect.Items);

    await viaProxy.send(new TransactWriteItemsCommand({ TransactItems: [put('tx-a'), increment('tx-b')] }));
    const written = await direct.send(new GetItemCommand({ TableName: simpleTable, Key: key('tx-b') }));
    expect(written.Item?.['n']).toEqual({ N: '1' });

    const described = await viaProxy.send(new DescribeTableCommand({ TableName: platformTable }));
    const describedDirect = await direct.send(new DescribeTableCommand({ TableName: platformTable }));
    expect(described.Table).toEqual(describedDirect.Table);

    expect(proxy.stats()).toMatchObject({ forwarded: 5, transactionsCancelled: 0, singleWritesRejected: 0, throttled: 0 });
    expect(proxy.stats().operations).toEqual({ PutItem: 1, GetItem: 1, Query: 1, TransactWriteItems: 1, DescribeTable: 1 });
  });

  it('relay a conditional-check cancellation exactly as DynamoDB Local gives it', async () => {
    await direct.send(new PutItemCommand({ TableName: simpleTable, Item: key('exists') }));
    const command = () =>
      new TransactWriteItemsCommand({
        TransactItems: [
          put('never'),
          { ConditionCheck: { TableName: simpleTable, Key: key('exists'), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      });
    const [proxied, straight] = await Promise.all([rejection(viaProxy.send(command())), rejection(direct.send(command()))]);
    expect(proxied).toBeInstanceOf(TransactionCanceledException);
    const shape = (e: TransactionCanceledException) => ({ name: e.name, message: e.message, Message: e.Message, reasons: e.CancellationReasons, status: e.$metadata.httpStatusCode });
    expect(shape(proxied as TransactionCanceledException)).toEqual(shape(straight as TransactionCanceledException));
    expect((proxied as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
  });
});

describe('while a transaction holds its items', () => {
  const holdMs = 2000;
  let first: Promise<unknown>;
  let startedAt: number;

  beforeAll(async () => {
    // Seed the counter and warm the key-schema cache so the first transaction holds at once.
    await viaProxy.send(new PutItemCommand({ TableName: simpleTable, Item: { ...key('held'), n: { N: '10' } } }));
    proxy.setHoldMs(holdMs);
    proxy.resetStats();
    startedAt = Date.now();
    first = viaProxy.send(new TransactWriteItemsCommand({ TransactItems: [increment('held'), put('first-only')] }));
    first.catch(() => undefined); // awaited (and so reported) in the last test
    await sleep(100);
  });

  afterAll(() => proxy.setHoldMs(5));

  it('cancels an overlapping transaction with TransactionConflict for the shared item only', async () => {
    const error = await rejection(viaProxy.send(new TransactWriteItemsCommand({ TransactItems: [increment('held'), put('second-only')] })));
    expect(error).toBeInstanceOf(TransactionCanceledException);
    const cancelled = error as TransactionCanceledException;
    expect(cancelled.CancellationReasons).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }, { Code: 'None' }]);
    expect(cancelled.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]');
    expect(cancelled.$metadata.httpStatusCode).toBe(400);
    const second = await direct.send(new GetItemCommand({ TableName: simpleTable, Key: key('second-only') }));
    expect(second.Item).toBeUndefined();
  });

  it('sends the cancellation in the wire shape DynamoDB Local uses', async () => {
    const response = await fetch(proxy.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.TransactWriteItems' },
      body: JSON.stringify({ TransactItems: [increment('held')] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['__type', 'CancellationReasons', 'Message']);
    expect(body['__type']).toBe('com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
  });

  it('cancels a TransactGetItems that reads a held item', async () => {
    const error = await rejection(
      viaProxy.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: simpleTable, Key: key('exists') } }, { Get: { TableName: simpleTable, Key: key('held') } }] })),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'TransactionConflict']);
  });

  it('rejects single PutItem, UpdateItem and DeleteItem on a held item with TransactionConflictException', async () => {
    const writes = [
      new PutItemCommand({ TableName: simpleTable, Item: { ...key('held'), n: { N: '99' } } }),
      new UpdateItemCommand({ TableName: simpleTable, Key: key('held'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '99' } } }),
      new DeleteItemCommand({ TableName: simpleTable, Key: key('held') }),
    ];
    for (const write of writes) {
      const error = await rejection(viaProxy.send(write as PutItemCommand));
      expect(error).toBeInstanceOf(TransactionConflictException);
      expect((error as TransactionConflictException).message).toBe('Transaction is ongoing for the item');
    }
    // Reads are not blocked.
    const read = await viaProxy.send(new GetItemCommand({ TableName: simpleTable, Key: key('held') }));
    expect(read.Item?.['n']).toEqual({ N: '11' });
    expect(proxy.stats()).toMatchObject({ transactionsCancelled: 3, singleWritesRejected: 3 });
  });

  it('lets the same writes through once the hold has ended', async () => {
    await first;
    await sleep(startedAt + holdMs + 50 - Date.now()); // the hold counts from the first transaction's start
    proxy.setHoldMs(5); // or this test's own transaction would hold its items for seconds
    const item = await direct.send(new GetItemCommand({ TableName: simpleTable, Key: key('held') }));
    expect(item.Item?.['n']).toEqual({ N: '11' }); // only the first transaction's increment
    await viaProxy.send(new UpdateItemCommand({ TableName: simpleTable, Key: key('held'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '99' } } }));
    await viaProxy.send(new TransactWriteItemsCommand({ TransactItems: [increment('held'), put('second-only')] }));
    await viaProxy.send(new DeleteItemCommand({ TableName: simpleTable, Key: key('second-only') }));
    const after = await direct.send(new GetItemCommand({ TableName: simpleTable, Key: key('held') }));
    expect(after.Item?.['n']).toEqual({ N: '100' });
  });
});

describe('under concurrency', () => {
  it('cancels some of 50 concurrent increments of one counter, where DynamoDB Local alone accepts all', async () => {
    const withRetries = clientFor(proxy.endpoint, {}); // the SDK's default 3 attempts
    const straight = clientFor(dynamoEndpoint, {});
    const burst = (client: DynamoDBClient, pk: string) =>
      Promise.allSettled(Array.from({ length: 50 }, () => client.send(new TransactWriteItemsCommand({ TransactItems: [increment(pk)] }))));
    const counter = async (pk: string) => Number((await direct.send(new GetItemCommand({ TableName: simpleTable, Key: key(pk) }))).Item?.['n']?.N ?? 0);
    try {
      const alone = await burst(straight, 'counter-direct');
      expect(alone.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
      expect(await counter('counter-direct')).toBe(50);

      proxy.resetStats();
      const results = await burst(withRetries, 'counter-proxied');
      const succeeded = results.filter((r) => r.status === 'fulfilled').length;
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      // The SDK does not retry TransactionCanceledException: the application must, as with real DynamoDB.
      expect(failures.every((e) => e instanceof TransactionCanceledException)).toBe(true);
      expect(failures.length).toBeGreaterThan(0);
      expect(succeeded).toBeGreaterThan(0);
      expect(proxy.stats().transactionsCancelled).toBe(failures.length);
      expect(await counter('counter-proxied')).toBe(succeeded);
    } finally {
      withRetries.destroy();
      straight.destroy();
    }
  });
});

describe("with AWS's per-partition write budget (1,000 write units a second)", () => {
  let budgeted: ContentionProxy;
  let once: DynamoDBClient; // one attempt: the throttle itself is seen
  let sdk: DynamoDBClient; // the SDK's retries (its standard strategy, with a few more tries than its default 3)
  const item = (pk: string, sk: string) => ({ pk: { S: `${run}#${pk}` }, sk: { S: sk } });
  // A 20 KB item (names + values, DynamoDB's sizing): 20 write units as a single write, 40 in a transaction.
  const pad = (pk: string, sk: string) => ({ ...item(pk, sk), pad: { S: 'x'.repeat(20 * 1024 - 3 - 2 - 2 - `${run}#${pk}`.length - sk.length - 8) } });
  const transactionOf = (pk: string, sk: string) => new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: platformTable, Item: pad(pk, sk) } }] });
  const partition = (pk: string) => budgeted.partitions().find((p) => p.key === `${run}#${pk}`);
  /** Items stored in a partition (a Query reads 1 MB a page: these items are 20 KB). */
  const stored = async (pk: string) => {
    let count = 0;
    let after: Record<string, AttributeValue> | undefined;
    do {
      const page = await direct.send(
        new QueryCommand({ TableName: platformTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `${run}#${pk}` } }, Select: 'COUNT', ExclusiveStartKey: after }),
      );
      count += page.Count ?? 0;
      after = page.LastEvaluatedKey;
    } while (after);
    return count;
  };

  beforeAll(async () => {
    budgeted = await startContentionProxy({ upstream: dynamoEndpoint, writeBudget: {} });
    // Sockets for a whole burst, so it reaches the proxy at once rather than 50 at a time as DynamoDB Local answers.
    const burstSockets = { requestHandler: { httpAgent: { maxSockets: 200 } } };
    once = clientFor(budgeted.endpoint, { maxAttempts: 1, ...burstSockets });
    sdk = clientFor(budgeted.endpoint, { maxAttempts: 6, ...burstSockets });
    await once.send(new PutItemCommand({ TableName: platformTable, Item: item('warm', 'schema') })); // the key schema is looked up once
  });
  afterAll(async () => {
    once.destroy();
    sdk.destroy();
    await budgeted.stop();
  });

  it('lets a burst below the budget through: 20 transactions of 40 units into one partition', async () => {
    expect(budgeted.writeBudget).toBe(1000);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => once.send(transactionOf('below', `t${i}`))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await stored('below')).toBe(20);
    expect(partition('below')).toMatchObject({ units: 800, writes: 20, throttled: 0, peakUnitsPerSecond: 800 });
  });

  it('cancels transactions beyond it with ThrottlingError: 50 transactions of 40 units into one partition', async () => {
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        once.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: platformTable, Item: pad('above', `t${i}`) } }, { Put: { TableName: platformTable, Item: item('elsewhere', `t${i}`) } }] })),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const throttled = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    const admitted = 50 - throttled.length;
    // 2,000 units asked for at once: what fits is the bucket's 1,000 and what refilled while the burst lasted.
    expect(throttled.length).toBeGreaterThan(0);
    expect(admitted * 40).toBeLessThanOrEqual(1000 + 1000 * seconds);
    for (const error of throttled) {
      expect(error).toBeInstanceOf(TransactionCanceledException);
      expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ThrottlingError', 'None']);
      expect((error as TransactionCanceledException).CancellationReasons?.[0]?.Message).toMatch(/^Throughput exceeds the current capacity of your table or index/);
    }
    // Nothing of a throttled transaction is written, not even its item on the other partition.
    expect(await stored('above')).toBe(admitted);
    expect(await stored('elsewhere')).toBe(admitted);
    expect(partition('above')).toMatchObject({ units: 40 * admitted, writes: admitted, throttled: throttled.length });
    expect(partition('elsewhere')).toMatchObject({ units: 2 * admitted, throttled: 0 });
  });

  it('throttles single writes beyond it with ThrottlingException, which the SDK retries until they fit', async () => {
    const burst = (client: DynamoDBClient, pk: string) =>
      Promise.allSettled(Array.from({ length: 100 }, (_, i) => client.send(new PutItemCommand({ TableName: platformTable, Item: pad(pk, `p${i}`) }))));
    const alone = await burst(once, 'single');
    const rejected = alone.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(rejected.length).toBeGreaterThan(0);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(ThrottlingException);
      expect((error as ThrottlingException).throttlingReasons?.[0]?.reason).toBe('TableWriteKeyRangeThroughputExceeded');
    }
    expect(await stored('single')).toBe(100 - rejected.length);

    budgeted.resetStats();
    const retried = await burst(sdk, 'retried');
    expect(retried.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(budgeted.stats().throttled).toBeGreaterThan(0); // 2,000 units asked for at once: some waited for the SDK's retry
    expect(await stored('retried')).toBe(100);
    expect(partition('retried')).toMatchObject({ units: 2000, writes: 100 });
  });

  it("counts each entrance's requests apart, reads among them", async () => {
    const background = clientFor(await budgeted.entrance('background'));
    try {
      budgeted.resetStats();
      await once.send(new GetItemCommand({ TableName: platformTable, Key: item('below', 't0') }));
      await background.send(new QueryCommand({ TableName: platformTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `${run}#below` } } }));
      await background.send(new PutItemCommand({ TableName: platformTable, Item: item('background', 'a') }));
      expect(budgeted.stats().callers).toEqual({
        default: { operations: { GetItem: 1 }, reads: 1, throttled: 0 },
        background: { operations: { Query: 1, PutItem: 1 }, reads: 1, throttled: 0 },
      });
    } finally {
      background.destroy();
    }
  });
});

describe('requests the proxy does not understand', () => {
  const compare = async (init: RequestInit) => {
    const [proxied, straight] = await Promise.all([fetch(proxy.endpoint, init), fetch(dynamoEndpoint, init)]);
    expect(proxied.status).toBe(straight.status);
    expect(proxied.headers.get('content-type')).toBe(straight.headers.get('content-type'));
    expect(await proxied.text()).toBe(await straight.text());
  };

  it('are forwarded unchanged', async () => {
    proxy.resetStats();
    await compare({ method: 'GET' });
    const headers = { 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=0' };
    await compare({ method: 'POST', headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.NoSuchOperation' }, body: '{}' });
    await compare({ method: 'POST', headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.PutItem' }, body: 'not json' });
    await compare({ method: 'POST', headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.TransactWriteItems' }, body: '{"TransactItems":[{"Nope":{}}]}' });
    expect(proxy.stats().forwarded).toBe(4);
  });
});
