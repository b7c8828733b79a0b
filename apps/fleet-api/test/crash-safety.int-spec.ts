import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually, postJson } from './support/fleet-app.js';
import { FleetProcess } from './support/fleet-process.js';
import { packet } from './support/packets.js';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';

let redisDb: TestRedisDb;

beforeAll(async () => {
  redisDb = await claimRedisDb();
});

afterAll(async () => {
  await redisDb?.release();
});

describe('kill -9 of fleet-api', () => {
  it('loses no packet it answered 202 for, and hands each to history exactly once', async () => {
    const env = { REDIS_URL: redisDb.url, RATE_LIMIT_RPS: '100000', RELAY_CLAIM_IDLE_S: '1' };
    const first = new FleetProcess(env);
    await first.start();
    const accepted: string[] = [];
    // Batches while the relay is busy moving earlier ones; then kill without warning.
    for (let b = 0; b < 20; b++) {
      const batch = Array.from({ length: 250 }, (_, i) => packet(`WX-KILL-${i % 25}`));
      const res = await postJson(`${first.url}/api/v1/telemetry`, batch);
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(250);
      accepted.push(...batch.map((p) => `${p.drone_id}@${p.ts}`));
    }
    await first.kill('SIGKILL');

    const second = new FleetProcess(env);
    await second.start();
    const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: redisDb.url } });
    try {
      const handed = await eventually(async () => {
        const jobs = await queue.getJobs(['waiting', 'prioritized', 'active', 'completed', 'delayed']);
        const keys = jobs.flatMap((j) => j.data.packets.map((p) => `${p.drone_id}@${JSON.parse(p.packet).ts}`));
        return keys.length >= accepted.length ? keys : undefined;
      }, 30_000, 250);
      expect(new Set(handed)).toEqual(new Set(accepted));
      expect(handed).toHaveLength(accepted.length); // no packet twice
    } finally {
      await queue.close();
      await second.kill('SIGTERM');
    }
  });
});
