/**
 * Logging, editing and deleting visits against DynamoDB Local, through the contention proxy (so races
 * meet DynamoDB's transaction conflicts), on a table of this file's own so the counters are exact:
 * the coverage counters agree with the visits under concurrent writes and edits, two people editing
 * one visit cannot both win, and the period queries cut at London midnight.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { asAPersonWould, useContentionProxy } from '../../test/support/contention.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { actionsFrom } from '../core/actions/store.js';
import { Refusal } from '../core/refusal.js';
import { countersByArea, coverageByCouncilArea, countersOf } from './coverage.js';
import { exampleVisit, places, whereIs } from './fixtures.js';
import { LIMITS, visitEditInput, visitInput, type Visit } from './model.js';
import { periodFor, type Period } from './periods.js';
import { coverageForMonths } from './store/coverage.js';
import { addVisitActions, deleteVisit, editVisit, getVisit, logVisit, VisitChangedMeanwhile, visitsBetween } from './visits.js';

const contention = useContentionProxy();
beforeAll(async () => {
  await useOwnTable('community-days', { delivery: 'manual' });
});

const by = { by: 'Test Officer' };
/** Visits in these tests are years old, so their notes are past retention: they are logged without. */
const noNotes = { notes: undefined };
const editOf = (visit: Visit, changes: Record<string, unknown> = {}) =>
  z.parse(visitEditInput, {
    startsAt: visit.startsAt,
    endsAt: visit.endsAt,
    areaCode: visit.areaCode,
    wardCode: visit.wardCode,
    placeName: visit.placeName,
    ...(visit.point ? { latitude: visit.point.latitude, longitude: visit.point.longitude } : {}),
    setting: visit.setting,
    met: visit.met,
    themes: visit.themes,
    notes: visit.notes,
    publicSummary: visit.publicSummary,
    published: visit.published,
    version: visit.version,
    ...changes,
  });

/** Each test gets months of its own (the counters are per month), far enough back to be "in the past". */
let nextYear = 2001;
const aYear = () => nextYear++;
const dates = (year: number, from: string, to: string): Period => periodFor({ kind: 'dates', from: `${year}-${from}`, to: `${year}-${to}` });

const errorsOf = (input: Record<string, unknown>) => {
  const result = z.safeParse(visitInput, input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('logging a visit', () => {
  it('stores the visit with its history, keeps the notes apart, and counts it for its month and council area', async () => {
    // Within the last two years: older notes have passed their retention and are not shown.
    const year = new Date().getUTCFullYear() - 1;
    const visit = await logVisit(exampleVisit({ place: places.thringstone, day: `${year}-03-03`, hours: 4 }), by);
    const stored = await getVisit(visit.id);
    expect(stored).toMatchObject({
      placeName: 'Thringstone',
      areaCode: 'E07000134',
      wardCode: whereIs(places.thringstone).wardCode,
      notes: 'Met the parish council chair at the library.',
      version: 1,
      history: [{ by: 'Test Officer', summary: 'Visit logged' }],
    });
    const [month] = await coverageForMonths(`${year}-03`, `${year}-03`);
    expect(month).toMatchObject({ month: `${year}-03`, areaCode: 'E07000134' });
    expect(month!.counters).toMatchObject({ visits: 1, 'p.visits': 1, minutes: 240, people: 17, 'met.residents': 12, 'theme.speeding-road-safety': 1, rural: 1, organisations: 1 });
  });

  it('refuses, naming the field, a point outside the area, a ward in another area, an end before the start, an unknown theme or owner', () => {
    const base = { ...exampleVisit() } as Record<string, unknown>;
    expect(errorsOf({ ...base, latitude: 52.9548, longitude: -1.1581 })).toEqual(['latitude: The location is outside Leicester, Leicestershire and Rutland']);
    expect(errorsOf({ ...base, areaCode: 'E06000017' })).toEqual([
      'wardCode: Coalville West is in North West Leicestershire, not Rutland',
      'latitude: The location is in North West Leicestershire, not Rutland',
    ]);
    expect(errorsOf({ ...base, endsAt: base['startsAt'] })).toEqual(['endsAt: The end must be after the start']);
    expect(errorsOf({ ...base, themes: ['not-a-theme'] })).toEqual(['themes.0: Choose a theme from the list']);
    expect(errorsOf({ ...base, actions: [{ what: 'Write to someone', owner: { kind: 'the-king' } }] })).toEqual(['actions.0.owner.kind: Choose who owns the action']);
    expect(errorsOf({ ...base, published: true, publicSummary: '' })).toEqual(['publicSummary: Enter a public summary to publish the visit']);
    expect(errorsOf({ ...base, wardCode: 'E05999999' })).toEqual(['wardCode: Choose a ward from the list']);
  });

  it('refuses a visit that has not happened yet', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await expect(logVisit(exampleVisit({ day: tomorrow }), by)).rejects.toMatchObject({ kind: 'invalid', fields: [{ field: 'startsAt', message: 'The visit must be today or in the past' }] });
  });

  it('records the actions arising in the same transaction, linked to the visit and its council area', async () => {
    const year = aYear();
    const input = exampleVisit({ day: `${year}-05-05`, place: places.uppingham }, {
      actions: [
        { what: 'Ask the road safety team about a speed watch on <script>High Street</script>', owner: { kind: 'road-safety-team' }, theme: 'speeding-road-safety', dueOn: `${year}-06-01` },
        { what: 'Business crime to the Deputy Commissioner', owner: { kind: 'deputy-commissioner' } },
      ],
    });
    const visit = await logVisit(input, by);
    const actions = await actionsFrom('community-days', visit.id);
    expect(actions.map((a) => a.what).sort()).toEqual(['Ask the road safety team about a speed watch on <script>High Street</script>', 'Business crime to the Deputy Commissioner']);
    for (const action of actions) {
      expect(action).toMatchObject({ status: 'open', areaCode: 'E06000017', source: { capability: 'community-days', kind: 'visit', id: visit.id, href: `/staff/community-days/visits/${visit.id}` } });
      expect(action.source!.label).toMatch(/^Community day: Uppingham, \w+day \d+ May \d{4}$/);
    }
    const [more] = await addVisitActions(visit.id, [{ what: 'One-to-one with the NPA commander', owner: { kind: 'npa-commander', name: 'Rutland NPA' } }], { by: 'Second Officer' });
    expect((await actionsFrom('community-days', visit.id)).find((a) => a.id === more!.id)).toMatchObject({ source: { id: visit.id }, owner: { kind: 'npa-commander', name: 'Rutland NPA' } });
    expect(await getVisit(visit.id)).toMatchObject({ actionCount: 3, version: 1, history: [{ summary: 'Visit logged with 2 actions' }, { by: 'Second Officer', summary: 'Action added: One-to-one with the NPA commander' }] });
  });
});

describe('a visit at its limits', () => {
  it('logs the most actions a visit takes at once, each with its email to the owner, and notes naming people, in one transaction', async () => {
    const year = aYear();
    const names = Array.from({ length: LIMITS.addressesInNotes }, (_, n) => `p${n}.${year}@example.org`);
    const input = exampleVisit({ day: `${year}-07-07`, place: places.uppingham }, {
      notes: `Met ${names.join(', ')} at the hall.`,
      actions: Array.from({ length: LIMITS.actionsWithVisit }, (_, i) => ({ what: `Follow-up ${i + 1}`, owner: { kind: 'road-safety-team' as const } })),
    });
    const visit = await logVisit(input, by);
    expect(await actionsFrom('community-days', visit.id)).toHaveLength(LIMITS.actionsWithVisit);

    // One address more is refused at the edge, naming the field, and nothing is written.
    const tooMany = `${input.notes} And p99.${year}@example.org.`;
    expect(errorsOf({ ...input, notes: tooMany })).toEqual([`notes: Notes can give up to ${LIMITS.addressesInNotes} email addresses: name people without theirs`]);
  });
});

describe('editing and deleting', () => {
  it('moves the counters with the visit: to another month and area, and out of the public figures when unpublished', async () => {
    const year = aYear();
    const visit = await logVisit(exampleVisit({ place: places.coalville, day: `${year}-01-10` }, noNotes), by);
    const edited = await editVisit(visit.id, editOf(visit, {
      startsAt: `${year}-02-14T10:00:00.000Z`,
      endsAt: `${year}-02-14T12:00:00.000Z`,
      ...whereIs(places.uppingham),
      placeName: 'Uppingham',
      latitude: places.uppingham.latitude,
      longitude: places.uppingham.longitude,
      themes: ['rural-crime'],
      published: false,
    }), { by: 'Editor' });
    expect(edited).toMatchObject({ version: 2, published: false, history: [{ summary: 'Visit logged' }, { by: 'Editor', summary: 'Changed: date and time, council area, ward, place, location, themes; unpublished' }] });
    const counters = await countersByArea(dates(year, '01-01', '02-28'));
    expect(counters.get('E07000134')).toMatchObject({ visits: 0, 'p.visits': 0, 'theme.anti-social-behaviour': 0 });
    expect(counters.get('E06000017')).toMatchObject({ visits: 1, 'theme.rural-crime': 1 });
    expect(counters.get('E06000017')!['p.visits'] ?? 0).toBe(0);
    expect(await getVisit(visit.id)).toMatchObject({ placeName: 'Uppingham', published: false, version: 2 });
  });

  it('tells the second of two people editing the same version, and shows the visit as it is now', async () => {
    const visit = await logVisit(exampleVisit({ day: `${aYear()}-04-04` }, noNotes), by);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => editVisit(visit.id, editOf(visit, { placeName: `Coalville ${i}` }), { by: `Person ${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(4);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(VisitChangedMeanwhile);
      expect((reason as VisitChangedMeanwhile).current.version).toBe(2);
      expect((reason as VisitChangedMeanwhile).kind).toBe('conflict');
    }
  });

  it('writes nothing when nothing changed', async () => {
    const visit = await logVisit(exampleVisit({ day: `${aYear()}-04-04` }, noNotes), by);
    expect((await editVisit(visit.id, editOf(visit), by)).version).toBe(1);
  });

  it('deletes a visit: out of lists and counts, kept with its history; a stale or second deletion is refused', async () => {
    const year = aYear();
    const visit = await logVisit(exampleVisit({ day: `${year}-06-06`, place: places.melton }), by);
    await expect(deleteVisit(visit.id, 7, by)).rejects.toBeInstanceOf(VisitChangedMeanwhile);
    await deleteVisit(visit.id, 1, { by: 'Remover' });
    const period = dates(year, '06-01', '06-30');
    expect((await visitsBetween(period.from, period.to)).map((v) => v.id)).not.toContain(visit.id);
    expect((await countersByArea(period)).get('E07000133')).toMatchObject({ visits: 0, 'p.visits': 0, minutes: 0 });
    const stored = await getVisit(visit.id);
    expect(stored).toMatchObject({ deletedBy: 'Remover', version: 2, history: [{ summary: 'Visit logged' }, { by: 'Remover', summary: 'Visit deleted' }] });
    expect(stored!.notes).toBeUndefined();
    await expect(deleteVisit(visit.id, 2, by)).rejects.toMatchObject({ kind: 'gone' });
    await expect(editVisit(visit.id, editOf(visit, { version: 2 }), by)).rejects.toMatchObject({ kind: 'gone' });
    await expect(addVisitActions(visit.id, [{ what: 'Too late', owner: { kind: 'chief-constable' } }], by)).rejects.toBeInstanceOf(Refusal);
  });
});

describe('the counters under concurrency', () => {
  it('stay exact when 30 visits are logged and 8 edited at once in one council area and month', async () => {
    const year = aYear();
    const day = (d: number) => `${year}-07-${String(d).padStart(2, '0')}`;
    const existing = await Promise.all(Array.from({ length: 8 }, (_, i) => logVisit(exampleVisit({ place: places.hinckley, day: day(1 + i) }, noNotes), by)));
    contention.proxy().resetStats();
    // A 503 (still conflicting after its retries; nothing written) is tried again, as the page asks.
    const results = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => asAPersonWould(() => logVisit(exampleVisit({ place: places.hinckley, day: day(10 + (i % 15)), themes: ['burglary'] }), by))),
      // Half the edits move their visit to Blaby, half take a theme away and unpublish it.
      ...existing.map((v, i) =>
        asAPersonWould(() =>
          editVisit(
            v.id,
            i % 2
              ? editOf(v, { ...whereIs(places.blaby), placeName: 'Blaby', latitude: places.blaby.latitude, longitude: places.blaby.longitude })
              : editOf(v, { themes: ['anti-social-behaviour'], published: false }),
            by,
          ),
        ),
      ),
    ]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(contention.proxy().stats().transactionsCancelled).toBeGreaterThan(0);

    const period = dates(year, '07-01', '07-31');
    const visits = await visitsBetween(period.from, period.to);
    const expected = new Map<string, Record<string, number>>();
    for (const v of visits) {
      const into = expected.get(v.areaCode) ?? expected.set(v.areaCode, {}).get(v.areaCode)!;
      for (const [k, n] of Object.entries(countersOf(v))) into[k] = (into[k] ?? 0) + n;
    }
    const counted = await countersByArea(period);
    for (const area of ['E07000132', 'E07000129']) {
      const got = Object.fromEntries(Object.entries(counted.get(area)!).filter(([, n]) => n !== 0));
      expect(got, area).toEqual(expected.get(area));
    }
    expect(counted.get('E07000132')).toMatchObject({ visits: 34, 'p.visits': 30, 'theme.burglary': 30, 'theme.speeding-road-safety': 0 });
    expect(counted.get('E07000129')).toMatchObject({ visits: 4, 'p.visits': 4 });
  });
});

describe('periods', () => {
  it('cut at London midnight: a visit late on 31 March in summer time is in March, and in the financial year before', async () => {
    const year = aYear();
    // 23:30 BST on 31 March is 22:30 UTC the same day; 00:30 BST on 1 April is 23:30 UTC on 31 March.
    const march = await logVisit(exampleVisit({ day: `${year}-03-31`, startHour: 23, hours: 0.5 }, {}), by);
    const april = await logVisit(exampleVisit({ day: `${year}-04-01`, startHour: 0, hours: 0.5 }, {}), by);
    const fy = periodFor({ kind: 'financial-year', startYear: year });
    const ids = (await visitsBetween(fy.from, fy.to)).map((v) => v.id);
    expect(ids).toContain(april.id);
    expect(ids).not.toContain(march.id);
    const previous = periodFor({ kind: 'financial-year', startYear: year - 1 });
    expect((await visitsBetween(previous.from, previous.to)).map((v) => v.id)).toContain(march.id);
  });

  it('count the days at either end of a period from the visits, and whole months from the counters, to the same totals', async () => {
    const year = aYear();
    await Promise.all(
      ['02-27', '03-01', '03-15', '03-31', '04-01', '04-20', '05-02'].map((d, i) => logVisit(exampleVisit({ place: i % 2 ? places.oakham : places.kegworth, day: `${year}-${d}` }), by)),
    );
    const period = dates(year, '02-27', '05-01');
    const visits = (await visitsBetween(period.from, period.to)).length;
    expect(visits).toBe(6);
    const rows = await coverageByCouncilArea(period, { audience: 'staff', targetPerYear: 2 });
    expect(rows.reduce((n, r) => n + r.visits, 0)).toBe(6);
    expect(rows.find((r) => r.code === 'E06000017')).toMatchObject({ visits: 3, target: 1, targetMet: true, lastVisit: { placeName: 'Oakham' } });
    expect(rows.find((r) => r.code === 'E07000134')).toMatchObject({ visits: 3 });
    expect(rows.find((r) => r.code === 'E06000016')).toMatchObject({ visits: 0, targetMet: false });
  });
});
