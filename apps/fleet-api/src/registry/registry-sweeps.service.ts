import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DRONE_STATUSES } from '@wingxtra/contracts';
import { LockedInterval } from '../common/locked-interval.js';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { REDIS } from '../redis/redis.module.js';
import { DroneStatusService } from './drone-status.service.js';
import { DronesRepository } from './drones.repository.js';
import { HeartbeatsRepository } from './heartbeats.repository.js';
import { HEARTBEAT_PRUNE_LOCK, STATUS_SWEEP_LOCK } from './registry.keys.js';

const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 10_000;

/**
 * Periodic registry upkeep, each run by one replica at a time: re-deriving every active drone's status
 * (time alone turns a drone offline), and deleting heartbeats past HEARTBEAT_RETENTION_DAYS. Also the fleet
 * gauges, read from PostgreSQL when Prometheus scrapes (the same figures on every replica).
 */
@Injectable()
export class RegistrySweepsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrySweepsService.name);
  readonly statusSweep: LockedInterval;
  private readonly prune: LockedInterval;

  constructor(
    private readonly config: FleetConfig,
    @Inject(REDIS) redis: Redis,
    private readonly drones: DronesRepository,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly status: DroneStatusService,
    metrics: MetricsService,
  ) {
    this.statusSweep = new LockedInterval(redis, STATUS_SWEEP_LOCK, config.STATUS_SWEEP_S * 1000, async () => void (await this.sweepStatuses()), this.logger);
    this.prune = new LockedInterval(redis, HEARTBEAT_PRUNE_LOCK, PRUNE_EVERY_MS, () => this.pruneHeartbeats(), this.logger);
    metrics.gauge('fleet_drones', 'Active registered drones by derived status', ['status'], async (g) => {
      const counts = await this.drones.countByStatus().catch(() => null);
      if (!counts) return;
      for (const s of DRONE_STATUSES) g.set({ status: s }, counts.find((c) => c.status === s)?.n ?? 0);
    });
    metrics.gauge('fleet_drones_online', 'Active registered drones that are healthy or degraded (heard from recently)', [], async (g) => {
      const counts = await this.drones.countByStatus().catch(() => null);
      if (counts) g.set(counts.filter((c) => c.status === 'healthy' || c.status === 'degraded').reduce((n, c) => n + c.n, 0));
    });
    metrics.gauge('fleet_drone_heartbeat_age_seconds', 'Seconds since each active drone last sent a heartbeat', ['drone_id'], async (g) => {
      const rows = await this.drones.heartbeatTimes().catch(() => null);
      if (!rows) return;
      g.reset();
      const now = Date.now();
      for (const r of rows) g.set({ drone_id: r.droneId }, (now - r.lastHeartbeatAt!.getTime()) / 1000);
    });
  }

  onApplicationBootstrap(): void {
    this.statusSweep.start();
    this.prune.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.statusSweep.stop(), this.prune.stop()]);
  }

  /** Re-derives every active drone's status; records the changes (and their events). */
  async sweepStatuses(): Promise<number> {
    const rows = await this.drones.activeDrones();
    const derived = await this.status.derive(rows);
    let changed = 0;
    for (const [i, row] of rows.entries()) if (await this.status.record(row, derived[i]!)) changed++;
    return changed;
  }

  private async pruneHeartbeats(): Promise<void> {
    const before = new Date(Date.now() - this.config.HEARTBEAT_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (let n = PRUNE_BATCH; n === PRUNE_BATCH; total += n) n = await this.heartbeats.pruneBatch(before, PRUNE_BATCH);
    if (total > 0) this.logger.log(`deleted ${total} heartbeats older than ${this.config.HEARTBEAT_RETENTION_DAYS} days`);
  }
}
