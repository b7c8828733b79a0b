import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

export interface ClosedFlight {
  startMs: number;
  endMs: number;
  reason: string;
}

/** Sessionizer state and flight creation (SQL: it touches the partitioned telemetry_raw). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async state(droneId: string): Promise<{ watermark: Date | null; openFrom: Date | null; checkedTo: Date | null }> {
    const s = await this.prisma.droneSession.findUnique({ where: { droneId }, select: { watermark: true, openFrom: true, checkedTo: true } });
    return { watermark: s?.watermark ?? null, openFrom: s?.openFrom ?? null, checkedTo: s?.checkedTo ?? null };
  }

  /**
   * Creates the flight (or finds it: the same drone and start is the same flight, so a repeated run changes
   * nothing) and stamps its raw rows, in one transaction. Returns the flight id.
   */
  async closeFlight(droneId: string, f: ClosedFlight): Promise<string> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO flights (id, drone_id, start_ts, end_ts, end_reason, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now())
         ON CONFLICT (drone_id, start_ts) DO UPDATE SET end_ts = EXCLUDED.end_ts, end_reason = EXCLUDED.end_reason, updated_at = now()
         RETURNING id`,
        [droneId, new Date(f.startMs), new Date(f.endMs), f.reason],
      );
      const id = rows[0].id;
      const stamped = await client.query('UPDATE telemetry_raw SET flight_id = $1 WHERE drone_id = $2 AND ts >= $3 AND ts <= $4', [id, droneId, new Date(f.startMs), new Date(f.endMs)]);
      await client.query('UPDATE flights SET sample_count = $2 WHERE id = $1', [id, stamped.rowCount ?? 0]);
      await client.query('COMMIT');
      return id;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async settle(droneId: string, watermark: Date | null, openFrom: Date | null, checkedTo: Date | null): Promise<void> {
    await this.prisma.pool.query(
      `INSERT INTO drone_sessions (drone_id, watermark, open_from, checked_to, last_seen, updated_at) VALUES ($1, $2, $3, $4, now(), now())
       ON CONFLICT (drone_id) DO UPDATE SET watermark = GREATEST(drone_sessions.watermark, EXCLUDED.watermark), open_from = EXCLUDED.open_from,
         checked_to = GREATEST(drone_sessions.checked_to, EXCLUDED.checked_to), updated_at = now()`,
      [droneId, watermark, openFrom, checkedTo],
    );
  }

  /** Drones with a flight under way (checked even when silent: gap, idle) or heard from in the last hour. */
  async dronesToCheck(): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ drone_id: string }>(`SELECT drone_id FROM drone_sessions WHERE open_from IS NOT NULL OR last_seen > now() - interval '1 hour'`);
    return rows.map((r) => r.drone_id);
  }

  /** Flights closed over a minute ago whose metrics were never computed (their job was lost). */
  async unmeasuredFlights(): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ id: string }>(`SELECT id FROM flights WHERE computed_at IS NULL AND created_at < now() - interval '1 minute' LIMIT 500`);
    return rows.map((r) => r.id);
  }

  /** Runs fn while holding the drone's sessionizer lock, so two jobs for one drone never interleave. */
  async exclusively<T>(droneId: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('sessionize:' || $1))`, [droneId]);
      return await fn();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('sessionize:' || $1))`, [droneId]).catch(() => undefined);
      client.release();
    }
  }
}
