import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createCommandClient } from '@wingxtra/service-kit';
import { AnalyticsConfig } from './config/analytics-config.js';

/** A command connection for readiness checks (BullMQ keeps its own). */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [AnalyticsConfig], useFactory: (c: AnalyticsConfig) => createCommandClient(c.REDIS_URL, 'analytics-worker') }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
