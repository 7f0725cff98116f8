/**
 * The map's stylesheet and script (Leaflet and ours, bundled by web/build.ts), for the head of a page
 * with a map. The script is `async`: a deferred module would hold GOV.UK Frontend's own script (later in
 * the page) back until Leaflet had arrived, so on a slow phone the menu collapsed late and moved the
 * whole page (Lighthouse's layout shift of 0.11).
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
