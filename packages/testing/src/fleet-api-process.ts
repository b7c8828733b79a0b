import { requestJson } from './http.js';
import { ServiceProcess } from './service-process.js';

export const FLEET_INGEST_KEY = 'delivery-test-ingest-key';
export const FLEET_DRONE_KEY_SECRET = 'test-drone-key-secret-0123456789abcdef';

/**
 * The real, built fleet-api in a child process, on the test's Redis database. The package that runs the
 * tests must list @wingxtra/fleet-api as a (dev) dependency; it is resolved from the current directory.
 * With DATABASE_URL in env it runs with its drone registry (migrated first); without, REGISTRY_ENABLED=false,
 * so tests that only need telemetry need no database and start no slower.
 */
export class FleetApiProcess {
  private readonly process: ServiceProcess;

  constructor(redisUrl: string, env: Record<string, string> = {}) {
    const registry = env.DATABASE_URL !== undefined;
    this.process = new ServiceProcess({
      packageName: '@wingxtra/fleet-api',
      env: {
        API_KEY: FLEET_INGEST_KEY,
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'ERROR',
        RATE_LIMIT_RPS: '1000',
        LATEST_CACHE_MS: '0',
        ...(registry ? { DRONE_KEY_SECRET: FLEET_DRONE_KEY_SECRET } : { REGISTRY_ENABLED: 'false' }),
        ...env,
      },
      ...(registry ? { before: 'dist/database/migrate.cli.js' } : {}),
      startTimeoutMs: 20_000,
    });
  }

  get url(): string {
    return this.process.url;
  }

  async start(): Promise<this> {
    await this.process.start();
    return this;
  }

  /** Reports a drone's state the way its companion computer would. */
  async report(droneId: string, s: { lat: number; lon: number; alt_m?: number; battery?: number; armed?: boolean; mode?: string; groundspeed?: number; ts?: Date }): Promise<void> {
    const packet = {
      schema_version: 1,
      drone_id: droneId,
      ts: (s.ts ?? new Date()).toISOString(),
      position: { lat: s.lat, lon: s.lon, alt_m: s.alt_m ?? 0 },
      velocity: { groundspeed_mps: s.groundspeed ?? 0 },
      state: { armed: s.armed ?? false, mode: s.mode ?? 'LOITER' },
      ...(s.battery === undefined ? {} : { battery: { remaining_pct: s.battery } }),
    };
    const res = await requestJson('POST', `${this.url}/api/v1/telemetry`, packet, { 'x-api-key': FLEET_INGEST_KEY });
    if (res.status !== 202 || res.body.accepted !== 1) throw new Error(`fleet-api refused telemetry: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Posts packets (a batch of at most 500) and fails unless every one was accepted. */
  async post(packets: object[]): Promise<void> {
    const res = await requestJson('POST', `${this.url}/api/v1/telemetry`, packets, { 'x-api-key': FLEET_INGEST_KEY });
    if (res.status !== 202 || res.body.accepted !== packets.length) throw new Error(`fleet-api refused telemetry: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.process.stop(signal);
  }
}
