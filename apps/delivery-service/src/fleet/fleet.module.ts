import { Global, Module } from '@nestjs/common';
import { FleetApiClient } from '@wingxtra/contracts';
import { DeliveryConfig } from '../config/delivery-config.js';

/** The typed fleet-api client (contracts), pointed at FLEET_API_URL. Drone live state is read, never stored. */
@Global()
@Module({
  providers: [{ provide: FleetApiClient, inject: [DeliveryConfig], useFactory: (c: DeliveryConfig) => new FleetApiClient({ baseUrl: c.FLEET_API_URL, timeoutMs: 3000 }) }],
  exports: [FleetApiClient],
})
export class FleetModule {}
