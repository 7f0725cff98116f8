/** Public meetings on the staff map: each meeting (not cancelled) starting in the period, at its venue. */
import type { MapPoints } from '../core/map-layers.js';
import { meetingsStartingBetween } from './store/meetings.js';

export const mapPoints: MapPoints = async ({ from, to }) =>
  (await meetingsStartingBetween(from, to))
    .filter((m) => m.status === 'scheduled' && m.startsAt < to)
    .map((m) => ({ id: m.id, latitude: m.latitude, longitude: m.longitude, at: m.startsAt, title: `${m.title} (${m.venue})`, areaCode: m.areaCode, href: `/staff/meetings/${m.id}` }));
