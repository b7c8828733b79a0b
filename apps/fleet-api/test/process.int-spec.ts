import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { postJson } from './support/fleet-app.js';
import { FleetProcess, MAIN } from './support/fleet-process.js';
import { packet } from './support/packets.js';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';

let redisDb: TestRedisDb;

beforeAll(async () => {
  redisDb = await claimRedisDb();
});

afterAll(async () => {
  await redisDb?.release();
});

/** Runs dist/main.js with exactly this environment and collects what it says and how it ends. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('the fleet-api process', () => {
  it('refuses to start on a bad environment, naming every bad value once', async () => {
    const { code, stderr } = await runMain({ REDIS_URL: 'redis://127.0.0.1:6379/0', PORT: 'eighty', RATE_LIMIT_RPS: '0', FANOUT_TARGETS_JSON: '{' });
    expect(code).toBe(78);
    const problems: string[] = JSON.parse(stderr.trim().split('\n').pop()!).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^API_KEY is required/),
        expect.stringMatching(/^PORT/),
        expect.stringMatching(/^RATE_LIMIT_RPS/),
        expect.stringMatching(/^FANOUT_TARGETS_JSON is not valid JSON/),
      ]),
    );
    expect(problems.filter((p) => p.startsWith('API_KEY'))).toHaveLength(1);
  });

  it('stops cleanly on SIGTERM, leaving no relay consumer behind', async () => {
    const server = new FleetProcess({ REDIS_URL: redisDb.url });
    await server.start();
    expect((await postJson(`${server.url}/api/v1/telemetry`, packet('WX-TERM-1'))).status).toBe(202);
    await server.kill('SIGTERM'); // Nest closes the app, then re-raises the signal

    const redis = new Redis(redisDb.url);
    try {
      const consumers = (await redis.xinfo('CONSUMERS', 'telemetry:handoff', 'relay')) as unknown[];
      expect(consumers).toHaveLength(0);
      expect(await redis.xlen('telemetry:handoff')).toBe(0);
    } finally {
      await redis.quit();
    }
  });
});
