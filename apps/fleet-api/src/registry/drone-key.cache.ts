import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { REDIS, reconnectForever } from '../redis/redis.module.js';
import { hashDroneKey } from './drone-key.js';
import { DroneKeysRepository, type DroneKeySet } from './drone-keys.repository.js';
import { DRONE_KEYS_CHANNEL } from './registry.keys.js';

/** A key accepted for ingest, as held in memory. Objects are updated in place, so memoised lookups see changes. */
export interface CachedKey {
  droneId: string;
  keyId: string;
  hash: string;
  /** Epoch ms at which a rotated-out key stops working; 0 while it is a current key. */
  expiresAtMs: number;
  /** Revoked, expired for good, or replaced since it was cached. */
  dead: boolean;
}

/** Presented keys remembered (key text -> entry) before the memo is emptied and refilled. */
const MAX_MEMO = 100_000;
/** Retry period while the first load has not succeeded. */
const FIRST_LOAD_RETRY_MS = 2000;

/**
 * Every valid drone key, held in every replica's memory so that the ingest check is a synchronous map lookup
 * with no database round trip (docs/security.md). Changes reach every replica at once: the replica that
 * changes a drone's keys publishes the drone's whole valid key set with its keys_version on Redis, and each
 * replica applies a set only if it is newer than the one it holds. A full reload every REGISTRY_CACHE_TTL_S
 * (and after the subscriber reconnects) is the safety net for a missed message. PostgreSQL being away only
 * stops reloads: the keys held keep working.
 */
@Injectable()
export class DroneKeyCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DroneKeyCache.name);
  private readonly byHash = new Map<string, CachedKey>();
  private readonly byDrone = new Map<string, { version: number; keys: CachedKey[] }>();
  /** Presented key text -> entry: a hit costs one map lookup and no hashing. Never persisted, never logged. */
  private readonly memo = new Map<string, CachedKey>();
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** True once the key set has been read from PostgreSQL since start-up. */
  loaded = false;
  lastLoadAtMs = 0;

  constructor(
    private readonly config: FleetConfig,
    private readonly repo: DroneKeysRepository,
    @Inject(REDIS) private readonly redis: Redis,
    metrics: MetricsService,
  ) {
    metrics.gauge('fleet_drone_keys_cached', 'Drone keys this replica accepts for ingest (in memory)', [], async (g) => g.set(this.byHash.size));
    metrics.gauge('fleet_drone_keys_loaded_age_seconds', 'Seconds since this replica last read every drone key from PostgreSQL', [], async (g) => {
      if (this.loaded) g.set((Date.now() - this.lastLoadAtMs) / 1000);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const subscriber = new Redis(this.config.REDIS_URL, { connectionName: 'fleet-api:keys', retryStrategy: reconnectForever });
    let lost = false;
    subscriber.on('error', () => undefined); // reconnects by itself; the command client logs outages
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      if (lost) void this.reloadAll(); // messages may have been missed meanwhile
      lost = false;
    });
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.apply(JSON.parse(message) as DroneKeySet);
      } catch (err) {
        this.logger.warn(`ignored a malformed key message: ${(err as Error).message}`);
      }
    });
    void subscriber.subscribe(DRONE_KEYS_CHANNEL).catch(() => undefined);
    this.subscriber = subscriber;
    await this.reloadAll();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const ms = this.loaded ? this.config.REGISTRY_CACHE_TTL_S * 1000 : FIRST_LOAD_RETRY_MS;
    this.timer = setTimeout(() => void this.reloadAll().finally(() => this.schedule()), ms);
    this.timer.unref();
  }

  /** The entry of a presented key, or null when it is not a valid key of any drone. Synchronous. */
  lookup(presented: string): CachedKey | null {
    let entry = this.memo.get(presented);
    if (entry === undefined) {
      entry = this.byHash.get(hashDroneKey(this.config.DRONE_KEY_SECRET!, presented));
      if (entry === undefined) return null;
      if (this.memo.size >= MAX_MEMO) this.memo.clear();
      this.memo.set(presented, entry);
    }
    if (entry.dead) {
      this.memo.delete(presented);
      return null;
    }
    return entry;
  }

  /** Reads every drone's valid keys; a drone's set read before a newer one arrived is not applied. */
  async reloadAll(): Promise<void> {
    try {
      const sets = await this.repo.allValidKeySets();
      for (const set of sets) this.apply(set);
      this.loaded = true;
      this.lastLoadAtMs = Date.now();
    } catch (err) {
      this.logger.warn(`drone keys not reloaded (keeping the ${this.byHash.size} held): ${(err as Error).message}`);
    }
  }

  /**
   * Publishes a drone's key set after a change (read after the change committed), having applied it here
   * first, so this replica refuses a revoked key before the request that revoked it is answered.
   */
  async publish(set: DroneKeySet): Promise<void> {
    this.apply(set);
    try {
      await this.redis.publish(DRONE_KEYS_CHANNEL, JSON.stringify(set));
    } catch (err) {
      // While Redis is away no replica takes ingest anyway; they reload when their subscriber reconnects.
      this.logger.warn(`key change of ${set.drone_id} not published: ${(err as Error).message}`);
    }
  }

  /** Replaces a drone's keys with the given set unless the set held is newer. */
  private apply(set: DroneKeySet): void {
    const held = this.byDrone.get(set.drone_id);
    if (held && held.version > set.version) return;
    const keys = set.keys.map((k) => {
      const expiresAtMs = k.expires_at_ms ?? 0;
      const existing = this.byHash.get(k.hash);
      if (existing && existing.droneId === set.drone_id) {
        existing.expiresAtMs = expiresAtMs;
        existing.dead = false;
        return existing;
      }
      const entry: CachedKey = { droneId: set.drone_id, keyId: k.id, hash: k.hash, expiresAtMs, dead: false };
      this.byHash.set(k.hash, entry);
      return entry;
    });
    for (const old of held?.keys ?? []) {
      if (keys.includes(old)) continue;
      old.dead = true;
      if (this.byHash.get(old.hash) === old) this.byHash.delete(old.hash);
    }
    this.byDrone.set(set.drone_id, { version: set.version, keys });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.subscriber?.disconnect();
  }
}
