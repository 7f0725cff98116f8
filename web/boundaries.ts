/**
 * Makes the boundary files the platform ships, from ../shared/data (read only here, when someone runs
 * this script; nothing reads ../shared at run time):
 *
 *   functions/core/geography/llr-wards.json           176 wards: code, name, council area, centre
 *   functions/core/geography/llr-council-areas.json   9 council areas, dissolved from the wards
 *
 * 1. Wards are simplified without breaking their shared edges: each ring is cut into arcs at the
 *    vertices where the wards meeting there change, each arc is simplified once (Douglas–Peucker,
 *    ends kept), and every ward takes the same simplified arc, so neighbours still meet exactly.
 * 2. Coordinates are rounded to 4 decimal places (about 11 m north–south, 7 m east–west).
 * 3. Council areas are the union of their wards (shared edges removed), as SOURCES.md advises, so the
 *    two layers line up exactly on the map and a ward's council area is the one drawn around it. The
 *    2013 council-area file is used only to check the result: each dissolved area's size is within 3%
 *    of the published one, and every ward's centre lies in the published area with the same code.
 * 4. A ward's `centre` (where the public map shows its visits) is its centroid, or when that falls
 *    outside the ward (a crescent), the interior point farthest from its edges.
 *
 *   npx tsx web/boundaries.ts            # tolerance 0.0004 degrees (about 30-45 m)
 *   npx tsx web/boundaries.ts 0.0008     # another tolerance, to compare sizes
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type Position = [number, number];
type Ring = Position[];
interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const shared = join(repoRoot, '..', 'shared', 'data');
const outDir = join(repoRoot, 'functions', 'core', 'geography');

/** Degrees: points nearer than this to the line between kept points are dropped. */
export const DEFAULT_TOLERANCE = 0.0004;
const DECIMALS = 4;

const key = (p: Position) => `${p[0]},${p[1]}`;
const round = (n: number) => Number(n.toFixed(DECIMALS));

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

/** Douglas–Peucker over an open line; the first and last points are always kept. */
function simplifyLine(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i]!, points[first]!, points[last]!);
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest >= 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Twice the signed area (positive: anticlockwise). */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

function pointInRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const polygonsOf = (f: Feature<unknown>): Ring[][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
const inFeature = (p: Position, f: Feature<unknown>) => polygonsOf(f).some(([outer, ...holes]) => pointInRing(p, outer!) && !holes.some((h) => pointInRing(p, h)));

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** True when two non-adjacent edges of the ring cross. */
function selfIntersects(ring: Ring): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// 1. Simplify the wards along shared arcs

function simplifyWards(wards: Feature<{ code: string }>[], tolerance: number): Ring[] {
  const rings = wards.map((w) => polygonsOf(w)[0]![0]!.map((p) => [p[0], p[1]] as Position));
  // Which wards each undirected edge belongs to; a vertex is a junction where its edges' wards differ.
  const edgeOwners = new Map<string, Set<number>>();
  const edgeKey = (a: Position, b: Position) => [key(a), key(b)].sort().join('|');
  rings.forEach((ring, w) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const k = edgeKey(ring[i]!, ring[i + 1]!);
      (edgeOwners.get(k) ?? edgeOwners.set(k, new Set()).get(k)!).add(w);
    }
  });
  const ownersAt = new Map<string, Set<string>>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const owners = [...edgeOwners.get(edgeKey(ring[i]!, ring[i + 1]!))!].sort().join(',');
      for (const p of [ring[i]!, ring[i + 1]!]) (ownersAt.get(key(p)) ?? ownersAt.set(key(p), new Set()).get(key(p))!).add(owners);
    }
  }
  const isJunction = (p: Position) => ownersAt.get(key(p))!.size > 1;

  const simplifiedArcs = new Map<string, Position[]>();
  const arc = (points: Position[]): Position[] => {
    const forward = points.map(key).join(';');
    const backward = [...points].reverse().map(key).join(';');
    const known = simplifiedArcs.get(forward) ?? simplifiedArcs.get(backward)?.slice().reverse();
    if (known) return known;
    const simplified = simplifyLine(points, tolerance);
    simplifiedArcs.set(forward, simplified);
    return simplified;
  };

  return rings.map((ring) => {
    const open = ring.slice(0, -1);
    let cuts = open.map((p, i) => (isJunction(p) ? i : -1)).filter((i) => i >= 0);
    if (cuts.length < 2) {
      // No neighbours to keep in step with: keep the first point and the one farthest from it.
      let far = 0;
      open.forEach((p, i) => {
        if (Math.hypot(p[0] - open[0]![0], p[1] - open[0]![1]) > Math.hypot(open[far]![0] - open[0]![0], open[far]![1] - open[0]![1])) far = i;
      });
      cuts = [...new Set([cuts[0] ?? 0, far])].sort((a, b) => a - b);
    }
    const result: Position[] = [];
    for (let c = 0; c < cuts.length; c++) {
      const from = cuts[c]!;
      const to = cuts[(c + 1) % cuts.length]!;
      const points: Position[] = [];
      for (let i = from; ; i = (i + 1) % open.length) {
        points.push(open[i]!);
        if (i === to && points.length > 1) break;
      }
      result.push(...arc(points).slice(0, -1));
    }
    result.push(result[0]!);
    return result;
  });
}

function roundRing(ring: Ring): Ring {
  const rounded: Ring = [];
  for (const p of ring) {
    const r: Position = [round(p[0]), round(p[1])];
    if (!rounded.length || key(rounded.at(-1)!) !== key(r)) rounded.push(r);
  }
  return rounded;
}

// ---------------------------------------------------------------------------------------------------
// 3. Dissolve wards into council areas

function dissolve(rings: Ring[]): Ring[][] {
  const edges = new Map<string, Position[]>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [a, b] = [ring[i]!, ring[i + 1]!];
      const reverse = `${key(b)}>${key(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const outgoing = new Map<string, Position[][]>();
  for (const edge of edges.values()) (outgoing.get(key(edge[0]!)) ?? outgoing.set(key(edge[0]!), []).get(key(edge[0]!))!).push(edge);
  const found: Ring[] = [];
  while (outgoing.size) {
    const [startKey, list] = outgoing.entries().next().value!;
    const first = list.pop()!;
    if (!list.length) outgoing.delete(startKey);
    const ring: Ring = [first[0]!, first[1]!];
    while (key(ring.at(-1)!) !== startKey) {
      const at = key(ring.at(-1)!);
      const next = outgoing.get(at);
      if (!next?.length) throw new Error(`The outline breaks at ${at}`);
      const edge = next.pop()!;
      if (!next.length) outgoing.delete(at);
      ring.push(edge[1]!);
    }
    found.push(ring);
  }
  const outers = found.filter((r) => signedArea(r) > 0);
  const holes = found.filter((r) => signedArea(r) < 0);
  return outers.map((outer) => [outer, ...holes.filter((h) => pointInRing(h[0]!, outer))]);
}

// ---------------------------------------------------------------------------------------------------
// 4. Centres

function centroid(ring: Ring): Position {
  let [x, y, a] = [0, 0, 0];
  for (let i = 0; i < ring.length - 1; i++) {
    const [p, q] = [ring[i]!, ring[i + 1]!];
    const cross = p[0] * q[1] - q[0] * p[1];
    x += (p[0] + q[0]) * cross;
    y += (p[1] + q[1]) * cross;
    a += cross;
  }
  return [x / (3 * a), y / (3 * a)];
}

function distanceToEdges(p: Position, ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i < ring.length - 1; i++) {
    const [a, b] = [ring[i]!, ring[i + 1]!];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)));
  }
  return best;
}

/** The centroid when it lies inside, else the interior point (on a fine grid) farthest from the edges. */
function centreOf(ring: Ring): Position {
  const c = centroid(ring);
  if (pointInRing(c, ring) && distanceToEdges(c, ring) > 0.002) return [round(c[0]), round(c[1])];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: Position = c;
  let bestDistance = -1;
  for (let i = 0; i <= 60; i++) {
    for (let j = 0; j <= 60; j++) {
      const p: Position = [minX + ((maxX - minX) * i) / 60, minY + ((maxY - minY) * j) / 60];
      if (!pointInRing(p, ring)) continue;
      const d = distanceToEdges(p, ring);
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
  }
  return [round(best[0]), round(best[1])];
}

// ---------------------------------------------------------------------------------------------------

export function makeBoundaries(tolerance = DEFAULT_TOLERANCE) {
  const read = <T>(file: string) => JSON.parse(readFileSync(join(shared, file), 'utf8')) as { type: 'FeatureCollection'; features: T[] };
  const wardsIn = read<Feature<{ code: string; name: string; district_code: string; district_name: string }>>('llr-wards.geojson');
  const published = read<Feature<{ code: string; name: string }>>('llr-council-areas.geojson');

  const simplified = simplifyWards(wardsIn.features, tolerance).map(roundRing);
  simplified.forEach((ring, i) => {
    const name = wardsIn.features[i]!.properties.name;
    if (ring.length < 4 || signedArea(ring) <= 0) throw new Error(`${name} collapsed: use a smaller tolerance`);
    if (selfIntersects(ring)) throw new Error(`${name} crosses itself: use a smaller tolerance`);
  });

  const wards = wardsIn.features.map((w, i) => ({
    type: 'Feature' as const,
    properties: { code: w.properties.code, name: w.properties.name, areaCode: w.properties.district_code, centre: centreOf(simplified[i]!) },
    geometry: { type: 'Polygon' as const, coordinates: [simplified[i]!] },
  }));

  const areaCodes = [...new Set(wards.map((w) => w.properties.areaCode))].sort();
  const areas = areaCodes.map((code) => {
    const polygons = dissolve(wards.filter((w) => w.properties.areaCode === code).map((w) => w.geometry.coordinates[0]!));
    const name = wardsIn.features.find((w) => w.properties.district_code === code)!.properties.district_name;
    const largest = polygons.reduce((a, b) => (signedArea(b[0]!) > signedArea(a[0]!) ? b : a));
    return {
      type: 'Feature' as const,
      properties: { code, name, labelPoint: centreOf(largest[0]!) },
      geometry: polygons.length === 1 ? { type: 'Polygon' as const, coordinates: polygons[0]! } : { type: 'MultiPolygon' as const, coordinates: polygons },
    };
  });

  // Checks against the published council areas.
  const areaOf = (f: { geometry: Feature<unknown>['geometry'] }) => polygonsOf(f as Feature<unknown>).reduce((sum, [outer, ...holes]) => sum + signedArea(outer!) - holes.reduce((s, h) => s - signedArea(h), 0), 0);
  const problems: string[] = [];
  for (const area of areas) {
    const reference = published.features.find((f) => f.properties.code === area.properties.code);
    if (!reference) {
      problems.push(`${area.properties.name}: not in the published council areas`);
      continue;
    }
    const ratio = areaOf(area) / areaOf(reference);
    if (Math.abs(ratio - 1) > 0.03) problems.push(`${area.properties.name}: ${(ratio * 100).toFixed(1)}% of the published area`);
  }
  for (const ward of wards) {
    const containing = published.features.filter((f) => inFeature(ward.properties.centre, f)).map((f) => f.properties.code);
    if (!containing.includes(ward.properties.areaCode)) problems.push(`${ward.properties.name}: centre not in its council area (${containing.join(', ') || 'none'})`);
    if (!inFeature(ward.properties.centre, ward)) problems.push(`${ward.properties.name}: centre outside the ward`);
  }
  if (problems.length) throw new Error(`The boundaries do not check out:\n${problems.join('\n')}`);

  const vertices = (features: Array<{ geometry: Feature<unknown>['geometry'] }>) =>
    features.reduce((n, f) => n + polygonsOf(f as Feature<unknown>).flat().reduce((m, r) => m + r.length, 0), 0);
  return {
    wards: { type: 'FeatureCollection' as const, features: wards },
    areas: { type: 'FeatureCollection' as const, features: areas },
    stats: { tolerance, wardVertices: vertices(wards), areaVertices: vertices(areas), inputWardVertices: vertices(wardsIn.features) },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tolerance = process.argv[2] ? Number(process.argv[2]) : DEFAULT_TOLERANCE;
  const { wards, areas, stats } = makeBoundaries(tolerance);
  const files = { 'llr-wards.json': wards, 'llr-council-areas.json': areas };
  for (const [name, collection] of Object.entries(files)) {
    const text = JSON.stringify(collection);
    writeFileSync(join(outDir, name), `${text}\n`);
    console.log(`${name}: ${text.length} bytes, ${gzipSync(text).length} gzipped`);
  }
  console.log(stats);
}
