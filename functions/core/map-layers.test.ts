/**
 * The staff map's layers meet in the table: a capability's point, written in its change's transaction,
 * is read back by period under its manifest's label and marker; moving it (a new time) moves it
 * between months, and removing it takes it off.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapLayersBetween, mapPointRemoval, mapPointWrite, monthsBetween } from './map-layers.js';
import { transactWrite } from './store/transactions.js';

const at = (day: string) => `${day}T18:30:00.000Z`;
const point = (id: string, day: string) => ({ id, latitude: 52.7, longitude: -1.2, at: at(day), title: `Village hall <${id}>`, areaCode: 'E07000130' as const, href: `/staff/x/${id}` });
const layer = async (capability: string, from: string, to: string) =>
  (await mapLayersBetween({ from: at(from), to: at(to) })).find((l) => l.capability === capability)!;

describe('map layers', () => {
  it('reads each point in its period, labelled and marked as its manifest says', async () => {
    const [m, s] = [randomUUID(), randomUUID()];
    await transactWrite([mapPointWrite('meetings', point(m, '2071-03-10')), mapPointWrite('surgeries', point(s, '2071-04-02'))]);
    const meetings = await layer('meetings', '2071-03-01', '2071-05-01');
    expect(meetings).toMatchObject({ label: 'Public meetings', marker: 'M' });
    expect(meetings.points.find((p) => p.id === m)).toEqual(point(m, '2071-03-10'));
    const surgeries = await layer('surgeries', '2071-03-01', '2071-05-01');
    expect(surgeries.marker).toBe('S');
    expect(surgeries.points.map((p) => p.id)).toContain(s);
    expect((await layer('surgeries', '2071-03-01', '2071-04-01')).points.map((p) => p.id)).not.toContain(s);
  });

  it('moves a point to its new month when it is written again, and takes it off when removed', async () => {
    const id = randomUUID();
    await transactWrite([mapPointWrite('meetings', point(id, '2072-01-15'))]);
    await transactWrite([mapPointWrite('meetings', point(id, '2072-06-15'))]);
    expect((await layer('meetings', '2072-01-01', '2072-02-01')).points.map((p) => p.id)).not.toContain(id);
    expect((await layer('meetings', '2072-06-01', '2072-07-01')).points.map((p) => p.id)).toContain(id);
    await transactWrite([mapPointRemoval('meetings', id)]);
    expect((await layer('meetings', '2072-06-01', '2072-07-01')).points.map((p) => p.id)).not.toContain(id);
  });

  it('leaves out the layer asked to be left out (the map that shows its own data)', async () => {
    expect((await mapLayersBetween({ from: at('2071-03-01'), to: at('2071-05-01') }, { except: 'meetings' })).map((l) => l.capability)).not.toContain('meetings');
  });

  it('counts the months a period touches, across a year', () => {
    expect(monthsBetween('2026-11-20T00:00:00Z', '2027-02-01T00:00:00Z')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
