import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DeliveryConfig } from '../config/delivery-config.js';

/** A command connection for request paths (rate limits, readiness): fails fast while Redis is away. */
export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

/** Reconnect forever with a capped backoff, so the service recovers by itself when Redis returns. */
export const reconnectForever = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 2000);

/** BullMQ's worker connections must block and retry: no request cap. */
export function bullConnectionOptions(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectForever };
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [DeliveryConfig],
      useFactory: (config: DeliveryConfig) => {
        const client = new Redis(config.REDIS_URL, {
          connectionName: 'delivery-service',
          enableOfflineQueue: false,
          commandTimeout: 2000,
          maxRetriesPerRequest: 1,
          retryStrategy: reconnectForever,
        });
        let down = false;
        client.on('error', (err: Error) => {
          if (!down) logger.warn(`redis: ${err.message}`);
          down = true;
        });
        client.on('ready', () => {
          if (down) logger.log('redis: connection restored');
          down = false;
        });
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
