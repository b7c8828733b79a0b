import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { postgresPool } from '@wingxtra/service-kit';
import type pg from 'pg';
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
  readonly pool: pg.Pool;

  constructor(config: DeliveryConfig) {
    const pool = postgresPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
