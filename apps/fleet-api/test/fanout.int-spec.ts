import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_KEY, eventually, getJson, INGEST_KEY, postJson, startFleetApi, type RunningFleetApi } from './support/fleet-app.js';
import { packet } from './support/packets.js';
import { PartnerServer } from './support/partner-server.js';
import { freePort } from '@wingxtra/testing';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';

let redisDb: TestRedisDb;
let api: RunningFleetApi;
let partner: PartnerServer;
let deadUrl: string;

beforeAll(async () => {
  redisDb = await claimRedisDb();
  partner = new PartnerServer(2);
  const base = await partner.start();
  deadUrl = `http://127.0.0.1:${await freePort()}/dead`; // nothing listens: refused
  const targets = [
    { name: 'good', url: `${base}/ok?token=s3cret`, headers: { Authorization: 'Bearer partner-secret' } },
    { name: 'flaky', url: `${base}/flaky` },
    { name: 'hanging', url: `${base}/hang` },
    { name: 'dead', url: deadUrl },
    { name: 'rejecting', url: `${base}/reject` },
    { name: 'only-two', url: `${base}/ok-filtered`, drone_ids: ['WX-FAN-2'] },
    { name: 'batched', url: `${base}/ok-batch`, batch_size: 10 },
  ];
  api = await startFleetApi(redisDb.url, {
    FANOUT_ENABLED: 'true',
    FANOUT_TARGETS_JSON: JSON.stringify(targets),
    FANOUT_MAX_RETRIES: '3',
    FANOUT_RETRY_BACKOFF_SECONDS: '0.05',
    FANOUT_TIMEOUT_SECONDS: '20',
  });
});

afterAll(async () => {
  await partner?.stop();
  await api?.close();
  await redisDb?.release();
});

const health = async () => (await getJson(`${api.url}/api/v1/fanout/health`, { 'x-api-key': ADMIN_KEY })).body;
const targetHealth = async (name: string) => (await health()).targets.find((t: { name: string }) => t.name === name);

describe('partner fan-out', () => {
  it('delivers each packet to every target while a hanging target holds its requests', async () => {
    const packets = Array.from({ length: 12 }, (_, i) => packet(i % 2 ? 'WX-FAN-1' : 'WX-FAN-2'));
    for (const p of packets) {
      const res = await postJson(`${api.url}/api/v1/telemetry`, p);
      expect(res.status).toBe(202);
    }
    // The hanging partner holds connections open, yet the good one receives everything.
    await eventually(async () => partner.bodiesAt('/ok?').length === packets.length);
    expect(partner.bodiesAt('/hang').length).toBeGreaterThan(0);
    expect((partner.bodiesAt('/ok?') as Array<{ ts: string }>).map((b) => b.ts).sort()).toEqual(packets.map((p) => p.ts).sort());
    const goodRequest = partner.received.find((r) => r.path.startsWith('/ok?'))!;
    expect(goodRequest.headers.authorization).toBe('Bearer partner-secret');
    expect(goodRequest.headers['content-type']).toBe('application/json');

    // Ingest still answers at once while the hanging target's deliveries are outstanding.
    const during = await postJson(`${api.url}/api/v1/telemetry`, packet('WX-FAN-3'));
    expect(during.status).toBe(202);
    const hanging = await targetHealth('hanging');
    expect(hanging.queue_depth).toBeGreaterThan(0);
    expect(hanging.delivered).toBe(0);
  });

  it('sends only the drones a target filters on', async () => {
    await eventually(async () => partner.bodiesAt('/ok-filtered').length >= 6);
    const ids = new Set((partner.bodiesAt('/ok-filtered') as Array<{ drone_id: string }>).map((b) => b.drone_id));
    expect([...ids]).toEqual(['WX-FAN-2']);
  });

  it('posts JSON arrays to a target with batch_size above 1', async () => {
    const bodies = await eventually(async () => {
      const b = partner.bodiesAt('/ok-batch') as unknown[][];
      return b.flat().length >= 13 ? b : undefined;
    });
    expect(bodies.every((b) => Array.isArray(b) && b.length <= 10)).toBe(true);
  });

  it('retries a failing target with backoff until it succeeds', async () => {
    const flaky = await eventually(async () => {
      const t = await targetHealth('flaky');
      return t.delivered >= 13 ? t : undefined;
    });
    expect(partner.flakyAttempts).toBeGreaterThanOrEqual(13 + 2);
    expect(flaky.failed).toBe(0);
    expect(flaky.last_error).toMatch(/HTTP 500/);
    expect(Date.parse(flaky.last_success_at)).toBeGreaterThan(Date.parse(flaky.last_error_at));
  });

  it('keeps and counts deliveries that exhaust their retries', async () => {
    const dead = await eventually(async () => {
      const t = await targetHealth('dead');
      return t.failed >= 13 ? t : undefined;
    }, 20_000);
    expect(dead.delivered).toBe(0);
    expect(dead.last_error).toBeTruthy();
    expect(dead.last_success_at).toBeNull();
  });

  it('fails a delivery at once when the partner answers 400 (a retry cannot help)', async () => {
    const rejecting = await eventually(async () => {
      const t = await targetHealth('rejecting');
      return t.failed >= 13 ? t : undefined;
    });
    expect(rejecting.last_error).toMatch(/HTTP 400/);
    expect(partner.bodiesAt('/reject').length).toBe(13);
  });

  it('lists targets with their secrets masked', async () => {
    const { status, body } = await getJson(`${api.url}/api/v1/fanout/targets`, { 'x-api-key': ADMIN_KEY });
    expect(status).toBe(200);
    expect(body.enabled).toBe(true);
    const good = body.targets.find((t: { name: string }) => t.name === 'good');
    expect(good.url).toMatch(/token=\*\*\*/);
    expect(JSON.stringify(body)).not.toMatch(/s3cret|partner-secret/);
    expect(good.headers).toEqual({ Authorization: '***' });
  });

  it('refuses the admin endpoints without a key and with the ingest key', async () => {
    expect((await getJson(`${api.url}/api/v1/fanout/health`)).status).toBe(401);
    expect((await getJson(`${api.url}/api/v1/fanout/targets`, { 'x-api-key': INGEST_KEY })).status).toBe(401);
  });

  it('reports the queue depth per target in /metrics', async () => {
    const { body } = await getJson(`${api.url}/metrics`);
    expect(body).toMatch(/fleet_fanout_queue_depth\{target="hanging"\} [1-9]/);
  });
});
