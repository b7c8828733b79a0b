import { describe, expect, it } from '@jest/globals';
import { AIRFRAMES, type Airframe } from './airframe.js';
import { AVIONICS_POWER_W, drawEnergy, hoverPowerW, openCircuitVoltage, powerW, remainingPct, throttleFor } from './energy.js';

const Q4 = AIRFRAMES['WX-Q4'];
/** A round-numbered airframe so the expected figures can be worked out on paper. */
const PAPER: Airframe = { ...Q4, emptyMassKg: 4, hoverPowerW: 400, dragAreaM2: 0.1, maxPowerW: 5000 };

describe('energy model', () => {
  it('hovers at the rated power when empty and at (m/m0)^1.5 times it when laden', () => {
    expect(hoverPowerW(PAPER, 0)).toBe(400);
    // 4 kg + 5 kg = 9 kg: (9/4)^1.5 = 1.5³ = 3.375, so 1350 W.
    expect(hoverPowerW(PAPER, 5)).toBeCloseTo(1350, 9);
  });

  it('adds ½ρ·CdA·v³ of drag in cruise', () => {
    // ½ × 1.225 × 0.1 × 10³ = 61.25 W on top of 400 W hover and 8 W avionics.
    expect(powerW(PAPER, 0, { airborne: true, groundspeedMps: 10, vzMps: 0 })).toBeCloseTo(469.25, 9);
  });

  it('adds m·g·vz / 0.6 to climb and saves 0.3·m·g·|vz| in a descent', () => {
    // 4 kg × 9.80665 × 3 m/s / 0.6 = 196.133 W; 0.3 × 4 × 9.80665 × 2 m/s = 23.536 W.
    expect(powerW(PAPER, 0, { airborne: true, groundspeedMps: 0, vzMps: 3 })).toBeCloseTo(400 + 196.133 + 8, 3);
    expect(powerW(PAPER, 0, { airborne: true, groundspeedMps: 0, vzMps: -2 })).toBeCloseTo(400 - 23.536 + 8, 3);
  });

  it('never descends on less than 60 % of hover power and never draws more than full throttle', () => {
    expect(powerW(PAPER, 0, { airborne: true, groundspeedMps: 0, vzMps: -100 })).toBeCloseTo(0.6 * 400 + 8, 9);
    expect(powerW(PAPER, 0, { airborne: true, groundspeedMps: 60, vzMps: 0 })).toBe(5000);
  });

  it('draws only the avionics on the ground, at zero throttle', () => {
    expect(powerW(PAPER, 3, { airborne: false, groundspeedMps: 0, vzMps: 0 })).toBe(AVIONICS_POWER_W);
    expect(throttleFor(PAPER, AVIONICS_POWER_W, false)).toBe(0);
  });

  it('gives throttle √(P/Pmax): a quarter of full power is half throttle', () => {
    expect(throttleFor(PAPER, 1250, true)).toBeCloseTo(0.5, 9);
  });

  it('draws 20 A from a full 6S pack for 504 W, 200 mAh in 36 s, sagging 0.4 V across 20 mΩ', () => {
    // Full 6S: 6 × 4.2 = 25.2 V. 504 W / 25.2 V = 20 A; 20 A × 36 s = 720 C = 200 mAh.
    const step = drawEnergy({ cells: 6, capacityMah: 16_000, internalResistanceOhm: 0.02 }, 0, 504, 36);
    expect(step.currentA).toBeCloseTo(20, 9);
    expect(step.mahDrawn).toBeCloseTo(200, 9);
    expect(step.voltageV).toBeCloseTo(24.8, 9);
  });

  it('rests at 3.85 V a cell half charged and reports the share of capacity left', () => {
    const pack = { cells: 6, capacityMah: 16_000, internalResistanceOhm: 0.02 };
    expect(openCircuitVoltage(pack, 0.5)).toBeCloseTo(23.1, 9);
    expect(remainingPct(pack, 4000)).toBe(75);
    expect(remainingPct(pack, 20_000)).toBe(0);
  });

  it('spends 2.75 % of a full WX-Q4 battery on an unladen kilometre of cruise', () => {
    // 650 + ½·1.225·0.08·15³ + 8 = 823.375 W; / 25.2 V = 32.674 A for 1000/15 s = 605.07 mAh of 22,000.
    const p = powerW(Q4, 0, { airborne: true, groundspeedMps: 15, vzMps: 0 });
    expect(p).toBeCloseTo(823.375, 9);
    const used = drawEnergy(Q4.battery, 0, p, 1000 / 15).mahDrawn;
    expect(used).toBeCloseTo(605.07, 1);
    expect(100 * (used / Q4.battery.capacityMah)).toBeCloseTo(2.75, 2);
  });
});
