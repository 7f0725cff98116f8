/**
 * What a capability contributes to the staff map: points for a period (its meetings, surgeries,
 * visits), through this small interface rather than by one capability importing another. A capability
 * with `mapLayer` in its manifest exports `mapPoints` from `functions/<name>/map-layer.ts`.
 *
 *   export const mapPoints: MapPoints = async ({ from, to }) => (await sessionsBetween(from, to)).map(toPoint);
 */
import type { CouncilAreaCode } from './council-areas.js';

export interface MapPoint {
  id: string;
  latitude: number;
  longitude: number;
  /** When it happens or happened (ISO instant). */
  at: string;
  /**
   * A short line for the popup and the table, e.g. the meeting's name and venue. The map adds the
   * layer's label and the date (from `at`), so the title says neither.
   */
  title: string;
  areaCode?: CouncilAreaCode;
  /** A staff path to the item. */
  href?: string;
}

export type MapPoints = (period: { from: string; to: string }) => Promise<MapPoint[]>;
