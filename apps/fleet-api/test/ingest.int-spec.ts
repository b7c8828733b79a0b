import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually, getJson, INGEST_KEY, postJson, sleep, startFleetApi, type RunningFleetApi } from './support/fleet-app.js';
import { nextTs, packet } from './support/packets.js';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';

let redisDb: TestRedisDb;
let api: RunningFleetApi;
let redis: Redis;
let ingestUrl: string;

beforeAll(async () => {
  redisDb = await claimRedisDb();
  api = await startFleetApi(redisDb.url, { RATE_LIMIT_RPS: '5', BODY_LIMIT_BYTES: '400000' });
  redis = new Redis(redisDb.url);
  ingestUrl = `${api.url}/api/v1/telemetry`;
});

afterAll(async () => {
  await api?.close();
  await redis?.quit();
  await redisDb?.release();
});

/** Waits for the next whole second, so a quick burst falls inside one rate-limit window. */
const startOfSecond = () => sleep(1000 - (Date.now() % 1000) + 5);

const latestOf = async (droneId: string) => (await getJson(`${api.url}/api/v1/telemetry/${droneId}/latest`)).body;

describe('acceptance (fleet-api spec §10)', () => {
  it('returns both drones from latest after WX-DRN-001 and WX-DRN-002 post telemetry', async () => {
    expect((await postJson(ingestUrl, packet('WX-DRN-001'))).status).toBe(202);
    expect((await postJson(ingestUrl, packet('WX-DRN-002', { position: { lat: 5.61, lon: -0.19, alt_m: 80 } }))).status).toBe(202);

    const { status, body } = await getJson(`${api.url}/api/v1/telemetry/latest`);
    expect(status).toBe(200);
    expect(Date.parse(body.server_time)).not.toBeNaN();
    const ids = body.drones.map((d: { drone_id: string }) => d.drone_id);
    expect(ids).toEqual(expect.arrayContaining(['WX-DRN-001', 'WX-DRN-002']));
    expect(body.count).toBe(body.drones.length);
    const two = body.drones.find((d: { drone_id: string }) => d.drone_id === 'WX-DRN-002');
    expect(two.online).toBe(true);
    expect(two.telemetry.position).toEqual({ lat: 5.61, lon: -0.19, alt_m: 80 });
    expect(two.telemetry.schema_version).toBe(1);
    expect(Date.parse(two.last_seen_ts)).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('validation', () => {
  const rejectsWith = async (body: unknown, field: string) => {
    const res = await postJson(ingestUrl, body);
    expect(res.status).toBe(400);
    expect(res.body.rejections[0].errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    return res;
  };

  it('rejects a packet whose latitude is 90.000001 and names the field', async () => {
    const res = await rejectsWith(packet('WX-VAL-1', { position: { lat: 90.000001, lon: 0 } }), 'position.lat');
    expect(res.body.rejections[0].errors[0].message).toBe('must be between -90 and 90');
    expect(res.body.statusCode).toBe(400);
  });

  it('accepts latitude 90 and longitude -180 exactly', async () => {
    expect((await postJson(ingestUrl, packet('WX-VAL-2', { position: { lat: 90, lon: -180 } }))).status).toBe(202);
  });

  it('rejects longitude 180.000001, altitude 20000.1 and remaining_pct 101 together', async () => {
    const p = packet('WX-VAL-3', { position: { lat: 0, lon: 180.000001, alt_m: 20000.1 }, battery: { remaining_pct: 101 } });
    const res = await postJson(ingestUrl, p);
    expect(res.status).toBe(400);
    const fields = res.body.rejections[0].errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['position.lon', 'position.alt_m', 'battery.remaining_pct']));
  });

  it('rejects a drone_id of two characters or in lower case', async () => {
    await rejectsWith(packet('AB'), 'drone_id');
    await rejectsWith(packet('wx-drn-001'), 'drone_id');
  });

  it('rejects a packet without drone_id, ts or schema_version', async () => {
    const { drone_id: _d, ...noId } = packet('WX-VAL-4');
    await rejectsWith(noId, 'drone_id');
    const { ts: _t, ...noTs } = packet('WX-VAL-4');
    await rejectsWith(noTs, 'ts');
    await rejectsWith({ ...packet('WX-VAL-4'), schema_version: 2 }, 'schema_version');
  });

  it('rejects a ts that is not a real time or lies beyond the allowed clock skew', async () => {
    await rejectsWith(packet('WX-VAL-5', { ts: '2026-02-30T10:00:00Z' }), 'ts');
    await rejectsWith(packet('WX-VAL-5', { ts: new Date(Date.now() + 3_600_000).toISOString() }), 'ts');
  });

  it('accepts a packet with only the required fields', async () => {
    const res = await postJson(ingestUrl, { schema_version: 1, drone_id: 'WX-VAL-6', ts: nextTs() });
    expect(res.status).toBe(202);
    expect((await latestOf('WX-VAL-6')).telemetry).toEqual({ schema_version: 1, drone_id: 'WX-VAL-6', ts: expect.any(String) });
  });

  it('drops unknown fields instead of storing them', async () => {
    const p = { ...packet('WX-VAL-7'), firmware: '4.5', battery: { voltage_v: 22, remaining_pct: 50, temp_c: 40 } };
    expect((await postJson(ingestUrl, p)).status).toBe(202);
    const { telemetry } = await latestOf('WX-VAL-7');
    expect(telemetry.firmware).toBeUndefined();
    expect(telemetry.battery).toEqual({ voltage_v: 22, remaining_pct: 50 });
  });

  it('answers 400 for a body that is not valid JSON', async () => {
    const res = await postJson(ingestUrl, '{"schema_version":1,');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
  });
});

describe('authentication and request limits', () => {
  it('answers 401 without X-API-Key and with a wrong one, storing nothing', async () => {
    const p = packet('WX-AUTH-1');
    expect((await postJson(ingestUrl, p, {})).status).toBe(401);
    const wrong = await postJson(ingestUrl, p, { 'x-api-key': 'not-the-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/X-API-Key/);
    expect((await getJson(`${api.url}/api/v1/telemetry/WX-AUTH-1/latest`)).status).toBe(404);
  });

  it('answers 413 for a batch of 501 packets and accepts one of 500', async () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => packet(`WX-BATCH-${i % 50}`, { link: null }));
    const over = await postJson(ingestUrl, make(501));
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(/500/);
    const ok = await postJson(ingestUrl, make(500));
    expect(ok.status).toBe(202);
    expect(ok.body.accepted).toBe(500);
  });

  it('answers 413 for a body over BODY_LIMIT_BYTES', async () => {
    const huge = [{ ...packet('WX-BIG-1'), padding: 'x'.repeat(500_000) }];
    expect((await postJson(ingestUrl, huge)).status).toBe(413);
  });

  it('refuses a request without a valid key before reading its body', async () => {
    const huge = JSON.stringify([{ ...packet('WX-BIG-2'), padding: 'x'.repeat(500_000) }]);
    const res = await postJson(ingestUrl, huge, { 'x-api-key': 'not-the-key' });
    expect(res.status).toBe(401); // not 413: the body was never parsed
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await fetch(ingestUrl, { method: 'POST', headers: { 'x-api-key': INGEST_KEY, 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/application\/json/);
  });

  it('answers 429 with Retry-After once a drone exceeds RATE_LIMIT_RPS, other drones unaffected', async () => {
    await startOfSecond(); // windows are whole seconds of the server clock
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const res = await postJson(ingestUrl, packet('WX-RATE-1'));
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses[5]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await postJson(ingestUrl, packet('WX-RATE-2'))).status).toBe(202);
  });

  it('counts concurrent requests of one drone one by one, even when they are committed together', async () => {
    await startOfSecond();
    const statuses = await Promise.all(Array.from({ length: 8 }, () => postJson(ingestUrl, packet('WX-RATE-4')).then((r) => r.status)));
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('counts the rate limit in Redis, so it holds across replicas', async () => {
    const replica = await startFleetApi(redisDb.url, { RATE_LIMIT_RPS: '5' });
    try {
      await startOfSecond();
      const urls = [ingestUrl, `${replica.url}/api/v1/telemetry`];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await postJson(urls[i % 2]!, packet('WX-RATE-3'))).status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    } finally {
      await replica.close();
    }
  });
});

describe('resilience: duplicates, order, partial packets, batches', () => {
  it('accepts a duplicate packet idempotently and changes nothing', async () => {
    const p = packet('WX-DUP-1');
    const first = await postJson(ingestUrl, p);
    expect(first.body).toMatchObject({ accepted: 1, duplicate: 0 });
    const before = await latestOf('WX-DUP-1');
    const again = await postJson(ingestUrl, { ...p, battery: { voltage_v: 1, remaining_pct: 1 } });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0, duplicate: 1 });
    expect(await latestOf('WX-DUP-1')).toEqual(before);
  });

  it('changes nothing when a repeat of an older packet arrives', async () => {
    const older = packet('WX-DUP-2');
    const newer = packet('WX-DUP-2');
    await postJson(ingestUrl, older);
    await postJson(ingestUrl, newer);
    const before = await latestOf('WX-DUP-2');
    expect((await postJson(ingestUrl, older)).status).toBe(202);
    expect(await latestOf('WX-DUP-2')).toEqual(before);
  });

  it('keeps newer state when an older packet arrives', async () => {
    const older = packet('WX-ORD-1', { position: { lat: 1, lon: 1 } });
    const newer = packet('WX-ORD-1', { position: { lat: 2, lon: 2 } });
    await postJson(ingestUrl, newer);
    const res = await postJson(ingestUrl, older);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, out_of_order: 1 });
    const { telemetry } = await latestOf('WX-ORD-1');
    expect(telemetry.ts).toBe(newer.ts);
    expect(telemetry.position).toEqual({ lat: 2, lon: 2 });
  });

  it('updates only the sections a partial packet carries and keeps the rest', async () => {
    await postJson(ingestUrl, packet('WX-PART-1'));
    const partial = { schema_version: 1, drone_id: 'WX-PART-1', ts: nextTs(), battery: { voltage_v: 21.5, remaining_pct: 60 }, link: null };
    expect((await postJson(ingestUrl, partial)).status).toBe(202);
    const { telemetry } = await latestOf('WX-PART-1');
    expect(telemetry.ts).toBe(partial.ts);
    expect(telemetry.battery).toEqual({ voltage_v: 21.5, remaining_pct: 60 });
    expect(telemetry.position).toEqual({ lat: 5.6037, lon: -0.187, alt_m: 120.3 });
    expect(telemetry.state).toEqual({ armed: true, mode: 'AUTO' });
    expect(telemetry.link).toEqual({ rssi_dbm: -62 });
  });

  it('judges each packet of a mixed batch on its own and says which were rejected and why', async () => {
    const good1 = packet('WX-MIX-1');
    const bad = packet('WX-MIX-2', { position: { lat: 91, lon: 0 } });
    const good2 = packet('WX-MIX-3');
    const res = await postJson(ingestUrl, [good1, bad, good2, 'nonsense', good1]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, duplicate: 1, rejected: 2 });
    expect(res.body.rejections).toEqual([
      { index: 1, drone_id: 'WX-MIX-2', reason: 'invalid', errors: [{ field: 'position.lat', message: 'must be between -90 and 90' }] },
      { index: 3, drone_id: null, reason: 'invalid', errors: [{ field: '(packet)', message: 'must be a JSON object' }] },
    ]);
    expect((await getJson(`${api.url}/api/v1/telemetry/WX-MIX-2/latest`)).status).toBe(404);
    expect((await latestOf('WX-MIX-3')).telemetry.ts).toBe(good2.ts);
  });

  it('answers each of many concurrent requests with its own counts', async () => {
    const requests = Array.from({ length: 30 }, (_, i) => {
      const drone = `WX-CONC-${i % 10}`; // three requests per drone: within RATE_LIMIT_RPS
      return i % 5 === 0 ? [packet(drone), { drone_id: 'bad' }] : [packet(drone)];
    });
    const answers = await Promise.all(requests.map((body) => postJson(ingestUrl, body)));
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ accepted: 1, duplicate: 0, rejected: i % 5 === 0 ? 1 : 0 });
    });
    for (let d = 0; d < 10; d++) {
      const newest = requests.filter((_, i) => i % 10 === d).map((body) => (body[0] as { ts: string }).ts).sort().pop();
      expect((await latestOf(`WX-CONC-${d}`)).telemetry.ts).toBe(newest);
    }
  });

  it('answers 400 when no packet of a batch is valid, and for an empty batch', async () => {
    const res = await postJson(ingestUrl, [{ drone_id: 'X' }, 5]);
    expect(res.status).toBe(400);
    expect(res.body.rejections).toHaveLength(2);
    expect((await postJson(ingestUrl, [])).status).toBe(400);
  });

  it('stores the newest of several packets of one drone in one batch, whatever their order', async () => {
    const a = packet('WX-SEQ-1', { position: { lat: 1, lon: 1 } });
    const b = packet('WX-SEQ-1', { position: { lat: 2, lon: 2 } });
    const c = packet('WX-SEQ-1', { position: { lat: 3, lon: 3 } });
    const res = await postJson(ingestUrl, [a, c, b]);
    expect(res.body).toMatchObject({ accepted: 3, out_of_order: 0, duplicate: 0 });
    const { telemetry } = await latestOf('WX-SEQ-1');
    expect(telemetry.ts).toBe(c.ts);
    expect(telemetry.position).toEqual({ lat: 3, lon: 3 });
  });

  it('merges a batch of partial packets section by section, newest carrier first', async () => {
    await postJson(ingestUrl, packet('WX-SEQ-2'));
    const older = { schema_version: 1, drone_id: 'WX-SEQ-2', ts: nextTs(), battery: { voltage_v: 20, remaining_pct: 40 }, link: { rssi_dbm: -70 } };
    const newer = { schema_version: 1, drone_id: 'WX-SEQ-2', ts: nextTs(), battery: { voltage_v: 19.5, remaining_pct: 35 } };
    const res = await postJson(ingestUrl, [newer, older, newer]);
    expect(res.body).toMatchObject({ accepted: 2, duplicate: 1 });
    const { telemetry } = await latestOf('WX-SEQ-2');
    expect(telemetry.ts).toBe(newer.ts);
    expect(telemetry.battery).toEqual({ voltage_v: 19.5, remaining_pct: 35 });
    expect(telemetry.link).toEqual({ rssi_dbm: -70 });
    expect(telemetry.position).toEqual({ lat: 5.6037, lon: -0.187, alt_m: 120.3 });
  });

  it('counts packets older than the stored state as out of order, even inside a batch', async () => {
    const stored = packet('WX-SEQ-3');
    await postJson(ingestUrl, stored);
    const before = new Date(Date.parse(stored.ts) - 500).toISOString();
    const res = await postJson(ingestUrl, [packet('WX-SEQ-3'), { ...packet('WX-SEQ-3'), ts: before }]);
    expect(res.body).toMatchObject({ accepted: 2, out_of_order: 1 });
  });
});

describe('latest state in Redis', () => {
  it('keeps the state at latest:{drone_id} with last_seen_ts and source_ip', async () => {
    await postJson(ingestUrl, packet('WX-KEY-1'));
    expect(await redis.exists('latest:{WX-KEY-1}')).toBe(1);
    const detail = await latestOf('WX-KEY-1');
    expect(detail.source_ip).toBe('127.0.0.1');
    expect(Date.parse(detail.last_seen_ts)).toBeGreaterThan(Date.now() - 5000);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    await postJson(ingestUrl, packet('WX-IP-1'), { 'x-api-key': INGEST_KEY, 'x-forwarded-for': '41.1.2.3' });
    expect((await latestOf('WX-IP-1')).source_ip).toBe('127.0.0.1');
    const proxied = await startFleetApi(redisDb.url, { TRUST_PROXY: 'true' });
    try {
      await postJson(`${proxied.url}/api/v1/telemetry`, packet('WX-IP-2'), { 'x-api-key': INGEST_KEY, 'x-forwarded-for': '41.1.2.3' });
      expect((await latestOf('WX-IP-2')).source_ip).toBe('41.1.2.3');
    } finally {
      await proxied.close();
    }
  });

  it('answers 404 for a drone never heard from and 400 for a malformed drone_id', async () => {
    expect((await getJson(`${api.url}/api/v1/telemetry/WX-NEVER-1/latest`)).status).toBe(404);
    expect((await getJson(`${api.url}/api/v1/telemetry/bad%20id/latest`)).status).toBe(400);
  });

  it('filters latest by bbox and since', async () => {
    await postJson(ingestUrl, packet('WX-BOX-IN', { position: { lat: 10.5, lon: 20.5 } }));
    await postJson(ingestUrl, packet('WX-BOX-OUT', { position: { lat: -10, lon: -20 } }));
    const boxed = await getJson(`${api.url}/api/v1/telemetry/latest?bbox=20,10,21,11`);
    expect(boxed.body.drones.map((d: { drone_id: string }) => d.drone_id)).toEqual(['WX-BOX-IN']);
    expect(boxed.body.count).toBe(1);

    const since = new Date().toISOString();
    await sleep(5);
    await postJson(ingestUrl, packet('WX-SINCE-1'));
    const recent = await getJson(`${api.url}/api/v1/telemetry/latest?since=${since}`);
    expect(recent.body.drones.map((d: { drone_id: string }) => d.drone_id)).toEqual(['WX-SINCE-1']);
  });

  it('answers 400 for a malformed bbox or since', async () => {
    expect((await getJson(`${api.url}/api/v1/telemetry/latest?bbox=1,2,3`)).status).toBe(400);
    expect((await getJson(`${api.url}/api/v1/telemetry/latest?bbox=0,95,1,96`)).status).toBe(400);
    const bad = await getJson(`${api.url}/api/v1/telemetry/latest?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/since/);
  });

  it('shares one GET latest build among callers for LATEST_CACHE_MS, but never for since queries', async () => {
    const cached = await startFleetApi(redisDb.url, { LATEST_CACHE_MS: '300' });
    try {
      const ids = async (query = '') =>
        (await getJson(`${cached.url}/api/v1/telemetry/latest${query}`)).body.drones.map((d: { drone_id: string }) => d.drone_id);
      const since = `?since=${new Date(Date.now() - 1000).toISOString()}`;
      await ids();
      await postJson(`${cached.url}/api/v1/telemetry`, packet('WX-CACHE-1'));
      expect(await ids()).not.toContain('WX-CACHE-1');
      expect(await ids(since)).toContain('WX-CACHE-1');
      await sleep(350);
      expect(await ids()).toContain('WX-CACHE-1');
    } finally {
      await cached.close();
    }
  });

  it('flags a drone offline once it has been silent longer than OFFLINE_AFTER_S', async () => {
    const quick = await startFleetApi(redisDb.url, { OFFLINE_AFTER_S: '1' });
    try {
      await postJson(`${quick.url}/api/v1/telemetry`, packet('WX-OFF-1'));
      const online = await getJson(`${quick.url}/api/v1/telemetry/WX-OFF-1/latest`);
      expect(online.body.online).toBe(true);
      await sleep(1100);
      expect((await getJson(`${quick.url}/api/v1/telemetry/WX-OFF-1/latest`)).body.online).toBe(false);
    } finally {
      await quick.close();
    }
  });
});

describe('history hand-off', () => {
  it('hands every accepted packet, out-of-order ones included, to the telemetry-history queue once', async () => {
    const newer = packet('WX-HIST-1');
    const older = { ...packet('WX-HIST-1'), ts: new Date(Date.parse(newer.ts) - 1000).toISOString() };
    await postJson(ingestUrl, newer);
    await postJson(ingestUrl, older);
    await postJson(ingestUrl, newer); // duplicate

    const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: redisDb.url } });
    try {
      const handed = await eventually(async () => {
        const jobs = await queue.getJobs(['waiting', 'prioritized', 'active', 'completed']);
        const mine = jobs.flatMap((j) => j.data.packets).filter((p) => p.drone_id === 'WX-HIST-1');
        return mine.length >= 2 ? mine : undefined;
      });
      const times = handed.map((h) => JSON.parse(h.packet).ts);
      expect(times).toEqual(expect.arrayContaining([newer.ts, older.ts]));
      expect(handed[0]!.source_ip).toBe('127.0.0.1');
      expect(Date.parse(handed[0]!.received_at)).not.toBeNaN();
      // The stream is emptied once its entries are in jobs.
      await eventually(async () => (await redis.xlen('telemetry:handoff')) === 0);
    } finally {
      await queue.close();
    }
  });
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await getJson(`${api.url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${api.url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('exposes ingest counts by outcome and the latency histogram at /metrics', async () => {
    const { body } = await getJson(`${api.url}/metrics`);
    expect(body).toMatch(/fleet_ingest_packets_total\{outcome="stored"\} \d+/);
    expect(body).toMatch(/fleet_ingest_packets_total\{outcome="invalid"\} \d+/);
    expect(body).toMatch(/fleet_ingest_duration_seconds_bucket/);
    expect(body).toMatch(/fleet_ingest_requests_total\{status="429"\} \d+/);
    expect(body).toMatch(/fleet_ingest_requests_total\{status="401"\} \d+/);
    expect(body).toMatch(/fleet_handoff_backlog \d+/);
    expect(body).toMatch(/fleet_history_jobs_waiting [1-9]\d*/);
  });

  it('serves the OpenAPI document with the telemetry schema generated from the DTOs', async () => {
    const { status, body } = await getJson(`${api.url}/docs-json`);
    expect(status).toBe(200);
    expect(body.paths['/api/v1/telemetry'].post).toBeDefined();
    expect(body.components.schemas.TelemetryV1Dto.required).toEqual(expect.arrayContaining(['drone_id', 'ts']));
    expect(body.components.schemas.LatestTelemetryResponseDto).toBeDefined();
    expect((await fetch(`${api.url}/docs`)).status).toBe(200);
  });
});
