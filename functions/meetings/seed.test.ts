/** The demo data for `npm start`: four meetings across areas, one full with a waiting list; twice is the same as once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mapLayersBetween } from '../core/map-layers.js';
import { seedDemoData } from './seed.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { allDecided } from './fixtures.js';
import { getMeeting, listUpcomingMeetings } from './meetings.js';
import { getJoinLink } from './join-links.js';
import { listRegistrations } from './registrations.js';

beforeAll(() => useOwnTable('seed'));

describe('demo meetings', () => {
  it('are created once, however often the seed runs', async () => {
    const now = new Date();
    await seedDemoData(now);
    await seedDemoData(now);
    await seedDemoData(new Date(now.getTime() + 3_600_000));

    const upcoming = await listUpcomingMeetings({ now });
    expect(upcoming.map((m) => m.id).sort()).toEqual([
      'demo-kegworth-car-cruising',
      'demo-leicester-city-centre-safety',
      'demo-loughborough-student-safety',
      'demo-rutland-rural-crime',
    ]);
    const kegworth = (await getMeeting('demo-kegworth-car-cruising'))!;
    expect(kegworth).toMatchObject({ areaCode: 'E07000134', capacity: 60, placesLeft: 60, title: 'Car cruising in Kegworth' });
    expect(new Set(upcoming.map((m) => m.areaCode)).size).toBe(4);
    // One is hybrid, its link set once however often the seed runs.
    expect(await getMeeting('demo-leicester-city-centre-safety')).toMatchObject({ mode: 'hybrid', capacity: 120, onlineCapacity: 300, onlinePlacesLeft: 300 });
    expect(await getJoinLink('demo-leicester-city-centre-safety')).toMatchObject({ url: 'https://zoom.us/j/90000000000?pwd=demo', version: 1 });

    // The demo residents' places are decided as anyone's are: by the decider, from the table's stream.
    await allDecided('demo-loughborough-student-safety');
    const full = (await getMeeting('demo-loughborough-student-safety'))!;
    expect(full).toMatchObject({ placesLeft: 0, confirmedCount: 12, waitlistedCount: 4 });
    const registrations = await listRegistrations(full.id);
    expect(registrations).toHaveLength(8);
    expect(registrations.filter((r) => r.status === 'waitlisted')).toHaveLength(2);

    // Each is on the staff map, written with the meeting as staff's meetings are.
    const layers = await mapLayersBetween({ from: now.toISOString(), to: new Date(now.getTime() + 60 * 24 * 3_600_000).toISOString() });
    expect(layers.find((l) => l.capability === 'meetings')!.points.map((p) => p.id).sort()).toEqual(upcoming.map((m) => m.id).sort());
  });
});
