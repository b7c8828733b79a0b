import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateOrderDto, Role } from '@wingxtra/contracts';
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

/**
 * The real delivery-service on a fresh migrated database and its own Redis database, reading the real
 * fleet-api (a child process on the same Redis database). Periodic jobs are slowed down so tests drive
 * dispatch and progress themselves.
 */
export class DeliveryStack {
  app!: NestFastifyApplication;
  url = '';
  config!: DeliveryConfig;
  fleet!: FleetApiProcess;
  db!: TestDatabase;
  redis!: TestRedisDb;
  podDir = '';
  private tokens = new Map<string, string>();

  static async start(env: Record<string, string> = {}, options: { fleet?: boolean } = {}): Promise<DeliveryStack> {
    const s = new DeliveryStack();
    s.redis = await claimRedisDb();
    s.db = await createTestDatabase('wx_delivery_test');
    await migrate(s.db.url);
    if (options.fleet !== false) s.fleet = await new FleetApiProcess(s.redis.url).start();
    s.podDir = mkdtempSync(join(tmpdir(), 'wx-pod-'));
    s.config = loadDeliveryConfig({
      DATABASE_URL: s.db.url,
      REDIS_URL: s.redis.url,
      QUEUE_PREFIX: `wx-test-${randomBytes(4).toString('hex')}`,
      FLEET_API_URL: s.fleet?.url ?? 'http://127.0.0.1:9',
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

  /** Registers a drone's capabilities for dispatch. */
  async registerDrone(droneId: string, maxPayloadKg = 3, extra: Record<string, unknown> = {}): Promise<void> {
    const res = await this.call('PUT', `/api/v1/dispatch/drones/${droneId}`, { max_payload_kg: maxPayloadKg, ...extra });
    if (res.status !== 200) throw new Error(`drone registration failed: ${res.status} ${JSON.stringify(res.body)}`);
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
    await this.redis?.release();
    if (this.podDir) rmSync(this.podDir, { recursive: true, force: true });
  }
}
