import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { claimRedisDb, createTestDatabase, FleetApiProcess, requestJson, type JsonResponse, type TestDatabase, type TestRedisDb } from '@wingxtra/testing';
import { createAnalyticsApp } from '../../src/app.js';
import { loadAnalyticsConfig, type AnalyticsConfig } from '../../src/config/analytics-config.js';
import { migrate } from '../../src/database/migrator.js';
import { PrismaService } from '../../src/database/prisma.service.js';

export const JWT_SECRET = 'analytics-test-jwt-secret-0123456789abcdef';

/**
 * The real analytics-worker on a fresh migrated database and its own Redis database, fed by the real
 * fleet-api (a child process on the same Redis database, so its history hand-off reaches this worker).
 */
export class AnalyticsStack {
  app!: NestFastifyApplication;
  url = '';
  config!: AnalyticsConfig;
  fleet!: FleetApiProcess;
  db!: TestDatabase;
  redis!: TestRedisDb;

  static async start(env: Record<string, string> = {}, options: { app?: boolean; fleetEnv?: Record<string, string> } = {}): Promise<AnalyticsStack> {
    const s = new AnalyticsStack();
    s.redis = await claimRedisDb();
    s.db = await createTestDatabase('wx_analytics_test');
    await migrate(s.db.url);
    s.fleet = await new FleetApiProcess(s.redis.url, options.fleetEnv).start();
    s.config = loadAnalyticsConfig({
      DATABASE_URL: s.db.url,
      REDIS_URL: s.redis.url,
      QUEUE_PREFIX: `wx-atest-${randomBytes(4).toString('hex')}`,
      JWT_SECRET,
      SESSIONIZE_DELAY_S: '0.2',
      LOG_LEVEL: 'ERROR',
      HOST: '127.0.0.1',
      ...env,
    });
    if (options.app !== false) await s.startApp();
    return s;
  }

  async startApp(): Promise<void> {
    this.app = await createAnalyticsApp(this.config);
    await this.app.listen(0, '127.0.0.1');
    this.url = (await this.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  get prisma(): PrismaService {
    return this.app.get(PrismaService);
  }

  async call(method: string, path: string, body?: unknown, role: Role | null = 'OPS'): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (role) headers.authorization = `Bearer ${await this.app.get(TokenService).sign({ sub: `${role.toLowerCase()}-1`, role, ...(role === 'MERCHANT' ? { merchant_id: 'm-1' } : {}) })}`;
    return requestJson(method, `${this.url}${path}`, body, headers);
  }

  async rawCount(droneId?: string): Promise<number> {
    const { rows } = await this.prisma.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM telemetry_raw${droneId ? ' WHERE drone_id = $1' : ''}`, droneId ? [droneId] : []);
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.fleet?.stop();
    await this.db?.drop();
    await this.redis?.release();
  }
}

export interface FlightPlan {
  droneId: string;
  /** Epoch ms of the first packet. */
  startMs: number;
  hz: number;
  /** Seconds of flight (armed, moving north at speedMps, throttle 0.6 for v2). */
  flightS: number;
  /** Seconds on the ground after (disarmed, throttle 0 for v2). */
  groundS: number;
  speedMps?: number;
  v2?: boolean;
}

/** Packets of a synthetic flight: a straight line north from Accra at constant speed, 22.2 V, 10 A (v2). */
export function flightPackets(p: FlightPlan): object[] {
  const speed = p.speedMps ?? 10;
  const packets: object[] = [];
  const step = 1000 / p.hz;
  for (let t = 0; t < (p.flightS + p.groundS) * 1000; t += step) {
    const flying = t < p.flightS * 1000;
    const metres = Math.min(t, p.flightS * 1000) / 1000 * speed;
    const base = {
      drone_id: p.droneId,
      ts: new Date(p.startMs + t).toISOString(),
      position: { lat: 5.6 + metres / 111_195.08, lon: -0.187, alt_m: flying ? 40 : 0 },
      velocity: { groundspeed_mps: flying ? speed : 0 },
      state: { armed: flying, mode: flying ? 'AUTO' : 'LAND' },
      battery: { voltage_v: 22.2, remaining_pct: 90 - (10 * Math.min(t, p.flightS * 1000)) / (p.flightS * 1000) },
    };
    packets.push(p.v2 ? { ...base, schema_version: 2, power: { current_a: flying ? 10 : 0.5, throttle: flying ? 0.6 : 0 } } : { ...base, schema_version: 1 });
  }
  return packets;
}

/** Posts packets in batches of 500 (fleet-api's limit). */
export async function postAll(fleet: FleetApiProcess, packets: object[]): Promise<void> {
  for (let i = 0; i < packets.length; i += 500) await fleet.post(packets.slice(i, i + 500));
}
