/**
 * The maps' script, bundled with Leaflet by web/build.ts into /assets/map.js (no CDN). Pages work
 * without it: the coverage pages keep the server's SVG map and table, the visit form its fields.
 */
import { startCoverageMap } from './coverage.js';
import { startPicker } from './picker.js';

function start() {
  for (const container of document.querySelectorAll<HTMLElement>('[data-map-endpoint]')) {
    startCoverageMap(container).catch((error: unknown) => {
      // The server's map and the table are still there; say why the interactive map is not.
      container.setAttribute('data-map-error', String(error));
    });
  }
  for (const container of document.querySelectorAll<HTMLElement>('[data-map-picker]')) {
    startPicker(container).catch((error: unknown) => container.setAttribute('data-map-error', String(error)));
  }
}

// The script is loaded async, so it may arrive before the page has been read to the end.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
