import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { HistoryService } from './history.service.js';

/**
 * Consumes fleet-api's history hand-off queue; replicas share it (BullMQ gives each job to one worker). A
 * batch takes milliseconds, so a short lock lets a crashed worker's batch be taken over within ~15 s.
 */
@Processor(TELEMETRY_HISTORY_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class HistoryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly history: HistoryService,
    private readonly config: AnalyticsConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.HISTORY_CONCURRENCY;
  }

  process(job: Job<TelemetryHistoryJob>): Promise<{ received: number; inserted: number; unreadable: number }> {
    return this.history.store(job.data.packets);
  }
}
