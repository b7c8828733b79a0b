import { Injectable } from '@nestjs/common';
import type { DroneEventType, DroneStatus, EventSeverity } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma, type Drone, type DroneEvent, type DroneKey } from '../generated/prisma/client.js';
import { keySets, type DroneKeySet } from './drone-keys.repository.js';

export type Tx = Prisma.TransactionClient;

export interface NewEvent {
  droneId: string;
  type: DroneEventType;
  severity: EventSeverity;
  message: string;
  details?: Record<string, unknown>;
}

export interface DroneFilter {
  status?: DroneStatus;
  type?: string;
  q?: string;
  includeInactive: boolean;
  afterId?: string;
  limit: number;
}

/** The only place that speaks Prisma for drones, their keys and their events. */
@Injectable()
export class DronesRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  find(droneId: string, tx: Tx | PrismaService = this.prisma): Promise<Drone | null> {
    return tx.drone.findUnique({ where: { droneId } });
  }

  create(tx: Tx, data: Prisma.DroneUncheckedCreateInput): Promise<Drone> {
    return tx.drone.create({ data });
  }

  update(tx: Tx, droneId: string, data: Prisma.DroneUncheckedUpdateInput): Promise<Drone> {
    return tx.drone.update({ where: { droneId }, data });
  }

  /** Sets a derived status only if it is still `from` (so concurrent derivations write one change, one event). */
  async changeStatus(tx: Tx, droneId: string, from: string, to: DroneStatus, reasons: string[]): Promise<boolean> {
    const { count } = await tx.drone.updateMany({ where: { droneId, status: from }, data: { status: to, statusReasons: reasons, statusChangedAt: new Date() } });
    return count === 1;
  }

  /** Keeps the reasons of an unchanged status current. */
  async refreshReasons(droneId: string, status: string, reasons: string[], tx: Tx | PrismaService = this.prisma): Promise<void> {
    await tx.drone.updateMany({ where: { droneId, status }, data: { statusReasons: reasons } });
  }

  list(f: DroneFilter): Promise<Drone[]> {
    const where: Prisma.DroneWhereInput = {
      ...(f.includeInactive ? {} : { active: true }),
      ...(f.status ? { status: f.status } : {}),
      ...(f.type ? { type: f.type } : {}),
      ...(f.afterId ? { droneId: { gt: f.afterId } } : {}),
      ...(f.q
        ? { OR: [{ droneId: { contains: f.q, mode: 'insensitive' } }, { name: { contains: f.q, mode: 'insensitive' } }, { notes: { contains: f.q, mode: 'insensitive' } }] }
        : {}),
    };
    return this.prisma.drone.findMany({ where, orderBy: { droneId: 'asc' }, take: f.limit });
  }

  /** Active drones with what the status derivation needs. */
  activeDrones(): Promise<Array<Pick<Drone, 'droneId' | 'maintenance' | 'status' | 'statusReasons' | 'lastHeartbeatAt' | 'lastHeartbeat'>>> {
    return this.prisma.drone.findMany({
      where: { active: true },
      select: { droneId: true, maintenance: true, status: true, statusReasons: true, lastHeartbeatAt: true, lastHeartbeat: true },
    });
  }

  countByStatus(): Promise<Array<{ status: string; n: number }>> {
    return this.prisma.$queryRaw`SELECT status, count(*)::int AS n FROM drones WHERE active GROUP BY status`;
  }

  heartbeatTimes(): Promise<Array<{ droneId: string; lastHeartbeatAt: Date | null }>> {
    return this.prisma.drone.findMany({ where: { active: true, lastHeartbeatAt: { not: null } }, select: { droneId: true, lastHeartbeatAt: true } });
  }

  addEvent(tx: Tx | PrismaService, e: NewEvent): Promise<DroneEvent> {
    return tx.droneEvent.create({
      data: { droneId: e.droneId, type: e.type, severity: e.severity, message: e.message, details: (e.details ?? {}) as Prisma.InputJsonValue },
    });
  }

  events(droneId: string, f: { type?: string; beforeId?: bigint; limit: number }): Promise<DroneEvent[]> {
    return this.prisma.droneEvent.findMany({
      where: { droneId, ...(f.type ? { type: f.type } : {}), ...(f.beforeId !== undefined ? { id: { lt: f.beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take: f.limit,
    });
  }

  keys(droneId: string): Promise<DroneKey[]> {
    return this.prisma.droneKey.findMany({ where: { droneId }, orderBy: { createdAt: 'desc' } });
  }

  addKey(tx: Tx, droneId: string, keyHash: string, prefix: string): Promise<DroneKey> {
    return tx.droneKey.create({ data: { droneId, keyHash, prefix } });
  }

  /** Gives the drone's valid keys a grace period ending at `until` (or sooner, if they end sooner already). */
  async retireKeys(tx: Tx, droneId: string, until: Date): Promise<DroneKey[]> {
    const valid = await tx.droneKey.findMany({ where: { droneId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
    const retired: DroneKey[] = [];
    for (const k of valid) {
      const expiresAt = k.expiresAt && k.expiresAt < until ? k.expiresAt : until;
      retired.push(await tx.droneKey.update({ where: { id: k.id }, data: { expiresAt } }));
    }
    return retired;
  }

  async revokeKey(tx: Tx, droneId: string, keyId: string): Promise<DroneKey | null> {
    const key = await tx.droneKey.findFirst({ where: { id: keyId, droneId } });
    if (!key) return null;
    return key.revokedAt ? key : tx.droneKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
  }

  async revokeAllKeys(tx: Tx, droneId: string): Promise<number> {
    const { count } = await tx.droneKey.updateMany({ where: { droneId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }

  /** Bumps keys_version and reads the drone's valid keys, in the transaction that changed them. */
  async bumpKeySet(tx: Tx, droneId: string): Promise<DroneKeySet> {
    await tx.drone.update({ where: { droneId }, data: { keysVersion: { increment: 1 } } });
    const [set] = await keySets(tx, droneId);
    return set!;
  }
}
