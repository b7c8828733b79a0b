import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { KitStatus } from '@wingxtra/contracts';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { REDIS } from '../redis.module.js';
import { AirspaceMetrics } from './airspace-metrics.js';
import { AirspaceRepository } from './airspace.repository.js';
import { KitLeases } from './kit-lease.js';
import { KitPoller, type PollerSettings } from './kit-poller.js';
import type { KitConfig } from './kits-config.js';

/** The spec's health log period. */
const HEALTH_LOG_MS = 60_000;

/**
 * The airspace collector: polls every enabled kit of KITS_CONFIG, one KitPoller each, in processes with
 * RUN_WORKERS. With several replicas each kit is polled by one process at a time, the holder of the kit's Redis
 * lease (KitLeases); the others take a kit over when its holder stops renewing. Every minute it logs each of its
 * kits' health, as the spec's collector does.
 */
@Injectable()
export class CollectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Airspace');
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly leases: KitLeases;
  readonly pollers = new Map<string, KitPoller>();
  private readonly settings: PollerSettings;
  private readonly kits: KitConfig[];
  private synced = false;
  private leaseTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly config: AnalyticsConfig,
    private readonly repo: AirspaceRepository,
    private readonly metrics: AirspaceMetrics,
    @Inject(REDIS) redis: Redis,
  ) {
    const s = (v: number) => Math.round(v * 1000);
    this.settings = {
      pollIntervalMs: s(config.POLL_INTERVAL),
      statusIntervalMs: s(config.STATUS_POLL_INTERVAL),
      timeoutMs: s(config.REQUEST_TIMEOUT),
      maxRetries: config.MAX_RETRIES,
      retryStepMs: Math.min(1000, s(config.INITIAL_BACKOFF)),
      initialBackoffMs: s(config.INITIAL_BACKOFF),
      maxBackoffMs: s(config.MAX_BACKOFF),
      staleThresholdMs: s(config.STALE_THRESHOLD),
    };
    this.kits = config.kits.filter((k) => k.enabled);
    // Long enough to outlive a slow Redis answer, short enough for a quick take-over of a dead replica's kits.
    this.leases = new KitLeases(redis, config.QUEUE_PREFIX, this.owner, Math.min(30_000, Math.max(3_000, 3 * this.settings.pollIntervalMs)));
  }

  onApplicationBootstrap(): void {
    if (!this.config.KITS_CONFIG) {
      this.logger.log('airspace collector idle: KITS_CONFIG is not set');
      return;
    }
    if (!this.config.RUN_WORKERS) {
      this.logger.log('airspace collector off in this process (RUN_WORKERS=false)');
      return;
    }
    this.logger.log(`airspace collector: ${this.kits.length} enabled kit(s) of ${this.config.kits.length} in ${this.config.KITS_CONFIG}; poll every ${this.config.POLL_INTERVAL}s, status every ${this.config.STATUS_POLL_INTERVAL}s`);
    this.leaseTimer = setInterval(() => this.schedule(), Math.max(200, Math.floor(this.leases.ttlMs / 3)));
    this.healthTimer = setInterval(() => void this.logHealth(), HEALTH_LOG_MS);
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.leaseTimer);
    clearInterval(this.healthTimer);
    await this.tick;
    await Promise.all([...this.pollers.keys()].map((id) => this.drop(id, true)));
  }

  /** One lease pass at a time (a slow Redis must not pile them up). */
  private schedule(): void {
    this.tick = this.tick.then(() => this.leasePass()).catch((err: Error) => this.logger.warn(`kit lease pass failed: ${err.message}`));
  }

  /** Renews the leases this process holds (dropping kits another process now holds) and takes free ones. */
  private async leasePass(): Promise<void> {
    if (this.stopping) return;
    if (!this.synced) {
      await this.repo.syncKits(this.config.kits);
      this.synced = true;
    }
    for (const kit of this.kits) {
      if (this.stopping) return;
      const poller = this.pollers.get(kit.id);
      if (poller) {
        let held: boolean;
        try {
          held = await this.leases.renew(kit.id);
        } catch (err) {
          // Redis away: no one can take the kit meanwhile, so keep polling it (a duplicate poll stores nothing twice).
          this.logger.warn(`could not renew the lease of kit ${kit.id} (polling on): ${(err as Error).message}`);
          continue;
        }
        if (!held) {
          this.logger.warn(`kit ${kit.id} is now polled by another process; stopping here`);
          await this.drop(kit.id, false);
        }
        continue;
      }
      if (!(await this.leases.acquire(kit.id))) continue;
      const p = new KitPoller(kit, this.settings, this.repo, this.metrics, this.owner);
      const row = await this.repo.kit(kit.id).catch(() => null);
      if (row && row.totalRequests > 0) {
        p.health.restore({
          status: row.status as KitStatus,
          statusSince: row.statusSince,
          lastSeen: row.lastSeen,
          lastDataAt: row.lastDataAt,
          lastError: row.lastError,
          consecutiveFailures: row.consecutiveFailures,
          backoffMs: row.backoffMs,
          totalRequests: row.totalRequests,
          successfulRequests: row.successfulRequests,
          failedRequests: row.failedRequests,
        });
      }
      this.pollers.set(kit.id, p);
      this.logger.log(`polling kit ${kit.id} (${kit.name}) at ${kit.apiUrl}`);
      p.start();
    }
  }

  private async drop(kitId: string, release: boolean): Promise<void> {
    const p = this.pollers.get(kitId);
    if (!p) return;
    this.pollers.delete(kitId);
    await p.stop();
    this.metrics.forget(kitId);
    if (release) {
      await this.leases.release(kitId).catch(() => undefined);
      await this.repo.releaseKit(kitId, this.owner).catch(() => undefined);
    }
  }

  /** The spec's health log: one line per kit this process polls, and its last error. */
  async logHealth(): Promise<string[]> {
    const lines: string[] = [];
    for (const p of this.pollers.values()) {
      await p.checkStale();
      lines.push(p.health.describe(p.kit.id));
      if (p.health.lastError) lines.push(`  Last error: ${p.health.lastError}`);
    }
    if (lines.length > 0) for (const line of ['=== Kit Health Status ===', ...lines]) this.logger.log(line);
    return lines;
  }
}
