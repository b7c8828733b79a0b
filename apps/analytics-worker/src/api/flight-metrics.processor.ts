import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { METRICS_QUEUE, type FlightMetricsJob } from '../sessions/session-queue.js';
import { MetricsService } from '../metrics/metrics.module.js';
import { FlightsService } from './flights.service.js';
import { HttpError } from './http-error.js';

/** Computes a closed (or recomputed) flight's metrics. */
@Processor(METRICS_QUEUE, { concurrency: 2 })
export class FlightMetricsProcessor extends WorkerHost {
  constructor(
    private readonly flights: FlightsService,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  async process(job: Job<FlightMetricsJob>): Promise<{ flight_id: string; sample_count: number } | { flight_id: string; gone: true }> {
    try {
      const f = await this.flights.computeMetrics(job.data.flight_id);
      this.metrics.metricsComputed.inc();
      return { flight_id: f.id, sample_count: f.sampleCount };
    } catch (err) {
      // The flight was merged into another by late samples after this job was queued: nothing to measure.
      if (err instanceof HttpError && err.getStatus() === 404) return { flight_id: job.data.flight_id, gone: true };
      throw err;
    }
  }
}
