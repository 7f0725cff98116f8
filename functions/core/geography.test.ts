/** Where things are: wards, council areas and the checks on a place staff give. */
import { describe, expect, it } from 'vitest';
import { councilAreaCodes } from './council-areas.js';
import { councilAreaAt, councilAreaShapes, placeProblems, wardAt, wardByCode, wardCentre, wards, wardsIn } from './geography.js';

const THRINGSTONE = 'E05010125';
const NORTH_WEST_LEICESTERSHIRE = 'E07000134';

describe('wards and council areas', () => {
  it('has the 176 wards of the nine council areas, each with a centre inside it', () => {
    expect(wards).toHaveLength(176);
    expect(new Set(wards.map((w) => w.areaCode))).toEqual(new Set(councilAreaCodes));
    expect(wardsIn('E06000016')).toHaveLength(21);
    for (const ward of wards) expect(wardAt(ward.centre)?.code, ward.name).toBe(ward.code);
  });

  it('draws each council area once, with a label point inside it', () => {
    expect(councilAreaShapes.map((a) => a.code).sort()).toEqual([...councilAreaCodes].sort());
    for (const area of councilAreaShapes) expect(councilAreaAt(area.labelPoint), area.name).toBe(area.code);
  });

  it('finds the ward and council area of a point', () => {
    const coalville = { latitude: 52.7226, longitude: -1.37 };
    expect(councilAreaAt(coalville)).toBe(NORTH_WEST_LEICESTERSHIRE);
    expect(wardAt({ latitude: 52.755, longitude: -1.366 })?.name).toBe('Thringstone');
    expect(wardByCode(THRINGSTONE)?.areaCode).toBe(NORTH_WEST_LEICESTERSHIRE);
    expect(wardCentre(THRINGSTONE)).toEqual(wardByCode(THRINGSTONE)!.centre);
  });
});

describe('checking a place', () => {
  it('accepts a ward in the council area and a point inside it', () => {
    expect(placeProblems({ areaCode: NORTH_WEST_LEICESTERSHIRE, wardCode: THRINGSTONE, point: { latitude: 52.755, longitude: -1.366 } })).toEqual([]);
  });

  it('names the ward when it is in another council area', () => {
    expect(placeProblems({ areaCode: 'E06000017', wardCode: THRINGSTONE })).toEqual([{ field: 'wardCode', message: 'Thringstone is in North West Leicestershire, not Rutland' }]);
  });

  it('refuses a point outside Leicester, Leicestershire and Rutland, and one in another council area', () => {
    const nottingham = { latitude: 52.9548, longitude: -1.1581 };
    expect(placeProblems({ areaCode: 'E06000016', point: nottingham })).toEqual([{ field: 'latitude', message: 'The location is outside Leicester, Leicestershire and Rutland' }]);
    const uppingham = { latitude: 52.5888, longitude: -0.723 };
    expect(placeProblems({ areaCode: 'E06000016', point: uppingham })).toEqual([{ field: 'latitude', message: 'The location is in Rutland, not Leicester' }]);
  });

  it('accepts a point just over a generalised border (within 250 m), and not one further away', () => {
    const edge = councilAreaShapes.find((a) => a.code === 'E06000017')!.geometry;
    const ring = edge.type === 'Polygon' ? edge.coordinates[0]! : edge.coordinates[0]![0]!;
    // The westernmost vertex of Rutland, then 100 m and 2 km further west (Rutland's west border faces Leicestershire).
    const west = ring.reduce((a, b) => (b[0] < a[0] ? b : a));
    const metresWest = (m: number) => ({ latitude: west[1], longitude: west[0] - m / (111_320 * Math.cos((west[1] * Math.PI) / 180)) });
    expect(placeProblems({ areaCode: 'E06000017', point: metresWest(100) })).toEqual([]);
    expect(placeProblems({ areaCode: 'E06000017', point: metresWest(2000) })).toHaveLength(1);
  });
});
