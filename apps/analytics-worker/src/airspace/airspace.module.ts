import { Module } from '@nestjs/common';
import { AirspacePartitionsService } from './airspace-partitions.service.js';
import { AirspaceMetrics } from './airspace-metrics.js';
import { AirspaceController } from './airspace.controller.js';
import { AirspaceRepository } from './airspace.repository.js';
import { AirspaceService } from './airspace.service.js';
import { CollectorService } from './collector.service.js';

/** Airspace awareness: the kit collector (where RUN_WORKERS and KITS_CONFIG are set), its partitions, its API. */
@Module({
  controllers: [AirspaceController],
  providers: [AirspaceRepository, AirspaceService, AirspaceMetrics, AirspacePartitionsService, CollectorService],
  exports: [CollectorService, AirspacePartitionsService, AirspaceRepository],
})
export class AirspaceModule {}
