import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { HistoryPacket } from '@wingxtra/contracts';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { MetricsService } from '../metrics/metrics.module.js';
import { SESSIONIZE_QUEUE, sessionizeJobId, type SessionizeJob } from '../sessions/session-queue.js';
import { toHistoryRow } from './history-row.js';
import { TelemetryRawRepository } from './telemetry-raw.repository.js';

/**
 * Stores fleet-api's history hand-off: each batch in one statement, idempotently (a redelivered job adds
 * nothing), then marks its drones for the sessionizer. The job is acknowledged only after both, so a crash
 * at any point means BullMQ redelivers the batch and nothing is lost or doubled.
 */
@Injectable()
export class HistoryService {
  private readonly logger = new Logger('History');

  constructor(
    private readonly raw: TelemetryRawRepository,
    private readonly prisma: PrismaService,
    private readonly config: AnalyticsConfig,
    private readonly metrics: MetricsService,
    @InjectQueue(SESSIONIZE_QUEUE) private readonly sessionize: Queue<SessionizeJob>,
  ) {}

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
    if (lastSeen.size > 0) {
      await this.prisma.pool.query(
        `INSERT INTO drone_sessions (drone_id, last_seen, updated_at) SELECT d, s, now() FROM unnest($1::text[], $2::timestamptz[]) AS t(d, s)
         ON CONFLICT (drone_id) DO UPDATE SET last_seen = GREATEST(drone_sessions.last_seen, EXCLUDED.last_seen), updated_at = now()`,
        [[...lastSeen.keys()], [...lastSeen.values()]],
      );
      await this.sessionize.addBulk(
        [...lastSeen.keys()].map((droneId) => ({
          name: 'sessionize',
          data: { drone_id: droneId },
          // Removed when done or failed, so the id is free for the next batch or sweep (BullMQ ignores a known id).
          opts: { jobId: sessionizeJobId(droneId), delay: this.config.SESSIONIZE_DELAY_S * 1000, removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
        })),
      );
    }
    return { received: packets.length, inserted, unreadable };
  }
}
