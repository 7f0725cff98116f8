/**
 * A small clustering of map points: points whose screen positions at the current zoom fall in the
 * same grid cell become one cluster. Cheap enough to redo on every zoom for a few thousand points.
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

export function clusterPoints<T extends Clusterable>(points: readonly T[], project: (p: T) => { x: number; y: number }, cellPx = 48): Cluster<T>[] {
  const cells = new Map<string, T[]>();
  for (const point of points) {
    const { x, y } = project(point);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    (cells.get(key) ?? cells.set(key, []).get(key)!).push(point);
  }
  return [...cells.values()].map((members) => ({
    lat: members.reduce((s, m) => s + m.lat, 0) / members.length,
    lng: members.reduce((s, m) => s + m.lng, 0) / members.length,
    members,
  }));
}

/** True when the members sit on (almost) the same spot: zooming in would never part them. */
export const atOnePlace = (members: readonly Clusterable[]) =>
  Math.max(...members.map((m) => m.lat)) - Math.min(...members.map((m) => m.lat)) < 1e-4 &&
  Math.max(...members.map((m) => m.lng)) - Math.min(...members.map((m) => m.lng)) < 1e-4;
