import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AnalyticsConfig } from './analytics-config.js';

/** Makes the one validated AnalyticsConfig injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AnalyticsConfig, useValue: config }], exports: [AnalyticsConfig] };
  }
}
