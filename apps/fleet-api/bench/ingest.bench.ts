/**
 * pnpm bench:ingest — measures fleet-api ingest and GET latest on this machine (a benchmark, not a test).
 *
 * Starts the built server (dist/main.js) in a child process against the local Redis, in a database index of
 * its own, and drives it with autocannon from this process: single-packet and 500-packet batch requests over
 * 1,000 and 10,000 drone ids, then GET /api/v1/telemetry/latest with 10,000 drones stored, then single packets
 * with each drone's own key (registry on, a fresh PostgreSQL database) against the global key. Prints figures.
 * Env: BENCH_DURATION_S (default 10), BENCH_CONNECTIONS (default 32), BENCH_ONLY (a comma list of the parts to
 * run, of ingest, latest and keys; all by default), BENCH_CPU_PROF=<dir> (V8 CPU profiles of the servers there).
 */
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { FleetProcess } from '../test/support/fleet-process.js';
import { ADMIN_KEY, INGEST_KEY } from '../test/support/fleet-app.js';
import { claimRedisDb, createTestDatabase } from '@wingxtra/testing';
import { migrate } from '../src/database/migrator.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const NODE_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const PARTS = ['ingest', 'latest', 'keys'] as const;
type Part = (typeof PARTS)[number];
const ONLY = (process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((p) => p.trim()) as Part[];
for (const part of ONLY) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: unknown part "${part}"; use ${PARTS.join(', ')}`);

let counter = 0;
const base = Date.now() - 86_400_000;

/** A spec-shaped packet; each call is a newer reading of the next drone in turn. */
function packetJson(droneIds: string[]): string {
  const n = counter++;
  const id = droneIds[n % droneIds.length];
  const ts = new Date(base + n).toISOString();
  const lat = 5.6 + (n % 1000) / 10000;
  return `{"schema_version":1,"drone_id":"${id}","ts":"${ts}","position":{"lat":${lat},"lon":-0.187,"alt_m":120.3},"attitude":{"yaw_deg":45},"velocity":{"groundspeed_mps":12.4},"state":{"armed":true,"mode":"AUTO"},"battery":{"voltage_v":22.1,"remaining_pct":67},"link":{"rssi_dbm":-62}}`;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `WX-BENCH-${String(i).padStart(5, '0')}`);

interface Figure {
  scenario: string;
  requestsPerS: number;
  packetsPerS: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function run(
  scenario: string,
  url: string,
  opts: { method: 'POST' | 'GET'; body?: () => string; packetsPerRequest: number; connections?: number; request?: () => { body: string; key: string } },
): Promise<Figure> {
  const result = await autocannon({
    url,
    method: opts.method,
    connections: opts.connections ?? CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
    requests: opts.request
      ? [{ setupRequest: (req) => { const r = opts.request!(); return { ...req, body: r.body, headers: { ...req.headers, 'x-api-key': r.key } }; } }]
      : opts.body ? [{ setupRequest: (req) => ({ ...req, body: opts.body!() }) }] : undefined,
  });
  return {
    scenario,
    requestsPerS: Math.round(result.requests.average),
    packetsPerS: Math.round(result.requests.average * opts.packetsPerRequest),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

interface Bench {
  db: Awaited<ReturnType<typeof claimRedisDb>>;
  redis: Redis;
  /** The server every part but keys runs against: registry off, rate limit out of the way, no latest cache. */
  server: FleetProcess;
  figures: Figure[];
}

/** Single packets and 500-packet batches over 1,000 and 10,000 drone ids. */
async function benchIngest({ redis, server, figures }: Bench): Promise<void> {
  const ingest = `${server.url}/api/v1/telemetry`;
  for (const n of [1_000, 10_000]) {
    const droneIds = ids(n);
    await redis.flushdb();
    figures.push(await run(`single packet, ${n.toLocaleString('en')} drones`, ingest, { method: 'POST', body: () => packetJson(droneIds), packetsPerRequest: 1 }));
    await redis.flushdb();
    // A gateway relaying many drones: 500 different drones per request.
    const mixed = () => `[${Array.from({ length: 500 }, () => packetJson(droneIds)).join(',')}]`;
    figures.push(await run(`500-packet batch of 500 drones, ${n.toLocaleString('en')} drones`, ingest, { method: 'POST', body: mixed, packetsPerRequest: 500, connections: 8 }));
    await redis.flushdb();
    // A drone sending its own buffered 50–200 Hz readings: one drone per request, drones in turn.
    let turn = 0;
    const own = () => {
      const drone = [droneIds[turn++ % droneIds.length]!];
      return `[${Array.from({ length: 500 }, () => packetJson(drone)).join(',')}]`;
    };
    figures.push(await run(`500-packet batch of 1 drone, ${n.toLocaleString('en')} drones`, ingest, { method: 'POST', body: own, packetsPerRequest: 500, connections: 8 }));
  }
}

/** GET latest with 10,000 drones stored: every request built, then the build shared for LATEST_CACHE_MS. */
async function benchLatest({ db, redis, server, figures }: Bench): Promise<void> {
  const ingest = `${server.url}/api/v1/telemetry`;
  await redis.flushdb();
  const fleet = ids(10_000);
  for (let i = 0; i < fleet.length; i += 500) {
    const body = `[${fleet.slice(i, i + 500).map(() => packetJson(fleet)).join(',')}]`;
    const res = await fetch(ingest, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY }, body });
    if (res.status !== 202) throw new Error(`pre-fill failed: ${res.status}`);
  }
  const latestUrl = `${server.url}/api/v1/telemetry/latest`;
  const { count } = (await (await fetch(latestUrl)).json()) as { count: number };
  const drones = count.toLocaleString('en');
  figures.push(await run(`GET latest, ${drones} drones, 1 client, every request built`, latestUrl, { method: 'GET', packetsPerRequest: 0, connections: 1 }));
  figures.push(await run(`GET latest, ${drones} drones, 8 clients, every request built`, latestUrl, { method: 'GET', packetsPerRequest: 0, connections: 8 }));
  const shared = new FleetProcess({ REDIS_URL: db.url }, NODE_ARGS);
  await shared.start();
  try {
    const url = `${shared.url}/api/v1/telemetry/latest`;
    figures.push(await run(`GET latest, ${drones} drones, 8 clients, build shared 500 ms`, url, { method: 'GET', packetsPerRequest: 0, connections: 8 }));
  } finally {
    await shared.kill('SIGTERM');
  }
}

/** Per-drone keys: the same single-packet load, each drone with its own key, then the global key, on one server. */
async function benchKeys({ db, redis, figures }: Bench): Promise<void> {
  await redis.flushdb();
  const pg = await createTestDatabase('wx_fleet_bench');
  await migrate(pg.url);
  const keyed = new FleetProcess({ REDIS_URL: db.url, DATABASE_URL: pg.url, RATE_LIMIT_RPS: '1000000', LATEST_CACHE_MS: '0' }, NODE_ARGS);
  await keyed.start();
  try {
    const droneIds = ids(1_000);
    const keys: string[] = [];
    for (const id of droneIds) {
      const res = await fetch(`${keyed.url}/api/v1/drones`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
        body: JSON.stringify({ drone_id: id, name: id, type: 'quadcopter', max_payload_kg: 2 }),
      });
      if (res.status !== 201) throw new Error(`registration failed: ${res.status}`);
      keys.push(((await res.json()) as { api_key: string }).api_key);
    }
    const url = `${keyed.url}/api/v1/telemetry`;
    let n = 0;
    const own = () => {
      const i = n++ % droneIds.length;
      return { body: packetJson([droneIds[i]!]), key: keys[i]! };
    };
    // This server is new: warm it up as the first server was, or the first scenario pays for its JIT.
    await run('warm-up', url, { method: 'POST', packetsPerRequest: 1, request: own });
    figures.push(await run('single packet, 1,000 drones, each its own key', url, { method: 'POST', packetsPerRequest: 1, request: own }));
    figures.push(await run('single packet, 1,000 drones, global key (same server)', url, { method: 'POST', body: () => packetJson(droneIds), packetsPerRequest: 1 }));
  } finally {
    await keyed.kill('SIGTERM');
    await pg.drop();
  }
}

const PART_RUNNERS: Record<Part, (bench: Bench) => Promise<void>> = { ingest: benchIngest, latest: benchLatest, keys: benchKeys };

async function main(): Promise<void> {
  const db = await claimRedisDb();
  const redis = new Redis(db.url);
  const server = new FleetProcess({ REDIS_URL: db.url, RATE_LIMIT_RPS: '1000000', BODY_LIMIT_BYTES: '2000000', LATEST_CACHE_MS: '0' }, NODE_ARGS);
  await server.start();
  const figures: Figure[] = [];
  try {
    // Warm-up: JIT, connections, script cache.
    await run('warm-up', `${server.url}/api/v1/telemetry`, { method: 'POST', body: () => packetJson(ids(1000)), packetsPerRequest: 1 });
    for (const part of ONLY) await PART_RUNNERS[part]({ db, redis, server, figures });
  } finally {
    await server.kill('SIGTERM');
    await redis.quit();
    await db.release();
  }
  console.log(`\nfleet-api benchmark: ${DURATION_S} s per scenario, Node ${process.version}, ${new Date().toISOString()}`);
  console.table(figures);
  const bad = figures.filter((f) => f.non2xx > 0 || f.errors > 0);
  if (bad.length > 0) console.log(`WARNING: non-2xx answers or errors in: ${bad.map((f) => f.scenario).join('; ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
