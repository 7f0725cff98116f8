/**
 * An HTTP proxy in front of DynamoDB Local that adds the contention real DynamoDB has and DynamoDB
 * Local lacks. DynamoDB Local runs every request to completion: 300 concurrent TransactWriteItems
 * updating one item all succeed. Real DynamoDB, per its transaction documentation, instead:
 *
 * - cancels a TransactWriteItems whose items are part of another in-progress transaction with
 *   TransactionCanceledException, one CancellationReason per action in order: `TransactionConflict`
 *   ("Transaction is ongoing for the item") for a held item, `None` for the rest;
 * - cancels a TransactGetItems the same way when it reads an item a transaction is writing;
 * - rejects PutItem, UpdateItem or DeleteItem on such an item with TransactionConflictException;
 * - throttles a hot partition (with `writeBudget`: 1,000 write units a second by default, AWS's
 *   figure; costs and sizes as write-units.ts says): a single write with ThrottlingException, which
 *   the SDK retries itself; a transaction with TransactionCanceledException whose reasons say
 *   `ThrottlingError` for the items on the hot partition, which the SDK does not retry (the
 *   platform's transactWrite does). Optional, since DynamoDB Local never throttles and most tests do
 *   not want it; with it off the proxy still measures what each partition took.
 *
 * Every other request (and anything that is not DynamoDB JSON) is forwarded unchanged. Items are held
 * from the moment a transaction is forwarded until DynamoDB Local has answered and `holdMs` has passed
 * since it started: DynamoDB Local commits in about a millisecond, while the real service's two-phase
 * commit keeps items locked for several, which is what makes overlap happen at realistic rates.
 *
 * Each entrance (`entrance(name)`: another port on the same proxy, the same items and budget) counts
 * its callers' requests apart, so a bench can tell the API's reads from a background decider's.
 *
 * Simplifications: BatchWriteItem passes through unmetered (real DynamoDB fails the batch's
 * conflicting items and returns throttled ones as unprocessed); single writes do not hold items, so a
 * TransactGetItems only conflicts with in-flight transactions; see write-units.ts for item sizes.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AWS_PARTITION_WRITE_UNITS_PER_SECOND, isObject, WriteMeter, type Attributes, type PartitionUse, type WriteCost } from './write-units.js';

export { AWS_PARTITION_WRITE_UNITS_PER_SECOND, type PartitionUse };

export interface ContentionProxyOptions {
  upstream: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** How long a transaction keeps its items at least, from when it started (default 5 ms). */
  holdMs?: number;
  /**
   * Throttle writes beyond a per-partition budget (table + partition key value), in write units a
   * second: AWS's 1,000 unless given. Off when undefined (write units are still measured).
   */
  writeBudget?: { unitsPerSecondPerPartition?: number };
}

/** One entrance's callers: requests by operation, the reads among them, and throttled requests. */
export interface CallerStats {
  operations: Record<string, number>;
  /** GetItem, Query, Scan, BatchGetItem and TransactGetItems requests (each try the SDK makes counts). */
  reads: number;
  throttled: number;
}

export interface ContentionStats {
  /** Callers' requests sent on to DynamoDB Local (the proxy's own DescribeTable look-ups are not counted). */
  forwarded: number;
  /** TransactWriteItems and TransactGetItems answered with a TransactionConflict cancellation. */
  transactionsCancelled: number;
  /** PutItem, UpdateItem and DeleteItem answered with TransactionConflictException. */
  singleWritesRejected: number;
  throttled: number;
  /** Requests seen, by DynamoDB operation name. */
  operations: Record<string, number>;
  /** The same by entrance: `default` for `endpoint`, otherwise the name given to `entrance`. */
  callers: Record<string, CallerStats>;
}

export interface ContentionProxy {
  endpoint: string;
  /** Another endpoint onto the same proxy (the same held items and budget), whose requests are counted as `name`'s. */
  entrance(name: string): Promise<string>;
  /** The write budget in force, write units a second per partition; undefined when off. */
  writeBudget: number | undefined;
  stats(): ContentionStats;
  /** Write units each partition took since the last reset (measured with the budget on or off). */
  partitions(): PartitionUse[];
  /** Resets the counts and the partitions' figures (not the budget's buckets, nor the items' sizes). */
  resetStats(): void;
  setHoldMs(ms: number): void;
  stop(): Promise<void>;
}

type Action = 'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Get';
const ACTIONS: readonly string[] = ['Put', 'Update', 'Delete', 'ConditionCheck', 'Get'] satisfies Action[];
interface KeySchema {
  partitionKey: string;
  sortKey?: string;
  tableArn: string;
}
/** One item a request touches: `item` and `partition` are canonical strings; `cost` its write units (none for a read or check). */
interface Touch {
  item: string;
  partition: string;
  table: string;
  /** The partition key's value as a string. */
  key: string;
  cost?: WriteCost;
  tableArn: string;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';
const THROTTLE_MESSAGE =
  'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const emptyStats = (): ContentionStats => ({ forwarded: 0, transactionsCancelled: 0, singleWritesRejected: 0, throttled: 0, operations: {}, callers: {} });
/** The key schema in a DescribeTable answer; undefined for an error (no such table, say). */
function keySchemaIn(answer: Buffer): KeySchema | undefined {
  try {
    const { Table } = JSON.parse(answer.toString()) as { Table?: { KeySchema: { AttributeName: string; KeyType: string }[]; TableArn: string } };
    const name = (type: string) => Table?.KeySchema.find((k) => k.KeyType === type)?.AttributeName;
    const partitionKey = name('HASH');
    return Table && partitionKey ? { partitionKey, sortKey: name('RANGE'), tableArn: Table.TableArn } : undefined;
  } catch {
    return undefined;
  }
}
/** Same attributes, same string: sorted names, JSON values. */
const canonical = (table: string, key: Attributes) =>
  JSON.stringify([table, Object.keys(key).sort().map((name) => [name, key[name]])]);
/** A key attribute's value as a string ({ S: 'x' } → x). */
const keyText = (value: unknown) => (isObject(value) ? String(Object.values(value)[0]) : String(value));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function startContentionProxy(options: ContentionProxyOptions): Promise<ContentionProxy> {
  const upstream = new URL(options.upstream);
  // Keep-alive so the extra hop costs a write on an open socket, not a TCP handshake per request.
  const agent = new Agent({ keepAlive: true });
  let holdMs = options.holdMs ?? 5;
  let stats = emptyStats();
  const held = new Set<string>();
  const schemas = new Map<string, Promise<KeySchema | undefined>>();
  const budget = options.writeBudget ? (options.writeBudget.unitsPerSecondPerPartition ?? AWS_PARTITION_WRITE_UNITS_PER_SECOND) : undefined;
  const meter = new WriteMeter(budget);

  /** The caller's headers (signature included) addressed to DynamoDB Local, without hop-by-hop ones. */
  function upstreamHeaders(caller: IncomingHttpHeaders, changes: IncomingHttpHeaders = {}): IncomingHttpHeaders {
    const headers: IncomingHttpHeaders = { ...caller, host: upstream.host, ...changes };
    for (const name of HOP_BY_HOP) delete headers[name];
    return headers;
  }

  /**
   * Sends `body` upstream with the caller's headers; resolves once the answer has been relayed.
   * `beforeAnswer` runs once DynamoDB Local has answered (with its status) and before the caller hears
   * it: a transaction lets go of its items there, and committed writes leave their sizes.
   */
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, beforeAnswer?: (status: number) => Promise<void> | void): Promise<void> {
    stats.forwarded++;
    return new Promise((done) => {
      const headers = upstreamHeaders(req.headers);
      // The body was read whole, so send it with its length rather than re-chunking it.
      if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
      const outgoing = request(upstream, { method: req.method, path: req.url, headers, agent }, (answer) => {
        void (async () => {
          // The answer waits, unread, until then.
          if (beforeAnswer) await beforeAnswer(answer.statusCode ?? 502);
          const raw = answer.rawHeaders.filter((_, i, all) => !HOP_BY_HOP.has(all[i - (i % 2)]!.toLowerCase()));
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
          answer.pipe(res);
          // 'close' comes after the end and also after an abort, so held items are always released.
          answer.once('close', () => done());
        })();
      });
      outgoing.once('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`contention proxy: upstream ${upstream.origin} failed: ${error.message}`);
        done();
      });
      outgoing.end(body);
    });
  }

  /**
   * The table's key schema, asked of DynamoDB Local once per table. The caller's own headers go with
   * it: DynamoDB Local keeps a database per access key and region unless started with sharedDb.
   */
  function schemaOf(table: string, callerHeaders: IncomingHttpHeaders): Promise<KeySchema | undefined> {
    let schema = schemas.get(table);
    if (!schema) {
      schema = describeTable(table, callerHeaders);
      schemas.set(table, schema);
      void schema.then((found) => found || schemas.delete(table)); // ask again once the table exists
    }
    return schema;
  }

  function describeTable(table: string, callerHeaders: IncomingHttpHeaders): Promise<KeySchema | undefined> {
    const body = JSON.stringify({ TableName: table });
    const headers = upstreamHeaders(callerHeaders, { 'x-amz-target': `${TARGET_PREFIX}DescribeTable`, 'content-length': String(Buffer.byteLength(body)) });
    return new Promise((resolve) => {
      const outgoing = request(upstream, { method: 'POST', path: '/', headers, agent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('error', () => resolve(undefined));
        answer.once('end', () => resolve(keySchemaIn(Buffer.concat(chunks))));
      });
      outgoing.once('error', () => resolve(undefined));
      outgoing.end(body);
    });
  }

  /** The item one action touches, or undefined when the request is not one this proxy understands. */
  async function touchOf(action: Action, input: unknown, headers: IncomingHttpHeaders, transactional: boolean): Promise<Touch | undefined> {
    if (!isObject(input) || typeof input['TableName'] !== 'string') return undefined;
    const table = input['TableName'];
    const source = action === 'Put' ? input['Item'] : input['Key'];
    const schema = isObject(source) ? await schemaOf(table, headers) : undefined;
    if (!schema || !isObject(source) || source[schema.partitionKey] === undefined) return undefined;
    const key: Attributes = { [schema.partitionKey]: source[schema.partitionKey] };
    if (schema.sortKey) key[schema.sortKey] = source[schema.sortKey];
    const item = canonical(table, key);
    const cost = action === 'ConditionCheck' || action === 'Get' ? undefined : meter.cost(action, item, input, key, transactional);
    return {
      item,
      partition: canonical(table, { [schema.partitionKey]: key[schema.partitionKey] }),
      table,
      key: keyText(key[schema.partitionKey]),
      ...(cost ? { cost } : {}),
      tableArn: schema.tableArn,
    };
  }

  /** Takes the touches' write units from their partitions, all or none; returns a touch on a partition that is short. */
  function spend(touches: Touch[]): Touch | undefined {
    const short = meter.spend(touches.flatMap((t) => (t.cost ? [{ ...t, units: t.cost.units }] : [])));
    return short === undefined ? undefined : touches.find((t) => t.partition === short);
  }

  /** Once DynamoDB Local has committed them, the items weigh what the writes left. */
  const committed = (touches: Touch[]) => (status: number) => {
    if (status !== 200) return;
    for (const t of touches) if (t.cost) meter.committed(t.item, t.cost);
  };

  function sendError(res: ServerResponse, type: string, fields: object) {
    // The shape DynamoDB Local sends for its own errors (the SDK reads `__type` first), plus the
    // x-amzn-ErrorType header the SDK falls back on.
    const payload = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...fields });
    res.writeHead(400, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': randomUUID(),
      'x-amzn-ErrorType': type,
    });
    res.end(payload);
  }

  /** A cancelled transaction: one reason per action, in order, as DynamoDB gives them. */
  function sendCancelled(res: ServerResponse, touches: Touch[], reason: (t: Touch) => { Code: string; Message?: string }) {
    const reasons = touches.map(reason);
    sendError(res, 'TransactionCanceledException', {
      CancellationReasons: reasons,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    });
  }

  /**
   * A write on a partition over its budget. A single write gets ThrottlingException (the SDK retries
   * it with backoff); a transaction is cancelled with `ThrottlingError` for that partition's items.
   */
  function sendThrottled(res: ServerResponse, touches: Touch[], hot: Touch, caller: CallerStats, transaction: boolean) {
    stats.throttled++;
    caller.throttled++;
    if (transaction) return sendCancelled(res, touches, (t) => (t.partition === hot.partition && t.cost ? { Code: 'ThrottlingError', Message: THROTTLE_MESSAGE } : { Code: 'None' }));
    sendError(res, 'ThrottlingException', {
      message: THROTTLE_MESSAGE,
      // Spelt as the service model spells it on ThrottlingException (ProvisionedThroughputExceeded's is capitalised).
      throttlingReasons: [{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: hot.tableArn }],
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer, callerName: string): Promise<void> {
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    if (!operation) return forward(req, res, body);
    stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
    const caller = (stats.callers[callerName] ??= { operations: {}, reads: 0, throttled: 0 });
    caller.operations[operation] = (caller.operations[operation] ?? 0) + 1;
    if (READS.has(operation)) caller.reads++;
    let input: Attributes;
    try {
      input = JSON.parse(body.toString()) as Attributes;
    } catch {
      return forward(req, res, body); // DynamoDB Local's own error for a malformed body is the right answer
    }

    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const items = Array.isArray(input['TransactItems']) ? (input['TransactItems'] as unknown[]) : [];
      const touches = await Promise.all(
        items.map((entry) => {
          const [action, request] = isObject(entry) ? (Object.entries(entry)[0] ?? []) : [];
          return ACTIONS.includes(action as string) ? touchOf(action as Action, request, req.headers, true) : undefined;
        }),
      );
      if (touches.length === 0 || !touches.every((t) => t !== undefined)) return forward(req, res, body);
      // From here to holding the items nothing awaits, so no other request can slip in between.
      if (touches.some((t) => held.has(t.item))) {
        stats.transactionsCancelled++;
        return sendCancelled(res, touches, (t) => (held.has(t.item) ? { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE } : { Code: 'None' }));
      }
      if (operation === 'TransactGetItems') return forward(req, res, body);
      const hot = spend(touches);
      if (hot) return sendThrottled(res, touches, hot, caller, true);
      const mine = [...new Set(touches.map((t) => t.item))];
      for (const item of mine) held.add(item);
      const started = performance.now();
      const release = () => {
        for (const item of mine) held.delete(item);
      };
      try {
        // As in DynamoDB, a transaction that has answered holds nothing: the caller's next write never
        // meets its own finished transaction.
        await forward(req, res, body, async (status) => {
          committed(touches)(status);
          await sleep(started + holdMs - performance.now());
          release();
        });
      } finally {
        release();
      }
      return;
    }

    if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') {
      const touch = await touchOf(operation.replace('Item', '') as Action, input, req.headers, false);
      if (touch && held.has(touch.item)) {
        stats.singleWritesRejected++;
        return sendError(res, 'TransactionConflictException', { message: CONFLICT_MESSAGE });
      }
      const hot = touch && spend([touch]);
      if (hot) return sendThrottled(res, [touch], hot, caller, false);
      if (touch) return forward(req, res, body, committed([touch]));
    }
    return forward(req, res, body);
  }

  const host = options.host ?? '127.0.0.1';
  const servers: Array<ReturnType<typeof createServer>> = [];
  async function listen(callerName: string, port: number): Promise<string> {
    const server = createServer(async (req, res) => {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        await handle(req, res, Buffer.concat(chunks), callerName);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`contention proxy: ${(error as Error).message}`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    servers.push(server);
    return `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  }

  return {
    endpoint: await listen('default', options.port ?? 0),
    entrance: (name) => listen(name, 0),
    writeBudget: budget,
    stats: () => ({
      ...stats,
      operations: { ...stats.operations },
      callers: Object.fromEntries(Object.entries(stats.callers).map(([name, c]) => [name, { ...c, operations: { ...c.operations } }])),
    }),
    partitions: () => meter.usage(),
    resetStats: () => {
      stats = emptyStats();
      meter.resetUsage();
    },
    setHoldMs: (ms) => {
      holdMs = ms;
    },
    stop: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
      agent.destroy();
    },
  };
}
