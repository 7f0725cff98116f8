/**
 * Recounts a quarter's figures from the records (`npm run backfill:figures -- <quarter id>`): for
 * records written before their capability kept the counters (core/period-figures.ts), or to put right
 * counters an incident left wrong. An operator's tool, in no Lambda's bundle, and the one place besides
 * the people backfill a Scan is allowed: finding every record of a period whatever its kind is what no
 * index does. Each record counts through its own capability's counting function (the same one its
 * transactions use), so a recount and the live counters agree by construction.
 *
 * Idempotent: the quarter's counter items are replaced as a whole (one transaction: the old shards
 * deleted, one item per capability put), and the surgeries' councils ledger rebuilt from the council
 * list, so running it twice gives the same figures. Run it when nobody is recording (a record written
 * between the Scan and the replacement would be lost from the counters until the next recount).
 * Records kept only for a while (surgery bookings 12 months, consultation responses 24 months) cannot
 * be recounted once deleted, so a quarter that ended more than 12 months ago is refused unless forced.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { openedCounts, toAction } from '../functions/core/actions/store.js';
import { closedCounts } from '../functions/actions/figures-counted.js';
import { visitCounts } from '../functions/community-days/figures.js';
import { toVisit } from '../functions/community-days/store/visits.js';
import { headlineCounts } from '../functions/consultations/headline.js';
import type { Consultation, StoredResponse } from '../functions/consultations/model.js';
import { toConsultation } from '../functions/consultations/store/consultations.js';
import { toResponse } from '../functions/consultations/store/responses.js';
import { ledgerReplaced, type Ledger } from '../functions/core/period-ledgers.js';
import { periodFigureKeys, type Counts, type DatedCounts } from '../functions/core/period-figures.js';
import { addLondonMonths, londonDay } from '../functions/core/time.js';
import { quarterById, quarterContaining, type Quarter } from '../functions/core/periods.js';
import { dynamo } from '../functions/core/store/dynamo.js';
import { unmarshal, values, type Item } from '../functions/core/store/items.js';
import { queryAll, tableName } from '../functions/core/store/reads.js';
import { transactWrite, type NamedWrite } from '../functions/core/store/transactions.js';
import { put, remove } from '../functions/core/store/writes.js';
import { meetingCounts } from '../functions/meetings/figures.js';
import { toMeeting } from '../functions/meetings/store/meetings.js';
import { engagementEntryCounts, invitationCounts } from '../functions/reports/logs.js';
import type { Engagement, Invitation } from '../functions/reports/model.js';
import { COUNCILS_LEDGER, outcomeCounts, sessionCounts } from '../functions/surgeries/figures.js';
import { toBooking } from '../functions/surgeries/store/bookings.js';
import { toCouncil } from '../functions/surgeries/store/councils.js';
import { toSession } from '../functions/surgeries/store/sessions.js';

export interface Recount {
  quarterId: string;
  scanned: number;
  /** Capability → its counters for the quarter, as written. */
  counters: Record<string, Counts>;
  /** Councils in the rebuilt ledger. */
  councils: number;
}

/** What one record counts, by its `type`, through its capability's own counting; responses wait for their consultation. */
function countsOf(item: Item, plain: Record<string, unknown>, responses: StoredResponse[]): Array<[string, DatedCounts | undefined]> {
  switch (plain['type']) {
    case 'visit':
      return [['community-days', visitCounts(toVisit(item))]];
    case 'meeting':
      return [['meetings', meetingCounts(toMeeting(item))]];
    case 'surgery-session':
      return [['surgeries', sessionCounts(toSession(item))]];
    case 'surgery-booking': {
      const booking = toBooking(item);
      return [['surgeries', outcomeCounts(booking.outcome, booking)]];
    }
    case 'action': {
      const action = toAction(item);
      return [...openedCounts(action), ...closedCounts(action)].map((c) => ['actions', c]);
    }
    case 'report-invitation':
      return [['reports', invitationCounts(plain as unknown as Invitation)]];
    case 'report-engagement':
      return [['reports', engagementEntryCounts(plain as unknown as Engagement)]];
    case 'consultation-response':
      responses.push(toResponse(item));
      return [];
    default:
      return [];
  }
}

const inQuarter = (at: string, q: Quarter) => {
  try {
    return quarterContaining(at).id === q.id;
  } catch {
    return false;
  }
};

export async function recountQuarter(quarterId: string, options: { now?: Date; force?: boolean } = {}): Promise<Recount> {
  const q = quarterById(quarterId);
  const now = options.now ?? new Date();
  if (!options.force && q.end < addLondonMonths(now.toISOString(), -12)) {
    throw new Error(`${q.label} ended more than 12 months ago: bookings and responses from it may have been deleted, so a recount would count fewer than there were. Use --force to recount it anyway.`);
  }
  const counters: Record<string, Counts> = {};
  const add = (capability: string, dated: DatedCounts | undefined) => {
    if (!dated || !inQuarter(dated.at, q)) return;
    const counts = (counters[capability] ??= {});
    for (const [name, n] of Object.entries(dated.counts)) counts[name] = (counts[name] ?? 0) + n;
  };
  const consultations = new Map<string, Consultation>();
  const responses: StoredResponse[] = [];
  const ledger: Ledger = { listed: {}, retired: {}, seen: {}, group: {} };
  let scanned = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName(), ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) {
      scanned++;
      const plain = unmarshal(item);
      for (const [capability, dated] of countsOf(item, plain, responses)) add(capability, dated);
      if (plain['type'] === 'consultation') {
        const c = toConsultation(item);
        consultations.set(c.id, c);
      }
      if (plain['type'] === 'surgery-council') {
        const council = toCouncil(item);
        ledger.listed[council.id] = londonDay(new Date(council.createdAt));
        ledger.group![council.id] = council.districtCode;
        if (council.status === 'retired') ledger.retired[council.id] = londonDay(new Date(council.retiredAt ?? council.updatedAt));
        ledger.seen[council.id] = [...new Set(Object.values(council.seen).map((at) => londonDay(new Date(at))))];
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  for (const r of responses) {
    const flagged = r.flags.length > 0;
    const consultation = consultations.get(r.consultationId);
    add('consultations', { at: r.submittedAt, counts: { [`responses|${r.channel}`]: 1, ...(flagged ? { flagged: 1 } : {}), ...(consultation ? headlineCounts(consultation, r.answers, flagged) : {}) } });
  }

  // The quarter's counters replaced as a whole, in one transaction.
  const pk = `${periodFigureKeys.periodFigures}${q.id}`;
  const old = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': pk }), ConsistentRead: true });
  const written = new Set<string>();
  const writes: NamedWrite[] = [];
  for (const [capability, counts] of Object.entries(counters)) {
    const kept = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0).map(([name, n]) => [name, Math.round(n * 1000) / 1000]));
    const sk = `${capability}#0`;
    written.add(sk);
    writes.push({ name: `figures-${capability}`, write: put({ pk, sk, type: 'period-figures', quarter: q.id, capability, ...kept }) });
  }
  for (const item of old) {
    const sk = String(unmarshal(item)['sk']);
    if (!written.has(sk)) writes.push({ name: `old-${sk}`, write: remove({ pk, sk }) });
  }
  if (writes.length > 100) throw new Error(`${writes.length} counter items for ${q.id}: more than one transaction holds`);
  if (writes.length) {
    const outcome = await transactWrite(writes, { claims: false });
    if (!outcome.ok) throw new Error(`The counters for ${q.id} could not be replaced: ${[...outcome.failed.keys()].join(', ')}`);
  }
  const ledgerWrites = ledgerReplaced('surgeries', COUNCILS_LEDGER, ledger);
  for (let i = 0; i < ledgerWrites.length; i += 100) {
    const outcome = await transactWrite(ledgerWrites.slice(i, i + 100), { claims: false });
    if (!outcome.ok) throw new Error('The councils ledger could not be replaced');
  }
  return { quarterId: q.id, scanned, counters, councils: Object.keys(ledger.listed).length };
}
