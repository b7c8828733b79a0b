import type { Role } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, requestJson, type JsonResponse, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { migrate } from '../../src/database/migrator.js';
import { ADMIN_KEY, startFleetApi, type RunningFleetApi } from './fleet-app.js';

/** Who calls: a role (a signed bearer token), the admin key, or nobody. */
export type Caller = Role | 'admin-key' | null;

/**
 * fleet-api with its registry: a fresh migrated database and a Redis database of this test file's own, and
 * any number of replicas on the two (`replica()`).
 */
export class RegistryStack {
  db!: TestDatabase;
  redis!: TestRedisDb;
  readonly apps: RunningFleetApi[] = [];

  static async start(env: Record<string, string> = {}): Promise<RegistryStack> {
    const s = new RegistryStack();
    s.redis = await claimRedisDb();
    s.db = await createTestDatabase('wx_fleet_test');
    await migrate(s.db.url);
    await s.replica(env);
    return s;
  }

  get api(): RunningFleetApi {
    return this.apps[0]!;
  }

  get url(): string {
    return this.api.url;
  }

  /** Another fleet-api on the same database and Redis. */
  async replica(env: Record<string, string> = {}): Promise<RunningFleetApi> {
    const app = await startFleetApi(this.redis.url, { DATABASE_URL: this.db.url, ...env });
    this.apps.push(app);
    return app;
  }

  async headers(caller: Caller, app = this.api): Promise<Record<string, string>> {
    if (caller === null) return {};
    if (caller === 'admin-key') return { 'x-api-key': ADMIN_KEY };
    const token = await app.app.get(TokenService).sign({ sub: `${caller.toLowerCase()}-1`, role: caller, ...(caller === 'MERCHANT' ? { merchant_id: 'm-1' } : {}) });
    return { authorization: `Bearer ${token}` };
  }

  /** A staff call (ADMIN by default) to the first replica, or to `app`. */
  async call(method: string, path: string, body?: unknown, caller: Caller = 'ADMIN', app = this.api): Promise<JsonResponse> {
    return requestJson(method, `${app.url}${path}`, body, await this.headers(caller, app));
  }

  /** Registers a drone and answers its API key. */
  async register(droneId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.call('POST', '/api/v1/drones', { drone_id: droneId, name: `Drone ${droneId}`, type: 'quadcopter', max_payload_kg: 2.5, ...extra });
    if (res.status !== 201) throw new Error(`registration of ${droneId} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.api_key as string;
  }

  async close(): Promise<void> {
    for (const app of this.apps) await app.close();
    await this.db?.drop();
    await this.redis?.release();
  }
}
