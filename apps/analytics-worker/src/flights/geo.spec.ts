import { describe, expect, it } from '@jest/globals';
import { haversineM } from './geo.js';

describe('haversineM', () => {
  it('measures one degree of latitude as 111.195 km', () => {
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo(111_195, 0);
  });

  it('measures one degree of longitude at 60° as half of one at the equator', () => {
    expect(haversineM(60, 0, 60, 1)).toBeCloseTo(haversineM(0, 0, 0, 1) / 2, -1);
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineM(5.6, -0.187, 5.6, -0.187)).toBe(0);
    expect(haversineM(5.6, -0.187, 5.7, -0.1)).toBeCloseTo(haversineM(5.7, -0.1, 5.6, -0.187), 6);
  });
});
