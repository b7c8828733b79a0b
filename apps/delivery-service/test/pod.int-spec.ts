import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MissionEventDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';
import { eventually, requestJson, type JsonResponse } from '@wingxtra/testing';
import { BridgeServer } from './support/bridge-server.js';
import { BRIDGE_SECRET, DeliveryStack, DROPOFF, PICKUP } from './support/delivery-app.js';

/** Metres in one degree of latitude on the sphere the service measures on. */
const M_PER_DEG_LAT = 111_195.08;

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** The start of a JFIF JPEG (SOI + APP0 segment) and its end marker. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9])]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

interface Arrived {
  order: Body;
  otp: string;
  droneId: string;
  dropoff: { lat: number; lng: number };
}

describe('proof of delivery', () => {
  let stack: DeliveryStack;
  let bridge: BridgeServer;
  let seq = 0;

  beforeAll(async () => {
    bridge = await new BridgeServer([202]).start();
    stack = await DeliveryStack.start({ GCS_BRIDGE_URL: bridge.url, OTP_MAX_ATTEMPTS: '3', POD_MAX_FILE_BYTES: '4096' });
  });

  afterAll(async () => {
    await stack?.close();
    await bridge?.stop();
  });

  async function signedEvent(intentId: string, type: MissionEventDto['type']): Promise<void> {
    const raw = JSON.stringify({ event_id: `ev-${randomUUID()}`, type, at: new Date().toISOString() });
    const ts = Math.floor(Date.now() / 1000);
    const res = await requestJson('POST', `${stack.url}/api/v1/missions/${intentId}/events`, raw, { 'x-wingxtra-timestamp': String(ts), 'x-wingxtra-signature': signMissionEvent(BRIDGE_SECRET, ts, intentId, raw) });
    expect(res.body.order_status).toBe(type);
  }

  /**
   * An order taken the real way to `until` (ARRIVED by default): dispatched to its own new drone, mission
   * submitted and accepted by the bridge, then the bridge's signed progress events. The drone is left
   * hovering over the dropoff. Each order gets its own pickup, kilometres from the others.
   */
  async function flownOrder(until: 'ENROUTE' | 'ARRIVED' = 'ARRIVED', as: { role?: 'MERCHANT' } = {}): Promise<Arrived> {
    const n = ++seq;
    const pickup = { lat: PICKUP.lat + n * 0.03, lng: PICKUP.lng };
    const dropoff = { lat: DROPOFF.lat + n * 0.03, lng: DROPOFF.lng };
    const droneId = `WX-POD-${n}`;
    await stack.registerDrone(droneId, 5);
    const created = await stack.createOrder({ pickup_lat: pickup.lat, pickup_lng: pickup.lng, dropoff_lat: dropoff.lat, dropoff_lng: dropoff.lng }, as);
    await stack.fleet.report(droneId, { lat: pickup.lat, lon: pickup.lng, battery: 100 });
    const run = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(run.body.decisions.find((d: Body) => d.order_id === created.id)).toMatchObject({ assigned: true, drone_id: droneId });
    const submitted = await stack.call('POST', `/api/v1/orders/${created.id}/submit-mission-intent`);
    expect(submitted.status).toBe(202);
    await eventually(async () => (await stack.call('GET', `/api/v1/orders/${created.id}`)).body.status === 'MISSION_SUBMITTED');
    await signedEvent(submitted.body.intent_id, 'ENROUTE');
    if (until === 'ARRIVED') await signedEvent(submitted.body.intent_id, 'ARRIVED');
    await hoverAt(droneId, dropoff, 0);
    const order = (await stack.call('GET', `/api/v1/orders/${created.id}`)).body;
    expect(order.status).toBe(until);
    return { order, otp: created.otp, droneId, dropoff };
  }

  /** The drone reports itself `metres` south of the dropoff. */
  function hoverAt(droneId: string, dropoff: { lat: number; lng: number }, metres: number): Promise<void> {
    return stack.fleet.report(droneId, { lat: dropoff.lat - metres / M_PER_DEG_LAT, lon: dropoff.lng, alt_m: 15, battery: 70, armed: true, mode: 'AUTO' });
  }

  function pod(orderId: string, body: unknown, as: { role?: 'MERCHANT'; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
    return stack.call('POST', `/api/v1/orders/${orderId}/pod`, body, as);
  }

  /** A multipart/form-data proof, the way a browser or the ops app uploads one. */
  async function podUpload(orderId: string, fields: Record<string, string>, file: { bytes: Buffer; type: string; name: string }): Promise<JsonResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const res = await fetch(`${stack.url}/api/v1/orders/${orderId}/pod`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await stack.token('OPS')}` } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function statusOf(orderId: string): Promise<string> {
    return (await stack.call('GET', `/api/v1/orders/${orderId}`)).body.status;
  }

  function storedFiles(orderId: string): string[] {
    const dir = join(stack.podDir, orderId);
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  function wrongCode(otp: string): string {
    return String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
  }

  describe('by OTP', () => {
    it('delivers with the code from the order confirmation: 201, DELIVERED, and the job COMPLETED', async () => {
      const { order, otp } = await flownOrder();
      const res = await pod(order.id, { method: 'OTP', otp });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ order_id: order.id, method: 'OTP', photo_url: null, confirmed_by: null, flagged: false });

      const after = (await stack.call('GET', `/api/v1/orders/${order.id}`)).body;
      expect(after.status).toBe('DELIVERED');
      expect(after.active_job).toBeNull();
      const job = await stack.prisma.deliveryJob.findUniqueOrThrow({ where: { id: order.active_job.id } });
      expect(job.status).toBe('COMPLETED');
      expect((await stack.call('GET', `/api/v1/orders/${order.id}/pod`)).body).toEqual(res.body);
    });

    it('refuses a wrong code with 422 and the attempts left, then locks OTP (423) after OTP_MAX_ATTEMPTS wrong codes', async () => {
      const { order, otp } = await flownOrder();
      for (const left of [2, 1, 0]) {
        const res = await pod(order.id, { method: 'OTP', otp: wrongCode(otp) });
        expect(res.status).toBe(422);
        expect(res.body.attempts_left).toBe(left);
      }
      const locked = await pod(order.id, { method: 'OTP', otp }); // even the right code
      expect(locked.status).toBe(423);
      expect(locked.body.message).toContain('use another proof method');
      expect(await statusOf(order.id)).toBe('ARRIVED');

      // Another method still works.
      expect((await pod(order.id, { method: 'OPERATOR_CONFIRM' })).status).toBe(201);
    });
  });

  describe('by operator confirmation', () => {
    it('lets OPS confirm the delivery, recording who confirmed it', async () => {
      const { order } = await flownOrder();
      const res = await pod(order.id, { method: 'OPERATOR_CONFIRM', notes: 'customer waved from the balcony' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ method: 'OPERATOR_CONFIRM', confirmed_by: 'ops-1', metadata: { notes: 'customer waved from the balcony' } });
      expect(await statusOf(order.id)).toBe('DELIVERED');
    });

    it('refuses an operator confirmation from a merchant (403), even on its own order', async () => {
      const { order } = await flownOrder('ARRIVED', { role: 'MERCHANT' });
      const res = await pod(order.id, { method: 'OPERATOR_CONFIRM' }, { role: 'MERCHANT' });
      expect(res.status).toBe(403);
      expect(await statusOf(order.id)).toBe('ARRIVED');
      expect(await stack.prisma.proofOfDelivery.count({ where: { orderId: order.id } })).toBe(0);
    });
  });

  describe('by photo or signature (multipart/form-data)', () => {
    it('stores a PHOTO under POD_STORAGE_DIR and serves the same image back', async () => {
      const { order } = await flownOrder();
      const res = await podUpload(order.id, { method: 'PHOTO', notes: 'left at the door' }, { bytes: PNG, type: 'image/png', name: 'door.png' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ method: 'PHOTO', photo_url: `/api/v1/orders/${order.id}/pod/file`, metadata: { notes: 'left at the door' } });
      expect(await statusOf(order.id)).toBe('DELIVERED');

      const files = storedFiles(order.id);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^photo-.+\.png$/);
      expect(readFileSync(join(stack.podDir, order.id, files[0]))).toEqual(PNG);

      const served = await fetch(`${stack.url}${res.body.photo_url}`, { headers: { authorization: `Bearer ${await stack.token('OPS')}` } });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    });

    it('stores a SIGNATURE image (JPEG) and serves it back as image/jpeg', async () => {
      const { order } = await flownOrder();
      const res = await podUpload(order.id, { method: 'SIGNATURE' }, { bytes: JPEG, type: 'image/jpeg', name: 'signature.jpg' });
      expect(res.status).toBe(201);
      expect(res.body.method).toBe('SIGNATURE');
      expect(storedFiles(order.id)).toEqual([expect.stringMatching(/^signature-.+\.jpg$/)]);

      const served = await fetch(`${stack.url}/api/v1/orders/${order.id}/pod/file`, { headers: { authorization: `Bearer ${await stack.token('OPS')}` } });
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await served.arrayBuffer())).toEqual(JPEG);
    });

    it('refuses a text file declared as image/png (415) and stores nothing', async () => {
      const { order } = await flownOrder();
      const res = await podUpload(order.id, { method: 'PHOTO' }, { bytes: Buffer.from('this is not a picture\n'), type: 'image/png', name: 'photo.png' });
      expect(res.status).toBe(415);
      expect(await statusOf(order.id)).toBe('ARRIVED');
      expect(storedFiles(order.id)).toEqual([]);
    });

    it('refuses an image larger than POD_MAX_FILE_BYTES (413) and stores nothing', async () => {
      const { order } = await flownOrder();
      const big = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(4096 + 1000, 0x41)]);
      const res = await podUpload(order.id, { method: 'PHOTO' }, { bytes: big, type: 'image/png', name: 'huge.png' });
      expect(res.status).toBe(413);
      expect(await statusOf(order.id)).toBe('ARRIVED');
      expect(storedFiles(order.id)).toEqual([]);
    });
  });

  describe('rules for every method', () => {
    it('refuses a proof while the drone is still en route (409)', async () => {
      const { order, otp } = await flownOrder('ENROUTE');
      const res = await pod(order.id, { method: 'OTP', otp });
      expect(res.status).toBe(409);
      expect(res.body.allowed_from).toEqual(['ARRIVED', 'DELIVERING']);
      expect(await statusOf(order.id)).toBe('ENROUTE');
    });

    it('flags a drop 120 m from the dropoff, with the distance in the proof metadata', async () => {
      const { order, otp, droneId, dropoff } = await flownOrder();
      await hoverAt(droneId, dropoff, 120);
      const res = await pod(order.id, { method: 'OTP', otp });
      expect(res.status).toBe(201);
      expect(res.body.flagged).toBe(true);
      expect(res.body.metadata.distance_to_dropoff_m).toBeCloseTo(120, 0);
      expect(res.body.metadata).toMatchObject({ max_distance_m: 50, flag_reason: expect.stringContaining('m from the dropoff') });
      const delivered = (await stack.call('GET', `/api/v1/orders/${order.id}/events`)).body.items.find((e: Body) => e.to_status === 'DELIVERED');
      expect(delivered.message).toContain('flagged');
    });

    it('does not flag a drop 20 m from the dropoff', async () => {
      const { order, otp, droneId, dropoff } = await flownOrder();
      await hoverAt(droneId, dropoff, 20);
      const res = await pod(order.id, { method: 'OTP', otp });
      expect(res.status).toBe(201);
      expect(res.body.flagged).toBe(false);
      expect(res.body.metadata.distance_to_dropoff_m).toBeCloseTo(20, 0);
      expect(res.body.metadata.flag_reason).toBeUndefined();
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the same key and body with the first response, marked replayed, and keeps one proof', async () => {
      const { order, otp } = await flownOrder();
      const headers = { 'Idempotency-Key': `pod-${order.id}` };
      const first = await pod(order.id, { method: 'OTP', otp }, { headers });
      const again = await pod(order.id, { method: 'OTP', otp }, { headers });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await stack.prisma.proofOfDelivery.count({ where: { orderId: order.id } })).toBe(1);
    });

    it('refuses the same key with a different body (422)', async () => {
      const { order, otp } = await flownOrder();
      const headers = { 'Idempotency-Key': `pod-${order.id}` };
      expect((await pod(order.id, { method: 'OPERATOR_CONFIRM' }, { headers })).status).toBe(201);
      const other = await pod(order.id, { method: 'OTP', otp }, { headers });
      expect(other.status).toBe(422);
      expect(other.body.message).toBe('Idempotency-Key was already used with a different request body');
      const pods = await stack.prisma.proofOfDelivery.findMany({ where: { orderId: order.id } });
      expect(pods.map((p) => p.method)).toEqual(['OPERATOR_CONFIRM']);
    });
  });
});
