/**
 * The coverage map drawn on the server as SVG, so it is there without JavaScript: each council area
 * shaded by its band (the legend's), hatched when it is below the target, labelled with its count and
 * "target met" or "not met" (so nothing relies on colour alone), and a dot for each visit. With
 * JavaScript the Leaflet map (web/map/) takes its place, from the same data.
 */
import type { PolygonGeometry } from '../../core/geography.js';
import type { CoverageMap } from '../map-data.js';

const WIDTH = 640;
const PAD = 8;

/** A flat projection for a county: longitude scaled by the cosine of the middle latitude. */
function projection(map: CoverageMap) {
  const rings = map.features.filter((f) => f.properties.kind === 'council-area').flatMap((f) => {
    const g = f.geometry as PolygonGeometry;
    return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  });
  const points = rings.flat();
  const [minX, maxX] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1]))];
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PAD) / ((maxX - minX) * k);
  const height = Math.ceil((maxY - minY) * scale + 2 * PAD);
  const at = ([lon, lat]: number[]) => [Math.round(((lon! - minX) * k * scale + PAD) * 10) / 10, Math.round(((maxY - lat!) * scale + PAD) * 10) / 10] as const;
  return { at, height };
}

function pathOf(geometry: PolygonGeometry, at: (p: number[]) => readonly [number, number]): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons
    .flat()
    .map((ring) => `M${ring.map((p) => at(p).join(' ')).join('L')}Z`)
    .join('');
}

export function Choropleth({ map, id }: { map: CoverageMap; id: string }) {
  const { at, height } = projection(map);
  const areas = map.features.flatMap((f) => (f.properties.kind === 'council-area' ? [{ geometry: f.geometry as PolygonGeometry, p: f.properties }] : []));
  const dots = map.features.flatMap((f) => (f.properties.kind === 'visit' ? [at((f.geometry as { coordinates: number[] }).coordinates)] : []));
  const what = map.theme ? `visits about ${map.theme.label.toLowerCase()}` : 'visits';
  return (
    <svg class="app-choropleth" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
      <title id={`${id}-title`}>{`Map of ${what} by council area, ${map.period.label}`}</title>
      <desc id={`${id}-desc`}>
        {areas.map((a) => `${a.p.name}: ${a.p.count} (${a.p.targetMet ? 'target met' : 'target not met'})`).join('. ')}
      </desc>
      <defs>
        <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="8" class="app-choropleth__hatch" />
        </pattern>
      </defs>
      {areas.map((a) => (
        <path d={pathOf(a.geometry, at)} class={`app-choropleth__area app-band--${a.p.band}`} />
      ))}
      {areas
        .filter((a) => !a.p.targetMet)
        .map((a) => (
          <path d={pathOf(a.geometry, at)} class="app-choropleth__missed" fill={`url(#${id}-hatch)`} />
        ))}
      {dots.map(([x, y]) => (
        <circle cx={String(x)} cy={String(y)} r="3.5" class="app-choropleth__visit" />
      ))}
      {areas.map((a) => {
        const [x, y] = at(a.p.labelPoint);
        return (
          <text x={String(x)} y={String(y)} class="app-choropleth__label" text-anchor="middle">
            <tspan x={String(x)} dy="-0.2em">
              {String(a.p.count)}
            </tspan>
            <tspan x={String(x)} dy="1.2em" class="app-choropleth__target">
              {a.p.targetMet ? '✓ met' : '✗ not met'}
            </tspan>
          </text>
        );
      })}
    </svg>
  );
}
