import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { FleetConfig } from '../config/fleet-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The Prisma Client of the registry (driver adapter over node-postgres: no native engine). The pool opens
 * connections on demand, so after PostgreSQL restarts the next queries reconnect by themselves; `pool` is the
 * same pool, for the few statements Prisma cannot express (the partial-unique upsert of alerts).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private static readonly logger = new Logger('Prisma');
  readonly pool: pg.Pool;

  constructor(config: FleetConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
    pool.on('error', (err) => PrismaService.logger.warn(`pool: ${err.message}`));
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
