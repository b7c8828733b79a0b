import { Injectable } from '@nestjs/common';
import type { HeartbeatDto } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma, type DroneHeartbeat } from '../generated/prisma/client.js';
import type { Tx } from './drones.repository.js';

/** The only place that speaks Prisma for heartbeats. */
@Injectable()
export class HeartbeatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async add(tx: Tx, droneId: string, hb: HeartbeatDto, warnings: string[], receivedAt: Date): Promise<void> {
    await tx.droneHeartbeat.create({
      data: {
        droneId,
        receivedAt,
        cpuPct: hb.cpu_pct ?? null,
        memoryPct: hb.memory_pct ?? null,
        diskPct: hb.disk_pct ?? null,
        temperatureC: hb.temperature_c ?? null,
        softwareVersion: hb.software_version ?? null,
        uptimeS: hb.uptime_s ?? null,
        droneengageStatus: hb.droneengage_status ?? null,
        warnings,
      },
    });
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

export const readingsJson = (hb: HeartbeatDto) => ({ ...hb }) as Prisma.InputJsonValue;
