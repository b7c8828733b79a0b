import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeliveryApiClient } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, FleetApiProcess, freePort, ServiceProcess, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { createSimulatorApp } from '../../src/app.js';
import { BridgeService } from '../../src/bridge/bridge.service.js';
import { loadSimulatorConfig } from '../../src/config/simulator-config.js';
import { DemoDriverService } from '../../src/demo/demo-driver.service.js';
import { FleetService } from '../../src/fleet/fleet.service.js';

export const JWT_SECRET = 'simulator-test-jwt-secret-0123456789abcdef';
export const BRIDGE_SECRET = 'simulator-test-bridge-secret';

/**
 * The real platform for one test file: the built fleet-api and delivery-service as child processes on a Redis
 * database and a PostgreSQL database of the file's own, and the simulator (fleet, GCS bridge, demo driver)
 * in-process so the test can reach into its drones.
 */
export class PlatformStack {
  redis!: TestRedisDb;
  db!: TestDatabase;
  fleetDb!: TestDatabase;
  keysFile = '';
  fleetApi!: FleetApiProcess;
  delivery!: ServiceProcess;
  simulator!: NestFastifyApplication;
  simulatorUrl = '';
  private keysDir = '';
  private readonly tokens = new TokenService(JWT_SECRET);

  static async start(simEnv: Record<string, string> = {}, deliveryEnv: Record<string, string> = {}): Promise<PlatformStack> {
    const s = new PlatformStack();
    s.redis = await claimRedisDb();
    s.db = await createTestDatabase('wx_sim');
    s.fleetDb = await createTestDatabase('wx_sim_fleet');
    // With its drone registry, taking per-drone keys only: a drone reports only once it has registered for its own.
    s.fleetApi = await new FleetApiProcess(s.redis.url, { DATABASE_URL: s.fleetDb.url, JWT_SECRET, ALLOW_GLOBAL_INGEST_KEY: 'false' }).start();
    const bridgePort = await freePort();
    s.simulatorUrl = `http://127.0.0.1:${bridgePort}`;
    s.delivery = await new ServiceProcess({
      packageName: '@wingxtra/delivery-service',
      before: 'dist/database/migrate.cli.js',
      env: {
        DATABASE_URL: s.db.url,
        REDIS_URL: s.redis.url,
        FLEET_API_URL: s.fleetApi.url,
        JWT_SECRET,
        GCS_BRIDGE_SECRET: BRIDGE_SECRET,
        GCS_BRIDGE_URL: s.simulatorUrl,
        GCS_BRIDGE_RETRY_BACKOFF_S: '0.2',
        DISPATCH_INTERVAL_S: '1',
        PROGRESS_INTERVAL_S: '1',
        POD_STORAGE_DIR: join(tmpdir(), `wx-sim-pod-${process.pid}`),
        LOG_LEVEL: 'ERROR',
        ...deliveryEnv,
      },
    }).start();
    s.keysDir = mkdtempSync(join(tmpdir(), 'wx-sim-keys-'));
    s.keysFile = join(s.keysDir, 'drone-keys.json');
    const config = loadSimulatorConfig({
      FLEET_API_URL: s.fleetApi.url,
      // No fleet-wide key: the drones report with the keys they get by registering.
      DELIVERY_API_URL: s.delivery.url,
      GCS_BRIDGE_SECRET: BRIDGE_SECRET,
      JWT_SECRET,
      SIM_DRONES: '3',
      SIM_HZ: '5',
      SIM_TIME_SCALE: '10',
      SIM_SEED: '7',
      SIM_ORDER_INTERVAL_S: '1',
      SIM_MAX_OPEN_ORDERS: '2',
      SIM_MAX_DELIVERY_RADIUS_M: '800',
      SIM_TURNAROUND_S: '10',
      SIM_DRONE_KEYS_FILE: s.keysFile,
      LOG_LEVEL: 'ERROR',
      ...simEnv,
    });
    s.simulator = await createSimulatorApp(config);
    await s.simulator.listen(bridgePort, '127.0.0.1');
    return s;
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
    return new DeliveryApiClient({ baseUrl: this.delivery.url, token });
  }

  async close(): Promise<void> {
    await this.simulator?.close();
    await this.delivery?.stop();
    await this.fleetApi?.stop();
    await this.db?.drop();
    await this.fleetDb?.drop();
    await this.redis?.release();
    if (this.keysDir) rmSync(this.keysDir, { recursive: true, force: true });
  }
}
