/**
 * What a page with a map needs: the map's stylesheet and script (Leaflet and ours, bundled by
 * web/build.ts) for its head, and the tile server's images allowed when one is configured.
 */
import { allowImagesFrom } from '../../core/http/image-origins.js';
import { communityDaysSettings } from '../settings.js';

/** With a tile layer configured, a map page may load its images (the platform's policy allows only its own). */
export const allowMapTiles = (path: string) =>
  allowImagesFrom([path], () => {
    const tiles = communityDaysSettings().tiles;
    return tiles ? [tiles.origin] : [];
  });

/**
 * The script is `async`: a deferred module would hold GOV.UK Frontend's own script (later in the page)
 * back until Leaflet had arrived, so on a slow phone the menu collapsed late and moved the whole page
 * (Lighthouse's layout shift of 0.11).
 */
export function MapAssets() {
  return (
    <>
      <link rel="stylesheet" href="/assets/map.css" />
      <script type="module" src="/assets/map.js" async></script>
    </>
  );
}

/** Only the stylesheet: pages with wide tables and notes, but no map. */
export function MapStyles() {
  return <link rel="stylesheet" href="/assets/map.css" />;
}
