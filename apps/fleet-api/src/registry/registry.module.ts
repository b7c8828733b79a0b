import { Global, Module } from '@nestjs/common';
import { IngestKeyCheck } from '../common/api-key.guard.js';
import { DroneKeyCache } from './drone-key.cache.js';
import { DroneKeysRepository } from './drone-keys.repository.js';
import { DroneStatusService } from './drone-status.service.js';
import { DronesController } from './drones.controller.js';
import { DronesRepository } from './drones.repository.js';
import { DronesService } from './drones.service.js';
import { DroneKeyGuard, HeartbeatsController } from './heartbeats.controller.js';
import { HeartbeatsRepository } from './heartbeats.repository.js';
import { HeartbeatsService } from './heartbeats.service.js';
import { RegistrySweepsService } from './registry-sweeps.service.js';
import { TelemetrySeenRepository } from './telemetry-seen.repository.js';

/**
 * The drone registry: drones, their keys (and the in-process key copy the ingest check reads), heartbeats,
 * derived status, events. Global so that ingest's IngestKeyCheck finds DroneKeyCache (and alerts the services).
 */
@Global()
@Module({
  controllers: [DronesController, HeartbeatsController],
  providers: [
    DroneKeyCache,
    DroneKeysRepository,
    DronesRepository,
    DronesService,
    DroneStatusService,
    HeartbeatsRepository,
    HeartbeatsService,
    RegistrySweepsService,
    TelemetrySeenRepository,
    IngestKeyCheck,
    DroneKeyGuard,
  ],
  exports: [DroneKeyCache, DronesService, HeartbeatsService, RegistrySweepsService],
})
export class RegistryModule {}
