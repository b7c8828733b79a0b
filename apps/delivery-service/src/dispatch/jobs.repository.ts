import { Injectable } from '@nestjs/common';
import type { JobStatus } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import type { DeliveryJob } from '../generated/prisma/client.js';
import type { Tx } from '../state-machine/order-state.repository.js';

/** Delivery jobs: one execution attempt of an order by one drone. The database allows one ACTIVE job per order and per drone. */
@Injectable()
export class JobsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async busyDroneIds(): Promise<Set<string>> {
    const rows = await this.prisma.deliveryJob.findMany({ where: { status: 'ACTIVE' }, select: { assignedDroneId: true } });
    return new Set(rows.map((r) => r.assignedDroneId));
  }

  activeForOrder(orderId: string, tx: Tx = this.prisma): Promise<DeliveryJob | null> {
    return tx.deliveryJob.findFirst({ where: { orderId, status: 'ACTIVE' } });
  }

  /** Active jobs whose order is in one of the given states, with the order. */
  activeWithOrders(statuses: string[]) {
    return this.prisma.deliveryJob.findMany({
      where: { status: 'ACTIVE', order: { status: { in: statuses as never } } },
      include: { order: true },
    });
  }

  attempts(orderId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.deliveryJob.count({ where: { orderId } });
  }

  /** Attempts that flew and failed or aborted (reassignments and cancellations do not count). */
  failedAttempts(orderId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.deliveryJob.count({ where: { orderId, status: { in: ['FAILED', 'ABORTED'] } } });
  }

  /** A drone's jobs that overlap [from, to], oldest first. */
  windows(droneId: string, from: Date, to: Date): Promise<DeliveryJob[]> {
    return this.prisma.deliveryJob.findMany({
      where: { assignedDroneId: droneId, createdAt: { lte: to }, OR: [{ endedAt: null }, { endedAt: { gte: from } }] },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
  }

  create(tx: Tx, job: { id: string; orderId: string; droneId: string; attempt: number }): Promise<DeliveryJob> {
    return tx.deliveryJob.create({ data: { id: job.id, orderId: job.orderId, assignedDroneId: job.droneId, attempt: job.attempt } });
  }

  /** Ends the order's active job, if any; returns it. */
  async endActive(tx: Tx, orderId: string, status: Exclude<JobStatus, 'ACTIVE'>, reason: string): Promise<DeliveryJob | null> {
    const job = await tx.deliveryJob.findFirst({ where: { orderId, status: 'ACTIVE' } });
    if (!job) return null;
    return tx.deliveryJob.update({ where: { id: job.id }, data: { status, endReason: reason, endedAt: new Date() } });
  }

  setIntent(tx: Tx, jobId: string, intentId: string): Promise<unknown> {
    return tx.deliveryJob.update({ where: { id: jobId }, data: { missionIntentId: intentId } });
  }

  updateProgress(jobId: string, data: { etaSeconds?: number | null; offlineSince?: Date | null }): Promise<unknown> {
    return this.prisma.deliveryJob.update({ where: { id: jobId }, data });
  }
}
