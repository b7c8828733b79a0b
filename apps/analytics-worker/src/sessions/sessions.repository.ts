import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

export interface SessionState {
  /** Everything up to here is settled (in a flight or between flights). */
  watermark: Date | null;
  openFrom: Date | null;
  checkedTo: Date | null;
  lateFrom: Date | null;
  lateSeq: number;
  recutFrom: Date | null;
}

export interface ClosedFlight {
  startMs: number;
  endMs: number;
  reason: string;
}

/** Sessionizer state and flight creation (SQL: it touches the partitioned telemetry_raw). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async state(droneId: string): Promise<SessionState> {
    const s = await this.prisma.droneSession.findUnique({ where: { droneId }, select: { watermark: true, openFrom: true, checkedTo: true, lateFrom: true, lateSeq: true, recutFrom: true } });
    return { watermark: s?.watermark ?? null, openFrom: s?.openFrom ?? null, checkedTo: s?.checkedTo ?? null, lateFrom: s?.lateFrom ?? null, lateSeq: s?.lateSeq ?? 0, recutFrom: s?.recutFrom ?? null };
  }

  /**
   * After a batch is stored: records each drone's newest receive time (last_seen, read by the sweep) for the
   * drones given, creating their row on first sight.
   */
  async noteLastSeen(droneIds: string[], lastSeen: string[]): Promise<void> {
    await this.prisma.pool.query(
      `INSERT INTO drone_sessions (drone_id, last_seen, updated_at) SELECT d, s, now() FROM unnest($1::text[], $2::timestamptz[]) AS t(d, s)
       ON CONFLICT (drone_id) DO UPDATE SET last_seen = GREATEST(drone_sessions.last_seen, EXCLUDED.last_seen), updated_at = now()`,
      [droneIds, lastSeen],
    );
  }

  /**
   * After a batch is stored: marks as late the drones whose batch holds samples at or before what their
   * sessionizer has already read (a late or re-ordered batch), so its next run re-cuts from there. Returns
   * the drones marked.
   */
  async markLateWhereRead(droneIds: string[], earliest: Date[]): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ drone_id: string }>(
      `UPDATE drone_sessions s SET late_from = LEAST(s.late_from, t.m), late_seq = s.late_seq + 1, updated_at = now()
       FROM unnest($1::text[], $2::timestamptz[]) AS t(d, m)
       WHERE s.drone_id = t.d AND t.m <= GREATEST(s.watermark, s.checked_to)
       RETURNING s.drone_id`,
      [droneIds, earliest],
    );
    return rows.map((r) => r.drone_id);
  }

  /** Marks a drone's history from `from` on as needing a re-cut (samples arrived while a run was reading). */
  async markLate(droneId: string, from: Date): Promise<void> {
    await this.prisma.pool.query(`UPDATE drone_sessions SET late_from = LEAST(late_from, $2), late_seq = late_seq + 1, updated_at = now() WHERE drone_id = $1`, [droneId, from]);
  }

  /**
   * Rewinds a drone's sessionizer to re-cut its flights with late samples: the flights that end at or after
   * `lateFrom - marginMs` give their samples back, and reading restarts at the earliest of their starts,
   * `lateFrom` and the open flight's start. The flight rows stay: re-cutting a flight with the same start
   * finds it again (same id); those left without samples when the re-cut is done are deleted
   * (dropVanishedFlights). Clears the late mark unless a newer one came meanwhile. Returns the restart time.
   */
  async rewind(droneId: string, state: SessionState, marginMs: number): Promise<Date> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      const lateFrom = state.lateFrom!;
      const { rows } = await client.query<{ id: string; start_ts: Date }>(`SELECT id, start_ts FROM flights WHERE drone_id = $1 AND end_ts >= $2`, [droneId, new Date(lateFrom.getTime() - marginMs)]);
      const restart = new Date(Math.min(lateFrom.getTime(), ...rows.map((r) => r.start_ts.getTime()), state.openFrom?.getTime() ?? Infinity));
      if (rows.length > 0) {
        await client.query('UPDATE telemetry_raw SET flight_id = NULL WHERE drone_id = $1 AND ts >= $2 AND flight_id = ANY($3::uuid[])', [droneId, restart, rows.map((r) => r.id)]);
      }
      await client.query(
        `UPDATE drone_sessions SET watermark = $2, open_from = NULL, checked_to = NULL, recut_from = LEAST(recut_from, $3),
           late_from = CASE WHEN late_seq = $4 THEN NULL ELSE late_from END, updated_at = now()
         WHERE drone_id = $1`,
        [droneId, new Date(restart.getTime() - 1), restart, state.lateSeq],
      );
      await client.query('COMMIT');
      return restart;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Ends a re-cut: deletes the drone's flights from `from` on that no sample belongs to any more (merged into
   * another by the late samples; every flight the sessionizer closes owns its samples). Returns their ids.
   */
  async dropVanishedFlights(droneId: string, from: Date): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `WITH gone AS (
         DELETE FROM flights f WHERE f.drone_id = $1 AND f.start_ts >= $2
           AND NOT EXISTS (SELECT 1 FROM telemetry_raw r WHERE r.drone_id = $1 AND r.ts >= f.start_ts AND r.ts <= f.end_ts AND r.flight_id = f.id)
         RETURNING f.id)
       SELECT id FROM gone`,
      [droneId, from],
    );
    await this.prisma.pool.query('UPDATE drone_sessions SET recut_from = NULL, updated_at = now() WHERE drone_id = $1', [droneId]);
    return rows.map((r) => r.id);
  }

  /**
   * Creates the flight (or finds it: the same drone and start is the same flight, so a repeated run changes
   * nothing) and stamps its raw rows, in one transaction. Returns the flight id. When late samples change an
   * existing flight (its end, end reason or sample count), its metrics describe what it was: computed_at becomes
   * null until the metrics job the caller queues has recomputed them, so no reader takes them for current.
   */
  async closeFlight(droneId: string, f: ClosedFlight): Promise<string> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO flights (id, drone_id, start_ts, end_ts, end_reason, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now())
         ON CONFLICT (drone_id, start_ts) DO UPDATE SET end_ts = EXCLUDED.end_ts, end_reason = EXCLUDED.end_reason, updated_at = now(),
           computed_at = CASE WHEN flights.end_ts = EXCLUDED.end_ts AND flights.end_reason = EXCLUDED.end_reason THEN flights.computed_at END
         RETURNING id`,
        [droneId, new Date(f.startMs), new Date(f.endMs), f.reason],
      );
      const id = rows[0].id;
      const stamped = await client.query('UPDATE telemetry_raw SET flight_id = $1 WHERE drone_id = $2 AND ts >= $3 AND ts <= $4', [id, droneId, new Date(f.startMs), new Date(f.endMs)]);
      await client.query('UPDATE flights SET sample_count = $2, computed_at = CASE WHEN sample_count = $2 THEN computed_at END WHERE id = $1', [id, stamped.rowCount ?? 0]);
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
