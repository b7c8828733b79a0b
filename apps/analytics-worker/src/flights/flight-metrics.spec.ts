import { describe, expect, it } from '@jest/globals';
import { computeFlightMetrics, FLIGHT_METRICS_VERSION, type FlightMetrics } from './flight-metrics.js';
import type { TelemetrySample } from './sample.js';

type Fields = Omit<TelemetrySample, 'tsMs'>;

/** n samples at `hz` from t = 0, on whole milliseconds. */
function flight(n: number, hz: number, fields: (tS: number, i: number) => Fields): TelemetrySample[] {
  const stepMs = 1000 / hz;
  return Array.from({ length: n }, (_, i) => ({ tsMs: i * stepMs, ...fields((i * stepMs) / 1000, i) }));
}

/** Degrees of latitude per metre going north, from 1° = 111.195 km. */
const DEG_PER_M = 1 / 111_195;

/** Every number anywhere in the metrics, with its path. */
function numbers(x: unknown, path = 'm'): Array<[string, number]> {
  if (typeof x === 'number') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

function expectJsonSafe(m: FlightMetrics): void {
  for (const [path, n] of numbers(m)) expect([path, Number.isFinite(n)]).toEqual([path, true]);
  // NaN and undefined would not survive the round trip unchanged.
  expect(JSON.parse(JSON.stringify(m))).toEqual(m);
}

describe('computeFlightMetrics', () => {
  it('exports the metrics version', () => {
    expect(FLIGHT_METRICS_VERSION).toBe(1);
  });

  it('integrates energy and charge: 22.2 V at 10 A for 360 s', () => {
    // 10 Hz, t = 0 .. 360.0 s (3601 samples). Power 222 W × 360 s = 79 920 J = 79 920 / 3600 Wh = 22.2 Wh.
    // Charge 10 A × 360 s = 3600 A·s = 1 A·h = 1000 mAh (no mAh counter, so it comes from current).
    const m = computeFlightMetrics(flight(3601, 10, () => ({ voltageV: 22.2, currentA: 10 })));
    expect(m.duration_s).toBe(360);
    expect(m.wh_used).toBe(22.2);
    expect(m.mah_used).toBe(1000);
    expect(m.min_voltage_v).toBe(22.2);
    expect(m.max_current_a).toBe(10);
    // No sample below 20 % of the maximum current: no light-load voltage, so no sag.
    expect(m.voltage_sag_v).toBeNull();
    // No position: no distance and so no efficiency.
    expect(m.distance_m).toBeNull();
    expect(m.wh_per_km).toBeNull();
    expectJsonSafe(m);
  });

  it('measures a straight 1 km north track at 10 m/s and its Wh/km', () => {
    // 10 Hz for 100 s (1001 samples), 1 m north per sample: 1000 m. 22.2 V × 10 A = 222 W for 100 s
    // = 22 200 J = 6.1667 Wh; over 1.000 km that is 6.17 Wh/km, equal to wh_used.
    const m = computeFlightMetrics(
      flight(1001, 10, (_t, i) => ({ lat: 5.6 + i * DEG_PER_M, lon: -0.187, altM: 50, groundspeedMps: 10, voltageV: 22.2, currentA: 10 })),
    );
    expect(Math.abs(m.distance_m! - 1000)).toBeLessThanOrEqual(1);
    expect(m.wh_used).toBeCloseTo(6.1667, 3);
    expect(m.wh_per_km).toBeCloseTo(m.wh_used!, 2);
    expect(m.max_groundspeed_mps).toBe(10);
    expect(m.avg_groundspeed_mps).toBe(10);
    expect(m.max_alt_m).toBe(50);
    // Every sample is in the 10–12 m/s bin at 222 W.
    expect(m.power_vs_speed).toEqual([{ from_mps: 10, to_mps: 12, mean_power_w: 222, sample_count: 1001 }]);
  });

  it('gives no Wh/km under 100 m of distance', () => {
    // 51 samples 1 m apart: 50 m.
    const m = computeFlightMetrics(flight(51, 10, (_t, i) => ({ lat: i * DEG_PER_M, lon: 10, voltageV: 22.2, currentA: 10 })));
    expect(m.distance_m).toBeCloseTo(50, 0);
    expect(m.wh_used).not.toBeNull();
    expect(m.wh_per_km).toBeNull();
  });

  it('takes mAh from the mAh counter when present, not from current', () => {
    // Current says 10 A × 360 s = 1000 mAh; the counter goes 0 → 1500 mAh: the counter wins.
    const m = computeFlightMetrics(flight(3601, 10, (_t, i) => ({ voltageV: 22.2, currentA: 10, mahDrawn: (1500 * i) / 3600 })));
    expect(m.mah_used).toBe(1500);
  });

  it('survives a mAh counter reset mid-flight by summing only increases', () => {
    // 0 → 800, reset to 0, 0 → 700: 1500 mAh used, where last − first would say 700.
    const counter = [0, 200, 400, 600, 800, 0, 350, 700];
    const m = computeFlightMetrics(counter.map((mahDrawn, i) => ({ tsMs: i * 1000, mahDrawn })));
    expect(m.mah_used).toBe(1500);
  });

  it('uses a circular standard deviation for yaw: 359° / 1° alternating is about 1°, not 179°', () => {
    // Unit vectors at ±1°: mean resultant R = cos 1° = 0.99985; sqrt(-2 ln R) = 0.017455 rad = 1.0001°.
    // Roll alternating ±2° has mean 0 and population std 2°; pitch constant 5° has std 0.
    const m = computeFlightMetrics(flight(100, 10, (_t, i) => ({ yawDeg: i % 2 ? 1 : 359, rollDeg: i % 2 ? 2 : -2, pitchDeg: 5 })));
    expect(m.yaw_std_deg).toBeCloseTo(1, 2);
    expect(m.roll_std_deg).toBe(2);
    expect(m.pitch_std_deg).toBe(0);
  });

  it('keeps the yaw deviation finite when headings are spread all round the compass', () => {
    // 0°, 90°, 180°, 270°: the mean resultant is 0, where sqrt(-2 ln R) would be infinite.
    const m = computeFlightMetrics([0, 90, 180, 270].map((yawDeg, i) => ({ tsMs: i * 100, yawDeg })));
    expect(Number.isFinite(m.yaw_std_deg)).toBe(true);
    expect(m.yaw_std_deg!).toBeGreaterThan(180);
  });

  it('measures voltage sag as rest median minus the minimum under heavy load', () => {
    // Max current 30 A. Light load (< 6 A): 25.0, 25.2, 25.1, 25.3, 24.9 V → median 25.1 V.
    // Middle load (15 A, between 6 and 24 A): ignored. Heavy load (≥ 24 A): 23.0, 22.8, 23.1, 23.4 V → min 22.8 V.
    // Sag = 25.1 − 22.8 = 2.3 V.
    const points: Array<[number, number]> = [
      [1, 25.0], [1, 25.2], [1, 25.1], [1, 25.3], [1, 24.9],
      [15, 24.0], [15, 21.0],
      [30, 23.0], [30, 22.8], [30, 23.1], [25, 23.4],
    ];
    const m = computeFlightMetrics(points.map(([currentA, voltageV], i) => ({ tsMs: i * 1000, currentA, voltageV })));
    expect(m.voltage_sag_v).toBe(2.3);
    expect(m.min_voltage_v).toBe(21); // the overall minimum, from the middle-load dip the sag ignores
    expect(m.max_current_a).toBe(30);
  });

  it('counts data gaps longer than 1 s', () => {
    // 10 Hz from 0 to 10.0 s; a 3 s gap to 13.0 s; 10 Hz to 20.0 s; a 1.5 s gap to 21.5 s; then exactly 1.0 s to
    // 22.5 s, which is not longer than 1 s. Two gaps, 4.5 s in total, the longest 3 s.
    const ts = [
      ...Array.from({ length: 101 }, (_, i) => i * 100),
      ...Array.from({ length: 71 }, (_, i) => 13_000 + i * 100),
      21_500,
      22_500,
    ];
    const m = computeFlightMetrics(ts.map((tsMs) => ({ tsMs })));
    expect(m.data_gaps).toEqual({ count: 2, total_s: 4.5, max_gap_s: 3 });
    expect(m.duration_s).toBe(22.5);
    expect(m.sample_count).toBe(174);
  });

  it('averages groundspeed over time, not over samples', () => {
    // 0 m/s at 0 s, 10 m/s at 1 s and at 11 s. Trapezoid: 5 m over the first second + 100 m over the next ten
    // = 105 m / 11 s = 9.545 m/s (the sample mean would be 6.67).
    const m = computeFlightMetrics([{ tsMs: 0, groundspeedMps: 0 }, { tsMs: 1_000, groundspeedMps: 10 }, { tsMs: 11_000, groundspeedMps: 10 }]);
    expect(m.avg_groundspeed_mps).toBe(9.55);
    expect(m.max_groundspeed_mps).toBe(10);
  });

  it('bins power by groundspeed, only bins that have samples, slowest first', () => {
    // 1 m/s at 100 W → [0,2); 3 m/s at 200 W and 3.9 m/s at 300 W → [2,4) mean 250 W; 9 m/s at 400 W → [8,10).
    const rows: Array<[number, number]> = [[9, 400], [1, 100], [3, 200], [3.9, 300]];
    const m = computeFlightMetrics(rows.map(([groundspeedMps, w], i) => ({ tsMs: i * 1000, groundspeedMps, voltageV: 20, currentA: w / 20 })));
    expect(m.power_vs_speed).toEqual([
      { from_mps: 0, to_mps: 2, mean_power_w: 100, sample_count: 1 },
      { from_mps: 2, to_mps: 4, mean_power_w: 250, sample_count: 2 },
      { from_mps: 8, to_mps: 10, mean_power_w: 400, sample_count: 1 },
    ]);
  });

  it('measures throttle smoothness as throttle travel per second', () => {
    // 10 Hz for 10 s (101 samples) alternating 0.4 / 0.6: 100 steps of 0.2 = 20 of travel in 10 s → 2 per second.
    const jittery = computeFlightMetrics(flight(101, 10, (_t, i) => ({ throttle: i % 2 ? 0.6 : 0.4 })));
    expect(jittery.throttle_smoothness).toBe(2);
    // A steady ramp 0.2 → 0.7 over 10 s: 0.5 of travel in 10 s → 0.05 per second.
    const ramp = computeFlightMetrics(flight(101, 10, (t) => ({ throttle: 0.2 + 0.05 * t })));
    expect(ramp.throttle_smoothness).toBeCloseTo(0.05, 4);
  });

  it('gives nulls, never NaN, for a v1 drone (no current, throttle, mAh, roll or pitch)', () => {
    // 2 Hz for 60 s, 5 m/s north at 30 m, yaw 90°, 22.2 → 21.6 V, 80 → 75 %. One sample has a NaN voltage
    // (bad parse upstream): it is ignored rather than poisoning the minimum.
    const samples = flight(121, 2, (t, i) => ({
      lat: 5.6 + i * 2.5 * DEG_PER_M,
      lon: -0.187,
      altM: 30,
      groundspeedMps: 5,
      yawDeg: 90,
      armed: true,
      mode: 'AUTO',
      voltageV: i === 60 ? Number.NaN : 22.2 - 0.01 * t,
      remainingPct: 80 - t / 12,
    }));
    const m = computeFlightMetrics(samples);
    expect(m).toMatchObject({
      mah_used: null,
      wh_used: null,
      wh_per_km: null,
      voltage_sag_v: null,
      max_current_a: null,
      power_vs_speed: null,
      throttle_smoothness: null,
      roll_std_deg: null,
      pitch_std_deg: null,
      duration_s: 60,
      min_voltage_v: 21.6,
      yaw_std_deg: 0,
      battery_pct_used: 5,
      avg_groundspeed_mps: 5,
      max_alt_m: 30,
    });
    // 120 steps of 2.5 m = 300 m.
    expect(m.distance_m).toBeCloseTo(300, 0);
    expectJsonSafe(m);
  });

  it('skips positions without a GPS fix (0, 0) instead of adding a hop to the equator', () => {
    const m = computeFlightMetrics([
      { tsMs: 0, lat: 5.6, lon: -0.187 },
      { tsMs: 1_000, lat: 0, lon: 0 },
      { tsMs: 2_000, lat: 5.6 + 100 * DEG_PER_M, lon: -0.187 },
    ]);
    expect(m.distance_m).toBeCloseTo(100, 0);
  });

  it('handles no samples and a single sample', () => {
    const empty = computeFlightMetrics([]);
    expect(empty.sample_count).toBe(0);
    expect(empty.duration_s).toBeNull();
    expect(empty.data_gaps).toEqual({ count: 0, total_s: 0, max_gap_s: 0 });
    expectJsonSafe(empty);
    const one = computeFlightMetrics([{ tsMs: 5, lat: 1, lon: 1, voltageV: 22, currentA: 3, throttle: 0.5, remainingPct: 90 }]);
    // Extremes need one sample; differences and integrals need two.
    expect(one).toMatchObject({ duration_s: 0, min_voltage_v: 22, max_current_a: 3, distance_m: null, wh_used: null, mah_used: null, battery_pct_used: null, throttle_smoothness: null });
    expectJsonSafe(one);
  });

  it('rejects samples out of time order', () => {
    expect(() => computeFlightMetrics([{ tsMs: 2 }, { tsMs: 1 }])).toThrow(RangeError);
  });

  it('computes a 10,000-point flight correctly', () => {
    // 10 Hz, 10 000 samples: t = 0 .. 999.9 s. 0.5 m north per sample (5 m/s): 9999 × 0.5 = 4999.5 m.
    // 222 W for 999.9 s = 61.6605 Wh; 10 A for 999.9 s = 9999 A·s = 2777.5 mAh.
    // Wh/km = 222 W / 5 m/s = 44.4 J/m = 44.4 kJ/km = 12.333 Wh/km.
    // Roll ±2° → 2°; yaw 359°/1° → about 1°; throttle steady → 0; no gaps.
    const m = computeFlightMetrics(
      flight(10_000, 10, (_t, i) => ({
        lat: 5.6 + i * 0.5 * DEG_PER_M,
        lon: -0.187,
        altM: 40,
        groundspeedMps: 5,
        voltageV: 22.2,
        currentA: 10,
        throttle: 0.55,
        rollDeg: i % 2 ? 2 : -2,
        pitchDeg: -3,
        yawDeg: i % 2 ? 1 : 359,
      })),
    );
    expect(m.sample_count).toBe(10_000);
    expect(m.duration_s).toBe(999.9);
    expect(Math.abs(m.distance_m! - 4999.5)).toBeLessThanOrEqual(1);
    expect(m.wh_used).toBeCloseTo(61.6605, 2);
    expect(m.mah_used).toBe(2777.5);
    expect(m.wh_per_km).toBeCloseTo(12.333, 2);
    expect(m.roll_std_deg).toBe(2);
    expect(m.pitch_std_deg).toBe(0);
    expect(m.yaw_std_deg).toBeCloseTo(1, 2);
    expect(m.throttle_smoothness).toBe(0);
    expect(m.data_gaps).toEqual({ count: 0, total_s: 0, max_gap_s: 0 });
    expect(m.power_vs_speed).toEqual([{ from_mps: 4, to_mps: 6, mean_power_w: 222, sample_count: 10_000 }]);
    expectJsonSafe(m);
  });
});
