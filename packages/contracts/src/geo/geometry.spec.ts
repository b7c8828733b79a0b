import { describe, expect, it } from '@jest/globals';
import { checkPosition, type GeofenceShape } from './geofence-check.js';
import {
  distanceM,
  distanceToPolygonM,
  nearestAllowedPoint,
  nearestBoundaryPoint,
  nearestPointInside,
  nearestPointOutside,
  pointInPolygon,
  polygonProblem,
  type PolygonRings,
} from './geometry.js';

/** A square of side 2·half degrees centred on (lat, lon), counter-clockwise. */
function square(lat: number, lon: number, half: number): PolygonRings {
  return [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]];
}

const M_PER_DEG_LAT = 111_195.08;
const accra = square(5.6, -0.19, 0.05);
/** 0.01° of latitude around Accra's centre, with a hole of 0.002° in the middle. */
const ring = [square(5.6, -0.19, 0.01)[0]!, square(5.6, -0.19, 0.002)[0]!];

describe('distanceM', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(M_PER_DEG_LAT, -1);
  });

  it('goes the short way across the antimeridian', () => {
    expect(distanceM({ lat: 0, lon: 179.999 }, { lat: 0, lon: -179.999 })).toBeCloseTo(222.4, 0);
  });
});

describe('pointInPolygon', () => {
  it('finds Accra centre inside the square and Kumasi outside', () => {
    expect(pointInPolygon({ lat: 5.6, lon: -0.19 }, accra)).toBe(true);
    expect(pointInPolygon({ lat: 6.69, lon: -1.62 }, accra)).toBe(false);
  });

  it('counts a point on an edge or a corner as inside', () => {
    expect(pointInPolygon({ lat: 5.65, lon: -0.19 }, accra)).toBe(true);
    expect(pointInPolygon({ lat: 5.55, lon: -0.24 }, accra)).toBe(true);
  });

  it('leaves out a point just past an edge', () => {
    expect(pointInPolygon({ lat: 5.650001, lon: -0.19 }, accra)).toBe(false);
  });

  it('leaves out a point inside a hole, and keeps one between hole and boundary', () => {
    expect(pointInPolygon({ lat: 5.6, lon: -0.19 }, ring)).toBe(false);
    expect(pointInPolygon({ lat: 5.605, lon: -0.19 }, ring)).toBe(true);
  });

  it('handles a polygon that crosses the antimeridian', () => {
    const fiji = square(-17, 180, 1); // longitudes 179 .. 181, written as 179 and -179
    fiji[0] = fiji[0]!.map(([lon, lat]) => [lon! > 180 ? lon! - 360 : lon!, lat!]);
    expect(pointInPolygon({ lat: -17, lon: 179.5 }, fiji)).toBe(true);
    expect(pointInPolygon({ lat: -17, lon: -179.5 }, fiji)).toBe(true);
    expect(pointInPolygon({ lat: -17, lon: 178.5 }, fiji)).toBe(false);
  });

  it('works for a clockwise ring as for a counter-clockwise one', () => {
    const clockwise = [[...accra[0]!].reverse()];
    expect(pointInPolygon({ lat: 5.6, lon: -0.19 }, clockwise)).toBe(true);
    expect(pointInPolygon({ lat: 5.7, lon: -0.19 }, clockwise)).toBe(false);
  });
});

describe('distanceToPolygonM', () => {
  it('is 0 inside', () => {
    expect(distanceToPolygonM({ lat: 5.6, lon: -0.19 }, accra)).toBe(0);
  });

  it('is the distance to the nearest edge outside: 0.01° north of the north edge is about 1112 m', () => {
    expect(distanceToPolygonM({ lat: 5.66, lon: -0.19 }, accra)).toBeCloseTo(0.01 * M_PER_DEG_LAT, -1);
  });

  it('is the distance to the hole edge for a point in the hole', () => {
    expect(distanceToPolygonM({ lat: 5.6, lon: -0.19 }, ring)).toBeCloseTo(0.002 * M_PER_DEG_LAT, -1);
  });

  it('measures to a corner when the corner is nearest', () => {
    const d = distanceToPolygonM({ lat: 5.66, lon: -0.13 }, accra);
    const corner = distanceM({ lat: 5.66, lon: -0.13 }, { lat: 5.65, lon: -0.14 });
    expect(d).toBeCloseTo(corner, -1);
  });
});

describe('nearestBoundaryPoint', () => {
  it('projects a point inside onto the nearest edge', () => {
    const { point, distance_m } = nearestBoundaryPoint({ lat: 5.64, lon: -0.19 }, accra);
    expect(point.lat).toBeCloseTo(5.65, 6);
    expect(point.lon).toBeCloseTo(-0.19, 6);
    expect(distance_m).toBeCloseTo(0.01 * M_PER_DEG_LAT, -1);
  });
});

describe('nearestPointOutside', () => {
  it('returns the point itself when it is outside every zone', () => {
    expect(nearestPointOutside({ lat: 5.7, lon: -0.19 }, [accra])).toEqual({ lat: 5.7, lon: -0.19 });
  });

  it('moves a point inside a zone just past the nearest edge', () => {
    const q = nearestPointOutside({ lat: 5.648, lon: -0.19 }, [accra], 5)!;
    expect(pointInPolygon(q, accra)).toBe(false);
    expect(q.lon).toBeCloseTo(-0.19, 5);
    expect(distanceM({ lat: 5.648, lon: -0.19 }, q)).toBeCloseTo(0.002 * M_PER_DEG_LAT + 5, -1);
  });

  it('leaves two overlapping zones together, not into the other one', () => {
    const east = square(5.6, -0.09, 0.06); // overlaps the east part of accra
    const q = nearestPointOutside({ lat: 5.6, lon: -0.145 }, [accra, east], 5)!;
    expect(pointInPolygon(q, accra) || pointInPolygon(q, east)).toBe(false);
    expect(q.lat).toBeCloseTo(5.54, 3); // out through the south edge of the union at 5.54, not east
  });
});

describe('nearestPointInside', () => {
  it('moves a point outside an area just inside it', () => {
    const q = nearestPointInside({ lat: 5.66, lon: -0.19 }, [accra], 5)!;
    expect(pointInPolygon(q, accra)).toBe(true);
    expect(distanceM({ lat: 5.66, lon: -0.19 }, q)).toBeCloseTo(0.01 * M_PER_DEG_LAT + 5, -1);
  });

  it('is null when there is no area', () => {
    expect(nearestPointInside({ lat: 5.66, lon: -0.19 }, [])).toBeNull();
  });
});

describe('nearestAllowedPoint', () => {
  it('finds the nearest point inside the service area that is outside a no-fly zone within it', () => {
    const airport = square(5.6, -0.19, 0.01);
    const q = nearestAllowedPoint({ lat: 5.608, lon: -0.19 }, { serviceAreas: [accra], noFlyZones: [airport] }, 5)!;
    expect(pointInPolygon(q, accra)).toBe(true);
    expect(pointInPolygon(q, airport)).toBe(false);
    expect(distanceM({ lat: 5.608, lon: -0.19 }, q)).toBeCloseTo(0.002 * M_PER_DEG_LAT + 5, -1);
  });

  it('skips the nearest way into the service area when a no-fly zone covers it', () => {
    const zone = square(5.66, -0.19, 0.02); // covers the north edge of accra around lon -0.19
    const q = nearestAllowedPoint({ lat: 5.675, lon: -0.19 }, { serviceAreas: [accra], noFlyZones: [zone] }, 5)!;
    expect(pointInPolygon(q, accra)).toBe(true);
    expect(pointInPolygon(q, zone)).toBe(false);
  });
});

describe('polygonProblem', () => {
  it('accepts a closed square and a square with a hole', () => {
    expect(polygonProblem(accra)).toBeNull();
    expect(polygonProblem(ring)).toBeNull();
  });

  it.each([
    [[], 'coordinates must be an array of rings ([[[lon, lat], ...]])'],
    [[[[0, 0], [1, 0], [0, 0]]], 'ring 0 must have at least 4 positions (a closed ring)'],
    [[[[0, 0], [1, 0], [1, 1], [0, 1]]], 'ring 0 must end where it starts'],
    [[[[0, 0], [1, 0], ['1', 1], [0, 0]]], 'position 2 of ring 0 must be [lon, lat] numbers'],
    [[[[0, 0], [181, 0], [1, 1], [0, 0]]], 'position 1 of ring 0 is out of range ([lon, lat] in degrees)'],
    [[[[0, 0], [1, 1], [2, 2], [0, 0]]], 'ring 0 encloses no area'],
  ])('refuses %j: %s', (coordinates, message) => {
    expect(polygonProblem(coordinates)).toBe(message);
  });
});

describe('checkPosition', () => {
  const fences: GeofenceShape[] = [
    { name: 'Accra', kind: 'service_area', geometry: { coordinates: accra }, max_alt_m: 120 },
    { name: 'Kotoka airport', kind: 'no_fly_zone', geometry: { coordinates: square(5.605, -0.17, 0.01) } },
    { name: 'Castle upper airspace', kind: 'no_fly_zone', geometry: { coordinates: square(5.58, -0.21, 0.005) }, min_alt_m: 60 },
    { name: 'Old zone', kind: 'no_fly_zone', geometry: { coordinates: square(5.62, -0.22, 0.005) }, active: false },
  ];

  it('allows a point in the service area, away from the zones, below its ceiling', () => {
    expect(checkPosition(fences, { lat: 5.57, lon: -0.15 }, 80)).toEqual({ allowed: true, violations: [], nearest_allowed: null });
  });

  it('refuses a dropoff inside a no-fly zone and suggests the nearest allowed point', () => {
    const verdict = checkPosition(fences, { lat: 5.605, lon: -0.17 });
    expect(verdict.allowed).toBe(false);
    expect(verdict.violations).toEqual([{ rule: 'no_fly_zone', fences: ['Kotoka airport'], message: 'inside no-fly zone Kotoka airport' }]);
    const q = verdict.nearest_allowed!;
    expect(checkPosition(fences, q).allowed).toBe(true);
    // Out through the east or west edge: 0.01° of longitude at 5.6° N, plus the 5 m margin.
    expect(distanceM({ lat: 5.605, lon: -0.17 }, q)).toBeCloseTo(0.01 * M_PER_DEG_LAT * Math.cos((5.605 * Math.PI) / 180) + 5, -1);
  });

  it('counts a zone with a floor as its whole column for a point without altitude, and only above its floor otherwise', () => {
    expect(checkPosition(fences, { lat: 5.58, lon: -0.21 }).violations.map((v) => v.rule)).toEqual(['no_fly_zone']);
    expect(checkPosition(fences, { lat: 5.58, lon: -0.21 }, 40).allowed).toBe(true);
    expect(checkPosition(fences, { lat: 5.58, lon: -0.21 }, 70).violations.map((v) => v.rule)).toEqual(['no_fly_zone']);
  });

  it('names the altitude limit of the service area when a drone flies above it', () => {
    const verdict = checkPosition(fences, { lat: 5.57, lon: -0.15 }, 130);
    expect(verdict.violations).toEqual([{ rule: 'altitude_limit', fences: ['Accra'], message: 'altitude 130 m outside the band of Accra (-∞..120 m)' }]);
    expect(verdict.nearest_allowed).toBeNull();
  });

  it('refuses a point outside every service area', () => {
    const verdict = checkPosition(fences, { lat: 5.7, lon: -0.15 });
    expect(verdict.violations.map((v) => v.rule)).toEqual(['outside_service_area']);
    expect(pointInPolygon(verdict.nearest_allowed!, accra)).toBe(true);
  });

  it('ignores inactive fences, and allows anywhere when there are no service areas', () => {
    expect(checkPosition(fences, { lat: 5.62, lon: -0.22 }).allowed).toBe(true);
    expect(checkPosition([], { lat: 40, lon: 40 }).allowed).toBe(true);
  });
});
