import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { GeofenceDto } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { reconnectForever } from '../redis/redis.module.js';
import { GEOFENCES_CHANNEL } from '../registry/registry.keys.js';
import { toGeofenceDto } from './geofence.mapper.js';
import { GeofencesRepository } from './geofences.repository.js';

/**
 * The active geofences in memory, for the alert rules: reloaded when any replica changes one (a notice on
 * Redis), when the subscriber reconnects, and every REGISTRY_CACHE_TTL_S. While PostgreSQL is away the fences
 * held stay in force.
 */
@Injectable()
export class GeofenceCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GeofenceCache.name);
  private fences: GeofenceDto[] = [];
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: FleetConfig,
    private readonly repo: GeofencesRepository,
  ) {}

  get active(): GeofenceDto[] {
    return this.fences;
  }

  async onApplicationBootstrap(): Promise<void> {
    const subscriber = new Redis(this.config.REDIS_URL, { connectionName: 'fleet-api:geofences', retryStrategy: reconnectForever });
    let lost = false;
    subscriber.on('error', () => undefined);
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      if (lost) void this.reload();
      lost = false;
    });
    subscriber.on('message', () => void this.reload());
    void subscriber.subscribe(GEOFENCES_CHANNEL).catch(() => undefined);
    this.subscriber = subscriber;
    await this.reload();
    this.timer = setInterval(() => void this.reload(), this.config.REGISTRY_CACHE_TTL_S * 1000);
    this.timer.unref();
  }

  async reload(): Promise<void> {
    try {
      this.fences = (await this.repo.list({ includeInactive: false })).map(toGeofenceDto);
    } catch (err) {
      this.logger.warn(`geofences not reloaded (keeping the ${this.fences.length} held): ${(err as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscriber?.disconnect();
  }
}
