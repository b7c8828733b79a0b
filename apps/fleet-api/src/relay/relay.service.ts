import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { HISTORY_JOB_ATTEMPTS, TELEMETRY_HISTORY_JOB, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { storeWithinMs } from '../common/store-unavailable.error.js';
import { ALERT_FEED, type AlertFeed } from '../alerts/alerts.service.js';
import { FanoutService } from '../fanout/fanout.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { REDIS, reconnectForever } from '../redis/redis.module.js';
import { parseHandoffEntries, type HandoffEntry } from './handoff-entry.js';
import { HANDOFF_STREAM_KEY, RELAY_GROUP } from './handoff-stream.keys.js';

/** The BullMQ queue (contracts' TELEMETRY_HISTORY_QUEUE) the analytics worker drains. */
export const HISTORY_QUEUE = Symbol('HISTORY_QUEUE');

/** Stream entries per read (each holds one request: up to 500 packets). */
const READ_COUNT = 100;
/** Pause after a short read, so each read and each job carries many packets. */
const GATHER_MS = 50;
/** Packets per history job. */
const HISTORY_JOB_PACKETS = 1000;
const BLOCK_MS = 1000;

/**
 * Moves the hand-off stream into BullMQ: history jobs of up to HISTORY_JOB_PACKETS packets (for the analytics
 * worker) and the partner fan-out jobs. Replicas share the stream through one consumer group; an entry is
 * acknowledged and deleted only after its jobs exist. Job ids derive from the stream key of their first packet,
 * so re-reading the same entries after a crash adds no jobs twice; if they are grouped differently the second
 * time, a packet can reach history or a partner twice (at-least-once; history is idempotent on drone_id + ts).
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  private readonly consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private reader: Redis | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastClaimAt = 0;

  constructor(
    private readonly config: FleetConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(HISTORY_QUEUE) private readonly historyQueue: Queue<TelemetryHistoryJob>,
    private readonly fanout: FanoutService,
    metrics: MetricsService,
    /** Alert evaluation (with the registry only): fed like fan-out, off the ingest path. */
    @Optional() @Inject(ALERT_FEED) private readonly alerts?: AlertFeed,
  ) {
    metrics.gauge('fleet_handoff_backlog', 'Entries (ingest requests) in the hand-off stream not yet relayed', [], async (g) => {
      const length = await storeWithinMs(this.redis.xlen(HANDOFF_STREAM_KEY), 1000).catch(() => undefined);
      if (length !== undefined) g.set(length);
    });
    metrics.gauge('fleet_history_jobs_waiting', 'History jobs waiting for the analytics worker', [], async (g) => {
      const counts = await storeWithinMs(this.historyQueue.getJobCounts('waiting', 'prioritized'), 1000).catch(() => undefined);
      if (counts) g.set((counts.waiting ?? 0) + (counts.prioritized ?? 0));
    });
  }

  private get claimIdleMs(): number {
    return this.config.RELAY_CLAIM_IDLE_S * 1000;
  }

  onApplicationBootstrap(): void {
    // A blocking read needs a connection of its own.
    this.reader = new Redis(this.config.REDIS_URL, {
      connectionName: 'fleet-api:relay',
      maxRetriesPerRequest: null,
      retryStrategy: reconnectForever,
    });
    this.reader.on('error', () => undefined); // the command client reports outages; this one only retries
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    // Let the current read (blocking at most BLOCK_MS) finish and its entries be relayed: cutting the
    // connection mid-read would strand entries with this consumer until another replica claims them.
    this.running = false;
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, BLOCK_MS + 2000).unref())]); // Redis may be down
    this.reader?.disconnect();
    await this.loop;
    await this.historyQueue.close();
    // Leave no consumer behind in the group unless it still owns entries (another replica claims those).
    const pending = (await this.redis.xpending(HANDOFF_STREAM_KEY, RELAY_GROUP, '-', '+', 1, this.consumer).catch(() => [1])) as unknown[];
    if (pending.length === 0) await this.redis.xgroup('DELCONSUMER', HANDOFF_STREAM_KEY, RELAY_GROUP, this.consumer).catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    let groupReady = false;
    while (this.running) {
      try {
        if (!groupReady) groupReady = await this.ensureGroup();
        if (Date.now() - this.lastClaimAt > this.claimIdleMs / 3) await this.claimAbandoned();
        const reply = (await this.reader!.xreadgroup(
          'GROUP', RELAY_GROUP, this.consumer, 'COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', HANDOFF_STREAM_KEY, '>',
        )) as Array<[string, Array<[string, string[] | null]>]> | null;
        const entries = reply ? parseHandoffEntries(reply[0]![1]) : [];
        await this.relay(entries);
        // A short read means the stream is nearly drained: let entries gather so jobs stay large.
        if (entries.length > 0 && entries.length < READ_COUNT) await new Promise((r) => setTimeout(r, GATHER_MS));
        if (failures > 0) this.logger.log('relay resumed');
        failures = 0;
      } catch (err) {
        if (!this.running) break;
        if ((err as Error).message?.includes('NOGROUP')) groupReady = false;
        if (failures === 0) this.logger.warn(`relay paused: ${(err as Error).message}`);
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(200 * failures, 2000)));
      }
    }
  }

  private async ensureGroup(): Promise<boolean> {
    try {
      // From 0, not $: entries appended before the group existed are relayed too.
      await this.reader!.xgroup('CREATE', HANDOFF_STREAM_KEY, RELAY_GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!(err as Error).message.includes('BUSYGROUP')) throw err;
    }
    return true;
  }

  private async claimAbandoned(): Promise<void> {
    this.lastClaimAt = Date.now();
    let cursor = '0-0';
    do {
      const [next, raw] = (await this.reader!.xautoclaim(
        HANDOFF_STREAM_KEY, RELAY_GROUP, this.consumer, this.claimIdleMs, cursor, 'COUNT', READ_COUNT,
      )) as [string, Array<[string, string[] | null]>, string[]?];
      cursor = next;
      const entries = parseHandoffEntries(raw);
      if (entries.length > 0) {
        this.logger.log(`took over ${entries.length} entries left unacknowledged by another replica`);
        await this.relay(entries);
      }
    } while (cursor !== '0-0' && this.running);
  }

  private async relay(entries: HandoffEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const packets = entries.flatMap((e) => e.packets);
    const jobs = [];
    for (let i = 0; i < packets.length; i += HISTORY_JOB_PACKETS) {
      const chunk = packets.slice(i, i + HISTORY_JOB_PACKETS);
      jobs.push({
        name: TELEMETRY_HISTORY_JOB,
        data: {
          packets: chunk.map((p) => ({
            drone_id: p.droneId,
            received_at: p.receivedAt,
            source_ip: p.sourceIp,
            packet: p.json,
          })),
        },
        // Retried for about 34 minutes while the history store is away; after that kept in the failed set,
        // from which the analytics worker retries it when it starts.
        opts: { jobId: `h-${chunk[0]!.key.replace('/', '-')}`, attempts: HISTORY_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false },
      });
    }
    await this.historyQueue.addBulk(jobs);
    await this.fanout.enqueue(packets);
    await this.alerts?.enqueue(packets);
    const ids = entries.map((e) => e.id);
    const replies = await this.reader!.pipeline().xack(HANDOFF_STREAM_KEY, RELAY_GROUP, ...ids).xdel(HANDOFF_STREAM_KEY, ...ids).exec();
    const failed = replies?.find(([err]) => err);
    if (failed) throw failed[0];
  }
}
