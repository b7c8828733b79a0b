import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AlertDto, AlertListDto, AlertListQueryDto, AlertRule, AlertWebhookDto } from '@wingxtra/contracts';
import type { Principal } from '@wingxtra/service-kit';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { LockedInterval } from '../common/locked-interval.js';
import { FleetConfig } from '../config/fleet-config.js';
import { GeofenceCache } from '../geofences/geofence.cache.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { bullConnectionOptions, REDIS } from '../redis/redis.module.js';
import { DronesService } from '../registry/drones.service.js';
import { HeartbeatsService } from '../registry/heartbeats.service.js';
import { ALERTS_CHANNEL, LINK_LOSS_SWEEP_LOCK } from '../registry/registry.keys.js';
import type { HandoffPacket } from '../relay/handoff-entry.js';
import { LatestStateRepository } from '../telemetry/latest-state.repository.js';
import { LATEST_INDEX_KEY } from '../telemetry/latest-state.keys.js';
import { droneStateOf, judgeLinkLoss, judgeTelemetry, RULE_SEVERITY, type AlertThresholds, type RuleVerdict } from './alert-rules.js';
import { ALERT_WEBHOOK_QUEUE, deliverWebhook } from './alert-webhook.js';
import { AlertsRepository } from './alerts.repository.js';

/** BullMQ queue the relay feeds: one job per relay read, naming the drones whose telemetry arrived. */
export const ALERT_EVALUATION_QUEUE = 'fleet-alert-evaluation';

/** How far back the link-loss sweep looks for drones that fell silent (a replica may have been down meanwhile). */
const LINK_LOSS_LOOKBACK_MS = 10 * 60_000;

/** What the relay hands to alerts (an interface, so the relay does not depend on this module). */
export const ALERT_FEED = Symbol('ALERT_FEED');
export interface AlertFeed {
  enqueue(packets: HandoffPacket[]): Promise<void>;
}

/**
 * Alerts: the rules are judged off the ingest path, on BullMQ jobs the relay adds for the drones of each
 * hand-off read (so ingest never waits on them), by a link-loss sweep one replica at a time, and on
 * heartbeats. Raising and clearing go through the database's one-open-alert-per-drone-and-rule index, so
 * replicas that judge the same drone at once change it once; only the replica whose change took effect
 * streams it and queues its webhook.
 */
@Injectable()
export class AlertsService implements AlertFeed, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private readonly thresholds: AlertThresholds;
  private evaluationQueue!: Queue;
  private evaluationWorker!: Worker;
  private webhookQueue: Queue<AlertWebhookDto> | null = null;
  private webhookWorker: Worker<AlertWebhookDto> | null = null;
  readonly linkLossSweep: LockedInterval;

  constructor(
    private readonly config: FleetConfig,
    private readonly alerts: AlertsRepository,
    private readonly latest: LatestStateRepository,
    private readonly fences: GeofenceCache,
    @Inject(REDIS) private readonly redis: Redis,
    drones: DronesService,
    heartbeats: HeartbeatsService,
    metrics: MetricsService,
  ) {
    this.thresholds = { lowBatteryPct: config.LOW_BATTERY_PCT, lowBatteryClearPct: config.LOW_BATTERY_CLEAR_PCT, linkLossS: config.LINK_LOSS_S };
    this.linkLossSweep = new LockedInterval(redis, LINK_LOSS_SWEEP_LOCK, config.ALERT_SWEEP_S * 1000, () => this.sweepLinkLoss(), this.logger);
    drones.whenDeactivated((droneId) => this.clearAll(droneId, 'drone deactivated'));
    heartbeats.observe((droneId, warnings) => this.judgeHeartbeat(droneId, warnings));
    metrics.gauge('fleet_alerts_open', 'Alerts not cleared, by rule and state', ['rule', 'state'], async (g) => {
      const rows = await this.alerts.list({ state: 'open', limit: 10_000 }).catch(() => null);
      if (!rows) return;
      g.reset();
      for (const a of rows) g.inc({ rule: a.rule, state: a.state });
    });
  }

  onModuleInit(): void {
    const connection = bullConnectionOptions(this.config.REDIS_URL);
    this.evaluationQueue = new Queue(ALERT_EVALUATION_QUEUE, { connection, defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000, removeOnFail: 1000 } });
    this.evaluationQueue.on('error', () => undefined);
    this.evaluationWorker = new Worker(ALERT_EVALUATION_QUEUE, (job) => this.evaluate((job.data as { drone_ids: string[] }).drone_ids), { connection, concurrency: 2 });
    this.evaluationWorker.on('error', (err: Error) => this.logger.warn(`evaluation worker: ${err.message}`));
    const url = this.config.ALERT_WEBHOOK_URL;
    if (url) {
      this.webhookQueue = new Queue<AlertWebhookDto>(ALERT_WEBHOOK_QUEUE, {
        connection,
        defaultJobOptions: {
          attempts: this.config.ALERT_WEBHOOK_MAX_RETRIES + 1,
          backoff: { type: 'exponential', delay: this.config.ALERT_WEBHOOK_BACKOFF_S * 1000 },
          removeOnComplete: 1000,
          removeOnFail: false,
        },
      });
      this.webhookQueue.on('error', () => undefined);
      this.webhookWorker = new Worker<AlertWebhookDto>(ALERT_WEBHOOK_QUEUE, (job) => deliverWebhook(url, job.data, this.config.ALERT_WEBHOOK_SECRET, this.config.ALERT_WEBHOOK_TIMEOUT_S * 1000), { connection, concurrency: 4 });
      this.webhookWorker.on('failed', (job, err) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.warn(`webhook ${job.id} failed for good: ${err.message}`);
      });
      this.webhookWorker.on('error', (err: Error) => this.logger.warn(`webhook worker: ${err.message}`));
    }
  }

  onApplicationBootstrap(): void {
    this.linkLossSweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.linkLossSweep.stop();
    await Promise.all([this.evaluationWorker?.close(), this.webhookWorker?.close()]);
    await Promise.all([this.evaluationQueue?.close(), this.webhookQueue?.close()]);
  }

  /** The relay's hand-off: one evaluation job for the drones of a read; its id derives from the first packet's stream key. */
  async enqueue(packets: HandoffPacket[]): Promise<void> {
    if (packets.length === 0) return;
    const droneIds = [...new Set(packets.map((p) => p.droneId))];
    await this.evaluationQueue.add('evaluate', { drone_ids: droneIds }, { jobId: `a-${packets[0]!.key.replace('/', '-')}` });
  }

  /** Judges the telemetry rules on the drones' latest states, raising and clearing what changed. */
  async evaluate(droneIds: string[]): Promise<void> {
    const docs = await this.latest.findMany(droneIds);
    const open = await this.openRules(droneIds);
    const nowMs = Date.now();
    for (const doc of docs) {
      const state = droneStateOf(JSON.parse(doc.json.toString()));
      const mine = open.get(state.droneId) ?? new Set<AlertRule>();
      const verdicts = judgeTelemetry(state, this.fences.active, this.thresholds, nowMs, mine);
      for (const [rule, v] of verdicts) await this.apply(state.droneId, rule, v, mine);
    }
  }

  /** link_loss for armed drones silent for LINK_LOSS_S, and clears it for drones heard from again. */
  async sweepLinkLoss(): Promise<void> {
    const nowMs = Date.now();
    const silentSince = nowMs - this.config.LINK_LOSS_S * 1000;
    const ids = await this.redis.zrangebyscore(LATEST_INDEX_KEY, String(silentSince - LINK_LOSS_LOOKBACK_MS), String(silentSince));
    const open = await this.alerts.open(null, 'link_loss');
    const openIds = new Set(open.map((o) => o.drone_id));
    for (const doc of await this.latest.findMany([...new Set([...ids, ...openIds])])) {
      const state = droneStateOf(JSON.parse(doc.json.toString()));
      await this.apply(state.droneId, 'link_loss', judgeLinkLoss(state, this.thresholds, nowMs), openIds.has(state.droneId) ? new Set(['link_loss']) : new Set());
    }
  }

  private async judgeHeartbeat(droneId: string, warnings: string[]): Promise<void> {
    const v: RuleVerdict = { holds: warnings.length > 0, severity: RULE_SEVERITY.heartbeat_degraded, message: `${droneId} companion computer: ${warnings.join('; ')}`, details: { warnings } };
    await this.apply(droneId, 'heartbeat_degraded', v, null);
  }

  /** Raises or clears; `open` (when known) spares the database a statement that would change nothing. */
  private async apply(droneId: string, rule: AlertRule, v: RuleVerdict, open: ReadonlySet<AlertRule> | null): Promise<void> {
    if (v.holds) {
      if (open?.has(rule)) return;
      const raised = await this.alerts.raise(droneId, rule, v.severity, v.message, v.details);
      if (raised) await this.changed(raised, 'alert.raised');
    } else {
      if (open && !open.has(rule)) return;
      const cleared = await this.alerts.clear(droneId, rule, 'condition ended');
      if (cleared) await this.changed(cleared, 'alert.cleared');
    }
  }

  private async clearAll(droneId: string, reason: string): Promise<void> {
    for (const { rule } of await this.alerts.open([droneId])) {
      const cleared = await this.alerts.clear(droneId, rule, reason);
      if (cleared) await this.changed(cleared, 'alert.cleared');
    }
  }

  private async openRules(droneIds: string[]): Promise<Map<string, Set<AlertRule>>> {
    const map = new Map<string, Set<AlertRule>>();
    for (const { drone_id, rule } of await this.alerts.open(droneIds)) {
      if (!map.has(drone_id)) map.set(drone_id, new Set());
      map.get(drone_id)!.add(rule);
    }
    return map;
  }

  /** Streams a change to every replica's clients and queues its webhook (its job id is the transition, so once). */
  private async changed(alert: AlertDto, event: AlertWebhookDto['event']): Promise<void> {
    await this.redis.publish(ALERTS_CHANNEL, JSON.stringify(alert)).catch((err: Error) => this.logger.warn(`alert change not streamed: ${err.message}`));
    if (this.webhookQueue) {
      const payload: AlertWebhookDto = { event, sent_at: new Date().toISOString(), alert };
      await this.webhookQueue.add(event, payload, { jobId: `${alert.id}-${event.slice(6)}` }).catch((err: Error) => this.logger.warn(`webhook of ${alert.id} not queued: ${err.message}`));
    }
  }

  async list(q: AlertListQueryDto): Promise<AlertListDto> {
    const limit = q.limit ?? 100;
    let before: { raisedAt: Date; id: string } | undefined;
    if (q.cursor !== undefined) {
      const [ms, id] = decodeCursor('alert', q.cursor).split('/');
      if (!/^\d{1,15}$/.test(ms ?? '') || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new BadRequestException('cursor is not a cursor this API returned');
      before = { raisedAt: new Date(Number(ms)), id: id! };
    }
    const rows = await this.alerts.list({ state: q.state, rule: q.rule, droneId: q.drone_id, before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, next_cursor: rows.length > limit && last ? encodeCursor('alert', `${Date.parse(last.raised_at)}/${last.id}`) : null };
  }

  async get(id: string): Promise<AlertDto> {
    const alert = await this.alerts.find(id);
    if (!alert) throw new NotFoundException(`Alert ${id} not found`);
    return alert;
  }

  /** OPS or ADMIN takes note of an active alert; acknowledging it again changes nothing; a cleared one is 409. */
  async acknowledge(id: string, note: string | undefined, actor: Principal): Promise<AlertDto> {
    const acknowledged = await this.alerts.acknowledge(id, actor.sub, note ?? null);
    if (acknowledged) {
      await this.changed(acknowledged, 'alert.acknowledged');
      return acknowledged;
    }
    const alert = await this.get(id);
    if (alert.state === 'cleared') throw new ConflictException(`Alert ${id} is cleared already`);
    return alert;
  }
}
