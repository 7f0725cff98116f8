/**
 * The reports' demo data: a year and a half of quarters of invitations and other engagement, every
 * entry labelled as demo data, counted in the quarters' figures; run again, it adds nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useOwnTable } from '../../test/support/own-table.js';
import { lastQuarters, quarterContaining } from '../core/periods.js';
import { quarterData } from './building.js';
import { engagementsBetween, invitationsBetween } from './logs.js';
import { DEMO_BY, seedDemoData } from './seed.js';

const now = new Date('2026-12-06T12:00:00Z');
const quarters = lastQuarters(7, quarterContaining(now));

beforeAll(() => useOwnTable('reports-seed'));

describe('the reports’ demo data', () => {
  it('fills six quarters and this one so far, labelled as demo data, and adds nothing the second time', async () => {
    await seedDemoData(now);
    const first = quarters[0]!;
    const invitations = await invitationsBetween(first.firstDay, '2026-12-06');
    const engagements = await engagementsBetween(first.firstDay, '2026-12-06');
    await seedDemoData(now);
    expect(await invitationsBetween(first.firstDay, '2026-12-06')).toHaveLength(invitations.length);
    expect(await engagementsBetween(first.firstDay, '2026-12-06')).toHaveLength(engagements.length);
    expect([...invitations, ...engagements].every((e) => e.createdBy === DEMO_BY)).toBe(true);
    expect(invitations.every((i) => i.from.startsWith('Demo data') && i.event.startsWith('Demo data'))).toBe(true);
    expect(engagements.every((e) => e.what.startsWith('Demo data'))).toBe(true);
    // Every one of the seven quarters has invitations, and the report's chart reaches back over them all.
    const data = await quarterData(quarters.at(-1)!);
    const received = data.sections.find((s) => s.capability === 'reports')!.figures.find((f) => f.key === 'reports.invitations-received')!;
    expect(received.trend.map((p) => p.quarterId)).toEqual(quarters.map((q) => q.id));
    expect(received.trend.every((p) => (p.value ?? 0) > 0)).toBe(true);
    expect(received.trend.reduce((n, p) => n + (p.value ?? 0), 0)).toBe(invitations.length);
  }, 60_000);
});
