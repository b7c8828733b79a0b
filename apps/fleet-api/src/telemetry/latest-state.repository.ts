import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TELEMETRY_SECTIONS, TELEMETRY_V2_SECTIONS } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { REDIS } from '../redis/redis.module.js';
import { whileStoreUp } from '../common/store-unavailable.error.js';
import { PreparedCommand } from '../redis/prepared-command.js';
import { HANDOFF_STREAM_KEY } from '../relay/handoff-stream.keys.js';
import { INGEST_REQUEST_LUA } from './ingest-request.script.js';
import { LATEST_CHANGED_CHANNEL, LATEST_INDEX_KEY, latestKey, stateKey } from './latest-state.keys.js';
import type { NormalizedPacket } from './telemetry-validator.js';

export type StoreOutcome = 'stored' | 'out_of_order' | 'duplicate' | 'rate_limited';

/** Separates the script's packed arguments (see ingest-request.script.ts). */
const ARG_SEPARATOR = '\x1f';

const OUTCOMES: Record<number, StoreOutcome> = { 1: 'stored', 2: 'out_of_order', 0: 'duplicate', [-1]: 'rate_limited' };

/** The packets of one drone within a request, in the order they came. */
export interface DronePackets {
  droneId: string;
  packets: NormalizedPacket[];
}

export interface RequestOutcome {
  /** Per drone group, per packet, in the order given. */
  outcomes: StoreOutcome[][];
  retryAfterMs: number;
}

/** A drone's stored document, still as raw JSON bytes. */
export interface StoredLatest {
  droneId: string;
  /** {"drone_id","last_seen_ts","telemetry","source_ip"} as UTF-8 (never decoded on the list path). */
  json: Buffer;
}

/** Positions of a drone's packets, newest reading first (stable for equal times). */
function newestFirst(packets: NormalizedPacket[]): number[] {
  return packets.map((_, i) => i).sort((x, y) => packets[y]!.tsMs - packets[x]!.tsMs || x - y);
}

/**
 * For each section any packet carries: [name, 1-based position in newest-first order of the newest packet
 * carrying it, its JSON], flattened; and the position of the newest v2 packet (0 when there is none), which
 * tells the script whether the stored state becomes v2. Repeats of a reading time within the request are
 * skipped (duplicates). The scan stops once every section a packet of the request can carry has been found.
 */
function newestCarriers(packets: NormalizedPacket[], order: number[]): { sections: Array<string | number>; v2At: number } {
  const found = new Map<string, [number, string]>();
  const most = packets.some((p) => p.schemaVersion === 2) ? TELEMETRY_V2_SECTIONS.length : TELEMETRY_SECTIONS.length;
  let v2At = 0;
  let prevTs: number | undefined;
  // A packet carrying every section of v2 is itself v2, so v2At is known whenever the scan stops early.
  for (let position = 0; position < order.length && found.size < most; position++) {
    const p = packets[order[position]!]!;
    if (p.tsMs !== prevTs) {
      if (v2At === 0 && p.schemaVersion === 2) v2At = position + 1;
      for (let f = 0; f < p.sectionFields.length; f += 2) {
        if (!found.has(p.sectionFields[f]!)) found.set(p.sectionFields[f]!, [position + 1, p.sectionFields[f + 1]!]);
      }
    }
    prevTs = p.tsMs;
  }
  return { sections: [...found].flatMap(([name, [position, json]]) => [name, position, json]), v2At };
}

/** The drones of an MGET that have a document, each with it. */
function found(droneIds: string[], docs: Array<Buffer | null>): StoredLatest[] {
  const out: StoredLatest[] = [];
  docs.forEach((json, i) => {
    if (json !== null) out.push({ droneId: droneIds[i]!, json });
  });
  return out;
}

interface IngestCommands {
  wxIngestRequest(numKeys: number, ...keysAndArgs: Array<string | number>): Promise<[number[], number[]]>;
}

interface PendingRequest {
  drones: DronePackets[];
  sourceIp: string | null;
  packets: number;
  resolve(outcome: RequestOutcome): void;
  reject(err: unknown): void;
}

/** Packets one script call may carry when requests are committed together. */
const MAX_PACKETS_PER_CALL = 1000;

/** The only code that speaks Redis for latest state; it also appends the history hand-off in the same script. */
@Injectable()
export class LatestStateRepository {
  private pending: PendingRequest[] = [];
  private flushScheduled = false;
  /** The index as findAll last read it, and the MGET of those drones' latest:{id} keys. */
  private known: { ids: string[]; mget: PreparedCommand | null } = { ids: [], mget: null };

  /** RATE_LIMIT_RPS: requests per drone per second, enforced inside the ingest script. */
  private readonly rateLimit: number;

  constructor(@Inject(REDIS) private readonly redis: Redis, config: FleetConfig) {
    redis.defineCommand('wxIngestRequest', { lua: INGEST_REQUEST_LUA });
    this.rateLimit = config.RATE_LIMIT_RPS;
  }

  /**
   * Applies a request in one atomic script: rate limits, order and duplicate checks, merge, the rendered
   * latest document, the index, the change notice and the hand-off entry. A 202 after this means every
   * accepted packet is in Redis. Requests arriving in the same event-loop turn share one script call (group
   * commit), which spares each of them the per-call cost in the client and in Redis.
   */
  applyRequest(drones: DronePackets[], sourceIp: string | null): Promise<RequestOutcome> {
    return new Promise((resolve, reject) => {
      const packets = drones.reduce((n, d) => n + d.packets.length, 0);
      this.pending.push({ drones, sourceIp, packets, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.pending.length > 0) {
      // Bounded so one call stays short for Redis (and within Lua's stack for ZADD's arguments).
      let packets = 0;
      let take = 0;
      while (take < this.pending.length && (take === 0 || packets + this.pending[take]!.packets <= MAX_PACKETS_PER_CALL)) {
        packets += this.pending[take]!.packets;
        take++;
      }
      void this.commit(this.pending.splice(0, take));
    }
  }

  private async commit(requests: PendingRequest[]): Promise<void> {
    const nowMs = Date.now();
    const keys: string[] = [HANDOFF_STREAM_KEY, LATEST_INDEX_KEY];
    const args: Array<string | number> = [nowMs, new Date(nowMs).toISOString(), this.rateLimit, LATEST_CHANGED_CHANNEL, requests.length];
    const orders = requests.map(({ drones, sourceIp }) => {
      const ip = sourceIp?.replace(/[^\w.:%-]/g, '') || null;
      args.push(JSON.stringify(ip), ip ?? '', drones.length);
      return drones.map(({ droneId, packets }) => {
        const order = newestFirst(packets);
        const { sections, v2At } = newestCarriers(packets, order);
        keys.push(stateKey(droneId), latestKey(droneId));
        args.push(droneId, packets.length, packets[order[0]!]!.ts, v2At, sections.length / 3, ...sections);
        for (const i of order) args.push(packets[i]!.tsMs, packets[i]!.json);
        return order;
      });
    });
    let reply: [number[], number[]];
    try {
      reply = await whileStoreUp(
        (this.redis as unknown as IngestCommands).wxIngestRequest(keys.length, ...keys, args.join(ARG_SEPARATOR)),
      );
    } catch (err) {
      requests.forEach((r) => r.reject(err));
      return;
    }
    const [retries, flat] = reply;
    // The script answers in newest-first order; put outcomes back in the order the packets came.
    let k = 0;
    requests.forEach((request, r) => {
      const outcomes = orders[r]!.map((order) => {
        const inOrder: StoreOutcome[] = new Array(order.length);
        for (const i of order) inOrder[i] = OUTCOMES[flat[k++]!]!;
        return inOrder;
      });
      request.resolve({ outcomes, retryAfterMs: retries[r]! });
    });
  }

  /** Ids of the drones stored at or after sinceMs, from the index (no KEYS or SCAN). */
  async listDroneIdsSince(sinceMs: number): Promise<string[]> {
    return whileStoreUp(this.redis.zrangebyscore(LATEST_INDEX_KEY, String(sinceMs), '+inf'));
  }

  /**
   * Every drone's stored document, usually in one round trip: ZCARD of the index and one MGET of the ids this
   * replica read from it before. The index only grows (an operator removing a retired drone deletes its document
   * first, docs/operations.md), and the ingest script writes a drone's document together with its index entry,
   * so the same count with every document present means the same drones. Otherwise (a new drone, or a Redis
   * that lost its data and was filled again) the ids are read again with ZRANGE. Decoding 10,000 ids on every call had been a third of GET latest's time, and
   * encoding the MGET of their keys a fifth (PreparedCommand).
   */
  async findAll(): Promise<StoredLatest[]> {
    const { ids: knownIds, mget } = this.known;
    if (mget) {
      const [count, docs] = await whileStoreUp(Promise.all([this.redis.zcard(LATEST_INDEX_KEY), mget.send<Array<Buffer | null>>(this.redis)]));
      if (count === knownIds.length && !docs.includes(null)) return docs.map((json, i) => ({ droneId: knownIds[i]!, json: json! }));
    }
    const ids = await whileStoreUp(this.redis.zrange(LATEST_INDEX_KEY, '0', '-1'));
    if (ids.length === 0) {
      this.known = { ids, mget: null };
      return [];
    }
    const fresh = new PreparedCommand('MGET', ids.map(latestKey));
    this.known = { ids, mget: fresh };
    return found(ids, await whileStoreUp(fresh.send<Array<Buffer | null>>(this.redis)));
  }

  /** The stored documents of the given drones in one MGET, as raw bytes; drones without one are left out. */
  async findMany(droneIds: string[]): Promise<StoredLatest[]> {
    if (droneIds.length === 0) return [];
    return found(droneIds, await whileStoreUp(this.redis.mgetBuffer(droneIds.map(latestKey))));
  }

  async findOne(droneId: string): Promise<string | null> {
    return whileStoreUp(this.redis.get(latestKey(droneId)));
  }
}
