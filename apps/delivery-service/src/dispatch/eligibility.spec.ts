import { describe, expect, it } from '@jest/globals';
import type { Intruder } from '../airspace/airspace-traffic.service.js';
import { airspaceHold, intrusionsNear } from './eligibility.js';

const order = { pickup: { lat: 5.6037, lng: -0.187 }, dropoff: { lat: 5.6137, lng: -0.177 }, payloadKg: 1 };
const track = (id: string, lat: number, lon: number, kind: 'drone' | 'aircraft' = 'drone'): Intruder => ({
  track_id: id, kind, source: kind === 'drone' ? 'remote_id' : 'adsb', kit_id: 'kit-001', serial: null, callsign: null, lat, lon, alt_m: 100, last_seen: '2026-12-01T10:00:00.000Z',
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
