import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DeliveryConfig } from './delivery-config.js';

/** Makes the one validated DeliveryConfig injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: DeliveryConfig, useValue: config }], exports: [DeliveryConfig] };
  }
}
