import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TELEMETRY_SECTIONS } from '@wingxtra/contracts';
import { REDIS } from '../redis/redis.module.js';
import { whileStoreUp } from '../common/store-unavailable.error.js';
import { HANDOFF_STREAM_KEY } from '../relay/handoff-stream.keys.js';
import { INGEST_PACKET_LUA } from './ingest-packet.script.js';
import { LATEST_CHANGED_CHANNEL, LATEST_INDEX_KEY, latestKey, rateKey, seenKey } from './latest-state.keys.js';
import type { NormalizedPacket } from './telemetry-validator.js';

/** How many recent packet times per drone are remembered to recognise duplicates (a compact listpack). */
const DEDUP_WINDOW = 128;

export const enum RateMode {
  Skip = 0,
  /** First packet of its drone in a request: counts the request, then checks the limit. */
  CountAndCheck = 1,
  /** Later packets of the same drone in the same request: check only. */
  Check = 2,
}

export type StoreOutcome =
  | { kind: 'stored' }
  | { kind: 'out_of_order' }
  | { kind: 'duplicate'; lastSeenMs: number }
  | { kind: 'rate_limited'; retryAfterMs: number };

/** A drone's stored latest state, still as the JSON text it is kept in. */
export interface StoredLatest {
  droneId: string;
  lastSeenMs: number;
  ts: string;
  sourceIp: string | null;
  /** JSON text per section the drone has ever sent, null where it never did. */
  sections: Array<string | null>;
}

interface IngestCommands {
  wxIngestPacket(k1: string, k2: string, k3: string, ...argv: Array<string | number>): Promise<[number, number]>;
}

const STATE_FIELDS = ['seen', 'ts', 'ip', ...TELEMETRY_SECTIONS];

/** The only code that speaks Redis for latest state (and appends the history hand-off in the same requests). */
@Injectable()
export class LatestStateRepository {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    redis.defineCommand('wxIngestPacket', { numberOfKeys: 3, lua: INGEST_PACKET_LUA });
  }

  private get commands(): IngestCommands {
    return this.redis as unknown as IngestCommands;
  }

  /**
   * Round trip 1: applies each packet to its drone's state (rate limit, duplicate check, order check, merge),
   * all packets of a request pipelined together.
   */
  async applyPackets(
    items: Array<{ packet: NormalizedPacket; rateMode: RateMode }>,
    nowMs: number,
    sourceIp: string | null,
    rateLimit: number,
  ): Promise<StoreOutcome[]> {
    const ip = sourceIp ?? '';
    const replies = await whileStoreUp(Promise.all(
      items.map(({ packet: p, rateMode }) =>
        this.commands.wxIngestPacket(
          latestKey(p.droneId),
          seenKey(p.droneId),
          rateKey(p.droneId),
          p.tsMs,
          p.ts,
          nowMs,
          ip,
          rateMode,
          rateLimit,
          LATEST_CHANGED_CHANNEL,
          p.droneId,
          DEDUP_WINDOW,
          ...p.sectionFields,
        ),
      ),
    ));
    return replies.map(([outcome, detail]): StoreOutcome => {
      switch (outcome) {
        case 1:
          return { kind: 'stored' };
        case 2:
          return { kind: 'out_of_order' };
        case 0:
          return { kind: 'duplicate', lastSeenMs: detail };
        default:
          return { kind: 'rate_limited', retryAfterMs: detail };
      }
    });
  }

  /**
   * Round trip 2: hands packets on to history and keeps the index of drones in step. Duplicates are handed
   * on again (history ignores repeats) so a request cut off between the two round trips loses nothing when
   * the drone retries.
   */
  async commit(
    entries: Array<{ packet: NormalizedPacket; outcome: StoreOutcome }>,
    nowMs: number,
    sourceIp: string | null,
  ): Promise<void> {
    const ip = sourceIp ?? '';
    const now = String(nowMs);
    const ops: Array<Promise<unknown>> = [];
    for (const { packet, outcome } of entries) {
      if (outcome.kind === 'rate_limited') continue;
      ops.push(this.redis.xadd(HANDOFF_STREAM_KEY, '*', 'd', packet.droneId, 't', now, 'ip', ip, 'p', packet.json));
      if (outcome.kind === 'stored') ops.push(this.redis.zadd(LATEST_INDEX_KEY, 'GT', nowMs, packet.droneId));
      if (outcome.kind === 'duplicate' && outcome.lastSeenMs > 0) {
        ops.push(this.redis.zadd(LATEST_INDEX_KEY, 'GT', outcome.lastSeenMs, packet.droneId));
      }
    }
    await whileStoreUp(Promise.all(ops));
  }

  /** Every drone with its last-seen time, optionally only those seen at or after sinceMs: one round trip. */
  async listDrones(sinceMs?: number): Promise<Array<{ droneId: string; lastSeenMs: number }>> {
    const flat =
      sinceMs === undefined
        ? await whileStoreUp(this.redis.zrange(LATEST_INDEX_KEY, '0', '-1', 'WITHSCORES'))
        : await whileStoreUp(this.redis.zrangebyscore(LATEST_INDEX_KEY, String(sinceMs), '+inf', 'WITHSCORES'));
    const drones: Array<{ droneId: string; lastSeenMs: number }> = [];
    for (let i = 0; i < flat.length; i += 2) drones.push({ droneId: flat[i]!, lastSeenMs: Number(flat[i + 1]) });
    return drones;
  }

  /** The stored states of the given drones, pipelined in one round trip; missing ones are left out. */
  async findMany(droneIds: string[]): Promise<StoredLatest[]> {
    const pipeline = this.redis.pipeline();
    for (const id of droneIds) pipeline.hmget(latestKey(id), ...STATE_FIELDS);
    const replies = (await whileStoreUp(pipeline.exec())) ?? [];
    const found: StoredLatest[] = [];
    replies.forEach(([err, values], i) => {
      if (err) throw err;
      const [seen, ts, ip, ...sections] = values as Array<string | null>;
      if (seen === null || ts === null) return;
      found.push({ droneId: droneIds[i]!, lastSeenMs: Number(seen), ts, sourceIp: ip || null, sections });
    });
    return found;
  }

  async findOne(droneId: string): Promise<StoredLatest | null> {
    const [found] = await this.findMany([droneId]);
    return found ?? null;
  }
}
