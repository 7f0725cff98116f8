/**
 * What a coverage map shows, as one GeoJSON FeatureCollection: each council area (its boundary, its
 * visits in the period against the target, its band in the legend, last visit, themes), each visit in
 * the period (a point), and on the staff map every other capability's points, read from the map points
 * their owners write (core/map-layers.ts), never from their code. The public map shows
 * published visits only, each at its ward's centre: never the exact place, which may be a home.
 *
 *   const map = await coverageMap(periodFor({ kind: 'last-12-weeks' }), { audience: 'public' });
 *
 * Reads: the coverage counters for the period's whole months, one item per council area for the last
 * visit, and the period's visits (a Query): nothing grows with the visits logged outside the period.
 */
import { BOUNDARY_ATTRIBUTION, councilAreaShapes, wardByCode, wardName, type PolygonGeometry } from '../core/geography.js';
import { mapLayersBetween, type MapLayer } from '../core/map-layers.js';
import { councilAreaName } from '../core/council-areas.js';
import { themeLabel, type ThemeId } from '../core/themes.js';
import { formatLondonDate, formatLondonTime } from '../core/time.js';
import { coverageByCouncilArea, type AreaCoverage, type Audience } from './coverage.js';
import type { Visit } from './model.js';
import { targetFor, type Period } from './periods.js';
import { communityDaysSettings } from './settings.js';
import { CAPABILITY, visitsBetween } from './visits.js';

export interface LegendBand {
  band: number;
  label: string;
  min: number;
  /** Inclusive; absent for the top band. */
  max?: number;
}

/** Bands of visits against the period's target: none, fewer than the target, the target, twice it or more. */
export function legendBands(target: number): LegendBand[] {
  const t = Math.max(1, target);
  const bands: LegendBand[] = [{ band: 0, label: 'No visits', min: 0, max: 0 }];
  if (t > 1) bands.push({ band: 1, label: t === 2 ? '1 visit: below the target' : `1 to ${t - 1} visits: below the target`, min: 1, max: t - 1 });
  bands.push({ band: 2, label: t === 2 * t - 1 ? `${t} ${t === 1 ? 'visit' : 'visits'}: target met` : `${t} to ${2 * t - 1} visits: target met`, min: t, max: 2 * t - 1 });
  bands.push({ band: 3, label: `${2 * t} or more visits: twice the target or more`, min: 2 * t });
  return bands;
}

export const bandOf = (count: number, bands: readonly LegendBand[]) => bands.find((b) => count >= b.min && (b.max === undefined || count <= b.max))!.band;

export interface AreaProperties {
  kind: 'council-area';
  code: string;
  name: string;
  /** What the area is shaded by: its visits, or its visits with the chosen theme. */
  count: number;
  visits: number;
  target: number;
  targetMet: boolean;
  band: number;
  lastVisit: { date: string; place: string } | null;
  themes: Array<{ id: string; label: string; count: number }>;
  labelPoint: [number, number];
}

export interface VisitProperties {
  kind: 'visit';
  id: string;
  startsAt: string;
  date: string;
  time: string;
  place: string;
  ward: string;
  area: string;
  setting: string;
  themes: string[];
  summary: string;
  /** The point is the ward's centre, not where the visit was. */
  approximate: boolean;
  /** Staff only. */
  published?: boolean;
  href?: string;
}

export interface OverlayProperties {
  kind: 'overlay';
  layer: string;
  layerLabel: string;
  /** The letter the layer marks its points with. */
  marker: string;
  id: string;
  title: string;
  at: string;
  date: string;
  href?: string;
}

type Feature<P, G> = { type: 'Feature'; id: string; geometry: G; properties: P };
type PointGeometry = { type: 'Point'; coordinates: [number, number] };

export interface CoverageMap {
  type: 'FeatureCollection';
  audience: Audience;
  period: { from: string; to: string; firstDay: string; lastDay: string; label: string };
  theme: { id: string; label: string } | null;
  target: { perYear: number; inPeriod: number };
  legend: LegendBand[];
  overlays: Array<{ capability: string; label: string; marker: string; count: number; unavailable: boolean }>;
  attribution: string;
  tiles: { url: string; attribution: string } | null;
  features: Array<Feature<AreaProperties, PolygonGeometry> | Feature<VisitProperties, PointGeometry> | Feature<OverlayProperties, PointGeometry>>;
  /** The same figures as the map, for the table beside it. */
  areas: AreaCoverage[];
  /** The other capabilities' layers (staff map only), for the tables under it. */
  layers: MapLayer[];
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

function visitFeature(visit: Visit, audience: Audience): Feature<VisitProperties, PointGeometry> {
  const ward = wardByCode(visit.wardCode);
  const exact = audience === 'staff' ? visit.point : undefined;
  const at = exact ?? ward!.centre;
  return {
    type: 'Feature',
    id: `visit-${visit.id}`,
    geometry: { type: 'Point', coordinates: [round(at.longitude), round(at.latitude)] },
    properties: {
      kind: 'visit',
      id: visit.id,
      startsAt: visit.startsAt,
      date: formatLondonDate(visit.startsAt),
      time: `${formatLondonTime(visit.startsAt)} to ${formatLondonTime(visit.endsAt)}`,
      place: visit.placeName,
      ward: wardName(visit.wardCode),
      area: councilAreaName(visit.areaCode),
      setting: visit.setting,
      themes: visit.themes.map(themeLabel),
      summary: visit.publicSummary ?? '',
      approximate: !exact,
      ...(audience === 'staff' ? { published: visit.published, href: `/staff/community-days/visits/${visit.id}` } : {}),
    },
  };
}

function overlayFeatures(overlays: readonly MapLayer[]): Array<Feature<OverlayProperties, PointGeometry>> {
  return overlays.flatMap((o) =>
    o.points.map((p) => ({
      type: 'Feature' as const,
      id: `${o.capability}-${p.id}`,
      geometry: { type: 'Point' as const, coordinates: [round(p.longitude), round(p.latitude)] as [number, number] },
      properties: { kind: 'overlay' as const, layer: o.capability, layerLabel: o.label, marker: o.marker, id: p.id, title: p.title, at: p.at, date: formatLondonDate(p.at), ...(p.href ? { href: p.href } : {}) },
    })),
  );
}

export async function coverageMap(period: Period, options: { audience: Audience; theme?: ThemeId; now?: Date }): Promise<CoverageMap> {
  const settings = communityDaysSettings();
  const [allVisits, overlays] = await Promise.all([
    visitsBetween(period.from, period.to, { publishedOnly: options.audience === 'public' }),
    options.audience === 'staff' ? mapLayersBetween({ from: period.from, to: period.to }, { except: CAPABILITY }) : Promise.resolve([]),
  ]);
  const areas = await coverageByCouncilArea(period, { audience: options.audience, theme: options.theme, targetPerYear: settings.targetPerYear, visits: allVisits });
  const visits = options.theme ? allVisits.filter((v) => v.themes.includes(options.theme!)) : allVisits;
  const target = targetFor(period, settings.targetPerYear);
  const legend = legendBands(target);
  const areaFeatures = councilAreaShapes.map((shape): Feature<AreaProperties, PolygonGeometry> => {
    const area = areas.find((a) => a.code === shape.code)!;
    const count = area.themeVisits ?? area.visits;
    return {
      type: 'Feature',
      id: `area-${shape.code}`,
      geometry: shape.geometry,
      properties: {
        kind: 'council-area',
        code: shape.code,
        name: shape.name,
        count,
        visits: area.visits,
        target: area.target,
        targetMet: area.targetMet,
        band: bandOf(count, legend),
        lastVisit: area.lastVisit ? { date: formatLondonDate(area.lastVisit.startsAt), place: area.lastVisit.placeName } : null,
        themes: area.themes.map((t) => ({ id: t.id, label: themeLabel(t.id), count: t.count })),
        labelPoint: [shape.labelPoint.longitude, shape.labelPoint.latitude],
      },
    };
  });
  return {
    type: 'FeatureCollection',
    audience: options.audience,
    period: { from: period.from, to: period.to, firstDay: period.firstDay, lastDay: period.lastDay, label: period.label },
    theme: options.theme ? { id: options.theme, label: themeLabel(options.theme) } : null,
    target: { perYear: settings.targetPerYear, inPeriod: target },
    legend,
    overlays: overlays.map((o) => ({ capability: o.capability, label: o.label, marker: o.marker, count: o.points.length, unavailable: Boolean(o.unavailable) })),
    attribution: BOUNDARY_ATTRIBUTION,
    tiles: settings.tiles ? { url: settings.tiles.url, attribution: settings.tiles.attribution } : null,
    features: [...areaFeatures, ...visits.map((v) => visitFeature(v, options.audience)), ...overlayFeatures(overlays)],
    areas,
    layers: overlays,
  };
}
