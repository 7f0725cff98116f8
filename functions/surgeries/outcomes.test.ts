/**
 * After the surgery: outcomes (attendance, themes, notes, signposting, actions in core's action log),
 * and the coverage and themes figures they feed, against DynamoDB Local. Own table, so the figures are
 * exactly this file's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { actionsFrom } from '../core/actions/store.js';
import { deliverNew } from '../core/outbox/delivery.js';
import { londonDay } from '../core/time.js';
import { app } from './app.js';
import { cancelBooking } from './cancelling.js';
import { setCouncilStatus } from './councils.js';
import { coverage, themesByDistrict } from './coverage.js';
import { emails } from './emails/index.js';
import { aBooking, aCouncil, aSession, councilsIn } from './fixtures.js';
import { inviteCouncils } from './invitations.js';
import { outcomeInput } from './model.js';
import { OutcomeChangedMeanwhile, recordOutcome } from './outcomes.js';
import { getBooking } from './store/bookings.js';

beforeAll(() => useOwnTable('surgery-coverage', { delivery: 'manual' }));

const DAY = 86_400_000;
const outcome = (fields: Record<string, unknown>) => outcomeInput.parse({ version: 0, attendance: 'attended', ...fields });

describe('outcomes, coverage and themes', () => {
  it('records outcomes and actions, and counts coverage and themes per district from them', async () => {
    const now = new Date();
    const threeWeeksAgo = new Date(now.getTime() - 21 * DAY);
    // Blaby: four councils (one retired later), a surgery held last week with three bookings.
    const [a, b, c, d] = await councilsIn('E07000129', 4);
    const held = await aSession({}, threeWeeksAgo, 14);
    const [ba, bb, bc] = await Promise.all([aBooking(held, a!, { index: 0, now: threeWeeksAgo }), aBooking(held, b!, { index: 1, now: threeWeeksAgo }), aBooking(held, c!, { index: 2, now: threeWeeksAgo })]);
    // Harborough: one council, invited to and booked into a surgery next month.
    const harborough = await aCouncil({ districtCode: 'E07000131' });
    const next = await aSession({ districtCode: 'E07000131' }, now, 30);
    const { round } = await inviteCouncils(next.id, { scope: 'district' }, 'A. Officer', now);
    // The round fans out off the request path (this file delivers by hand): each council's invitation is recorded then.
    expect((await deliverNew([round.noticeId], emails, now, Date.now() + 10_000)).fannedOut).toBe(1);
    const upcoming = await aBooking(next, harborough);

    await expect(recordOutcome(upcoming.id, outcome({}), 'A. Officer', now)).rejects.toMatchObject({ code: 'surgery_not_started' });
    const recorded = await recordOutcome(
      ba.id,
      outcome({
        themes: ['speeding-road-safety', 'anti-social-behaviour'],
        notes: 'Speeding at school times <script>',
        signposted: 'County highways',
        actions: [{ what: 'Ask for a speed watch', owner: { kind: 'road-safety-team' }, dueOn: londonDay(new Date(now.getTime() + 14 * DAY)) }],
      }),
      'A. Officer',
      now,
    );
    expect(recorded.actions).toHaveLength(1);
    const actions = await actionsFrom('surgeries', ba.id);
    expect(actions).toMatchObject([{ what: 'Ask for a speed watch', status: 'open', areaCode: 'E07000129', source: { capability: 'surgeries', kind: 'booking', id: ba.id, href: `/staff/surgeries/bookings/${ba.id}` } }]);
    await recordOutcome(bb.id, outcome({ themes: ['speeding-road-safety', 'burglary'] }), 'A. Officer', now);
    await recordOutcome(bc.id, outcome({ attendance: 'no-show' }), 'A. Officer', now);

    const figures = await coverage(now);
    expect(figures.districts.map((r) => r.districtCode)).toEqual(['E07000129', 'E07000131']);
    expect(figures.districts[0]).toMatchObject({ councils: 4, invited: 0, booked: 0, seen: 2, neverSeen: 2, shareSeen: 0.5, bookings: { confirmed: 3, cancelled: 0, attended: 2, noShow: 1 } });
    expect(figures.districts[1]).toMatchObject({ councils: 1, invited: 1, booked: 1, seen: 0, neverSeen: 1, shareSeen: 0, bookings: { confirmed: 1 } });
    expect(figures.overall).toMatchObject({ councils: 5, invited: 1, booked: 1, seen: 2, neverSeen: 3, shareSeen: 0.4 });

    const from = londonDay(new Date(now.getTime() - 30 * DAY));
    const to = londonDay(now);
    const themes = await themesByDistrict(from, to);
    expect(themes.rows).toEqual([
      { districtCode: 'E07000129', districtName: 'Blaby', surgeries: 1, attended: 2, noShow: 1, themes: { 'speeding-road-safety': 2, 'anti-social-behaviour': 1, burglary: 1 } },
    ]);
    expect(themes.themes.map((t) => t.id)).toEqual(['anti-social-behaviour', 'burglary', 'speeding-road-safety']);
    expect((await themesByDistrict(londonDay(new Date(now.getTime() - 3 * DAY)), to)).rows).toEqual([]);

    // Correcting an outcome moves the counts; a change made against an old version is refused.
    await recordOutcome(bc.id, outcome({ version: 1, attendance: 'attended', themes: ['burglary'] }), 'A. Officer', now);
    await expect(recordOutcome(bc.id, outcome({ version: 1, attendance: 'no-show' }), 'Someone else', now)).rejects.toBeInstanceOf(OutcomeChangedMeanwhile);
    const corrected = await themesByDistrict(from, to);
    expect(corrected.rows[0]).toMatchObject({ attended: 3, noShow: 0, themes: { 'speeding-road-safety': 2, 'anti-social-behaviour': 1, burglary: 2 } });
    expect((await coverage(now)).districts[0]).toMatchObject({ seen: 3, neverSeen: 1, shareSeen: 0.75, bookings: { attended: 3, noShow: 0 } });

    // A retired council is no longer listed; a cancelled upcoming booking no longer counts as booked.
    await setCouncilStatus(d!.id, 'retired');
    await cancelBooking(upcoming.id, { by: 'staff', reason: 'Ill' }, now);
    const after = await coverage(now);
    expect(after.districts[0]).toMatchObject({ councils: 3, seen: 3, neverSeen: 0, shareSeen: 1 });
    expect(after.districts[1]).toMatchObject({ booked: 0, bookings: { confirmed: 0, cancelled: 1 } });
    expect((await getBooking(ba.id))!.outcome).toMatchObject({ attendance: 'attended', notes: 'Speeding at school times <script>', signposted: 'County highways', recordedBy: 'A. Officer' });
  });

  it('lets only one of two people recording the same outcome at once win', async () => {
    const then = new Date(Date.now() - 21 * DAY);
    const [session, council] = await Promise.all([aSession({ districtCode: 'E07000133' }, then, 14), aCouncil({ districtCode: 'E07000133' })]);
    const booking = await aBooking(session, council, { now: then });
    const results = await Promise.allSettled([
      recordOutcome(booking.id, outcome({ themes: ['burglary'] }), 'One', new Date()),
      recordOutcome(booking.id, outcome({ themes: ['drugs'] }), 'Two', new Date()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const themes = await themesByDistrict(londonDay(then), londonDay(new Date()));
    const melton = themes.rows.find((r) => r.districtCode === 'E07000133')!;
    expect(Object.values(melton.themes).reduce((n, v) => n + (v ?? 0), 0)).toBe(1);
  });

  it('refuses themes for a council that did not attend, so the district counts only themes raised by councils that came', async () => {
    const then = new Date(Date.now() - 21 * DAY);
    const session = await aSession({ districtCode: 'E07000130' }, then, 14);
    const [came, stayedAway] = await councilsIn('E07000130', 2);
    const [attended, noShow] = await Promise.all([aBooking(session, came!, { index: 0, now: then }), aBooking(session, stayedAway!, { index: 1, now: then })]);
    await recordOutcome(attended.id, outcome({ themes: ['burglary'] }), 'A. Officer');

    const put = async (id: string, body: unknown) =>
      app.request(`/api/surgeries/bookings/${id}/outcome`, { method: 'PUT', headers: { 'content-type': 'application/json', ...bearer(await staffToken()) }, body: JSON.stringify(body) });
    const refused = await put(noShow.id, { version: 0, attendance: 'no-show', themes: ['burglary'] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ field: 'themes', message: 'Clear the themes: they are recorded only for a council that attended' }] } });
    expect((await put(noShow.id, { version: 0, attendance: 'no-show', themes: [] })).status).toBe(200);

    const day = londonDay(new Date(session.startsAt));
    const charnwood = async () => (await themesByDistrict(day, day)).rows.find((r) => r.districtCode === 'E07000130');
    expect(await charnwood()).toMatchObject({ attended: 1, noShow: 1, themes: { burglary: 1 } });
    // Corrected to "did not attend", the council's themes come off the count.
    await recordOutcome(attended.id, outcome({ version: 1, attendance: 'no-show' }), 'A. Officer');
    expect(await charnwood()).toMatchObject({ attended: 0, noShow: 2, themes: { burglary: 0 } });
  });
});
