import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TELEMETRY_HISTORY_QUEUE, type HistoryPacket, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually, getJson, INGEST_KEY, postJson, sleep, startFleetApi, type RunningFleetApi } from './support/fleet-app.js';
import { nextTs, packet, packetV2 } from './support/packets.js';
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
    const { schema_version: _v, ...noVersion } = packet('WX-VAL-4');
    await rejectsWith(noVersion, 'schema_version');
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
      // A client's own X-Forwarded-For reaches the service ahead of what the one trusted proxy appended: not believed.
      await postJson(`${proxied.url}/api/v1/telemetry`, packet('WX-IP-3'), { 'x-api-key': INGEST_KEY, 'x-forwarded-for': '6.6.6.6, 41.1.2.4' });
      expect((await latestOf('WX-IP-3')).source_ip).toBe('41.1.2.4');
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


  it('lists a drone new to the index at once, and the right drones after Redis lost its data or a drone was removed', async () => {
    const ownDb = await claimRedisDb();
    const own = await startFleetApi(ownDb.url);
    const ownRedis = new Redis(ownDb.url);
    try {
      const ids = async () =>
        (await getJson(`${own.url}/api/v1/telemetry/latest`)).body.drones.map((d: { drone_id: string }) => d.drone_id).sort();
      await postJson(`${own.url}/api/v1/telemetry`, [packet('WX-IDX-A'), packet('WX-IDX-B')]);
      expect(await ids()).toEqual(['WX-IDX-A', 'WX-IDX-B']);
      await postJson(`${own.url}/api/v1/telemetry`, packet('WX-IDX-C'));
      expect(await ids()).toEqual(['WX-IDX-A', 'WX-IDX-B', 'WX-IDX-C']);
      // As after a Redis restart without persistence: as many drones as before, but other ones.
      await ownRedis.flushdb();
      await postJson(`${own.url}/api/v1/telemetry`, [packet('WX-IDX-A'), packet('WX-IDX-D'), packet('WX-IDX-E')]);
      expect(await ids()).toEqual(['WX-IDX-A', 'WX-IDX-D', 'WX-IDX-E']);
      // A retired drone removed as docs/operations.md says, and a new one in its place.
      await ownRedis.del('latest:{WX-IDX-D}', 'state:{WX-IDX-D}');
      await ownRedis.zrem('latest:index', 'WX-IDX-D');
      await postJson(`${own.url}/api/v1/telemetry`, packet('WX-IDX-F'));
      expect(await ids()).toEqual(['WX-IDX-A', 'WX-IDX-E', 'WX-IDX-F']);
    } finally {
      await own.close();
      await ownRedis.quit();
      await ownDb.release();
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

describe('telemetry v2', () => {
  const v2Rejection = async (body: unknown) => {
    const res = await postJson(ingestUrl, body);
    expect(res.status).toBe(400);
    return res.body.rejections[0].errors as Array<{ field: string; message: string }>;
  };

  it('accepts a single v2 packet and returns every v2 field from latest', async () => {
    const p = packetV2('WX-V2-1');
    const res = await postJson(ingestUrl, p);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 0 });
    const { telemetry } = await latestOf('WX-V2-1');
    expect(telemetry).toEqual(p);
    expect(telemetry.schema_version).toBe(2);
    expect(telemetry.power).toEqual({ current_a: 18.6, mah_drawn: 1250, throttle: 0.42 });
    expect(telemetry.attitude).toEqual({ yaw_deg: 45, roll_deg: -2.5, pitch_deg: 4 });
    expect(telemetry.velocity).toEqual({ groundspeed_mps: 12.4, vz_mps: 0.8 });

    const list = await getJson(`${api.url}/api/v1/telemetry/latest`);
    expect(list.body.drones.find((d: { drone_id: string }) => d.drone_id === 'WX-V2-1').telemetry).toEqual(p);
  });

  it('stores the newest of a v2 batch of several drones, power from the newest carrier', async () => {
    const a1 = packetV2('WX-V2-2', { power: { current_a: 10, mah_drawn: 100, throttle: 0.3 } });
    const b1 = packetV2('WX-V2-3');
    const a2 = packetV2('WX-V2-2', { power: { current_a: 12, mah_drawn: 104, throttle: 0.35 } });
    const a3 = packetV2('WX-V2-2', { power: null, attitude: { roll_deg: 1, pitch_deg: -1 } });
    const res = await postJson(ingestUrl, [a2, b1, a3, a1]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 4, out_of_order: 0, duplicate: 0, rejected: 0 });
    const { telemetry } = await latestOf('WX-V2-2');
    expect(telemetry.ts).toBe(a3.ts);
    expect(telemetry.power).toEqual({ current_a: 12, mah_drawn: 104, throttle: 0.35 });
    expect(telemetry.attitude).toEqual({ roll_deg: 1, pitch_deg: -1 });
    expect((await latestOf('WX-V2-3')).telemetry).toEqual(b1);
  });

  it('takes a batch mixing v1 and v2 packets, judging each by its own version', async () => {
    const v1Only = packet('WX-V2-MIX-1');
    const v2Only = packetV2('WX-V2-MIX-2');
    const bothOld = packetV2('WX-V2-MIX-3');
    const bothNew = packet('WX-V2-MIX-3', { position: { lat: 6, lon: 1 }, power: { throttle: 9 } } as Record<string, unknown>);
    const badV2 = packetV2('WX-V2-MIX-4', { power: { current_a: 10, mah_drawn: 5, throttle: 1.5 } });
    const res = await postJson(ingestUrl, [v1Only, bothNew, v2Only, badV2, bothOld]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 4, duplicate: 0, rejected: 1 });
    expect(res.body.rejections).toEqual([
      { index: 3, drone_id: 'WX-V2-MIX-4', reason: 'invalid', errors: [{ field: 'power.throttle', message: 'must be between 0 and 1' }] },
    ]);

    expect((await latestOf('WX-V2-MIX-1')).telemetry).toEqual(v1Only);
    expect((await latestOf('WX-V2-MIX-2')).telemetry).toEqual(v2Only);
    // The v1 packet is newer: its sections win, and its v1-unknown `power` is dropped; power comes from the v2 one.
    const mixed = (await latestOf('WX-V2-MIX-3')).telemetry;
    expect(mixed.schema_version).toBe(2);
    expect(mixed.ts).toBe(bothNew.ts);
    expect(mixed.position).toEqual({ lat: 6, lon: 1 });
    expect(mixed.attitude).toEqual({ yaw_deg: 45 });
    expect(mixed.power).toEqual(bothOld.power);
    expect((await getJson(`${api.url}/api/v1/telemetry/WX-V2-MIX-4/latest`)).status).toBe(404);
  });

  it.each([
    ['power.throttle', { power: { throttle: 1.01 } }, 'must be between 0 and 1'],
    ['power.current_a', { power: { current_a: -1 } }, 'must be between 0 and 500'],
    ['power.mah_drawn', { power: { mah_drawn: 10.5 } }, 'must be a whole number or null'],
    ['attitude.roll_deg', { attitude: { roll_deg: 181 } }, 'must be between -180 and 180'],
    ['attitude.pitch_deg', { attitude: { pitch_deg: -90.5 } }, 'must be between -90 and 90'],
    ['velocity.vz_mps', { velocity: { vz_mps: 'fast' } }, 'must be a number or null'],
  ])('rejects a v2 packet with %s out of range and names the field', async (field, override, message) => {
    const errors = await v2Rejection(packetV2('WX-V2-BAD-1', override as object));
    expect(errors).toEqual([{ field, message }]);
  });

  it.each([3, 0, '2', null])('rejects schema_version %j, naming the versions accepted', async (version) => {
    const res = await postJson(ingestUrl, { ...packetV2('WX-V2-BAD-2'), schema_version: version });
    expect(res.status).toBe(400);
    expect(res.body.rejections).toEqual([
      { index: 0, drone_id: 'WX-V2-BAD-2', reason: 'invalid', errors: [{ field: 'schema_version', message: 'must be 1 or 2' }] },
    ]);
    expect((await getJson(`${api.url}/api/v1/telemetry/WX-V2-BAD-2/latest`)).status).toBe(404);
  });

  it('keeps the power section across later packets that do not carry it, v1 or v2, until one replaces it whole', async () => {
    await postJson(ingestUrl, packetV2('WX-V2-MERGE-1'));
    const v1Partial = { schema_version: 1, drone_id: 'WX-V2-MERGE-1', ts: nextTs(), battery: { voltage_v: 21.0, remaining_pct: 55 }, attitude: { yaw_deg: 90 } };
    expect((await postJson(ingestUrl, v1Partial)).body).toMatchObject({ accepted: 1 });
    let { telemetry } = await latestOf('WX-V2-MERGE-1');
    expect(telemetry.schema_version).toBe(2);
    expect(telemetry.ts).toBe(v1Partial.ts);
    expect(telemetry.power).toEqual({ current_a: 18.6, mah_drawn: 1250, throttle: 0.42 });
    expect(telemetry.battery).toEqual({ voltage_v: 21.0, remaining_pct: 55 });
    expect(telemetry.attitude).toEqual({ yaw_deg: 90 }); // a section is replaced whole: the v1 attitude has no roll or pitch
    expect(telemetry.velocity).toEqual({ groundspeed_mps: 12.4, vz_mps: 0.8 });

    const v2Partial = { schema_version: 2, drone_id: 'WX-V2-MERGE-1', ts: nextTs(), velocity: { vz_mps: -1.2 }, power: null };
    await postJson(ingestUrl, v2Partial);
    ({ telemetry } = await latestOf('WX-V2-MERGE-1'));
    expect(telemetry.velocity).toEqual({ vz_mps: -1.2 });
    expect(telemetry.power).toEqual({ current_a: 18.6, mah_drawn: 1250, throttle: 0.42 });

    const newPower = { schema_version: 2, drone_id: 'WX-V2-MERGE-1', ts: nextTs(), power: { current_a: 5 } };
    await postJson(ingestUrl, newPower);
    ({ telemetry } = await latestOf('WX-V2-MERGE-1'));
    expect(telemetry.power).toEqual({ current_a: 5 });
    expect(telemetry).toEqual({
      schema_version: 2,
      drone_id: 'WX-V2-MERGE-1',
      ts: newPower.ts,
      position: { lat: 5.6037, lon: -0.187, alt_m: 120.3 },
      attitude: { yaw_deg: 90 },
      velocity: { vz_mps: -1.2 },
      state: { armed: true, mode: 'AUTO' },
      battery: { voltage_v: 21.0, remaining_pct: 55 },
      link: { rssi_dbm: -62 },
      power: { current_a: 5 },
    });
  });

  it('turns a v1 state into v2 when a newer v2 packet is stored, keeping the v1 sections', async () => {
    const first = packet('WX-V2-UP-1');
    await postJson(ingestUrl, first);
    expect((await latestOf('WX-V2-UP-1')).telemetry.schema_version).toBe(1);
    const upgrade = { schema_version: 2, drone_id: 'WX-V2-UP-1', ts: nextTs(), power: { throttle: 0.5 } };
    await postJson(ingestUrl, upgrade);
    expect((await latestOf('WX-V2-UP-1')).telemetry).toEqual({ ...first, schema_version: 2, ts: upgrade.ts, power: { throttle: 0.5 } });
  });

  it('leaves the state v1 when the only v2 packets are out of order or duplicates', async () => {
    const stored = packet('WX-V2-OLD-1');
    await postJson(ingestUrl, stored);
    const older = { ...packetV2('WX-V2-OLD-1'), ts: new Date(Date.parse(stored.ts) - 1000).toISOString() };
    const repeat = { ...packetV2('WX-V2-OLD-1'), ts: stored.ts };
    const res = await postJson(ingestUrl, [older, repeat]);
    expect(res.body).toMatchObject({ accepted: 1, out_of_order: 1, duplicate: 1 });
    // A newer v1 packet is stored in the same request as an out-of-order v2 one: only the v1 one is merged.
    const newer = packet('WX-V2-OLD-1');
    const olderInBatch = { ...packetV2('WX-V2-OLD-1'), ts: new Date(Date.parse(stored.ts) - 500).toISOString() };
    expect((await postJson(ingestUrl, [olderInBatch, newer])).body).toMatchObject({ accepted: 2, out_of_order: 1 });
    // A v2 packet repeating the time of a v1 one in the same request is a duplicate: nothing of it is merged,
    // even though an older packet of the request is stored.
    const between = packet('WX-V2-OLD-1', { link: { rssi_dbm: -80 } });
    const newest = packet('WX-V2-OLD-1', { link: null });
    const sameTime = { ...packetV2('WX-V2-OLD-1'), ts: newest.ts };
    expect((await postJson(ingestUrl, [newest, sameTime, between])).body).toMatchObject({ accepted: 2, duplicate: 1 });
    const { telemetry } = await latestOf('WX-V2-OLD-1');
    expect(telemetry).toEqual({ ...newest, link: { rssi_dbm: -80 } });
    expect(telemetry.power).toBeUndefined();
  });

  it('hands v2 packets to history unchanged (unknown fields dropped), next to v1 ones', async () => {
    const v2 = { ...packetV2('WX-V2-HIST-1'), firmware: 'px4' };
    const v1 = packet('WX-V2-HIST-1');
    await postJson(ingestUrl, [v2, v1]);

    const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: redisDb.url } });
    try {
      const handed = await eventually(async () => {
        const jobs = await queue.getJobs(['waiting', 'prioritized', 'active', 'completed']);
        const mine = jobs.flatMap((j) => j.data.packets).filter((p: HistoryPacket) => p.drone_id === 'WX-V2-HIST-1');
        return mine.length >= 2 ? mine : undefined;
      });
      const packets = handed.map((h) => JSON.parse(h.packet));
      const { firmware: _f, ...expected } = v2;
      expect(packets).toEqual(expect.arrayContaining([expected, v1]));
      expect(handed.find((h) => JSON.parse(h.packet).schema_version === 2)!.packet).toBe(JSON.stringify(expected));
    } finally {
      await queue.close();
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
    const anyPacket = { oneOf: [{ $ref: '#/components/schemas/TelemetryV1Dto' }, { $ref: '#/components/schemas/TelemetryV2Dto' }] };
    const ingestBody = body.paths['/api/v1/telemetry'].post.requestBody.content['application/json'].schema;
    expect(ingestBody).toEqual({ oneOf: [anyPacket, { type: 'array', maxItems: 500, items: anyPacket }] });
    expect(body.components.schemas.TelemetryV2Dto.properties.schema_version).toEqual({ type: 'number', enum: [2] });
    expect(body.components.schemas.TelemetryV2Dto.properties.power).toEqual({ $ref: '#/components/schemas/PowerV2Dto' });
    expect(Object.keys(body.components.schemas.PowerV2Dto.properties)).toEqual(['current_a', 'mah_drawn', 'throttle']);
    expect(body.components.schemas.AttitudeV2Dto.properties.roll_deg).toMatchObject({ minimum: -180, maximum: 180 });
    expect(body.components.schemas.DroneLatestDto.properties.telemetry).toEqual(anyPacket);
    expect((await fetch(`${api.url}/docs`)).status).toBe(200);
  });
});
