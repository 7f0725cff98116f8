/**
 * The staff map's overlays: the points every other capability contributes (core/map-layers.ts), found
 * by name as the email kinds are (functions/delivery.ts). A capability with `mapLayer` in its manifest
 * exports `mapPoints` from functions/<name>/map-layer.ts; esbuild bundles each of those files into
 * whichever function calls this, and no capability imports another.
 *
 *   const overlays = await mapOverlays({ from, to }, { except: 'community-days' });
 *
 * An overlay that fails to load or read is shown as unavailable rather than failing the whole map.
 */
import { logger, reasonOf } from './log.js';
import type { MapPoint, MapPoints } from './map-layers.js';
import { platformCapabilities } from './platform.js';

export interface MapOverlay {
  capability: string;
  label: string;
  /** The letter its points are marked with (declared by the layer, unique on the map). */
  marker: string;
  points: MapPoint[];
  /** It could not be read just now. */
  unavailable?: boolean;
}

export async function mapOverlays(period: { from: string; to: string }, options: { except?: string } = {}): Promise<MapOverlay[]> {
  const layers = platformCapabilities().filter((c) => c.mapLayer && c.name !== options.except);
  return Promise.all(
    layers.map(async (cap) => {
      const { label, marker } = cap.mapLayer!;
      try {
        const { mapPoints } = (await import(`../${cap.name}/map-layer.ts`)) as { mapPoints: MapPoints };
        if (typeof mapPoints !== 'function') throw new Error(`functions/${cap.name}/map-layer.ts must export \`mapPoints\``);
        const points = (await mapPoints(period)).filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
        return { capability: cap.name, label, marker, points };
      } catch (error) {
        logger.warn('map overlay unavailable', { capability: cap.name, reason: reasonOf(error) });
        return { capability: cap.name, label, marker, points: [], unavailable: true };
      }
    }),
  );
}
