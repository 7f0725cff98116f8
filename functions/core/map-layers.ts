/**
 * The staff map's layers: what one capability shows on another's map (meetings and surgery sessions
 * on community days' staff map) meets in the table, never in code. A capability with `mapLayer` in its
 * manifest writes a point for each thing it puts on the map, in the same transaction as the change
 * that places, moves or removes it (`mapPointWrite`, `mapPointRemoval`); the map reads the points of a
 * period with `mapLayersBetween`, labelled and marked as each manifest says. No capability's module is
 * loaded to draw another's layer.
 *
 *   MAPPOINT#<capability>#<id> / MAPPOINT     gsi1 MAPPOINTS#<yyyy-mm> / <at>#<capability>#<id>
 *
 *   await transactWrite([...theChange, mapPointWrite('meetings', { id, latitude, longitude, at, title, href })]);
 *   const layers = await mapLayersBetween({ from, to }, { except: 'community-days' });
 */
import type { CouncilAreaCode } from './council-areas.js';
import { logger, reasonOf } from './log.js';
import { platformCapabilities } from './platform.js';
import { unmarshal, type Item, type Key } from './store/items.js';
import { HIGH, keyPrefixes } from './store/keys.js';
import { queryAll } from './store/reads.js';
import type { NamedWrite } from './store/transactions.js';
import { put, remove } from './store/writes.js';

export interface MapPoint {
  id: string;
  latitude: number;
  longitude: number;
  /** When it happens or happened (ISO instant). */
  at: string;
  /** A short line for the popup and the table, e.g. the place. The map adds the layer and the date. */
  title: string;
  areaCode?: CouncilAreaCode;
  /** A staff path to the item. */
  href?: string;
}

export interface MapLayer {
  capability: string;
  label: string;
  /** The letter its points are marked with. */
  marker: string;
  points: MapPoint[];
  /** It could not be read just now. */
  unavailable?: boolean;
}

export const mapPointKeys = keyPrefixes('platform', { mapPoint: 'MAPPOINT#', mapPointsByMonth: 'MAPPOINTS#' });

const pointKey = (capability: string, id: string): Key => ({ pk: `${mapPointKeys.mapPoint}${capability}#${id}`, sk: 'MAPPOINT' });
const month = (at: string) => at.slice(0, 7);

/** Puts (or moves) a capability's point: in the transaction of the change that places it. */
export function mapPointWrite(capability: string, point: MapPoint): NamedWrite {
  return {
    name: 'map-point',
    write: put({
      ...pointKey(capability, point.id),
      type: 'map-point',
      capability,
      ...point,
      gsi1pk: `${mapPointKeys.mapPointsByMonth}${month(point.at)}`,
      gsi1sk: `${point.at}#${capability}#${point.id}`,
    }),
  };
}

/** Takes a point off the map (the meeting was cancelled, the venue went online): in that change's transaction. */
export const mapPointRemoval = (capability: string, id: string): NamedWrite => ({ name: 'map-point', write: remove(pointKey(capability, id)) });

/** The months `[from, to]` touches, as `yyyy-mm`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const current = `${y}-${String(m).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) break;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

const toPoint = (item: Item): MapPoint & { capability: string } => {
  const plain = unmarshal(item) as unknown as MapPoint & { capability: string };
  return {
    capability: plain.capability,
    id: plain.id,
    latitude: Number(plain.latitude),
    longitude: Number(plain.longitude),
    at: plain.at,
    title: plain.title,
    ...(plain.areaCode ? { areaCode: plain.areaCode } : {}),
    ...(plain.href ? { href: plain.href } : {}),
  };
};

/**
 * Every layer's points in `[from, to)` (ISO instants), one Query per month on gsi1, labelled and marked
 * as the manifests declare. A layer whose points cannot be read is shown as unavailable rather than
 * failing the map.
 */
export async function mapLayersBetween(period: { from: string; to: string }, options: { except?: string } = {}): Promise<MapLayer[]> {
  const layers = platformCapabilities().filter((c) => c.mapLayer && c.name !== options.except);
  let points: Array<MapPoint & { capability: string }> = [];
  let failed = false;
  try {
    const months = await Promise.all(
      monthsBetween(period.from, period.to).map((m) =>
        queryAll({
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': { S: `${mapPointKeys.mapPointsByMonth}${m}` }, ':from': { S: period.from }, ':to': { S: `${period.to}#${HIGH}` } },
        }),
      ),
    );
    points = months.flat().map(toPoint).filter((p) => p.at < period.to && Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  } catch (error) {
    logger.warn('map layers unavailable', { reason: reasonOf(error) });
    failed = true;
  }
  return layers.map((c) => ({
    capability: c.name,
    label: c.mapLayer!.label,
    marker: c.mapLayer!.marker,
    points: points.filter((p) => p.capability === c.name).map(({ capability: _c, ...p }) => p),
    ...(failed ? { unavailable: true } : {}),
  }));
}

/** @deprecated the shape of the old per-capability `map-layer.ts` readers, nothing loads them any more: goes with them. */
export type MapPoints = (period: { from: string; to: string }) => Promise<MapPoint[]>;
