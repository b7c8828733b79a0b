import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_JOB, TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually } from '@wingxtra/testing';
import { PartitionsService } from '../src/history/partitions.service.js';
import { AnalyticsStack, flightPackets, postAll } from './support/analytics-app.js';

const DAY = 86_400_000;

describe('analytics-worker', () => {
  let stack: AnalyticsStack;

  let delivery: Server;
  const jobRequests: Array<{ url: string; auth: string | undefined }> = [];

  beforeAll(async () => {
    // delivery-service's job-window endpoint, as a local HTTP server: WX-FLT-2 flew order 5d9a… all along.
    delivery = createServer((req, res) => {
      jobRequests.push({ url: req.url ?? '', auth: req.headers.authorization });
      const items = req.url?.includes('drone_id=WX-FLT-2')
        ? [{ job_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', order_id: '5d9a3c3e-1f3a-4d7e-8c1b-7a6b5c4d3e2f', drone_id: 'WX-FLT-2', status: 'COMPLETED', attempt: 1, started_at: new Date(Date.now() - 3_600_000).toISOString(), ended_at: new Date().toISOString() }]
        : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
    });
    await new Promise<void>((r) => delivery.listen(0, '127.0.0.1', r));
    stack = await AnalyticsStack.start({ DELIVERY_API_URL: `http://127.0.0.1:${(delivery.address() as AddressInfo).port}` });
  });

  afterAll(async () => {
    await stack.close();
    await new Promise((r) => delivery.close(r));
  });

  describe('history', () => {
    it('stores every packet fleet-api accepted, exactly once', async () => {
      const packets = [1, 2, 3].flatMap((n) => flightPackets({ droneId: `WX-HIST-${n}`, startMs: Date.now() - 600_000, hz: 10, flightS: 30, groundS: 10 }));
      await postAll(stack.fleet, packets);
      await eventually(async () => (await stack.rawCount()) === packets.length, 20_000);
      const { rows } = await stack.prisma.pool.query('SELECT lat, groundspeed_mps, armed, mode, voltage_v, source_ip FROM telemetry_raw WHERE drone_id = $1 ORDER BY ts LIMIT 1', ['WX-HIST-1']);
      expect(rows[0]).toMatchObject({ lat: 5.6, groundspeed_mps: 10, armed: true, mode: 'AUTO', voltage_v: 22.2, source_ip: '127.0.0.1' });
    });

    it('keeps every column exactly as the drone sent it: offsets, sub-millisecond digits, text and extremes', async () => {
      const ts = new Date(Date.now() - 300_000);
      // 14:00:00.1236+02:00 is 12:00:00.124Z once stored at millisecond precision (PostgreSQL rounds).
      const local = new Date(ts.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '.1236+02:00');
      const packet = {
        schema_version: 2, drone_id: 'WX-HIST-COLS', ts: local,
        position: { lat: -89.999999, lon: 179.999999, alt_m: -500 },
        attitude: { yaw_deg: 359.9, roll_deg: -45.25, pitch_deg: 12.5 },
        velocity: { groundspeed_mps: 0, vz_mps: -3.75 },
        state: { armed: false, mode: 'GUIDED\tTAB ✈' },
        power: { current_a: 41.5, mah_drawn: 987_654_321, throttle: 0.3 },
        link: { rssi_dbm: -120 },
      };
      await stack.fleet.post([packet]);
      const row = await eventually(async () => (await stack.prisma.pool.query('SELECT * FROM telemetry_raw WHERE drone_id = $1', ['WX-HIST-COLS'])).rows[0], 20_000);
      const expected = new Date(ts);
      expected.setUTCMilliseconds(124);
      expect(row).toMatchObject({
        ts: expected, schema_version: 2, flight_id: null, lat: -89.999999, lon: 179.999999, alt_m: -500, groundspeed_mps: 0, vz_mps: -3.75,
        yaw_deg: 359.9, roll_deg: -45.25, pitch_deg: 12.5, armed: false, mode: 'GUIDED\tTAB ✈', voltage_v: null, remaining_pct: null,
        current_a: 41.5, mah_drawn: '987654321', rssi_dbm: -120, source_ip: '127.0.0.1',
      });
      expect(row.throttle).toBeCloseTo(0.3, 6);
    });

    it('adds nothing when a batch is delivered again', async () => {
      const before = await stack.rawCount();
      const { rows } = await stack.prisma.pool.query<{ drone_id: string; ts: Date }>('SELECT drone_id, ts FROM telemetry_raw ORDER BY ts LIMIT 50');
      // The same packets handed off a second time, as after a crash between storing and acknowledging.
      const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: stack.redis.url } });
      try {
        await queue.add(TELEMETRY_HISTORY_JOB, {
          packets: rows.map((r) => ({ drone_id: r.drone_id, received_at: new Date().toISOString(), source_ip: null, packet: JSON.stringify({ schema_version: 1, drone_id: r.drone_id, ts: r.ts.toISOString() }) })),
        });
        await eventually(async () => (await queue.getJobCounts('completed', 'waiting', 'active')).waiting === 0, 10_000);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await queue.close();
      }
      expect(await stack.rawCount()).toBe(before);
    });
  });

  describe('flights', () => {
    let flightId: string;

    it('cuts a v1 drone flight at disarm and measures it', async () => {
      // 60 s at 10 m/s north, then 20 s disarmed on the ground: one flight of ~60 s and ~600 m.
      await postAll(stack.fleet, flightPackets({ droneId: 'WX-FLT-1', startMs: Date.now() - 300_000, hz: 10, flightS: 60, groundS: 20 }));
      const flight = await eventually(async () => {
        const res = await stack.call('GET', '/api/v1/drones/WX-FLT-1/flights');
        return res.body.items?.[0]?.computed_at ? res.body.items[0] : undefined;
      }, 20_000);
      flightId = flight.id;
      expect(flight).toMatchObject({ drone_id: 'WX-FLT-1', end_reason: 'disarmed', sample_count: 600, order_id: null }); // no delivery in its window
      expect(flight.duration_s).toBeCloseTo(59.9, 1);
      expect(flight.distance_m).toBeCloseTo(599, -1);
      expect(flight.battery_pct_used).toBeCloseTo(10, 0);
      expect(flight.wh_used).toBeNull(); // v1 reports no current
      const stamped = await stack.prisma.pool.query('SELECT count(*)::int AS n FROM telemetry_raw WHERE flight_id = $1', [flightId]);
      expect(stamped.rows[0].n).toBe(600);
    });

    it('cuts a v2 drone flight when the throttle stays idle and measures its energy', async () => {
      // 60 s at 10 m/s, 22.2 V and 10 A at throttle 0.6, then 20 s at throttle 0: 222 W for 59.9 s.
      await postAll(stack.fleet, flightPackets({ droneId: 'WX-FLT-2', startMs: Date.now() - 200_000, hz: 10, flightS: 60, groundS: 20, v2: true }));
      const flight = await eventually(async () => {
        const res = await stack.call('GET', '/api/v1/drones/WX-FLT-2/flights');
        return res.body.items?.[0]?.computed_at ? res.body.items[0] : undefined;
      }, 20_000);
      expect(flight).toMatchObject({ end_reason: 'throttle_idle', sample_count: 600 });
      // ∫V·I dt = 22.2 V × 10 A × 59.9 s / 3600 = 3.694 Wh; ∫I dt = 10 A × 59.9 s / 3.6 = 166.4 mAh.
      expect(flight.wh_used).toBeCloseTo(3.694, 2);
      expect(flight.mah_used).toBeCloseTo(166.4, 0);
      expect(flight.wh_per_km).toBeCloseTo(3.694 / 0.599, 1);
      expect(flight.max_current_a).toBe(10);
      // Linked to the delivery the drone was flying, asked of delivery-service with a bearer token.
      expect(flight.order_id).toBe('5d9a3c3e-1f3a-4d7e-8c1b-7a6b5c4d3e2f');
      const asked = jobRequests.find((r) => r.url.includes('WX-FLT-2'));
      expect(asked?.url).toMatch(/^\/api\/v1\/dispatch\/jobs\?drone_id=WX-FLT-2&from=.+&to=.+/);
      expect(asked?.auth).toMatch(/^Bearer ey/);
    });

    it('answers the flight with its metrics, points and track', async () => {
      const detail = await stack.call('GET', `/api/v1/flights/${flightId}?points=100`);
      expect(detail.status).toBe(200);
      expect(detail.body.computed_metrics).toMatchObject({ sample_count: 600 });
      expect(detail.body.points).toHaveLength(100);
      const track = await stack.call('GET', `/api/v1/flights/${flightId}/track?points=50`);
      expect(track.body.type).toBe('Feature');
      expect(track.body.geometry.coordinates).toHaveLength(50);
      expect(track.body.geometry.coordinates[0]).toEqual([-0.187, 5.6, 40]);
    });

    it('recomputes on request (202) and ranks drones on the leaderboard', async () => {
      const res = await stack.call('POST', `/api/v1/flights/${flightId}/recompute`);
      expect(res.status).toBe(202);
      const board = await stack.call('GET', '/api/v1/analytics/leaderboard?metric=distance_m');
      expect(board.body).toMatchObject({ metric: 'distance_m', order: 'desc' });
      expect(board.body.items.map((i: { drone_id: string }) => i.drone_id)).toContain('WX-FLT-1');
      const bad = await stack.call('GET', '/api/v1/analytics/leaderboard?metric=colour');
      expect(bad.status).toBe(400);
    });

    it('plays back a drone history window, downsampled', async () => {
      const from = new Date(Date.now() - 400_000).toISOString();
      const to = new Date().toISOString();
      const res = await stack.call('GET', `/api/v1/drones/WX-FLT-1/history?from=${from}&to=${to}&points=20`);
      expect(res.status).toBe(200);
      expect(res.body.sample_count).toBe(800);
      expect(res.body.points).toHaveLength(20);
    });

    it('lets only OPS and ADMIN read flights', async () => {
      expect((await stack.call('GET', `/api/v1/flights/${flightId}`, undefined, null)).status).toBe(401);
      expect((await stack.call('GET', `/api/v1/flights/${flightId}`, undefined, 'MERCHANT')).status).toBe(403);
      expect((await stack.call('GET', `/api/v1/flights/${flightId}`, undefined, 'ADMIN')).status).toBe(200);
      expect((await stack.call('GET', '/api/v1/flights/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await stack.call('GET', '/api/v1/drones/wx-lower/flights')).status).toBe(400);
    });
  });

  describe('partitions', () => {
    it('creates daily partitions ahead, moving early rows out of the default partition', async () => {
      const partitions = stack.app.get(PartitionsService);
      const tenDaysOn = Date.now() + 10 * DAY;
      // A reading from a clock ten days ahead lands in the default partition.
      await stack.prisma.pool.query(`INSERT INTO telemetry_raw (drone_id, ts, received_at, schema_version) VALUES ('WX-PART-1', $1, now(), 1)`, [new Date(tenDaysOn)]);
      const { created } = await partitions.maintain(tenDaysOn);
      const day = new Date(tenDaysOn).toISOString().slice(0, 10).replaceAll('-', '');
      expect(created).toContain(`telemetry_raw_p${day}`);
      const where = await stack.prisma.pool.query(`SELECT tableoid::regclass::text AS part FROM telemetry_raw WHERE drone_id = 'WX-PART-1'`);
      expect(where.rows[0].part).toBe(`telemetry_raw_p${day}`);
    });

    it('drops partitions older than RETENTION_DAYS', async () => {
      const partitions = stack.app.get(PartitionsService);
      const before = await partitions.list();
      const { dropped } = await partitions.maintain(Date.now() + (stack.config.RETENTION_DAYS + 2) * DAY);
      const todays = `telemetry_raw_p${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
      expect(before).toContain(todays);
      expect(dropped).toContain(todays);
      expect(await partitions.list()).not.toContain(todays);
    });
  });
});

describe('a flight longer than a sessionizer page', () => {
  let stack: AnalyticsStack;

  beforeAll(async () => {
    stack = await AnalyticsStack.start({ SESSIONIZE_PAGE_SAMPLES: '1000' });
  });

  afterAll(() => stack.close());

  it('stays one flight: reading resumes where it stopped and keeps the start', async () => {
    // 300 s at 10 Hz (3,000 samples: several pages of 1,000 read with a 65 s look-back) then 20 s idle.
    await postAll(stack.fleet, flightPackets({ droneId: 'WX-LONG-1', startMs: Date.now() - 400_000, hz: 10, flightS: 300, groundS: 20, v2: true }));
    const flight = await eventually(async () => {
      const res = await stack.call('GET', '/api/v1/drones/WX-LONG-1/flights');
      return res.body.items?.[0]?.computed_at ? res.body.items : undefined;
    }, 30_000);
    expect(flight).toHaveLength(1);
    expect(flight[0]).toMatchObject({ end_reason: 'throttle_idle', sample_count: 3000 });
    expect(flight[0].duration_s).toBeCloseTo(299.9, 1);
  });
});
