import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { eventually } from '@wingxtra/testing';
import { BridgeServer } from './support/bridge-server.js';
import { DeliveryStack } from './support/delivery-app.js';

describe('when PostgreSQL or Redis blinks', () => {
  let stack: DeliveryStack;
  let bridge: BridgeServer;

  beforeAll(async () => {
    bridge = await new BridgeServer([202]).start();
    stack = await DeliveryStack.start({ GCS_BRIDGE_URL: bridge.url });
    await stack.registerDrone('WX-RES-1', 3);
  });

  afterAll(async () => {
    await stack.db?.setReachable(true).catch(() => undefined);
    await stack.close();
    await bridge.stop();
  });

  it('answers 503 with Retry-After while the database is unreachable, and recovers by itself', async () => {
    expect((await stack.call('GET', '/api/v1/orders')).status).toBe(200);
    // An outage of this test's database only: refuse new connections and cut the open ones.
    await stack.db.setReachable(false);
    const during = await eventually(async () => {
      const res = await stack.call('POST', '/api/v1/orders', { pickup_lat: 5.6, pickup_lng: -0.18, dropoff_lat: 5.61, dropoff_lng: -0.17, payload_weight_kg: 1, payload_type: 'box' });
      return res.status === 503 ? res : undefined;
    }, 5000);
    expect(during.headers.get('retry-after')).toBe('2');
    expect(during.body.message).toBe('A data store is unavailable; retry shortly');
    const ready = await stack.call('GET', '/readyz', undefined, { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/^postgres:/);

    await stack.db.setReachable(true);
    const after = await eventually(async () => {
      const res = await stack.call('POST', '/api/v1/orders', { pickup_lat: 5.6, pickup_lng: -0.18, dropoff_lat: 5.61, dropoff_lng: -0.17, payload_weight_kg: 1, payload_type: 'box', customer_name: 'After outage' });
      return res.status === 201 ? res : undefined;
    }, 10_000);
    expect(after.body.status).toBe('QUEUED');
    expect((await stack.call('GET', '/readyz', undefined, { token: null })).status).toBe(200);
  });

  it('keeps publishing mission intents after its Redis connections are cut', async () => {
    await stack.fleet.report('WX-RES-1', { lat: 5.6037, lon: -0.187, battery: 95 });
    const redisAdmin = new Redis(stack.redis.url);
    try {
      const clients = (await redisAdmin.client('LIST')) as string;
      // delivery-service's connections only (fleet-api shares the database index but names its own).
      const ours = clients.split('\n').filter((l) => l.includes(` db=${stack.redis.db} `) && !/name=fleet-api/.test(l) && !l.includes('cmd=client|list'));
      expect(ours.length).toBeGreaterThan(1);
      for (const line of ours) await redisAdmin.client('KILL', 'ID', /id=(\d+)/.exec(line)![1]).catch(() => undefined);
    } finally {
      redisAdmin.disconnect();
    }
    const order = await stack.createOrder();
    await eventually(async () => (await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-RES-1', reason: 'resilience test' })).status === 200, 10_000);
    const submitted = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`, {});
    expect(submitted.status).toBe(202);
    await eventually(async () => (await stack.call('GET', `/api/v1/orders/${order.id}`)).body.status === 'MISSION_SUBMITTED', 15_000);
    expect(bridge.received.map((i) => i.order_id)).toContain(order.id);
    expect(bridge.signed.every(Boolean)).toBe(true); // intents reach the bridge signed with GCS_BRIDGE_SECRET
  });
});
