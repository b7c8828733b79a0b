import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { postgresPool } from '@wingxtra/service-kit';
import type pg from 'pg';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The Prisma Client of the service (driver adapter over node-postgres) and, as `pool`, the same pool for the
 * bulk statements on telemetry_raw that Prisma cannot express or would slow down.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(config: AnalyticsConfig) {
    const pool = postgresPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
