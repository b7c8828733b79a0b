import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PrismaService } from '../database/prisma.service.js';
import { encodeHistoryCopy, HISTORY_COLUMNS, type HistoryRow, type SampleReadings } from './history-row.js';

/** Postgres array types of the columns, for INSERT ... SELECT FROM unnest(...). */
const COLUMN_TYPES: Record<(typeof HISTORY_COLUMNS)[number], string> = {
  drone_id: 'text', ts: 'timestamptz', received_at: 'timestamptz', schema_version: 'smallint', lat: 'float8', lon: 'float8',
  alt_m: 'float8', groundspeed_mps: 'float8', vz_mps: 'float8', yaw_deg: 'float8', roll_deg: 'float8', pitch_deg: 'float8',
  armed: 'bool', mode: 'text', voltage_v: 'float8', remaining_pct: 'float8', current_a: 'float8', mah_drawn: 'int8',
  throttle: 'float4', rssi_dbm: 'float8', source_ip: 'text',
};

const COPY_SQL = `COPY telemetry_raw (${HISTORY_COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`;

const INSERT_SQL = `INSERT INTO telemetry_raw (${HISTORY_COLUMNS.join(', ')})
  SELECT * FROM unnest(${HISTORY_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(', ')})
  ON CONFLICT (drone_id, ts) DO NOTHING`;

/** One sample of a drone's history, as the sessionizer and the metrics read it. */
export interface RawSample extends SampleReadings {
  ts: Date;
}

const SAMPLE_COLUMNS = 'ts, lat, lon, alt_m, groundspeed_mps, vz_mps, yaw_deg, roll_deg, pitch_deg, armed, mode, voltage_v, remaining_pct, current_a, mah_drawn, throttle';

/** telemetry_raw, in SQL only (a partitioned table; see prisma/schema.prisma). */
@Injectable()
export class TelemetryRawRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a batch. The usual path is one binary COPY straight into telemetry_raw (the fastest way into
   * PostgreSQL). A batch that was stored before (a redelivered job) makes COPY fail on the primary key; it is
   * then stored again through INSERT ... ON CONFLICT DO NOTHING, which skips what is there. Either way the
   * batch is one transaction. Returns rows inserted.
   */
  async insertBatch(rows: HistoryRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const payload = encodeHistoryCopy(rows);
    const client = await this.prisma.pool.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.copy(client, payload, rows.length);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === '23505') return await this.insertSkippingStored(client, rows);
          // 23514: a row was routed to the default partition just as the daily partition for its time was
          // attached (partition upkeep running alongside); routing again puts it in the new partition.
          if (code !== '23514' || attempt >= 5) throw err;
        }
      }
    } finally {
      client.release();
    }
  }

  private async copy(client: pg.PoolClient, payload: Buffer, rows: number): Promise<number> {
    await client.query('BEGIN');
    try {
      await pipeline(Readable.from([payload]), client.query(copyFrom(COPY_SQL)));
      await client.query('COMMIT');
      return rows;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async insertSkippingStored(client: pg.PoolClient, rows: HistoryRow[]): Promise<number> {
    const params = HISTORY_COLUMNS.map((c) => rows.map((r) => r[c]));
    const res = await client.query(INSERT_SQL, params);
    return res.rowCount ?? 0;
  }

  /** A drone's samples after `after` (all when null) not yet in a flight, oldest first. */
  async unsettledSamples(droneId: string, after: Date | null, limit: number): Promise<RawSample[]> {
    const { rows } = await this.prisma.pool.query<RawSample>(
      `SELECT ${SAMPLE_COLUMNS} FROM telemetry_raw WHERE drone_id = $1 AND ($2::timestamptz IS NULL OR ts > $2) AND flight_id IS NULL ORDER BY ts LIMIT $3`,
      [droneId, after, limit],
    );
    return rows;
  }

  /** The samples of one flight, oldest first. */
  async flightSamples(droneId: string, flightId: string): Promise<RawSample[]> {
    const { rows } = await this.prisma.pool.query<RawSample>(
      `SELECT ${SAMPLE_COLUMNS} FROM telemetry_raw WHERE drone_id = $1 AND flight_id = $2 ORDER BY ts`,
      [droneId, flightId],
    );
    return rows;
  }

  /** A drone's samples in a time window, oldest first (for tracks and playback). */
  async window(droneId: string, from: Date, to: Date, limit: number): Promise<RawSample[]> {
    const { rows } = await this.prisma.pool.query<RawSample>(
      `SELECT ${SAMPLE_COLUMNS} FROM telemetry_raw WHERE drone_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts LIMIT $4`,
      [droneId, from, to, limit],
    );
    return rows;
  }

  /** How many samples a drone has after `after` (all when null) up to and including `to`. */
  async countBetween(droneId: string, after: Date | null, to: Date): Promise<number> {
    const { rows } = await this.prisma.pool.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM telemetry_raw WHERE drone_id = $1 AND ($2::timestamptz IS NULL OR ts > $2) AND ts <= $3',
      [droneId, after, to],
    );
    return Number(rows[0].n);
  }

  async count(): Promise<number> {
    const { rows } = await this.prisma.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM telemetry_raw');
    return Number(rows[0].n);
  }
}
