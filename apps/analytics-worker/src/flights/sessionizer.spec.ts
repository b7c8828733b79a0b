import { describe, expect, it } from '@jest/globals';
import type { TelemetrySample } from './sample.js';
import { DEFAULT_SESSION_RULES, findFlightEnd, splitFlights } from './sessionizer.js';

type Fields = Omit<TelemetrySample, 'tsMs'>;

/** Samples at `hz` for fromS <= t < toS, on whole milliseconds so every boundary below is exact. */
function run(fromS: number, toS: number, hz: number, fields: Fields | ((tS: number, i: number) => Fields)): TelemetrySample[] {
  const stepMs = 1000 / hz;
  const out: TelemetrySample[] = [];
  for (let ms = Math.round(fromS * 1000), i = 0; ms < Math.round(toS * 1000); ms += stepMs, i++) {
    out.push({ tsMs: ms, ...(typeof fields === 'function' ? fields(ms / 1000, i) : fields) });
  }
  return out;
}

const rules = DEFAULT_SESSION_RULES;
const IDLE = { throttle: 0.02 };
const FLYING = { throttle: 0.6 };

describe('DEFAULT_SESSION_RULES', () => {
  it('holds the design values', () => {
    expect(DEFAULT_SESSION_RULES).toEqual({ idleS: 10, gapS: 60, throttleIdle: 0.05, stationaryMps: 0.5, altitudeSteadyM: 1 });
  });
});

describe('splitFlights with throttle', () => {
  // 10 Hz. Throttle 0.02 for 0 <= t < 5 s, 0.6 for 5 <= t < 65 s, then 0.02 for 15 s (65.0 .. 79.9 s).
  // The flight starts at the first active sample, 5.0 s; the idle samples before it are not part of it.
  // The last active sample is 64.9 s, so the flight is [5.0 s, 64.9 s] inclusive (the throttle-up window
  // [5 s, 65 s) in sample times); the idle tail is not part of the flight. Idle is confirmed 10 s after the last
  // active sample, at 74.9 s.
  const stream = [...run(0, 5, 10, IDLE), ...run(5, 65, 10, FLYING), ...run(65, 80, 10, IDLE)];

  it('closes one flight at the last active sample once throttle has been idle for 10 s', () => {
    expect(splitFlights(stream, rules, 80_000)).toEqual({
      closed: [{ startMs: 5_000, endMs: 64_900, reason: 'throttle_idle' }],
      openFromMs: null,
    });
  });

  it('findFlightEnd returns the same boundary', () => {
    expect(findFlightEnd(stream, rules)).toEqual({ startMs: 5_000, endMs: 64_900, reason: 'throttle_idle' });
  });

  it('keeps a flight open when it has been idle for only 8 s', () => {
    // Idle samples 65.0 .. 72.9 s: 8.0 s after the last active sample (64.9 s), short of idleS.
    const eightIdle = [...run(5, 65, 10, FLYING), ...run(65, 73, 10, IDLE)];
    expect(splitFlights(eightIdle, rules, 73_000)).toEqual({ closed: [], openFromMs: 5_000 });
    expect(findFlightEnd(eightIdle, rules)).toBeNull();
  });

  it('needs idle observed by samples for the full idleS: 9.9 s stays open, 10.0 s closes', () => {
    const flying = run(5, 65, 10, FLYING);
    // Last idle sample 74.8 s: 9.9 s after 64.9 s. Even with nowMs well past it, sample times decide.
    expect(splitFlights([...flying, ...run(65, 74.9, 10, IDLE)], rules, 90_000).openFromMs).toBe(5_000);
    // Last idle sample 74.9 s: exactly 10.0 s after 64.9 s.
    expect(splitFlights([...flying, ...run(65, 75, 10, IDLE)], rules, 75_000).closed).toEqual([
      { startMs: 5_000, endMs: 64_900, reason: 'throttle_idle' },
    ]);
  });

  it('does not split a flight on a 5 s blip of idle throttle', () => {
    // Active 0..29.9 s, idle 30.0..34.9 s (5 s), active 35.0..59.9 s, idle 60.0..74.9 s → one flight [0, 59.9 s].
    const blip = [...run(0, 30, 10, FLYING), ...run(30, 35, 10, IDLE), ...run(35, 60, 10, FLYING), ...run(60, 75, 10, IDLE)];
    expect(splitFlights(blip, rules, 75_000).closed).toEqual([{ startMs: 0, endMs: 59_900, reason: 'throttle_idle' }]);
  });

  it('splits two flights at a 90 s telemetry gap, ending the first at the last sample before it', () => {
    // Active 0..29.9 s, nothing for 90.1 s, active 120.0..149.9 s, idle 150.0..164.9 s.
    const gapped = [...run(0, 30, 10, FLYING), ...run(120, 150, 10, FLYING), ...run(150, 165, 10, IDLE)];
    expect(splitFlights(gapped, rules, 165_000)).toEqual({
      closed: [
        { startMs: 0, endMs: 29_900, reason: 'gap' },
        { startMs: 120_000, endMs: 149_900, reason: 'throttle_idle' },
      ],
      openFromMs: null,
    });
  });

  it('trims a short idle tail before a gap: the flight still ends at its last active sample', () => {
    // Active 0..29.9 s, idle 30.0..32.9 s (too short to close), then silence, then idle again at 120 s.
    const tail = [...run(0, 30, 10, FLYING), ...run(30, 33, 10, IDLE), ...run(120, 121, 10, IDLE)];
    expect(splitFlights(tail, rules, 121_000).closed).toEqual([{ startMs: 0, endMs: 29_900, reason: 'gap' }]);
  });

  it('closes an open flight by gap only when nowMs is more than gapS past the last sample', () => {
    // Last sample 72.9 s (idle for 8 s, so open by idle rules). The gap counts when nowMs - 72.9 s > 60 s.
    const stream8 = [...run(5, 65, 10, FLYING), ...run(65, 73, 10, IDLE)];
    expect(splitFlights(stream8, rules, 72_900 + 60_000)).toEqual({ closed: [], openFromMs: 5_000 });
    expect(splitFlights(stream8, rules, 72_900 + 60_001)).toEqual({
      closed: [{ startMs: 5_000, endMs: 64_900, reason: 'gap' }],
      openFromMs: null,
    });
  });

  it('findFlightEnd ignores trailing silence (it has no nowMs) and returns only the first flight', () => {
    expect(findFlightEnd(run(0, 30, 10, FLYING), rules)).toBeNull();
    const two = [...run(0, 30, 10, FLYING), ...run(30, 45, 10, IDLE), ...run(45, 60, 10, FLYING), ...run(60, 75, 10, IDLE)];
    expect(findFlightEnd(two, rules)).toEqual({ startMs: 0, endMs: 29_900, reason: 'throttle_idle' });
  });

  it('finds the next flight again when resumed from after the previous endMs', () => {
    // Flight 1 [0, 29.9 s], idle 30..44.9 s, flight 2 [45.0, 59.9 s], idle 60..74.9 s.
    const two = [...run(0, 30, 10, FLYING), ...run(30, 45, 10, IDLE), ...run(45, 60, 10, FLYING), ...run(60, 75, 10, IDLE)];
    const all = splitFlights(two, rules, 75_000).closed;
    expect(all).toEqual([
      { startMs: 0, endMs: 29_900, reason: 'throttle_idle' },
      { startMs: 45_000, endMs: 59_900, reason: 'throttle_idle' },
    ]);
    const rest = two.filter((s) => s.tsMs > all[0].endMs);
    expect(splitFlights(rest, rules, 75_000).closed).toEqual([all[1]]);
  });

  it('lets packets without any activity signal neither start nor extend a flight', () => {
    // Battery-only packets every second, 50 ms after each whole second, throughout 0..74 s.
    const battery = run(0.05, 75, 1, { voltageV: 22.2 });
    const throttle = [...run(0, 60, 10, FLYING), ...run(60, 75, 10, IDLE)];
    const merged = [...battery, ...throttle].sort((a, b) => a.tsMs - b.tsMs);
    // The packet at 59.05 s carries no throttle, so it is neither active nor idle: the flight still ends at the
    // last throttle-up sample, 59.9 s.
    expect(splitFlights(merged, rules, 75_000).closed).toEqual([{ startMs: 0, endMs: 59_900, reason: 'throttle_idle' }]);
    expect(splitFlights(battery, rules, 75_000)).toEqual({ closed: [], openFromMs: null });
  });
});

describe('splitFlights without throttle (v1 drones)', () => {
  it('ends a flight at once when the drone disarms', () => {
    // 5 Hz. Disarmed on the ground 0..9.8 s; armed but still on the ground 10..19.8 s (not a flight: not moving,
    // altitude steady); flying at 5 m/s, 10 m up, 20..79.8 s; landed (0 m, still, armed) 80..82.8 s; disarmed
    // from 83 s. The first landed sample (80.0 s) is 10 m below the band of the flight, so its altitude is still
    // changing: it is the last active sample. The disarm at 83.0 s closes the flight at once, no idleS wait.
    const v1 = [
      ...run(0, 10, 5, { armed: false, groundspeedMps: 0, altM: 0 }),
      ...run(10, 20, 5, { armed: true, groundspeedMps: 0, altM: 0 }),
      ...run(20, 80, 5, { armed: true, groundspeedMps: 5, altM: 10 }),
      ...run(80, 83, 5, { armed: true, groundspeedMps: 0, altM: 0 }),
      ...run(83, 90, 5, { armed: false, groundspeedMps: 0, altM: 0 }),
    ];
    expect(splitFlights(v1, rules, 90_000)).toEqual({
      closed: [{ startMs: 20_000, endMs: 80_000, reason: 'disarmed' }],
      openFromMs: null,
    });
  });

  it('ends a flight once the drone has been stationary (slow, altitude within 1 m) for 10 s', () => {
    // 2 Hz. Cruising at 4 m/s and 10 m to 29.5 s (last sample moving). Vertical descent at 1 m/s over 30..39.5 s
    // (groundspeed 0, altitude 10 - (t - 30)), then on the ground 40..69.5 s at 0.2 m/s with altitude noise
    // alternating 0 / 0.5 m.
    // Altitude band since the last active sample, allowed range 1.0 m:
    //   29.5 s (10 m, moving) → 30.0/30.5/31.0 s (10, 9.5, 9.0: range ≤ 1.0, still) → 31.5 s (8.5 m: range 1.5,
    //   altitude changing → active, band restarts) → ... every 1.5 s: 33.0, 34.5, 36.0, 37.5, 39.0 s (1.0 m).
    //   39.5 s (0.5 m) and the ground (0 / 0.5 m) stay within [0, 1.0]: still.
    // So the last active sample is 39.0 s, and stationarity is confirmed at 49.0 s.
    const landing = [
      ...run(0, 30, 2, { armed: true, groundspeedMps: 4, altM: 10 }),
      ...run(30, 40, 2, (t) => ({ armed: true, groundspeedMps: 0, altM: 10 - (t - 30) })),
      ...run(40, 70, 2, (_t, i) => ({ armed: true, groundspeedMps: 0.2, altM: i % 2 === 0 ? 0 : 0.5 })),
    ];
    expect(splitFlights(landing, rules, 70_000)).toEqual({
      closed: [{ startMs: 0, endMs: 39_000, reason: 'stationary' }],
      openFromMs: null,
    });
  });

  it('never starts a flight for a drone armed on the ground with sensor noise and barometer drift', () => {
    // 5 Hz for 120 s: groundspeed noise 0.3 m/s (< 0.5), altitude alternating ±0.3 m plus 0.02 m/s of drift
    // (2.4 m over the two minutes). Outside a flight the band spans at most 10 s, so it sees at most
    // 0.6 + 0.2 = 0.8 m of range: never "changing" by more than 1 m.
    const sitting = run(0, 120, 5, (t, i) => ({ armed: true, groundspeedMps: 0.3, altM: 0.02 * t + (i % 2 === 0 ? 0.3 : -0.3) }));
    expect(splitFlights(sitting, rules, 120_000)).toEqual({ closed: [], openFromMs: null });
  });

  it('starts a flight on altitude change alone (vertical take-off) and sessionizes drones without an armed flag', () => {
    // 5 Hz, no armed flag (counts as armed). On the ground (0 m) 0..4.8 s, then climbing straight up at 2 m/s:
    // altitude 2(t - 5) for 5.0..14.8 s, then hovering still at 20 m.
    // 5.0 (0 m), 5.2 (0.4), 5.4 (0.8) fit the ground band [0, 1]; 5.6 s (1.2 m) is the first sample more than 1 m
    // from it → the flight starts at 5.6 s. Each active sample restarts the band, so while climbing every third
    // sample (0.6 s, 1.2 m) is active: 5.6, 6.2, ..., 14.6 s (19.2 m). 14.8 s (19.6 m) and the hover (20 m) stay
    // within 1 m of 19.2 m, so 14.6 s is the last active sample and stationarity is confirmed at 24.6 s.
    const vertical = [
      ...run(0, 5, 5, { groundspeedMps: 0, altM: 0 }),
      ...run(5, 15, 5, (t) => ({ groundspeedMps: 0, altM: 2 * (t - 5) })),
      ...run(15, 40, 5, { groundspeedMps: 0, altM: 20 }),
    ];
    expect(splitFlights(vertical, rules, 40_000).closed).toEqual([{ startMs: 5_600, endMs: 14_600, reason: 'stationary' }]);
  });
});

describe('splitFlights input contract', () => {
  it('returns nothing for no samples', () => {
    expect(splitFlights([], rules, 0)).toEqual({ closed: [], openFromMs: null });
    expect(findFlightEnd([], rules)).toBeNull();
  });

  it('rejects samples out of time order', () => {
    const unsorted = [{ tsMs: 1_000, throttle: 0.6 }, { tsMs: 900, throttle: 0.6 }];
    expect(() => splitFlights(unsorted, rules, 2_000)).toThrow(RangeError);
    expect(() => findFlightEnd(unsorted, rules)).toThrow(/sorted by tsMs/);
  });

  it('accepts equal timestamps', () => {
    const same = [{ tsMs: 1_000, throttle: 0.6 }, { tsMs: 1_000, throttle: 0.6 }];
    expect(splitFlights(same, rules, 1_000)).toEqual({ closed: [], openFromMs: 1_000 });
  });
});
