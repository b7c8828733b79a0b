import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeliveryApiClient } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, FLEET_DRONE_KEY_SECRET, freePort, ServiceProcess, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { createSimulatorApp } from '../../src/app.js';
import { BridgeService } from '../../src/bridge/bridge.service.js';
import { loadSimulatorConfig } from '../../src/config/simulator-config.js';
import { DemoDriverService } from '../../src/demo/demo-driver.service.js';
import { FleetService } from '../../src/fleet/fleet.service.js';

export const JWT_SECRET = 'simulator-test-jwt-secret-0123456789abcdef';
export const BRIDGE_SECRET = 'simulator-test-bridge-secret';

export interface StackOptions {
  /** fleet-api processes on the same Redis and registry database (default 1). */
  fleetReplicas?: number;
  /** analytics-worker processes with RUN_WORKERS on the same Redis and database (default 0: no history kept). */
  analyticsWorkers?: number;
  /** Run delivery-service (default true); without it the demo driver is off. */
  delivery?: boolean;
  sim?: Record<string, string>;
  fleetEnv?: Record<string, string>;
  deliveryEnv?: Record<string, string>;
  /** Where the children's output goes (default: stderr only). */
  stdio?: 'ignore-stdout' | 'inherit' | 'ignore';
}

/**
 * The real platform for a test file or a benchmark: the built fleet-api (with its drone registry, taking per-drone
 * keys only), delivery-service and analytics-worker as child processes, on a Redis database and PostgreSQL
 * databases of their own, and the simulator (fleet, GCS bridge, demo driver) in-process so that the caller can
 * reach into its drones.
 */
export class PlatformStack {
  redis!: TestRedisDb;
  fleetDb!: TestDatabase;
  db: TestDatabase | null = null;
  analyticsDb: TestDatabase | null = null;
  fleetApis: ServiceProcess[] = [];
  delivery: ServiceProcess | null = null;
  workers: ServiceProcess[] = [];
  simulator!: NestFastifyApplication;
  simulatorUrl = '';
  keysFile = '';
  private keysDir = '';
  private simConfig: ReturnType<typeof loadSimulatorConfig> | null = null;
  private bridgePort = 0;
  private readonly tokens = new TokenService(JWT_SECRET);

  static async start(options: StackOptions = {}): Promise<PlatformStack> {
    const s = new PlatformStack();
    try {
      await s.boot(options);
    } catch (err) {
      await s.close();
      throw err;
    }
    return s;
  }

  private async boot(o: StackOptions): Promise<void> {
    const stdio = o.stdio ?? 'ignore-stdout';
    this.redis = await claimRedisDb();
    this.fleetDb = await createTestDatabase('wx_sim_fleet');
    for (let i = 0; i < (o.fleetReplicas ?? 1); i++) {
      this.fleetApis.push(
        await new ServiceProcess({
          packageName: '@wingxtra/fleet-api',
          before: 'dist/database/migrate.cli.js',
          // With its drone registry, taking per-drone keys only: a drone reports once it has registered for its own.
          env: { REDIS_URL: this.redis.url, DATABASE_URL: this.fleetDb.url, DRONE_KEY_SECRET: FLEET_DRONE_KEY_SECRET, JWT_SECRET, ALLOW_GLOBAL_INGEST_KEY: 'false', RATE_LIMIT_RPS: '1000', LATEST_CACHE_MS: '0', LOG_LEVEL: 'ERROR', ...o.fleetEnv },
          stdio,
          startTimeoutMs: 30_000,
        }).start(),
      );
    }
    const bridgePort = await freePort();
    this.simulatorUrl = `http://127.0.0.1:${bridgePort}`;
    if (o.delivery ?? true) {
      this.db = await createTestDatabase('wx_sim');
      this.delivery = await new ServiceProcess({
        packageName: '@wingxtra/delivery-service',
        before: 'dist/database/migrate.cli.js',
        env: {
          DATABASE_URL: this.db.url,
          REDIS_URL: this.redis.url,
          FLEET_API_URL: this.fleetApis[0].url,
          JWT_SECRET,
          GCS_BRIDGE_SECRET: BRIDGE_SECRET,
          GCS_BRIDGE_URL: this.simulatorUrl,
          GCS_BRIDGE_RETRY_BACKOFF_S: '0.2',
          DISPATCH_INTERVAL_S: '1',
          PROGRESS_INTERVAL_S: '1',
          POD_STORAGE_DIR: join(tmpdir(), `wx-sim-pod-${process.pid}`),
          LOG_LEVEL: 'ERROR',
          ...o.deliveryEnv,
        },
        stdio,
        startTimeoutMs: 30_000,
      }).start();
    }
    if ((o.analyticsWorkers ?? 0) > 0) this.analyticsDb = await createTestDatabase('wx_sim_analytics');
    for (let i = 0; i < (o.analyticsWorkers ?? 0); i++) {
      this.workers.push(
        await new ServiceProcess({
          packageName: '@wingxtra/analytics-worker',
          before: 'dist/database/migrate.cli.js',
          env: { DATABASE_URL: this.analyticsDb!.url, REDIS_URL: this.redis.url, JWT_SECRET, RUN_WORKERS: 'true', LOG_LEVEL: 'ERROR', ...(this.delivery ? { DELIVERY_API_URL: this.delivery.url } : {}) },
          stdio,
          startTimeoutMs: 30_000,
        }).start(),
      );
    }
    this.keysDir = mkdtempSync(join(tmpdir(), 'wx-sim-keys-'));
    this.keysFile = join(this.keysDir, 'drone-keys.json');
    const config = loadSimulatorConfig({
      FLEET_API_URL: this.fleetApis.map((f) => f.url).join(','),
      // No fleet-wide key: the drones report with the keys they get by registering.
      DELIVERY_API_URL: this.delivery?.url ?? 'http://127.0.0.1:9',
      GCS_BRIDGE_SECRET: BRIDGE_SECRET,
      JWT_SECRET,
      SIM_DEMO: this.delivery ? 'true' : 'false',
      SIM_DRONES: '3',
      SIM_HZ: '5',
      SIM_TIME_SCALE: '10',
      SIM_SEED: '7',
      SIM_ORDER_INTERVAL_S: '1',
      SIM_MAX_OPEN_ORDERS: '2',
      SIM_MAX_DELIVERY_RADIUS_M: '800',
      SIM_TURNAROUND_S: '10',
      SIM_HEARTBEAT_S: '1',
      SIM_DRONE_KEYS_FILE: this.keysFile,
      LOG_LEVEL: 'ERROR',
      ...o.sim,
    });
    this.simConfig = config;
    this.bridgePort = bridgePort;
    this.simulator = await createSimulatorApp(config);
    await this.simulator.listen(bridgePort, '127.0.0.1');
  }

  /** Stops the simulator and starts a new one on the same port, keys file and settings (what a second run does). */
  async restartSimulator(): Promise<void> {
    await this.simulator.close();
    this.simulator = await createSimulatorApp(this.simConfig!);
    await this.simulator.listen(this.bridgePort, '127.0.0.1');
  }

  get fleet(): FleetService {
    return this.simulator.get(FleetService);
  }

  get bridge(): BridgeService {
    return this.simulator.get(BridgeService);
  }

  get driver(): DemoDriverService {
    return this.simulator.get(DemoDriverService);
  }

  async client(role: 'MERCHANT' | 'OPS' | 'ADMIN'): Promise<DeliveryApiClient> {
    const token = await this.tokens.sign({ sub: `test:${role.toLowerCase()}`, role, ...(role === 'MERCHANT' ? { merchant_id: 'demo-merchant' } : {}) }, '1h');
    return new DeliveryApiClient({ baseUrl: this.delivery?.url ?? '', token });
  }

  async close(): Promise<void> {
    await this.simulator?.close();
    for (const w of this.workers) await w.stop();
    await this.delivery?.stop();
    for (const f of this.fleetApis) await f.stop();
    for (const db of [this.db, this.analyticsDb, this.fleetDb]) await db?.drop();
    await this.redis?.release();
    if (this.keysDir) rmSync(this.keysDir, { recursive: true, force: true });
  }
}

/** A counter's value from a Prometheus text page (0 when absent). */
export function metricValue(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : 0;
}
