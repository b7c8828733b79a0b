import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, getJson, INGEST_KEY, startFleetApi, type RunningFleetApi } from './support/fleet-app.js';
import { packet } from './support/packets.js';
import { PrivateRedis } from './support/private-redis.js';
import { SseClient } from './support/sse-client.js';

let redis: PrivateRedis;
let api: RunningFleetApi;

const post = (body: unknown) =>
  fetch(`${api.url}/api/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000), // a hang fails the test
  });

beforeAll(async () => {
  redis = new PrivateRedis();
  await redis.start();
  api = await startFleetApi(redis.url);
});

afterAll(async () => {
  await api?.close();
  await redis?.kill();
});

describe('when Redis goes away and comes back', () => {
  it('answers 503 without hanging, stays up, and recovers by itself', async () => {
    expect((await post(packet('WX-OUT-1'))).status).toBe(202);
    const stream = new SseClient();
    await stream.open(`${api.url}/api/v1/telemetry/stream`);

    await redis.kill();
    const during = await post(packet('WX-OUT-1'));
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('1');
    expect(((await during.json()) as { message: string }).message).toMatch(/unavailable/);
    expect((await getJson(`${api.url}/readyz`)).status).toBe(503);
    expect((await getJson(`${api.url}/api/v1/telemetry/latest`)).status).toBe(503);
    expect((await getJson(`${api.url}/healthz`)).status).toBe(200);
    expect((await getJson(`${api.url}/metrics`)).status).toBe(200);

    await redis.start();
    await eventually(async () => (await post(packet('WX-OUT-2'))).status === 202, 15_000, 200);
    expect((await getJson(`${api.url}/readyz`)).body).toEqual({ status: 'ok' });
    const latest = await getJson(`${api.url}/api/v1/telemetry/WX-OUT-2/latest`);
    expect(latest.status).toBe(200);
    // The whole-fleet view, whose drone ids this replica had kept from before the restart, lists the drone too.
    const fleet = await getJson(`${api.url}/api/v1/telemetry/latest`);
    expect(fleet.status).toBe(200);
    expect(fleet.body.drones.map((d: { drone_id: string }) => d.drone_id)).toContain('WX-OUT-2');
    expect(fleet.body.count).toBe(fleet.body.drones.length);
    // The change stream survived the outage: it resubscribed and carries changes again.
    try {
      await post(packet('WX-OUT-3'));
      await eventually(async () => stream.eventsOf('WX-OUT-3').length > 0, 10_000);
    } finally {
      await stream.close();
    }
  });
});

describe('when Redis is down at start-up', () => {
  it('starts anyway, reports not ready, and serves once Redis appears', async () => {
    await redis.kill();
    const late = await startFleetApi(redis.url);
    try {
      expect((await getJson(`${late.url}/readyz`)).status).toBe(503);
      await redis.start();
      await eventually(async () => (await getJson(`${late.url}/readyz`)).status === 200, 15_000, 200);
    } finally {
      await late.close();
    }
  });
});
