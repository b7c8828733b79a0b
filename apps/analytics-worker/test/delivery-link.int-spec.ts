import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FleetRegistryClient, type Role } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { createTestDatabase, eventually, freePort, requestJson, ServiceProcess, type TestDatabase } from '@wingxtra/testing';
import { AnalyticsStack, flightPackets, JWT_SECRET, postAll } from './support/analytics-app.js';

/**
 * The flight ↔ order link against the real delivery-service (built, a child process on its own database),
 * sharing the token secret with analytics-worker as in production.
 */
describe('flights linked to the deliveries they flew (real delivery-service)', () => {
  let stack: AnalyticsStack;
  let deliveryDb: TestDatabase;
  let fleetDb: TestDatabase;
  let delivery: ServiceProcess;

  const call = async (role: Role, method: string, path: string, body?: unknown) => {
    const token = await stack.app.get(TokenService).sign({ sub: `${role.toLowerCase()}-1`, role, ...(role === 'MERCHANT' ? { merchant_id: 'm-link' } : {}) });
    return requestJson(method, `${delivery.url}${path}`, body, { authorization: `Bearer ${token}` });
  };

  beforeAll(async () => {
    const port = await freePort();
    // fleet-api with its drone registry, which delivery-service's dispatch reads.
    fleetDb = await createTestDatabase('wx_fleet_link');
    stack = await AnalyticsStack.start({ DELIVERY_API_URL: `http://127.0.0.1:${port}` }, { app: false, fleetEnv: { DATABASE_URL: fleetDb.url, JWT_SECRET } });
    deliveryDb = await createTestDatabase('wx_delivery_link');
    delivery = await new ServiceProcess({
      packageName: '@wingxtra/delivery-service',
      before: 'dist/database/migrate.cli.js',
      env: {
        PORT: String(port), DATABASE_URL: deliveryDb.url, REDIS_URL: stack.redis.url, QUEUE_PREFIX: 'wx-link-delivery', FLEET_API_URL: stack.fleet.url,
        JWT_SECRET, GCS_BRIDGE_SECRET: 'link-test-bridge-secret-0123', GCS_BRIDGE_URL: 'http://127.0.0.1:9', DISPATCH_INTERVAL_S: '3600', PROGRESS_INTERVAL_S: '3600', LOG_LEVEL: 'ERROR',
      },
    }).start();
    await stack.startApp();
  });

  afterAll(async () => {
    await delivery?.stop();
    await stack?.close();
    await deliveryDb?.drop();
    await fleetDb?.drop();
  });

  it('carries the order of the delivery job its drone held, and none for a drone without one', async () => {
    const admin = await stack.app.get(TokenService).sign({ sub: 'admin-1', role: 'ADMIN' });
    const registry = new FleetRegistryClient({ baseUrl: stack.fleet.url, token: admin });
    for (const id of ['WX-LINK-1', 'WX-LINK-2']) await registry.registerDrone({ drone_id: id, name: id, type: 'quadcopter', max_payload_kg: 5 });
    const order = await call('MERCHANT', 'POST', '/api/v1/orders', {
      customer_name: 'Ama Mensah', customer_phone: '+233201234567', pickup_lat: 5.6037, pickup_lng: -0.187, dropoff_lat: 5.6137, dropoff_lng: -0.177,
      payload_weight_kg: 1.2, payload_type: 'medicine',
    });
    expect(order.status).toBe(201);
    const assigned = await call('OPS', 'POST', `/api/v1/orders/${order.body.id}/assign`, { drone_id: 'WX-LINK-1', reason: 'link test: the drone flying this order' });
    expect(assigned.status).toBe(200);

    // Both drones fly 40 s from 20 s before the assignment (their flights overlap the job window), then land.
    const startMs = Date.now() - 20_000;
    await postAll(stack.fleet, [
      ...flightPackets({ droneId: 'WX-LINK-1', startMs, hz: 5, flightS: 40, groundS: 15 }),
      ...flightPackets({ droneId: 'WX-LINK-2', startMs, hz: 5, flightS: 40, groundS: 15 }),
    ]);
    const flightOf = (droneId: string) =>
      eventually(async () => {
        const res = await stack.call('GET', `/api/v1/drones/${droneId}/flights`);
        return res.body.items?.[0]?.computed_at ? res.body.items[0] : undefined;
      }, 30_000);
    expect((await flightOf('WX-LINK-1')).order_id).toBe(order.body.id);
    expect((await flightOf('WX-LINK-2')).order_id).toBeNull();
  });
});
