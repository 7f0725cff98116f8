/**
 * Withdrawing a response found by its receipt reference (admins only): its answers go, and every count
 * comes off exactly as it went on, so the counters still equal what the responses left would count,
 * the shards' totals equal the responses left, and the withdrawn answer's tags leave the theme counts.
 */
import { describe, expect, it } from 'vitest';
import { requestsTo } from '../../test/support/requests.js';
import { adminToken, bearer, staffToken } from '../../test/support/tokens.js';
import { quarterCounters } from '../core/period-figures.js';
import { quarterContaining } from '../core/periods.js';
import { batchGet } from '../core/store/reads.js';
import { app } from './app.js';
import { getThemes } from './store/comments.js';
import { addToTallies, emptyTallies, responseCounters, type Tallies } from './counting.js';
import { closeConsultation, publishResults } from './consultations.js';
import { anOpenConsultation, exampleAnswers, respond } from './fixtures.js';
import { allResponses } from './store/responses.js';
import { readTallies } from './store/counters.js';
import { controlKey, shardNumbers } from './store/keys.js';
import { addTag, tagAnswer } from './tagging.js';
import type { Consultation } from './model.js';

const { get, post } = requestsTo(app);

/** Tallies as plain objects, without counters that are zero (a counter taken back to 0 counts nothing). */
const plain = (tallies: Tallies) =>
  Object.fromEntries(
    (['U', 'F'] as const).map((family) => [
      family,
      Object.fromEntries(
        [...tallies[family].entries()]
          .map(([item, counters]) => [item, Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0))] as const)
          .filter(([, counters]) => Object.keys(counters).length > 0),
      ),
    ]),
  );

/** What the responses still kept would count, from scratch. */
async function recount(c: Consultation): Promise<Tallies> {
  const tallies = emptyTallies();
  for (const r of await allResponses(c.id)) {
    for (const add of responseCounters(c, r.answers, { area: r.area, ageBand: r.ageBand, channel: r.channel, flagged: r.flags.length > 0 })) addToTallies(tallies, add.item, add.adds);
  }
  return tallies;
}

const shardTotal = async (c: Consultation) => (await batchGet(shardNumbers.map((s) => controlKey(c.id, s)), { consistent: true })).reduce((n, item) => n + Number(item['t']?.N ?? 0), 0);

describe('withdrawing a response', () => {
  it('is refused to staff (403); an admin withdraws it and the counts equal the responses left', async () => {
    const c = await anOpenConsultation();
    const sent = [
      await respond(c),
      await respond(c, exampleAnswers({ q1: { choice: 'increase-0' }, 'about-age': { choice: '55-64' }, q6: { text: 'Speeding on the A6.' } })),
      await respond(c, exampleAnswers({ 'about-postcode': { outwardCode: 'LE15' } })),
    ];
    const gone = sent[1]!;
    const tag = await addTag(c, 'Roads');
    await tagAnswer(c, 'q6', gone.responseId, [tag.id], 0);
    await tagAnswer(c, 'q6', sent[0]!.responseId, [tag.id], 0);
    expect(plain(await readTallies(c.id))).toEqual(plain(await recount(c)));

    const path = `/staff/consultations/${c.id}/responses/${gone.responseId}/withdraw`;
    const reported = async () => (await quarterCounters(quarterContaining(new Date()).id))['consultations'] ?? {};
    const reportedBefore = await reported();
    expect((await get(path, bearer(await staffToken()))).status).toBe(403);
    expect((await post(path, {}, bearer(await staffToken()))).status).toBe(403);
    const admin = bearer(await adminToken());
    const found = await (await get(`/staff/consultations/${c.id}/responses/find?reference=${gone.reference}`, admin)).text();
    expect(found).toContain(`href="${path}"`);
    expect((await get(path, admin)).status).toBe(200);
    const done = await post(path, {}, admin);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/staff/consultations/${c.id}/responses/find?done=withdrawn`);

    const left = await allResponses(c.id);
    expect(left.map((r) => r.id).sort()).toEqual([sent[0]!.responseId, sent[2]!.responseId].sort());
    expect(await shardTotal(c)).toBe(2);
    expect(plain(await readTallies(c.id))).toEqual(plain(await recount(c)));
    expect((await getThemes(c.id)).counts[`q6|${tag.id}`]).toBe(1);
    // The quarter's report figures lose it too: one online response, and its precept answer (no increase) from the headline's n.
    const reportedAfter = await reported();
    expect(reportedAfter['responses|online']).toBe(reportedBefore['responses|online']! - 1);
    expect(reportedAfter['precept-decided']).toBe(reportedBefore['precept-decided']! - 1);
    expect(reportedAfter['precept-increase'] ?? 0).toBe(reportedBefore['precept-increase'] ?? 0);
    // It cannot be withdrawn twice.
    expect((await post(path, {}, admin)).status).toBe(404);
    expect((await get(`/staff/consultations/${c.id}/responses/find?reference=${gone.reference}`, admin)).status).toBe(404);
  });

  it('is refused once results are published, so no published figure changes; the response stays', async () => {
    const c = await anOpenConsultation();
    const { responseId, reference } = await respond(c);
    await closeConsultation(c.id);
    await publishResults(c.id, { includeFlagged: true });
    const before = plain(await readTallies(c.id));
    const refused = await post(`/staff/consultations/${c.id}/responses/${responseId}/withdraw`, {}, bearer(await adminToken()));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('withdraw the published results first');
    expect((await allResponses(c.id)).map((r) => r.reference)).toEqual([reference]);
    expect(plain(await readTallies(c.id))).toEqual(before);
    expect(await shardTotal(c)).toBe(1);
  });
});
