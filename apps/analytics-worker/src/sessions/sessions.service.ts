import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { withinMs } from '@wingxtra/service-kit';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { DEFAULT_SESSION_RULES, splitFlights, type SessionRules } from '../flights/sessionizer.js';
import { TelemetryRawRepository } from '../history/telemetry-raw.repository.js';
import { MetricsService } from '../metrics/metrics.module.js';
import { toTelemetrySample } from './raw-sample.mapper.js';
import { METRICS_QUEUE, SESSIONIZE_QUEUE, sessionizeJobId, type FlightMetricsJob, type SessionizeJob } from './session-queue.js';
import { SessionsRepository } from './sessions.repository.js';

/** Samples read per pass; a longer backlog is read in several passes. */
const PAGE = 200_000;

/**
 * Cuts a drone's new telemetry into flights (flights/sessionizer.ts has the rule). Closed flights get their
 * row and their raw rows stamped, then a metrics job; a flight still under way is remembered (open_from) so
 * the sweep looks again even if the drone falls silent. Runs under a per-drone lock; every step is
 * idempotent, so a crash mid-way is repaired by the next run.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessionizer');
  private readonly rules: SessionRules;

  constructor(
    config: AnalyticsConfig,
    private readonly raw: TelemetryRawRepository,
    private readonly sessions: SessionsRepository,
    private readonly counters: MetricsService,
    @InjectQueue(METRICS_QUEUE) private readonly metrics: Queue<FlightMetricsJob>,
    @InjectQueue(SESSIONIZE_QUEUE) private readonly queue: Queue<SessionizeJob>,
    @InjectQueue(TELEMETRY_HISTORY_QUEUE) private readonly history: Queue<TelemetryHistoryJob>,
  ) {
    this.rules = { ...DEFAULT_SESSION_RULES, idleS: config.FLIGHT_IDLE_S, gapS: config.FLIGHT_GAP_S };
  }

  async sessionize(droneId: string, now?: number): Promise<{ closed: string[]; openFromMs: number | null }> {
    // While history batches are still queued (a backlog after an outage), silence in what is stored so far
    // is not a gap yet: judge trailing gaps only once the hand-off has caught up.
    const nowMs = now ?? ((await this.historyBacklog()) > 0 ? 0 : Date.now());
    return this.sessions.exclusively(droneId, async () => {
      const closed: string[] = [];
      let openFromMs: number | null = null;
      for (;;) {
        const after = await this.sessions.watermark(droneId);
        const rows = await this.raw.unsettledSamples(droneId, after, PAGE);
        if (rows.length === 0) {
          await this.sessions.settle(droneId, after, null);
          return { closed, openFromMs: null };
        }
        const result = splitFlights(rows.map(toTelemetrySample), this.rules, nowMs);
        for (const f of result.closed) {
          const id = await this.sessions.closeFlight(droneId, f);
          closed.push(id);
          await this.metrics.add('compute', { flight_id: id }, { jobId: `metrics-${id}`, removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
        }
        openFromMs = result.openFromMs;
        const lastMs = rows[rows.length - 1].ts.getTime();
        // Everything before the open flight (or everything, when none is open) is settled.
        const watermark = openFromMs !== null ? new Date(openFromMs - 1) : new Date(lastMs);
        await this.sessions.settle(droneId, watermark, openFromMs !== null ? new Date(openFromMs) : null);
        if (rows.length < PAGE || openFromMs !== null) break;
      }
      this.counters.flightsClosed.inc(closed.length);
      if (closed.length) this.logger.log(`${droneId}: ${closed.length} flight(s) closed`);
      return { closed, openFromMs };
    });
  }

  /** History batches waiting to be stored (0 when the hand-off queue cannot be read: then gaps are judged as usual). */
  private async historyBacklog(): Promise<number> {
    const counts = await withinMs(this.history.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), 1000).catch(() => ({}) as Record<string, number>);
    return Object.values(counts).reduce((n, c) => n + c, 0);
  }

  /** Queues a check of every drone with a flight under way (deduplicated by job id). */
  async sweep(): Promise<number> {
    const drones = await this.sessions.dronesInFlight();
    await this.queue.addBulk(drones.map((d) => ({ name: 'sessionize', data: { drone_id: d }, opts: { jobId: sessionizeJobId(d), removeOnComplete: true, removeOnFail: 1000 } })));
    return drones.length;
  }
}
