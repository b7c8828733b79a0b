import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createCommandClient, waitUntilReady } from '@wingxtra/service-kit';
import { FleetConfig } from '../config/fleet-config.js';

/** The shared command connection: fails fast while Redis is away instead of queueing requests. */
export const REDIS = Symbol('REDIS');

// The connection helpers every service shares; re-exported so the features import them from one place.
export { bullConnectionOptions, reconnectForever } from '@wingxtra/service-kit';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [FleetConfig],
      useFactory: async (config: FleetConfig) => {
        const client = createCommandClient(config.REDIS_URL, 'fleet-api', { autoPipelining: true });
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
