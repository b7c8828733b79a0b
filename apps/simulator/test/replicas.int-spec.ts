import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually, sleep } from '@wingxtra/testing';
import { metricValue, PlatformStack } from './support/platform-stack.js';

/** Two fleet-api replicas and two analytics workers on one Redis and one PostgreSQL, fed by the simulated fleet. */
describe('two fleet-api replicas and two analytics workers', () => {
  let stack: PlatformStack;
  let db: pg.Client;

  beforeAll(async () => {
    stack = await PlatformStack.start({
      fleetReplicas: 2,
      analyticsWorkers: 2,
      delivery: false,
      // 16 drones: 12 reporting v1 at 5 Hz, 4 reporting v2 at 50 Hz in batches; the drones alternate between the replicas.
      sim: { SIM_DRONES: '16', SIM_V2_DRONES: '4', SIM_V2_HZ: '50', SIM_V2_BATCH_MS: '200' },
    });
    db = new pg.Client({ connectionString: stack.analyticsDb!.url });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await stack?.close();
  }, 60_000);

  it('stores every acknowledged packet exactly once', async () => {
    await eventually(async () => stack.fleet.stats.accepted > 0, 30_000, 100); // registered and reporting
    await sleep(8000);
    stack.fleet.stop();
    await sleep(500); // the last requests in flight
    // A request that timed out on a busy machine was not acknowledged, but fleet-api may have taken it all the same.
    const { accepted, rejected, rateLimited, unanswered } = stack.fleet.stats;
    expect({ rejected, rateLimited }).toEqual({ rejected: 0, rateLimited: 0 });
    expect(accepted).toBeGreaterThan(500);

    const rows = async () => Number((await db.query('SELECT count(*) FROM telemetry_raw')).rows[0].count);
    const settled = (n: number) => n >= accepted && n <= accepted + unanswered;
    await eventually(async () => settled(await rows()), 60_000, 250).catch(async (err: Error) => {
      throw new Error(`${await rows()} rows for ${accepted} acknowledged packets (${unanswered} unanswered): ${err.message}`);
    });
    await sleep(2000); // nothing more arrives later
    const final = await rows();
    expect({ final, settled: settled(final) }).toEqual({ final, settled: true });
    if (unanswered === 0) expect(final).toBe(accepted);
    const twice = await db.query('SELECT drone_id, ts FROM telemetry_raw GROUP BY drone_id, ts HAVING count(*) > 1');
    expect(twice.rowCount).toBe(0);
    const drones = await db.query('SELECT count(DISTINCT drone_id) AS n FROM telemetry_raw');
    expect(Number(drones.rows[0].n)).toBe(16);

    // Both replicas took telemetry; between them the workers stored each packet once and saw none twice.
    const fleetStored = await Promise.all(stack.fleetApis.map(async (f) => metricValue(await (await fetch(`${f.url}/metrics`)).text(), 'fleet_ingest_packets_total', 'outcome="stored"')));
    expect(fleetStored.every((n) => n > 0)).toBe(true);
    const workerMetrics = await Promise.all(stack.workers.map(async (w) => (await fetch(`${w.url}/metrics`)).text()));
    const stored = workerMetrics.reduce((sum, t) => sum + metricValue(t, 'analytics_history_packets_total', 'outcome="stored"'), 0);
    const duplicate = workerMetrics.reduce((sum, t) => sum + metricValue(t, 'analytics_history_packets_total', 'outcome="duplicate"'), 0);
    expect({ stored, duplicate }).toEqual({ stored: final, duplicate: 0 });
  }, 120_000);
});
