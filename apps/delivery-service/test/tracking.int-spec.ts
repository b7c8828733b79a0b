import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MissionEventDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';
import { eventually, getJson, requestJson, type JsonResponse } from '@wingxtra/testing';
import { ProgressService } from '../src/progress/progress.service.js';
import { BridgeServer } from './support/bridge-server.js';
import { BRIDGE_SECRET, DeliveryStack, DROPOFF, PICKUP } from './support/delivery-app.js';

/** Metres in one degree of latitude on the sphere the service measures on. */
const M_PER_DEG_LAT = 111_195.08;
const MERCHANT = 'merchant-tracking-test';
const CUSTOMER = { customer_name: 'Efua Tracking-Test', customer_phone: '+233209876543' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

describe('public tracking', () => {
  let stack: DeliveryStack;
  let bridge: BridgeServer;
  let seq = 0;

  beforeAll(async () => {
    bridge = await new BridgeServer([202]).start();
    stack = await DeliveryStack.start({ GCS_BRIDGE_URL: bridge.url });
  });

  afterAll(async () => {
    await stack?.close();
    await bridge?.stop();
  });

  /** The tracking page's data, fetched the way a customer's browser does: no Authorization header. */
  function track(trackingId: string): Promise<JsonResponse> {
    return getJson(`${stack.url}/api/v1/tracking/${trackingId}`);
  }

  async function signedEvent(intentId: string, type: MissionEventDto['type']): Promise<void> {
    const raw = JSON.stringify({ event_id: `ev-${randomUUID()}`, type, at: new Date().toISOString() });
    const ts = Math.floor(Date.now() / 1000);
    const res = await requestJson('POST', `${stack.url}/api/v1/missions/${intentId}/events`, raw, { 'x-wingxtra-timestamp': String(ts), 'x-wingxtra-signature': signMissionEvent(BRIDGE_SECRET, ts, intentId, raw) });
    expect(res.body.order_status).toBe(type);
  }

  /** A merchant's order with a new drone of its own, kilometres from the other tests' pickups. */
  async function merchantOrder() {
    const n = ++seq;
    const pickup = { lat: PICKUP.lat + n * 0.03, lng: PICKUP.lng };
    const dropoff = { lat: DROPOFF.lat + n * 0.03, lng: DROPOFF.lng };
    const droneId = `WX-TRK-${n}`;
    await stack.registerDrone(droneId, 5);
    const created = await stack.createOrder({ ...CUSTOMER, pickup_lat: pickup.lat, pickup_lng: pickup.lng, dropoff_lat: dropoff.lat, dropoff_lng: dropoff.lng }, { role: 'MERCHANT', merchant: MERCHANT });
    expect(created.merchant_id).toBe(MERCHANT);
    return { created, droneId, pickup, dropoff };
  }

  /** Everything the tracking view must never show, for one order. */
  async function secretsOf(orderId: string, droneId: string): Promise<string[]> {
    const jobs = await stack.prisma.deliveryJob.findMany({ where: { orderId } });
    const intents = await stack.prisma.missionIntent.findMany({ where: { orderId } });
    return [CUSTOMER.customer_name, CUSTOMER.customer_phone, CUSTOMER.customer_phone.slice(1), MERCHANT, orderId, droneId, ...jobs.map((j) => j.id), ...intents.map((i) => i.id)];
  }

  function expectNoSecrets(body: Body, secrets: string[]): void {
    const text = JSON.stringify(body);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('answers anyone with the link, without a token, with the status and the public milestones only', async () => {
    const { created } = await merchantOrder();
    const res = await track(created.public_tracking_id);
    // Canceled straight away so the order cannot take a drone in the other tests' dispatch runs.
    await stack.call('POST', `/api/v1/orders/${created.id}/cancel`, { reason: 'customer changed their mind' }, { role: 'MERCHANT', merchant: MERCHANT });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['drone', 'dropoff_lat', 'dropoff_lng', 'eta_seconds', 'milestones', 'pod', 'public_tracking_id', 'status', 'updated_at']);
    expect(res.body).toMatchObject({ public_tracking_id: created.public_tracking_id, status: 'QUEUED', drone: null, pod: null, eta_seconds: null });
    expect(res.body.milestones.map((m: Body) => m.status)).toEqual(['CREATED', 'QUEUED']); // VALIDATED is internal
    for (const m of res.body.milestones) expect(Object.keys(m).sort()).toEqual(['at', 'status']);

    const canceled = await track(created.public_tracking_id);
    expect(canceled.body.status).toBe('CANCELED');
    expect(canceled.body.milestones.map((m: Body) => m.status)).toEqual(['CREATED', 'QUEUED', 'CANCELED']);
  });

  it('shows the drone under a masked label only while it flies the delivery, and the proof once delivered', async () => {
    const { created, droneId, pickup, dropoff } = await merchantOrder();
    const id = created.public_tracking_id;
    const seen: Body[] = [];
    const view = async () => {
      const res = await track(id);
      expect(res.status).toBe(200);
      seen.push(res.body);
      return res.body;
    };

    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 100 });
    const run = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(run.body.decisions.find((d: Body) => d.order_id === created.id)).toMatchObject({ assigned: true, drone_id: droneId });
    expect(await view()).toMatchObject({ status: 'ASSIGNED', drone: null });

    const submitted = await stack.call('POST', `/api/v1/orders/${created.id}/submit-mission-intent`);
    await eventually(async () => (await stack.call('GET', `/api/v1/orders/${created.id}`)).body.status === 'MISSION_SUBMITTED');
    expect((await view()).drone).toBeNull();

    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, alt_m: 30, battery: 99, armed: true, mode: 'AUTO' });
    await signedEvent(submitted.body.intent_id, 'LAUNCHED');
    const launched = await view();
    expect(launched.status).toBe('LAUNCHED');
    expect(launched.drone).toMatchObject({ lat: pickup.lat, lng: pickup.lng });
    expect(launched.drone.label).toMatch(/^Drone [0-9A-F]{4}$/);

    // En route, 1 km short of the dropoff at 10 m/s: the view follows the drone and shows the ETA.
    const enroute = { lat: dropoff.lat - 1000 / M_PER_DEG_LAT, lng: dropoff.lng };
    await signedEvent(submitted.body.intent_id, 'ENROUTE');
    await stack.fleet.report(droneId, { lat: enroute.lat, lon: enroute.lng, alt_m: 60, battery: 90, armed: true, mode: 'AUTO', groundspeed: 10 });
    await stack.app.get(ProgressService).sweep();
    const flying = await view();
    expect(flying).toMatchObject({ status: 'ENROUTE', drone: { label: launched.drone.label, lat: enroute.lat, lng: enroute.lng } });
    expect(flying.eta_seconds).toBeGreaterThanOrEqual(99);
    expect(flying.eta_seconds).toBeLessThanOrEqual(101);

    await stack.fleet.report(droneId, { lat: dropoff.lat, lon: dropoff.lng, alt_m: 15, battery: 85, armed: true, mode: 'AUTO' });
    await signedEvent(submitted.body.intent_id, 'ARRIVED');
    expect(await view()).toMatchObject({ status: 'ARRIVED', drone: { label: launched.drone.label, lat: dropoff.lat, lng: dropoff.lng } });
    await signedEvent(submitted.body.intent_id, 'DELIVERING');
    expect((await view()).drone).toMatchObject({ label: launched.drone.label });

    const proof = await stack.call('POST', `/api/v1/orders/${created.id}/pod`, { method: 'OTP', otp: created.otp });
    expect(proof.status).toBe(201);
    const delivered = await view();
    expect(delivered).toMatchObject({ status: 'DELIVERED', drone: null, eta_seconds: null, pod: { method: 'OTP', delivered_at: proof.body.created_at } });
    expect(delivered.milestones.map((m: Body) => m.status)).toEqual(['CREATED', 'QUEUED', 'ASSIGNED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING', 'DELIVERED']);

    const secrets = await secretsOf(created.id, droneId);
    expect(secrets.length).toBeGreaterThanOrEqual(8); // customer, merchant, order, drone, job, intent
    for (const body of seen) expectNoSecrets(body, secrets);
  });

  it('never shows customer name or phone, merchant id, order id, job id or drone id', async () => {
    const { created, droneId, pickup } = await merchantOrder();
    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 100 });
    const run = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(run.body.decisions.find((d: Body) => d.order_id === created.id)).toMatchObject({ assigned: true, drone_id: droneId });
    const submitted = await stack.call('POST', `/api/v1/orders/${created.id}/submit-mission-intent`);
    await eventually(async () => (await stack.call('GET', `/api/v1/orders/${created.id}`)).body.status === 'MISSION_SUBMITTED');
    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, alt_m: 30, battery: 99, armed: true, mode: 'AUTO' });
    await signedEvent(submitted.body.intent_id, 'ENROUTE');

    const res = await track(created.public_tracking_id);
    expect(res.body.status).toBe('ENROUTE');
    expect(res.body.drone).not.toBeNull(); // the drone is on show, so its id had a chance to leak
    const order = (await stack.call('GET', `/api/v1/orders/${created.id}`)).body;
    expect(order.active_job.drone_id).toBe(droneId);
    expectNoSecrets(res.body, await secretsOf(created.id, droneId));
  });

  it('answers 404 for a tracking id that belongs to no order', async () => {
    const wellFormed = await track('ZZZZZZZZZZZZ');
    expect(wellFormed.status).toBe(404);
    expect(wellFormed.body.message).toBe('No delivery with this tracking link');
    expect((await track('not-a-tracking-id')).status).toBe(404);
  });

  it('answers 410 once TRACKING_EXPIRES_AFTER_H (72 h) have passed since the order closed', async () => {
    const { created } = await merchantOrder();
    await stack.call('POST', `/api/v1/orders/${created.id}/cancel`, { reason: 'closing it for the expiry test' });
    expect((await track(created.public_tracking_id)).status).toBe(200); // just closed

    await stack.prisma.order.update({ where: { id: created.id }, data: { closedAt: new Date(Date.now() - 71 * 3600_000) } });
    expect((await track(created.public_tracking_id)).status).toBe(200);

    await stack.prisma.order.update({ where: { id: created.id }, data: { closedAt: new Date(Date.now() - 73 * 3600_000) } });
    const expired = await track(created.public_tracking_id);
    expect(expired.status).toBe(410);
    expect(expired.body.message).toBe('This tracking link has expired');
  });
});

describe('public tracking rate limit', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await DeliveryStack.start({ TRACKING_RATE_LIMIT_PER_MIN: '5' });
    await stack.registerDrone('WX-RL-1', 5);
  });

  afterAll(() => stack?.close());

  it('answers 429 to the 6th request within a minute when TRACKING_RATE_LIMIT_PER_MIN is 5', async () => {
    const order = await stack.createOrder();
    const url = `${stack.url}/api/v1/tracking/${order.public_tracking_id}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await getJson(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sixth = await getJson(url);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Only the public page is limited: the authenticated API still answers.
    expect((await stack.call('GET', `/api/v1/orders/${order.id}`)).status).toBe(200);
  });
});
