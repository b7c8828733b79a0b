import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@wingxtra/service-kit';
import { ServiceTokenModule } from './auth/service-token.provider.js';
import { ConfigModule } from './config/config.module.js';
import { DeliveryConfig } from './config/delivery-config.js';
import { DatabaseModule } from './database/database.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { DomainModule } from './domain.module.js';
import { FleetModule } from './fleet/fleet.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MissionsModule } from './missions/missions.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PodModule } from './pod/pod.module.js';
import { bullConnectionOptions, RedisModule } from './redis/redis.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { ServiceAreasModule } from './service-areas/service-areas.module.js';
import { TrackingModule } from './tracking/tracking.module.js';

@Module({})
export class AppModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        BullModule.forRoot({ connection: bullConnectionOptions(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        DatabaseModule,
        RedisModule,
        AuthModule.forRoot(config.JWT_SECRET),
        ServiceTokenModule,
        FleetModule,
        DomainModule,
        MetricsModule,
        HealthModule,
        ServiceAreasModule,
        OrdersModule,
        MissionsModule.forRoot(config.RUN_WORKERS),
        DispatchModule,
        PodModule,
        TrackingModule,
        SchedulerModule.forRoot(config.RUN_WORKERS),
      ],
    };
  }
}
