import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DroneHistoryDto, FlightDetailDto, FlightListDto, FlightSummaryDto, FlightTrackGeoJson, LeaderboardDto } from '@wingxtra/contracts';
import { computeFlightMetrics, FLIGHT_METRICS_VERSION } from '../flights/flight-metrics.js';
import type { Flight } from '../generated/prisma/client.js';
import { TelemetryRawRepository } from '../history/telemetry-raw.repository.js';
import { toTelemetrySample } from '../sessions/raw-sample.mapper.js';
import { METRICS_QUEUE, type FlightMetricsJob } from '../sessions/session-queue.js';
import { downsample } from './downsample.js';
import { FlightsRepository, LEADERBOARD_METRICS, type LeaderboardMetric } from './flights.repository.js';
import { withinMs } from '@wingxtra/service-kit';
import { HttpError } from './http-error.js';
import { OrderLinkService } from './order-link.service.js';

/** Metrics where less is better: their leaderboards rank ascending unless asked otherwise. */
const LOWER_IS_BETTER = new Set<LeaderboardMetric>(['wh_per_km', 'wh_used', 'mah_used', 'battery_pct_used']);
/** Most samples one history request reads (about 80 minutes at 200 Hz). */
const HISTORY_READ_LIMIT = 1_000_000;

export function toSummary(f: Flight): FlightSummaryDto {
  return {
    id: f.id,
    drone_id: f.droneId,
    start_ts: f.startTs.toISOString(),
    end_ts: f.endTs.toISOString(),
    end_reason: f.endReason,
    order_id: f.orderId,
    sample_count: f.sampleCount,
    duration_s: f.durationS,
    distance_m: f.distanceM,
    max_alt_m: f.maxAltM,
    mah_used: f.mahUsed,
    wh_used: f.whUsed,
    wh_per_km: f.whPerKm,
    min_voltage_v: f.minVoltageV,
    max_current_a: f.maxCurrentA,
    battery_pct_used: f.batteryPctUsed,
    computed_at: f.computedAt?.toISOString() ?? null,
  };
}

/** Late samples changed a flight while its metrics were computed from what it had been. */
export class FlightChangedError extends Error {
  constructor(flightId: string) {
    super(`flight ${flightId} changed while its metrics were computed; computing them again`);
    this.name = 'FlightChangedError';
  }
}

/** Flights, their metrics and tracks, and drone history for playback. */
@Injectable()
export class FlightsService {
  constructor(
    private readonly flights: FlightsRepository,
    private readonly raw: TelemetryRawRepository,
    private readonly orders: OrderLinkService,
    @InjectQueue(METRICS_QUEUE) private readonly metricsQueue: Queue<FlightMetricsJob>,
  ) {}

  private async flight(id: string): Promise<Flight> {
    const f = await this.flights.find(id);
    if (!f) throw new HttpError(404, `Flight ${id} not found`);
    return f;
  }

  /**
   * Computes and stores a flight's metrics: every figure in computed_metrics, the headline ones in columns
   * for leaderboards, and the delivery it flew when delivery-service knows one. Idempotent: recomputing
   * overwrites with the same answer. Throws FlightChangedError, storing nothing, when late samples changed the
   * flight while it was being measured (the job is retried and measures it as it is then).
   */
  async computeMetrics(id: string): Promise<Flight> {
    const f = await this.flight(id);
    const samples = (await this.raw.flightSamples(f.droneId, f.id)).map(toTelemetrySample);
    const m = computeFlightMetrics(samples);
    const orderId = f.orderId ?? (await this.orders.orderFor(f.droneId, f.startTs, f.endTs));
    const saved = await this.flights.saveMetricsIfUnchanged(f, {
      orderId,
      computedMetrics: m as never,
      metricsVersion: FLIGHT_METRICS_VERSION,
      computedAt: new Date(),
      sampleCount: m.sample_count,
      durationS: m.duration_s,
      distanceM: m.distance_m,
      maxAltM: m.max_alt_m,
      mahUsed: m.mah_used,
      whUsed: m.wh_used,
      whPerKm: m.wh_per_km,
      minVoltageV: m.min_voltage_v,
      maxCurrentA: m.max_current_a,
      batteryPctUsed: m.battery_pct_used,
    });
    if (!saved) throw new FlightChangedError(id);
    return this.flight(id);
  }

  async requestRecompute(id: string): Promise<{ flight_id: string; queued: boolean }> {
    await this.flight(id);
    // A distinct id per request: a recompute asked for while one is queued still runs after it.
    await withinMs(this.metricsQueue.add('compute', { flight_id: id }, { jobId: `recompute-${id}-${Date.now()}`, removeOnComplete: true, removeOnFail: 1000, attempts: 3 }), 2000).catch((err: Error) => {
      throw new HttpError(503, `The job queue is unavailable; retry shortly (${err.message})`);
    });
    return { flight_id: id, queued: true };
  }

  async list(droneId: string, before: string | undefined, limit: number): Promise<FlightListDto> {
    const rows = await this.flights.byDrone(droneId, before ? new Date(before) : undefined, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(toSummary), next_before: rows.length > limit ? page[page.length - 1].startTs.toISOString() : null };
  }

  async detail(id: string, points: number): Promise<FlightDetailDto> {
    const f = await this.flight(id);
    const dto: FlightDetailDto = { ...toSummary(f), computed_metrics: (f.computedMetrics as Record<string, unknown> | null) ?? null, metrics_version: f.metricsVersion };
    if (points > 0) dto.points = downsample(await this.raw.flightSamples(f.droneId, f.id), points);
    return dto;
  }

  async track(id: string, maxPoints: number): Promise<FlightTrackGeoJson> {
    const f = await this.flight(id);
    const samples = (await this.raw.flightSamples(f.droneId, f.id)).filter((s) => s.lat !== null && s.lon !== null);
    const coordinates = downsample(samples, maxPoints).map((p) => [p[2]!, p[1]!, p[3] ?? 0] as [number, number, number]);
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { flight_id: f.id, drone_id: f.droneId, start_ts: f.startTs.toISOString(), end_ts: f.endTs.toISOString(), point_count: coordinates.length },
    };
  }

  async leaderboard(metric: string, order: 'asc' | 'desc' | undefined, since: string | undefined, limit: number): Promise<LeaderboardDto> {
    if (!(LEADERBOARD_METRICS as readonly string[]).includes(metric)) throw new HttpError(400, `metric must be one of ${LEADERBOARD_METRICS.join(', ')}`);
    const m = metric as LeaderboardMetric;
    const direction = order ?? (LOWER_IS_BETTER.has(m) ? 'asc' : 'desc');
    return { metric: m, order: direction, items: await this.flights.leaderboard(m, since ? new Date(since) : undefined, direction, limit) };
  }

  async history(droneId: string, from: string, to: string, points: number): Promise<DroneHistoryDto> {
    const fromDate = new Date(from);
    const toDate = new Date(to);
    if (!(fromDate < toDate)) throw new HttpError(400, 'from must be before to');
    const samples = await this.raw.window(droneId, fromDate, toDate, HISTORY_READ_LIMIT);
    return { drone_id: droneId, from: fromDate.toISOString(), to: toDate.toISOString(), sample_count: samples.length, points: downsample(samples, points) };
  }
}
