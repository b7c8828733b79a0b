import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { DeliveryConfig } from '../config/delivery-config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * The one Prisma Client of the service (driver adapter over node-postgres: no native engine). The pool
 * opens connections on demand, so after PostgreSQL restarts the next queries simply reconnect.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private static readonly logger = new Logger('Prisma');

  constructor(config: DeliveryConfig) {
    const adapter = new PrismaPg(
      { connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 },
      { onPoolError: (err) => PrismaService.logger.warn(`pool: ${err.message}`) },
    );
    super({ adapter });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
