/**
 * The figures backfill recounts a quarter from the records: records made through each capability's
 * domain, their counters and the councils' ledger then taken away (as for records from before the
 * counters were kept), and the recount gives back exactly what the live counters held; run again, or
 * over counters an incident left wrong, it gives the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { changeActionStatus, recordAction } from '../functions/actions/tracking.js';
import { exampleVisit, places } from '../functions/community-days/fixtures.js';
import { logVisit } from '../functions/community-days/visits.js';
import { anOpenConsultation, exampleAnswers, respond } from '../functions/consultations/fixtures.js';
import { LEDGERS_PK, readLedgers } from '../functions/core/period-ledgers.js';
import { quarterCounters, type Counts } from '../functions/core/period-figures.js';
import { quarterContaining, shiftQuarter } from '../functions/core/periods.js';
import { values } from '../functions/core/store/items.js';
import { queryAll } from '../functions/core/store/reads.js';
import { transactWrite } from '../functions/core/store/transactions.js';
import { remove, update } from '../functions/core/store/writes.js';
import { londonDay } from '../functions/core/time.js';
import { markAttended } from '../functions/meetings/check-in.js';
import { aMeeting, exampleResident, register } from '../functions/meetings/fixtures.js';
import { recordEngagement, recordInvitation } from '../functions/reports/logs.js';
import { aBooking, aCouncil, aSession } from '../functions/surgeries/fixtures.js';
import { outcomeInput } from '../functions/surgeries/model.js';
import { recordOutcome } from '../functions/surgeries/outcomes.js';
import { useOwnTable } from '../test/support/own-table.js';
import { recountQuarter } from './figures-backfill.js';

const Q = shiftQuarter(quarterContaining(new Date()), 4);
const T = new Date(Date.parse(Q.start) + 5 * 86_400_000 + 10 * 3_600_000);
const at = (days: number) => new Date(T.getTime() + days * 86_400_000);
const dayAt = (days: number) => londonDay(at(days));

/** Counters without the ones that netted to nothing (a live item keeps a 0 that a recount never writes). */
const nonZero = (all: Record<string, Counts>) =>
  Object.fromEntries(Object.entries(all).map(([cap, counts]) => [cap, Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0))]));

const figureItems = () => queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': `FIGURES#${Q.id}` }), ConsistentRead: true });

let live: Record<string, Counts>;
let liveLedgers: Awaited<ReturnType<typeof readLedgers>>;

beforeAll(async () => {
  await useOwnTable('figures-backfill');
  await logVisit(exampleVisit({ place: places.coalville, day: dayAt(20), hours: 5 }), { by: 'Test Officer', now: at(40) });
  const meeting = await aMeeting({ capacity: 3 }, T);
  const a = await register(meeting.id, exampleResident({ places: 2 }), at(1));
  await markAttended(meeting.id, a.registration.id, true, at(10));
  const session = await aSession({}, T, 14);
  const council = await aCouncil({}, T);
  await aCouncil({}, T);
  const booking = await aBooking(session, council, { now: T, index: 0 });
  await recordOutcome(booking.id, outcomeInput.parse({ version: 0, attendance: 'attended', themes: ['burglary'] }), 'Test Officer', at(15));
  const consultation = await anOpenConsultation({}, T);
  await respond(consultation, exampleAnswers(), {}, at(1));
  await respond(consultation, exampleAnswers({ q1: { choice: 'increase-0' } }), { channel: 'paper' }, at(1));
  const action = await recordAction({ what: 'Write to the council about parking', owner: { kind: 'chief-constable' }, dueOn: dayAt(21) }, { by: 'Test Officer', now: at(2) });
  await changeActionStatus(action.id, { version: 1, status: 'done' }, { by: 'Test Officer', now: at(10) });
  await recordInvitation({ receivedOn: dayAt(10), from: 'Melton Lions', event: 'Summer fair', accepted: true }, { by: 'Test Officer' });
  await recordEngagement({ on: dayAt(60), attendedFor: 'deputy', kind: 'youth-summit', what: 'Youth summit', peopleMet: 40, hours: 2.5, themes: ['burglary'], areaCode: 'E06000017' }, { by: 'Test Officer' });
  live = nonZero(await quarterCounters(Q.id));
  liveLedgers = await readLedgers();
}, 120_000);

describe('recounting a quarter’s figures from the records', () => {
  it('gives back what the live counters held, for records whose counters were never written', { timeout: 60_000 }, async () => {
    // Every capability counted something, and the councils' ledger holds both councils.
    expect(Object.keys(live).sort()).toEqual(['actions', 'community-days', 'consultations', 'meetings', 'reports', 'surgeries']);
    expect(Object.keys(liveLedgers['surgeries']!['councils']!.listed)).toHaveLength(2);
    // As before the counters were kept: none for the quarter, no ledger.
    const ledgerItems = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': LEDGERS_PK }), ConsistentRead: true });
    const gone = [...(await figureItems()), ...ledgerItems].map((i) => ({ pk: i['pk']!.S!, sk: i['sk']!.S! }));
    expect((await transactWrite(gone.map((key, n) => ({ name: `gone-${n}`, write: remove(key) })), { claims: false })).ok).toBe(true);
    expect(await quarterCounters(Q.id)).toEqual({});

    const recount = await recountQuarter(Q.id);
    expect(recount.councils).toBe(2);
    expect(nonZero(await quarterCounters(Q.id))).toEqual(live);
    expect(await readLedgers()).toEqual(liveLedgers);
  });

  it('gives the same again when run twice, and puts right counters an incident left wrong', { timeout: 60_000 }, async () => {
    await transactWrite([{ name: 'wrong', write: update({ pk: `FIGURES#${Q.id}`, sk: 'meetings#3' }, 'SET capability = :cap ADD registered :n', { values: { ':cap': 'meetings', ':n': 7 } }) }], { claims: false });
    expect(nonZero(await quarterCounters(Q.id))['meetings']!['registered']).toBe(live['meetings']!['registered']! + 7);
    await recountQuarter(Q.id);
    await recountQuarter(Q.id);
    expect(nonZero(await quarterCounters(Q.id))).toEqual(live);
    expect(await readLedgers()).toEqual(liveLedgers);
  });

  it('refuses a quarter that ended more than 12 months ago, whose bookings and responses may be gone, unless forced', async () => {
    const old = shiftQuarter(quarterContaining(new Date()), -6);
    await expect(recountQuarter(old.id)).rejects.toThrow(/more than 12 months ago/);
    expect((await recountQuarter(old.id, { force: true })).quarterId).toBe(old.id);
  });
});
