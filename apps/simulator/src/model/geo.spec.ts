import { describe, expect, it } from '@jest/globals';
import { bearingDeg, destination, distanceM, interpolate, offsetM } from './geo.js';

// One degree of arc on a sphere of radius 6,371,008.8 m is 6,371,008.8 × π / 180 = 111,195.08 m.
const ONE_DEGREE_M = 111_195.08;

describe('geo', () => {
  it('measures one degree of latitude, and one of longitude on the equator, as 111,195 m', () => {
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(ONE_DEGREE_M, 0);
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(ONE_DEGREE_M, 0);
  });

  it('measures a degree of longitude at 60° north as half of one on the equator', () => {
    // 2R·asin(cos 60° · sin 0.5°) = 2 × 6,371,008.8 × asin(0.0043633) = 55,597 m (the parallel: 55,597.5 m).
    expect(distanceM({ lat: 60, lng: 0 }, { lat: 60, lng: 1 })).toBeCloseTo(55_597, -1);
  });

  it('gives bearings of 0° north, 90° east, 180° south and 270° west', () => {
    const o = { lat: 0, lng: 0 };
    expect(bearingDeg(o, { lat: 1, lng: 0 })).toBeCloseTo(0, 6);
    expect(bearingDeg(o, { lat: 0, lng: 1 })).toBeCloseTo(90, 6);
    expect(bearingDeg(o, { lat: -1, lng: 0 })).toBeCloseTo(180, 6);
    expect(bearingDeg(o, { lat: 0, lng: -1 })).toBeCloseTo(270, 6);
  });

  it('lands one degree east after flying 111,195 m at 90° from the origin', () => {
    const p = destination({ lat: 0, lng: 0 }, 90, ONE_DEGREE_M);
    expect(p.lat).toBeCloseTo(0, 6);
    expect(p.lng).toBeCloseTo(1, 6);
  });

  it('finds the quarter point of a leg a quarter of the distance along it', () => {
    const a = { lat: 5.6, lng: -0.2 };
    const b = { lat: 5.61, lng: -0.19 };
    const q = interpolate(a, b, 0.25);
    expect(distanceM(a, q)).toBeCloseTo(distanceM(a, b) / 4, 3);
    expect(interpolate(a, b, 0)).toEqual(a);
    expect(interpolate(a, b, 1)).toEqual(b);
  });

  it('offsets 111,195 m north by one degree of latitude', () => {
    expect(offsetM({ lat: 0, lng: 0 }, ONE_DEGREE_M, 0).lat).toBeCloseTo(1, 6);
    expect(offsetM({ lat: 0, lng: 0 }, 0, ONE_DEGREE_M).lng).toBeCloseTo(1, 6);
  });
});
