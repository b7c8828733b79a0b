import { Module } from '@nestjs/common';
import { IngestKeyCheck } from '../common/api-key.guard.js';
import { LatestStateRepository } from './latest-state.repository.js';
import { TelemetryIngestRoute } from './telemetry-ingest.route.js';
import { TelemetryStreamService } from './telemetry-stream.service.js';
import { TelemetryController } from './telemetry.controller.js';
import { TelemetryService } from './telemetry.service.js';

@Module({
  controllers: [TelemetryController],
  providers: [TelemetryService, TelemetryStreamService, LatestStateRepository, TelemetryIngestRoute, IngestKeyCheck],
  exports: [LatestStateRepository],
})
export class TelemetryModule {}
