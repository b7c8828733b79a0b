import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module.js';
import { whileStoreUp } from '../common/store-unavailable.error.js';

export interface FanoutStats {
  delivered: number;
  lastError: string | null;
  lastErrorAtMs: number | null;
  lastSuccessAtMs: number | null;
}

const statsKey = (target: string) => `fanout:stats:{${target}}`;

/** Per-target delivery counters, in Redis so every replica adds to and reads the same figures. */
@Injectable()
export class FanoutStatsRepository {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async recordSuccess(target: string, packets: number, atMs: number): Promise<void> {
    await this.redis.pipeline().hincrby(statsKey(target), 'delivered', packets).hset(statsKey(target), 'last_success_ms', atMs).exec();
  }

  async recordError(target: string, message: string, atMs: number): Promise<void> {
    await this.redis.hset(statsKey(target), 'last_error', message.slice(0, 500), 'last_error_ms', atMs);
  }

  async read(target: string): Promise<FanoutStats> {
    const [delivered, lastError, lastErrorMs, lastSuccessMs] = await whileStoreUp(
      this.redis.hmget(statsKey(target), 'delivered', 'last_error', 'last_error_ms', 'last_success_ms'),
    );
    return {
      delivered: Number(delivered ?? 0),
      lastError: lastError ?? null,
      lastErrorAtMs: lastErrorMs ? Number(lastErrorMs) : null,
      lastSuccessAtMs: lastSuccessMs ? Number(lastSuccessMs) : null,
    };
  }
}
