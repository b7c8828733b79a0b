import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClientError, FleetRegistryClient } from '@wingxtra/contracts';
import { sleep } from '@wingxtra/testing';
import { decodeJwt } from 'jose';
import { ServiceTokenProvider } from '../src/auth/service-token.provider.js';
import { DeliveryStack, DROPOFF, orderBody, PICKUP } from './support/delivery-app.js';

/** How long order validation may use its last good copy of the registry in this file (FLEET_REGISTRY_STALE_MAX_S). */
const STALE_MAX_S = 8;

describe('delivery-service as a client of fleet-api\'s registry', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await DeliveryStack.start({ FLEET_REGISTRY_STALE_MAX_S: String(STALE_MAX_S) });
    await stack.registerDrone('WX-FR-1', 3);
    await stack.fleet.report('WX-FR-1', { lat: PICKUP.lat + 0.004, lon: PICKUP.lng, battery: 90 });
    await stack.geofence('Accra central', 'service_area', PICKUP, 0.05);
  });

  afterAll(() => stack?.close());

  it('signs its own short-lived OPS token, reuses it, and fleet-api takes it for reads but not for changes', async () => {
    const provider = stack.app.get(ServiceTokenProvider);
    const token = await provider.token();
    expect(await provider.token()).toBe(token);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'system:delivery-service', role: 'OPS' });
    expect(claims.exp! - claims.iat!).toBe(300);

    const asService = new FleetRegistryClient({ baseUrl: stack.fleet.url, token });
    expect((await asService.listDrones()).items.map((d) => d.drone_id)).toContain('WX-FR-1');
    expect((await asService.listGeofences()).items.map((g) => g.name)).toEqual(['Accra central']);
    const write = await asService.registerDrone({ drone_id: 'WX-FR-NOPE', name: 'nope', type: 'quadcopter', max_payload_kg: 1 }).catch((err: unknown) => err);
    expect(write).toBeInstanceOf(ApiClientError);
    expect((write as ApiClientError).status).toBe(403);
  });

  it('while fleet-api is away: dispatch answers 503, orders are validated with the last good copy, then 503 after the window', async () => {
    const order = await stack.createOrder(); // the last good read of the registry and the geofences
    const lastGood = Date.now();
    await stack.fleet.stop();

    // Orders: the copy still says 3 kg and where the service area is.
    expect((await stack.call('POST', '/api/v1/orders', orderBody())).status).toBe(201);
    const heavy = await stack.call('POST', '/api/v1/orders', orderBody({ payload_weight_kg: 3.5 }));
    expect([heavy.status, heavy.body.message]).toEqual([422, 'payload_weight_kg 3.5 exceeds the largest capacity in the fleet (3 kg)']);
    const outside = await stack.call('POST', '/api/v1/orders', orderBody({ dropoff_lat: DROPOFF.lat + 0.2 }));
    expect([outside.status, outside.body.rule]).toEqual([422, 'outside_service_area']);
    const areas = await stack.call('GET', '/api/v1/service-areas', undefined, { role: 'MERCHANT' });
    expect([areas.status, areas.body.items.map((a: { name: string }) => a.name)]).toEqual([200, ['Accra central']]);

    // Dispatch never works from an old copy.
    const run = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect([run.status, run.headers.get('retry-after')]).toEqual([503, '5']);
    expect(run.body.message).toMatch(/^fleet-api is unavailable, so no drone can be judged: /);
    const candidates = await stack.call('GET', `/api/v1/orders/${order.id}/candidates`);
    expect([candidates.status, candidates.body.message]).toEqual([503, expect.stringMatching(/^fleet-api is unavailable, so no drone can be judged: /)]);
    const manual = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-FR-1', reason: 'fleet-api is down' });
    expect([manual.status, manual.body.message]).toEqual([503, expect.stringMatching(/^fleet-api is unavailable, so drone WX-FR-1 cannot be judged: its drone registry cannot be read \(.*ECONNREFUSED/)]);
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('QUEUED');

    await sleep(lastGood + STALE_MAX_S * 1000 + 500 - Date.now());
    const late = await stack.call('POST', '/api/v1/orders', orderBody());
    expect([late.status, late.headers.get('retry-after')]).toEqual([503, '5']);
    expect(late.body.message).toMatch(new RegExp(`^fleet-api's drone registry cannot be read \\(.*ECONNREFUSED.*\\) and no copy of the last ${STALE_MAX_S} s is held$`));
    expect((await stack.call('GET', '/api/v1/service-areas')).status).toBe(503);
  });
});
