import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { eventually, requestJson } from '@wingxtra/testing';
import { INGEST_KEY, type RunningFleetApi } from './support/fleet-app.js';
import { packet } from './support/packets.js';
import { PartnerServer } from './support/partner-server.js';
import { RegistryStack } from './support/registry-app.js';
import { SseClient } from './support/sse-client.js';

const WEBHOOK_SECRET = 'alert-webhook-secret-123';
let stack: RegistryStack;
let second: RunningFleetApi;
const hooks = new PartnerServer(2);

/** A square of side 2·half degrees centred on (lat, lon). */
const square = (lat: number, lon: number, half: number) => ({
  type: 'Polygon',
  coordinates: [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]],
});

beforeAll(async () => {
  const hookUrl = await hooks.start();
  const env = {
    LINK_LOSS_S: '1', ALERT_SWEEP_S: '0.3', LOW_BATTERY_PCT: '20', LOW_BATTERY_CLEAR_PCT: '25',
    ALERT_WEBHOOK_URL: `${hookUrl}/flaky`, ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET, ALERT_WEBHOOK_BACKOFF_S: '0.1', STREAM_KEEPALIVE_S: '1',
  };
  stack = await RegistryStack.start(env);
  second = await stack.replica(env);
  expect((await stack.call('POST', '/api/v1/geofences', { name: 'Accra', kind: 'service_area', geometry: square(5.6, -0.19, 0.05), max_alt_m: 120 })).status).toBe(201);
  expect((await stack.call('POST', '/api/v1/geofences', { name: 'Kotoka', kind: 'no_fly_zone', geometry: square(5.62, -0.17, 0.005) })).status).toBe(201);
});

afterAll(async () => {
  await stack?.close();
  await hooks.stop();
});

/** Telemetry through the global key, to either replica in turn. */
let turn = 0;
async function report(droneId: string, at: { lat: number; lon: number; alt_m?: number }, extra: Record<string, unknown> = {}): Promise<void> {
  const app = turn++ % 2 === 0 ? stack.api : second;
  const res = await requestJson('POST', `${app.url}/api/v1/telemetry`, packet(droneId, { position: { alt_m: 50, ...at }, state: { armed: true, mode: 'AUTO' }, ...extra }), { 'x-api-key': INGEST_KEY });
  expect(res.status).toBe(202);
}

const alertsOf = async (droneId: string, rule: string) => (await stack.call('GET', `/api/v1/alerts?drone_id=${droneId}&rule=${rule}`, undefined, 'OPS')).body.items as Array<Record<string, unknown>>;
const openAlert = (droneId: string, rule: string) => eventually(async () => (await alertsOf(droneId, rule)).find((a) => a.state !== 'cleared'), 10_000);
const clearedAlert = (droneId: string, rule: string) => eventually(async () => {
  const all = await alertsOf(droneId, rule);
  return all.length > 0 && all.every((a) => a.state === 'cleared') ? all[0] : undefined;
}, 10_000);

const IN_AREA = { lat: 5.58, lon: -0.2 };
const IN_ZONE = { lat: 5.62, lon: -0.17 };

describe('geofences', () => {
  it('lists the active fences for OPS and the services, by name', async () => {
    const res = await stack.call('GET', '/api/v1/geofences', undefined, 'OPS');
    expect(res.body.items.map((f: { name: string; kind: string }) => [f.name, f.kind])).toEqual([['Accra', 'service_area'], ['Kotoka', 'no_fly_zone']]);
    expect(res.body.items[0]).toMatchObject({ min_alt_m: null, max_alt_m: 120, active: true, geometry: { type: 'Polygon' } });
  });

  it('changes, deactivates and deletes a fence; OPS may not', async () => {
    const made = await stack.call('POST', '/api/v1/geofences', { name: 'Temp', kind: 'no_fly_zone', geometry: square(6, 0, 0.01), min_alt_m: 0, max_alt_m: 300 });
    expect(made.status).toBe(201);
    expect((await stack.call('PATCH', `/api/v1/geofences/${made.body.id}`, { max_alt_m: 200 }, 'OPS')).status).toBe(403);
    const changed = await stack.call('PATCH', `/api/v1/geofences/${made.body.id}`, { max_alt_m: 200, active: false });
    expect(changed.body).toMatchObject({ max_alt_m: 200, active: false });
    expect((await stack.call('GET', '/api/v1/geofences', undefined, 'OPS')).body.items).toHaveLength(2);
    expect((await stack.call('GET', '/api/v1/geofences?include_inactive=true&kind=no_fly_zone', undefined, 'OPS')).body.items).toHaveLength(2);
    expect((await stack.call('DELETE', `/api/v1/geofences/${made.body.id}`)).status).toBe(204);
    expect((await stack.call('GET', `/api/v1/geofences/${made.body.id}`, undefined, 'OPS')).status).toBe(404);
  });

  it.each([
    [{ geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } }, 'ring 0 must end where it starts'],
    [{ geometry: { type: 'Point', coordinates: [0, 0] } }, 'geometry.type must be Polygon'],
    [{ kind: 'park' }, 'kind must be one of service_area, no_fly_zone'],
    [{ min_alt_m: 100, max_alt_m: 50 }, 'min_alt_m must be below max_alt_m'],
  ])('refuses %j with 400', async (over, message) => {
    const res = await stack.call('POST', '/api/v1/geofences', { name: 'Bad', kind: 'no_fly_zone', geometry: square(7, 0, 0.01), ...over });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });

  it('refuses a second fence of the same name with 409', async () => {
    const res = await stack.call('POST', '/api/v1/geofences', { name: 'Kotoka', kind: 'no_fly_zone', geometry: square(7, 0, 0.01) });
    expect(res.status).toBe(409);
  });
});

describe('no_fly_zone, end to end', () => {
  it('raises once, keeps one open alert while the drone stays, is acknowledged by OPS, clears when it leaves, and tells the webhook each time', async () => {
    await report('WX-ALR-NFZ', IN_AREA);
    await report('WX-ALR-NFZ', IN_ZONE);
    const raised = await openAlert('WX-ALR-NFZ', 'no_fly_zone');
    expect(raised).toMatchObject({ state: 'active', severity: 'critical', message: 'WX-ALR-NFZ inside no-fly zone Kotoka' });
    for (let i = 0; i < 4; i++) await report('WX-ALR-NFZ', IN_ZONE);
    await new Promise((r) => setTimeout(r, 500));
    expect(await alertsOf('WX-ALR-NFZ', 'no_fly_zone')).toHaveLength(1);

    const ack = await stack.call('POST', `/api/v1/alerts/${raised.id}/acknowledge`, { note: 'pilot informed' }, 'OPS');
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledged_by: 'ops-1', ack_note: 'pilot informed' });
    expect((await stack.call('POST', `/api/v1/alerts/${raised.id}/acknowledge`, {}, 'MERCHANT')).status).toBe(403);

    await report('WX-ALR-NFZ', IN_AREA);
    const cleared = await clearedAlert('WX-ALR-NFZ', 'no_fly_zone');
    expect(cleared).toMatchObject({ id: raised.id, clear_reason: 'condition ended' });
    expect((await stack.call('POST', `/api/v1/alerts/${raised.id}/acknowledge`, {}, 'OPS')).status).toBe(409);

    const events = await eventually(async () => {
      const bodies = hooks.received.filter((r) => (r.body as { alert: { id: string } }).alert.id === raised.id);
      return bodies.length === 3 ? bodies : undefined;
    }, 15_000);
    expect(events.map((r) => (r.body as { event: string }).event)).toEqual(['alert.raised', 'alert.acknowledged', 'alert.cleared']);
    for (const r of events) {
      expect(r.headers['x-wingxtra-signature']).toBe(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(JSON.stringify(r.body)).digest('hex')}`);
    }
    expect(hooks.flakyAttempts).toBeGreaterThanOrEqual(5); // the first two deliveries failed and were retried
  });
});

describe('the other telemetry rules, end to end', () => {
  it('outside_service_area: raised outside every area, cleared back inside', async () => {
    await report('WX-ALR-OUT', { lat: 5.8, lon: -0.19 });
    expect(await openAlert('WX-ALR-OUT', 'outside_service_area')).toMatchObject({ severity: 'warning', message: 'WX-ALR-OUT outside every service area' });
    await report('WX-ALR-OUT', IN_AREA);
    await clearedAlert('WX-ALR-OUT', 'outside_service_area');
  });

  it('altitude_limit: raised above the area ceiling, cleared below it', async () => {
    await report('WX-ALR-ALT', { ...IN_AREA, alt_m: 150 });
    expect((await openAlert('WX-ALR-ALT', 'altitude_limit')).details).toMatchObject({ fences: ['Accra'], alt_m: 150 });
    await report('WX-ALR-ALT', { ...IN_AREA, alt_m: 90 });
    await clearedAlert('WX-ALR-ALT', 'altitude_limit');
  });

  it('low_battery: raised below 20 %, kept open at 22 % (under the clear level of 25 %), cleared at 26 %', async () => {
    await report('WX-ALR-BAT', IN_AREA, { battery: { voltage_v: 21, remaining_pct: 15 } });
    const raised = await openAlert('WX-ALR-BAT', 'low_battery');
    expect(raised.message).toBe('WX-ALR-BAT battery at 15% (below 20%)');
    await report('WX-ALR-BAT', IN_AREA, { battery: { voltage_v: 21, remaining_pct: 22 } });
    await new Promise((r) => setTimeout(r, 500));
    expect((await alertsOf('WX-ALR-BAT', 'low_battery'))[0]).toMatchObject({ id: raised.id, state: 'active' });
    await report('WX-ALR-BAT', IN_AREA, { battery: { voltage_v: 21, remaining_pct: 26 } });
    await clearedAlert('WX-ALR-BAT', 'low_battery');
  });

  it('link_loss: raised by the sweep when an armed drone falls silent for LINK_LOSS_S, cleared when it is heard again', async () => {
    await report('WX-ALR-LNK', IN_AREA);
    const raised = await openAlert('WX-ALR-LNK', 'link_loss');
    expect(raised.message).toMatch(/^WX-ALR-LNK silent for \d+(\.\d)? s while armed$/);
    await report('WX-ALR-LNK', IN_AREA);
    await clearedAlert('WX-ALR-LNK', 'link_loss');
  });

  it('raises nothing for a disarmed drone in a no-fly zone', async () => {
    await report('WX-ALR-GND', IN_ZONE, { state: { armed: false, mode: 'LAND' } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await alertsOf('WX-ALR-GND', 'no_fly_zone')).toEqual([]);
    expect(await alertsOf('WX-ALR-GND', 'link_loss')).toEqual([]);
  });
});

describe('heartbeat_degraded, end to end', () => {
  it('raises on a heartbeat over its limits and clears on a healthy one', async () => {
    const key = await stack.register('WX-ALR-HB');
    await requestJson('POST', `${stack.url}/api/v1/drones/WX-ALR-HB/heartbeat`, { cpu_pct: 97, temperature_c: 50 }, { 'x-api-key': key });
    expect((await openAlert('WX-ALR-HB', 'heartbeat_degraded')).message).toBe('WX-ALR-HB companion computer: cpu at 97% (limit 90%)');
    await requestJson('POST', `${second.url}/api/v1/drones/WX-ALR-HB/heartbeat`, { cpu_pct: 30 }, { 'x-api-key': key });
    await clearedAlert('WX-ALR-HB', 'heartbeat_degraded');
  });
});

describe('across replicas', () => {
  it('raises an alert once when both replicas judge the same drone at the same time', async () => {
    await Promise.all(Array.from({ length: 10 }, () => report('WX-ALR-TWO', IN_ZONE)));
    await openAlert('WX-ALR-TWO', 'no_fly_zone');
    await new Promise((r) => setTimeout(r, 800));
    expect(await alertsOf('WX-ALR-TWO', 'no_fly_zone')).toHaveLength(1);
    const raisedHooks = hooks.received.filter((r) => {
      const b = r.body as { event: string; alert: { drone_id: string } };
      return b.alert.drone_id === 'WX-ALR-TWO' && b.event === 'alert.raised';
    });
    expect(raisedHooks.length).toBeLessThanOrEqual(1);
  });
});

describe('the alert stream', () => {
  it('sends every open alert first, then each change, to a client with its token in the query', async () => {
    await report('WX-ALR-SSE', { lat: 5.8, lon: -0.19 });
    const first = await openAlert('WX-ALR-SSE', 'outside_service_area');
    const token = (await stack.headers('OPS')).authorization!.slice(7);
    const sse = new SseClient();
    const res = await sse.open(`${second.url}/api/v1/alerts/stream?access_token=${token}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await eventually(async () => sse.events.some((e) => e.event === 'alert' && JSON.parse(e.data).id === first.id));
    await report('WX-ALR-SSE', IN_AREA);
    await eventually(async () => sse.events.some((e) => JSON.parse(e.data).id === first.id && JSON.parse(e.data).state === 'cleared'));
    await sse.close();
    expect((await fetch(`${second.url}/api/v1/alerts/stream`)).status).toBe(401);
  });
});
