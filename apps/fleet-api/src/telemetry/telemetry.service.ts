import { Injectable } from '@nestjs/common';
import { MAX_TELEMETRY_BATCH, TELEMETRY_SECTIONS, type IngestResult, type PacketRejection } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { LatestStateRepository, RateMode, type StoredLatest } from './latest-state.repository.js';
import { TelemetryValidator, type NormalizedPacket } from './telemetry-validator.js';
import type { LatestFilter } from './latest-filter.js';

/** What the controller sends back for one POST /api/v1/telemetry. */
export type IngestReply =
  | { status: 202; body: IngestResult }
  | { status: 400; body: { message: string; rejections: PacketRejection[] } }
  | { status: 413; body: { message: string } }
  | { status: 429; body: { message: string; rejections: PacketRejection[] }; retryAfterS: number };

/** Ingest and latest-state rules: validation, batch verdicts, rate limits, merge, and the latest views. */
@Injectable()
export class TelemetryService {
  private readonly validator: TelemetryValidator;

  constructor(
    private readonly config: FleetConfig,
    private readonly store: LatestStateRepository,
    private readonly metrics: MetricsService,
  ) {
    this.validator = new TelemetryValidator(config.MAX_CLOCK_SKEW_S * 1000);
  }

  /** Judges each packet on its own; stores the good ones. Redis errors propagate (the caller answers 503). */
  async ingest(body: unknown, sourceIp: string | null): Promise<IngestReply> {
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
    const valid: Array<{ index: number; packet: NormalizedPacket; rateMode: RateMode }> = [];
    const dronesCounted = new Set<string>();
    inputs.forEach((input, index) => {
      const verdict = this.validator.validate(input, nowMs);
      if (!verdict.ok) {
        rejections.push({ index, drone_id: verdict.droneId, reason: 'invalid', errors: verdict.errors });
        return;
      }
      const first = !dronesCounted.has(verdict.packet.droneId);
      dronesCounted.add(verdict.packet.droneId);
      valid.push({ index, packet: verdict.packet, rateMode: first ? RateMode.CountAndCheck : RateMode.Check });
    });
    this.metrics.ingestPackets.inc({ outcome: 'invalid' }, rejections.length);

    if (valid.length === 0) {
      const message = isBatch ? 'No packet of the batch is valid' : 'The packet is invalid';
      return { status: 400, body: { message, rejections } };
    }

    const outcomes = await this.store.applyPackets(valid, nowMs, sourceIp, this.config.RATE_LIMIT_RPS);
    await this.store.commit(
      valid.map((v, i) => ({ packet: v.packet, outcome: outcomes[i]! })),
      nowMs,
      sourceIp,
    );

    const result: IngestResult = { accepted: 0, out_of_order: 0, duplicate: 0, rejected: rejections.length, rejections };
    let retryAfterMs = 0;
    outcomes.forEach((outcome, i) => {
      this.metrics.ingestPackets.inc({ outcome: outcome.kind });
      switch (outcome.kind) {
        case 'stored':
          result.accepted++;
          break;
        case 'out_of_order':
          result.accepted++;
          result.out_of_order++;
          break;
        case 'duplicate':
          result.duplicate++;
          break;
        case 'rate_limited': {
          const { index, packet } = valid[i]!;
          retryAfterMs = Math.max(retryAfterMs, outcome.retryAfterMs);
          result.rejected++;
          rejections.push({
            index,
            drone_id: packet.droneId,
            reason: 'rate_limited',
            errors: [{ field: 'drone_id', message: `more than ${this.config.RATE_LIMIT_RPS} requests per second` }],
          });
        }
      }
    });
    rejections.sort((a, b) => a.index - b.index);

    if (result.accepted === 0 && result.duplicate === 0) {
      const onlyRateLimited = rejections.some((r) => r.reason === 'rate_limited');
      if (onlyRateLimited) {
        return {
          status: 429,
          body: { message: `Rate limit of ${this.config.RATE_LIMIT_RPS} requests per second per drone exceeded`, rejections },
          retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        };
      }
    }
    return { status: 202, body: result };
  }

  /** GET /api/v1/telemetry/latest as JSON text: built from stored JSON without parsing it (fast at 10k drones). */
  async latestJson(filter: LatestFilter): Promise<string> {
    const nowMs = Date.now();
    const listed = await this.store.listDrones(filter.sinceMs);
    let states = await this.store.findMany(listed.map((d) => d.droneId));
    if (filter.bbox) states = states.filter((s) => filter.bbox!.contains(positionOf(s)));
    const entries = states.map((s) => this.entryJson(s, nowMs));
    return `{"server_time":"${new Date(nowMs).toISOString()}","count":${entries.length},"drones":[${entries.join(',')}]}`;
  }

  /** GET /api/v1/telemetry/{drone_id}/latest as JSON text, or null for a drone never heard from. */
  async droneLatestJson(droneId: string): Promise<string | null> {
    const state = await this.store.findOne(droneId);
    if (!state) return null;
    const entry = this.entryJson(state, Date.now());
    return `${entry.slice(0, -1)},"source_ip":${JSON.stringify(state.sourceIp)}}`;
  }

  /** Ids of every drone with a stored state. */
  async droneIds(): Promise<string[]> {
    return (await this.store.listDrones()).map((d) => d.droneId);
  }

  /** The latest states of some drones as DroneLatest JSON texts (for the change stream). */
  async entriesJson(droneIds: string[]): Promise<Array<{ droneId: string; json: string }>> {
    const nowMs = Date.now();
    const states = await this.store.findMany(droneIds);
    return states.map((s) => ({ droneId: s.droneId, json: this.entryJson(s, nowMs) }));
  }

  /** One DroneLatest object. drone_id and ts were checked against their patterns, so they need no escaping. */
  private entryJson(s: StoredLatest, nowMs: number): string {
    let telemetry = `{"schema_version":1,"drone_id":"${s.droneId}","ts":"${s.ts}"`;
    TELEMETRY_SECTIONS.forEach((name, i) => {
      const section = s.sections[i];
      if (section) telemetry += `,"${name}":${section}`;
    });
    const online = nowMs - s.lastSeenMs <= this.config.OFFLINE_AFTER_S * 1000;
    return `{"drone_id":"${s.droneId}","last_seen_ts":"${new Date(s.lastSeenMs).toISOString()}","online":${online},"telemetry":${telemetry}}}`;
  }
}

function positionOf(s: StoredLatest): { lat: number; lon: number } | null {
  const json = s.sections[TELEMETRY_SECTIONS.indexOf('position')];
  return json ? (JSON.parse(json) as { lat: number; lon: number }) : null;
}
