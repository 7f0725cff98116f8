/** Public meetings on the staff map: this capability's points, and how core's overlay loader finds them by name. */
import { describe, expect, it } from 'vitest';
import { mapOverlays } from '../core/map-overlays.js';
import { aMeeting, unique } from './fixtures.js';
import { cancelMeeting } from './meetings.js';
import { mapPoints } from './map-layer.js';

describe('the meetings map layer', () => {
  it('gives each meeting in the period at its venue, leaving out cancelled ones, and core finds it by name', async () => {
    const meeting = await aMeeting({ title: unique('Map layer meeting'), latitude: 52.7661, longitude: -0.8866, areaCode: 'E07000133' });
    const cancelled = await aMeeting({ title: unique('Cancelled map layer meeting') });
    await cancelMeeting(cancelled.id, 'The hall is closed');
    const period = { from: new Date(Date.parse(meeting.startsAt) - 3_600_000).toISOString(), to: new Date(Date.parse(meeting.startsAt) + 3_600_000).toISOString() };

    const points = await mapPoints(period);
    expect(points).toContainEqual({ id: meeting.id, latitude: 52.7661, longitude: -0.8866, at: meeting.startsAt, title: `${meeting.title} (${meeting.venue})`, areaCode: 'E07000133', href: `/staff/meetings/${meeting.id}` });
    expect(points.map((p) => p.id)).not.toContain(cancelled.id);

    const overlays = await mapOverlays(period);
    expect(overlays.find((o) => o.capability === 'meetings')).toMatchObject({ label: 'Public meetings', points: expect.arrayContaining([expect.objectContaining({ id: meeting.id })]) });
    expect((await mapOverlays(period, { except: 'meetings' })).map((o) => o.capability)).not.toContain('meetings');
  });
});
