/**
 * Community days' settings, from the environment (each with a default that works under `npm start`):
 *
 *   COMMUNITY_DAYS_TARGET_PER_YEAR  visits each council area should have a year (default 2)
 *   MAP_TILE_URL                    an optional background tile layer for the maps, e.g. https://tiles.example.org/{z}/{x}/{y}.png
 *   MAP_TILE_ATTRIBUTION            what the tile provider asks to be shown (required with MAP_TILE_URL)
 *
 * Without a tile layer the maps draw the council-area and ward boundaries only, so they need no tile server.
 */
import * as z from 'zod/mini';

const schema = z
  .object({
    COMMUNITY_DAYS_TARGET_PER_YEAR: z.prefault(z.pipe(z.string().check(z.regex(/^\d{1,2}$/, { error: 'COMMUNITY_DAYS_TARGET_PER_YEAR must be a whole number from 0 to 99' })), z.transform(Number)), '2'),
    MAP_TILE_URL: z.optional(z.url({ protocol: /^https?$/, error: 'MAP_TILE_URL must be an http(s) URL template' })),
    MAP_TILE_ATTRIBUTION: z.optional(z.string().check(z.minLength(1))),
  })
  .check(z.refine((s) => !s.MAP_TILE_URL || Boolean(s.MAP_TILE_ATTRIBUTION), { error: 'MAP_TILE_ATTRIBUTION must be set with MAP_TILE_URL', path: ['MAP_TILE_ATTRIBUTION'] }));

export interface CommunityDaysSettings {
  targetPerYear: number;
  tiles?: { url: string; attribution: string; origin: string };
}

export function communityDaysSettings(env: NodeJS.ProcessEnv = process.env): CommunityDaysSettings {
  const s = z.parse(schema, { COMMUNITY_DAYS_TARGET_PER_YEAR: env['COMMUNITY_DAYS_TARGET_PER_YEAR'] || undefined, MAP_TILE_URL: env['MAP_TILE_URL'] || undefined, MAP_TILE_ATTRIBUTION: env['MAP_TILE_ATTRIBUTION'] || undefined });
  return {
    targetPerYear: s.COMMUNITY_DAYS_TARGET_PER_YEAR,
    ...(s.MAP_TILE_URL ? { tiles: { url: s.MAP_TILE_URL, attribution: s.MAP_TILE_ATTRIBUTION!, origin: new URL(s.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin } } : {}),
  };
}
