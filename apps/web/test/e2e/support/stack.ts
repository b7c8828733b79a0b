import { claimRedisDb, createTestDatabase, FleetApiProcess, ServiceProcess, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { randomBytes } from 'node:crypto';
import { FleetRegistryClient } from '@wingxtra/contracts';
import { mintToken } from './tokens.js';

export const JWT_SECRET = randomBytes(32).toString('hex');
export const BRIDGE_SECRET = randomBytes(24).toString('hex');
/** Tiles nobody serves: the maps must work without them, as in the tests' sandbox. */
export const DEAD_TILES = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';

export interface StackOptions {
  delivery?: { bridgeUrl: string; env?: Record<string, string> };
  analytics?: boolean;
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
    if (o.delivery) {
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

  /** Registers a drone in fleet-api's registry (ADMIN), where dispatch finds it. */
  async registerDrone(droneId: string, maxPayloadKg: number, home: { lat: number; lon: number }): Promise<void> {
    const registry = new FleetRegistryClient({ baseUrl: this.fleet.url, token: mintToken(JWT_SECRET, { sub: 'admin-1', role: 'ADMIN' }) });
    await registry.registerDrone({ drone_id: droneId, name: droneId, type: 'quadcopter', max_payload_kg: maxPayloadKg, home });
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
