import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { HistoryPacket } from '@wingxtra/contracts';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { MetricsService } from '../metrics/metrics.module.js';
import { SESSIONIZE_QUEUE, sessionizeJobId, type SessionizeJob } from '../sessions/session-queue.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { toHistoryRow, type HistoryRow } from './history-row.js';
import { RecentKeys } from './recent-keys.js';
import { TelemetryRawRepository } from './telemetry-raw.repository.js';

/**
 * Stores fleet-api's history hand-off: each batch in one statement, idempotently (a redelivered job adds
 * nothing), then marks its drones for the sessionizer (and as late, when the batch holds samples older than
 * what the sessionizer has read). The job is acknowledged only after both, so a crash
 * at any point means BullMQ redelivers the batch and nothing is lost or doubled.
 */
@Injectable()
export class HistoryService {
  private readonly logger = new Logger('History');
  /**
   * Drones whose sessionizer job this process queued less than half its delay ago: that job has not run yet,
   * so it will read what was just stored; queuing it again would be a no-op for BullMQ (the id is taken) that
   * still costs a Redis script call per drone and batch.
   */
  private readonly sessionizerQueued: RecentKeys;
  /** Drones whose drone_sessions.last_seen this process wrote in the last 30 s (the sweep asks "within the hour"). */
  private readonly lastSeenWritten = new RecentKeys(30_000);

  constructor(
    private readonly raw: TelemetryRawRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AnalyticsConfig,
    private readonly metrics: MetricsService,
    @InjectQueue(SESSIONIZE_QUEUE) private readonly sessionize: Queue<SessionizeJob>,
  ) {
    this.sessionizerQueued = new RecentKeys((config.SESSIONIZE_DELAY_S * 1000) / 2);
  }

  async store(packets: HistoryPacket[]): Promise<{ received: number; inserted: number; unreadable: number }> {
    const rows = packets.map(toHistoryRow).filter((r) => r !== null);
    const unreadable = packets.length - rows.length;
    if (unreadable > 0) this.logger.error(`${unreadable} handed-off entries were not packets and were skipped`);
    const lastSeen = new Map<string, string>();
    for (const r of rows) if ((lastSeen.get(r.drone_id) ?? '') < r.received_at) lastSeen.set(r.drone_id, r.received_at);
    const inserted = await this.raw.insertBatch(rows);
    this.metrics.historyPackets.inc({ outcome: 'stored' }, inserted);
    this.metrics.historyPackets.inc({ outcome: 'duplicate' }, rows.length - inserted);
    if (unreadable > 0) this.metrics.historyPackets.inc({ outcome: 'unreadable' }, unreadable);
    await this.noteLastSeen(lastSeen);
    await this.markLate(rows);
    await this.queueSessionizer(lastSeen.keys());
    return { received: packets.length, inserted, unreadable };
  }

  private async noteLastSeen(lastSeen: Map<string, string>): Promise<void> {
    const due = this.lastSeenWritten.due(lastSeen.keys());
    if (due.length === 0) return;
    await this.sessions.noteLastSeen(due, due.map((id) => lastSeen.get(id)!));
    this.lastSeenWritten.mark(due);
  }

  /** Drones whose batch holds samples their sessionizer has already read past get re-cut from there. */
  private async markLate(rows: HistoryRow[]): Promise<void> {
    const earliest = new Map<string, number>();
    for (const r of rows) {
      const t = Date.parse(r.ts);
      if (!(earliest.get(r.drone_id)! <= t)) earliest.set(r.drone_id, t);
    }
    const late = await this.sessions.markLateWhereRead([...earliest.keys()], [...earliest.values()].map((t) => new Date(t)));
    if (late.length > 0) this.logger.log(`late history for ${late.length} drone(s) (${late.slice(0, 5).join(', ')}${late.length > 5 ? ', …' : ''}): their flights are re-cut`);
  }

  private async queueSessionizer(droneIds: Iterable<string>): Promise<void> {
    const due = this.sessionizerQueued.due(droneIds);
    if (due.length === 0) return;
    await this.sessionize.addBulk(
      due.map((droneId) => ({
        name: 'sessionize',
        data: { drone_id: droneId },
        // Removed when done or failed, so the id is free for the next batch or sweep (BullMQ ignores a known id).
        opts: { jobId: sessionizeJobId(droneId), delay: this.config.SESSIONIZE_DELAY_S * 1000, removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
      })),
    );
    this.sessionizerQueued.mark(due);
  }
}
