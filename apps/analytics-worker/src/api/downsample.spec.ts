import { describe, expect, it } from '@jest/globals';
import type { RawSample } from '../history/telemetry-raw.repository.js';
import { downsample } from './downsample.js';

const sample = (i: number): RawSample =>
  ({ ts: new Date(1_000 * i), lat: i, lon: -i, alt_m: 10, groundspeed_mps: 5, voltage_v: 22, current_a: 3 }) as RawSample;

describe('downsample', () => {
  it('keeps every sample when there are fewer than the limit', () => {
    expect(downsample([sample(0), sample(1)], 10)).toEqual([
      [0, 0, -0, 10, 5, 22, 3],
      [1000, 1, -1, 10, 5, 22, 3],
    ]);
  });

  it('keeps the first and the last and spaces the rest evenly', () => {
    const points = downsample(Array.from({ length: 1001 }, (_, i) => sample(i)), 11);
    expect(points.map((p) => p[1])).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('returns nothing for no samples', () => {
    expect(downsample([], 10)).toEqual([]);
  });
});
