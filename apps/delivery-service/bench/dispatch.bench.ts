/**
 * pnpm bench:dispatch — measures delivery-service on this machine (a benchmark, not a test).
 *
 * Starts the built fleet-api (with its drone registry) and delivery-service (dist/main.js) as child processes on
 * fresh databases and a Redis database index of their own, registers 200 drones in fleet-api's registry with live
 * telemetry around Accra, then:
 *  1. order creation: autocannon POSTs orders (JWT, validation, one transaction each) for BENCH_DURATION_S;
 *  2. dispatch: 1,000 queued orders × 200 drones in one POST /api/v1/dispatch/run, BENCH_RUNS times.
 * Env: BENCH_DURATION_S (default 10), BENCH_CONNECTIONS (default 32), BENCH_RUNS (default 3),
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of delivery-service there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { claimRedisDb, createTestDatabase, freePort, requestJson, sleep } from '@wingxtra/testing';
import { signToken } from '@wingxtra/service-kit';
import { migrate } from '../src/database/migrator.js';
import { FleetApiProcess, FLEET_INGEST_KEY } from '@wingxtra/testing';
import { FleetRegistryClient } from '@wingxtra/contracts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DRONES = 200;
const ORDERS = 1000;
const JWT_SECRET = randomBytes(24).toString('hex');
const CENTER = { lat: 5.6037, lng: -0.187 };

/** A point up to `km` from the centre, from a seeded sequence so every run flies the same city. */
let seed = 42;
function near(km: number): { lat: number; lng: number } {
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const r = (km / 111.2) * Math.sqrt(rnd());
  const a = rnd() * 2 * Math.PI;
  return { lat: CENTER.lat + r * Math.cos(a), lng: CENTER.lng + r * Math.sin(a) };
}

function orderJson(): string {
  const p = near(3);
  const d = near(4);
  return JSON.stringify({ pickup_lat: p.lat, pickup_lng: p.lng, dropoff_lat: d.lat, dropoff_lng: d.lng, payload_weight_kg: 1 + ((seed % 20) / 10), payload_type: 'parcel', customer_phone: '+233201234567', priority: ['NORMAL', 'URGENT', 'MEDICAL'][seed % 3] });
}

async function startDelivery(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), 'dist/main.js'], { env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'ERROR', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { url, child };
    } catch {
      /* starting */
    }
    await sleep(100);
  }
  throw new Error('delivery-service did not become ready');
}

async function main(): Promise<void> {
  const redis = await claimRedisDb();
  const db = await createTestDatabase('wx_delivery_bench');
  const fleetDb = await createTestDatabase('wx_fleet_bench');
  await migrate(db.url);
  const fleet = await new FleetApiProcess(redis.url, { DATABASE_URL: fleetDb.url, JWT_SECRET }).start();
  const delivery = await startDelivery({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    FLEET_API_URL: fleet.url,
    JWT_SECRET,
    GCS_BRIDGE_SECRET: randomBytes(16).toString('hex'),
    QUEUE_PREFIX: 'wx-bench',
    DISPATCH_INTERVAL_S: '86400',
    PROGRESS_INTERVAL_S: '86400',
  });
  const token = await signToken(new TextEncoder().encode(JWT_SECRET), { sub: 'bench-ops', role: 'OPS' });
  const auth = { authorization: `Bearer ${token}` };
  const api = (method: string, path: string, body?: unknown) => requestJson(method, `${delivery.url}${path}`, body, auth);
  const registry = new FleetRegistryClient({ baseUrl: fleet.url, token: await signToken(new TextEncoder().encode(JWT_SECRET), { sub: 'bench-admin', role: 'ADMIN' }) });
  try {
    // 200 drones: registered in fleet-api's registry (capacity, home), live state in fleet-api (one batch).
    const packets = [];
    for (let i = 0; i < DRONES; i++) {
      const id = `WX-BENCH-${String(i).padStart(3, '0')}`;
      const home = near(5);
      await registry.registerDrone({ drone_id: id, name: id, type: 'quadcopter', max_payload_kg: 2 + (i % 4), home: { lat: home.lat, lon: home.lng } });
      const at = near(5);
      packets.push({ schema_version: 1, drone_id: id, ts: new Date().toISOString(), position: { lat: at.lat, lon: at.lng, alt_m: 0 }, battery: { remaining_pct: 40 + (i % 60) }, state: { armed: false, mode: 'LOITER' } });
    }
    const ingest = await requestJson('POST', `${fleet.url}/api/v1/telemetry`, packets, { 'x-api-key': FLEET_INGEST_KEY });
    if (ingest.status !== 202) throw new Error(`telemetry refused: ${JSON.stringify(ingest.body)}`);

    // 1. Order creation throughput.
    await autocannon({ url: `${delivery.url}/api/v1/orders`, method: 'POST', connections: 8, duration: 2, headers: { 'content-type': 'application/json', ...auth }, requests: [{ setupRequest: (r) => ({ ...r, body: orderJson() }) }] });
    const created = await autocannon({
      url: `${delivery.url}/api/v1/orders`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { 'content-type': 'application/json', ...auth },
      requests: [{ setupRequest: (r) => ({ ...r, body: orderJson() }) }],
    });
    console.log(`order creation (${CONNECTIONS} connections, ${DURATION_S} s): ${Math.round(created.requests.average)} orders/s, p50 ${created.latency.p50} ms, p99 ${created.latency.p99} ms, non-2xx ${created.non2xx}, errors ${created.errors + created.timeouts}`);

    // 2. Dispatch: 1,000 queued orders × 200 drones in one run.
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(`UPDATE delivery_jobs SET status = 'CANCELED', ended_at = now() WHERE status = 'ACTIVE'`);
      await client.query(`UPDATE orders SET status = 'CANCELED', version = version + 1 WHERE status IN ('QUEUED', 'ASSIGNED')`);
      await client.end();
      for (let i = 0; i < ORDERS; i += 50) {
        await Promise.all(Array.from({ length: 50 }, () => api('POST', '/api/v1/orders', JSON.parse(orderJson()))));
      }
      const started = performance.now();
      const res = await api('POST', '/api/v1/dispatch/run', { limit: ORDERS });
      const ms = performance.now() - started;
      timings.push(ms);
      console.log(`dispatch run ${run + 1}: ${res.body.orders_considered} queued orders × ${res.body.drones_available} drones → ${res.body.assigned} assigned in ${Math.round(ms)} ms (server ${res.body.duration_ms} ms)`);
    }
    timings.sort((a, b) => a - b);
    if (RUNS > 0) console.log(`dispatch: median ${Math.round(timings[Math.floor(timings.length / 2)])} ms over ${RUNS} runs (target < 2000 ms)`);
  } finally {
    delivery.child.kill('SIGTERM');
    await new Promise((r) => delivery.child.once('exit', r));
    await fleet.stop();
    await db.drop();
    await fleetDb.drop();
    await redis.release();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
