/**
 * A small clustering of map points: points whose screen positions at the current zoom are closer than
 * `cellPx` become one cluster, and so do clusters whose centres end up closer than that, so no two
 * markers of a layer overlap (each stays a target of its own, as WCAG 2.2's target size asks). A grid
 * alone left points either side of a cell's edge as two markers a pixel apart. Cheap enough to redo on
 * every zoom for a few thousand points.
 *
 *   const clusters = clusterPoints(points, (p) => map.project([p.lat, p.lng]), 48);
 */
export interface Clusterable {
  lat: number;
  lng: number;
}

export interface Cluster<T extends Clusterable> {
  lat: number;
  lng: number;
  members: T[];
}

interface Gathering<T> {
  x: number;
  y: number;
  members: T[];
  at: Array<{ x: number; y: number }>;
}

const centre = <T>(g: Gathering<T>) => ({ x: g.at.reduce((s, p) => s + p.x, 0) / g.at.length, y: g.at.reduce((s, p) => s + p.y, 0) / g.at.length });

export function clusterPoints<T extends Clusterable>(points: readonly T[], project: (p: T) => { x: number; y: number }, cellPx = 48): Cluster<T>[] {
  // First a grid, so a few thousand points cost one pass...
  const cells = new Map<string, Gathering<T>>();
  for (const point of points) {
    const { x, y } = project(point);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    const cell = cells.get(key) ?? cells.set(key, { x, y, members: [], at: [] }).get(key)!;
    cell.members.push(point);
    cell.at.push({ x, y });
  }
  // ...then merge any two whose centres are closer than a cell, until none are (few cells are ever close).
  const gatherings = [...cells.values()].map((g) => ({ ...g, ...centre(g) }));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < gatherings.length; i++) {
      for (let j = i + 1; j < gatherings.length; j++) {
        const [a, b] = [gatherings[i]!, gatherings[j]!];
        if (Math.hypot(a.x - b.x, a.y - b.y) >= cellPx) continue;
        const joined = { members: [...a.members, ...b.members], at: [...a.at, ...b.at], x: 0, y: 0 };
        gatherings[i] = Object.assign(joined, centre(joined));
        gatherings.splice(j, 1);
        merged = true;
        j = i; // the joined centre has moved: look at the rest again
      }
    }
  }
  return gatherings.map(({ members }) => ({
    lat: members.reduce((s, m) => s + m.lat, 0) / members.length,
    lng: members.reduce((s, m) => s + m.lng, 0) / members.length,
    members,
  }));
}

/** True when the members sit on (almost) the same spot: zooming in would never part them. */
export const atOnePlace = (members: readonly Clusterable[]) =>
  Math.max(...members.map((m) => m.lat)) - Math.min(...members.map((m) => m.lat)) < 1e-4 &&
  Math.max(...members.map((m) => m.lng)) - Math.min(...members.map((m) => m.lng)) < 1e-4;
