import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, requestJson, sleep } from '@wingxtra/testing';
import { INGEST_KEY, type RunningFleetApi } from './support/fleet-app.js';
import { packet } from './support/packets.js';
import { RegistryStack } from './support/registry-app.js';

let stack: RegistryStack;
let second: RunningFleetApi;

beforeAll(async () => {
  stack = await RegistryStack.start({ RATE_LIMIT_RPS: '100000' });
  second = await stack.replica({ RATE_LIMIT_RPS: '100000' });
});

afterAll(async () => {
  await stack?.close();
});

const ingest = (key: string, body: unknown, app = stack.api) => requestJson('POST', `${app.url}/api/v1/telemetry`, body, { 'x-api-key': key });

/**
 * A key change is applied by the replica that makes it before it answers, and reaches the other replica over
 * Redis pub/sub a moment later (docs/security.md): the other replica is polled, for at most 2 s.
 */
const onSecond = (key: string, droneId: string, status: 202 | 401) =>
  eventually(async () => (await ingest(key, packet(droneId), second)).status === status, 2000, 5);
const acceptedOnSecond = (key: string, droneId: string) => onSecond(key, droneId, 202);
const refusedOnSecond = (key: string, droneId: string) => onSecond(key, droneId, 401);

describe('key scoping', () => {
  let key: string;

  beforeAll(async () => {
    key = await stack.register('WX-KEY-001');
  });

  it("accepts a drone's own packets with its own key", async () => {
    const res = await ingest(key, packet('WX-KEY-001'));
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
  });

  it("refuses another drone's packet with 403 naming both drones", async () => {
    const res = await ingest(key, packet('WX-KEY-002'));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('The key of drone WX-KEY-001 may not send telemetry for WX-KEY-002');
    expect(res.body.rejections).toEqual([
      { index: 0, drone_id: 'WX-KEY-002', reason: 'forbidden', errors: [{ field: 'drone_id', message: 'the key belongs to drone WX-KEY-001, not WX-KEY-002' }] },
    ]);
    expect((await requestJson('GET', `${stack.url}/api/v1/telemetry/WX-KEY-002/latest`)).status).toBe(404);
  });

  it('stores its own packets of a mixed batch and refuses the others one by one', async () => {
    const res = await ingest(key, [packet('WX-KEY-001'), packet('WX-KEY-003'), packet('WX-KEY-001')]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.rejections).toEqual([expect.objectContaining({ index: 1, drone_id: 'WX-KEY-003', reason: 'forbidden' })]);
  });

  it('keeps the global key working for any drone while ALLOW_GLOBAL_INGEST_KEY is on', async () => {
    expect((await ingest(INGEST_KEY, packet('WX-ANY-009'))).status).toBe(202);
  });

  it('refuses an unknown drone key with 401', async () => {
    const res = await ingest(`wxd_${'A'.repeat(43)}`, packet('WX-KEY-001'));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('X-API-Key is not valid');
  });

  it('applies the same scope to heartbeats', async () => {
    const own = await requestJson('POST', `${stack.url}/api/v1/drones/WX-KEY-001/heartbeat`, { cpu_pct: 10 }, { 'x-api-key': key });
    expect(own.status).toBe(202);
    await stack.register('WX-KEY-004');
    const other = await requestJson('POST', `${stack.url}/api/v1/drones/WX-KEY-004/heartbeat`, { cpu_pct: 10 }, { 'x-api-key': key });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('The key of drone WX-KEY-001 may not send heartbeats for WX-KEY-004');
  });
});

describe('rotation', () => {
  it('keeps the old key working until the grace period ends, then refuses it with 401; the new key works throughout', async () => {
    const old = await stack.register('WX-ROT-001');
    const rotated = await stack.call('POST', '/api/v1/drones/WX-ROT-001/keys/rotate', { grace_s: 2 });
    expect(rotated.status).toBe(201);
    const fresh = rotated.body.api_key as string;
    expect(fresh).not.toBe(old);
    expect(rotated.body.replaced).toHaveLength(1);
    const endsAt = Date.parse(rotated.body.replaced[0].expires_at);
    expect(endsAt - Date.now()).toBeGreaterThan(1000);

    expect((await ingest(old, packet('WX-ROT-001'))).status).toBe(202);
    expect((await ingest(old, packet('WX-ROT-001'), second)).status).toBe(202);
    await acceptedOnSecond(fresh, 'WX-ROT-001');

    await sleep(endsAt - Date.now() + 50);
    for (const app of [stack.api, second]) {
      const refused = await ingest(old, packet('WX-ROT-001'), app);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/^X-API-Key was replaced by a newer key of drone WX-ROT-001; its grace period ended at /);
      expect((await ingest(fresh, packet('WX-ROT-001'), app)).status).toBe(202);
    }
    const keys = await stack.call('GET', '/api/v1/drones/WX-ROT-001/keys');
    expect(keys.body.items.map((k: { valid: boolean }) => k.valid)).toEqual([true, false]);
    const events = await stack.call('GET', '/api/v1/drones/WX-ROT-001/events?type=key_rotated', undefined, 'OPS');
    expect(events.body.items[0].message).toMatch(/^new key wxd_.{8}…; 1 previous key\(s\) valid for 2 s more$/);
  });

  it('uses DRONE_KEY_GRACE_S when the rotation names no grace, and 0 ends the old key at once', async () => {
    const old = await stack.register('WX-ROT-002');
    const rotated = await stack.call('POST', '/api/v1/drones/WX-ROT-002/keys/rotate', {});
    expect(Date.parse(rotated.body.replaced[0].expires_at) - Date.now()).toBeGreaterThan(86_000_000);
    expect((await ingest(old, packet('WX-ROT-002'))).status).toBe(202);
    const again = await stack.call('POST', '/api/v1/drones/WX-ROT-002/keys/rotate', { grace_s: 0 });
    expect(again.body.replaced).toHaveLength(2);
    expect((await ingest(old, packet('WX-ROT-002'))).status).toBe(401);
    await refusedOnSecond(rotated.body.api_key, 'WX-ROT-002');
    await acceptedOnSecond(again.body.api_key, 'WX-ROT-002');
  });

  it('refuses a grace_s that is negative or not a whole number', async () => {
    await stack.register('WX-ROT-003');
    expect((await stack.call('POST', '/api/v1/drones/WX-ROT-003/keys/rotate', { grace_s: -1 })).status).toBe(400);
    expect((await stack.call('POST', '/api/v1/drones/WX-ROT-003/keys/rotate', { grace_s: 1.5 })).status).toBe(400);
  });
});

describe('revocation', () => {
  it('refuses a revoked key at once on this replica, and on the other as soon as the change reaches it', async () => {
    const key = await stack.register('WX-REV-001');
    await acceptedOnSecond(key, 'WX-REV-001');
    const [current] = (await stack.call('GET', '/api/v1/drones/WX-REV-001/keys')).body.items;

    const revoked = await stack.call('POST', `/api/v1/drones/WX-REV-001/keys/${current.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ valid: false });

    expect((await ingest(key, packet('WX-REV-001'))).status).toBe(401);
    await refusedOnSecond(key, 'WX-REV-001');
    const events = await stack.call('GET', '/api/v1/drones/WX-REV-001/events?type=key_revoked', undefined, 'OPS');
    expect(events.body.items).toHaveLength(1);
  });

  it('refuses the keys of a deactivated drone at once on this replica, and on the other as soon as the change reaches it', async () => {
    const key = await stack.register('WX-REV-002');
    await acceptedOnSecond(key, 'WX-REV-002');
    expect((await stack.call('DELETE', '/api/v1/drones/WX-REV-002')).status).toBe(200);
    expect((await ingest(key, packet('WX-REV-002'))).status).toBe(401);
    await refusedOnSecond(key, 'WX-REV-002');
  });

  it('answers 404 for a key the drone does not have', async () => {
    await stack.register('WX-REV-003');
    const res = await stack.call('POST', '/api/v1/drones/WX-REV-003/keys/6f1c1d2e-8a4b-4c1d-9e2f-0a1b2c3d4e5f/revoke', {});
    expect(res.status).toBe(404);
  });
});

describe('the cached key check under load', () => {
  it('answers hundreds of concurrent requests from many drones correctly: own packets taken, others refused', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `WX-LOAD-${String(i).padStart(2, '0')}`);
    const keys = await Promise.all(ids.map((id) => stack.register(id)));
    const requests = Array.from({ length: 400 }, (_, n) => {
      const i = n % ids.length;
      const honest = n % 4 !== 0;
      const target = honest ? ids[i]! : ids[(i + 1) % ids.length]!;
      const app = n % 2 === 0 ? stack.api : second;
      return ingest(keys[i]!, packet(target), app).then((res) => ({ honest, status: res.status }));
    });
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.honest).every((r) => r.status === 202)).toBe(true);
    expect(results.filter((r) => !r.honest).every((r) => r.status === 403)).toBe(true);
    expect(results.filter((r) => !r.honest)).toHaveLength(100);
  });
});

describe('ALLOW_GLOBAL_INGEST_KEY=false', () => {
  it('refuses the global key and still takes drone keys', async () => {
    const strict = await stack.replica({ ALLOW_GLOBAL_INGEST_KEY: 'false' });
    const key = await stack.register('WX-STRICT-1');
    expect((await ingest(INGEST_KEY, packet('WX-STRICT-1'), strict)).status).toBe(401);
    expect((await ingest(key, packet('WX-STRICT-1'), strict)).status).toBe(202);
  });
});

describe('while PostgreSQL is away', () => {
  it('keeps taking telemetry with the drone keys held in memory, while registry endpoints answer 503, and recovers', async () => {
    const key = await stack.register('WX-PGDOWN-1');
    await stack.db.setReachable(false);

    for (const app of [stack.api, second]) {
      const res = await ingest(key, packet('WX-PGDOWN-1'), app);
      expect(res.status).toBe(202);
      expect((await ingest(key, packet('WX-OTHER-1'), app)).status).toBe(403);
    }
    const registry = await stack.call('GET', '/api/v1/drones/WX-PGDOWN-1', undefined, 'OPS');
    expect(registry.status).toBe(503);
    expect(registry.body.message).toBe('Registry database unavailable; retry shortly');
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    // A heartbeat needs the registry: 503 (retry), both the usual one and one with a warning (a transaction).
    const heartbeat = (body: Record<string, unknown>) => requestJson('POST', `${stack.url}/api/v1/drones/WX-PGDOWN-1/heartbeat`, body, { 'x-api-key': key });
    for (const body of [{ cpu_pct: 10 }, { cpu_pct: 99 }]) {
      const refused = await heartbeat(body);
      expect(refused.status).toBe(503);
      expect(refused.body.message).toBe('Registry database unavailable; retry shortly');
    }

    await stack.db.setReachable(true);
    expect((await stack.call('GET', '/api/v1/drones/WX-PGDOWN-1', undefined, 'OPS')).status).toBe(200);
    expect((await heartbeat({ cpu_pct: 99 })).status).toBe(202);
    const history = await stack.call('GET', '/api/v1/drones/WX-PGDOWN-1/heartbeats', undefined, 'OPS');
    expect(history.body.items.map((h: { cpu_pct: number }) => h.cpu_pct)).toEqual([99]);
  });
});
