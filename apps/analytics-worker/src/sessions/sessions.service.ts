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
  /** Samples read per pass. */
  private readonly page: number;
  /** How far before the newest sample seen a run resumes reading an open flight. */
  private readonly lookbackMs: number;

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
    this.page = config.SESSIONIZE_PAGE_SAMPLES;
    this.lookbackMs = (Math.max(config.FLIGHT_IDLE_S, config.FLIGHT_GAP_S) + 5) * 1000;
  }

  /**
   * While history batches wait to be stored (a backlog after an outage, or a burst), the sessionizer stands
   * aside: storing comes first, each run would re-read the drone's open flight, and silence in what is stored
   * so far is not yet a gap. The sweep and the next stored batch bring the drone back once the backlog is gone.
   */
  async sessionizeWhenCaughtUp(droneId: string): Promise<{ closed: string[]; openFromMs: number | null } | { postponed: true }> {
    if ((await this.historyBacklog()) > 0) return { postponed: true };
    return this.sessionize(droneId);
  }

  /**
   * A flight under way is not re-read from its start on every run: reading resumes a little before the newest
   * sample already seen (`checked_to` minus the longest idle or gap window, so the end rule still sees
   * everything it needs), and the flight keeps the start remembered in `open_from`. A backlog longer than
   * a page is read page by page, and trailing silence is judged only on the last page.
   */
  async sessionize(droneId: string, nowMs = Date.now()): Promise<{ closed: string[]; openFromMs: number | null }> {
    return this.sessions.exclusively(droneId, async () => {
      const closed: string[] = [];
      let openFromMs: number | null = null;
      let stalled = false;
      const first = await this.sessions.state(droneId);
      if (first.lateFrom) {
        const restart = await this.sessions.rewind(droneId, first, this.lookbackMs);
        this.logger.log(`${droneId}: late samples from ${first.lateFrom.toISOString()}; re-cutting flights from ${restart.toISOString()}`);
      }
      for (;;) {
        const { watermark, openFrom, checkedTo, recutFrom } = await this.sessions.state(droneId);
        // A page smaller than the look-back window would read the same samples again: then resume at checked_to.
        const lookback = stalled ? 0 : this.lookbackMs;
        const resumeMs = openFrom && checkedTo ? Math.max(watermark?.getTime() ?? 0, checkedTo.getTime() - lookback) : null;
        const from = resumeMs !== null ? new Date(resumeMs) : watermark;
        const rows = await this.raw.unsettledSamples(droneId, from, this.page);
        if (rows.length === 0) {
          await this.sessions.settle(droneId, watermark, openFrom, checkedTo);
          if (recutFrom) await this.endRecut(droneId, recutFrom);
          return { closed, openFromMs: openFrom?.getTime() ?? null };
        }
        const fullPage = rows.length === this.page;
        const result = splitFlights(rows.map(toTelemetrySample), this.rules, fullPage ? 0 : nowMs);
        // Reading resumed inside the open flight: its first flight is that one, started at open_from.
        const resumed = resumeMs !== null && openFrom !== null;
        const flights = result.closed.map((f, i) => (resumed && i === 0 ? { ...f, startMs: openFrom.getTime() } : f));
        for (const f of flights) {
          const id = await this.sessions.closeFlight(droneId, f);
          closed.push(id);
          await this.metrics.add('compute', { flight_id: id }, { jobId: `metrics-${id}`, removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
        }
        openFromMs = result.openFromMs !== null && resumed && flights.length === 0 ? openFrom.getTime() : result.openFromMs;
        const last = rows[rows.length - 1].ts;
        // Everything before the open flight (or everything, when none is open) is settled.
        const settled = openFromMs !== null ? new Date(openFromMs - 1) : last;
        await this.sessions.settle(droneId, settled, openFromMs !== null ? new Date(openFromMs) : null, last);
        // Samples stored while this page was being read (a batch committed out of order) were not in it; the
        // history side marks those it stores after this point itself.
        if ((await this.raw.countBetween(droneId, from, last)) > rows.length) await this.sessions.markLate(droneId, new Date((from?.getTime() ?? -1) + 1));
        if (!fullPage) {
          if (recutFrom) await this.endRecut(droneId, recutFrom);
          break;
        }
        stalled = checkedTo !== null && last.getTime() <= checkedTo.getTime();
      }
      this.counters.flightsClosed.inc(closed.length);
      if (closed.length) this.logger.log(`${droneId}: ${closed.length} flight(s) closed`);
      return { closed, openFromMs };
    });
  }

  private async endRecut(droneId: string, from: Date): Promise<void> {
    const gone = await this.sessions.dropVanishedFlights(droneId, from);
    if (gone.length > 0) this.logger.log(`${droneId}: ${gone.length} flight(s) merged into others by late samples: ${gone.join(', ')}`);
  }

  /** History batches waiting to be stored, beyond the few in hand (0 when the queue cannot be read). Retries waiting out a backoff do not count. */
  private async historyBacklog(): Promise<number> {
    const counts = await withinMs(this.history.getJobCounts('waiting', 'prioritized'), 1000).catch(() => ({}) as Record<string, number>);
    return Object.values(counts).reduce((n, c) => n + c, 0);
  }

  /**
   * Queues a check of every drone with a flight under way or telemetry in the last hour (deduplicated by job
   * id; a check that finds nothing new is one indexed query), and the metrics of flights whose metrics job
   * was lost (closed over a minute ago, never measured).
   */
  async sweep(): Promise<{ drones: number; unmeasured: number }> {
    const drones = await this.sessions.dronesToCheck();
    await this.queue.addBulk(drones.map((d) => ({ name: 'sessionize', data: { drone_id: d }, opts: { jobId: sessionizeJobId(d), removeOnComplete: true, removeOnFail: true } })));
    const unmeasured = await this.sessions.unmeasuredFlights();
    await this.metrics.addBulk(unmeasured.map((id) => ({ name: 'compute', data: { flight_id: id }, opts: { jobId: `metrics-${id}`, removeOnComplete: true, removeOnFail: true, attempts: 3 } })));
    return { drones: drones.length, unmeasured: unmeasured.length };
  }
}
