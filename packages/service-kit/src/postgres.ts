import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * The node-postgres pool each service's PrismaService hands to Prisma's driver adapter (no native engine) and
 * keeps as `pool` for the statements Prisma cannot express or would slow down. It opens connections on demand, so
 * after PostgreSQL restarts the next queries reconnect by themselves; an idle connection that dies is logged,
 * never thrown (an unhandled pool 'error' would end the process).
 */
export function postgresPool(databaseUrl: string, max: number): pg.Pool {
  const logger = new Logger('Prisma');
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
  pool.on('error', (err) => logger.warn(`pool: ${err.message}`));
  return pool;
}
