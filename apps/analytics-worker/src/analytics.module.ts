import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { TELEMETRY_HISTORY_QUEUE } from '@wingxtra/contracts';
import { FlightMetricsProcessor } from './api/flight-metrics.processor.js';
import { FlightsController } from './api/flights.controller.js';
import { FlightsRepository } from './api/flights.repository.js';
import { FlightsService } from './api/flights.service.js';
import { OrderLinkService } from './api/order-link.service.js';
import type { AnalyticsConfig } from './config/analytics-config.js';
import { HistoryProcessor } from './history/history.processor.js';
import { HistoryService } from './history/history.service.js';
import { PartitionsService } from './history/partitions.service.js';
import { TelemetryRawRepository } from './history/telemetry-raw.repository.js';
import { METRICS_QUEUE, SESSIONIZE_QUEUE } from './sessions/session-queue.js';
import { SessionizeProcessor } from './sessions/sessionize.processor.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { SessionsService } from './sessions/sessions.service.js';

/** History, sessionizer, metrics and the flights API. Workers run only where RUN_WORKERS is on. */
@Module({})
export class AnalyticsModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        // fleet-api's hand-off queue lives under its own prefix (contracts: TELEMETRY_HISTORY_QUEUE).
        BullModule.registerQueue({ name: TELEMETRY_HISTORY_QUEUE, prefix: config.HISTORY_QUEUE_PREFIX }),
        BullModule.registerQueue({ name: SESSIONIZE_QUEUE }, { name: METRICS_QUEUE }),
      ],
      controllers: [FlightsController],
      providers: [
        TelemetryRawRepository,
        HistoryService,
        SessionsRepository,
        SessionsService,
        FlightsRepository,
        FlightsService,
        OrderLinkService,
        PartitionsService,
        ...(config.RUN_WORKERS ? [HistoryProcessor, SessionizeProcessor, FlightMetricsProcessor] : []),
      ],
    };
  }
}
