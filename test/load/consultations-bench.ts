/**
 * The consultations part of `npm run bench` (called from bench.ts once the platform is up):
 *
 * 1. A raw DynamoDB baseline: the same writes a response makes (the shard's control update with its
 *    conditions, three counter updates, the response put, a free-text put), as TransactWriteItems
 *    straight to DynamoDB, RESPONSES of them with IN_FLIGHT at once, in the same run.
 * 2. RESPONSES responses over HTTP (POST /api/consultations/{id}/responses, each its own
 *    Idempotency-Key and network address), IN_FLIGHT at once: responses a second beside the
 *    baseline, p50/p95 latency, failures (expected 0).
 * 3. Every counter equals the stored responses afterwards: the total, each answer of the precept
 *    question, and each shard's control count against the responses stored in that shard.
 * 4. The cost of reading results (the fixed set of counter items) at 100 responses and at RESPONSES:
 *    requests, consumed read capacity and time, which should be the same.
 *
 * bench.ts sizes it (`responses`, `inFlight`: 1,000 and 200 by default, 10,000 with --full);
 * CONSULTATIONS_BENCH_RESPONSES and CONSULTATIONS_BENCH_IN_FLIGHT override them.
 */
import { randomUUID } from 'node:crypto';
import { BatchGetItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { benchClient } from './sdk-sockets.js';

export interface ConsultationsBenchOptions {
  baseUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  /** When the platform's DynamoDB traffic goes through the contention proxy, the baseline goes there too. */
  proxyEndpoint?: string;
  responses: number;
  inFlight: number;
}
const SMALL = 100;
const READ_RUNS = 20;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

async function pool(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) await work(next++);
  }));
}

const CHOICES = ['increase-0', 'increase-1000', 'increase-1300', 'increase-1400', 'dont-know'];
const POSTCODES = ['LE1', 'LE11', 'LE13', 'LE17', 'LE19', 'LE5', 'CV13', 'DE74'];

export async function consultationsBench(options: ConsultationsBenchOptions): Promise<{ markdown: string; json: { passed: boolean } }> {
  const RESPONSES = Number(process.env['CONSULTATIONS_BENCH_RESPONSES'] ?? options.responses);
  const IN_FLIGHT = Number(process.env['CONSULTATIONS_BENCH_IN_FLIGHT'] ?? options.inFlight);
  const fixtures = await import('../../functions/consultations/fixtures.js');
  const { resultsOf } = await import('../../functions/consultations/reading-results.js');
  const { allResponses } = await import('../../functions/consultations/store/responses.js');
  const { resultsReadKeys, readTallies } = await import('../../functions/consultations/store/counters.js');
  const { controlKey, shardNumbers } = await import('../../functions/consultations/store/keys.js');
  const { shardOf } = await import('../../functions/consultations/references.js');
  const { put, update } = await import('../../functions/core/store/writes.js');
  const client = benchClient(options.proxyEndpoint ?? options.dynamoEndpoint);
  const answers = (i: number) => fixtures.exampleAnswers({ q1: { choice: CHOICES[i % CHOICES.length]! }, 'about-postcode': { outwardCode: POSTCODES[i % POSTCODES.length]! } });

  // 1. The baseline: the same writes, nothing around them.
  const onTable = (write: TransactWriteItem) => {
    for (const part of Object.values(write) as Array<{ TableName?: string } | undefined>) if (part) part.TableName = options.tableName;
    return write;
  };
  const run = randomUUID().slice(0, 8);
  let baselineFailed = 0;
  const baselineStarted = performance.now();
  await pool(RESPONSES, IN_FLIGHT, async (i) => {
    const shard = `BENCH#${run}#S${i % 16}`;
    const adds = 'ADD #n :one, #a :one, #o :one';
    const counter = (item: string) => onTable(update({ pk: shard, sk: `COUNTS#${item}` }, adds, { names: { '#n': 'n', '#a': 'a0', '#o': `o0.${i % 5}` }, values: { ':one': 1 } }));
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            onTable(update({ pk: shard, sk: 'CONTROL' }, 'ADD t :one', { values: { ':one': 1, ':dv': 1 }, condition: 'attribute_not_exists(dv) OR dv = :dv' })),
            counter(`a#${i % 11}`),
            counter(`g#${i % 9}`),
            counter(`c#${i % 3}`),
            onTable(put({ pk: shard, sk: `RESP#${i}`, answers: answers(i), submittedAt: new Date().toISOString() }, { condition: 'attribute_not_exists(pk)' })),
            onTable(put({ pk: shard, sk: `TEXT#q6#${i}`, text: 'More officers on foot in the town centre, please.' })),
          ],
        }),
      );
    } catch {
      baselineFailed++;
    }
  });
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;

  // 2. The API.
  const consultation = await fixtures.anOpenConsultation({ details: { title: 'Bench: precept consultation' } });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let accepted = 0;
  const started = performance.now();
  await pool(RESPONSES, IN_FLIGHT, async (i) => {
    const t0 = performance.now();
    try {
      const response = await fetch(`${options.baseUrl}/api/consultations/${consultation.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${run}-${i}` },
        body: JSON.stringify({ answers: answers(i) }),
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status === 201) accepted++;
      else failures[String(response.status)] = (failures[String(response.status)] ?? 0) + 1;
    } catch (error) {
      latencies.push(performance.now() - t0);
      const name = error instanceof Error ? error.name : 'error';
      failures[name] = (failures[name] ?? 0) + 1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);

  // 3. Counters against what is stored.
  const stored = await allResponses(consultation.id);
  const results = await resultsOf(consultation, { includeFlagged: true });
  const q1 = results.questions.find((q) => q.id === 'q1')!;
  const perAnswer = CHOICES.map((choice) => ({ choice, counted: q1.options.find((o) => o.id === choice)!.all.count, stored: stored.filter((r) => r.answers['q1']?.choice === choice).length }));
  const controls = await Promise.all(
    shardNumbers.map(async (shard) => {
      const { Responses } = await client.send(new BatchGetItemCommand({ RequestItems: { [options.tableName]: { Keys: [{ pk: { S: controlKey(consultation.id, shard).pk }, sk: { S: 'CONTROL' } }] } } }));
      return { shard, counted: Number(Responses?.[options.tableName]?.[0]?.['t']?.N ?? 0), stored: stored.filter((r) => shardOf(r.id) === shard).length };
    }),
  );
  const check = {
    stored: stored.length,
    counted: results.responses.count,
    perAnswer,
    shardsAgree: controls.every((c) => c.counted === c.stored),
    countersMatch: results.responses.count === stored.length && stored.length === accepted && perAnswer.every((a) => a.counted === a.stored) && controls.every((c) => c.counted === c.stored),
  };

  // 4. Reading results at 100 and at RESPONSES.
  const small = await fixtures.anOpenConsultation({ details: { title: 'Bench: 100 responses' } });
  await pool(SMALL, 20, async (i) => {
    await fixtures.respond(small, answers(i), { clientAddress: `bench-small-${i}` });
  });
  const readCost = async (id: string) => {
    const keys = resultsReadKeys(id);
    let units = 0;
    let requests = 0;
    for (let i = 0; i < keys.length; i += 100) {
      const { ConsumedCapacity } = await client.send(
        new BatchGetItemCommand({ ReturnConsumedCapacity: 'TOTAL', RequestItems: { [options.tableName]: { Keys: keys.slice(i, i + 100).map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } })) } } }),
      );
      units += ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) ?? 0;
      requests++;
    }
    const times: number[] = [];
    for (let r = 0; r < READ_RUNS; r++) {
      const t0 = performance.now();
      await readTallies(id);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { items: keys.length, requests, readUnits: units, medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
  };
  const readAtSmall = await readCost(small.id);
  const readAtLarge = await readCost(consultation.id);
  client.destroy();

  const json = {
    responses: RESPONSES,
    inFlight: IN_FLIGHT,
    baseline: { transactions: RESPONSES, failed: baselineFailed, seconds: round(baselineSeconds, 2), perSecond: round(RESPONSES / baselineSeconds) },
    api: { accepted, failed: RESPONSES - accepted, failures, seconds: round(seconds, 2), perSecond: round(RESPONSES / seconds), latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? NaN) } },
    check,
    read: { [SMALL]: readAtSmall, [RESPONSES]: readAtLarge, sameCost: readAtSmall.readUnits === readAtLarge.readUnits && readAtSmall.requests === readAtLarge.requests },
    passed: accepted === RESPONSES && check.countersMatch && readAtSmall.readUnits === readAtLarge.readUnits,
  };
  const markdown = [
    '## Consultations: responses in a rush',
    '',
    `${RESPONSES.toLocaleString('en-GB')} responses over HTTP, ${IN_FLIGHT} in flight, each a transaction on one of 16 shards (control, 3 counter items, the response, its comment).`,
    '',
    '| | per second | p50 ms | p95 ms | failed |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| Raw DynamoDB baseline (the same 6 writes as one transaction) | ${json.baseline.perSecond} | | | ${baselineFailed} |`,
    `| The API (POST /api/consultations/{id}/responses) | ${json.api.perSecond} | ${json.api.latencyMs.p50} | ${json.api.latencyMs.p95} | ${json.api.failed}${Object.keys(failures).length ? ` (${JSON.stringify(failures)})` : ''} |`,
    '',
    `API / baseline: ${round(json.api.perSecond / json.baseline.perSecond, 3)}.`,
    '',
    `Counters against stored responses: ${check.counted} counted, ${check.stored} stored; every answer of the precept question ${perAnswer.every((a) => a.counted === a.stored) ? 'agrees' : 'DISAGREES'}; every shard's count ${check.shardsAgree ? 'agrees' : 'DISAGREES'} with its stored responses.`,
    '',
    '### Reading results',
    '',
    '| responses | counter items | BatchGetItem requests | read units | median ms | p95 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${SMALL} | ${readAtSmall.items} | ${readAtSmall.requests} | ${readAtSmall.readUnits} | ${readAtSmall.medianMs} | ${readAtSmall.p95Ms} |`,
    `| ${RESPONSES.toLocaleString('en-GB')} | ${readAtLarge.items} | ${readAtLarge.requests} | ${readAtLarge.readUnits} | ${readAtLarge.medianMs} | ${readAtLarge.p95Ms} |`,
    '',
    json.read.sameCost ? 'The same requests and read units at both sizes.' : 'The read cost DIFFERS between the sizes.',
    '',
  ].join('\n');
  return { markdown, json };
}
