import { describe, expect, it } from '@jest/globals';
import { AIRFRAMES } from './airframe.js';
import { buildDeliveryPlan, buildLandingPlan, buildReturnPlan, phaseStarts, planDurationS, planEnergyMah, stateAt } from './flight-plan.js';
import { distanceM } from './geo.js';

const Q4 = AIRFRAMES['WX-Q4']; // cruise 15 m/s, climbs 3 m/s, descends 2 m/s, drops
const H6 = AIRFRAMES['WX-H6']; // winches at 1 m/s
const HUB = { lat: 0, lng: 0 };
// 0.01° of longitude on the equator: 1,111.9508 m, so a cruise leg of 1111.9508 / 15 = 74.1301 s.
const DROPOFF = { lat: 0, lng: 0.01 };
const CRUISE_S = 1111.9508 / 15;

const plan = (over: Partial<Parameters<typeof buildDeliveryPlan>[0]> = {}) =>
  buildDeliveryPlan({ airframe: Q4, start: HUB, home: HUB, pickup: HUB, dropoff: DROPOFF, cruiseAltM: 60, deliveryAltM: 15, payloadKg: 1.5, ...over });

describe('delivery flight plan', () => {
  it('flies the intent step by step: takeoff, cruise, descent, drop, climb, return, landing', () => {
    const p = plan();
    expect(p.phases.map((ph) => ph.kind)).toEqual(['PREFLIGHT', 'TAKEOFF', 'CRUISE', 'DESCEND', 'HOVER', 'DROP', 'HOVER', 'ASCEND', 'RETURN', 'LAND']);
    // 5 s checks, 60 m / 3 m/s, cruise, 45 m / 2 m/s, 3 s hover, 2 s drop, 5 s hold, 45 m / 3 m/s, cruise, 60 m / 2 m/s.
    expect(p.phases.map((ph) => ph.durationS)).toEqual([5, 20, expect.closeTo(CRUISE_S, 3), 22.5, 3, 2, 5, 15, expect.closeTo(CRUISE_S, 3), 30]);
    expect(planDurationS(p)).toBeCloseTo(102.5 + 2 * CRUISE_S, 3);
  });

  it('carries the payload until the drop and nothing after it', () => {
    const p = plan();
    expect(p.phases.map((ph) => ph.payloadKg)).toEqual([0, 1.5, 1.5, 1.5, 1.5, 1.5, 0, 0, 0, 0]);
  });

  it('is halfway along the outbound cruise at 60 m, 15 m/s and heading east, half a cruise after the climb', () => {
    const s = stateAt(plan(), 25 + CRUISE_S / 2);
    expect(s.phase.kind).toBe('CRUISE');
    expect(s.position.lng).toBeCloseTo(0.005, 6);
    expect(s.position.altM).toBe(60);
    expect(s.groundspeedMps).toBeCloseTo(15, 6);
    expect(s.vzMps).toBe(0);
    expect(s.headingDeg).toBeCloseTo(90, 6);
  });

  it('is 30 m up and climbing at 3 m/s ten seconds into the takeoff, already facing the dropoff', () => {
    const s = stateAt(plan(), 15);
    expect(s.phase.kind).toBe('TAKEOFF');
    expect(s.position.altM).toBeCloseTo(30, 9);
    expect(s.vzMps).toBeCloseTo(3, 9);
    expect(s.groundspeedMps).toBe(0);
    expect(s.headingDeg).toBeCloseTo(90, 6);
  });

  it('sits armed on the pad during pre-flight, not airborne', () => {
    const s = stateAt(plan(), 2);
    expect(s.phase).toMatchObject({ kind: 'PREFLIGHT', armed: true, airborne: false });
    expect(s.position.altM).toBe(0);
  });

  it('heads west on the way home and ends landed, done, where it started', () => {
    const p = plan();
    const returning = stateAt(p, phaseStarts(p)[8] + 1);
    expect(returning.headingDeg).toBeCloseTo(270, 6);
    const end = stateAt(p, planDurationS(p) + 10);
    expect(end.done).toBe(true);
    expect(end.position.altM).toBe(0);
    expect(distanceM(end.position, HUB)).toBeLessThan(0.01);
    expect(end.groundspeedMps).toBe(0);
  });

  it('winches a hexacopter parcel down at 1 m/s and reels the line back in', () => {
    const p = plan({ airframe: H6 });
    const winch = p.phases.findIndex((ph) => ph.kind === 'WINCH');
    expect(p.phases[winch]).toMatchObject({ durationS: 15, payloadKg: 1.5 });
    expect(p.phases[winch + 1]).toMatchObject({ kind: 'REEL', durationS: 15, payloadKg: 0 });
  });

  it('first flies empty to a pickup farther than 30 m, lands and loads there', () => {
    const p = plan({ start: { lat: 0, lng: -0.001 } }); // 111.2 m west of the pickup
    expect(p.phases.slice(0, 6).map((ph) => [ph.kind, ph.leg, ph.payloadKg])).toEqual([
      ['PREFLIGHT', 'PICKUP', 0],
      ['TAKEOFF', 'PICKUP', 0],
      ['CRUISE', 'PICKUP', 0],
      ['LAND', 'PICKUP', 0],
      ['LOAD', 'PICKUP', 0],
      ['TAKEOFF', 'OUTBOUND', 1.5],
    ]);
    expect(p.phases[2].durationS).toBeCloseTo(111.19508 / 15, 4);
  });
});

describe('failsafe plans', () => {
  it('returns from mid-cruise at its altitude in RTL and lands at home', () => {
    const r = buildReturnPlan(Q4, { lat: 0, lng: 0.005, altM: 60 }, HUB, 60, 1.5, 90);
    expect(r.phases.map((ph) => [ph.kind, ph.mode])).toEqual([['RETURN', 'RTL'], ['LAND', 'RTL']]);
    expect(planDurationS(r)).toBeCloseTo(CRUISE_S / 2 + 30, 3);
  });

  it('climbs to the return altitude first when below it', () => {
    const r = buildReturnPlan(Q4, { lat: 0, lng: 0.01, altM: 15 }, HUB, 60, 0, 90);
    expect(r.phases[0]).toMatchObject({ kind: 'ASCEND', durationS: 15, mode: 'RTL' });
  });

  it('lands in place at 2 m/s in LAND mode, and on the ground has nothing to do', () => {
    const l = buildLandingPlan(Q4, { lat: 0, lng: 0.005, altM: 40 }, 0, 90);
    expect(l.phases).toHaveLength(1);
    expect(l.phases[0]).toMatchObject({ kind: 'LAND', mode: 'LAND', durationS: 20 });
    expect(buildReturnPlan(Q4, { lat: 0, lng: 0, altM: 0 }, HUB, 60, 0, 45).phases).toHaveLength(0);
  });
});

describe('plan energy', () => {
  it('charges the avionics only while waiting on the pad: 8 W from 25.2 V for 5 s is 0.4409 mAh', () => {
    const pad = { ...plan(), phases: plan().phases.slice(0, 1) };
    expect(planEnergyMah(pad, Q4)).toBeCloseTo((8 / 25.2) * 5 / 3.6, 6);
  });

  it('costs a 1.1 km delivery about 10 % of a WX-Q4 battery', () => {
    const pct = (100 * planEnergyMah(plan(), Q4)) / Q4.battery.capacityMah;
    expect(pct).toBeGreaterThan(7);
    expect(pct).toBeLessThan(13);
  });
});
