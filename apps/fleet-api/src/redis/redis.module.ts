import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { FleetConfig } from '../config/fleet-config.js';

/** The shared command connection: fails fast while Redis is away instead of queueing requests. */
export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

/** Reconnect forever with a capped backoff, so the service recovers by itself when Redis returns. */
export const reconnectForever = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 2000);

/** Options for BullMQ's own connections: they must block and retry, so no time limit and no request cap. */
export function bullConnectionOptions(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectForever };
}

/** A connection for request paths: never hangs a request on a dead Redis. */
export function createCommandClient(redisUrl: string, name: string): Redis {
  const client = new Redis(redisUrl, {
    connectionName: name,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    commandTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectForever,
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) logger.warn(`${name}: ${err.message}`);
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.log(`${name}: connection restored`);
    down = false;
  });
  return client;
}

/**
 * Gives Redis a moment at start-up so the first requests do not meet a half-open connection. When Redis
 * is down the service starts anyway (readyz answers 503) and connects as soon as it can.
 */
async function waitUntilReady(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return;
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) logger.warn(`Redis not reachable after ${ms} ms; starting anyway and retrying in the background`);
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [FleetConfig],
      useFactory: async (config: FleetConfig) => {
        const client = createCommandClient(config.REDIS_URL, 'fleet-api');
        await waitUntilReady(client, 5000);
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
