import { Module } from '@nestjs/common';
import { LatestStateRepository } from './latest-state.repository.js';
import { TelemetryStreamService } from './telemetry-stream.service.js';
import { TelemetryController } from './telemetry.controller.js';
import { TelemetryService } from './telemetry.service.js';

@Module({
  controllers: [TelemetryController],
  providers: [TelemetryService, TelemetryStreamService, LatestStateRepository],
})
export class TelemetryModule {}
