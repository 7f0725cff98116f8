/**
 * Surgery sessions on the staff map: each session whose venue has a latitude and longitude (online ones
 * have none). Its title is the venue: the map says "Parish surgeries" and the date beside it.
 */
import type { MapPoints } from '../core/map-layers.js';
import { sessionsStartingBetween } from './store/sessions.js';

export const mapPoints: MapPoints = async ({ from, to }) =>
  (await sessionsStartingBetween(from, to))
    .filter((s) => s.status !== 'cancelled' && s.latitude !== undefined && s.longitude !== undefined)
    .map((s) => ({
      id: s.id,
      latitude: s.latitude!,
      longitude: s.longitude!,
      at: s.startsAt,
      title: `${s.venueName}${s.status === 'draft' ? ' (draft)' : ''}`,
      areaCode: s.districtCode,
      href: `/staff/surgeries/sessions/${s.id}`,
    }));
