import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, freePort, sleep } from '@wingxtra/testing';
import { AnalyticsStack, flightPackets, postAll } from './support/analytics-app.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The built worker as a child process, so the test can kill -9 it. */
async function startWorker(stack: AnalyticsStack): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: stack.db.url,
      REDIS_URL: stack.redis.url,
      JWT_SECRET: stack.config.JWT_SECRET,
      QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await eventually(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 20_000, 100);
  return child;
}

const kill9 = (c: ChildProcess) => new Promise((r) => (c.once('exit', r), c.kill('SIGKILL')));

describe('history survives kill -9 of the worker', () => {
  let stack: AnalyticsStack;

  beforeAll(async () => {
    // The in-process app is not started: only the child processes consume the hand-off.
    stack = await AnalyticsStack.start({}, { app: false });
  });

  afterAll(() => stack.close());

  it('loses no packet and stores none twice when the worker is killed mid-stream and restarted', async () => {
    const pg = (await import('pg')).default;
    const db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
    const count = async () => Number((await db.query('SELECT count(*) FROM telemetry_raw')).rows[0].count);
    try {
      const packets = Array.from({ length: 8 }, (_, n) => flightPackets({ droneId: `WX-CRASH-${n}`, startMs: Date.now() - 3_600_000, hz: 20, flightS: 100, groundS: 0 })).flat();
      let worker = await startWorker(stack);
      const posting = postAll(stack.fleet, packets); // 16,000 packets while the worker stores them
      await eventually(async () => (await count()) > 2000, 20_000, 20);
      await kill9(worker);
      await posting;
      const atKill = await count();
      expect(atKill).toBeLessThan(packets.length);
      await sleep(300);
      worker = await startWorker(stack);
      await kill9(worker); // and once more, straight after starting
      worker = await startWorker(stack);
      try {
        await eventually(async () => (await count()) === packets.length, 90_000, 200); // a killed worker's batch is taken over when its lock expires
        await sleep(1000);
        expect(await count()).toBe(packets.length);
        const dupes = await db.query('SELECT drone_id, ts, count(*) FROM telemetry_raw GROUP BY 1, 2 HAVING count(*) > 1');
        expect(dupes.rowCount).toBe(0);
      } finally {
        await kill9(worker);
      }
    } finally {
      await db.end();
    }
  }, 150_000);

  it('shares the work between two replicas without storing anything twice', async () => {
    const pg = (await import('pg')).default;
    const db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
    const before = Number((await db.query('SELECT count(*) FROM telemetry_raw')).rows[0].count);
    const a = await startWorker(stack);
    const b = await startWorker(stack);
    try {
      const packets = Array.from({ length: 4 }, (_, n) => flightPackets({ droneId: `WX-REPL-${n}`, startMs: Date.now() - 1_800_000, hz: 20, flightS: 100, groundS: 0 })).flat();
      await postAll(stack.fleet, packets);
      await eventually(async () => Number((await db.query('SELECT count(*) FROM telemetry_raw')).rows[0].count) === before + packets.length, 30_000, 200);
    } finally {
      await kill9(a);
      await kill9(b);
      await db.end();
    }
  });
});
