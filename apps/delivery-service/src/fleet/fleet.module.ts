import { Global, Module } from '@nestjs/common';
import { FleetApiClient } from '@wingxtra/contracts';
import { DeliveryConfig } from '../config/delivery-config.js';
import { FleetRegistryGateway } from './fleet-registry.gateway.js';

/**
 * fleet-api, at FLEET_API_URL: the typed client of its live state (read, never stored) and the gateway to its drone
 * registry and geofences (the only caller of those).
 */
@Global()
@Module({
  providers: [
    { provide: FleetApiClient, inject: [DeliveryConfig], useFactory: (c: DeliveryConfig) => new FleetApiClient({ baseUrl: c.FLEET_API_URL, timeoutMs: 3000 }) },
    FleetRegistryGateway,
  ],
  exports: [FleetApiClient, FleetRegistryGateway],
})
export class FleetModule {}
