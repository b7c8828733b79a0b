import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, bullConnectionOptions } from '@wingxtra/service-kit';
import { AirspaceModule } from './airspace/airspace.module.js';
import { AnalyticsModule } from './analytics.module.js';
import type { AnalyticsConfig } from './config/analytics-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.controller.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        BullModule.forRoot({ connection: bullConnectionOptions(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        DatabaseModule,
        RedisModule,
        AuthModule.forRoot(config.JWT_SECRET),
        MetricsModule,
        HealthModule,
        AnalyticsModule.forRoot(config),
        AirspaceModule,
      ],
    };
  }
}
