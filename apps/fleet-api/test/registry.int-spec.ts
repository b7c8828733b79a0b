import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryStack } from './support/registry-app.js';

let stack: RegistryStack;

beforeAll(async () => {
  stack = await RegistryStack.start();
});

afterAll(async () => {
  await stack?.close();
});

const drone = (droneId: string, extra: Record<string, unknown> = {}) => ({ drone_id: droneId, name: `Drone ${droneId}`, type: 'quadcopter', max_payload_kg: 2.5, ...extra });

describe('registration', () => {
  it('registers a drone and answers its key once, stored only as a hash', async () => {
    const res = await stack.call('POST', '/api/v1/drones', drone('WX-REG-001', { home: { lat: 5.6, lon: -0.19 }, notes: 'Accra depot' }));

    expect(res.status).toBe(201);
    expect(res.body.api_key).toMatch(/^wxd_[A-Za-z0-9_-]{43}$/);
    expect(res.body.key).toMatchObject({ drone_id: 'WX-REG-001', prefix: res.body.api_key.slice(0, 12), valid: true, expires_at: null });
    expect(res.body.drone).toMatchObject({
      drone_id: 'WX-REG-001', name: 'Drone WX-REG-001', type: 'quadcopter', max_payload_kg: 2.5, home: { lat: 5.6, lon: -0.19 },
      notes: 'Accra depot', maintenance: false, active: true, status: 'offline', status_reasons: ['never heard from'],
    });
    const keys = await stack.call('GET', '/api/v1/drones/WX-REG-001/keys');
    expect(JSON.stringify(keys.body)).not.toContain(res.body.api_key);
    const { rows } = await stack.api.app.get((await import('../src/database/prisma.service.js')).PrismaService).pool.query('SELECT key_hash FROM drone_keys WHERE drone_id = $1', ['WX-REG-001']);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].key_hash).not.toContain(res.body.api_key.slice(4, 20));
  });

  it('refuses a second registration of the same drone_id with 409', async () => {
    await stack.register('WX-REG-DUP');
    const res = await stack.call('POST', '/api/v1/drones', drone('WX-REG-DUP'));
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Drone WX-REG-DUP is registered already');
  });

  it.each([
    [{ drone_id: 'wx lower' }, 'drone_id must match ^[A-Z0-9_-]{3,64}$'],
    [{ type: 'blimp' }, 'type must be one of quadcopter, hexacopter, octocopter, vtol, fixed_wing, other'],
    [{ max_payload_kg: -1 }, 'max_payload_kg must not be less than 0'],
    [{ home: { lat: 91, lon: 0 } }, 'lat must not be greater than 90'],
    [{ colour: 'red' }, 'property colour should not exist'],
  ])('refuses %j with 400 naming the field', async (over, message) => {
    const res = await stack.call('POST', '/api/v1/drones', drone('WX-REG-BAD', over));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('refuses a missing name with 400', async () => {
    const { name: _n, ...body } = drone('WX-REG-NONAME');
    const res = await stack.call('POST', '/api/v1/drones', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('name');
  });
});

describe('roles', () => {
  it('lets ADMIN_API_KEY act as ADMIN', async () => {
    expect((await stack.call('POST', '/api/v1/drones', drone('WX-ROLE-KEY'), 'admin-key')).status).toBe(201);
  });

  it('lets OPS read but not register', async () => {
    expect((await stack.call('GET', '/api/v1/drones/WX-ROLE-KEY', undefined, 'OPS')).status).toBe(200);
    const res = await stack.call('POST', '/api/v1/drones', drone('WX-ROLE-OPS'), 'OPS');
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Role OPS may not do this (allowed: ADMIN)');
  });

  it('refuses MERCHANT reads, and callers without credentials', async () => {
    expect((await stack.call('GET', '/api/v1/drones', undefined, 'MERCHANT')).status).toBe(403);
    const anonymous = await stack.call('GET', '/api/v1/drones', undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/^Missing credentials/);
  });

  it('refuses the ingest key and a token signed with another secret', async () => {
    const ingest = await fetch(`${stack.url}/api/v1/drones`, { headers: { 'x-api-key': 'test-ingest-key' } });
    expect(ingest.status).toBe(401);
    const forged = await fetch(`${stack.url}/api/v1/drones`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIiwiZXhwIjo0MTAyNDQ0ODAwfQ.bm90LXRoZS1zaWduYXR1cmU' },
    });
    expect(forged.status).toBe(401);
  });
});

describe('reads, changes and deactivation', () => {
  beforeAll(async () => {
    for (const [id, type, name] of [['WX-LST-A1', 'vtol', 'Kumasi hauler'], ['WX-LST-A2', 'vtol', 'Tema hauler'], ['WX-LST-B1', 'hexacopter', 'Kumasi medic']] as const) {
      await stack.register(id, { type, name });
    }
  });

  it('filters by type and by text, across drone_id, name and notes', async () => {
    const vtol = await stack.call('GET', '/api/v1/drones?type=vtol&q=LST', undefined, 'OPS');
    expect(vtol.body.items.map((d: { drone_id: string }) => d.drone_id)).toEqual(['WX-LST-A1', 'WX-LST-A2']);
    const kumasi = await stack.call('GET', '/api/v1/drones?q=kumasi', undefined, 'OPS');
    expect(kumasi.body.items.map((d: { drone_id: string }) => d.drone_id)).toEqual(['WX-LST-A1', 'WX-LST-B1']);
  });

  it('pages through the drones in drone_id order with cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await stack.call('GET', `/api/v1/drones?q=WX-LST&limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, 'OPS');
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { drone_id: string }) => d.drone_id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['WX-LST-A1', 'WX-LST-A2', 'WX-LST-B1']);
  });

  it('refuses a forged cursor, an unknown status and a limit over 500', async () => {
    expect((await stack.call('GET', '/api/v1/drones?cursor=bm9wZQ', undefined, 'OPS')).body.message).toBe('cursor is not a cursor this API returned');
    expect((await stack.call('GET', '/api/v1/drones?status=flying', undefined, 'OPS')).body.message).toBe('status must be one of healthy, degraded, offline, maintenance');
    expect((await stack.call('GET', '/api/v1/drones?limit=501', undefined, 'OPS')).status).toBe(400);
  });

  it('answers 404 for an unregistered drone and 400 for a bad drone id', async () => {
    expect((await stack.call('GET', '/api/v1/drones/WX-NOBODY')).body.message).toBe('Drone WX-NOBODY is not registered');
    expect((await stack.call('GET', '/api/v1/drones/not%20valid')).status).toBe(400);
  });

  it('changes fields, puts a drone in maintenance and out again, recording each as an event', async () => {
    const renamed = await stack.call('PATCH', '/api/v1/drones/WX-LST-A1', { name: 'Kumasi heavy', max_payload_kg: 4 });
    expect(renamed.body).toMatchObject({ name: 'Kumasi heavy', max_payload_kg: 4 });
    const maintenance = await stack.call('PATCH', '/api/v1/drones/WX-LST-A1', { maintenance: true });
    expect(maintenance.body).toMatchObject({ maintenance: true, status: 'maintenance', status_reasons: ['in maintenance mode'] });
    const listed = await stack.call('GET', '/api/v1/drones?status=maintenance', undefined, 'OPS');
    expect(listed.body.items.map((d: { drone_id: string }) => d.drone_id)).toContain('WX-LST-A1');
    const back = await stack.call('PATCH', '/api/v1/drones/WX-LST-A1', { maintenance: false });
    expect(back.body).toMatchObject({ maintenance: false, status: 'offline' });

    const events = await stack.call('GET', '/api/v1/drones/WX-LST-A1/events', undefined, 'OPS');
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['status_changed', 'maintenance_off', 'status_changed', 'maintenance_on', 'updated', 'registered']);
    expect(events.body.items[4]).toMatchObject({ message: 'changed name, max_payload_kg', details: { by: 'admin-1', role: 'ADMIN', fields: ['name', 'max_payload_kg'] } });
  });

  it('deactivates with DELETE, leaves the drone out of lists unless asked, and brings it back with PATCH', async () => {
    const gone = await stack.call('DELETE', '/api/v1/drones/WX-LST-A2');
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ active: false });
    expect(gone.body.deactivated_at).not.toBeNull();
    const keys = await stack.call('GET', '/api/v1/drones/WX-LST-A2/keys');
    expect(keys.body.items.every((k: { valid: boolean; revoked_at: string | null }) => !k.valid && k.revoked_at)).toBe(true);
    const listed = await stack.call('GET', '/api/v1/drones?q=WX-LST', undefined, 'OPS');
    expect(listed.body.items.map((d: { drone_id: string }) => d.drone_id)).not.toContain('WX-LST-A2');
    const all = await stack.call('GET', '/api/v1/drones?q=WX-LST&include_inactive=true', undefined, 'OPS');
    expect(all.body.items.map((d: { drone_id: string }) => d.drone_id)).toContain('WX-LST-A2');
    expect((await stack.call('POST', '/api/v1/drones/WX-LST-A2/keys/rotate', {})).status).toBe(409);

    const back = await stack.call('PATCH', '/api/v1/drones/WX-LST-A2', { active: true });
    expect(back.body).toMatchObject({ active: true, deactivated_at: null });
    expect((await stack.call('POST', '/api/v1/drones/WX-LST-A2/keys/rotate', {})).status).toBe(201);
  });
});

describe('events pagination', () => {
  it('pages a drone\'s events newest first, each page continuing where the last ended, filtered by type', async () => {
    await stack.register('WX-EVT-001');
    for (let i = 0; i < 5; i++) await stack.call('PATCH', '/api/v1/drones/WX-EVT-001', { notes: `note ${i}` });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await stack.call('GET', `/api/v1/drones/WX-EVT-001/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, 'OPS');
      ids.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(6);
    expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);
    const onlyUpdates = await stack.call('GET', '/api/v1/drones/WX-EVT-001/events?type=updated', undefined, 'OPS');
    expect(onlyUpdates.body.items).toHaveLength(5);
    expect(onlyUpdates.body.items[0].message).toBe('changed notes');
  });
});
