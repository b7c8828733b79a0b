/**
 * pnpm soak — the whole local stack under the simulated fleet for a long while (a benchmark, not a test).
 *
 * Starts two fleet-api replicas (drone registry on, per-drone keys only), delivery-service, two analytics-worker
 * processes (RUN_WORKERS) and the simulator in this process: 500 drones reporting v1 at 5 Hz, spread over the two
 * replicas, with the demo driver ordering deliveries, for 10 minutes. Then it stops the telemetry, waits for the
 * history to drain, and reports: packets acknowledged by fleet-api against rows in analytics-worker's
 * telemetry_raw (must be equal), duplicates (must be 0), ingest latency as the drones saw it (p50, p99, max),
 * deliveries completed, and each process's resident memory at the start and the end. Exit code 1 when the counts
 * differ or anything was stored twice. Figures also go to bench-results/soak-<time>.json.
 *
 * Options (or environment): --duration <s> (SOAK_DURATION_S, 600), --drones <n> (SOAK_DRONES, 500),
 * --hz <packets per second per drone> (SOAK_HZ, 5), --time-scale <x> (SOAK_TIME_SCALE, 5).
 * Needs the build (pnpm build) and the local PostgreSQL and Redis, like the tests; it uses databases and a Redis
 * database index of its own and removes them at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sleep } from '@wingxtra/testing';
import { PlatformStack } from '../test/support/platform-stack.js';

function option(name: string, env: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : process.env[env];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} (${env}) must be a positive number; got ${raw}`);
    process.exit(64);
  }
  return n;
}

const DURATION_S = option('duration', 'SOAK_DURATION_S', 600);
const DRONES = Math.round(option('drones', 'SOAK_DRONES', 500));
const HZ = option('hz', 'SOAK_HZ', 5);
const TIME_SCALE = option('time-scale', 'SOAK_TIME_SCALE', 5);

/** Resident memory of a process, MiB (Linux /proc; null elsewhere). */
function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

function memory(stack: PlatformStack): Record<string, number | null> {
  return {
    ...Object.fromEntries(stack.fleetApis.map((f, i) => [`fleet-api #${i + 1}`, rssMiB(f.child?.pid)])),
    'delivery-service': rssMiB(stack.delivery?.child?.pid),
    ...Object.fromEntries(stack.workers.map((w, i) => [`analytics-worker #${i + 1}`, rssMiB(w.child?.pid)])),
    'simulator (this process)': rssMiB(process.pid),
  };
}

async function main(): Promise<void> {
  console.log(`soak: ${DRONES} drones × ${HZ} Hz for ${DURATION_S} s (time ×${TIME_SCALE}); 2 fleet-api replicas, 2 analytics workers, delivery-service`);
  const stack = await PlatformStack.start({
    fleetReplicas: 2,
    analyticsWorkers: 2,
    fleetEnv: { RATE_LIMIT_RPS: '10' },
    sim: {
      SIM_DRONES: String(DRONES),
      SIM_HZ: String(HZ),
      SIM_TIME_SCALE: String(TIME_SCALE),
      SIM_ORDER_INTERVAL_S: '1',
      SIM_MAX_OPEN_ORDERS: String(Math.max(1, Math.floor(DRONES / 2))),
      SIM_MAX_DELIVERY_RADIUS_M: '1500',
      SIM_TURNAROUND_S: '20',
      // A companion computer's heartbeat every 15 s, as in production (the tests' stack sends one a second).
      SIM_HEARTBEAT_S: process.env.SOAK_HEARTBEAT_S ?? '15',
      LOG_LEVEL: 'WARN',
    },
  });
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    console.log('\ninterrupted: reporting what was measured so far');
  });
  const db = new pg.Client({ connectionString: stack.analyticsDb!.url });
  await db.connect();
  try {
    const startedAt = Date.now();
    for (let i = 0; i < 600 && stack.fleet.stats.accepted === 0; i++) await sleep(100); // registered and reporting
    const memStart = memory(stack);
    const until = Date.now() + DURATION_S * 1000;
    let lastLine = 0;
    while (Date.now() < until && !interrupted) {
      await sleep(1000);
      if (Date.now() - lastLine >= 30_000) {
        lastLine = Date.now();
        const s = stack.fleet.stats;
        console.log(`  ${Math.round((Date.now() - startedAt) / 1000)} s: ${s.requests} requests, ${s.accepted} acknowledged, p99 ${s.latency.quantile(0.99)} ms, ${stack.driver.stats.delivered} delivered`);
      }
    }
    const memEnd = memory(stack);
    stack.fleet.stop();
    await stack.driver.stop();
    await sleep(1000); // the last requests in flight
    const s = stack.fleet.stats;
    const rows = async () => Number((await db.query('SELECT count(*) FROM telemetry_raw')).rows[0].count);
    let stored = await rows();
    for (let stable = 0, i = 0; i < 300 && stored !== s.accepted && stable < 30; i++) {
      await sleep(1000);
      const now = await rows();
      stable = now === stored ? stable + 1 : 0;
      stored = now;
    }
    const twice = Number((await db.query('SELECT count(*) FROM (SELECT 1 FROM telemetry_raw GROUP BY drone_id, ts HAVING count(*) > 1) d')).rows[0].count);
    const measuredS = (Date.now() - startedAt) / 1000;
    const report = {
      at: new Date().toISOString(),
      drones: DRONES,
      hz: HZ,
      duration_s: DURATION_S,
      time_scale: TIME_SCALE,
      requests: s.requests,
      requests_per_s: Math.round(s.requests / Math.min(measuredS, DURATION_S)),
      packets_sent: s.packetsSent,
      packets_acknowledged: s.accepted,
      rows_in_history: stored,
      duplicates_acknowledged: s.duplicate,
      rows_stored_twice: twice,
      rejected: s.rejected,
      rate_limited: s.rateLimited,
      failed_requests: s.failed,
      unanswered_packets: s.unanswered,
      skipped_ticks: s.skipped,
      latency_ms: { p50: s.latency.quantile(0.5), p99: s.latency.quantile(0.99), max: Math.round(s.latency.maxMs * 10) / 10 },
      deliveries: { ordered: stack.driver.stats.ordersCreated, delivered: stack.driver.stats.delivered, ended_undelivered: stack.driver.stats.endedUndelivered },
      memory_mib: { start: memStart, end: memEnd },
    };
    // Equal, unless requests went unanswered (timeouts): fleet-api may have stored those packets without a 202.
    const accounted = stored >= s.accepted && stored <= s.accepted + s.unanswered;
    const ok = accounted && report.rows_stored_twice === 0 && report.duplicates_acknowledged === 0;
    console.log(`
packets acknowledged ${report.packets_acknowledged}, rows in history ${report.rows_in_history}: ${report.packets_acknowledged === report.rows_in_history ? 'equal' : accounted ? `the ${stored - s.accepted} extra rows are from unanswered requests` : 'DIFFERENT'}
duplicates: ${report.duplicates_acknowledged} acknowledged as duplicate, ${twice} stored twice
requests ${report.requests} (${report.requests_per_s}/s); rejected ${report.rejected}, rate limited ${report.rate_limited}, failed ${report.failed_requests} (${report.unanswered_packets} packets unanswered: taken or not, unknown), skipped ticks ${report.skipped_ticks}
ingest latency as the drones saw it: p50 ${report.latency_ms.p50} ms, p99 ${report.latency_ms.p99} ms, max ${report.latency_ms.max} ms
deliveries: ${report.deliveries.delivered} delivered of ${report.deliveries.ordered} ordered (${report.deliveries.ended_undelivered} ended otherwise)
memory (RSS MiB), start → end:
${Object.keys(memStart).map((k) => `  ${k.padEnd(26)} ${memStart[k]} → ${memEnd[k]}`).join('\n')}
${ok ? 'OK' : 'FAILED: history does not match what fleet-api acknowledged'}`);
    const dir = fileURLToPath(new URL('../../../../bench-results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `soak-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`figures: ${file}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.end();
    await stack.close();
  }
}

await main();
