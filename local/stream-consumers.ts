/**
 * The table stream's consumers, locally as in AWS: one reader of DynamoDB Local's stream
 * (table-stream.ts) and, for every consumer the platform declares (core/stream-consumers.ts: each
 * emailing capability's delivery, and consumers such as the meetings decider), a lane standing in for
 * its event source mapping. A lane gets only the records its filter lets through, and invokes the
 * consumer's Lambda handler with them (a stream event and a Lambda context with the function's
 * timeout), one batch at a time and in order, as a mapping with a parallelisation factor of 1 does; a
 * batch that fails is tried again, halved, up to the consumer's retries, then reported through
 * `onError` (in AWS: the failures queue). Lanes run side by side, so a slow consumer holds up no other,
 * and within a lane records are sharded by partition key as the stream's shards are.
 *
 * One difference, on purpose, unless `batchingWindows` is set (the bench sets it): a lane does not wait
 * for the batching window. It takes what has been read (up to the batch size), as a mapping does once
 * its window is over. The window only delays a batch and groups a burst into fewer invocations;
 * nothing a consumer decides depends on how records were grouped, so tests and `npm start` skip it.
 *
 *   const stream = await startStreamConsumers({ endpoint, tableName });   // npm start, the tests, the bench
 *   await stream.caughtUp();   // every record so far handled, and what handling it wrote too
 *   await stream.stop();
 */
import { createHash } from 'node:crypto';
import type { LoadedStreamConsumer } from '../functions/platform.js';
import { isInsertOf, type StreamRecord } from '../functions/core/streams.js';
import { lambdaContext } from './lambda-invocation.js';
import { startTableStream, type StreamPoller } from './table-stream.js';

/** A little time between a failed batch and its retry, as the mapping leaves. */
const RETRY_PAUSE_MS = 200;
const MEMORY_MB = 512;

export type Invoke = (records: StreamRecord[]) => Promise<unknown>;

/**
 * One consumer's mapping. A DynamoDB stream has several shards, an item's records always in the same
 * one (by its partition key); with a parallelisation factor of 1 a mapping runs one batch at a time
 * per shard, so one key's records are handled in order while other keys' go ahead beside them. The
 * lane does the same with SHARDS queues: one meeting's rush never holds up another meeting's email.
 */
class Lane {
  private readonly shards: Shard[];

  constructor(
    readonly consumer: LoadedStreamConsumer,
    invoke: Invoke,
    onError: (error: unknown) => void,
    windowMs: number,
  ) {
    this.shards = Array.from({ length: SHARDS }, () => new Shard(consumer, invoke, onError, windowMs));
  }

  push(records: StreamRecord[]): void {
    const byShard = new Map<Shard, StreamRecord[]>();
    for (const record of records) {
      const shard = this.shards[shardOf(record.dynamodb?.Keys?.['pk']?.S ?? '')]!;
      byShard.set(shard, [...(byShard.get(shard) ?? []), record]);
    }
    for (const [shard, own] of byShard) shard.push(own);
  }

  async idle(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.idle()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.stop()));
  }
}

/** Shards per lane: a table's stream has several; what matters is that one key always lands in the same one. */
const SHARDS = 4;
const shardOf = (partitionKey: string): number => createHash('sha1').update(partitionKey).digest().readUInt32BE(0) % SHARDS;

class Shard {
  private readonly queue: StreamRecord[] = [];
  /** When the oldest record waiting arrived, for the batching window. */
  private oldestAt = 0;
  private full: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly consumer: LoadedStreamConsumer,
    private readonly invoke: Invoke,
    private readonly onError: (error: unknown) => void,
    /** 0: take what has been read at once; otherwise the consumer's batching window, as the mapping waits it out. */
    private readonly windowMs: number,
  ) {}

  push(records: StreamRecord[]): void {
    if (!this.queue.length) this.oldestAt = Date.now();
    this.queue.push(...records);
    if (this.queue.length >= this.consumer.batchSize) this.full?.();
    this.kick();
  }

  /** The next batch: once the window since its oldest record is over, or as soon as it is full. */
  private async nextBatch(): Promise<StreamRecord[]> {
    const wait = this.windowMs - (Date.now() - this.oldestAt);
    if (wait > 0 && this.queue.length < this.consumer.batchSize) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.full = () => (clearTimeout(timer), resolve());
      });
      this.full = undefined;
    }
    const batch = this.queue.splice(0, this.consumer.batchSize);
    this.oldestAt = this.queue.length ? 0 : Date.now(); // records left over have waited their window already
    return batch;
  }

  private kick(): void {
    if (this.running || this.stopped || !this.queue.length) return;
    this.running = (async () => {
      while (this.queue.length && !this.stopped) {
        const batch = await this.nextBatch();
        if (this.stopped) break; // stopped during the window: what it was for stays in the table (the timers pick it up)
        await this.run(batch, this.consumer.retryAttempts);
      }
    })().finally(() => {
      this.running = undefined;
      this.kick(); // records pushed while the last batch finished
    });
  }

  /** One batch, its retries halving it (bisect on error), then the failures queue's stand-in. */
  private async run(records: StreamRecord[], retriesLeft: number): Promise<void> {
    try {
      await this.invoke(records);
    } catch (error) {
      if (this.stopped) return; // shutting down: what it was for stays in the table (the timers pick it up)
      if (retriesLeft <= 0) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.onError(new Error(`${this.consumer.serviceName} gave up on ${records.length} stream record(s) after ${this.consumer.retryAttempts} retries (in AWS: the failures queue): ${reason}`, { cause: error }));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      const half = Math.ceil(records.length / 2);
      for (const part of records.length > 1 ? [records.slice(0, half), records.slice(half)] : [records]) await this.run(part, retriesLeft - 1);
    }
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.full?.();
    await this.idle();
  }
}

/** The consumer's handler as its mapping invokes it: a stream event, and a fresh context with its timeout. */
const invokeHandler =
  (consumer: LoadedStreamConsumer): Invoke =>
  (records) =>
    consumer.handler({ Records: records }, lambdaContext({ functionName: `engagement-${consumer.serviceName}`, timeoutMs: consumer.timeoutSeconds * 1000, memoryMb: MEMORY_MB }));

export interface StreamConsumers extends StreamPoller {
  consumers: readonly LoadedStreamConsumer[];
}

/**
 * Starts the stream's consumers. Imported when called, once the environment the functions read is
 * set. `include` picks which consumers run (a test that drives some itself leaves them out); `wrap`
 * wraps each one's invocation (the bench gates and counts the email deliveries through it).
 */
export async function startStreamConsumers(options: {
  endpoint: string;
  tableName: string;
  idleMs?: number;
  onError?: (error: unknown) => void;
  include?: (consumer: LoadedStreamConsumer) => boolean;
  wrap?: (consumer: LoadedStreamConsumer, invoke: Invoke) => Invoke;
  /** Wait out each consumer's batching window as its mapping does (the bench); otherwise take what has been read at once (tests, npm start). */
  batchingWindows?: boolean;
  /** Poll each shard at most this often a second, as Lambda does (the bench: 4); see table-stream.ts. */
  pollsPerSecond?: number;
}): Promise<StreamConsumers> {
  const { loadStreamConsumers } = await import('../functions/platform.js');
  const consumers = (await loadStreamConsumers()).filter(options.include ?? (() => true));
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const lanes = consumers.map(
    (consumer) => new Lane(consumer, options.wrap ? options.wrap(consumer, invokeHandler(consumer)) : invokeHandler(consumer), onError, options.batchingWindows ? consumer.batchingWindowSeconds * 1000 : 0),
  );
  /** Records handed to any lane so far. */
  let dispatched = 0;
  const reader = await startTableStream({
    endpoint: options.endpoint,
    tableName: options.tableName,
    deliver: async (records) => {
      for (const lane of lanes) {
        const own = (records as StreamRecord[]).filter((record) => isInsertOf(record, lane.consumer.inserted));
        if (!own.length) continue;
        dispatched += own.length;
        lane.push(own);
      }
    },
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    ...(options.pollsPerSecond !== undefined ? { pollsPerSecond: options.pollsPerSecond } : {}),
    onError,
  });
  const lanesIdle = () => Promise.all(lanes.map((lane) => lane.idle()));
  return {
    consumers,
    // Handling records writes items (a decision writes emails): caught up once a round of reading and handling brings nothing new.
    async caughtUp() {
      for (let seen = -1; seen !== dispatched; ) {
        seen = dispatched;
        await reader.caughtUp();
        await lanesIdle();
      }
    },
    async stop() {
      await reader.stop();
      await Promise.all(lanes.map((lane) => lane.stop()));
    },
  };
}
