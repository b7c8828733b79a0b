import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createCommandClient } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';

// The connection helpers every service shares; re-exported so the features import them from one place.
export { bullConnectionOptions, reconnectForever } from '@wingxtra/service-kit';

/** A command connection for request paths (rate limits, readiness): fails fast while Redis is away. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [DeliveryConfig], useFactory: (config: DeliveryConfig) => createCommandClient(config.REDIS_URL, 'delivery-service') }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
