import { describe, expect, it } from '@jest/globals';
import { distanceM } from './geo.js';

describe('geo', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
  });

  it('measures one degree of longitude at 60° north as half of one at the equator', () => {
    const equator = distanceM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 });
    expect(distanceM({ lat: 60, lng: 0 }, { lat: 60, lng: 1 })).toBeCloseTo(equator / 2, -1);
  });
});
