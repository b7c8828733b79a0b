import { Injectable } from '@nestjs/common';
import type { AirspaceKitDto, AirspaceKitListDto, AirspaceTrackListDto, KitStatus } from '@wingxtra/contracts';
import type { AirspaceKit } from '../generated/prisma/client.js';
import { AirspaceRepository, type TrackQuery } from './airspace.repository.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toKitDto(k: AirspaceKit): AirspaceKitDto {
  return {
    kit_id: k.kitId,
    name: k.name,
    location: k.location,
    api_url: k.apiUrl,
    enabled: k.enabled,
    status: k.status as KitStatus,
    status_since: iso(k.statusSince),
    last_seen: iso(k.lastSeen),
    last_data_at: iso(k.lastDataAt),
    last_error: k.lastError,
    consecutive_failures: k.consecutiveFailures,
    current_backoff_s: k.backoffMs / 1000,
    requests: {
      total: k.totalRequests,
      ok: k.successfulRequests,
      failed: k.failedRequests,
      success_rate_pct: k.totalRequests === 0 ? 0 : Math.round((k.successfulRequests / k.totalRequests) * 1000) / 10,
    },
    detections_stored: Number(k.detectionsStored),
    polled_by: k.polledBy,
    updated_at: iso(k.updatedAt),
  };
}

/** The airspace API: traffic seen by the kits, and the kits' health. */
@Injectable()
export class AirspaceService {
  constructor(private readonly repo: AirspaceRepository) {}

  async tracks(q: TrackQuery): Promise<AirspaceTrackListDto> {
    const rows = await this.repo.latestTracks(q);
    return {
      server_time: new Date().toISOString(),
      since: q.since.toISOString(),
      count: rows.length,
      tracks: rows.map((r) => ({
        track_id: r.track_id,
        kind: r.kind,
        source: r.source,
        kit_id: r.kit_id,
        serial: r.serial,
        callsign: r.callsign,
        lat: r.lat,
        lon: r.lon,
        alt_m: r.alt_m,
        speed_mps: r.speed_mps,
        heading_deg: r.heading_deg,
        rssi_dbm: r.rssi_dbm,
        operator_id: r.operator_id,
        pilot_lat: r.pilot_lat,
        pilot_lon: r.pilot_lon,
        last_seen: r.time.toISOString(),
      })),
    };
  }

  async kits(): Promise<AirspaceKitListDto> {
    return { server_time: new Date().toISOString(), kits: (await this.repo.kits()).map(toKitDto) };
  }
}
