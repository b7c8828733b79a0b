import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { requestJson, sleep } from './http.js';
import { freePort } from './ports.js';

export const FLEET_INGEST_KEY = 'delivery-test-ingest-key';

/**
 * The real, built fleet-api in a child process, on the test's Redis database. The package that runs the
 * tests must list @wingxtra/fleet-api as a (dev) dependency; it is resolved from the current directory.
 */
export class FleetApiProcess {
  private child: ChildProcess | null = null;
  url = '';

  constructor(
    private readonly redisUrl: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<this> {
    const main = createRequire(join(process.cwd(), 'package.json')).resolve('@wingxtra/fleet-api');
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, API_KEY: FLEET_INGEST_KEY, REDIS_URL: this.redisUrl, LOG_LEVEL: 'ERROR', HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_RPS: '1000', LATEST_CACHE_MS: '0', ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${this.url}/readyz`)).status === 200) return this;
      } catch {
        /* not listening yet */
      }
      if (this.child.exitCode !== null) throw new Error(`fleet-api exited with ${this.child.exitCode}; was it built?`);
      if (Date.now() > until) throw new Error('fleet-api did not become ready');
      await sleep(100);
    }
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

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  }
}
