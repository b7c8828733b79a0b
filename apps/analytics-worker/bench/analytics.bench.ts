/**
 * pnpm bench:analytics — measures analytics-worker on this machine (a benchmark, not a test).
 *
 * 1,000,000 packets (100 drones × 10,000, 50 Hz v2: 180 s of flight then 20 s idle each) are put on
 * fleet-api's history hand-off queue exactly as its relay does (jobs of 1,000 packets), in rounds of
 * 250,000 while the worker (the built dist/main.js, a child process) is stopped; then the worker is
 * started and the time until telemetry_raw holds the round is measured. After the last round it waits for
 * the sessionizer to close one flight per drone and the metrics to be computed, and times the metrics of a
 * 10,000-point flight in this process (load from PostgreSQL excluded, then included).
 * Env: BENCH_DRONES (100), BENCH_PACKETS_PER_DRONE (10000), BENCH_ROUNDS (4), HISTORY_CONCURRENCY (the worker's, 4),
 * BENCH_CPU_PROF=<dir> (a V8 CPU profile of the worker).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import pg from 'pg';
import { HISTORY_JOB_ATTEMPTS, TELEMETRY_HISTORY_JOB, TELEMETRY_HISTORY_QUEUE, type HistoryPacket, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { claimRedisDb, createTestDatabase, freePort, sleep } from '@wingxtra/testing';
import { computeFlightMetrics } from '../src/flights/flight-metrics.js';
import { migrate } from '../src/database/migrator.js';
import { toTelemetrySample } from '../src/sessions/raw-sample.mapper.js';
import type { RawSample } from '../src/history/telemetry-raw.repository.js';

const DRONES = Number(process.env.BENCH_DRONES ?? 100);
const PER_DRONE = Number(process.env.BENCH_PACKETS_PER_DRONE ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const HZ = 50;
const START = Date.now() - 3 * 3600_000;
/** As fleet-api's relay adds them. */
const JOB_OPTS = { attempts: HISTORY_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } };

/** Packet i of drone d: flying (throttle 0.6, 12 m/s north, 10 A) for 90 % of its packets, then idle. */
function packet(d: number, i: number): HistoryPacket {
  const flying = i < PER_DRONE * 0.9;
  const t = START + d * 7 + Math.round((i * 1000) / HZ);
  const metres = (Math.min(i, PER_DRONE * 0.9) / HZ) * 12;
  const body = {
    schema_version: 2,
    drone_id: `WX-AB-${String(d).padStart(3, '0')}`,
    ts: new Date(t).toISOString(),
    position: { lat: 5.5 + d * 0.001 + metres / 111_195, lon: -0.2, alt_m: flying ? 60 : 0 },
    attitude: { yaw_deg: (i * 0.1) % 360, roll_deg: Math.sin(i / 50) * 5, pitch_deg: -3 },
    velocity: { groundspeed_mps: flying ? 12 : 0, vz_mps: 0 },
    state: { armed: true, mode: flying ? 'AUTO' : 'LOITER' },
    battery: { voltage_v: 22.2 - i / PER_DRONE, remaining_pct: 95 - (30 * i) / PER_DRONE },
    power: { current_a: flying ? 10 + Math.sin(i / 20) : 0.4, mah_drawn: Math.round((i / HZ) * 10 / 3.6), throttle: flying ? 0.6 : 0.02 },
    link: { rssi_dbm: -60 },
  };
  return { drone_id: body.drone_id, received_at: new Date(t + 40).toISOString(), source_ip: '10.0.0.1', packet: JSON.stringify(body) };
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), 'dist/main.js'], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'ERROR', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return child;
    } catch {
      /* starting */
    }
    await sleep(100);
  }
  throw new Error('analytics-worker did not become ready');
}

async function main(): Promise<void> {
  const redis = await claimRedisDb();
  const db = await createTestDatabase('wx_analytics_bench');
  await migrate(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const count = async () => Number((await client.query('SELECT count(*) FROM telemetry_raw')).rows[0].count);
  // The packets are three hours old and fed in rounds, so the pause between rounds would look like a gap in
  // the telemetry; a day-long FLIGHT_GAP_S keeps each drone's 180 s flight whole (it ends by throttle idle).
  const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, JWT_SECRET: randomBytes(24).toString('hex'), QUEUE_PREFIX: 'wx-abench', SESSIONIZE_DELAY_S: '2', FLIGHT_GAP_S: '86400', HISTORY_CONCURRENCY: process.env.HISTORY_CONCURRENCY ?? '4' };
  const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: redis.url } });
  let worker: ChildProcess | undefined;
  try {
    const total = DRONES * PER_DRONE;
    const perRound = Math.ceil(PER_DRONE / ROUNDS);
    const rates: number[] = [];
    let jobsSoFar = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Jobs of 1,000 packets mixing drones, in time order, as fleet-api's relay builds them.
      const from = round * perRound;
      const to = Math.min(PER_DRONE, from + perRound);
      const jobs: Array<{ name: string; data: TelemetryHistoryJob; opts: object }> = [];
      let batch: HistoryPacket[] = [];
      for (let i = from; i < to; i++) {
        for (let d = 0; d < DRONES; d++) {
          batch.push(packet(d, i));
          if (batch.length === 1000) (jobs.push({ name: TELEMETRY_HISTORY_JOB, data: { packets: batch }, opts: JOB_OPTS }), (batch = []));
        }
      }
      if (batch.length) jobs.push({ name: TELEMETRY_HISTORY_JOB, data: { packets: batch }, opts: JOB_OPTS });
      for (let j = 0; j < jobs.length; j += 50) await queue.addBulk(jobs.slice(j, j + 50));
      const target = DRONES * to;
      const started = performance.now();
      worker ??= await startWorker(env);
      const readyAt = performance.now();
      // Done when every job so far has completed (cheaper to ask than counting rows); rows are checked after.
      jobsSoFar += jobs.length;
      while ((await queue.getJobCounts('completed')).completed < jobsSoFar) await sleep(100);
      const stored = await count();
      if (stored !== target) throw new Error(`telemetry_raw holds ${stored} rows, expected ${target}`);
      const seconds = (performance.now() - readyAt) / 1000;
      const packets = DRONES * (to - from);
      rates.push(packets / seconds);
      console.log(`round ${round + 1}: ${packets.toLocaleString('en')} packets into PostgreSQL in ${seconds.toFixed(2)} s = ${Math.round(packets / seconds).toLocaleString('en')} packets/s${round === 0 ? ` (worker start ${((readyAt - started) / 1000).toFixed(1)} s not counted)` : ''}`);
      if (round < ROUNDS - 1) {
        worker.kill('SIGTERM');
        await new Promise((r) => worker!.once('exit', r));
        worker = undefined;
      }
    }
    console.log(`history: ${total.toLocaleString('en')} packets, ${Math.round(Math.min(...rates)).toLocaleString('en')}–${Math.round(Math.max(...rates)).toLocaleString('en')} packets/s per round (target ≥ 50,000)`);

    // Sessionized and measured: one flight per drone, each with its metrics.
    const settled = performance.now();
    for (;;) {
      const { rows } = await client.query('SELECT count(*) FILTER (WHERE computed_at IS NOT NULL) AS measured, count(*) AS flights FROM flights');
      if (Number(rows[0].flights) > DRONES) throw new Error(`${rows[0].flights} flights for ${DRONES} drones: a flight was cut in two`);
      if (Number(rows[0].measured) === DRONES) {
        console.log(`sessionized and measured: ${rows[0].flights} flights, all ${rows[0].measured} with metrics, ${((performance.now() - settled) / 1000).toFixed(1)} s after the last round was stored`);
        break;
      }
      if (performance.now() - settled > 300_000) throw new Error(`only ${rows[0].measured} of ${DRONES} flights measured after 300 s`);
      await sleep(500);
    }

    // Metrics of a 10,000-point flight.
    const load = performance.now();
    const { rows } = await client.query<RawSample>(
      `SELECT ts, lat, lon, alt_m, groundspeed_mps, vz_mps, yaw_deg, roll_deg, pitch_deg, armed, mode, voltage_v, remaining_pct, current_a, mah_drawn, throttle FROM telemetry_raw WHERE drone_id = 'WX-AB-000' ORDER BY ts LIMIT 10000`,
    );
    const loadedMs = performance.now() - load;
    const samples = rows.map(toTelemetrySample);
    computeFlightMetrics(samples); // warm-up
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      computeFlightMetrics(samples);
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    console.log(`metrics of a ${samples.length.toLocaleString('en')}-point flight: ${timings[2].toFixed(1)} ms median of 5 (first call in a cold process excluded); with loading the rows from PostgreSQL ${(loadedMs + timings[2]).toFixed(0)} ms (target < 200 ms)`);
  } finally {
    if (worker) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker!.once('exit', r));
    }
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await client.end();
    await db.drop();
    await redis.release();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
