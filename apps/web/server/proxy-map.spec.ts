import { describe, expect, it } from '@jest/globals';
import { toPublicPath, toServicePath } from './proxy-map.js';

describe('proxy path mapping', () => {
  it('gives each service a prefix of its own, so overlapping service paths stay apart', () => {
    expect(toPublicPath('fleet', '/api/v1/drones')).toBe('/api/fleet/v1/drones');
    expect(toPublicPath('analytics', '/api/v1/drones/WX-1/flights?limit=5')).toBe('/api/analytics/v1/drones/WX-1/flights?limit=5');
    expect(toPublicPath('delivery', '/api/v1/tracking/K7Q2XH9MVaTR')).toBe('/api/delivery/v1/tracking/K7Q2XH9MVaTR');
  });

  it('maps a public path back onto the service and its own path', () => {
    expect(toServicePath('/api/fleet/v1/telemetry/stream')).toEqual({ service: 'fleet', path: '/api/v1/telemetry/stream' });
    expect(toServicePath('/api/analytics/v1/drones/WX-1/flights')).toEqual({ service: 'analytics', path: '/api/v1/drones/WX-1/flights' });
    expect(toServicePath('/api/delivery/v1/orders?status=QUEUED')).toEqual({ service: 'delivery', path: '/api/v1/orders?status=QUEUED' });
  });

  it('round-trips every service path', () => {
    for (const service of ['fleet', 'delivery', 'analytics'] as const) {
      const path = '/api/v1/x/y?z=1';
      expect(toServicePath(toPublicPath(service, path))).toEqual({ service, path });
    }
  });

  it('belongs no other path to a service', () => {
    expect(toServicePath('/api/v1/orders')).toBeNull();
    expect(toServicePath('/api/fleetx/v1/a')).toBeNull();
    expect(toServicePath('/ops/map')).toBeNull();
  });

  it('refuses to expose a service path outside its /api/ tree (metrics, docs)', () => {
    expect(() => toPublicPath('fleet', '/metrics')).toThrow("Only a service's /api/ paths are proxied");
  });
});
