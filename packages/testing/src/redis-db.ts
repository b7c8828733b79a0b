import { Redis } from 'ioredis';

/** The Redis server the tests use (the local one unless TEST_REDIS_URL says otherwise). */
export const TEST_REDIS_BASE = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedisDb {
  url: string;
  db: number;
  release(): Promise<void>;
}

/**
 * Claims a Redis database index of its own for one test file, so runs never share keys and never assume
 * an empty server: a lease key in database 0 marks the index taken (expiring if a run dies), and the
 * claimed index is emptied before use.
 */
export async function claimRedisDb(): Promise<TestRedisDb> {
  const admin = new Redis(`${TEST_REDIS_BASE}/0`, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_BASE}: ${(err as Error).message}. Start it (see README).`);
  }
  const databases = Number(((await admin.config('GET', 'databases')) as string[])[1] ?? 16);
  const owner = `${process.pid}-${Date.now()}`;
  for (let db = 1; db < databases; db++) {
    const lease = `wingxtra:test-lease:${db}`;
    if ((await admin.set(lease, owner, 'EX', 900, 'NX')) !== 'OK') continue;
    const client = new Redis(`${TEST_REDIS_BASE}/${db}`);
    await client.flushdb();
    await client.quit();
    return {
      url: `${TEST_REDIS_BASE}/${db}`,
      db,
      release: async () => {
        const c = new Redis(`${TEST_REDIS_BASE}/${db}`);
        await c.flushdb();
        await c.quit();
        if ((await admin.get(lease)) === owner) await admin.del(lease);
        await admin.quit();
      },
    };
  }
  await admin.quit();
  throw new Error(`No free Redis database index on ${TEST_REDIS_BASE}: all ${databases - 1} are leased`);
}
