/**
 * Community days in `npm run bench`: what the public map's data endpoint costs as visits pile up, and
 * what the map page weighs.
 *
 * 1. 50 visits are logged in one financial year (through the domain, as the API does: visit, notes and
 *    coverage counters in one transaction each), beside the same number of raw 3-item transactions of
 *    the same shape straight to DynamoDB (the baseline for the writes).
 * 2. GET /api/community-days/map for that year, 30 times: time per request and what it reads from
 *    DynamoDB (requests, items, read units; every call of the platform's client is counted, with
 *    ReturnConsumedCapacity added by this bench only). Beside it, the same reads as raw Queries (the
 *    baseline for the reads).
 * 3. 4,950 more visits in the ten years before, then step 2 again: the reads and time should not grow,
 *    because the map reads the year's counters and the year's visits, never the whole history.
 * 4. The map page's weight, gzipped: its HTML, CSS, JavaScript and GeoJSON (the endpoint's answer and the
 *    wards), against a budget of 150 KB.
 *
 *   const { markdown, json } = await communityDaysBench({ baseUrl, dynamoEndpoint, tableName });
 *
 * `history` (from bench.ts: 950 by default, 4,950 with --full) is how many visits go before the year;
 * BENCH_CD_HISTORY overrides it.
 */
import { gzipSync } from 'node:zlib';
import { QueryCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CommunityDaysBenchOptions {
  baseUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  /** The contention proxy, if the caller runs one: writes then meet DynamoDB's transaction conflicts. */
  proxyEndpoint?: string;
  /** Visits logged in the ten years before the measured one. */
  history: number;
}

const IN_PERIOD = 50;
const REQUESTS = 30;
const BUDGET_BYTES = 150 * 1024;
const FINANCIAL_YEAR = 2024;

interface ReadCost {
  requests: number;
  items: number;
  readUnits: number;
}

interface MapRun {
  visitsLogged: number;
  perRequest: ReadCost;
  ms: { median: number; p95: number };
  baselineMs: { median: number; p95: number };
  bytes: number;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};

async function pool(count: number, limit: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

export async function communityDaysBench(options: CommunityDaysBenchOptions): Promise<{ markdown: string; json: { passed: boolean } }> {
  Object.assign(process.env, { TABLE_NAME: options.tableName, DYNAMODB_ENDPOINT: options.proxyEndpoint ?? options.dynamoEndpoint });
  const { dynamo } = await import('../../functions/core/store/dynamo.js');
  const { exampleVisit, places } = await import('../../functions/community-days/fixtures.js');
  const { logVisit } = await import('../../functions/community-days/visits.js');
  const { periodFor } = await import('../../functions/community-days/periods.js');
  const { visitKeys } = await import('../../functions/community-days/store/keys.js');
  const { marshal } = await import('../../functions/core/store/items.js');
  const { councilAreaCodes } = await import('../../functions/core/council-areas.js');

  const client: DynamoDBClient = dynamo();
  // Count what the platform's client reads: each Query and GetItem, with its consumed capacity.
  const cost: ReadCost = { requests: 0, items: 0, readUnits: 0 };
  let counting = false;
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  (client as unknown as { send: (command: { input: Record<string, unknown>; constructor: { name: string } }) => Promise<unknown> }).send = async (command) => {
    const reading = counting && ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand'].includes(command.constructor.name);
    if (reading) command.input['ReturnConsumedCapacity'] = 'TOTAL';
    const output = (await send(command)) as { Count?: number; Item?: unknown; ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> };
    if (reading) {
      cost.requests++;
      cost.items += output.Count ?? (output.Item ? 1 : 0);
      const consumed = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
      cost.readUnits += consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
    }
    return output;
  };

  const placeList = Object.values(places);
  const day = (year: number, i: number) => {
    const d = new Date(Date.UTC(year, 3, 2 + ((i * 7) % 360)));
    return d.toISOString().slice(0, 10);
  };
  const logMany = async (count: number, yearOf: (i: number) => number) => {
    const started = performance.now();
    await pool(count, 20, async (i) => {
      await logVisit(exampleVisit({ place: placeList[i % placeList.length]!, day: day(yearOf(i), i) }, { notes: undefined }), { by: 'Bench' });
    });
    return performance.now() - started;
  };

  // The raw baseline of the same writes: a visit put, a notes put and a counter update, per transaction.
  const rawWrites = async (count: number) => {
    const started = performance.now();
    await pool(count, 20, async (i) => {
      const id = `bench-raw-${Date.now().toString(36)}-${i}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: options.tableName, Item: marshal({ pk: `BENCHRAW#${id}`, sk: 'VISIT', gsi1pk: 'BENCHRAW', gsi1sk: `2024-05-01T09:00:00.000Z#${id}`, placeName: 'Coalville', themes: ['burglary'] }), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: options.tableName, Item: marshal({ pk: `BENCHRAW#${id}`, sk: 'NOTES', notes: 'x' }) } },
            { Update: { TableName: options.tableName, Key: marshal({ pk: 'BENCHRAW#COVERAGE', sk: `2024-05#E07000134#${i % 4}` }), UpdateExpression: 'ADD visits :one', ExpressionAttributeValues: marshal({ ':one': 1 }) } },
          ],
        }),
      );
    });
    return performance.now() - started;
  };

  const period = periodFor({ kind: 'financial-year', startYear: FINANCIAL_YEAR });
  const endpoint = `${options.baseUrl}/api/community-days/map?period=financial-year&year=${FINANCIAL_YEAR}`;

  /** The same reads as the endpoint makes, raw: the year's visits, the counters of its months, the last visit of each area. */
  const rawReads = async () => {
    await Promise.all([
      client.send(new QueryCommand({ TableName: options.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b', ExpressionAttributeValues: marshal({ ':pk': visitKeys.allVisits, ':a': period.from, ':b': period.to }) })),
      client.send(new QueryCommand({ TableName: options.tableName, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ExpressionAttributeValues: marshal({ ':pk': visitKeys.coverage, ':a': `${FINANCIAL_YEAR}-04`, ':b': `${FINANCIAL_YEAR + 1}-03#~` }) })),
      ...councilAreaCodes.map((code) =>
        client.send(new QueryCommand({ TableName: options.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :b', ExpressionAttributeValues: marshal({ ':pk': `${visitKeys.visitsByArea}P#${code}`, ':b': period.to }), ScanIndexForward: false, Limit: 1 })),
      ),
    ]);
  };

  const measure = async (visitsLogged: number): Promise<MapRun> => {
    const times: number[] = [];
    const baseline: number[] = [];
    let bytes = 0;
    await fetch(endpoint).then((r) => r.arrayBuffer());
    Object.assign(cost, { requests: 0, items: 0, readUnits: 0 });
    for (let i = 0; i < REQUESTS; i++) {
      counting = true;
      const started = performance.now();
      const response = await fetch(endpoint);
      const body = await response.arrayBuffer();
      times.push(performance.now() - started);
      counting = false;
      if (response.status !== 200) throw new Error(`The map answered ${response.status}`);
      bytes = body.byteLength;
      const rawStarted = performance.now();
      await rawReads();
      baseline.push(performance.now() - rawStarted);
    }
    return {
      visitsLogged,
      perRequest: { requests: round(cost.requests / REQUESTS), items: round(cost.items / REQUESTS), readUnits: round(cost.readUnits / REQUESTS) },
      ms: { median: percentile(times, 50), p95: percentile(times, 95) },
      baselineMs: { median: percentile(baseline, 50), p95: percentile(baseline, 95) },
      bytes,
    };
  };

  const history = Number(process.env['BENCH_CD_HISTORY'] ?? options.history);
  const writeMs = await logMany(IN_PERIOD, () => FINANCIAL_YEAR);
  const rawWriteMs = await rawWrites(IN_PERIOD);
  const small = await measure(IN_PERIOD);
  const historyMs = await logMany(history, (i) => FINANCIAL_YEAR - 1 - (i % 10));
  const rawHistoryMs = await rawWrites(history);
  const large = await measure(IN_PERIOD + history);

  // The map page's weight, as a browser would fetch it (gzipped here as CloudFront compresses it).
  const page = await fetch(`${options.baseUrl}/community-days?period=financial-year&year=${FINANCIAL_YEAR}`).then((r) => r.text());
  const assets = {
    html: [page],
    css: await Promise.all(['/assets/app.css', '/assets/map.css'].map((p) => fetch(`${options.baseUrl}${p}`).then((r) => r.text()))),
    js: await Promise.all(['/assets/init.js', '/assets/govuk-frontend.min.js', '/assets/map.js'].map((p) => fetch(`${options.baseUrl}${p}`).then((r) => r.text()))),
    geojson: await Promise.all([endpoint, `${options.baseUrl}/assets/map/llr-wards.json`].map((p) => fetch(p).then((r) => r.text()))),
  };
  const weight = Object.fromEntries(Object.entries(assets).map(([kind, files]) => [kind, files.reduce((n, f) => n + gzipSync(f).length, 0)])) as Record<keyof typeof assets, number>;
  const total = Object.values(weight).reduce((a, b) => a + b, 0);

  const json = {
    writes: {
      inPeriod: { visits: IN_PERIOD, msPerVisit: round(writeMs / IN_PERIOD), rawMsPerTransaction: round(rawWriteMs / IN_PERIOD) },
      history: { visits: history, msPerVisit: round(historyMs / Math.max(1, history)), rawMsPerTransaction: round(rawHistoryMs / Math.max(1, history)) },
    },
    map: { small, large, readsEqual: small.perRequest.requests === large.perRequest.requests && small.perRequest.items === large.perRequest.items && small.perRequest.readUnits === large.perRequest.readUnits },
    pageWeight: { gzippedBytes: weight, totalBytes: total, budgetBytes: BUDGET_BYTES, withinBudget: total <= BUDGET_BYTES },
    passed: false,
  };
  json.passed = json.map.readsEqual && json.pageWeight.withinBudget;
  const kb = (n: number) => `${round(n / 1024, 1)} KB`;
  const row = (r: MapRun) =>
    `| ${r.visitsLogged.toLocaleString('en-GB')} | ${r.perRequest.requests} | ${r.perRequest.items} | ${r.perRequest.readUnits} | ${r.ms.median} / ${r.ms.p95} | ${r.baselineMs.median} / ${r.baselineMs.p95} | ${kb(r.bytes)} |`;
  const markdown = [
    '## Community days: the map endpoint and the map page',
    '',
    `The public map's data (\`GET /api/community-days/map\`, the ${FINANCIAL_YEAR} to ${FINANCIAL_YEAR + 1} financial year with ${IN_PERIOD} visits in it), ${REQUESTS} requests one at a time, after ${IN_PERIOD} visits were logged and again after ${history.toLocaleString('en-GB')} more in the ten years before. Reads are per request, counted on the platform's DynamoDB client; the baseline is the same Queries sent raw from the bench.`,
    '',
    '| Visits logged | DynamoDB reads | Items read | Read units | Endpoint ms (median / p95) | Raw Queries ms (median / p95) | Response |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(small),
    row(large),
    '',
    `Reads ${json.map.readsEqual ? 'are the same' : 'DIFFER'} at ${IN_PERIOD} and ${(IN_PERIOD + history).toLocaleString('en-GB')} visits.`,
    '',
    `Logging visits through the domain (visit, notes and coverage counter in one transaction each, 20 in flight), wall-clock time divided by visits: ${json.writes.inPeriod.msPerVisit} ms for the first ${IN_PERIOD} and ${json.writes.history.msPerVisit} ms for the ${history.toLocaleString('en-GB')} after; the raw 3-item transactions of the same shape, the same way: ${json.writes.inPeriod.rawMsPerTransaction} and ${json.writes.history.rawMsPerTransaction} ms.`,
    '',
    `Map page weight (gzipped): HTML ${kb(weight.html)}, CSS ${kb(weight.css)}, JavaScript ${kb(weight.js)} (Leaflet included), GeoJSON ${kb(weight.geojson)} (the endpoint and the wards): **${kb(total)}** against a budget of ${kb(BUDGET_BYTES)}${total <= BUDGET_BYTES ? '' : ' (OVER BUDGET)'}.`,
    '',
  ].join('\n');
  return { markdown, json };
}
