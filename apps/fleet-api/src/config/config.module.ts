import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FleetConfig } from './fleet-config.js';

/** Makes the one validated FleetConfig injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: FleetConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: FleetConfig, useValue: config }], exports: [FleetConfig] };
  }
}
