import { describe, expect, it } from '@jest/globals';
import type { TrackPoint } from '@wingxtra/contracts/client';
import { flightSeries, hasValues } from './flight-series';
import { positioned, sampleAt } from './playback';

const pts: TrackPoint[] = [
  [1_000_000, 5.6, -0.187, 40, 10, 22.2, 10],
  [1_001_000, 5.6001, -0.187, 42, 12, 22.0, null],
  [1_002_000, null, null, 44, 12, 21.9, 9],
  [1_003_000, 5.6003, -0.187, 46, 12, 21.8, 9],
];

describe('flight charts', () => {
  it('turns track points into time columns, power as volts × amps and null where unreported', () => {
    const s = flightSeries(pts);
    expect(s.t).toEqual([1000, 1001, 1002, 1003]);
    expect(s.altitudeM).toEqual([40, 42, 44, 46]);
    expect(s.powerW).toEqual([222, null, 197.1, 196.2]);
    expect(hasValues([null, null])).toBe(false);
  });
});

describe('playback', () => {
  it('interpolates between the samples around a moment and heads north along the track', () => {
    const p = positioned(pts);
    expect(p).toHaveLength(3);
    const mid = sampleAt(p, 1_000_500)!;
    expect(mid.lat).toBeCloseTo(5.60005, 6);
    expect(mid.altM).toBe(41);
    expect(mid.headingDeg).toBeCloseTo(0, 3);
  });

  it('holds the first and last positions outside the window', () => {
    const p = positioned(pts);
    expect(sampleAt(p, 0)!.lat).toBe(5.6);
    expect(sampleAt(p, 9_999_999)!.lat).toBe(5.6003);
    expect(sampleAt([], 0)).toBeNull();
  });
});
