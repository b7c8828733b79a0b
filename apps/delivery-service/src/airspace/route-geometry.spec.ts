import { describe, expect, it } from '@jest/globals';
import { distanceM } from '../geo/geo.js';
import { distanceToRouteM } from './route-geometry.js';

const pickup = { lat: 5.6037, lng: -0.187 };
const dropoff = { lat: 5.6137, lng: -0.177 };
/** A point `m` metres north and `e` metres east of q (small offsets). */
const offset = (q: { lat: number; lng: number }, north: number, east: number) => ({
  lat: q.lat + north / 111_195.08,
  lng: q.lng + east / (111_195.08 * Math.cos((q.lat * Math.PI) / 180)),
});

describe('distanceToRouteM', () => {
  it('is 0 on the route, at either end and in between', () => {
    expect(distanceToRouteM(pickup, pickup, dropoff)).toBeCloseTo(0, 6);
    expect(distanceToRouteM(dropoff, pickup, dropoff)).toBeLessThan(0.01);
    expect(distanceToRouteM({ lat: 5.6087, lng: -0.182 }, pickup, dropoff)).toBeLessThan(1);
  });

  it('measures square to the route beside its middle', () => {
    // The route runs north-east; 400 m to the north-west of its midpoint is 400 m from it.
    const mid = { lat: 5.6087, lng: -0.182 };
    const p = offset(mid, 400 / Math.SQRT2, -400 / Math.SQRT2);
    expect(distanceToRouteM(p, pickup, dropoff)).toBeGreaterThan(398);
    expect(distanceToRouteM(p, pickup, dropoff)).toBeLessThan(402);
  });

  it('measures to the nearer end for a point beyond the route, as the great-circle distance does', () => {
    const beyond = offset(dropoff, 2000, 2000);
    expect(Math.abs(distanceToRouteM(beyond, pickup, dropoff) - distanceM(beyond, dropoff)) / distanceM(beyond, dropoff)).toBeLessThan(0.005);
    const before = offset(pickup, -700, 0);
    expect(distanceToRouteM(before, pickup, dropoff)).toBeCloseTo(distanceM(before, pickup), -1);
  });

  it('treats a route whose pickup is its dropoff as a point', () => {
    const p = offset(pickup, 0, 250);
    expect(distanceToRouteM(p, pickup, pickup)).toBeCloseTo(distanceM(p, pickup), 0);
  });

  it('handles a route across the antimeridian', () => {
    const a = { lat: -17.0, lng: 179.99 };
    const b = { lat: -17.0, lng: -179.99 };
    expect(distanceToRouteM({ lat: -17.0, lng: 180 }, a, b)).toBeLessThan(1);
    expect(distanceToRouteM({ lat: -17.0, lng: 0 }, a, b)).toBeGreaterThan(10_000_000);
  });
});
