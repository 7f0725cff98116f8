/**
 * Where things are in Leicester, Leicestershire and Rutland: the 176 wards and the 9 council areas
 * (the wards dissolved, so the two line up exactly), shipped with the code (made by web/boundaries.ts
 * from ../shared/data; nothing is read from disk or the network at run time).
 *
 *   placeProblems({ areaCode: 'E07000134', wardCode: 'E05010125', point: { latitude: 52.75, longitude: -1.37 } }) // []
 *   wardCentre('E05010125')  // where the public map shows that ward's visits
 *
 * The boundaries are generalised (the ward file by about 200 m), so a point is accepted as inside an
 * area when it is within POINT_TOLERANCE_METRES of it: a venue on a border is not refused for the
 * simplification's sake.
 */
import * as z from 'zod/mini';
import { councilAreaName, type CouncilAreaCode } from './council-areas.js';
import type { FieldError } from './refusal.js';
import areasFile from './geography/llr-council-areas.json' with { type: 'json' };
import wardsFile from './geography/llr-wards.json' with { type: 'json' };

/** GeoJSON order: longitude, latitude. */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface Point {
  latitude: number;
  longitude: number;
}

export interface Ward {
  code: string;
  name: string;
  areaCode: CouncilAreaCode;
  /** Inside the ward: its centroid, or the interior point farthest from its edges when the centroid is outside. */
  centre: Point;
}

export interface CouncilAreaShape {
  code: CouncilAreaCode;
  name: string;
  /** Where a label for the area sits, inside it. */
  labelPoint: Point;
  geometry: PolygonGeometry;
}

/** The attribution the boundaries' licence (OGL v3.0) asks for wherever they are shown. */
export const BOUNDARY_ATTRIBUTION =
  'Contains OS data © Crown copyright and database right 2014 and 2023. Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Boundary conversion: Martin Chorley (github.com/martinjc/UK-GeoJSON).';

export const POINT_TOLERANCE_METRES = 250;

const toPoint = ([longitude, latitude]: number[]): Point => ({ latitude: latitude!, longitude: longitude! });

interface Shape {
  polygons: Ring[][];
  box: [number, number, number, number];
}

function shapeOf(geometry: PolygonGeometry): Shape {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const all = polygons.flat(2);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  return { polygons, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

export const wards: readonly Ward[] = wardsFile.features
  .map((f) => ({ code: f.properties.code, name: f.properties.name, areaCode: f.properties.areaCode as CouncilAreaCode, centre: toPoint(f.properties.centre) }))
  .sort((a, b) => a.name.localeCompare(b.name));

export const councilAreaShapes: readonly CouncilAreaShape[] = areasFile.features.map((f) => ({
  code: f.properties.code as CouncilAreaCode,
  name: f.properties.name,
  labelPoint: toPoint(f.properties.labelPoint),
  geometry: f.geometry as PolygonGeometry,
}));

const wardShapes = new Map(wardsFile.features.map((f) => [f.properties.code, shapeOf(f.geometry as PolygonGeometry)]));
const areaShapes = new Map(councilAreaShapes.map((a) => [a.code, shapeOf(a.geometry)]));
const wardsByCode = new Map(wards.map((w) => [w.code, w]));

export const wardCodes = wards.map((w) => w.code) as [string, ...string[]];
export const wardCode = z.enum(wardCodes, { error: 'Choose a ward from the list' });

export const wardByCode = (code: string): Ward | undefined => wardsByCode.get(code);
export const wardName = (code: string): string => wardsByCode.get(code)?.name ?? code;
export const wardsIn = (areaCode: string): Ward[] => wards.filter((w) => w.areaCode === areaCode);
export const wardCentre = (code: string): Point | undefined => wardsByCode.get(code)?.centre;

function inRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inShape(p: Position, shape: Shape): boolean {
  const [minX, minY, maxX, maxY] = shape.box;
  if (p[0] < minX || p[0] > maxX || p[1] < minY || p[1] > maxY) return false;
  return shape.polygons.some(([outer, ...holes]) => inRing(p, outer!) && !holes.some((h) => inRing(p, h)));
}

/** Metres from the point to the nearest edge of the shape (flat-earth approximation, fine over a county). */
function metresToEdge(p: Position, shape: Shape): number {
  const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110_540;
  let best = Infinity;
  for (const ring of shape.polygons.flat()) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax, ay] = [(ring[i]![0] - p[0]) * kx, (ring[i]![1] - p[1]) * ky];
      const [bx, by] = [(ring[i + 1]![0] - p[0]) * kx, (ring[i + 1]![1] - p[1]) * ky];
      const [dx, dy] = [bx - ax, by - ay];
      const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}

const position = (point: Point): Position => [point.longitude, point.latitude];

/** The ward the point lies in, if any. */
export function wardAt(point: Point): Ward | undefined {
  const p = position(point);
  for (const [code, shape] of wardShapes) if (inShape(p, shape)) return wardsByCode.get(code);
  return undefined;
}

/** The council area the point lies in, or failing that the nearest one within the tolerance. */
export function councilAreaAt(point: Point): CouncilAreaCode | undefined {
  const p = position(point);
  for (const [code, shape] of areaShapes) if (inShape(p, shape)) return code;
  let nearest: { code: CouncilAreaCode; metres: number } | undefined;
  for (const [code, shape] of areaShapes) {
    const metres = metresToEdge(p, shape);
    if (metres <= POINT_TOLERANCE_METRES && (!nearest || metres < nearest.metres)) nearest = { code, metres };
  }
  return nearest?.code;
}

/** Inside the council area, or within the tolerance of its edge. */
export function isInCouncilArea(point: Point, areaCode: CouncilAreaCode): boolean {
  const shape = areaShapes.get(areaCode);
  if (!shape) return false;
  const p = position(point);
  return inShape(p, shape) || metresToEdge(p, shape) <= POINT_TOLERANCE_METRES;
}

/**
 * What is wrong with a place as staff gave it, by field: a ward that is not in the council area, a
 * point outside Leicester, Leicestershire and Rutland, or a point in another council area. Empty when
 * it all agrees.
 */
export function placeProblems(place: { areaCode: CouncilAreaCode; wardCode?: string; point?: Point }, fields = { ward: 'wardCode', point: 'latitude' }): FieldError[] {
  const problems: FieldError[] = [];
  const ward = place.wardCode ? wardByCode(place.wardCode) : undefined;
  if (place.wardCode && !ward) problems.push({ field: fields.ward, message: 'Choose a ward from the list' });
  else if (ward && ward.areaCode !== place.areaCode) {
    problems.push({ field: fields.ward, message: `${ward.name} is in ${councilAreaName(ward.areaCode)}, not ${councilAreaName(place.areaCode)}` });
  }
  if (place.point && !isInCouncilArea(place.point, place.areaCode)) {
    const actual = councilAreaAt(place.point);
    problems.push({
      field: fields.point,
      message: actual
        ? `The location is in ${councilAreaName(actual)}, not ${councilAreaName(place.areaCode)}`
        : 'The location is outside Leicester, Leicestershire and Rutland',
    });
  }
  return problems;
}
