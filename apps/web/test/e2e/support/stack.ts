import { claimRedisDb, createTestDatabase, FleetApiProcess, ServiceProcess, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { randomBytes } from 'node:crypto';
import { FleetRegistryClient, type RegisteredDroneDto } from '@wingxtra/contracts';
import { mintToken } from './tokens.js';

export const JWT_SECRET = randomBytes(32).toString('hex');
export const BRIDGE_SECRET = randomBytes(24).toString('hex');
/** Tiles nobody serves: the maps must work without them, as in the tests' sandbox. */
export const DEAD_TILES = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';

export interface StackOptions {
  delivery?: { bridgeUrl: string; env?: Record<string, string> };
  analytics?: boolean;
  analyticsEnv?: Record<string, string>;
  /** fleet-api with its drone registry (geofences, alerts) on a database of its own; always so with delivery. */
  registry?: boolean;
  fleetEnv?: Record<string, string>;
  webEnv?: Record<string, string>;
}

/**
 * The real built services as child processes on the local Redis and PostgreSQL (a Redis database and fresh
 * databases of this test file's own), and the built web server in front of them.
 */
export class Stack {
  redis!: TestRedisDb;
  fleet!: FleetApiProcess;
  delivery: ServiceProcess | null = null;
  analytics: ServiceProcess | null = null;
  web!: ServiceProcess;
  private readonly dbs: TestDatabase[] = [];
  readonly prefix = `wx-web-${process.pid}-${randomBytes(3).toString('hex')}`;

  static async start(o: StackOptions = {}): Promise<Stack> {
    const s = new Stack();
    try {
      await s.boot(o);
    } catch (err) {
      await s.stop();
      throw err;
    }
    return s;
  }

  private async boot(o: StackOptions): Promise<void> {
    this.redis = await claimRedisDb();
    // With delivery-service, fleet-api runs with its drone registry (its own database): dispatch reads the
    // drones from there, with tokens of the shared JWT_SECRET.
    const registryEnv: Record<string, string> = {};
    if (o.delivery || o.registry) {
      const fleetDb = await createTestDatabase('wx_web_fleet');
      this.dbs.push(fleetDb);
      Object.assign(registryEnv, { DATABASE_URL: fleetDb.url, JWT_SECRET });
    }
    this.fleet = await new FleetApiProcess(this.redis.url, { ...registryEnv, ...o.fleetEnv }).start();
    if (o.delivery) {
      const db = await createTestDatabase('wx_web_delivery');
      this.dbs.push(db);
      this.delivery = await new ServiceProcess({
        packageName: '@wingxtra/delivery-service',
        before: 'dist/database/migrate.cli.js',
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: this.redis.url,
          QUEUE_PREFIX: `${this.prefix}-d`,
          JWT_SECRET,
          GCS_BRIDGE_SECRET: BRIDGE_SECRET,
          GCS_BRIDGE_URL: o.delivery.bridgeUrl,
          FLEET_API_URL: this.fleet.url,
          // Orders wait for the operator, as the test drives assignment through the page.
          DISPATCH_INTERVAL_S: '3600',
          PROGRESS_INTERVAL_S: '1',
          TRACKING_RATE_LIMIT_PER_MIN: '1000',
          POD_STORAGE_DIR: `/tmp/${this.prefix}-pod`,
          LOG_LEVEL: 'ERROR',
          ...o.delivery.env,
        },
        startTimeoutMs: 30_000,
      }).start();
    }
    if (o.analytics) {
      const db = await createTestDatabase('wx_web_analytics');
      this.dbs.push(db);
      this.analytics = await new ServiceProcess({
        packageName: '@wingxtra/analytics-worker',
        before: 'dist/database/migrate.cli.js',
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: this.redis.url,
          QUEUE_PREFIX: `${this.prefix}-a`,
          JWT_SECRET,
          FLIGHT_IDLE_S: '5',
          SESSIONIZE_DELAY_S: '1',
          LOG_LEVEL: 'ERROR',
          ...(this.delivery ? { DELIVERY_API_URL: this.delivery.url } : {}),
          ...o.analyticsEnv,
        },
        startTimeoutMs: 30_000,
      }).start();
    }
    this.web = await new ServiceProcess({
      packageName: '@wingxtra/web',
      env: {
        FLEET_API_URL: this.fleet.url,
        DELIVERY_API_URL: this.delivery?.url ?? 'http://127.0.0.1:9',
        ANALYTICS_API_URL: this.analytics?.url ?? 'http://127.0.0.1:9',
        TILE_URL: DEAD_TILES,
        LOG_LEVEL: 'ERROR',
        ...o.webEnv,
      },
      startTimeoutMs: 20_000,
    }).start();
  }

  /** fleet-api's registry as an ADMIN (the test's own calls, not the page's). */
  registry(): FleetRegistryClient {
    return new FleetRegistryClient({ baseUrl: this.fleet.url, token: mintToken(JWT_SECRET, { sub: 'admin-1', role: 'ADMIN' }) });
  }

  /** Registers a drone in fleet-api's registry (ADMIN), where dispatch finds it; answers its key. */
  async registerDrone(droneId: string, maxPayloadKg: number, home: { lat: number; lon: number }): Promise<RegisteredDroneDto> {
    return this.registry().registerDrone({ drone_id: droneId, name: droneId, type: 'quadcopter', max_payload_kg: maxPayloadKg, home });
  }

  /** Posts one packet to fleet-api with the given key (a drone's own, or the development key) and answers the status. */
  async postWithKey(key: string, packet: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.fleet.url}/api/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(packet) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async stop(): Promise<void> {
    await this.web?.stop();
    await this.analytics?.stop();
    await this.delivery?.stop();
    await this.fleet?.stop();
    for (const db of this.dbs) await db.drop().catch(() => undefined);
    await this.redis?.release();
  }
}
