import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './config/config.module.js';
import type { FleetConfig } from './config/fleet-config.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { StaffAuthModule } from './auth/staff-auth.module.js';
import { DatabaseModule } from './database/database.module.js';
import { GeofencesModule } from './geofences/geofences.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis/redis.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { RelayModule } from './relay/relay.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

@Module({})
export class AppModule {
  static forRoot(config: FleetConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        MetricsModule,
        // The registry's modules exist only with REGISTRY_ENABLED (its endpoints answer 404 otherwise).
        ...(config.REGISTRY_ENABLED ? [DatabaseModule, StaffAuthModule.forRoot(config), RegistryModule, GeofencesModule, AlertsModule] : []),
        TelemetryModule,
        RelayModule,
        HealthModule,
      ],
    };
  }
}
