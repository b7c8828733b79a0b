import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AirspaceApiClient } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, eventually, ServiceProcess, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { AirspaceWatchService } from '../src/airspace/airspace-watch.service.js';
import { DeliveryStack, DROPOFF, JWT_SECRET, PICKUP } from './support/delivery-app.js';

const OUR_DRONE = 'WX-DRN-AIR1';
const INTRUDER = 'drone-1581F5FJD228A00DB7Q1';
/** The middle of the order's route, and a point 200 m off it (inside the 500 m radius). */
const NEAR = { lat: (PICKUP.lat + DROPOFF.lat) / 2 + 0.0013, lon: (PICKUP.lng + DROPOFF.lng) / 2 - 0.0013 };
const FAR = { lat: PICKUP.lat + 0.2, lon: PICKUP.lng };

/**
 * A detection kit (a real HTTP server serving DragonSync's /drones, /signals, /status) that sees our own drone on
 * the route, which must never count, and an intruder wherever the test puts it (or nowhere).
 */
class FakeKit {
  intruder: { lat: number; lon: number } | null = null;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const now = Date.now() / 1000;
      const track = (id: string, p: { lat: number; lon: number }) => ({ id, id_type: 'Serial Number (ANSI/CTA-2063-A)', lat: p.lat, lon: p.lon, alt: 80, speed: 9, direction: 40, rssi: -70, observed_at: now, track_type: 'drone' });
      const body = req.url?.startsWith('/drones')
        ? { drones: [track(OUR_DRONE, { lat: PICKUP.lat, lon: PICKUP.lng }), ...(this.intruder ? [track(INTRUDER, this.intruder)] : [])] }
        : req.url?.startsWith('/signals')
          ? { signals: [] }
          : { uid: 'wardragon-T1', lat: PICKUP.lat, lon: PICKUP.lng, cpu_usage: 10, last_update_time: now };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('airspace-gated launch', () => {
  let kit: FakeKit;
  let analyticsDb: TestDatabase;
  let analyticsRedis: TestRedisDb;
  let analytics: ServiceProcess;
  let stack: DeliveryStack;
  let airspace: AirspaceApiClient;
  let analyticsToken: string;

  beforeAll(async () => {
    kit = await new FakeKit().start();
    analyticsDb = await createTestDatabase('wx_air_gate_analytics');
    const kits = join(mkdtempSync(join(tmpdir(), 'wx-kits-')), 'kits.yaml');
    writeFileSync(kits, `kits:\n  - id: kit-gate\n    name: Gate test kit\n    api_url: "${kit.url}"\n`);
    analyticsRedis = await claimRedisDb();
    // The real analytics-worker, built, polling the fake kit; the same JWT_SECRET, as in production.
    analytics = await new ServiceProcess({
      packageName: '@wingxtra/analytics-worker',
      before: 'dist/database/migrate.cli.js',
      env: {
        DATABASE_URL: analyticsDb.url, REDIS_URL: analyticsRedis.url, JWT_SECRET, QUEUE_PREFIX: `wx-gate-${randomBytes(3).toString('hex')}`,
        KITS_CONFIG: kits, POLL_INTERVAL: '0.2', STATUS_POLL_INTERVAL: '1', LOG_LEVEL: 'ERROR',
      },
    }).start();
    stack = await DeliveryStack.start({ ANALYTICS_API_URL: analytics.url, AIRSPACE_ALERT_RADIUS_M: '500', AIRSPACE_TRACK_MAX_AGE_S: '5', AIRSPACE_CHECK_INTERVAL_S: '3600' });
    analyticsToken = await stack.app.get(TokenService).sign({ sub: 'ops-1', role: 'OPS' });
    airspace = new AirspaceApiClient({ baseUrl: analytics.url, token: analyticsToken });
    await stack.registerDrone(OUR_DRONE, 3);
    await stack.fleet.report(OUR_DRONE, { lat: PICKUP.lat, lon: PICKUP.lng, battery: 95 });
  });

  afterAll(async () => {
    await stack?.close();
    await analytics?.stop();
    await analyticsDb?.drop();
    await analyticsRedis?.release();
    await kit?.stop();
  });

  const run = async () => {
    const res = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(res.status).toBe(200);
    return res.body;
  };
  const decisionFor = (result: { decisions: Array<{ order_id: string; reasons: string[] }> }, id: string) => result.decisions.find((d) => d.order_id === id);
  const seen = (trackId: string, where: { lat: number; lon: number }) =>
    eventually(async () => (await airspace.getTracks({ since: new Date(Date.now() - 2000) })).tracks.find((t) => t.track_id === trackId && Math.abs(t.lat - where.lat) < 1e-6), 10_000);
  const events = async (orderId: string, type: string) => (await stack.call('GET', `/api/v1/orders/${orderId}/events`)).body.items.filter((e: { type: string }) => e.type === type);

  it('holds the launch of an order whose route an intruder is near, saying so, and releases it when the intruder leaves', async () => {
    kit.intruder = NEAR;
    await seen(INTRUDER, NEAR);
    await seen(OUR_DRONE, { lat: PICKUP.lat, lon: PICKUP.lng });
    const order = await stack.createOrder();

    const held = decisionFor(await run(), order.id);
    expect(held).toMatchObject({ assigned: false, drone_id: null });
    expect(held!.reasons).toHaveLength(1);
    expect(held!.reasons[0]).toMatch(new RegExp(`^airspace: launch held, 1 aircraft not ours within 500 m of the route: ${INTRUDER} \\(drone\\) at (1|2)\\d\\d m$`));
    expect(held!.reasons[0]).not.toContain(OUR_DRONE);
    expect((await stack.call('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('QUEUED');

    kit.intruder = FAR;
    await seen(INTRUDER, FAR);
    expect(decisionFor(await run(), order.id)).toMatchObject({ assigned: true, drone_id: OUR_DRONE, reasons: [] });
  });

  it('alerts an active delivery once per intrusion, and records when the airspace is clear again', async () => {
    const [order] = (await stack.prisma.order.findMany({ where: { status: 'ASSIGNED' } }));
    const watch = stack.app.get(AirspaceWatchService);
    kit.intruder = NEAR;
    await seen(INTRUDER, NEAR);
    expect(await watch.check()).toEqual({ alerts: 1, clears: 0 });
    expect(await watch.check()).toEqual({ alerts: 0, clears: 0 });
    const alerts = await events(order.id, 'AIRSPACE_ALERT');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ actor: { id: 'system:airspace', role: 'SYSTEM' }, payload: { track_id: INTRUDER, kind: 'drone', kit_id: 'kit-gate', radius_m: 500, drone_id: OUR_DRONE } });
    expect(alerts[0].message).toMatch(new RegExp(`^Airspace alert: ${INTRUDER} \\(drone, remote_id, 1581F5FJD228A00DB7Q1; seen by kit kit-gate, 80 m altitude\\) is \\d+ m from the route, within the 500 m alert radius$`));
    expect(alerts[0].payload.distance_m).toBeLessThan(500);

    kit.intruder = null; // no longer seen: gone once its last report is older than AIRSPACE_TRACK_MAX_AGE_S
    await eventually(async () => (await watch.check())?.clears === 1, 15_000, 500);
    expect(await events(order.id, 'AIRSPACE_CLEAR')).toHaveLength(1);

    // It comes back: a new intrusion, a second alert.
    kit.intruder = NEAR;
    await seen(INTRUDER, NEAR);
    expect(await watch.check()).toEqual({ alerts: 1, clears: 0 });
    expect(await events(order.id, 'AIRSPACE_ALERT')).toHaveLength(2);
  });

  it('holds every launch while analytics-worker cannot be reached (fail-safe), naming why', async () => {
    await stack.prisma.deliveryJob.updateMany({ where: { status: 'ACTIVE' }, data: { status: 'CANCELED' } });
    await stack.prisma.order.updateMany({ where: { status: 'ASSIGNED' }, data: { status: 'CANCELED' } });
    await analytics.stop();
    const order = await stack.createOrder();
    const d = decisionFor(await run(), order.id);
    expect(d).toMatchObject({ assigned: false });
    expect(d!.reasons[0]).toMatch(/^airspace: launch held, airspace traffic unknown \(analytics-worker at http:\/\/127\.0\.0\.1:\d+: /);
    expect(await stack.app.get(AirspaceWatchService).check()).toBeNull();
  });
});
