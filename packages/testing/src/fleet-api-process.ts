import { requestJson } from './http.js';
import { ServiceProcess } from './service-process.js';

export const FLEET_INGEST_KEY = 'delivery-test-ingest-key';

/**
 * The real, built fleet-api in a child process, on the test's Redis database. The package that runs the
 * tests must list @wingxtra/fleet-api as a (dev) dependency; it is resolved from the current directory.
 */
export class FleetApiProcess {
  private readonly process: ServiceProcess;

  constructor(redisUrl: string, env: Record<string, string> = {}) {
    this.process = new ServiceProcess({
      packageName: '@wingxtra/fleet-api',
      env: { API_KEY: FLEET_INGEST_KEY, REDIS_URL: redisUrl, LOG_LEVEL: 'ERROR', RATE_LIMIT_RPS: '1000', LATEST_CACHE_MS: '0', ...env },
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
