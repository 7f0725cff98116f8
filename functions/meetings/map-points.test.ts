/**
 * Public meetings on the staff map: the meeting's point is written with the meeting (at its venue,
 * when it starts, linking to its staff page), moves when staff move it, and goes when it is
 * cancelled, each in the change's own transaction; the map reads it from the table (core/map-layers.ts).
 */
import { describe, expect, it } from 'vitest';
import { mapLayersBetween } from '../core/map-layers.js';
import { aMeeting, exampleMeeting, unique } from './fixtures.js';
import { cancelMeeting, createMeeting, updateMeeting } from './meetings.js';
import type { Meeting } from './model.js';

const HOUR = 3_600_000;
const around = (at: string) => ({ from: new Date(Date.parse(at) - HOUR).toISOString(), to: new Date(Date.parse(at) + HOUR).toISOString() });
const pointsAround = async (at: string) => (await mapLayersBetween(around(at))).find((l) => l.capability === 'meetings')!;
const pointOf = (m: Meeting) => ({ id: m.id, latitude: m.latitude, longitude: m.longitude, at: m.startsAt, title: `${m.title} (${m.venue})`, areaCode: m.areaCode, href: `/staff/meetings/${m.id}` });

describe('the meetings map layer', () => {
  it('puts a new meeting on the map at its venue, labelled as the manifest says', async () => {
    const meeting = await aMeeting({ title: unique('Map layer <meeting>'), latitude: 52.7661, longitude: -0.8866, areaCode: 'E07000133' });
    const layer = await pointsAround(meeting.startsAt);
    expect(layer).toMatchObject({ label: 'Public meetings', marker: 'M' });
    expect(layer.points.find((p) => p.id === meeting.id)).toEqual(pointOf(meeting));
  });

  it('moves the point when staff change the time or the place, and takes it off when the meeting is cancelled', async () => {
    const input = exampleMeeting({ title: unique('Moving map meeting') });
    const meeting = await createMeeting(input);
    const later = { ...input, venue: 'Kegworth Methodist Church', latitude: 52.83, startsAt: new Date(Date.parse(input.startsAt) + 24 * HOUR).toISOString(), endsAt: new Date(Date.parse(input.endsAt) + 24 * HOUR).toISOString() };
    const moved = await updateMeeting(meeting.id, later);
    expect((await pointsAround(meeting.startsAt)).points.map((p) => p.id)).not.toContain(meeting.id);
    expect((await pointsAround(moved.startsAt)).points.find((p) => p.id === meeting.id)).toEqual(pointOf(moved));

    await cancelMeeting(meeting.id, 'The hall is closed');
    expect((await pointsAround(moved.startsAt)).points.map((p) => p.id)).not.toContain(meeting.id);
  });
});
