/**
 * The table's stream, read from DynamoDB Local as Lambda's event source mappings read DynamoDB's in
 * AWS: every shard, from the oldest record still there, in order, with each page of records handed to
 * `deliver` (stream-consumers.ts hands each consumer, every email delivery and the meetings decider,
 * the records its filter lets through). Used by `npm start`, the tests and the benchmark, so the
 * stream's work happens off the request path locally too.
 *
 *   const poller = await startTableStream({ endpoint, tableName, deliver: (records) => ... });
 *   await poller.stop();
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';

export interface StreamPoller {
  stop(): Promise<void>;
  /** Resolves once every record written so far has been handed over (for tests that want to be sure). */
  caughtUp(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startTableStream(options: {
  endpoint: string;
  tableName: string;
  deliver: (records: _Record[]) => Promise<unknown>;
  /** Milliseconds between polls of a shard with nothing new (Lambda polls about four times a second). */
  idleMs?: number;
  /**
   * At most this many polls of each shard a second, busy or not, each reading up to 1,000 records, as
   * Lambda's event source mapping does (four a second): the bench sets it, so reading the stream takes
   * DynamoDB Local's CPU as sparingly as AWS reads it. Unset (tests, npm start), a shard that had records
   * is read again at once, 100 records at a time.
   */
  pollsPerSecond?: number;
  onError?: (error: unknown) => void;
}): Promise<StreamPoller> {
  const region = 'eu-west-2';
  const tables = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });
  const described = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
  tables.destroy();
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: create it from functions/core/store/table.ts`);

  const idleMs = options.idleMs ?? 100;
  const roundMs = options.pollsPerSecond ? 1000 / options.pollsPerSecond : 0;
  const readLimit = options.pollsPerSecond ? 1000 : 100;
  let stopped = false;
  /** Shard id → where reading has got: the next iterator (undefined once the shard is closed and read to its end) and the last record handed over. */
  const shards = new Map<string, { iterator: string | undefined; lastSequence?: string }>();
  let busy: Promise<void> = Promise.resolve();
  /** Rounds started so far; a waiter resolves when a round that started after it asked finds nothing new. */
  let rounds = 0;
  const waiting: Array<{ after: number; resolve: () => void }> = [];

  /** An iterator just after the last record handed over, or from the oldest record kept when there is none (or it has gone). */
  const iteratorFor = async (shardId: string, lastSequence?: string): Promise<string | undefined> => {
    if (lastSequence) {
      try {
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: lastSequence }),
        );
        return ShardIterator;
      } catch {
        // That record has been trimmed: start again from the oldest kept (delivery ignores what it has done).
      }
    }
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    return ShardIterator;
  };

  const discoverShards = async () => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      shards.set(shard.ShardId, { iterator: await iteratorFor(shard.ShardId) });
    }
  };

  /** One pass over every open shard; true when any had records. */
  const pollOnce = async (): Promise<boolean> => {
    let any = false;
    for (const [shardId, shard] of shards) {
      if (!shard.iterator || stopped) continue;
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: readLimit }));
      } catch (error) {
        const name = (error as Error).name;
        // An iterator can expire, or DynamoDB Local can trim what it pointed at: take a new one and go on.
        if (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException') throw error;
        shard.iterator = await iteratorFor(shardId, shard.lastSequence);
        continue;
      }
      shard.iterator = page.NextShardIterator;
      const records = page.Records ?? [];
      if (records.length) {
        any = true;
        await options.deliver(records);
        shard.lastSequence = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequence;
      }
    }
    return any;
  };

  const loop = async () => {
    while (!stopped) {
      try {
        const round = ++rounds;
        const startedAt = performance.now();
        if (round % 20 === 1) await discoverShards();
        const any = await pollOnce();
        if (!any) {
          for (const waiter of waiting.filter((w) => w.after < round)) {
            waiting.splice(waiting.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
        const wait = any ? roundMs - (performance.now() - startedAt) : Math.max(idleMs, roundMs - (performance.now() - startedAt));
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      } catch (error) {
        if (stopped) break;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };

  await discoverShards();
  busy = loop();
  return {
    async stop() {
      stopped = true;
      await busy;
      streams.destroy();
    },
    caughtUp: () => new Promise<void>((resolve) => waiting.push({ after: rounds, resolve })),
  };
}
