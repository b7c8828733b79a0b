import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, getJson, postJson, startFleetApi, type RunningFleetApi } from './support/fleet-app.js';
import { packet } from './support/packets.js';
import { SseClient } from './support/sse-client.js';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';

let redisDb: TestRedisDb;
let replicaA: RunningFleetApi;
let replicaB: RunningFleetApi;

beforeAll(async () => {
  redisDb = await claimRedisDb();
  [replicaA, replicaB] = await Promise.all([startFleetApi(redisDb.url), startFleetApi(redisDb.url, { STREAM_KEEPALIVE_S: '0.3' })]);
});

afterAll(async () => {
  await Promise.all([replicaA?.close(), replicaB?.close()]);
  await redisDb?.release();
});

describe('GET /api/v1/telemetry/stream', () => {
  it('sends every drone first, then each change made through another replica', async () => {
    await postJson(`${replicaA.url}/api/v1/telemetry`, packet('WX-SSE-1'));
    const client = new SseClient();
    const res = await client.open(`${replicaB.url}/api/v1/telemetry/stream`);
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await eventually(async () => client.eventsOf('WX-SSE-1').length === 1);
      expect(client.events[0]!.event).toBe('drone');

      const moved = packet('WX-SSE-1', { position: { lat: 6, lon: -1, alt_m: 50 } });
      await postJson(`${replicaA.url}/api/v1/telemetry`, moved);
      const events = await eventually(async () => {
        const mine = client.eventsOf('WX-SSE-1');
        return mine.length >= 2 ? mine : undefined;
      });
      const last = events[events.length - 1]!;
      expect(last.telemetry.ts).toBe(moved.ts);
      expect(last.telemetry.position).toEqual({ lat: 6, lon: -1, alt_m: 50 });
      // The event carries the same shape as GET latest.
      const latest = await getJson(`${replicaB.url}/api/v1/telemetry/latest`);
      const fromLatest = latest.body.drones.find((d: { drone_id: string }) => d.drone_id === 'WX-SSE-1');
      expect(Object.keys(last).sort()).toEqual(Object.keys(fromLatest).sort());
    } finally {
      await client.close();
    }
  });

  it('never shows an older state after a duplicate or older packet', async () => {
    const p = packet('WX-SSE-2');
    const older = packet('WX-SSE-2');
    const newest = packet('WX-SSE-2');
    await postJson(`${replicaA.url}/api/v1/telemetry`, newest);
    const client = new SseClient();
    await client.open(`${replicaB.url}/api/v1/telemetry/stream`);
    try {
      await eventually(async () => client.eventsOf('WX-SSE-2').length === 1);
      await postJson(`${replicaA.url}/api/v1/telemetry`, newest);
      await postJson(`${replicaA.url}/api/v1/telemetry`, older);
      await postJson(`${replicaA.url}/api/v1/telemetry`, p);
      // A later change of another drone proves the stream has flushed past those packets.
      await postJson(`${replicaA.url}/api/v1/telemetry`, packet('WX-SSE-3'));
      await eventually(async () => client.eventsOf('WX-SSE-3').length >= 1);
      // Every event of WX-SSE-2 shows the newest state: the later, older packets changed nothing.
      expect(client.eventsOf('WX-SSE-2').map((e) => e.telemetry.ts)).toEqual(client.eventsOf('WX-SSE-2').map(() => newest.ts));
    } finally {
      await client.close();
    }
  });

  it('sends keep-alive comments while nothing changes', async () => {
    const client = new SseClient();
    await client.open(`${replicaB.url}/api/v1/telemetry/stream`);
    try {
      await eventually(async () => client.comments >= 2, 5000);
    } finally {
      await client.close();
    }
  });

  it('coalesces a burst of one drone into few events and ends on the newest state', async () => {
    const client = new SseClient();
    await client.open(`${replicaB.url}/api/v1/telemetry/stream`);
    try {
      const burst = Array.from({ length: 100 }, (_, i) => packet('WX-SSE-4', { position: { lat: i / 10, lon: 0 } }));
      for (let i = 0; i < burst.length; i += 20) await postJson(`${replicaA.url}/api/v1/telemetry`, burst.slice(i, i + 20));
      const last = burst[burst.length - 1]!;
      await eventually(async () => client.eventsOf('WX-SSE-4').some((e) => e.telemetry.ts === last.ts));
      expect(client.eventsOf('WX-SSE-4').length).toBeLessThan(burst.length);
    } finally {
      await client.close();
    }
  });
});
