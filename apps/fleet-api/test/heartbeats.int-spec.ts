import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, requestJson } from '@wingxtra/testing';
import { RegistrySweepsService } from '../src/registry/registry-sweeps.service.js';
import { packet } from './support/packets.js';
import { RegistryStack } from './support/registry-app.js';

let stack: RegistryStack;

beforeAll(async () => {
  // Short timeouts so a drone goes stale within the test; the sweep is driven by hand below.
  stack = await RegistryStack.start({ HEARTBEAT_TIMEOUT_S: '1', OFFLINE_AFTER_S: '1', STATUS_SWEEP_S: '3600' });
});

afterAll(async () => {
  await stack?.close();
});

const heartbeat = (droneId: string, key: string, body: Record<string, unknown>) => requestJson('POST', `${stack.url}/api/v1/drones/${droneId}/heartbeat`, body, { 'x-api-key': key });
const ingest = (key: string, body: unknown) => requestJson('POST', `${stack.url}/api/v1/telemetry`, body, { 'x-api-key': key });
const statusOf = async (droneId: string) => (await stack.call('GET', `/api/v1/drones/${droneId}`, undefined, 'OPS')).body;
const sweep = () => stack.api.app.get(RegistrySweepsService).sweepStatuses();

describe('heartbeats and the derived status', () => {
  it('goes offline -> degraded (heartbeat, no telemetry) -> healthy (both) -> degraded (hot) -> offline (silence), with an event for each change', async () => {
    const key = await stack.register('WX-HB-001');
    expect((await statusOf('WX-HB-001')).status).toBe('offline');

    const first = await heartbeat('WX-HB-001', key, { cpu_pct: 20, memory_pct: 30, disk_pct: 40, temperature_c: 50, software_version: '1.4.2', uptime_s: 3600, droneengage_status: 'connected' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ drone_id: 'WX-HB-001', status: 'degraded', status_reasons: ['no telemetry yet'], warnings: [] });

    expect((await ingest(key, packet('WX-HB-001'))).status).toBe(202);
    expect((await heartbeat('WX-HB-001', key, { cpu_pct: 25 })).body).toMatchObject({ status: 'healthy', status_reasons: [] });

    const hot = await heartbeat('WX-HB-001', key, { cpu_pct: 97, temperature_c: 85, droneengage_status: 'error' });
    expect(hot.body.status).toBe('degraded');
    expect(hot.body.warnings).toEqual(['cpu at 97% (limit 90%)', 'temperature 85 °C (limit 80 °C)', 'DroneEngage error']);
    expect((await statusOf('WX-HB-001')).last_heartbeat_at).toBe(hot.body.received_at);

    // A second hot heartbeat with the same warnings records no second warning event.
    await heartbeat('WX-HB-001', key, { cpu_pct: 98, temperature_c: 85, droneengage_status: 'error' });

    await new Promise((r) => setTimeout(r, 1200));
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect(await statusOf('WX-HB-001')).toMatchObject({ status: 'offline' });

    const events = (await stack.call('GET', '/api/v1/drones/WX-HB-001/events', undefined, 'OPS')).body.items as Array<{ type: string; message: string }>;
    expect(events.map((e) => e.type)).toEqual(['status_changed', 'status_changed', 'error', 'heartbeat_warning', 'status_changed', 'status_changed', 'registered']);
    expect(events.filter((e) => e.type === 'status_changed').map((e) => e.message.split(':')[0])).toEqual([
      'status degraded -> offline', 'status healthy -> degraded', 'status degraded -> healthy', 'status offline -> degraded',
    ]);
  });

  it('keeps the heartbeats as history, readable newest first a page at a time by OPS and ADMIN', async () => {
    const key = await stack.register('WX-HB-002');
    for (let i = 0; i < 3; i++) await heartbeat('WX-HB-002', key, { uptime_s: i, cpu_pct: 10 + i, ...(i === 2 ? { temperature_c: 90 } : {}) });
    const first = await stack.call('GET', '/api/v1/drones/WX-HB-002/heartbeats?limit=2', undefined, 'OPS');
    expect(first.status).toBe(200);
    expect(first.body.items.map((h: { uptime_s: number }) => h.uptime_s)).toEqual([2, 1]);
    expect(first.body.items[0]).toMatchObject({ cpu_pct: 12, temperature_c: 90, memory_pct: null, warnings: ['temperature 90 °C (limit 80 °C)'] });
    const rest = await stack.call('GET', `/api/v1/drones/WX-HB-002/heartbeats?limit=2&cursor=${first.body.next_cursor}`, undefined, 'ADMIN');
    expect(rest.body).toMatchObject({ items: [{ uptime_s: 0, warnings: [] }], next_cursor: null });
    expect((await stack.call('GET', '/api/v1/drones/WX-HB-002/heartbeats', undefined, 'MERCHANT')).status).toBe(403);
    expect((await stack.call('GET', '/api/v1/drones/WX-HB-002/heartbeats?cursor=bogus', undefined, 'OPS')).status).toBe(400);
    expect((await stack.call('GET', '/api/v1/drones/WX-HB-002/heartbeats?limit=0', undefined, 'OPS')).status).toBe(400);
    expect((await stack.call('GET', '/api/v1/drones/WX-HB-NONE/heartbeats', undefined, 'OPS')).status).toBe(404);
    // The drone's own key sends heartbeats; it does not read the history.
    expect((await requestJson('GET', `${stack.url}/api/v1/drones/WX-HB-002/heartbeats`, undefined, { 'x-api-key': key })).status).toBe(401);
  });

  it('refuses a heartbeat with readings out of range or unknown fields, and one for an unregistered drone', async () => {
    const key = await stack.register('WX-HB-003');
    const bad = await heartbeat('WX-HB-003', key, { cpu_pct: 140, droneengage_status: 'sleepy' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cpu_pct', 'droneengage_status']);
    expect((await heartbeat('WX-HB-003', key, { fan_rpm: 3000 })).status).toBe(400);
    expect((await heartbeat('WX-HB-003', 'test-ingest-key', {})).status).toBe(202);
    const missing = await heartbeat('WX-HB-NONE', 'test-ingest-key', {});
    expect(missing.status).toBe(404);
    expect((await heartbeat('WX-HB-003', '', {})).status).toBe(401);
  });

  it('refuses a heartbeat for a deactivated drone with 409 and stores nothing of it', async () => {
    const key = await stack.register('WX-HB-005');
    const accepted = await heartbeat('WX-HB-005', key, { uptime_s: 1 });
    expect(accepted.status).toBe(202);
    expect((await stack.call('DELETE', '/api/v1/drones/WX-HB-005')).status).toBe(200);
    const refused = await heartbeat('WX-HB-005', 'test-ingest-key', { uptime_s: 2, cpu_pct: 99 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/deactivated/);
    const history = await stack.call('GET', '/api/v1/drones/WX-HB-005/heartbeats', undefined, 'OPS');
    expect(history.body.items.map((h: { uptime_s: number }) => h.uptime_s)).toEqual([1]);
    const drone = (await stack.call('GET', '/api/v1/drones/WX-HB-005', undefined, 'OPS')).body;
    expect(drone).toMatchObject({ active: false, last_heartbeat_at: accepted.body.received_at });
  });

  it('does not change the status of a drone in maintenance, whatever its heartbeats say', async () => {
    const key = await stack.register('WX-HB-004');
    await stack.call('PATCH', '/api/v1/drones/WX-HB-004', { maintenance: true });
    expect((await heartbeat('WX-HB-004', key, { cpu_pct: 99 })).body).toMatchObject({ status: 'maintenance', warnings: ['cpu at 99% (limit 90%)'] });
  });
});

describe('fleet metrics', () => {
  it('exports drones by status, drones online and each heartbeat age', async () => {
    const key = await stack.register('WX-HB-MET');
    await heartbeat('WX-HB-MET', key, { cpu_pct: 10 });
    const text = await eventually(async () => {
      const body = await (await fetch(`${stack.url}/metrics`)).text();
      return body.includes('fleet_drone_heartbeat_age_seconds{drone_id="WX-HB-MET"}') ? body : undefined;
    });
    expect(text).toMatch(/^fleet_drones\{status="degraded"\} [1-9]\d*$/m);
    expect(text).toMatch(/^fleet_drones\{status="maintenance"\} 1$/m);
    expect(text).toMatch(/^fleet_drones_online \d+$/m);
    expect(text).toMatch(/^fleet_drone_keys_cached \d+$/m);
  });
});
