import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiClientError, FleetRegistryClient, type CreateOrderDto, type GeofenceDto, type GeofenceKind, type Role } from '@wingxtra/contracts';
import { claimRedisDb, createTestDatabase, requestJson, type JsonResponse, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { createDeliveryApp } from '../../src/app.js';
import { TokenService } from '@wingxtra/service-kit';
import { loadDeliveryConfig, type DeliveryConfig } from '../../src/config/delivery-config.js';
import { migrate } from '../../src/database/migrator.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { FleetApiProcess } from '@wingxtra/testing';

export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123';
export const BRIDGE_SECRET = 'test-bridge-secret-0123';

/** A point in Accra and a dropoff about 1.5 km away. */
export const PICKUP = { lat: 5.6037, lng: -0.187 };
export const DROPOFF = { lat: 5.6137, lng: -0.177 };

export function orderBody(overrides: Partial<CreateOrderDto> = {}): CreateOrderDto {
  return {
    customer_name: 'Ama Mensah',
    customer_phone: '+233201234567',
    pickup_lat: PICKUP.lat,
    pickup_lng: PICKUP.lng,
    dropoff_lat: DROPOFF.lat,
    dropoff_lng: DROPOFF.lng,
    dropoff_accuracy_m: 8,
    dropoff_captured_at: new Date().toISOString(),
    payload_weight_kg: 1.2,
    payload_type: 'medicine',
    ...overrides,
  };
}

/** A polygon ring around a point, `r` degrees each way (closed, [lng, lat]). */
export function squareAround(p: { lat: number; lng: number }, r: number): number[][][] {
  return [[[p.lng - r, p.lat - r], [p.lng + r, p.lat - r], [p.lng + r, p.lat + r], [p.lng - r, p.lat + r], [p.lng - r, p.lat - r]]];
}

/**
 * The real delivery-service on a fresh migrated database and its own Redis database, reading the real
 * fleet-api: a child process on the same Redis database, with its drone registry on a second fresh database
 * and the same JWT_SECRET, as in production. Drones and geofences are registered there (`registry`, an ADMIN
 * client). The registry cache is off (FLEET_REGISTRY_CACHE_MS=0), so every read sees fleet-api's latest
 * registry; periodic jobs are slowed down so tests drive dispatch and progress themselves.
 */
export class DeliveryStack {
  app!: NestFastifyApplication;
  url = '';
  config!: DeliveryConfig;
  fleet!: FleetApiProcess;
  db!: TestDatabase;
  fleetDb!: TestDatabase;
  redis!: TestRedisDb;
  /** fleet-api's registry and geofences, as ADMIN. */
  registry!: FleetRegistryClient;
  podDir = '';
  private tokens = new Map<string, string>();

  static async start(env: Record<string, string> = {}): Promise<DeliveryStack> {
    const s = new DeliveryStack();
    s.redis = await claimRedisDb();
    s.db = await createTestDatabase('wx_delivery_test');
    s.fleetDb = await createTestDatabase('wx_fleet_registry_test');
    await migrate(s.db.url);
    s.fleet = await new FleetApiProcess(s.redis.url, { DATABASE_URL: s.fleetDb.url, JWT_SECRET }).start();
    s.podDir = mkdtempSync(join(tmpdir(), 'wx-pod-'));
    s.config = loadDeliveryConfig({
      DATABASE_URL: s.db.url,
      REDIS_URL: s.redis.url,
      QUEUE_PREFIX: `wx-test-${randomBytes(4).toString('hex')}`,
      FLEET_API_URL: s.fleet.url,
      FLEET_REGISTRY_CACHE_MS: '0',
      JWT_SECRET,
      GCS_BRIDGE_SECRET: BRIDGE_SECRET,
      GCS_BRIDGE_URL: 'http://127.0.0.1:9',
      GCS_BRIDGE_RETRY_BACKOFF_S: '0.05',
      DISPATCH_INTERVAL_S: '3600',
      PROGRESS_INTERVAL_S: '3600',
      POD_STORAGE_DIR: s.podDir,
      LOG_LEVEL: 'ERROR',
      HOST: '127.0.0.1',
      ...env,
    });
    s.app = await createDeliveryApp(s.config);
    await s.app.listen(0, '127.0.0.1');
    s.url = (await s.app.getUrl()).replace('[::1]', '127.0.0.1');
    s.registry = new FleetRegistryClient({ baseUrl: s.fleet.url, token: await s.token('ADMIN') });
    return s;
  }

  get prisma(): PrismaService {
    return this.app.get(PrismaService);
  }

  async token(role: Role, sub = `${role.toLowerCase()}-1`, merchantId?: string): Promise<string> {
    const key = `${role}:${sub}:${merchantId ?? (role === 'MERCHANT' ? 'm-1' : '')}`;
    let t = this.tokens.get(key);
    if (!t) {
      t = await this.app.get(TokenService).sign({ sub, role, ...(role === 'MERCHANT' ? { merchant_id: merchantId ?? 'm-1' } : {}) });
      this.tokens.set(key, t);
    }
    return t;
  }

  /** Calls the API as a role (OPS by default); `token: null` sends no Authorization header. */
  async call(method: string, path: string, body?: unknown, as: { role?: Role; sub?: string; merchant?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
    const token = as.token === undefined ? await this.token(as.role ?? 'OPS', as.sub, as.merchant) : as.token;
    return requestJson(method, `${this.url}${path}`, body, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...as.headers });
  }

  /**
   * Registers a drone in fleet-api's registry, or brings a registered one back as given: active, out of
   * maintenance unless `maintenance`, with this capacity and home (none unless given).
   */
  async registerDrone(droneId: string, maxPayloadKg = 3, extra: { home?: { lat: number; lon: number }; maintenance?: boolean } = {}): Promise<void> {
    try {
      await this.registry.registerDrone({ drone_id: droneId, name: droneId, type: 'quadcopter', max_payload_kg: maxPayloadKg, ...(extra.home ? { home: extra.home } : {}) });
      if (extra.maintenance) await this.registry.updateDrone(droneId, { maintenance: true });
    } catch (err) {
      if (!(err instanceof ApiClientError && err.status === 409)) throw err;
      await this.registry.updateDrone(droneId, { max_payload_kg: maxPayloadKg, home: extra.home ?? null, maintenance: extra.maintenance ?? false, active: true });
    }
  }

  /** Deactivates every active drone of the registry (a test that wants no drone able to fly). */
  async deactivateAllDrones(): Promise<void> {
    for (;;) {
      const { items } = await this.registry.listDrones({ limit: 500 });
      if (items.length === 0) return;
      for (const d of items) await this.registry.deactivateDrone(d.drone_id);
    }
  }

  /** Adds a geofence in fleet-api: a square `r` degrees each way around a point. */
  geofence(name: string, kind: GeofenceKind, around: { lat: number; lng: number }, r: number): Promise<GeofenceDto> {
    return this.registry.createGeofence({ name, kind, geometry: { type: 'Polygon', coordinates: squareAround(around, r) } });
  }

  /** Creates an order as OPS (or the given role) and returns the 201 body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async createOrder(overrides: Partial<CreateOrderDto> = {}, as: { role?: Role; merchant?: string } = {}): Promise<any> {
    const res = await this.call('POST', '/api/v1/orders', orderBody(overrides), as);
    if (res.status !== 201) throw new Error(`order creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.fleet?.stop();
    await this.db?.drop();
    await this.fleetDb?.drop();
    await this.redis?.release();
    if (this.podDir) rmSync(this.podDir, { recursive: true, force: true });
  }
}
