import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase } from '@wingxtra/testing';
import type { AnalyticsConfig } from '../src/config/analytics-config.js';
import { DailyPartitionKeeper } from '../src/database/daily-partitions.js';
import { migrate } from '../src/database/migrator.js';
import { PrismaService } from '../src/database/prisma.service.js';

/** telemetry_raw's keeper, as PartitionsService, but retrying after 200 ms. */
class QuickRetryKeeper extends DailyPartitionKeeper {
  constructor(prisma: PrismaService) {
    super(prisma, { tables: [{ table: 'telemetry_raw', timeColumn: 'ts' }], aheadDays: 1, retentionDays: 30, lockKey: 7_331_004_299, logger: new Logger('Partitions'), retryMs: 200 });
  }
}

let db: TestDatabase;
let prisma: PrismaService;

beforeAll(async () => {
  db = await createTestDatabase('wx_analytics_parts');
  await migrate(db.url);
  prisma = new PrismaService({ DATABASE_URL: db.url, DATABASE_POOL_MAX: 2 } as AnalyticsConfig);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db.setReachable(true).catch(() => undefined);
  await db?.drop();
});

describe('daily partitions while PostgreSQL is away', () => {
  it('retries soon after a failed run at start, not an hour later, and makes the partitions once it is back', async () => {
    const keeper = new QuickRetryKeeper(prisma);
    expect(await keeper.list()).toEqual([]);
    await db.setReachable(false);
    try {
      await keeper.onApplicationBootstrap(); // fails, and does not throw: the worker starts anyway
      await new Promise((r) => setTimeout(r, 500)); // a retry or two fail as well
      await db.setReachable(true);
      const made = await eventually(async () => {
        const names = await keeper.list();
        return names.length === 3 && names; // yesterday, today, tomorrow
      }, 5000);
      expect(made).toHaveLength(3);
    } finally {
      keeper.onApplicationShutdown();
    }
  });
});
