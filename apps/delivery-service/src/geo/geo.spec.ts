import { describe, expect, it } from '@jest/globals';
import { distanceM, pointInPolygon, polygonProblem } from './geo.js';

// A 0.1° square around Accra with a 0.02° hole in its middle.
const square = [[[-0.25, 5.55], [-0.15, 5.55], [-0.15, 5.65], [-0.25, 5.65], [-0.25, 5.55]]];
const withHole = [...square, [[-0.21, 5.59], [-0.19, 5.59], [-0.19, 5.61], [-0.21, 5.61], [-0.21, 5.59]]];

describe('geo', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
  });

  it('measures one degree of longitude at 60° north as half of one at the equator', () => {
    const equator = distanceM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 });
    expect(distanceM({ lat: 60, lng: 0 }, { lat: 60, lng: 1 })).toBeCloseTo(equator / 2, -1);
  });

  it('finds a point inside the square and one outside it', () => {
    expect(pointInPolygon({ lat: 5.6, lng: -0.17 }, square)).toBe(true);
    expect(pointInPolygon({ lat: 5.7, lng: -0.2 }, square)).toBe(false);
  });

  it('treats a point in a hole as outside', () => {
    expect(pointInPolygon({ lat: 5.6, lng: -0.2 }, withHole)).toBe(false);
    expect(pointInPolygon({ lat: 5.56, lng: -0.2 }, withHole)).toBe(true);
  });

  it('names what is wrong with a malformed polygon', () => {
    expect(polygonProblem(square)).toBeNull();
    expect(polygonProblem([])).toMatch(/array of rings/);
    expect(polygonProblem([[[0, 0], [1, 0], [1, 1], [0, 1]]])).toMatch(/end where it starts/);
    expect(polygonProblem([[[0, 0], [200, 0], [1, 1], [0, 0]]])).toMatch(/out of range/);
    expect(polygonProblem([[[0, 0], [1, 1], [0, 0]]])).toMatch(/at least 4/);
  });
});
