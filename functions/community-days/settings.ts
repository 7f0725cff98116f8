/**
 * Community days' settings, as its manifest declares them (capability.ts): from the environment under
 * `npm start`, from CDK context in AWS. Without a tile layer the maps draw the council-area and ward
 * boundaries only, so they need no tile server.
 */
import { settingsOf } from '../core/settings.js';
import { communityDays } from './capability.js';

export interface CommunityDaysSettings {
  targetPerYear: number;
  tiles?: { url: string; attribution: string; origin: string };
}

export function communityDaysSettings(): CommunityDaysSettings {
  const s = settingsOf<{ targetPerYear: number; tileUrl?: string; tileAttribution?: string }>(communityDays);
  return {
    targetPerYear: s.targetPerYear,
    ...(s.tileUrl ? { tiles: { url: s.tileUrl, attribution: s.tileAttribution!, origin: new URL(s.tileUrl.replace(/\{[a-z]\}/g, '0')).origin } } : {}),
  };
}
