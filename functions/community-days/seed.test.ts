/** The demo data for `npm start`: a year of visits in every council area with actions in every status; twice is the same as once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { listActions } from '../core/actions/log.js';
import { councilAreaCodes } from '../core/council-areas.js';
import { countersByArea } from './coverage.js';
import { periodFor } from './periods.js';
import { seedDemoData } from './seed.js';
import { visitsBetween } from './visits.js';

beforeAll(() => useOwnTable('community-days-seed', { delivery: 'manual' }));

describe('demo community days', () => {
  it('are a year of visits in every council area, with actions in every status, seeded once however often it runs', async () => {
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

    const actions = await listActions({ source: 'community-days' }, now);
    expect(actions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'in-progress', 'done', 'closed-no-action']));
    expect(actions.filter((a) => a.version > 2)).toEqual([]);
    expect((await listActions({ overdue: true }, now)).length).toBeGreaterThan(0);
  }, 120_000); // three seedings of a year of visits: seconds alone, longer beside the whole suite
});
