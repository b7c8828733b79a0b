import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { withinMs } from '@wingxtra/service-kit';
import { TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { HistoryService } from './history.service.js';

/**
 * Consumes fleet-api's history hand-off queue; replicas share it (BullMQ gives each job to one worker). A
 * batch takes milliseconds, so a short lock lets a crashed worker's batch be taken over within ~15 s.
 */
@Processor(TELEMETRY_HISTORY_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class HistoryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('History');

  constructor(
    private readonly history: HistoryService,
    private readonly config: AnalyticsConfig,
    @InjectQueue(TELEMETRY_HISTORY_QUEUE) private readonly queue: Queue<TelemetryHistoryJob>,
  ) {
    super();
  }

  /** Batches that ran out of attempts while the database was away are stored now (storing is idempotent). */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.HISTORY_CONCURRENCY;
    await withinMs(this.queue.retryJobs({ state: 'failed', count: 1000 }), 5000).catch((err: Error) => this.logger.warn(`could not re-queue failed history batches: ${err.message}`));
  }

  process(job: Job<TelemetryHistoryJob>): Promise<{ received: number; inserted: number; unreadable: number }> {
    return this.history.store(job.data.packets);
  }
}
