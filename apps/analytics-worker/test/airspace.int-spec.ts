import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AirspaceKitDto, Role } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, eventually, requestJson, sleep, type JsonResponse, type TestDatabase, type TestRedisDb, writeKitsConfig } from '@wingxtra/testing';
import { AirspacePartitionsService } from '../src/airspace/airspace-partitions.service.js';
import { CollectorService } from '../src/airspace/collector.service.js';
import { createAnalyticsApp } from '../src/app.js';
import { ConfigError, loadAnalyticsConfig } from '../src/config/analytics-config.js';
import { migrate } from '../src/database/migrator.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { FakeKit } from './airspace-support.js';

const JWT_SECRET = 'analytics-test-jwt-secret-0123456789abcdef';
const DAY = 86_400_000;

let db: TestDatabase;
let redis: TestRedisDb;

/** The real analytics-worker (HTTP API, collector, partitions) on this file's database and Redis. */
class Worker {
  app!: NestFastifyApplication;
  url = '';

  static async start(env: Record<string, string>): Promise<Worker> {
    const w = new Worker();
    const config = loadAnalyticsConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      JWT_SECRET,
      QUEUE_PREFIX: `wx-air-${randomBytes(3).toString('hex')}`,
      LOG_LEVEL: 'ERROR',
      POLL_INTERVAL: '0.2',
      STATUS_POLL_INTERVAL: '0.2',
      REQUEST_TIMEOUT: '1',
      INITIAL_BACKOFF: '0.2',
      MAX_BACKOFF: '0.8',
      ...env,
    });
    w.app = await createAnalyticsApp(config);
    await w.app.listen(0, '127.0.0.1');
    w.url = (await w.app.getUrl()).replace('[::1]', '127.0.0.1');
    return w;
  }

  async call(path: string, role: Role | null = 'OPS'): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (role) headers.authorization = `Bearer ${await this.app.get(TokenService).sign({ sub: 'ops-1', role, ...(role === 'MERCHANT' ? { merchant_id: 'm-1' } : {}) })}`;
    return requestJson('GET', `${this.url}${path}`, undefined, headers);
  }

  async kit(id: string): Promise<AirspaceKitDto> {
    const res = await this.call('/api/v1/airspace/kits');
    expect(res.status).toBe(200);
    return (res.body.kits as AirspaceKitDto[]).find((k) => k.kit_id === id)!;
  }

  async untilStatus(id: string, status: string, timeoutMs = 8000): Promise<AirspaceKitDto> {
    return eventually(async () => {
      const k = await this.kit(id);
      return k.status === status ? k : undefined;
    }, timeoutMs);
  }

  get prisma(): PrismaService {
    return this.app.get(PrismaService);
  }

  async rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return (await this.prisma.pool.query(sql, params)).rows;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** Gaps in seconds between consecutive requests for a path. */
const gaps = (kit: FakeKit, path: string) => {
  const times = kit.requests.filter((r) => r.path === path).map((r) => r.at);
  return times.slice(1).map((t, i) => (t - times[i]) / 1000);
};

beforeAll(async () => {
  redis = await claimRedisDb();
  db = await createTestDatabase('wx_airspace_test');
  await migrate(db.url);
});

afterAll(async () => {
  await db?.drop();
  await redis?.release();
});

describe('a kit with detections', () => {
  let kit: FakeKit;
  let worker: Worker;

  beforeAll(async () => {
    kit = await new FakeKit().start();
    worker = await Worker.start({ KITS_CONFIG: writeKitsConfig([{ id: 'kit-data', url: kit.url }, { id: 'kit-off', url: 'http://127.0.0.1:9', enabled: false }]) });
  });

  afterAll(async () => {
    await worker?.close();
    await kit?.stop();
  });

  it('stores its Remote ID drone, ADS-B aircraft, FPV signal and system status, normalized', async () => {
    await eventually(async () => (await worker.rows(`SELECT 1 FROM airspace_system_health WHERE kit_id = 'kit-data'`)).length > 0 && (await worker.rows(`SELECT 1 FROM airspace_signals WHERE kit_id = 'kit-data'`)).length > 0);
    const [drone] = await worker.rows(`SELECT * FROM airspace_tracks WHERE track_id = 'drone-1581F5FJD228A00DB7Q1' ORDER BY time DESC LIMIT 1`);
    expect(drone).toMatchObject({ kit_id: 'kit-data', kind: 'drone', source: 'remote_id', serial: '1581F5FJD228A00DB7Q1', lat: 5.6102, lon: -0.1805, alt_m: 152.3, speed_mps: 12.4, heading_deg: 127, rssi_dbm: -67, freq_mhz: 2437, operator_id: 'GHA-OP-77231', rid_make: 'DJI', home_lat: null });
    const [plane] = await worker.rows(`SELECT * FROM airspace_tracks WHERE track_id = 'adsb-3c6444' ORDER BY time DESC LIMIT 1`);
    expect(plane).toMatchObject({ kind: 'aircraft', source: 'adsb', serial: '3C6444', callsign: 'DLH572', alt_m: 1066.8, speed_mps: 92.6, heading_deg: 274.5, squawk: '7000' });
    const [signal] = await worker.rows(`SELECT * FROM airspace_signals WHERE kit_id = 'kit-data' LIMIT 1`);
    expect(signal).toMatchObject({ signal_id: 'fpv-alert-5800MHz', detection_type: 'fpv', freq_mhz: 5800, bandwidth_mhz: 8, power_dbm: -48.5 });
    const [health] = await worker.rows(`SELECT * FROM airspace_system_health WHERE kit_id = 'kit-data' LIMIT 1`);
    expect(health).toMatchObject({ lat: 5.6037, cpu_percent: 23.5, memory_percent: 25, disk_percent: 25, uptime_hours: 2, temp_sdr_c: 48.1, gps_fix: true });
  });

  it('serves the latest position of each track in a box, with its kit, kind, serial and last seen', async () => {
    const res = await worker.call('/api/v1/airspace/tracks?bbox=-0.3,5.5,-0.1,5.7');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    const byId = Object.fromEntries(res.body.tracks.map((t: { track_id: string }) => [t.track_id, t]));
    expect(byId['drone-1581F5FJD228A00DB7Q1']).toMatchObject({ kind: 'drone', kit_id: 'kit-data', serial: '1581F5FJD228A00DB7Q1', lat: 5.6102, lon: -0.1805, alt_m: 152.3, speed_mps: 12.4, heading_deg: 127, rssi_dbm: -67, pilot_lat: 5.6001 });
    expect(byId['adsb-3c6444']).toMatchObject({ kind: 'aircraft', source: 'adsb', callsign: 'DLH572' });
    expect(Date.now() - Date.parse(byId['drone-1581F5FJD228A00DB7Q1'].last_seen)).toBeLessThan(5000);

    // The drone moves out of the box: it is no longer listed there (not at its old position either).
    kit.drone = { ...kit.drone, lat: 6.2, lon: -1.6 };
    await eventually(async () => (await worker.call('/api/v1/airspace/tracks?bbox=-0.3,5.5,-0.1,5.7')).body.count === 1);
    const moved = await worker.call('/api/v1/airspace/tracks?bbox=-1.7,6.1,-1.5,6.3');
    expect(moved.body.tracks.map((t: { track_id: string }) => t.track_id)).toEqual(['drone-1581F5FJD228A00DB7Q1']);
    const none = await worker.call(`/api/v1/airspace/tracks?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(none.body).toMatchObject({ count: 0, tracks: [] });
  });

  it('refuses bad queries with the reason, callers without a token, and roles other than OPS and ADMIN', async () => {
    const reasons = async (qs: string) => (await worker.call(`/api/v1/airspace/tracks?${qs}`)).body.message;
    expect(await reasons('bbox=1,2,3')).toBe('bbox must be four numbers: minLon,minLat,maxLon,maxLat');
    expect(await reasons('bbox=-190,0,10,10')).toBe('bbox longitudes must be within -180..180 and latitudes within -90..90');
    expect(await reasons('bbox=0,10,1,5')).toBe('bbox minLat must not exceed maxLat');
    expect(await reasons('since=yesterday')).toBe('since must be an RFC 3339 time, such as 2026-12-01T12:00:00Z');
    expect(await reasons(`since=${new Date(Date.now() - 2 * DAY).toISOString()}`)).toBe('since must be within the last 24 hours');
    expect(await reasons('limit=0')).toBe('limit must be an integer from 1 to 5000');
    expect((await worker.call('/api/v1/airspace/tracks?bbox=x', 'OPS')).status).toBe(400);
    expect((await worker.call('/api/v1/airspace/tracks', null)).status).toBe(401);
    expect((await worker.call('/api/v1/airspace/kits', 'MERCHANT')).status).toBe(403);
    expect((await worker.call('/api/v1/airspace/kits', 'ADMIN')).status).toBe(200);
  });

  it('lists every configured kit with its health and statistics; a disabled kit is never polled', async () => {
    const k = await worker.untilStatus('kit-data', 'online');
    expect(k).toMatchObject({ name: 'Kit kit-data', location: 'Accra test range', api_url: kit.url, enabled: true, consecutive_failures: 0, current_backoff_s: 0.2, last_error: null });
    expect(k.requests.total).toBeGreaterThan(0);
    expect(k.requests.ok).toBe(k.requests.total);
    expect(k.requests.success_rate_pct).toBe(100);
    expect(k.detections_stored).toBeGreaterThan(3);
    expect(k.polled_by).toBe(worker.app.get(CollectorService).owner);
    expect(await worker.kit('kit-off')).toMatchObject({ enabled: false, status: 'unknown', requests: { total: 0, ok: 0, failed: 0, success_rate_pct: 0 } });
  });

  it('exports kit metrics for Prometheus', async () => {
    const text = (await requestJson('GET', `${worker.url}/metrics`)).body as string;
    expect(text).toContain('analytics_airspace_kit_status{kit="kit-data",status="online"} 1');
    expect(text).toMatch(/analytics_airspace_kit_requests_total\{kit="kit-data",endpoint="\/drones",outcome="ok"\} \d+/);
    expect(text).toMatch(/analytics_airspace_detections_stored_total\{kit="kit-data",type="track"\} \d+/);
  });

  it('logs each kit health line as the spec shows it', async () => {
    const lines = await worker.app.get(CollectorService).logHealth();
    expect(lines[0]).toMatch(/^Kit kit-data: online \| Success rate: 100\.0% \| Requests: \d+ \(OK: \d+, Failed: 0\)$/);
  });
});

describe('a kit that goes down and comes back', () => {
  let kit: FakeKit;
  let worker: Worker;

  beforeAll(async () => {
    kit = await new FakeKit().start();
    worker = await Worker.start({ KITS_CONFIG: writeKitsConfig([{ id: 'kit-flaky', url: kit.url }]) });
    await worker.untilStatus('kit-flaky', 'online');
  });

  afterAll(async () => {
    await worker?.close();
    await kit?.stop();
  });

  it('is backed off 0.2, 0.4, 0.8, 0.8 s while it drops every connection, offline meanwhile, and online when it answers again', async () => {
    kit.requests.length = 0;
    kit.mode = 'reset';
    await eventually(async () => kit.count('/drones') >= 5, 10_000);
    const offline = await worker.untilStatus('kit-flaky', 'offline');
    expect(offline.last_error).toMatch(/request error fetching \/(drones|signals)/);
    const seen = gaps(kit, '/drones').slice(0, 4);
    [0.2, 0.4, 0.8, 0.8].forEach((expected, i) => {
      expect(seen[i]).toBeGreaterThanOrEqual(expected - 0.02);
      expect(seen[i]).toBeLessThan(expected + 0.4);
    });
    expect((await worker.kit('kit-flaky')).current_backoff_s).toBe(0.8);

    kit.mode = 'data';
    const back = await worker.untilStatus('kit-flaky', 'online');
    expect(back).toMatchObject({ consecutive_failures: 0, current_backoff_s: 0.2, last_error: null });
    expect(back.requests.failed).toBeGreaterThanOrEqual(4);
    expect(back.requests.success_rate_pct).toBeLessThan(100);
  });

  it('is offline while its server is gone (connections refused) and online once it is back on its port', async () => {
    await kit.stop();
    const offline = await worker.untilStatus('kit-flaky', 'offline');
    expect(offline.last_error).toMatch(/ECONNREFUSED/);
    await kit.start();
    await worker.untilStatus('kit-flaky', 'online');
  });

  it('is error while it answers HTTP 500, and online again afterwards', async () => {
    kit.mode = 'error';
    const k = await worker.untilStatus('kit-flaky', 'error');
    expect(k.last_error).toMatch(/HTTP 500 fetching \//);
    kit.mode = 'data';
    await worker.untilStatus('kit-flaky', 'online');
  });
});

describe('a kit that answers without data', () => {
  it('turns stale after STALE_THRESHOLD and online again when detections come', async () => {
    const kit = await new FakeKit().start();
    kit.mode = 'empty';
    const worker = await Worker.start({ KITS_CONFIG: writeKitsConfig([{ id: 'kit-quiet', url: kit.url }]), STALE_THRESHOLD: '0.6' });
    try {
      const first = await worker.untilStatus('kit-quiet', 'online');
      expect(first.last_data_at).toBeNull();
      const stale = await worker.untilStatus('kit-quiet', 'stale');
      expect(stale.consecutive_failures).toBe(0);
      expect(Date.parse(stale.status_since!) - Date.parse(first.status_since!)).toBeGreaterThanOrEqual(600);
      kit.mode = 'data';
      const online = await worker.untilStatus('kit-quiet', 'online');
      expect(online.last_data_at).not.toBeNull();
    } finally {
      await worker.close();
      await kit.stop();
    }
  });
});

describe('a kit that never answers', () => {
  it('retries a timed-out request MAX_RETRIES times with a linear delay, then counts the round as failed', async () => {
    const kit = await new FakeKit().start();
    kit.mode = 'hang';
    const worker = await Worker.start({ KITS_CONFIG: writeKitsConfig([{ id: 'kit-hung', url: kit.url }]), REQUEST_TIMEOUT: '0.15', MAX_RETRIES: '2', INITIAL_BACKOFF: '5', MAX_BACKOFF: '5' });
    try {
      const k = await worker.untilStatus('kit-hung', 'offline');
      expect(k.last_error).toMatch(/timeout fetching \/(drones|signals) \(150 ms\) after 2 retries/);
      expect(k.current_backoff_s).toBe(5);
      expect(kit.count('/drones')).toBe(3);
      // 1 s retry steps are capped at INITIAL_BACKOFF; here: the timeout, then 1 s, then the timeout and 2 s.
      const [g1, g2] = gaps(kit, '/drones');
      expect(g1).toBeGreaterThanOrEqual(1.1);
      expect(g2).toBeGreaterThanOrEqual(2.1);
    } finally {
      await worker.close();
      await kit.stop();
    }
  });
});

describe('two replicas', () => {
  it('poll each kit from one replica at a time, and the survivor takes over the kits of one that stops', async () => {
    const kits = await Promise.all([new FakeKit().start(), new FakeKit().start()]);
    const file = writeKitsConfig([{ id: 'kit-r1', url: kits[0].url }, { id: 'kit-r2', url: kits[1].url }]);
    const prefix = `wx-air-${randomBytes(3).toString('hex')}`;
    const a = await Worker.start({ KITS_CONFIG: file, QUEUE_PREFIX: prefix, POLL_INTERVAL: '0.5' });
    const b = await Worker.start({ KITS_CONFIG: file, QUEUE_PREFIX: prefix, POLL_INTERVAL: '0.5' });
    try {
      await a.untilStatus('kit-r1', 'online');
      await a.untilStatus('kit-r2', 'online');
      const from = kits.map((k) => k.count('/drones'));
      await sleep(3000);
      // One poller per kit: about 6 rounds in 3 s at 0.5 s, not 12.
      kits.forEach((k, i) => expect(k.count('/drones') - from[i]).toBeLessThanOrEqual(8));
      const owners = [(await a.kit('kit-r1')).polled_by, (await a.kit('kit-r2')).polled_by];
      const ids = [a.app.get(CollectorService).owner, b.app.get(CollectorService).owner];
      owners.forEach((o) => expect(ids).toContain(o));

      const leaving = owners[0] === ids[0] ? a : b;
      const staying = leaving === a ? b : a;
      await leaving.close();
      const survivor = staying.app.get(CollectorService).owner;
      await eventually(async () => (await staying.kit('kit-r1')).polled_by === survivor && (await staying.kit('kit-r2')).polled_by === survivor, 10_000);
      const after = kits[0].count('/drones');
      await eventually(async () => kits[0].count('/drones') > after + 1, 5000);
      await staying.close();
    } finally {
      await kits[0].stop();
      await kits[1].stop();
    }
  });
});

describe('no kits configured', () => {
  it('runs with the collector idle and lists no kits it was not told of', async () => {
    const worker = await Worker.start({});
    try {
      expect(worker.app.get(CollectorService).pollers.size).toBe(0);
      expect((await worker.call('/api/v1/airspace/tracks')).status).toBe(200);
    } finally {
      await worker.close();
    }
  });
});

describe('airspace partitions', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await Worker.start({ AIRSPACE_RETENTION_DAYS: '7' });
  });
  afterAll(() => worker?.close());

  it('are created ahead for every airspace table, moving early rows out of the default partition', async () => {
    const partitions = worker.app.get(AirspacePartitionsService);
    const tenDaysOn = Date.now() + 10 * DAY;
    const day = new Date(tenDaysOn).toISOString().slice(0, 10).replaceAll('-', '');
    await worker.rows(`INSERT INTO airspace_tracks (time, received_at, kit_id, track_id, kind, lat, lon) VALUES ($1, now(), 'k', 'early', 'drone', 5.6, -0.2)`, [new Date(tenDaysOn)]);
    const { created } = await partitions.maintain(tenDaysOn);
    expect(created).toEqual(expect.arrayContaining([`airspace_tracks_p${day}`, `airspace_signals_p${day}`, `airspace_system_health_p${day}`]));
    expect(await worker.rows(`SELECT 1 FROM airspace_tracks_default WHERE track_id = 'early'`)).toHaveLength(0);
    expect(await worker.rows(`SELECT 1 FROM "airspace_tracks_p${day}" WHERE track_id = 'early'`)).toHaveLength(1);
  });

  it('are dropped once older than AIRSPACE_RETENTION_DAYS, with the default partition rows of that age', async () => {
    const partitions = worker.app.get(AirspacePartitionsService);
    const today = `airspace_signals_p${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
    await partitions.maintain();
    expect(await partitions.list('airspace_signals')).toContain(today);
    await worker.rows(`INSERT INTO airspace_signals (time, received_at, kit_id, signal_id) VALUES ($1, now(), 'k', 'ancient')`, [new Date(Date.now() - 40 * DAY)]);
    const { dropped } = await partitions.maintain(Date.now() + 9 * DAY);
    expect(dropped).toContain(today);
    expect(await partitions.list('airspace_signals')).not.toContain(today);
    expect(await worker.rows(`SELECT 1 FROM airspace_signals_default WHERE signal_id = 'ancient'`)).toHaveLength(0);
  });
});

describe('a bad KITS_CONFIG', () => {
  it('is refused by the configuration, naming every problem', () => {
    const file = writeKitsConfig([], 'kits:\n  - id: a\n  - id: b\n    api_url: nope\n');
    const load = () => loadAnalyticsConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, JWT_SECRET, KITS_CONFIG: file });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        `KITS_CONFIG ${file}: kits[0]: api_url is required (for example http://192.168.1.100:8088)`,
        `KITS_CONFIG ${file}: kits[1]: api_url must be an http(s) URL, got "nope"`,
      ]);
    }
  });

  it('stops the built worker at start with exit code 78, for a broken file and for a missing one', () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const run = (kitsConfig: string) => spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, REDIS_URL: redis.url, JWT_SECRET, KITS_CONFIG: kitsConfig, MAX_BACKOFF: '1', INITIAL_BACKOFF: '2' }, encoding: 'utf8', timeout: 20_000 });
    const broken = run(writeKitsConfig([], 'kits: [unclosed'));
    expect(broken.status).toBe(78);
    const log = JSON.parse(broken.stderr.trim().split('\n').pop()!);
    expect(log.problems.some((p: string) => /is not valid YAML/.test(p))).toBe(true);
    expect(log.problems).toContain('MAX_BACKOFF must be at least INITIAL_BACKOFF');
    const missing = run('/nonexistent/kits.yaml');
    expect(missing.status).toBe(78);
    expect(JSON.parse(missing.stderr.trim().split('\n').pop()!).problems).toEqual(['MAX_BACKOFF must be at least INITIAL_BACKOFF', 'KITS_CONFIG /nonexistent/kits.yaml cannot be read: ENOENT']);
  });
});
