import { Injectable } from '@nestjs/common';
import type { MissionIntentDto } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import type { MissionIntent, Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../state-machine/order-state.repository.js';

@Injectable()
export class MissionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string, tx: Tx = this.prisma): Promise<MissionIntent | null> {
    return tx.missionIntent.findUnique({ where: { id } });
  }

  create(tx: Tx, intent: MissionIntentDto): Promise<MissionIntent> {
    return tx.missionIntent.create({
      data: { id: intent.intent_id, orderId: intent.order_id, jobId: intent.job_id, droneId: intent.drone_id, body: intent as unknown as Prisma.InputJsonValue },
    });
  }

  markAccepted(tx: Tx, id: string): Promise<unknown> {
    return tx.missionIntent.update({ where: { id }, data: { status: 'ACCEPTED', acceptedAt: new Date(), lastError: null, attempts: { increment: 1 } } });
  }

  markRejected(id: string, error: string): Promise<unknown> {
    return this.prisma.missionIntent.update({ where: { id }, data: { status: 'REJECTED', lastError: error } });
  }

  recordAttempt(id: string, error: string | null): Promise<unknown> {
    return this.prisma.missionIntent.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error } });
  }

  /** PENDING intents created before `olderThan` (their publish job may have been lost with Redis). */
  stalePending(olderThan: Date): Promise<MissionIntent[]> {
    return this.prisma.missionIntent.findMany({ where: { status: 'PENDING', createdAt: { lt: olderThan } }, take: 500 });
  }

  /** Records that a bridge event was applied; false when it had been already (redelivery). */
  async recordReceipt(tx: Tx, intentId: string, eventId: string): Promise<boolean> {
    const r = await tx.missionEventReceipt.createMany({ data: [{ intentId, eventId }], skipDuplicates: true });
    return r.count === 1;
  }
}
