import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { DeliveryConfig } from '../config/delivery-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The one Prisma Client of the service (driver adapter over node-postgres: no native engine). The pool
 * opens connections on demand, so after PostgreSQL restarts the next queries simply reconnect. The same
 * pool is exposed as `pool` for the few hot statements that skip Prisma's query layer (see
 * OrdersRepository.create); everything else goes through Prisma.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private static readonly logger = new Logger('Prisma');
  readonly pool: pg.Pool;

  constructor(config: DeliveryConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
    pool.on('error', (err) => PrismaService.logger.warn(`pool: ${err.message}`));
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
