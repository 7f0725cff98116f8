/** The map's stylesheet and script (Leaflet and ours, bundled by web/build.ts), for the head of a page with a map. */
export function MapAssets() {
  return (
    <>
      <link rel="stylesheet" href="/assets/map.css" />
      <script type="module" src="/assets/map.js"></script>
    </>
  );
}

/** Only the stylesheet: pages with wide tables and notes, but no map. */
export function MapStyles() {
  return <link rel="stylesheet" href="/assets/map.css" />;
}
