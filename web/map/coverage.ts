/**
 * The coverage map with JavaScript: Leaflet draws the council areas (shaded by the legend's bands,
 * hatched below the target, each labelled) over the ward boundaries, with the visits (and on the staff
 * map other capabilities' points) as markers, clustered where they overlap. It replaces the server's
 * SVG only once its data has arrived; the table beside it always carries the same figures.
 *
 * Keyboard: Tab reaches each council area and marker; Enter or Space opens its popup and moves focus
 * into it; Escape closes the popup and returns focus to what opened it. Arrow keys and + / - pan and
 * zoom when the map itself has focus.
 */
import * as L from 'leaflet';
import { atOnePlace, clusterPoints, type Cluster } from './cluster.js';
import { el, escapeHtml, paragraphs } from './dom.js';
// Types only (erased from the bundle): the shapes the server's map endpoint sends.
import type { AreaProperties, OverlayProperties, VisitProperties } from '../../functions/community-days/map-data.js';

type Properties = AreaProperties | VisitProperties | OverlayProperties;
interface CoverageData {
  audience: 'public' | 'staff';
  period: { label: string };
  theme: { label: string } | null;
  target: { perYear: number; inPeriod: number };
  overlays: Array<{ capability: string; label: string; marker: string; count: number; unavailable: boolean }>;
  attribution: string;
  tiles: { url: string; attribution: string } | null;
  features: Array<GeoJSON.Feature<GeoJSON.Geometry, Properties>>;
}

interface Point {
  lat: number;
  lng: number;
  layer: string;
  properties: VisitProperties | OverlayProperties;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;


function visitPopup(p: VisitProperties): HTMLElement {
  return el(
    'div',
    { class: 'app-popup' },
    el('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, p.place),
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, `${p.date}, ${p.time}`),
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, `${p.ward} ward, ${p.area}${p.approximate ? ' (shown at the centre of the ward)' : ''}`),
    p.themes.length ? el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, `Themes: ${p.themes.join(', ')}`) : null,
    ...paragraphs(p.summary),
    p.published === false ? el('p', { class: 'govuk-body-s' }, el('strong', {}, 'Not published')) : null,
    p.href ? el('p', { class: 'govuk-body-s' }, el('a', { class: 'govuk-link', href: p.href }, `Open the visit to ${p.place}`)) : null,
  );
}

function overlayPopup(p: OverlayProperties): HTMLElement {
  return el(
    'div',
    { class: 'app-popup' },
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, p.layerLabel),
    el('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, p.title),
    el('p', { class: 'govuk-body-s' }, p.date),
    p.href ? el('p', { class: 'govuk-body-s' }, el('a', { class: 'govuk-link', href: p.href }, 'Open it')) : null,
  );
}

function areaPopup(p: AreaProperties, data: CoverageData): HTMLElement {
  const what = data.theme ? `visits about ${data.theme.label.toLowerCase()}` : 'visits';
  return el(
    'div',
    { class: 'app-popup' },
    el('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, p.name),
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, `${plural(p.count, what.replace(/s( |$)/, '$1'), what)} in ${data.period.label}.`),
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, p.targetMet ? `Target met: ${p.visits} of ${p.target}.` : `Target not met: ${p.visits} of ${p.target}.`),
    el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, p.lastVisit ? `Last visit: ${p.lastVisit.date}, ${p.lastVisit.place}.` : 'No visits yet.'),
    p.themes.length ? el('p', { class: 'govuk-body-s' }, `Themes: ${p.themes.slice(0, 6).map((t) => `${t.label} (${t.count})`).join(', ')}.`) : null,
  );
}

function clusterPopup(cluster: Cluster<Point>, labels: Map<string, string>): HTMLElement {
  const layer = cluster.members[0]!.layer;
  const noun = layer === 'visits' ? 'visits' : (labels.get(layer) ?? 'points').toLowerCase();
  return el(
    'div',
    { class: 'app-popup app-popup--list' },
    el('h3', { class: 'govuk-heading-s' }, `${cluster.members.length} ${noun} here`),
    el(
      'ul',
      { class: 'govuk-list' },
      ...cluster.members.map((m) => el('li', { class: 'app-popup__item' }, m.properties.kind === 'visit' ? visitPopup(m.properties) : overlayPopup(m.properties))),
    ),
  );
}

function markerLabel(cluster: Cluster<Point>, labels: Map<string, string>): string {
  const first = cluster.members[0]!;
  if (cluster.members.length > 1) {
    const noun = first.layer === 'visits' ? 'visits' : (labels.get(first.layer) ?? 'points').toLowerCase();
    return `${cluster.members.length} ${noun} close together. Press Enter to ${atOnePlace(cluster.members) ? 'list them' : 'zoom in'}.`;
  }
  const p = first.properties;
  return p.kind === 'visit' ? `Visit: ${p.place}, ${p.date}. Press Enter for details.` : `${p.layerLabel}: ${p.title}, ${p.date}. Press Enter for details.`;
}

export async function startCoverageMap(container: HTMLElement): Promise<void> {
  const endpoint = container.dataset['mapEndpoint']!;
  const [data, wards] = await Promise.all([
    fetch(endpoint, { headers: { accept: 'application/geo+json' }, credentials: 'same-origin' }).then((r) => (r.ok ? (r.json() as Promise<CoverageData>) : Promise.reject(new Error(`${r.status}`)))),
    fetch(container.dataset['mapWards']!).then((r) => (r.ok ? (r.json() as Promise<GeoJSON.FeatureCollection>) : Promise.reject(new Error(`${r.status}`)))),
  ]);

  const mapElement = el('div', {
    class: 'app-map__leaflet',
    role: 'region',
    'aria-label': `Map of ${data.theme ? `visits about ${data.theme.label.toLowerCase()}` : 'visits'}, ${data.period.label}. Tab to each council area and marker; Enter opens details; Escape closes them.`,
  });
  container.replaceChildren(mapElement);
  container.classList.add('app-map--leaflet');

  const map = L.map(mapElement, { zoomSnap: 0.25, minZoom: 8, maxZoom: 16, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // A short credit on the map, linking to the full attribution printed below it: the whole text
  // wrapped over five lines and covered the bottom of a phone-sized map.
  const sources = document.getElementById(`${container.id}-sources`);
  map.attributionControl.addAttribution(
    sources ? `© Crown copyright, <a href="#${escapeHtml(sources.id)}">ONS, Open Government Licence</a>` : escapeHtml(data.attribution),
  );
  if (data.tiles) L.tileLayer(data.tiles.url, { attribution: escapeHtml(data.tiles.attribution), maxZoom: 16 }).addTo(map);


  // Popups: remember what opened each, move focus into it, and give focus back when it closes.
  let opener: { element: HTMLElement | SVGElement; key: string } | undefined;
  const openPopup = (at: L.LatLngExpression, content: HTMLElement, from: { element: HTMLElement | SVGElement; key: string }) => {
    opener = from;
    content.setAttribute('tabindex', '-1');
    L.popup({ maxWidth: 320, autoPanPadding: [24, 24], closeOnEscapeKey: true }).setLatLng(at).setContent(content).openOn(map);
    content.focus({ preventScroll: true });
  };
  map.on('popupclose', () => {
    const returnTo = opener;
    opener = undefined;
    if (!returnTo) return;
    const target = returnTo.element.isConnected ? returnTo.element : (mapElement.querySelector(`[data-key="${CSS.escape(returnTo.key)}"]`) as HTMLElement | null);
    (target ?? mapElement).focus({ preventScroll: true });
  });
  mapElement.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && opener) {
      event.stopPropagation();
      map.closePopup();
    }
  });
  const activate = (element: HTMLElement | SVGElement, run: () => void) => {
    element.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        event.stopPropagation();
        run();
      }
    });
  };

  // Council areas, shaded and labelled.
  const areaFeatures = data.features.filter((f): f is GeoJSON.Feature<GeoJSON.Geometry, AreaProperties> => f.properties.kind === 'council-area');
  const areas = L.geoJSON(
    { type: 'FeatureCollection', features: areaFeatures } as GeoJSON.FeatureCollection,
    { style: (f) => ({ className: `app-map-area app-band--${(f!.properties as AreaProperties).band}`, weight: 1.5, color: '#0b0c0c', fillOpacity: 0.75 }) },
  );
  // Leaflet draws layers once the map has a view.
  map.fitBounds(areas.getBounds(), { padding: [8, 8] });
  map.setMaxBounds(areas.getBounds().pad(0.5));
  L.geoJSON(wards, { interactive: false, style: { className: 'app-map-ward', weight: 0.6, fill: false, color: '#6f777b' } }).addTo(map);
  areas.addTo(map);
  const missed = L.geoJSON(
    { type: 'FeatureCollection', features: areaFeatures.filter((f) => !f.properties.targetMet) } as GeoJSON.FeatureCollection,
    { interactive: false, style: { className: 'app-map-missed', stroke: false, fillColor: 'url(#app-map-hatch)', fillOpacity: 1 } },
  ).addTo(map);
  void missed;
  areas.eachLayer((layer) => {
    const path = layer as L.Path & { feature: GeoJSON.Feature<GeoJSON.Geometry, AreaProperties> };
    const p = path.feature.properties;
    const element = path.getElement() as SVGElement;
    const key = `area-${p.code}`;
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'button');
    element.setAttribute('data-key', key);
    element.setAttribute('aria-label', `${p.name}: ${plural(p.count, 'visit')}, target ${p.targetMet ? 'met' : 'not met'}. Press Enter for details.`);
    const at = L.latLng(p.labelPoint[1], p.labelPoint[0]);
    const open = () => openPopup(at, areaPopup(p, data), { element, key });
    path.on('click', open);
    activate(element, open);
    // The focus ring is drawn over the neighbouring areas (moving the focused path itself would lose its focus).
    let ring: L.GeoJSON | undefined;
    element.addEventListener('focus', () => {
      ring = L.geoJSON(path.feature, { interactive: false, style: { className: 'app-map-focus', weight: 5, color: '#0b0c0c', fill: false, dashArray: '10 4' } }).addTo(map);
    });
    element.addEventListener('blur', () => ring?.remove());
    const label = el('span', {}, String(p.count), el('span', { class: 'app-map-label__target' }, p.targetMet ? ' ✓' : ' ✗'));
    const tip = L.tooltip({ permanent: true, direction: 'center', className: 'app-map-label', interactive: false }).setLatLng(at).setContent(label).addTo(map);
    // A visible label only: the area's own name says the same to assistive technology.
    tip.getElement()?.removeAttribute('role');
    tip.getElement()?.setAttribute('aria-hidden', 'true');
  });

  // Points: visits, and each overlay, clustered per layer, redrawn on zoom.
  const labels = new Map(data.overlays.map((o) => [o.capability, o.label]));
  const letters = new Map(data.overlays.map((o) => [o.capability, o.marker]));
  const points: Point[] = data.features.flatMap((f) => {
    if (f.properties.kind === 'council-area' || f.geometry.type !== 'Point') return [];
    const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    return [{ lat, lng, layer: f.properties.kind === 'visit' ? 'visits' : f.properties.layer, properties: f.properties }];
  });
  const shown = new Set(['visits', ...data.overlays.map((o) => o.capability)]);
  const markers = L.layerGroup().addTo(map);
  const draw = () => {
    const focusedKey = (document.activeElement as HTMLElement | null)?.closest?.('[data-key]')?.getAttribute('data-key') ?? undefined;
    markers.clearLayers();
    for (const layer of shown) {
      const clusters = clusterPoints(points.filter((p) => p.layer === layer), (p) => map.project([p.lat, p.lng], map.getZoom()), 44);
      for (const cluster of clusters) {
        const first = cluster.members[0]!;
        const key = `${layer}-${cluster.members.map((m) => m.properties.id).sort().join('+')}`;
        const many = cluster.members.length > 1;
        const icon = L.divIcon({
          className: `app-map-marker app-map-marker--${layer === 'visits' ? 'visit' : 'overlay'}${many ? ' app-map-marker--cluster' : ''}`,
          // At least 24 by 24 CSS pixels (WCAG 2.2 target size), border included.
          iconSize: many ? [36, 36] : [28, 28],
          html: '',
        });
        const marker = L.marker([cluster.lat, cluster.lng], { icon, keyboard: true, riseOnHover: true }).addTo(markers);
        const element = marker.getElement()!;
        element.setAttribute('data-key', key);
        element.setAttribute('data-layer', layer);
        element.setAttribute('aria-label', markerLabel(cluster, labels));
        // Each overlay's own letter (declared by its capability), so layers differ by more than colour; visits are plain dots.
        element.append(el('span', { 'aria-hidden': 'true' }, many ? String(cluster.members.length) : (letters.get(layer) ?? '')));
        const open = () => {
          if (!many) openPopup([first.lat, first.lng], first.properties.kind === 'visit' ? visitPopup(first.properties) : overlayPopup(first.properties), { element, key });
          else if (atOnePlace(cluster.members) || map.getZoom() >= map.getMaxZoom()) openPopup([cluster.lat, cluster.lng], clusterPopup(cluster, labels), { element, key });
          else {
            const firstKey = first.properties.id;
            map.once('zoomend', () => {
              const next = [...mapElement.querySelectorAll<HTMLElement>('.app-map-marker')].find((m) => (m.getAttribute('data-key') ?? '').split(/[-+]/).includes(firstKey));
              next?.focus({ preventScroll: true });
            });
            map.fitBounds(L.latLngBounds(cluster.members.map((m) => [m.lat, m.lng] as [number, number])), { padding: [48, 48], maxZoom: map.getMaxZoom() });
          }
        };
        marker.on('click', open);
        activate(element, open);
      }
    }
    if (focusedKey && !focusedKey.startsWith('area-')) {
      const again = mapElement.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`);
      again?.focus({ preventScroll: true });
    }
  };
  map.on('zoomend', draw);
  draw();

  // The hatch the areas below the target are filled with (an SVG pattern Leaflet's paths can refer to).
  const svgNs = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(svgNs, 'svg');
  defs.setAttribute('class', 'app-map-defs');
  defs.setAttribute('aria-hidden', 'true');
  defs.innerHTML = '<defs><pattern id="app-map-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" class="app-choropleth__hatch"/></pattern></defs>';
  container.append(defs);

  // Overlays on and off (staff map), as GOV.UK checkboxes below the map.
  if (data.overlays.length) {
    const boxes = data.overlays.map((o, i) => {
      const id = `map-layer-${i}`;
      const input = el('input', { class: 'govuk-checkboxes__input', id, type: 'checkbox', value: o.capability });
      input.checked = true;
      if (o.unavailable) input.disabled = true;
      input.addEventListener('change', () => {
        if (input.checked) shown.add(o.capability);
        else shown.delete(o.capability);
        draw();
      });
      return el(
        'div',
        { class: 'govuk-checkboxes__item' },
        input,
        el('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, `${o.label}, marked ${o.marker} (${o.unavailable ? 'could not be read' : o.count})`),
      );
    });
    container.after(
      el(
        'div',
        { class: 'govuk-form-group app-map-layers' },
        el(
          'fieldset',
          { class: 'govuk-fieldset' },
          el('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'Also show on the map'),
          el('div', { class: 'govuk-checkboxes govuk-checkboxes--small' }, ...boxes),
        ),
      ),
    );
  }
}
