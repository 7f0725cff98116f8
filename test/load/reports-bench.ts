/**
 * Reports in `npm run bench`: what reading one quarter's report costs as records pile up in it.
 *
 * 1. 50 community days and 50 invitations are logged in one quarter through the domain (each record
 *    with its quarter's counters in one transaction), beside the same number of raw 2-item
 *    transactions of the same shape straight to DynamoDB (the baseline for the writes).
 * 2. The quarter's report is read 20 times (`reportFor`: the page, the CSVs and the Word document all
 *    start from it), counting what it reads from DynamoDB (requests, items, read units; every call of
 *    the platform's client is counted, with ReturnConsumedCapacity added by this bench only). Beside
 *    it, the same Queries raw (the baseline for the reads).
 * 3. 950 more of each in the same quarter, then step 2 again: the reads should not change, because the
 *    report reads each quarter's counters and the ledgers (a fixed number of items) and never the records.
 *
 *   const { markdown, json } = await reportsBench({ dynamoEndpoint, tableName, more: 950 });
 */
import { QueryCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ReportsBenchOptions {
  dynamoEndpoint: string;
  tableName: string;
  /** Records of each kind added to the quarter between the two measurements. */
  more: number;
}

const FIRST = 50;
const READS = 20;
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const median = (values: number[]) => round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);

async function pool(count: number, limit: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => { while (next < count) await work(next++); }));
}

interface ReadRun {
  records: number;
  perReport: { requests: number; items: number; readUnits: number };
  ms: number;
  rawMs: number;
}

export async function reportsBench(options: ReportsBenchOptions): Promise<{ markdown: string; json: { passed: boolean } }> {
  Object.assign(process.env, { TABLE_NAME: options.tableName, DYNAMODB_ENDPOINT: options.dynamoEndpoint });
  const { composePlatform } = await import('../../functions/core/platform.js');
  const { capabilities } = await import('../../functions/capabilities.js');
  composePlatform(capabilities);
  const { dynamo } = await import('../../functions/core/store/dynamo.js');
  const { marshal } = await import('../../functions/core/store/items.js');
  const { exampleVisit, places } = await import('../../functions/community-days/fixtures.js');
  const { logVisit } = await import('../../functions/community-days/visits.js');
  const { recordInvitation } = await import('../../functions/reports/logs.js');
  const { reportFor } = await import('../../functions/reports/reporting.js');
  const { lastQuarters, quarterById } = await import('../../functions/core/periods.js');
  const { TREND_QUARTERS } = await import('../../functions/reports/building.js');

  const client: DynamoDBClient = dynamo();
  const cost = { requests: 0, items: 0, readUnits: 0 };
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

  // A past quarter of its own (before any other section's records), so visits are allowed (they must have happened) and nothing else counts in it.
  const quarter = quarterById('2005-06-Q2');
  const placeList = Object.values(places);
  const dayOf = (i: number) => new Date(Date.parse(`${quarter.firstDay}T12:00:00Z`) + (i % 90) * 86_400_000).toISOString().slice(0, 10);
  const logRecords = async (count: number, offset: number) => {
    const started = performance.now();
    await pool(count, 20, async (i) => {
      const n = offset + i;
      await logVisit(exampleVisit({ place: placeList[n % placeList.length]!, day: dayOf(n), hours: 2 + (n % 4) }, { notes: undefined }), { by: 'Bench' });
      await recordInvitation({ receivedOn: dayOf(n), from: `Bench group ${n}`, event: 'Bench event', accepted: n % 2 === 0 }, { by: 'Bench' });
    });
    return performance.now() - started;
  };
  const rawWrites = async (count: number) => {
    const started = performance.now();
    await pool(count * 2, 20, async (i) => {
      const id = `bench-report-raw-${Date.now().toString(36)}-${i}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: options.tableName, Item: marshal({ pk: `BENCHRAW#${id}`, sk: 'ENTRY', gsi1pk: 'BENCHRAW', gsi1sk: `${quarter.firstDay}#${id}`, from: 'Bench group', event: 'Bench event' }), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Update: { TableName: options.tableName, Key: marshal({ pk: 'BENCHRAW#FIGURES', sk: `reports#${i % 4}` }), UpdateExpression: 'ADD invitations :one', ExpressionAttributeValues: marshal({ ':one': 1 }) } },
          ],
        }),
      );
    });
    return performance.now() - started;
  };
  // The same Queries the report makes, raw: each chart quarter's counters, the ledgers, and the report's own partition.
  const rawReads = () =>
    Promise.all([
      ...lastQuarters(TREND_QUARTERS, quarter).map((q) =>
        client.send(new QueryCommand({ TableName: options.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshal({ ':pk': `FIGURES#${q.id}` }), ConsistentRead: true })),
      ),
      client.send(new QueryCommand({ TableName: options.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshal({ ':pk': 'FIGURES#LEDGERS' }), ConsistentRead: true })),
      client.send(new QueryCommand({ TableName: options.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshal({ ':pk': `REPORT#${quarter.id}` }), ConsistentRead: true })),
    ]);

  let figure = 0;
  const measure = async (records: number): Promise<ReadRun> => {
    await reportFor(quarter);
    Object.assign(cost, { requests: 0, items: 0, readUnits: 0 });
    const times: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < READS; i++) {
      counting = true;
      const started = performance.now();
      const report = await reportFor(quarter);
      times.push(performance.now() - started);
      counting = false;
      figure = report.data.sections.find((s) => s.capability === 'community-days')!.figures[0]!.current ?? 0;
      const rawStarted = performance.now();
      await rawReads();
      raw.push(performance.now() - rawStarted);
    }
    return { records, perReport: { requests: round(cost.requests / READS), items: round(cost.items / READS), readUnits: round(cost.readUnits / READS) }, ms: median(times), rawMs: median(raw) };
  };

  const firstMs = await logRecords(FIRST, 0);
  const rawFirstMs = await rawWrites(FIRST);
  const small = await measure(FIRST * 2);
  const smallFigure = figure;
  const moreMs = await logRecords(options.more, FIRST);
  const rawMoreMs = await rawWrites(options.more);
  const large = await measure((FIRST + options.more) * 2);
  const readsEqual = small.perReport.requests === large.perReport.requests && small.perReport.items === large.perReport.items && small.perReport.readUnits === large.perReport.readUnits;
  const counted = smallFigure === FIRST && figure === FIRST + options.more;
  const json = {
    quarter: quarter.id,
    small,
    large,
    readsEqual,
    counted,
    writes: { msPerRecord: round((firstMs + moreMs) / ((FIRST + options.more) * 2)), rawMsPerTransaction: round((rawFirstMs + rawMoreMs) / ((FIRST + options.more) * 2)) },
    passed: readsEqual && counted,
  };
  const row = (r: ReadRun) => `| ${r.records.toLocaleString('en-GB')} | ${r.perReport.requests} | ${r.perReport.items} | ${r.perReport.readUnits} | ${r.ms} | ${r.rawMs} |`;
  const markdown = [
    '## Reports: reading a quarter’s report',
    '',
    `The report for ${quarter.label} (\`reportFor\`, which the page, the CSVs and the Word document start from), read ${READS} times one at a time after ${(FIRST * 2).toLocaleString('en-GB')} records were logged in the quarter (community days and invitations, half each) and again after ${(options.more * 2).toLocaleString('en-GB')} more. Reads per report, counted on the platform's DynamoDB client; the baseline is the same ${TREND_QUARTERS + 2} Queries sent raw from the bench.`,
    '',
    '| Records in the quarter | DynamoDB reads per report | Items read | Read units | Report ms (median) | Raw Queries ms (median) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    row(small),
    row(large),
    '',
    `Reads ${readsEqual ? 'are the same' : 'DIFFER'} at both sizes; the community days figure ${counted ? `is exact (${FIRST}, then ${FIRST + options.more})` : `is WRONG (${smallFigure}, then ${figure})`}.`,
    '',
    `Logging a record through the domain (the record and its quarter's counters in one transaction, 20 in flight): ${json.writes.msPerRecord} ms a record, wall-clock; the raw 2-item transactions of the same shape: ${json.writes.rawMsPerTransaction} ms.`,
    '',
  ].join('\n');
  return { markdown, json };
}
