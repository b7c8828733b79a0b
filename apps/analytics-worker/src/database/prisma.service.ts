import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The Prisma Client of the service (driver adapter over node-postgres) and, as `pool`, the same pool for the
 * bulk statements on telemetry_raw that Prisma cannot express or would slow down.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private static readonly logger = new Logger('Prisma');
  readonly pool: pg.Pool;

  constructor(config: AnalyticsConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
    pool.on('error', (err) => PrismaService.logger.warn(`pool: ${err.message}`));
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
