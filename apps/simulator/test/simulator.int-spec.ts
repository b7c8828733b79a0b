import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FleetApiClient, FleetRegistryClient, MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, TERMINAL_ORDER_STATUSES, type DeliveryApiClient, type DeliveryEventDto, type OrderDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';
import { eventually, requestJson } from '@wingxtra/testing';
import { BRIDGE_SECRET, PlatformStack } from './support/platform-stack.js';

const HUB = { lat: 5.6037, lng: -0.187 };

async function timeline(ops: DeliveryApiClient, orderId: string): Promise<DeliveryEventDto[]> {
  return (await ops.getEvents(orderId)).items;
}

async function waitForStatus(ops: DeliveryApiClient, orderId: string, statuses: OrderDto['status'][], timeoutMs = 40_000): Promise<OrderDto> {
  let last = '';
  return eventually(async () => {
    const o = await ops.getOrder(orderId);
    last = o.status;
    return statuses.includes(o.status) ? o : undefined;
  }, timeoutMs, 100).catch((err: Error) => {
    throw new Error(`order ${orderId} is ${last}, not ${statuses.join(' or ')}: ${err.message}`);
  });
}

/** A signed POST to the bridge, as delivery-service makes it. */
function postIntent(url: string, body: string, intentId: string, secret = BRIDGE_SECRET) {
  const ts = Math.floor(Date.now() / 1000);
  return requestJson('POST', `${url}/api/v1/mission-intents`, body, {
    'idempotency-key': intentId,
    [MISSION_TIMESTAMP_HEADER]: String(ts),
    [MISSION_SIGNATURE_HEADER]: signMissionEvent(secret, ts, intentId, body),
  });
}

const intentFor = (over: Record<string, unknown> = {}) => ({
  schema_version: 1,
  intent_id: randomUUID(),
  order_id: randomUUID(),
  job_id: randomUUID(),
  drone_id: 'WX-SIM-001',
  pickup: { lat: HUB.lat, lng: HUB.lng, alt_m: 60 },
  dropoff: { lat: 5.6081, lng: -0.1843, alt_m: 60, delivery_alt_m: 15 },
  actions: ['TAKEOFF', 'CRUISE', 'DESCEND', 'DROP_OR_WINCH', 'ASCEND', 'RTL'],
  constraints: { battery_min_pct: 25 },
  safety: { abort_rtl_on_fail: true, loiter_timeout_s: 120, lost_link_behavior: 'RTL' },
  metadata: { payload_weight_kg: 1, payload_type: 'parcel', priority: 'NORMAL', order_created_at: new Date().toISOString(), intent_created_at: new Date().toISOString() },
  ...over,
});

describe('the simulated fleet against the real fleet-api and delivery-service', () => {
  let stack: PlatformStack;
  let ops: DeliveryApiClient;
  let merchant: DeliveryApiClient;

  beforeAll(async () => {
    stack = await PlatformStack.start();
    ops = await stack.client('OPS');
    merchant = await stack.client('MERCHANT');
  }, 90_000);

  afterAll(() => stack?.close(), 30_000);

  /** What dispatch believes a drone lifts: its entry in fleet-api's registry. */
  async function setMaxPayload(droneId: string, kg: number): Promise<void> {
    const registry = new FleetRegistryClient({ baseUrl: stack.fleetApis[0].url, token: (await stack.client('ADMIN')).token });
    await registry.updateDrone(droneId, { max_payload_kg: kg });
  }

  it('takes an order from CREATED to DELIVERED by itself, every step on the timeline', async () => {
    await eventually(async () => stack.driver.stats.delivered >= 1, 90_000, 200);
    const delivered = (await ops.listOrders({ status: 'DELIVERED' })).items[0];
    const types = (await timeline(ops, delivered.id)).map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['CREATED', 'VALIDATED', 'QUEUED', 'ASSIGNED']);
    const flown = ['MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING', 'PAYLOAD_DROPPED', 'DELIVERED'];
    expect(types.filter((t) => flown.includes(t))).toEqual(flown);
    const pod = await ops.getOrder(delivered.id);
    expect(pod.status).toBe('DELIVERED');
    const fleet = await new FleetApiClient({ baseUrl: stack.fleetApis[0].url }).getLatest();
    expect(fleet.drones.map((d) => d.drone_id).sort()).toEqual(['WX-SIM-001', 'WX-SIM-002', 'WX-SIM-003']);
    expect(fleet.drones.every((d) => d.online && d.telemetry.battery?.remaining_pct !== undefined)).toBe(true);
    expect(stack.fleet.stats.accepted).toBeGreaterThan(0);
    expect(stack.fleet.stats.failed).toBe(0);
    // Telemetry often moves an order before the bridge's event for the same step arrives: that is no reason to leave.
    expect(stack.bridge.stats.abandoned).toBe(0);
    const stats = await requestJson('GET', `${stack.simulatorUrl}/stats`);
    expect(stats.body).toMatchObject({ drones: 3, bridge: { abandoned: 0 }, telemetry: { failed: 0 } });
    expect(stats.body.driver.proofsRecorded).toBeGreaterThanOrEqual(1);
    expect((await ops.listOrders({ status: 'ABORTED' })).items).toEqual([]);
  }, 120_000);

  it("registers every drone in fleet-api's registry and flies it with a key of its own, kept for the next run", async () => {
    const keys = JSON.parse(readFileSync(stack.keysFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(['WX-SIM-001', 'WX-SIM-002', 'WX-SIM-003']);
    expect(new Set(Object.values(keys)).size).toBe(3);
    const registry = new FleetRegistryClient({ baseUrl: stack.fleetApis[0].url, token: (await stack.client('ADMIN')).token });
    const drones = (await registry.listDrones()).items;
    expect(drones.map((d) => [d.drone_id, d.type, d.max_payload_kg])).toEqual([
      ['WX-SIM-001', 'quadcopter', 2.5],
      ['WX-SIM-002', 'quadcopter', 2.5],
      ['WX-SIM-003', 'hexacopter', 5],
    ]);
    // fleet-api takes no fleet-wide key here, so every accepted packet came with a drone's own key.
    expect(stack.fleet.stats.accepted).toBeGreaterThan(0);
    // Their companion computers' heartbeats arrive too, with the same keys.
    const beating = await eventually(async () => {
      const items = (await registry.listDrones()).items;
      return items.every((d) => d.last_heartbeat_at !== null) ? items : undefined;
    }, 15_000, 200);
    expect(beating.map((d) => d.status)).not.toContain('offline');
  });

  it('has created the service area and made the three drones candidates for dispatch', async () => {
    const areas = await requestJson('GET', `${stack.delivery!.url}/api/v1/service-areas`, undefined, { authorization: `Bearer ${ops.token}` });
    expect(areas.body.items.map((a: { name: string }) => a.name)).toEqual(['Simulator demo area']);
    const order = await merchant.createOrder({ pickup_lat: HUB.lat, pickup_lng: HUB.lng, dropoff_lat: 5.6081, dropoff_lng: -0.1843, payload_weight_kg: 4, payload_type: 'water' });
    const candidates = (await ops.getCandidates(order.id)).items;
    expect(candidates.map((c) => c.drone_id).sort()).toEqual(['WX-SIM-001', 'WX-SIM-002', 'WX-SIM-003']);
    // 4 kg: only the hexacopter lifts it.
    expect(candidates.find((c) => c.drone_id === 'WX-SIM-001')!.reasons.join(' ')).toMatch(/payload|kg/);
    // The demo driver may have sent it off already; then it is delivered like the others (next test).
    await ops.cancelOrder(order.id, 'test: candidates only').catch(() => undefined);
  });

  it('lets the deliveries in the air finish once the driver stops ordering', async () => {
    await stack.driver.stop();
    // Orders not yet flying are withdrawn; the ones in the air are still confirmed when their payload drops.
    for (const o of (await ops.listOrders({ limit: 200 })).items) {
      if (['QUEUED', 'ASSIGNED'].includes(o.status)) await ops.cancelOrder(o.id, 'test: the driver stopped').catch(() => undefined);
    }
    await eventually(async () => {
      const all = (await ops.listOrders({ limit: 200 })).items;
      return all.every((o) => TERMINAL_ORDER_STATUSES.includes(o.status));
    }, 90_000, 250);
    expect((await ops.listOrders({ status: 'DELIVERED', limit: 200 })).items.length).toBeGreaterThanOrEqual(1);
    await eventually(async () => stack.fleet.drones.every((d) => d.idle), 60_000, 250);
  }, 150_000);

  describe('the bridge endpoint', () => {
    it('refuses an unsigned intent, or one signed with another secret, with 401 before reading it', async () => {
      const body = JSON.stringify(intentFor());
      const unsigned = await requestJson('POST', `${stack.simulatorUrl}/api/v1/mission-intents`, body);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.message).toBe('Missing or invalid x-wingxtra-signature / x-wingxtra-timestamp / idempotency-key');
      const intent = intentFor();
      expect((await postIntent(stack.simulatorUrl, JSON.stringify(intent), intent.intent_id, 'another-secret-0123456789')).status).toBe(401);
    });

    it('refuses an intent that breaks the contract with 422 naming each field', async () => {
      const intent = intentFor({ safety: { abort_rtl_on_fail: true, loiter_timeout_s: 7200, lost_link_behavior: 'HOVER' } });
      const res = await postIntent(stack.simulatorUrl, JSON.stringify(intent), intent.intent_id);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'safety.loiter_timeout_s', message: 'must be <= 3600' },
          { field: 'safety.lost_link_behavior', message: 'must be equal to one of the allowed values' },
        ]),
      );
      expect(res.body.message).toMatch(/^The mission intent does not satisfy its contract: /);
    });

    it('refuses a drone it does not fly and a payload the drone cannot lift, with the reasons', async () => {
      const stranger = intentFor({ drone_id: 'WX-OTHER-9' });
      const a = await postIntent(stack.simulatorUrl, JSON.stringify(stranger), stranger.intent_id);
      expect(a.status).toBe(422);
      expect(a.body.reasons).toEqual(['drone WX-OTHER-9 is not in this fleet']);
      const heavy = intentFor({ metadata: { ...intentFor().metadata, payload_weight_kg: 4 } });
      const b = await postIntent(stack.simulatorUrl, JSON.stringify(heavy), heavy.intent_id);
      expect(b.status).toBe(422);
      expect(b.body.reasons).toEqual(['payload 4 kg exceeds the 2.5 kg a WX-Q4 lifts']);
    });

    it('answers a repeat of an accepted intent with the same acceptance, and a reused id with another body with 422', async () => {
      const intent = intentFor({ drone_id: 'WX-SIM-003' });
      const first = await postIntent(stack.simulatorUrl, JSON.stringify(intent), intent.intent_id);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ intent_id: intent.intent_id, status: 'ACCEPTED', drone_id: 'WX-SIM-003', queued: false });
      const again = await postIntent(stack.simulatorUrl, JSON.stringify(intent), intent.intent_id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const changed = await postIntent(stack.simulatorUrl, JSON.stringify({ ...intent, drone_id: 'WX-SIM-002' }), intent.intent_id);
      expect(changed.status).toBe(422);
      expect(changed.body.message).toBe(`Intent ${intent.intent_id} was received before with a different body`);
      // Not delivery-service's intent: its events are refused there (404); the drone is called home.
      stack.fleet.drone('WX-SIM-003')!.abort(intent.intent_id);
      await eventually(async () => stack.fleet.drone('WX-SIM-003')!.idle, 30_000, 100);
    });
  });

  it("records delivery-service's intent as refused, with the bridge's reason, when the assigned drone cannot lift the payload", async () => {
    // The dispatch registry overstates WX-SIM-001's payload, so delivery-service sends it a parcel it cannot lift.
    await setMaxPayload('WX-SIM-001', 10);
    const order = await merchant.createOrder({ pickup_lat: HUB.lat, pickup_lng: HUB.lng, dropoff_lat: 5.6081, dropoff_lng: -0.1843, payload_weight_kg: 4, payload_type: 'water' });
    await waitForStatus(ops, order.id, ['ASSIGNED']); // by the scheduler, every second
    await ops.assignOrder(order.id, { drone_id: 'WX-SIM-001', reason: 'test: the registry says it lifts 10 kg' });
    await ops.submitMissionIntent(order.id);
    const rejected = await eventually(async () => (await timeline(ops, order.id)).find((e) => e.type === 'MISSION_REJECTED'), 20_000, 100);
    expect(rejected.message).toMatch(/payload 4 kg exceeds the 2\.5 kg a WX-Q4 lifts/);
    expect((await ops.getOrder(order.id)).status).toBe('ASSIGNED');
    await ops.cancelOrder(order.id, 'test done');
    await setMaxPayload('WX-SIM-001', 2.5);
  }, 60_000);

  it('re-queues an order after a low-battery failsafe and aborts it when the second attempt fails the same way', async () => {
    const order = await merchant.createOrder({ pickup_lat: HUB.lat, pickup_lng: HUB.lng, dropoff_lat: 5.6095, dropoff_lng: -0.183, payload_weight_kg: 1, payload_type: 'lab samples' });
    const failAttempt = async () => {
      const assigned = await waitForStatus(ops, order.id, ['ASSIGNED']);
      await ops.submitMissionIntent(order.id);
      await waitForStatus(ops, order.id, ['ENROUTE']);
      stack.fleet.drone(assigned.active_job!.drone_id)!.injectFault('low_battery');
    };
    await failAttempt();
    const requeued = await eventually(async () => (await timeline(ops, order.id)).find((e) => e.type === 'ABORTED_REQUEUED'), 20_000, 100);
    expect(requeued.message).toMatch(/failsafe LOW_BATTERY: battery at \d+\.\d %, below the mission's 25 %: returning home/);
    await failAttempt();
    const ended = await waitForStatus(ops, order.id, ['ABORTED']);
    expect(ended.active_job).toBeNull();
    const types = (await timeline(ops, order.id)).map((e) => e.type);
    expect(types.filter((t) => ['ABORTED_REQUEUED', 'ABORTED'].includes(t))).toEqual(['ABORTED_REQUEUED', 'ABORTED']);
  }, 90_000);

  it('after a restart, reports the missions it lost so that their orders fly again and are delivered', async () => {
    const order = await merchant.createOrder({ pickup_lat: HUB.lat, pickup_lng: HUB.lng, dropoff_lat: 5.6081, dropoff_lng: -0.1843, payload_weight_kg: 1, payload_type: 'documents' });
    await waitForStatus(ops, order.id, ['ASSIGNED']);
    await ops.submitMissionIntent(order.id);
    await waitForStatus(ops, order.id, ['ENROUTE']);
    await stack.restartSimulator(); // the new process knows nothing of that flight; its demo driver starts
    const lost = await eventually(async () => (await timeline(ops, order.id)).find((e) => e.type === 'ABORTED_REQUEUED'), 20_000, 100);
    expect(lost.message).toMatch(/the GCS bridge restarted and lost this mission of WX-SIM-00\d/);
    await waitForStatus(ops, order.id, ['DELIVERED'], 60_000);
    const pod = await ops.getOrder(order.id);
    expect(pod.active_job).toBeNull();
    await stack.driver.stop();
  }, 120_000);
});
