import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryStack, DROPOFF, orderBody, PICKUP } from './support/delivery-app.js';

describe('orders API', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await DeliveryStack.start();
    await stack.registerDrone('WX-ORD-1', 3);
  });

  afterAll(() => stack.close());

  describe('creating', () => {
    it('stores a valid order as QUEUED with an unguessable tracking id and a one-time OTP', async () => {
      const res = await stack.call('POST', '/api/v1/orders', orderBody({ priority: 'URGENT' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'QUEUED', priority: 'URGENT', payload_type: 'medicine', customer_phone: '+233201234567', active_job: null, version: 2 });
      expect(res.body.public_tracking_id).toMatch(/^[2-9A-HJKMNP-TV-Zab]{12}$/);
      expect(res.body.otp).toMatch(/^\d{6}$/);
      const stored = await stack.prisma.order.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored.otpHash).not.toContain(res.body.otp);
      const fetched = await stack.call('GET', `/api/v1/orders/${res.body.id}`);
      expect(fetched.body.otp).toBeUndefined();
      const events = await stack.call('GET', `/api/v1/orders/${res.body.id}/events`);
      expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'VALIDATED', 'QUEUED']);
    });

    it('keeps an order scheduled for later VALIDATED', async () => {
      const order = await stack.createOrder({ scheduled_for: new Date(Date.now() + 3600_000).toISOString() });
      expect(order.status).toBe('VALIDATED');
    });

    it('refuses bad coordinates, strings for numbers and unknown fields with a reason per field', async () => {
      const res = await stack.call('POST', '/api/v1/orders', { ...orderBody(), pickup_lat: 91, dropoff_lng: '-0.2', colour: 'red' });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['colour', 'dropoff_lng', 'pickup_lat']);
      expect(await stack.prisma.order.count({ where: { pickupLat: 91 } })).toBe(0);
    });

    it('refuses a payload heavier than the largest drone can lift (422)', async () => {
      const res = await stack.call('POST', '/api/v1/orders', orderBody({ payload_weight_kg: 3.5 }));
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('payload_weight_kg 3.5 exceeds the largest capacity in the fleet (3 kg)');
    });

    it('refuses a body that is not JSON', async () => {
      const res = await stack.call('POST', '/api/v1/orders', '{"pickup_lat": 5.6,', { headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/not valid JSON/);
    });

    it('refuses a payload while no active drone is in the fleet registry, and takes it once one is', async () => {
      await stack.registry.deactivateDrone('WX-ORD-1');
      try {
        const res = await stack.call('POST', '/api/v1/orders', orderBody());
        expect([res.status, res.body.message]).toEqual([422, 'No active drone is registered in the fleet registry, so no payload can be carried yet']);
      } finally {
        await stack.registerDrone('WX-ORD-1', 3);
      }
      expect((await stack.call('POST', '/api/v1/orders', orderBody())).status).toBe(201);
    });
  });

  describe("fleet-api's geofences", () => {
    const admin = { role: 'ADMIN' as const };

    it('requires pickup and dropoff inside a fleet service area once one exists, suggesting the nearest point inside', async () => {
      const area = await stack.geofence('Accra central', 'service_area', PICKUP, 0.05);
      try {
        const inside = await stack.call('POST', '/api/v1/orders', orderBody());
        expect(inside.status).toBe(201);
        expect(inside.body.service_area_id).toBe(area.id);
        const validated = (await stack.call('GET', `/api/v1/orders/${inside.body.id}/events`)).body.items.find((e: { type: string }) => e.type === 'VALIDATED');
        expect(validated).toMatchObject({ message: 'Validated: inside service area Accra central', payload: { service_area_id: area.id } });

        const far = { dropoff_lat: PICKUP.lat + 0.08, dropoff_lng: PICKUP.lng };
        const outside = await stack.call('POST', '/api/v1/orders', orderBody(far));
        expect(outside.status).toBe(422);
        expect(outside.body).toMatchObject({ message: 'dropoff outside every service area (Accra central)', field: 'dropoff', rule: 'outside_service_area', fences: ['Accra central'] });
        expect(outside.body.errors).toEqual([{ field: 'dropoff', rule: 'outside_service_area', fences: ['Accra central'], message: 'dropoff outside every service area (Accra central)', nearest_allowed: outside.body.nearest_allowed }]);
        // The suggestion is just inside the area's northern edge, straight south of the refused dropoff.
        const { lat, lng } = outside.body.nearest_allowed;
        expect(lat).toBeLessThan(PICKUP.lat + 0.05);
        expect(lat).toBeGreaterThan(PICKUP.lat + 0.0499);
        expect(lng).toBeCloseTo(PICKUP.lng, 6);
        const retried = await stack.call('POST', '/api/v1/orders', orderBody({ dropoff_lat: lat, dropoff_lng: lng }));
        expect([retried.status, retried.body.service_area_id]).toEqual([201, area.id]);

        const pickupOutside = await stack.call('POST', '/api/v1/orders', orderBody({ pickup_lat: PICKUP.lat - 0.3 }));
        expect([pickupOutside.status, pickupOutside.body.field, pickupOutside.body.message]).toEqual([422, 'pickup', 'pickup outside every service area (Accra central)']);

        // PATCH judges the new dropoff the same way.
        const moved = await stack.call('PATCH', `/api/v1/orders/${inside.body.id}`, far);
        expect([moved.status, moved.body.rule]).toEqual([422, 'outside_service_area']);
        expect((await stack.call('GET', `/api/v1/orders/${inside.body.id}`)).body.dropoff_lat).toBe(DROPOFF.lat);
      } finally {
        await stack.registry.deleteGeofence(area.id);
      }
      const anywhere = await stack.call('POST', '/api/v1/orders', orderBody({ dropoff_lat: PICKUP.lat + 0.08 }));
      expect([anywhere.status, anywhere.body.service_area_id]).toEqual([201, null]);
    });

    it('refuses a dropoff inside a no-fly zone at order time, naming it, with the nearest allowed point, which is then accepted', async () => {
      const zone = await stack.geofence('Kotoka approach', 'no_fly_zone', DROPOFF, 0.004);
      try {
        const refused = await stack.call('POST', '/api/v1/orders', orderBody());
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ message: 'dropoff inside no-fly zone Kotoka approach', field: 'dropoff', rule: 'no_fly_zone', fences: ['Kotoka approach'] });
        const { lat, lng } = refused.body.nearest_allowed;
        // Just outside the zone's nearest edge: the dropoff sits in its middle, 0.004° from every edge.
        const off = Math.max(Math.abs(lat - DROPOFF.lat), Math.abs(lng - DROPOFF.lng));
        expect(off).toBeGreaterThan(0.004);
        expect(off).toBeLessThan(0.0041);
        const accepted = await stack.call('POST', '/api/v1/orders', orderBody({ dropoff_lat: lat, dropoff_lng: lng }));
        expect(accepted.status).toBe(201);

        // A pickup in the zone is refused as well; PATCH into it too, and out of it is fine.
        const pickupIn = await stack.call('POST', '/api/v1/orders', orderBody({ pickup_lat: DROPOFF.lat, pickup_lng: DROPOFF.lng, dropoff_lat: PICKUP.lat, dropoff_lng: PICKUP.lng }));
        expect([pickupIn.status, pickupIn.body.field, pickupIn.body.rule]).toEqual([422, 'pickup', 'no_fly_zone']);
        const order = await stack.createOrder({ dropoff_lat: lat, dropoff_lng: lng });
        const into = await stack.call('PATCH', `/api/v1/orders/${order.id}`, { dropoff_lat: DROPOFF.lat, dropoff_lng: DROPOFF.lng });
        expect([into.status, into.body.message]).toEqual([422, 'dropoff inside no-fly zone Kotoka approach']);
      } finally {
        await stack.registry.deleteGeofence(zone.id);
      }
      expect((await stack.call('POST', '/api/v1/orders', orderBody())).status).toBe(201);
    });

    it('lists the fleet geofences of both kinds at GET /service-areas, to merchants too', async () => {
      const area = await stack.geofence('Osu', 'service_area', PICKUP, 0.05);
      const zone = await stack.registry.createGeofence({ name: 'Castle', kind: 'no_fly_zone', geometry: { type: 'Polygon', coordinates: [[[-0.18, 5.6], [-0.17, 5.6], [-0.17, 5.61], [-0.18, 5.6]]] }, max_alt_m: 120 });
      try {
        const res = await stack.call('GET', '/api/v1/service-areas', undefined, { role: 'MERCHANT' });
        expect(res.status).toBe(200);
        const byName = Object.fromEntries(res.body.items.map((a: { name: string }) => [a.name, a]));
        expect(byName.Osu).toMatchObject({ id: area.id, kind: 'service_area', polygon: area.geometry.coordinates, min_alt_m: null, max_alt_m: null, active: true });
        expect(byName.Castle).toMatchObject({ id: zone.id, kind: 'no_fly_zone', max_alt_m: 120 });
        expect(Object.keys(byName).sort()).toEqual(['Castle', 'Osu']);
      } finally {
        await stack.registry.deleteGeofence(area.id);
        await stack.registry.deleteGeofence(zone.id);
      }
      expect((await stack.call('GET', '/api/v1/service-areas', undefined, admin)).body.items).toEqual([]);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the first response and creates one order', async () => {
      const key = `idem-${Date.now()}`;
      const body = orderBody({ customer_name: 'Idem Potent' });
      const first = await stack.call('POST', '/api/v1/orders', body, { headers: { 'idempotency-key': key } });
      const again = await stack.call('POST', '/api/v1/orders', { ...body }, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(first.body.otp).toMatch(/^\d{6}$/);
      expect(again.body).toEqual({ ...first.body, otp: null }); // the code is shown once and never stored in clear
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const stored = await stack.prisma.idempotencyRecord.findFirstOrThrow({ where: { key } });
      expect(JSON.stringify(stored.response)).not.toContain(first.body.otp);
      expect(await stack.prisma.order.count({ where: { customerName: 'Idem Potent' } })).toBe(1);
    });

    it('refuses the same key with a different body (422)', async () => {
      const key = `idem-diff-${Date.now()}`;
      expect((await stack.call('POST', '/api/v1/orders', orderBody(), { headers: { 'idempotency-key': key } })).status).toBe(201);
      const res = await stack.call('POST', '/api/v1/orders', orderBody({ payload_weight_kg: 2 }), { headers: { 'idempotency-key': key } });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/different request body/);
    });

    it('creates one order when the same key arrives concurrently', async () => {
      const key = `idem-race-${Date.now()}`;
      const body = orderBody({ customer_name: 'Race Key' });
      const results = await Promise.all(Array.from({ length: 5 }, () => stack.call('POST', '/api/v1/orders', body, { headers: { 'idempotency-key': key } })));
      for (const r of results) expect([201, 409]).toContain(r.status);
      expect(await stack.prisma.order.count({ where: { customerName: 'Race Key' } })).toBe(1);
    });

    it('keeps keys of different callers apart', async () => {
      const key = `idem-shared-${Date.now()}`;
      const a = await stack.call('POST', '/api/v1/orders', orderBody(), { headers: { 'idempotency-key': key }, sub: 'ops-a' });
      const b = await stack.call('POST', '/api/v1/orders', orderBody(), { headers: { 'idempotency-key': key }, sub: 'ops-b' });
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  describe('listing', () => {
    it('filters by status, time and text and pages with a cursor without repeats', async () => {
      const tag = `List ${Date.now()}`;
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await stack.createOrder({ customer_name: `${tag} #${i}` }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await stack.call('GET', `/api/v1/orders?q=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((o: { id: string }) => o.id));
        cursor = res.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(created.map((o) => o.id).reverse());
      await stack.call('POST', `/api/v1/orders/${created[0].id}/cancel`, { reason: 'test' });
      const canceled = await stack.call('GET', `/api/v1/orders?status=CANCELED&q=${encodeURIComponent(tag)}`);
      expect(canceled.body.items.map((o: { id: string }) => o.id)).toEqual([created[0].id]);
      const future = await stack.call('GET', `/api/v1/orders?from=${new Date(Date.now() + 60_000).toISOString()}&q=${encodeURIComponent(tag)}`);
      expect(future.body.items).toEqual([]);
    });

    it('refuses a forged cursor and an unknown status', async () => {
      expect((await stack.call('GET', '/api/v1/orders?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
      expect((await stack.call('GET', '/api/v1/orders?status=LOST')).status).toBe(400);
    });
  });

  describe('changing', () => {
    it('lets dropoff, phone and priority change before assignment, and records what changed', async () => {
      const order = await stack.createOrder();
      const res = await stack.call('PATCH', `/api/v1/orders/${order.id}`, { dropoff_lat: 5.62, dropoff_lng: -0.18, dropoff_accuracy_m: 4, customer_phone: '+233209999999', priority: 'MEDICAL' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dropoff_lat: 5.62, dropoff_lng: -0.18, customer_phone: '+233209999999', priority: 'MEDICAL', version: order.version + 1 });
      const events = await stack.call('GET', `/api/v1/orders/${order.id}/events`);
      expect(events.body.items.at(-1)).toMatchObject({ type: 'UPDATED', payload: { priority: { from: 'NORMAL', to: 'MEDICAL' } } });
    });

    it('refuses other fields and changes after a drone is assigned', async () => {
      const order = await stack.createOrder();
      expect((await stack.call('PATCH', `/api/v1/orders/${order.id}`, { payload_weight_kg: 2 })).status).toBe(400);
      await stack.prisma.order.update({ where: { id: order.id }, data: { status: 'ASSIGNED' } });
      const res = await stack.call('PATCH', `/api/v1/orders/${order.id}`, { priority: 'URGENT' });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/it can be changed only while CREATED, VALIDATED, QUEUED/);
    });

    it('reschedules a queued order back to VALIDATED and queues it again when due', async () => {
      const order = await stack.createOrder();
      const soon = new Date(Date.now() + 300).toISOString();
      const res = await stack.call('POST', `/api/v1/orders/${order.id}/reschedule`, { scheduled_for: soon, reason: 'customer away' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'VALIDATED', scheduled_for: soon });
      await new Promise((r) => setTimeout(r, 400));
      const { OrdersService } = await import('../src/orders/orders.service.js');
      expect(await stack.app.get(OrdersService).queueDue()).toBeGreaterThanOrEqual(1);
      expect((await stack.call('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('QUEUED');
    });

    it('cancels with a reason on the timeline', async () => {
      const order = await stack.createOrder();
      const res = await stack.call('POST', `/api/v1/orders/${order.id}/cancel`, { reason: 'duplicate order' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('CANCELED');
      const events = await stack.call('GET', `/api/v1/orders/${order.id}/events`);
      expect(events.body.items.at(-1)).toMatchObject({ type: 'CANCELED', message: 'Canceled: duplicate order', actor: { id: 'ops-1', role: 'OPS' } });
    });
  });

  describe('roles', () => {
    it('answers 401 without a token and with a forged one', async () => {
      expect((await stack.call('GET', '/api/v1/orders', undefined, { token: null })).status).toBe(401);
      const forged = await stack.call('GET', '/api/v1/orders', undefined, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIn0.c2lnbmF0dXJl' });
      expect(forged.status).toBe(401);
    });

    it('refuses a token without an expiry and an expired one', async () => {
      const { SignJWT } = await import('jose');
      const key = new TextEncoder().encode('test-jwt-secret-0123456789abcdef0123');
      const noExp = await new SignJWT({ role: 'OPS' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ops-forever').sign(key);
      const expired = await new SignJWT({ role: 'OPS' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ops-old').setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(key);
      const a = await stack.call('GET', '/api/v1/orders', undefined, { token: noExp });
      expect([a.status, a.body.message]).toEqual([401, 'Token has no exp claim']);
      const b = await stack.call('GET', '/api/v1/orders', undefined, { token: expired });
      expect([b.status, b.body.message]).toEqual([401, 'Token has expired']);
    });

    it('lets a merchant see and change only its own orders', async () => {
      const mine = await stack.createOrder({ customer_name: 'Mine' }, { role: 'MERCHANT', merchant: 'm-own' });
      const theirs = await stack.createOrder({ customer_name: 'Theirs' }, { role: 'MERCHANT', merchant: 'm-other' });
      const as = { role: 'MERCHANT' as const, merchant: 'm-own', sub: 'merchant-own' };
      expect(mine.merchant_id).toBe('m-own');
      expect((await stack.call('GET', `/api/v1/orders/${mine.id}`, undefined, as)).status).toBe(200);
      expect((await stack.call('GET', `/api/v1/orders/${theirs.id}`, undefined, as)).status).toBe(404);
      expect((await stack.call('PATCH', `/api/v1/orders/${theirs.id}`, { priority: 'URGENT' }, as)).status).toBe(404);
      expect((await stack.call('POST', `/api/v1/orders/${theirs.id}/cancel`, {}, as)).status).toBe(404);
      const list = await stack.call('GET', '/api/v1/orders?limit=200', undefined, as);
      expect(list.body.items.every((o: { merchant_id: string }) => o.merchant_id === 'm-own')).toBe(true);
      expect((await stack.call('POST', '/api/v1/orders', orderBody({ merchant_id: 'm-other' }), as)).status).toBe(403);
    });

    // [method, path template, body, allowed roles]
    const matrix: Array<[string, string, unknown, string[]]> = [
      ['POST', '/api/v1/orders', orderBody(), ['MERCHANT', 'OPS', 'ADMIN']],
      ['GET', '/api/v1/orders', undefined, ['MERCHANT', 'OPS', 'ADMIN']],
      ['GET', '/api/v1/orders/:id', undefined, ['MERCHANT', 'OPS', 'ADMIN']],
      ['GET', '/api/v1/orders/:id/events', undefined, ['MERCHANT', 'OPS', 'ADMIN']],
      ['POST', '/api/v1/dispatch/run', {}, ['OPS', 'ADMIN']],
      ['POST', '/api/v1/orders/:id/assign', { drone_id: 'WX-NOPE', reason: 'rbac test' }, ['OPS', 'ADMIN']],
      ['GET', '/api/v1/orders/:id/candidates', undefined, ['OPS', 'ADMIN']],
      ['POST', '/api/v1/orders/:id/submit-mission-intent', {}, ['OPS', 'ADMIN']],
      ['GET', '/api/v1/service-areas', undefined, ['MERCHANT', 'OPS', 'ADMIN']],
      ['POST', '/api/v1/orders/:id/pod', { method: 'OPERATOR_CONFIRM' }, ['MERCHANT', 'OPS', 'ADMIN']],
    ];

    it.each(matrix)('%s %s is open to exactly its roles', async (method, template, body, allowed) => {
      const order = await stack.createOrder({}, { role: 'MERCHANT', merchant: 'm-1' });
      const path = template.replace(':id', order.id);
      for (const role of ['CUSTOMER', 'MERCHANT', 'OPS', 'ADMIN'] as const) {
        const res = await stack.call(method, path, body, { role, merchant: 'm-1' });
        if (allowed.includes(role)) expect([res.status, role]).not.toEqual([403, role]);
        else expect([res.status, role, res.body.message]).toEqual([403, role, expect.stringMatching(/^Role \w+ may not do this/)]);
      }
    });

    it('has no drone or service-area registry of its own any more (fleet-api holds them)', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/v1/dispatch/drones', undefined],
        ['PUT', '/api/v1/dispatch/drones/WX-GONE', { max_payload_kg: 1 }],
        ['POST', '/api/v1/service-areas', { name: 'gone', polygon: [] }],
        ['DELETE', '/api/v1/service-areas/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', undefined],
      ] as const) {
        expect([method, path, (await stack.call(method, path, body, { role: 'ADMIN' })).status]).toEqual([method, path, 404]);
      }
    });

    it('serves health, readiness, metrics and docs without a token', async () => {
      for (const path of ['/health', '/readyz', '/metrics', '/docs']) {
        const res = await stack.call('GET', path, undefined, { token: null });
        expect([path, res.status]).toEqual([path, 200]);
      }
    });
  });
});
