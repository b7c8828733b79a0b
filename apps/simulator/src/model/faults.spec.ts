import { describe, expect, it } from '@jest/globals';
import { drawFaults, drawGlitchOffset, parseFaults } from './faults.js';
import { seededRng } from './random.js';

/** A generator that returns the given numbers in turn. */
const scripted = (...values: number[]) => () => values.shift() ?? 0;

describe('fault configuration', () => {
  it('reads kind:probability pairs', () => {
    expect(parseFaults('link_loss:0.05, low_battery:1')).toEqual([
      { kind: 'link_loss', probability: 0.05 },
      { kind: 'low_battery', probability: 1 },
    ]);
    expect(parseFaults('')).toEqual([]);
  });

  it.each(['engine_fire:0.1', 'link_loss', 'link_loss:', 'link_loss:1.5', 'link_loss:-0.1', 'link_loss:x', 'gps_glitch:0.1:2'])('refuses %s', (text) => {
    expect(() => parseFaults(text)).toThrow(/is not kind:probability/);
  });

  it('refuses a kind given twice', () => {
    expect(() => parseFaults('gps_glitch:0.1,gps_glitch:0.2')).toThrow('gps_glitch is given twice');
  });
});

describe('drawing faults for a mission', () => {
  it('strikes a fault when the draw falls under its probability, at a time and for a length drawn in their ranges', () => {
    // link_loss: 0.01 < 0.05 strikes; at 100 + 0.5 × (200 − 100) = 150 s; for 5 + 0.25 × (25 − 5) = 10 s.
    // low_battery: 0.5 ≥ 0.02 does not strike.
    const faults = drawFaults(parseFaults('link_loss:0.05,low_battery:0.02'), scripted(0.01, 0.5, 0.25, 0.5), 100, 200);
    expect(faults).toEqual([{ kind: 'link_loss', atS: 150, durationS: 10 }]);
  });

  it('lists the faults of a mission in the order they strike', () => {
    const faults = drawFaults(parseFaults('gps_glitch:1,low_battery:1'), scripted(0, 0.9, 0, 0, 0.1, 0), 0, 100);
    expect(faults.map((f) => [f.kind, f.atS])).toEqual([['low_battery', 10], ['gps_glitch', 90]]);
  });

  it('strikes about as often as the probability says over many missions', () => {
    const rng = seededRng(42);
    let struck = 0;
    for (let i = 0; i < 10_000; i++) struck += drawFaults(parseFaults('link_loss:0.1'), rng, 0, 1).length;
    expect(struck).toBeGreaterThan(900);
    expect(struck).toBeLessThan(1100);
  });

  it('throws a GPS fix 150 to 400 m off', () => {
    // 150 + 0.2 × 250 = 200 m, at 2π × 0.25 = 90°: due east.
    const o = drawGlitchOffset(scripted(0.2, 0.25));
    expect(o.northM).toBeCloseTo(0, 9);
    expect(o.eastM).toBeCloseTo(200, 9);
  });
});
