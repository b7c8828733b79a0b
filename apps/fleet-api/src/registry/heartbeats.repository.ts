import { Injectable } from '@nestjs/common';
import type { HeartbeatDto } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import type { DroneHeartbeat } from '../generated/prisma/client.js';

/** A drone's row as a heartbeat found it (snake_case: read straight from SQL). */
export interface HeartbeatBefore {
  drone_id: string;
  active: boolean;
  maintenance: boolean;
  status: string;
  status_reasons: string[];
  heartbeat_warnings: string[];
  last_heartbeat: HeartbeatDto | null;
}

/** The only place that speaks Prisma (and SQL) for heartbeats. */
@Injectable()
export class HeartbeatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a heartbeat and makes it the drone's newest, in one statement (one round trip, its own transaction,
   * the drone's row locked for it): the path every companion computer takes every few seconds. Returns the
   * drone as it was before (null when not registered); a deactivated drone's heartbeat is not stored.
   */
  async record(droneId: string, hb: HeartbeatDto, warnings: string[], receivedAt: Date): Promise<HeartbeatBefore | null> {
    const { rows } = await this.prisma.pool.query<HeartbeatBefore>(
      `WITH before AS (
         SELECT drone_id, active, maintenance, status, status_reasons, heartbeat_warnings, last_heartbeat FROM drones WHERE drone_id = $1 FOR UPDATE
       ), stored AS (
         INSERT INTO drone_heartbeats (drone_id, received_at, cpu_pct, memory_pct, disk_pct, temperature_c, software_version, uptime_s, droneengage_status, warnings)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[] FROM before WHERE before.active
       ), newest AS (
         UPDATE drones d SET last_heartbeat_at = $2, last_heartbeat = $11::jsonb, heartbeat_warnings = $10::text[], updated_at = $2
         FROM before WHERE d.drone_id = before.drone_id AND before.active
       )
       SELECT drone_id, active, maintenance, status, status_reasons, heartbeat_warnings, last_heartbeat FROM before`,
      [droneId, receivedAt, hb.cpu_pct ?? null, hb.memory_pct ?? null, hb.disk_pct ?? null, hb.temperature_c ?? null, hb.software_version ?? null, hb.uptime_s ?? null, hb.droneengage_status ?? null, warnings, JSON.stringify(hb)],
    );
    return rows[0] ?? null;
  }

  /** Deletes up to `batch` heartbeats received before `before`; returns how many. */
  async pruneBatch(before: Date, batch: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM drone_heartbeats WHERE id IN (SELECT id FROM drone_heartbeats WHERE received_at < ${before} ORDER BY received_at LIMIT ${batch})`;
  }

  /** A drone's heartbeats received before the one with id `beforeId` (all when undefined), newest first. */
  list(droneId: string, f: { beforeId?: bigint; limit: number }): Promise<DroneHeartbeat[]> {
    return this.prisma.droneHeartbeat.findMany({
      where: { droneId, ...(f.beforeId !== undefined ? { id: { lt: f.beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take: f.limit,
    });
  }

  count(droneId: string): Promise<number> {
    return this.prisma.droneHeartbeat.count({ where: { droneId } });
  }
}

