import { describe, expect, it } from '@jest/globals';
import type { DroneLatest } from '@wingxtra/contracts';
import type { Intruder } from '../airspace/airspace-traffic.service.js';
import { distanceM } from '../geo/geo.js';
import { airspaceHold, intrusionsNear, judgeDrone, summariseIneligible, type DispatchPolicy, type RegisteredDrone } from './eligibility.js';

const order = { pickup: { lat: 5.6037, lng: -0.187 }, dropoff: { lat: 5.6137, lng: -0.177 }, payloadKg: 1 };
const track = (id: string, lat: number, lon: number, kind: 'drone' | 'aircraft' = 'drone'): Intruder => ({
  track_id: id, kind, source: kind === 'drone' ? 'remote_id' : 'adsb', kit_id: 'kit-001', serial: null, callsign: null, lat, lon, alt_m: 100, last_seen: '2026-12-01T10:00:00.000Z',
});

const policy: DispatchPolicy = { onlineWithinS: 30, energyPctPerKm: 4, batteryMinPct: 25, cruiseSpeedMps: 15 };
const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const registered = (over: Partial<RegisteredDrone> = {}): RegisteredDrone => ({ drone_id: 'WX-1', max_payload_kg: 3, home: null, active: true, maintenance: false, ...over });
/** fleet-api's latest state of a drone at the pickup, seen a second ago. */
const latest = (battery = 90, at = order.pickup): DroneLatest =>
  ({ drone_id: 'WX-1', last_seen_ts: new Date(NOW - 1000).toISOString(), online: true, telemetry: { position: { lat: at.lat, lon: at.lng, alt_m: 0 }, battery: { remaining_pct: battery } } }) as unknown as DroneLatest;

describe('judgeDrone', () => {
  it('takes a registered, active drone out of maintenance that can lift the payload and fly the trip', () => {
    const j = judgeDrone(order, 'WX-1', registered(), latest(), false, policy, NOW);
    expect(j).toMatchObject({ eligible: true, reasons: [], distance_to_pickup_m: 0, battery_pct: 90 });
  });

  it('names the fleet registry for a drone it does not know, has deactivated or has in maintenance', () => {
    expect(judgeDrone(order, 'WX-1', undefined, latest(), false, policy, NOW).reasons).toEqual(['not registered (fleet registry)']);
    expect(judgeDrone(order, 'WX-1', registered({ active: false }), latest(), false, policy, NOW).reasons).toEqual(['deactivated (fleet registry)']);
    expect(judgeDrone(order, 'WX-1', registered({ maintenance: true }), latest(), false, policy, NOW).reasons).toEqual(['in maintenance (fleet registry)']);
  });

  it("judges the payload against the registry's max_payload_kg", () => {
    expect(judgeDrone({ ...order, payloadKg: 3.01 }, 'WX-1', registered(), latest(), false, policy, NOW).reasons).toEqual(['payload 3.01 kg exceeds its 3 kg capacity']);
  });

  it("flies home to the registry's home {lat, lon}, else to where the drone is", () => {
    const here = judgeDrone(order, 'WX-1', registered(), latest(), false, policy, NOW).required_battery_pct!;
    const home = { lat: order.pickup.lat + 0.09, lng: order.pickup.lng };
    const far = judgeDrone(order, 'WX-1', registered({ home: { lat: home.lat, lon: home.lng } }), latest(), false, policy, NOW).required_battery_pct!;
    // The last leg ends at the registered home instead of back at the pickup, where the drone is.
    const extraKm = (distanceM(order.dropoff, home) - distanceM(order.dropoff, order.pickup)) / 1000;
    expect(extraKm).toBeGreaterThan(7);
    expect(far - here).toBeCloseTo(extraKm * policy.energyPctPerKm, 0);
  });

  it('counts each failed rule once across a fleet', () => {
    const all = [judgeDrone(order, 'WX-1', registered({ maintenance: true }), latest(), false, policy, NOW), judgeDrone(order, 'WX-2', registered({ active: false, maintenance: true }), undefined, false, policy, NOW)];
    expect(summariseIneligible(all)).toBe('no eligible drone among 2: 2 in maintenance, 1 deactivated, 1 never seen by fleet-api');
    expect(summariseIneligible([])).toBe('no drone is registered in the fleet registry');
  });
});

describe('airspaceHold', () => {
  it('holds nothing when the gate is off or the route is clear', () => {
    expect(airspaceHold(order, null, 500)).toBeNull();
    expect(airspaceHold(order, { known: true, intruders: [] }, 500)).toBeNull();
    expect(airspaceHold(order, { known: true, intruders: [track('far', 5.8, -0.187)] }, 500)).toBeNull();
  });

  it('holds a launch while an intruder is within the radius of the route, nearest named first', () => {
    const reason = airspaceHold(order, { known: true, intruders: [track('adsb-3c6444', 5.6095, -0.182, 'aircraft'), track('drone-a', 5.6087, -0.182), track('far', 5.8, -0.187)] }, 500);
    expect(reason).toMatch(/^airspace: launch held, 2 aircraft not ours within 500 m of the route: drone-a \(drone\) at \d m, adsb-3c6444 \(aircraft\) at \d+ m$/);
  });

  it('holds every launch while the traffic cannot be read (fail-safe)', () => {
    expect(airspaceHold(order, { known: false, reason: 'airspace traffic unknown (analytics-worker at http://a: HTTP 503)' }, 500)).toBe('airspace: launch held, airspace traffic unknown (analytics-worker at http://a: HTTP 503)');
  });
});

describe('intrusionsNear', () => {
  it('keeps the intruders within the radius of the route, with their distance rounded to metres', () => {
    const near = intrusionsNear(order, [track('beside', 5.6087 + 0.0027, -0.182 - 0.0027), track('beyond', 5.64, -0.15)], 500);
    expect(near.map((n) => n.intruder.track_id)).toEqual(['beside']);
    expect(near[0].distanceM).toBeGreaterThan(400);
    expect(near[0].distanceM).toBeLessThanOrEqual(500);
    expect(Number.isInteger(near[0].distanceM)).toBe(true);
  });
});
