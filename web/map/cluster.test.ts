/** Clustering keeps every marker of a layer apart: no two closer than a cell, so none overlaps another. */
import { describe, expect, it } from 'vitest';
import { atOnePlace, clusterPoints } from './cluster.js';

/** Points given straight in screen pixels (lat as y, lng as x). */
const at = (x: number, y: number) => ({ lat: y, lng: x });
const pixels = (p: { lat: number; lng: number }) => ({ x: p.lng, y: p.lat });

describe('clusterPoints', () => {
  it('joins two points either side of a grid line, a pixel apart, into one cluster', () => {
    const clusters = clusterPoints([at(43, 10), at(45, 10)], pixels, 44);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(2);
    expect(clusters[0]).toMatchObject({ lat: 10, lng: 44 });
  });

  it('keeps points a cell or more apart as their own markers', () => {
    expect(clusterPoints([at(0, 0), at(44, 0), at(0, 44)], pixels, 44)).toHaveLength(3);
  });

  it('leaves no two cluster centres closer than a cell, however the points fall', () => {
    const points = Array.from({ length: 400 }, (_, i) => at((i * 37) % 500, (i * 91) % 300));
    const clusters = clusterPoints(points, pixels, 44);
    expect(clusters.reduce((n, c) => n + c.members.length, 0)).toBe(400);
    for (const [i, a] of clusters.entries()) for (const b of clusters.slice(i + 1)) expect(Math.hypot(a.lng - b.lng, a.lat - b.lat)).toBeGreaterThanOrEqual(44);
  });

  it('knows when members sit on one spot', () => {
    expect(atOnePlace([at(1, 1), at(1, 1.00001)])).toBe(true);
    expect(atOnePlace([at(1, 1), at(2, 1)])).toBe(false);
  });
});
