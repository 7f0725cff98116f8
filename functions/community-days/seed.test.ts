/** The demo data for `npm start`: a year of visits in every council area with the actions arising, some overdue; twice is the same as once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { isOverdue } from '../core/actions/model.js';
import { actionsRaisedBy } from '../core/actions/store.js';
import { councilAreaCodes } from '../core/council-areas.js';
import { londonDay } from '../core/time.js';
import { countersByArea } from './coverage.js';
import { periodFor } from './periods.js';
import { seedDemoData } from './seed.js';
import { visitsBetween } from './visits.js';

beforeAll(() => useOwnTable('community-days-seed', { delivery: 'manual' }));

describe('demo community days', () => {
  it('are a year of visits in every council area, with the actions arising, seeded once however often it runs', async () => {
    const now = new Date();
    await seedDemoData(now);
    await seedDemoData(now);
    await seedDemoData(new Date(now.getTime() + 86_400_000));

    const year = periodFor({ kind: 'dates', from: new Date(now.getTime() - 366 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) });
    const visits = await visitsBetween(year.from, year.to);
    expect(visits).toHaveLength(43);
    expect(visits.every((v) => v.publicSummary?.startsWith('Demo data:') && v.createdBy === 'Demo data')).toBe(true);
    const perArea = new Map(councilAreaCodes.map((code) => [code, visits.filter((v) => v.areaCode === code).length]));
    for (const [code, n] of perArea) expect(n, code).toBeGreaterThanOrEqual(1);
    expect(perArea.get('E07000135')).toBe(1);
    expect(perArea.get('E06000017')).toBe(2);
    expect(visits.map((v) => v.placeName)).toEqual(expect.arrayContaining(['Coalville', 'Thringstone', 'Whitwick', 'Ashby de la Zouch', 'Uppingham', 'Hinckley', 'Kegworth', 'New Parks', 'Bell Foundry, Loughborough']));

    const counters = await countersByArea(year);
    expect([...counters.values()].reduce((n, c) => n + (c['visits'] ?? 0), 0)).toBe(43);

    // Raised open with their visits, once each; the action log's demo data moves them on (functions/actions/seed.ts).
    const actions = await actionsRaisedBy('community-days');
    expect(actions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(actions.map((a) => a.id)).size).toBe(actions.length);
    expect(actions.every((a) => a.status === 'open' && a.version === 1 && a.createdBy === 'Demo data' && a.source?.id.startsWith('demo-visit-'))).toBe(true);
    expect(actions.filter((a) => isOverdue(a, londonDay(now))).length).toBeGreaterThan(0);
  }, 120_000); // three seedings of a year of visits: seconds alone, longer beside the whole suite
});
