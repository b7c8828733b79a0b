import { describe, expect, it } from '@jest/globals';
import { distanceM } from '../model/geo.js';
import { seededRng } from '../model/random.js';
import { circlePolygon, inPolygon, randomDropoff } from './service-area.js';

// The square from (0, 0) to (1, 1) in [lng, lat], with a hole from 0.4 to 0.6.
const SQUARE = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
const HOLE = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]];

describe('service areas', () => {
  it('tells points inside a ring from points outside it', () => {
    expect(inPolygon({ lat: 0.2, lng: 0.2 }, [SQUARE])).toBe(true);
    expect(inPolygon({ lat: 0.5, lng: 1.5 }, [SQUARE])).toBe(false);
    expect(inPolygon({ lat: -0.1, lng: 0.5 }, [SQUARE])).toBe(false);
  });

  it('leaves out the holes', () => {
    expect(inPolygon({ lat: 0.5, lng: 0.5 }, [SQUARE, HOLE])).toBe(false);
    expect(inPolygon({ lat: 0.2, lng: 0.5 }, [SQUARE, HOLE])).toBe(true);
  });

  it('draws a closed 32-sided ring whose vertices lie on the circle', () => {
    const hub = { lat: 5.6037, lng: -0.187 };
    const [ring] = circlePolygon(hub, 3000);
    expect(ring).toHaveLength(33);
    expect(ring[32]).toEqual(ring[0]);
    for (const [lng, lat] of ring) expect(distanceM(hub, { lat, lng })).toBeCloseTo(3000, -1);
    expect(inPolygon(hub, [ring])).toBe(true);
  });

  it('draws dropoffs inside both the area and the delivery radius, never too close to the hub', () => {
    const hub = { lat: 5.6037, lng: -0.187 };
    const area = circlePolygon(hub, 3000);
    const rng = seededRng(1);
    for (let i = 0; i < 200; i++) {
      const p = randomDropoff(rng, hub, area, 200, 1200)!;
      expect(inPolygon(p, area)).toBe(true);
      expect(distanceM(hub, p)).toBeGreaterThanOrEqual(199);
      expect(distanceM(hub, p)).toBeLessThanOrEqual(1201);
    }
  });

  it('gives up when the area lies outside the delivery radius', () => {
    const far = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]];
    expect(randomDropoff(seededRng(1), { lat: 0, lng: 0 }, far, 100, 1000)).toBeNull();
  });
});
