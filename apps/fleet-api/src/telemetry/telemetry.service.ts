import { Injectable } from '@nestjs/common';
import { MAX_TELEMETRY_BATCH, type DroneLatestDetail, type IngestResult, type PacketRejection } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { LatestStateRepository, type DronePackets, type StoreOutcome } from './latest-state.repository.js';
import { TelemetryValidator } from './telemetry-validator.js';
import type { LatestFilter } from './latest-filter.js';
import { entryJson, entryListJson, OnlineThreshold, positionOf } from './latest-entries.js';

/** What the controller sends back for one POST /api/v1/telemetry. */
export type IngestReply =
  | { status: 202; body: IngestResult }
  | { status: 400; body: { message: string; rejections: PacketRejection[] } }
  | { status: 403; body: { message: string; rejections: PacketRejection[] } }
  | { status: 413; body: { message: string } }
  | { status: 429; body: { message: string; rejections: PacketRejection[] }; retryAfterS: number };

/** Ingest and latest-state rules: validation, batch verdicts, rate limits, merge, and the latest views. */
@Injectable()
export class TelemetryService {
  private readonly validator: TelemetryValidator;
  private readonly latestCache = new Map<string, { expiresAt: number; body: Promise<Buffer> }>();

  constructor(
    private readonly config: FleetConfig,
    private readonly store: LatestStateRepository,
    private readonly metrics: MetricsService,
  ) {
    this.validator = new TelemetryValidator(config.MAX_CLOCK_SKEW_S * 1000);
  }

  /**
   * Judges each packet on its own; stores the good ones. `scope` is the drone a drone's own key may send for
   * (null: any drone, the global key): packets of other drones are refused as forbidden. Redis errors
   * propagate (the caller answers 503).
   */
  async ingest(body: unknown, sourceIp: string | null, scope: string | null = null): Promise<IngestReply> {
    const isBatch = Array.isArray(body);
    const inputs: unknown[] = isBatch ? body : [body];
    if (inputs.length > MAX_TELEMETRY_BATCH) {
      return { status: 413, body: { message: `A batch may carry at most ${MAX_TELEMETRY_BATCH} packets; this one has ${inputs.length}` } };
    }
    if (inputs.length === 0) {
      return { status: 400, body: { message: 'The batch is empty', rejections: [] } };
    }

    const nowMs = Date.now();
    const rejections: PacketRejection[] = [];
    let forbidden = 0;
    // Packets grouped by drone, each remembering its place in the request.
    const byDrone = new Map<string, DronePackets & { indexes: number[] }>();
    inputs.forEach((input, index) => {
      const verdict = this.validator.validate(input, nowMs);
      if (!verdict.ok) {
        rejections.push({ index, drone_id: verdict.droneId, reason: 'invalid', errors: verdict.errors });
        return;
      }
      const id = verdict.packet.droneId;
      if (scope !== null && id !== scope) {
        forbidden++;
        rejections.push({ index, drone_id: id, reason: 'forbidden', errors: [{ field: 'drone_id', message: `the key belongs to drone ${scope}, not ${id}` }] });
        return;
      }
      let group = byDrone.get(id);
      if (!group) byDrone.set(id, (group = { droneId: id, packets: [], indexes: [] }));
      group.packets.push(verdict.packet);
      group.indexes.push(index);
    });
    if (rejections.length > forbidden) this.metrics.ingestPackets.inc({ outcome: 'invalid' }, rejections.length - forbidden);
    if (forbidden > 0) this.metrics.ingestPackets.inc({ outcome: 'forbidden' }, forbidden);

    if (byDrone.size === 0) {
      if (forbidden > 0) {
        const others = [...new Set(rejections.filter((r) => r.reason === 'forbidden').map((r) => r.drone_id))];
        return { status: 403, body: { message: `The key of drone ${scope} may not send telemetry for ${others.join(', ')}`, rejections } };
      }
      const message = isBatch ? 'No packet of the batch is valid' : 'The packet is invalid';
      return { status: 400, body: { message, rejections } };
    }

    const groups = [...byDrone.values()];
    const { outcomes, retryAfterMs } = await this.store.applyRequest(groups, sourceIp);

    const result: IngestResult = { accepted: 0, out_of_order: 0, duplicate: 0, rejected: rejections.length, rejections };
    const counts: Record<StoreOutcome, number> = { stored: 0, out_of_order: 0, duplicate: 0, rate_limited: 0 };
    groups.forEach((group, g) =>
      group.packets.forEach((packet, p) => {
        const outcome = outcomes[g]![p]!;
        counts[outcome]++;
        if (outcome === 'stored' || outcome === 'out_of_order') result.accepted++;
        if (outcome === 'out_of_order') result.out_of_order++;
        if (outcome === 'duplicate') result.duplicate++;
        if (outcome === 'rate_limited') {
          result.rejected++;
          rejections.push({
            index: group.indexes[p]!,
            drone_id: packet.droneId,
            reason: 'rate_limited',
            errors: [{ field: 'drone_id', message: `more than ${this.config.RATE_LIMIT_RPS} requests per second` }],
          });
        }
      }),
    );
    rejections.sort((a, b) => a.index - b.index);
    for (const [outcome, n] of Object.entries(counts)) if (n > 0) this.metrics.ingestPackets.inc({ outcome }, n);

    if (result.accepted === 0 && result.duplicate === 0) {
      if (rejections.some((r) => r.reason === 'rate_limited')) {
        return {
          status: 429,
          body: { message: `Rate limit of ${this.config.RATE_LIMIT_RPS} requests per second per drone exceeded`, rejections },
          retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        };
      }
    }
    return { status: 202, body: result };
  }

  /**
   * GET /api/v1/telemetry/latest as JSON bytes: the stored documents are spliced as raw bytes, never decoded
   * or parsed (latest-entries.ts).
   */
  latestJson(filter: LatestFilter): Promise<Buffer> {
    // Maps poll every 1-3 s: queries without `since` share one build for LATEST_CACHE_MS, so a room full of
    // consoles costs Redis one MGET per interval instead of one per console.
    if (filter.sinceMs !== undefined || this.config.LATEST_CACHE_MS === 0) return this.buildLatest(filter);
    const key = filter.bbox ? filter.bbox.toString() : '';
    const nowMs = Date.now();
    const hit = this.latestCache.get(key);
    if (hit && hit.expiresAt > nowMs) return hit.body;
    for (const [k, v] of this.latestCache) if (v.expiresAt <= nowMs) this.latestCache.delete(k);
    const body = this.buildLatest(filter);
    if (this.latestCache.size < MAX_CACHED_QUERIES) this.latestCache.set(key, { expiresAt: nowMs + this.config.LATEST_CACHE_MS, body });
    body.catch(() => this.latestCache.delete(key));
    return body;
  }

  private async buildLatest(filter: LatestFilter): Promise<Buffer> {
    const nowMs = Date.now();
    let states = filter.sinceMs === undefined ? await this.store.findAll() : await this.store.findMany(await this.store.listDroneIdsSince(filter.sinceMs));
    if (filter.bbox) states = states.filter((s) => filter.bbox!.contains(positionOf(s.json)));
    const head = `{"server_time":"${new Date(nowMs).toISOString()}","count":${states.length},"drones":[`;
    return entryListJson(head, states, this.onlineThreshold(nowMs));
  }

  /** GET /api/v1/telemetry/{drone_id}/latest, or null for a drone never heard from. */
  async droneLatest(droneId: string): Promise<DroneLatestDetail | null> {
    const json = await this.store.findOne(droneId);
    if (json === null) return null;
    const doc = JSON.parse(json) as Omit<DroneLatestDetail, 'online'>;
    return { ...doc, online: this.onlineThreshold(Date.now()).isOnlineAt(Date.parse(doc.last_seen_ts)) };
  }

  /** DroneLatest JSON texts of the given drones, or of every drone (for the change stream). */
  async entriesJson(droneIds?: string[]): Promise<string[]> {
    const threshold = this.onlineThreshold(Date.now());
    const states = droneIds ? await this.store.findMany(droneIds) : await this.store.findAll();
    return states.map((s) => entryJson(s, threshold));
  }

  private onlineThreshold(nowMs: number): OnlineThreshold {
    return new OnlineThreshold(nowMs, this.config.OFFLINE_AFTER_S * 1000);
  }
}

/** Distinct bbox queries kept at once (queries with `since` are never cached). */
const MAX_CACHED_QUERIES = 64;
