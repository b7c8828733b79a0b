import { describe, expect, it } from '@jest/globals';
import { rssiDbm } from './rssi.js';

describe('RSSI by distance', () => {
  it('loses 20 dB per decade of distance in free space', () => {
    expect(rssiDbm(1)).toBe(-30);
    expect(rssiDbm(10)).toBeCloseTo(-50, 9);
    expect(rssiDbm(100)).toBeCloseTo(-70, 9);
    expect(rssiDbm(1000)).toBeCloseTo(-90, 9);
  });

  it('counts closer than a metre as a metre and never reports below the floor', () => {
    expect(rssiDbm(0)).toBe(-30);
    expect(rssiDbm(10_000_000)).toBe(-120);
  });

  it('falls 30 dB per decade with a path-loss exponent of 3', () => {
    expect(rssiDbm(100, { referenceDbm: -40, exponent: 3, floorDbm: -130 })).toBeCloseTo(-100, 9);
  });
});
