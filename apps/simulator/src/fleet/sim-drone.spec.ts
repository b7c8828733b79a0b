import { describe, expect, it } from '@jest/globals';
import { AIRFRAMES } from '../model/airframe.js';
import { parseFaults } from '../model/faults.js';
import { distanceM } from '../model/geo.js';
import { seededRng } from '../model/random.js';
import { SimDrone, type DroneEvent, type Mission } from './sim-drone.js';

const HUB = { lat: 0, lng: 0 };
const CRUISE_S = 1111.9508 / 15; // 0.01° of longitude on the equator at 15 m/s
const mission = (over: Partial<Mission> = {}): Mission => ({
  intentId: 'intent-1',
  orderId: 'order-1',
  pickup: HUB,
  dropoff: { lat: 0, lng: 0.01 },
  cruiseAltM: 60,
  deliveryAltM: 15,
  payloadKg: 1.5,
  batteryMinPct: 25,
  lostLinkBehavior: 'RTL',
  ...over,
});
const drone = (faults = '', turnaroundS = 20) =>
  new SimDrone('WX-SIM-001', AIRFRAMES['WX-Q4'], HUB, { lostLinkTimeoutS: 10, turnaroundS, faults: parseFaults(faults), rng: seededRng(7) }, 0);
const progress = (events: DroneEvent[]) => events.filter((e) => e.kind === 'progress').map((e) => [e.kind === 'progress' && e.type, Number(e.atS.toFixed(2))]);

describe('a simulated drone flying a delivery', () => {
  it('reports launch, en route, arrival, delivering and the drop at the times its plan gives', () => {
    const d = drone();
    expect(d.assign(mission())).toBe('STARTED');
    const events = d.advance(400);
    // Pre-flight 5 s; climb 20 s; cruise; descent 22.5 s; hover 3 s; drop 2 s.
    expect(progress(events)).toEqual([
      ['LAUNCHED', 5],
      ['ENROUTE', 25],
      ['ARRIVED', Number((25 + CRUISE_S).toFixed(2))],
      ['DELIVERING', Number((50.5 + CRUISE_S).toFixed(2))],
      ['DROPPED', Number((52.5 + CRUISE_S).toFixed(2))],
    ]);
    const landed = events.at(-1)!;
    expect(landed).toMatchObject({ kind: 'landed', intentId: 'intent-1', delivered: true });
    expect(landed.atS).toBeCloseTo(102.5 + 2 * CRUISE_S, 6);
  });

  it('is over the dropoff, armed in AUTO, when it reports the drop', () => {
    const d = drone();
    d.assign(mission());
    d.advance(53 + CRUISE_S);
    const s = d.snapshot();
    expect(distanceM(s.position!, { lat: 0, lng: 0.01 })).toBeLessThan(0.5);
    expect(s.position!.altM).toBeCloseTo(15, 6);
    expect(s).toMatchObject({ armed: true, mode: 'AUTO' });
  });

  it('draws the same charge, to within 0.5 %, whether advanced phase by phase or in quarter seconds', () => {
    const once = drone();
    once.assign(mission());
    once.advance(200);
    const often = drone();
    often.assign(mission());
    for (let t = 0.25; t <= 200; t += 0.25) often.advance(t);
    // Each step draws at the voltage it starts with; over a whole phase the voltage falls a little, hence not exact.
    expect(Math.abs(often.mahDrawn - once.mahDrawn) / once.mahDrawn).toBeLessThan(0.005);
  });

  it('sits disarmed in LOITER on its pad after landing, and has a fresh battery after the turnaround', () => {
    const d = drone('', 20);
    d.assign(mission());
    const landedAt = 102.5 + 2 * CRUISE_S;
    d.advance(landedAt + 1);
    expect(d.snapshot()).toMatchObject({ armed: false, mode: 'LOITER', groundspeedMps: 0, throttle: 0 });
    expect(d.batteryPct).toBeLessThan(95);
    d.advance(landedAt + 21);
    expect(d.batteryPct).toBe(100);
  });

  it('flies a mission given while returning once it has landed and turned around', () => {
    const d = drone('', 20);
    d.assign(mission());
    d.advance(60 + CRUISE_S); // dropped, climbing out
    expect(d.assign(mission({ intentId: 'intent-2' }))).toBe('QUEUED');
    const events = d.advance(102.5 + 2 * CRUISE_S + 20 + 6);
    expect(events.filter((e) => e.intentId === 'intent-2').map((e) => e.kind === 'progress' && e.type)).toEqual(['LAUNCHED']);
  });

  it('turns home without delivering when its mission is given up on the way out, and has nothing to give up once it dropped', () => {
    const outbound = drone();
    outbound.assign(mission());
    outbound.advance(30); // en route
    expect(outbound.abort('intent-1')).toBe(true);
    const back = outbound.advance(400);
    expect(progress(back).map(([type]) => type)).not.toContain('DROPPED');
    expect(back.at(-1)).toMatchObject({ kind: 'landed', delivered: false });

    const homebound = drone();
    homebound.assign(mission());
    const out = homebound.advance(60 + CRUISE_S); // dropped, climbing out
    expect(progress(out).map(([type]) => type)).toContain('DROPPED');
    expect(homebound.abort('intent-1')).toBe(false);
    expect(homebound.abort('intent-other')).toBe(false);
    expect(homebound.advance(400).at(-1)).toMatchObject({ kind: 'landed', delivered: true });
  });

  it('refuses a second mission while flying one, a payload it cannot lift, and a trip its battery cannot cover', () => {
    const d = drone();
    d.assign(mission());
    d.advance(30);
    expect(d.refusal(mission({ intentId: 'intent-2' }))).toBe('drone WX-SIM-001 is flying intent intent-1');
    const idle = drone();
    expect(idle.refusal(mission({ payloadKg: 3 }))).toBe('payload 3 kg exceeds the 2.5 kg a WX-Q4 lifts');
    const far = idle.refusal(mission({ dropoff: { lat: 0, lng: 0.2 } })); // 22 km out and back
    expect(far).toMatch(/^battery at 100\.0 % cannot cover the \d+\.\d % this mission needs and keep the 25 % reserve$/);
  });
});

describe('faults', () => {
  it('turns home in RTL on a failing battery and reports LOW_BATTERY, never the drop', () => {
    const d = drone();
    d.assign(mission());
    d.advance(40); // cruising east
    d.injectFault('low_battery');
    const events = d.advance(41);
    expect(events).toEqual([expect.objectContaining({ kind: 'failsafe', failsafe: 'LOW_BATTERY', intentId: 'intent-1' })]);
    expect((events[0] as { reason: string }).reason).toMatch(/^battery at 23\.0 %, below the mission's 25 %: returning home$/);
    expect(d.snapshot()).toMatchObject({ mode: 'RTL' });
    expect(d.snapshot().headingDeg).toBeCloseTo(270, 3);
    const rest = d.advance(400);
    expect(rest.map((e) => e.kind)).toEqual(['landed']);
    expect(rest[0]).toMatchObject({ delivered: false });
    expect(distanceM(rest[0].position, HUB)).toBeLessThan(0.5);
  });

  it('applies the lost-link behaviour 10 s into a 20 s link loss, and the link comes back after 20 s', () => {
    const d = drone();
    d.assign(mission());
    d.advance(40);
    d.injectFault('link_loss', 20);
    expect(d.linkUp(45)).toBe(false);
    const events = d.advance(55);
    expect(events).toEqual([expect.objectContaining({ kind: 'failsafe', failsafe: 'LOST_LINK', atS: 50 })]);
    expect(d.linkUp(60)).toBe(true);
  });

  it('lands where it is when the intent says LAND on a lost link', () => {
    const d = drone();
    d.assign(mission({ lostLinkBehavior: 'LAND' }));
    d.advance(40);
    d.injectFault('link_loss', 20);
    d.advance(51);
    expect(d.snapshot()).toMatchObject({ mode: 'LAND' });
    expect(d.snapshot().vzMps).toBeCloseTo(-2, 9);
  });

  it('keeps flying through a short link loss, and through any with lost_link_behavior CONTINUE', () => {
    const short = drone();
    short.assign(mission());
    short.advance(40);
    short.injectFault('link_loss', 8);
    expect(short.advance(60).filter((e) => e.kind === 'failsafe')).toEqual([]);
    const cont = drone();
    cont.assign(mission({ lostLinkBehavior: 'CONTINUE' }));
    cont.advance(40);
    cont.injectFault('link_loss', 20);
    expect(cont.advance(400).filter((e) => e.kind === 'failsafe')).toEqual([]);
  });

  it('reports a position 150 to 400 m off during a GPS glitch and the true one after it', () => {
    const d = drone();
    d.assign(mission());
    d.advance(40);
    const truth = d.snapshot().position!;
    d.injectFault('gps_glitch', 5);
    const off = distanceM(d.snapshot().position!, truth);
    expect(off).toBeGreaterThanOrEqual(150);
    expect(off).toBeLessThanOrEqual(400);
    d.advance(46);
    const s = d.snapshot();
    expect(s.position!.lng).toBeCloseTo(truth.lng + (6 * 15) / 111_195.08, 5);
  });

  it('strikes every mission with a fault of probability 1, on the way out', () => {
    const d = drone('low_battery:1');
    d.assign(mission());
    const events = d.advance(400);
    const failsafe = events.find((e) => e.kind === 'failsafe')!;
    expect(failsafe).toMatchObject({ failsafe: 'LOW_BATTERY' });
    expect(failsafe.atS).toBeGreaterThanOrEqual(5);
    expect(failsafe.atS).toBeLessThan(50.5 + CRUISE_S);
    expect(events.some((e) => e.kind === 'progress' && e.type === 'DROPPED')).toBe(false);
  });
});
