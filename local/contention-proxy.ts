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
 * - throttles a hot partition (about 1,000 write units a second; a standard write costs 1 unit per
 *   KB, a transactional write 2 per KB per item) with ThrottlingException — optional here, since
 *   DynamoDB Local never throttles and most tests do not want it.
 *
 * Every other request (and anything that is not DynamoDB JSON) is forwarded unchanged. Items are held
 * from the moment a transaction is forwarded until DynamoDB Local has answered and `holdMs` has passed
 * since it started: DynamoDB Local commits in about a millisecond, while the real service's two-phase
 * commit keeps items locked for several, which is what makes overlap happen at realistic rates.
 *
 * Simplifications: BatchWriteItem passes through (real DynamoDB fails the batch's conflicting items);
 * single writes do not hold items, so a TransactGetItems only conflicts with in-flight transactions;
 * item sizes for the write budget are estimated from the request, since Update/Delete sizes depend
 * on the stored item; ConditionCheck and Get are free of write units.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ContentionProxyOptions {
  upstream: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** How long a transaction keeps its items at least, from when it started (default 5 ms). */
  holdMs?: number;
  /** Write units a second one partition (table + partition key value) accepts; off when undefined. */
  writeUnitsPerSecondPerPartition?: number;
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
}

export interface ContentionProxy {
  endpoint: string;
  stats(): ContentionStats;
  resetStats(): void;
  setHoldMs(ms: number): void;
  stop(): Promise<void>;
}

type Attributes = Record<string, unknown>;
type Action = 'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Get';
const ACTIONS: readonly string[] = ['Put', 'Update', 'Delete', 'ConditionCheck', 'Get'] satisfies Action[];
interface KeySchema {
  partitionKey: string;
  sortKey?: string;
  tableArn: string;
}
/** One item a request touches: `item` and `partition` are canonical strings, `units` its write cost. */
interface Touch {
  item: string;
  partition: string;
  units: number;
  tableArn: string;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';
const THROTTLE_MESSAGE =
  'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

const emptyStats = (): ContentionStats => ({ forwarded: 0, transactionsCancelled: 0, singleWritesRejected: 0, throttled: 0, operations: {} });
const isObject = (value: unknown): value is Attributes => typeof value === 'object' && value !== null && !Array.isArray(value);
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function startContentionProxy(options: ContentionProxyOptions): Promise<ContentionProxy> {
  const upstream = new URL(options.upstream);
  // Keep-alive so the extra hop costs a write on an open socket, not a TCP handshake per request.
  const agent = new Agent({ keepAlive: true });
  let holdMs = options.holdMs ?? 5;
  let stats = emptyStats();
  const held = new Set<string>();
  const schemas = new Map<string, Promise<KeySchema | undefined>>();
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** The caller's headers (signature included) addressed to DynamoDB Local, without hop-by-hop ones. */
  function upstreamHeaders(caller: IncomingHttpHeaders, changes: IncomingHttpHeaders = {}): IncomingHttpHeaders {
    const headers: IncomingHttpHeaders = { ...caller, host: upstream.host, ...changes };
    for (const name of HOP_BY_HOP) delete headers[name];
    return headers;
  }

  /** Sends `body` upstream with the caller's headers; resolves once the answer has been relayed. */
  /** `beforeAnswer` runs once DynamoDB Local has answered and before the caller hears it (a transaction lets go of its items there). */
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, beforeAnswer?: () => Promise<void>): Promise<void> {
    stats.forwarded++;
    return new Promise((done) => {
      const headers = upstreamHeaders(req.headers);
      // The body was read whole, so send it with its length rather than re-chunking it.
      if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
      const outgoing = request(upstream, { method: req.method, path: req.url, headers, agent }, (answer) => {
        void (async () => {
          // The answer waits, unread, until then.
          if (beforeAnswer) await beforeAnswer();
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
    // A rough size: JSON over-counts type tags a little; an Update's or Delete's real cost depends on
    // the stored item, which only DynamoDB knows, so count what the request carries.
    const carried = action === 'Update' ? [source, input['ExpressionAttributeValues']] : [source];
    const kilobytes = Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(carried)) / 1024));
    const units = action === 'ConditionCheck' || action === 'Get' ? 0 : kilobytes * (transactional ? 2 : 1);
    return { item: canonical(table, key), partition: canonical(table, { [schema.partitionKey]: key[schema.partitionKey] }), units, tableArn: schema.tableArn };
  }

  /** Takes the touches' write units from their partitions' buckets, all or none; returns a touch on a partition that is short. */
  function spend(touches: Touch[]): Touch | undefined {
    const rate = options.writeUnitsPerSecondPerPartition;
    if (rate === undefined) return undefined;
    const now = performance.now();
    const needed = new Map<string, number>();
    for (const t of touches) needed.set(t.partition, (needed.get(t.partition) ?? 0) + t.units);
    for (const [partition, units] of needed) {
      // A token bucket holding one second of capacity, refilled continuously.
      const bucket = buckets.get(partition) ?? { tokens: rate, at: now };
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) * rate) / 1000);
      bucket.at = now;
      buckets.set(partition, bucket);
      if (bucket.tokens < units) return touches.find((t) => t.partition === partition);
    }
    for (const [partition, units] of needed) buckets.get(partition)!.tokens -= units;
    return undefined;
  }

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

  function sendCancelled(res: ServerResponse, touches: Touch[]) {
    stats.transactionsCancelled++;
    const reasons = touches.map((t) => (held.has(t.item) ? { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE } : { Code: 'None' }));
    const codes = reasons.map((r) => r.Code).join(', ');
    sendError(res, 'TransactionCanceledException', {
      CancellationReasons: reasons,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    });
  }

  function sendThrottled(res: ServerResponse, hot: Touch) {
    stats.throttled++;
    sendError(res, 'ThrottlingException', {
      message: THROTTLE_MESSAGE,
      // Spelt as the service model spells it on ThrottlingException (ProvisionedThroughputExceeded's is capitalised).
      throttlingReasons: [{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: hot.tableArn }],
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    if (!operation) return forward(req, res, body);
    stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
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
      if (touches.some((t) => held.has(t.item))) return sendCancelled(res, touches);
      if (operation === 'TransactGetItems') return forward(req, res, body);
      const hot = spend(touches);
      if (hot) return sendThrottled(res, hot);
      const mine = [...new Set(touches.map((t) => t.item))];
      for (const item of mine) held.add(item);
      const started = performance.now();
      const release = () => {
        for (const item of mine) held.delete(item);
      };
      try {
        // As in DynamoDB, a transaction that has answered holds nothing: the caller's next write never
        // meets its own finished transaction.
        await forward(req, res, body, async () => {
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
      if (hot) return sendThrottled(res, hot);
    }
    return forward(req, res, body);
  }

  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      await handle(req, res, Buffer.concat(chunks));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`contention proxy: ${(error as Error).message}`);
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stats: () => ({ ...stats, operations: { ...stats.operations } }),
    resetStats: () => {
      stats = emptyStats();
    },
    setHoldMs: (ms) => {
      holdMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
