import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { postgresPool } from '@wingxtra/service-kit';
import type pg from 'pg';
import { FleetConfig } from '../config/fleet-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The Prisma Client of the registry (driver adapter over node-postgres: no native engine). The pool opens
 * connections on demand, so after PostgreSQL restarts the next queries reconnect by themselves; `pool` is the
 * same pool, for the few statements Prisma cannot express (the partial-unique upsert of alerts).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(config: FleetConfig) {
    // Only built while REGISTRY_ENABLED, when the configuration has already required DATABASE_URL.
    if (!config.DATABASE_URL) throw new Error('the drone registry needs DATABASE_URL');
    const pool = postgresPool(config.DATABASE_URL, config.DATABASE_POOL_MAX);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
