import { Injectable } from '@nestjs/common';
import type { HeartbeatDto } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import type { Drone, DroneHeartbeat } from '../generated/prisma/client.js';
import type { Tx } from './drones.repository.js';

/** A drone's row as a heartbeat found it, before storing it. */
export type HeartbeatBefore = Pick<Drone, 'droneId' | 'active' | 'maintenance' | 'status' | 'statusReasons' | 'heartbeatWarnings' | 'lastHeartbeatAt' | 'lastHeartbeat'>;

/** The only place that speaks Prisma (and SQL) for heartbeats. */
@Injectable()
export class HeartbeatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a heartbeat and makes it the drone's newest, in one statement (one round trip, the drone's row locked
   * for it), inside `tx` when given, else as its own transaction. Returns the drone as it was before (null when
   * not registered); a deactivated drone's heartbeat is not stored.
   */
  async record(droneId: string, hb: HeartbeatDto, warnings: string[], receivedAt: Date, tx?: Tx): Promise<HeartbeatBefore | null> {
    const rows = await (tx ?? this.prisma).$queryRaw<HeartbeatBefore[]>`
      WITH before AS (
        SELECT drone_id, active, maintenance, status, status_reasons, heartbeat_warnings, last_heartbeat_at, last_heartbeat FROM drones WHERE drone_id = ${droneId} FOR UPDATE
      ), stored AS (
        INSERT INTO drone_heartbeats (drone_id, received_at, cpu_pct, memory_pct, disk_pct, temperature_c, software_version, uptime_s, droneengage_status, warnings)
        SELECT drone_id, ${receivedAt}, ${hb.cpu_pct ?? null}, ${hb.memory_pct ?? null}, ${hb.disk_pct ?? null}, ${hb.temperature_c ?? null}, ${hb.software_version ?? null},
               ${hb.uptime_s ?? null}, ${hb.droneengage_status ?? null}, ${warnings}::text[]
        FROM before WHERE active
      ), newest AS (
        UPDATE drones d SET last_heartbeat_at = ${receivedAt}, last_heartbeat = ${JSON.stringify(hb)}::jsonb, heartbeat_warnings = ${warnings}::text[], updated_at = ${receivedAt}
        FROM before WHERE d.drone_id = before.drone_id AND before.active
      )
      SELECT drone_id AS "droneId", active, maintenance, status, status_reasons AS "statusReasons", heartbeat_warnings AS "heartbeatWarnings",
             last_heartbeat_at AS "lastHeartbeatAt", last_heartbeat AS "lastHeartbeat"
      FROM before`;
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
