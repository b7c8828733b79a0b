import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { MissionEventDto, MissionIntentDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';
import { eventually, requestJson, sleep, type JsonResponse } from '@wingxtra/testing';
import { ProgressService } from '../src/progress/progress.service.js';
import { BridgeServer } from './support/bridge-server.js';
import { BRIDGE_SECRET, DeliveryStack, DROPOFF, PICKUP } from './support/delivery-app.js';

/** Metres in one degree of latitude on the sphere the service measures on. */
const M_PER_DEG_LAT = 111_195.08;

const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@wingxtra/contracts/schemas/mission-intent.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateIntent = ajv.compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

interface Staged {
  order: Body;
  droneId: string;
  pickup: { lat: number; lng: number };
  dropoff: { lat: number; lng: number };
  intentId?: string;
}

/** Timeline entries of an order as OPS sees them. */
async function timeline(stack: DeliveryStack, orderId: string): Promise<Body[]> {
  const res = await stack.call('GET', `/api/v1/orders/${orderId}/events?limit=500`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function orderStatus(stack: DeliveryStack, orderId: string): Promise<string> {
  return (await stack.call('GET', `/api/v1/orders/${orderId}`)).body.status;
}

function bridgeEvent(type: MissionEventDto['type'], extra: Partial<MissionEventDto> = {}): MissionEventDto {
  return { event_id: `ev-${randomUUID()}`, type, at: new Date().toISOString(), ...extra };
}

/** Posts a bridge event signed the way the GCS bridge signs it (or as `sign` says). */
async function postEvent(stack: DeliveryStack, intentId: string, event: MissionEventDto, sign: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const raw = JSON.stringify(event);
  const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = sign.headers ?? { 'x-wingxtra-timestamp': String(timestamp), 'x-wingxtra-signature': signMissionEvent(sign.secret ?? BRIDGE_SECRET, timestamp, intentId, raw) };
  return requestJson('POST', `${stack.url}/api/v1/missions/${intentId}/events`, raw, headers);
}

describe('mission intents and mission progress', () => {
  let stack: DeliveryStack;
  let bridge: BridgeServer;
  let sweeper: ProgressService;
  let seq = 0;

  beforeAll(async () => {
    // The bridge's script is consumed by the first intent published in this stack: 503, 503, then 202 forever.
    bridge = await new BridgeServer([503, 503, 202]).start();
    stack = await DeliveryStack.start({ GCS_BRIDGE_URL: bridge.url, ONLINE_WITHIN_S: '2' });
    sweeper = stack.app.get(ProgressService);
  });

  afterAll(async () => {
    await stack?.close();
    await bridge?.stop();
  });

  /**
   * A new order assigned by a real dispatch run to a new drone reporting at its pickup. Each order gets its
   * own pickup, kilometres from the others, so the run gives it this drone and no other.
   */
  async function assignedOrder(as: { role?: 'MERCHANT' } = {}): Promise<Staged> {
    const n = ++seq;
    const pickup = { lat: PICKUP.lat + n * 0.03, lng: PICKUP.lng };
    const dropoff = { lat: DROPOFF.lat + n * 0.03, lng: DROPOFF.lng };
    const droneId = `WX-MS-${n}`;
    await stack.registerDrone(droneId, 5);
    const created = await stack.createOrder({ pickup_lat: pickup.lat, pickup_lng: pickup.lng, dropoff_lat: dropoff.lat, dropoff_lng: dropoff.lng }, as);
    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 100 });
    await dispatchTo(created.id, droneId, pickup);
    return { order: (await stack.call('GET', `/api/v1/orders/${created.id}`)).body, droneId, pickup, dropoff };
  }

  async function dispatchTo(orderId: string, droneId: string, pickup: { lat: number; lng: number }): Promise<void> {
    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 100 });
    const run = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(run.status).toBe(200);
    expect(run.body.decisions.find((d: Body) => d.order_id === orderId)).toMatchObject({ assigned: true, drone_id: droneId });
  }

  async function submit(orderId: string): Promise<string> {
    const res = await stack.call('POST', `/api/v1/orders/${orderId}/submit-mission-intent`);
    expect(res.status).toBe(202);
    await eventually(async () => (await orderStatus(stack, orderId)) === 'MISSION_SUBMITTED', 10_000);
    return res.body.intent_id;
  }

  async function submittedOrder(): Promise<Staged> {
    const staged = await assignedOrder();
    return { ...staged, intentId: await submit(staged.order.id) };
  }

  describe('submitting a mission intent', () => {
    it('keeps publishing through two 503s and marks the order MISSION_SUBMITTED once the bridge accepts', async () => {
      const { order } = await assignedOrder();
      const res = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`);
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('PENDING');
      const intentId = res.body.intent_id;

      await eventually(async () => (await orderStatus(stack, order.id)) === 'MISSION_SUBMITTED', 10_000);
      const intent = await stack.prisma.missionIntent.findUniqueOrThrow({ where: { id: intentId } });
      expect(intent.status).toBe('ACCEPTED');
      expect(intent.attempts).toBe(3);
      expect(intent.acceptedAt).not.toBeNull();

      const sent = bridge.received.filter((i) => i.intent_id === intentId);
      expect(sent).toHaveLength(3);
      expect(sent[1]).toEqual(sent[0]);
      expect(sent[2]).toEqual(sent[0]);
      expect(bridge.signed.filter((ok, i) => ok && bridge.received[i].intent_id === intentId)).toHaveLength(3); // every publish signed

      const types = (await timeline(stack, order.id)).map((e) => e.type);
      expect(types.slice(-2)).toEqual(['MISSION_INTENT_CREATED', 'MISSION_SUBMITTED']);
    });

    it("builds an intent that satisfies the published JSON Schema, with the order's pickup, dropoff and drone", async () => {
      const { order, droneId, pickup, dropoff } = await assignedOrder();
      const res = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`);
      expect(res.status).toBe(202);
      const intent: MissionIntentDto = res.body.intent;

      const valid = validateIntent(intent);
      expect(validateIntent.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(intent).toMatchObject({
        intent_id: res.body.intent_id,
        order_id: order.id,
        job_id: order.active_job.id,
        drone_id: droneId,
        pickup: { lat: pickup.lat, lng: pickup.lng },
        dropoff: { lat: dropoff.lat, lng: dropoff.lng },
        metadata: { payload_weight_kg: 1.2, payload_type: 'medicine', priority: 'NORMAL' },
      });
      // What the bridge receives is exactly what was built.
      const received = await eventually(async () => bridge.received.find((i) => i.intent_id === intent.intent_id));
      expect(received).toEqual(intent);
      await eventually(async () => (await orderStatus(stack, order.id)) === 'MISSION_SUBMITTED');
    });

    it('refuses to submit an order that is not ASSIGNED (409) and publishes nothing', async () => {
      const { order, intentId } = await submittedOrder();
      const publishedBefore = bridge.received.length;
      const again = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`);
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('Order is MISSION_SUBMITTED; a mission intent is submitted for ASSIGNED orders');
      expect(again.body.allowed_from).toEqual(['ASSIGNED']);

      const waiting = await stack.createOrder();
      const early = await stack.call('POST', `/api/v1/orders/${waiting.id}/submit-mission-intent`);
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('Order is QUEUED');
      await stack.call('POST', `/api/v1/orders/${waiting.id}/cancel`, { reason: 'test clean-up' });

      await sleep(200);
      expect(bridge.received.length).toBe(publishedBefore);
      expect(await stack.prisma.missionIntent.count({ where: { orderId: { in: [order.id, waiting.id] } } })).toBe(1);
      expect((await stack.prisma.missionIntent.findFirstOrThrow({ where: { orderId: order.id } })).id).toBe(intentId);
    });

    it('lets only OPS submit: a merchant gets 403 for its own assigned order', async () => {
      const { order } = await assignedOrder({ role: 'MERCHANT' });
      const res = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`, undefined, { role: 'MERCHANT' });
      expect(res.status).toBe(403);
      expect(await orderStatus(stack, order.id)).toBe('ASSIGNED');
      expect(await stack.prisma.missionIntent.count({ where: { orderId: order.id } })).toBe(0);
    });
  });

  describe('signed mission events from the bridge', () => {
    it('moves the order through LAUNCHED, ENROUTE and ARRIVED as the bridge reports them', async () => {
      const { order, intentId } = await submittedOrder();
      for (const type of ['LAUNCHED', 'ENROUTE', 'ARRIVED'] as const) {
        const res = await postEvent(stack, intentId!, bridgeEvent(type));
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ applied: true, duplicate: false, order_status: type });
        expect(await orderStatus(stack, order.id)).toBe(type);
      }
      const moves = (await timeline(stack, order.id)).filter((e) => e.to_status).map((e) => e.to_status);
      expect(moves.slice(-4)).toEqual(['MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED']);
    });

    it('fills in LAUNCHED when ENROUTE comes straight after MISSION_SUBMITTED', async () => {
      const { order, intentId } = await submittedOrder();
      const res = await postEvent(stack, intentId!, bridgeEvent('ENROUTE'));
      expect(res.body).toEqual({ applied: true, duplicate: false, order_status: 'ENROUTE' });
      const moves = (await timeline(stack, order.id)).filter((e) => e.to_status);
      expect(moves.slice(-3).map((e) => [e.from_status, e.to_status])).toEqual([
        ['ASSIGNED', 'MISSION_SUBMITTED'],
        ['MISSION_SUBMITTED', 'LAUNCHED'],
        ['LAUNCHED', 'ENROUTE'],
      ]);
      expect(moves[moves.length - 2].message).toContain('(LAUNCHED inferred)');
    });

    it('acknowledges a redelivered event as a duplicate and records it once', async () => {
      const { order, intentId } = await submittedOrder();
      const event = bridgeEvent('LAUNCHED');
      const first = await postEvent(stack, intentId!, event);
      const second = await postEvent(stack, intentId!, event);
      expect(first.body).toEqual({ applied: true, duplicate: false, order_status: 'LAUNCHED' });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ applied: false, duplicate: true, order_status: 'LAUNCHED' });
      const launched = (await timeline(stack, order.id)).filter((e) => e.to_status === 'LAUNCHED');
      expect(launched).toHaveLength(1);
    });

    it('refuses an event with a wrong, missing or mismatched signature (401) and leaves the order alone', async () => {
      const { order, intentId } = await submittedOrder();
      const eventsBefore = (await timeline(stack, order.id)).length;
      const event = bridgeEvent('LAUNCHED');
      const now = Math.floor(Date.now() / 1000);

      const wrongSecret = await postEvent(stack, intentId!, event, { secret: 'not-the-bridge-secret-000' });
      const missing = await postEvent(stack, intentId!, event, { headers: {} });
      const noTimestamp = await postEvent(stack, intentId!, event, { headers: { 'x-wingxtra-signature': signMissionEvent(BRIDGE_SECRET, now, intentId!, JSON.stringify(event)) } });
      // A valid signature for another body: the body was changed on the way.
      const tampered = await requestJson('POST', `${stack.url}/api/v1/missions/${intentId}/events`, JSON.stringify({ ...event, type: 'ARRIVED' }), {
        'x-wingxtra-timestamp': String(now),
        'x-wingxtra-signature': signMissionEvent(BRIDGE_SECRET, now, intentId!, JSON.stringify(event)),
      });
      for (const res of [wrongSecret, missing, noTimestamp, tampered]) expect(res.status).toBe(401);

      expect(await orderStatus(stack, order.id)).toBe('MISSION_SUBMITTED');
      expect((await timeline(stack, order.id)).length).toBe(eventsBefore);
      // The same event, properly signed, is still accepted: the refusals recorded no receipt.
      expect((await postEvent(stack, intentId!, event)).body).toEqual({ applied: true, duplicate: false, order_status: 'LAUNCHED' });
    });

    it('refuses a correctly signed event whose timestamp is more than 300 s away (401), but accepts one 240 s old', async () => {
      const { order, intentId } = await submittedOrder();
      const now = Math.floor(Date.now() / 1000);
      const stale = await postEvent(stack, intentId!, bridgeEvent('LAUNCHED'), { timestamp: now - 301 - 5 });
      const future = await postEvent(stack, intentId!, bridgeEvent('LAUNCHED'), { timestamp: now + 301 + 5 });
      expect(stale.status).toBe(401);
      expect(future.status).toBe(401);
      expect(await orderStatus(stack, order.id)).toBe('MISSION_SUBMITTED');

      const recent = await postEvent(stack, intentId!, bridgeEvent('LAUNCHED'), { timestamp: now - 240 });
      expect(recent.status).toBe(200);
      expect(await orderStatus(stack, order.id)).toBe('LAUNCHED');
    });

    it('ends the attempt on a FAILSAFE RTL and re-queues the order; a second failure ends the order for good', async () => {
      const { order, droneId, pickup, intentId } = await submittedOrder();
      await postEvent(stack, intentId!, bridgeEvent('LAUNCHED'));
      const failsafe = await postEvent(stack, intentId!, bridgeEvent('FAILSAFE', { failsafe: 'RTL', reason: 'wind above limits' }));
      expect(failsafe.status).toBe(200);
      expect(failsafe.body).toEqual({ applied: true, duplicate: false, order_status: 'QUEUED' });

      const requeued = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(requeued.status).toBe('QUEUED');
      expect(requeued.active_job).toBeNull();
      const firstJob = await stack.prisma.deliveryJob.findUniqueOrThrow({ where: { id: order.active_job.id } });
      expect(firstJob.status).toBe('ABORTED');
      expect(firstJob.endReason).toBe('failsafe RTL: wind above limits');
      const requeueEvent = (await timeline(stack, order.id)).find((e) => e.type === 'ABORTED_REQUEUED');
      expect(requeueEvent).toMatchObject({ from_status: 'LAUNCHED', to_status: 'QUEUED', payload: { attempt: 1, requeued: true, failsafe: 'RTL' } });

      // Second attempt: dispatched and submitted again, then the bridge reports a failure.
      await dispatchTo(order.id, droneId, pickup);
      const secondIntent = await submit(order.id);
      expect(secondIntent).not.toBe(intentId);
      const failed = await postEvent(stack, secondIntent, bridgeEvent('FAILED', { reason: 'motor fault' }));
      expect(failed.body).toEqual({ applied: true, duplicate: false, order_status: 'FAILED' });

      const final = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(final.status).toBe('FAILED');
      expect(final.active_job).toBeNull();
      const jobs = await stack.prisma.deliveryJob.findMany({ where: { orderId: order.id }, orderBy: { attempt: 'asc' } });
      expect(jobs.map((j) => [j.attempt, j.status])).toEqual([
        [1, 'ABORTED'],
        [2, 'FAILED'],
      ]);
      // Terminal: dispatch does not pick it up again.
      const run = await stack.call('POST', '/api/v1/dispatch/run', {});
      expect(run.body.decisions.some((d: Body) => d.order_id === order.id)).toBe(false);
    });
  });

  describe('progress from telemetry (the progress sweep)', () => {
    it('marks the order LAUNCHED once its drone reports armed, and not before', async () => {
      const { order, droneId, pickup } = await submittedOrder();
      await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 99, armed: false });
      await sweeper.sweep();
      expect(await orderStatus(stack, order.id)).toBe('MISSION_SUBMITTED');

      await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, alt_m: 5, battery: 99, armed: true, mode: 'AUTO' });
      await sweeper.sweep();
      expect(await orderStatus(stack, order.id)).toBe('LAUNCHED');
      const launched = (await timeline(stack, order.id)).find((e) => e.to_status === 'LAUNCHED');
      expect(launched.actor.id).toBe('system:telemetry');
    });

    it('marks the order ENROUTE when the drone moves at 10 m/s, with the ETA to the dropoff on its job', async () => {
      const { order, droneId, dropoff } = await submittedOrder();
      // 1 km south of the dropoff at 10 m/s: 100 s away.
      await stack.fleet.report(droneId, { lat: dropoff.lat - 1000 / M_PER_DEG_LAT, lon: dropoff.lng, alt_m: 60, battery: 90, armed: true, mode: 'AUTO', groundspeed: 10 });
      await sweeper.sweep();
      const now = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(now.status).toBe('ENROUTE');
      expect(now.active_job.eta_seconds).toBeGreaterThanOrEqual(99);
      expect(now.active_job.eta_seconds).toBeLessThanOrEqual(101);
      const moves = (await timeline(stack, order.id)).filter((e) => e.to_status).map((e) => e.to_status);
      expect(moves.slice(-2)).toEqual(['LAUNCHED', 'ENROUTE']);
    });

    it('marks the order ARRIVED when the drone is within ARRIVAL_RADIUS_M of the dropoff', async () => {
      const { order, droneId, dropoff } = await submittedOrder();
      await stack.fleet.report(droneId, { lat: dropoff.lat - 45 / M_PER_DEG_LAT, lon: dropoff.lng, alt_m: 40, battery: 80, armed: true, mode: 'AUTO', groundspeed: 1 });
      await sweeper.sweep();
      expect(await orderStatus(stack, order.id)).toBe('LAUNCHED'); // 45 m out: not there yet (radius 30 m)

      await stack.fleet.report(droneId, { lat: dropoff.lat - 10 / M_PER_DEG_LAT, lon: dropoff.lng, alt_m: 20, battery: 80, armed: true, mode: 'AUTO', groundspeed: 0 });
      await sweeper.sweep();
      const now = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(now.status).toBe('ARRIVED');
      expect(now.active_job.eta_seconds).toBeLessThanOrEqual(1);
    });

    it('records DRONE_OFFLINE once when the drone falls silent for longer than ONLINE_WITHIN_S, and DRONE_ONLINE when it is back', async () => {
      const { order, droneId, pickup } = await submittedOrder();
      await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 95, armed: true, mode: 'AUTO' });
      await sweeper.sweep();
      const offline = async () => (await timeline(stack, order.id)).filter((e) => e.type === 'DRONE_OFFLINE');
      expect(await offline()).toHaveLength(0);

      await sleep(2_300); // ONLINE_WITHIN_S is 2 in this stack
      await sweeper.sweep();
      await sweeper.sweep();
      const recorded = await offline();
      expect(recorded).toHaveLength(1);
      expect(recorded[0].message).toContain(`Drone ${droneId} went offline`);
      expect(await orderStatus(stack, order.id)).toBe('LAUNCHED');

      await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 95, armed: true, mode: 'AUTO' });
      await sweeper.sweep();
      expect((await timeline(stack, order.id)).filter((e) => e.type === 'DRONE_ONLINE')).toHaveLength(1);
    });

    it('aborts the attempt and re-queues the order when the drone switches to RTL far from the dropoff while ENROUTE', async () => {
      const { order, droneId, dropoff } = await submittedOrder();
      const farOut = { lat: dropoff.lat - 800 / M_PER_DEG_LAT, lon: dropoff.lng };
      await stack.fleet.report(droneId, { ...farOut, alt_m: 60, battery: 70, armed: true, mode: 'AUTO', groundspeed: 12 });
      await sweeper.sweep();
      expect(await orderStatus(stack, order.id)).toBe('ENROUTE');

      await stack.fleet.report(droneId, { ...farOut, alt_m: 60, battery: 70, armed: true, mode: 'RTL', groundspeed: 12 });
      await sweeper.sweep();
      const now = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(now.status).toBe('QUEUED');
      expect(now.active_job).toBeNull();
      expect((await stack.prisma.deliveryJob.findUniqueOrThrow({ where: { id: order.active_job.id } })).status).toBe('ABORTED');
      const requeue = (await timeline(stack, order.id)).find((e) => e.type === 'ABORTED_REQUEUED');
      expect(requeue).toMatchObject({ from_status: 'ENROUTE', to_status: 'QUEUED', payload: { mode: 'RTL', attempt: 1, requeued: true } });
      expect(requeue.message).toContain('RTL');

      await stack.call('POST', `/api/v1/orders/${order.id}/cancel`, { reason: 'test clean-up' });
    });
  });
});

describe('mission intents the bridge refuses or never receives', () => {
  let stack: DeliveryStack;
  let bridge: BridgeServer;

  beforeAll(async () => {
    bridge = await new BridgeServer([400]).start();
    stack = await DeliveryStack.start({ GCS_BRIDGE_URL: bridge.url, GCS_BRIDGE_MAX_RETRIES: '1' });
    await stack.registerDrone('WX-REF-1', 5);
    await stack.registerDrone('WX-REF-2', 5);
  });

  afterAll(async () => {
    await stack?.close();
    await bridge?.stop();
  });

  /** An order OPS assigned to a drone by hand (its drones never report, so no dispatch run would pick them). */
  async function assignedTo(droneId: string): Promise<string> {
    const order = await stack.createOrder();
    const res = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: droneId, reason: 'test set-up' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ASSIGNED');
    return order.id;
  }

  it('marks the intent REJECTED after a 400, says so on the timeline, does not retry, and leaves the order ASSIGNED', async () => {
    const orderId = await assignedTo('WX-REF-1');
    const res = await stack.call('POST', `/api/v1/orders/${orderId}/submit-mission-intent`);
    expect(res.status).toBe(202);
    const intentId = res.body.intent_id;

    const rejected = await eventually(async () => (await timeline(stack, orderId)).find((e) => e.type === 'MISSION_REJECTED'));
    expect(rejected.message).toContain('HTTP 400');
    expect(rejected.payload).toEqual({ intent_id: intentId });
    const intent = await stack.prisma.missionIntent.findUniqueOrThrow({ where: { id: intentId } });
    expect(intent.status).toBe('REJECTED');
    expect(intent.lastError).toContain('HTTP 400');

    await sleep(300); // a retry, if one were (wrongly) made, would have reached the bridge by now
    expect(bridge.received.filter((i) => i.intent_id === intentId)).toHaveLength(1);
    expect(await orderStatus(stack, orderId)).toBe('ASSIGNED');
  });

  it('records MISSION_PUBLISH_FAILED after the last retry when the bridge cannot be reached', async () => {
    await bridge.stop(); // nothing listens on the bridge's address any more
    const orderId = await assignedTo('WX-REF-2');
    const res = await stack.call('POST', `/api/v1/orders/${orderId}/submit-mission-intent`);
    expect(res.status).toBe(202);
    const intentId = res.body.intent_id;

    const failed = await eventually(async () => (await timeline(stack, orderId)).find((e) => e.type === 'MISSION_PUBLISH_FAILED'));
    expect(failed.message).toContain('bridge unreachable');
    expect(failed.payload).toEqual({ intent_id: intentId, attempts: 2 }); // GCS_BRIDGE_MAX_RETRIES=1: the first try and one retry
    const intent = await stack.prisma.missionIntent.findUniqueOrThrow({ where: { id: intentId } });
    expect(intent).toMatchObject({ status: 'REJECTED', attempts: 2 }); // closed: housekeeping will not re-queue it
    expect(intent.lastError).toMatch(/^publication gave up: /);
    await sleep(200);
    expect((await timeline(stack, orderId)).filter((e) => e.type === 'MISSION_PUBLISH_FAILED')).toHaveLength(1);
    expect(await orderStatus(stack, orderId)).toBe('ASSIGNED');
  });
});

describe('an intent whose order moved on before publication', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    // No workers: the publish job waits in its queue, so the test decides when the attempt runs.
    stack = await DeliveryStack.start({ RUN_WORKERS: 'false' });
    await stack.registerDrone('WX-WD-1', 5);
    await stack.registerDrone('WX-WD-2', 5);
  });

  afterAll(() => stack?.close());

  async function pendingIntent(droneId: string): Promise<{ orderId: string; intentId: string }> {
    const order = await stack.createOrder();
    expect((await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: droneId, reason: 'test set-up' })).status).toBe(200);
    const res = await stack.call('POST', `/api/v1/orders/${order.id}/submit-mission-intent`);
    expect(res.status).toBe(202);
    return { orderId: order.id, intentId: res.body.intent_id };
  }

  it('is withdrawn, not published, once the order is canceled', async () => {
    const { MissionsService } = await import('../src/missions/missions.service.js');
    const { orderId, intentId } = await pendingIntent('WX-WD-1');
    expect((await stack.call('POST', `/api/v1/orders/${orderId}/cancel`, { reason: 'customer called' })).status).toBe(200);
    const published: string[] = [];
    const outcome = await stack.app.get(MissionsService).publishAttempt(intentId, async (i) => (published.push(i.intent_id), { kind: 'accepted' }));
    expect(outcome).toEqual({ kind: 'done' });
    expect(published).toEqual([]);
    const intent = await stack.prisma.missionIntent.findUniqueOrThrow({ where: { id: intentId } });
    expect(intent.status).toBe('REJECTED');
    expect(intent.lastError).toBe('withdrawn before publication: the order is CANCELED');
  });

  it("is withdrawn when the order was reassigned, and the new drone's intent can be submitted", async () => {
    const { MissionsService } = await import('../src/missions/missions.service.js');
    const { orderId, intentId } = await pendingIntent('WX-WD-2');
    expect((await stack.call('POST', `/api/v1/orders/${orderId}/assign`, { drone_id: 'WX-WD-1', reason: 'WX-WD-2 grounded' })).status).toBe(200);
    const outcome = await stack.app.get(MissionsService).publishAttempt(intentId, async () => ({ kind: 'accepted' }));
    expect(outcome).toEqual({ kind: 'done' });
    expect((await stack.prisma.missionIntent.findUniqueOrThrow({ where: { id: intentId } })).lastError).toBe('withdrawn before publication: the order is ASSIGNED with another job');
    const again = await stack.call('POST', `/api/v1/orders/${orderId}/submit-mission-intent`);
    expect(again.status).toBe(202);
    expect(again.body.intent.drone_id).toBe('WX-WD-1');
    expect(await orderStatus(stack, orderId)).toBe('ASSIGNED');
  });
});
