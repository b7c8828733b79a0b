import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, ProofOfDelivery } from '../generated/prisma/client.js';
import type { Tx } from '../state-machine/order-state.repository.js';

@Injectable()
export class PodRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: { orderId: string; method: ProofOfDelivery['method']; photoPath: string | null; confirmedBy: string | null; metadata: Record<string, unknown>; flagged: boolean }): Promise<ProofOfDelivery> {
    return tx.proofOfDelivery.create({ data: { ...data, metadata: data.metadata as Prisma.InputJsonValue } });
  }

  findByOrder(orderId: string): Promise<ProofOfDelivery | null> {
    return this.prisma.proofOfDelivery.findUnique({ where: { orderId } });
  }
}
