import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { AirspaceKit } from '../generated/prisma/client.js';
import type { HealthSnapshot } from './kit-health.js';
import type { KitConfig } from './kits-config.js';
import type { SignalRow, SystemHealthRow, TrackRow } from './normalize.js';

type Columns<R> = Array<[keyof R & string, string]>;

const TRACK_COLUMNS: Columns<TrackRow> = [
  ['time', 'timestamptz'], ['kit_id', 'text'], ['track_id', 'text'], ['kind', 'text'], ['source', 'text'], ['serial', 'text'],
  ['callsign', 'text'], ['lat', 'float8'], ['lon', 'float8'], ['alt_m', 'float8'], ['height_m', 'float8'], ['speed_mps', 'float8'],
  ['vspeed_mps', 'float8'], ['heading_deg', 'float8'], ['rssi_dbm', 'float8'], ['freq_mhz', 'float8'], ['mac', 'text'],
  ['ua_type', 'text'], ['operator_id', 'text'], ['caa_id', 'text'], ['pilot_lat', 'float8'], ['pilot_lon', 'float8'],
  ['home_lat', 'float8'], ['home_lon', 'float8'], ['rid_make', 'text'], ['rid_model', 'text'], ['squawk', 'text'], ['on_ground', 'bool'],
];
const SIGNAL_COLUMNS: Columns<SignalRow> = [
  ['time', 'timestamptz'], ['kit_id', 'text'], ['signal_id', 'text'], ['detection_type', 'text'], ['source', 'text'],
  ['freq_mhz', 'float8'], ['bandwidth_mhz', 'float8'], ['power_dbm', 'float8'], ['lat', 'float8'], ['lon', 'float8'], ['alt_m', 'float8'],
];
const HEALTH_COLUMNS: Columns<SystemHealthRow> = [
  ['time', 'timestamptz'], ['kit_id', 'text'], ['lat', 'float8'], ['lon', 'float8'], ['alt_m', 'float8'], ['gps_fix', 'bool'],
  ['cpu_percent', 'float8'], ['memory_percent', 'float8'], ['disk_percent', 'float8'], ['uptime_hours', 'float8'],
  ['temp_cpu_c', 'float8'], ['temp_gpu_c', 'float8'], ['temp_sdr_c', 'float8'],
];

/** One statement for a whole batch: INSERT ... SELECT FROM unnest(one array per column), duplicates skipped. */
function insertSql<R>(table: string, columns: Columns<R>, conflict: string): string {
  const names = columns.map(([c]) => c);
  return `INSERT INTO ${table} (received_at, ${names.join(', ')})
    SELECT $1::timestamptz, * FROM unnest(${columns.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})
    ON CONFLICT (${conflict}) DO NOTHING`;
}

const TRACKS_SQL = insertSql('airspace_tracks', TRACK_COLUMNS, 'time, kit_id, track_id');
const SIGNALS_SQL = insertSql('airspace_signals', SIGNAL_COLUMNS, 'time, kit_id, signal_id');
const HEALTH_SQL = insertSql('airspace_system_health', HEALTH_COLUMNS, 'time, kit_id');

/** The latest report of one track, as the tracks API reads it. */
export interface LatestTrack {
  track_id: string;
  kind: 'drone' | 'aircraft';
  source: string | null;
  kit_id: string;
  serial: string | null;
  callsign: string | null;
  lat: number;
  lon: number;
  alt_m: number | null;
  speed_mps: number | null;
  heading_deg: number | null;
  rssi_dbm: number | null;
  operator_id: string | null;
  pilot_lat: number | null;
  pilot_lon: number | null;
  time: Date;
}

export interface TrackQuery {
  since: Date;
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  limit: number;
}

/** The airspace tables: kits through Prisma, the partitioned detection tables through SQL. */
@Injectable()
export class AirspaceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Each stores a poll round's rows in one statement and returns how many were new (repeats are skipped). */
  insertTracks(receivedAt: Date, rows: TrackRow[]): Promise<number> {
    return this.insert(TRACKS_SQL, TRACK_COLUMNS, receivedAt, rows);
  }

  insertSignals(receivedAt: Date, rows: SignalRow[]): Promise<number> {
    return this.insert(SIGNALS_SQL, SIGNAL_COLUMNS, receivedAt, rows);
  }

  insertSystemHealth(receivedAt: Date, row: SystemHealthRow): Promise<number> {
    return this.insert(HEALTH_SQL, HEALTH_COLUMNS, receivedAt, [row]);
  }

  private async insert<R>(sql: string, columns: Columns<R>, receivedAt: Date, rows: R[]): Promise<number> {
    if (rows.length === 0) return 0;
    const params = [receivedAt, ...columns.map(([c]) => rows.map((r) => r[c as keyof R]))];
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.prisma.pool.query(sql, params)).rowCount ?? 0;
      } catch (err) {
        // 23514: a row routed to the default partition just as partition upkeep attached its day; route again.
        if ((err as { code?: string }).code !== '23514' || attempt >= 5) throw err;
      }
    }
  }

  /**
   * The latest report with a position of every track seen since `since`, whichever kit saw it, then kept when
   * that position lies in the box (so a track that left the box is not shown at an old position inside it).
   */
  async latestTracks(q: TrackQuery): Promise<LatestTrack[]> {
    const params: unknown[] = [q.since, q.limit];
    let box = '';
    if (q.bbox) {
      params.push(q.bbox.minLat, q.bbox.maxLat, q.bbox.minLon, q.bbox.maxLon);
      box = `WHERE lat BETWEEN $3::float8 AND $4::float8 AND (CASE WHEN $5::float8 <= $6::float8 THEN lon BETWEEN $5::float8 AND $6::float8 ELSE lon >= $5::float8 OR lon <= $6::float8 END)`;
    }
    const { rows } = await this.prisma.pool.query<LatestTrack>(
      `SELECT * FROM (
         SELECT DISTINCT ON (track_id) track_id, kind, source, kit_id, serial, callsign, lat, lon, alt_m, speed_mps, heading_deg,
                rssi_dbm, operator_id, pilot_lat, pilot_lon, time
         FROM airspace_tracks WHERE time >= $1 AND lat IS NOT NULL AND lon IS NOT NULL
         ORDER BY track_id, time DESC, received_at DESC
       ) latest ${box}
       ORDER BY time DESC LIMIT $2`,
      params,
    );
    return rows;
  }

  /** Writes the configured kits (name, URL, location, enabled), keeping their health; new kits start unknown. */
  async syncKits(kits: KitConfig[]): Promise<void> {
    for (const k of kits) {
      const fields = { name: k.name, apiUrl: k.apiUrl, location: k.location, enabled: k.enabled };
      await this.prisma.airspaceKit.upsert({ where: { kitId: k.id }, create: { kitId: k.id, ...fields }, update: fields });
    }
  }

  async kits(): Promise<AirspaceKit[]> {
    return this.prisma.airspaceKit.findMany({ orderBy: { kitId: 'asc' } });
  }

  async kit(kitId: string): Promise<AirspaceKit | null> {
    return this.prisma.airspaceKit.findUnique({ where: { kitId } });
  }

  /** The kit's health after a round (and the detections it stored), by the replica polling it. */
  async saveHealth(kitId: string, h: HealthSnapshot, polledBy: string | null, detectionsAdded: number): Promise<void> {
    await this.prisma.airspaceKit.update({
      where: { kitId },
      data: {
        status: h.status,
        statusSince: h.statusSince,
        lastSeen: h.lastSeen,
        lastDataAt: h.lastDataAt,
        lastError: h.lastError?.slice(0, 500) ?? null,
        consecutiveFailures: h.consecutiveFailures,
        backoffMs: Math.round(h.backoffMs),
        totalRequests: h.totalRequests,
        successfulRequests: h.successfulRequests,
        failedRequests: h.failedRequests,
        polledBy,
        ...(detectionsAdded > 0 ? { detectionsStored: { increment: detectionsAdded } } : {}),
      },
    });
  }

  /** Clears polled_by when this process stops polling the kit (unless another has taken it since). */
  async releaseKit(kitId: string, polledBy: string): Promise<void> {
    await this.prisma.airspaceKit.updateMany({ where: { kitId, polledBy }, data: { polledBy: null } });
  }

  async count(table: 'airspace_tracks' | 'airspace_signals' | 'airspace_system_health', kitId?: string): Promise<number> {
    const { rows } = await this.prisma.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}${kitId ? ' WHERE kit_id = $1' : ''}`, kitId ? [kitId] : []);
    return Number(rows[0].n);
  }
}
