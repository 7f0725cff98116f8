/**
 * The visit form with JavaScript: choosing a ward fills its council area, and a small map of the wards
 * lets staff pick the location, which fills the latitude and longitude, the ward and the council area.
 * The fields stay the source of truth (and work without any of this); the server checks them all again.
 *
 * Keyboard: with the map focused, arrow keys move it under the cross in its centre and Enter sets the
 * location there.
 */
import * as L from 'leaflet';
import { el } from './dom.js';

type Ring = number[][];

function inRing([x, y]: number[], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Fills the council area from the chosen ward (each ward option carries `data-area`). */
function linkWardToArea(form: HTMLFormElement) {
  const ward = form.querySelector<HTMLSelectElement>('#wardCode');
  const area = form.querySelector<HTMLSelectElement>('#areaCode');
  ward?.addEventListener('change', () => {
    const chosen = ward.selectedOptions[0]?.dataset['area'];
    if (area && chosen) area.value = chosen;
  });
}

export async function startPicker(container: HTMLElement): Promise<void> {
  const form = container.closest('form');
  if (!form) return;
  linkWardToArea(form);
  const wards = (await fetch(container.dataset['mapWards']!).then((r) => r.json())) as GeoJSON.FeatureCollection<GeoJSON.Polygon, { code: string; name: string; areaCode: string }>;
  const latitude = form.querySelector<HTMLInputElement>('#latitude')!;
  const longitude = form.querySelector<HTMLInputElement>('#longitude')!;
  const wardSelect = form.querySelector<HTMLSelectElement>('#wardCode')!;
  const areaSelect = form.querySelector<HTMLSelectElement>('#areaCode')!;

  const status = el('p', { class: 'govuk-body-s', 'aria-live': 'polite' });
  const mapElement = el('div', { class: 'app-picker__map', role: 'region', 'aria-label': 'Map to pick the location. Use the arrow keys to move the map under the cross, then press Enter.' });
  container.replaceChildren(
    el('p', { class: 'govuk-body' }, 'Click the map where the visit was (or move the map with the arrow keys and press Enter): the location, ward and council area are filled in for you.'),
    mapElement,
    status,
  );
  container.classList.add('app-picker--on');

  const map = L.map(mapElement, { zoomSnap: 0.5, minZoom: 8, maxZoom: 17, keyboard: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  const layer = L.geoJSON(wards, { interactive: false, style: { weight: 0.8, color: '#505a5f', fillOpacity: 0.05 } });
  map.fitBounds(layer.getBounds());
  layer.addTo(map);
  const pin = L.circleMarker([0, 0], { radius: 8, color: '#0b0c0c', weight: 2, fillColor: '#1d3a6e', fillOpacity: 1, interactive: false });

  const show = () => {
    const lat = Number(latitude.value);
    const lng = Number(longitude.value);
    if (latitude.value.trim() && longitude.value.trim() && Number.isFinite(lat) && Number.isFinite(lng)) pin.setLatLng([lat, lng]).addTo(map);
    else pin.remove();
  };
  const pick = (at: L.LatLng) => {
    latitude.value = at.lat.toFixed(5);
    longitude.value = at.lng.toFixed(5);
    const ward = wards.features.find((f) => inRing([at.lng, at.lat], f.geometry.coordinates[0]!));
    if (ward) {
      wardSelect.value = ward.properties.code;
      areaSelect.value = ward.properties.areaCode;
      status.textContent = `Location set in ${ward.properties.name} ward, ${areaSelect.selectedOptions[0]?.textContent ?? ''}.`;
    } else {
      status.textContent = 'That is outside Leicester, Leicestershire and Rutland: choose a place inside.';
    }
    show();
  };
  map.on('click', (e) => pick(e.latlng));
  mapElement.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target === mapElement) {
      event.preventDefault();
      pick(map.getCenter());
    }
  });
  latitude.addEventListener('change', show);
  longitude.addEventListener('change', show);
  show();
}
