import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { whileStoreUp } from '../common/store-unavailable.error.js';
import { REDIS } from '../redis/redis.module.js';
import { LATEST_INDEX_KEY } from '../telemetry/latest-state.keys.js';

/** When each drone's telemetry was last stored (the latest-state index), for the status derivation. */
@Injectable()
export class TelemetrySeenRepository {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Epoch ms per drone id, null for a drone never heard from; one ZMSCORE. */
  async lastSeenMs(droneIds: string[]): Promise<Array<number | null>> {
    if (droneIds.length === 0) return [];
    const scores = await whileStoreUp(this.redis.zmscore(LATEST_INDEX_KEY, ...droneIds));
    return scores.map((s) => (s === null ? null : Number(s)));
  }
}
