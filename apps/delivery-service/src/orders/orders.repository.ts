import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@wingxtra/contracts';
import type { Actor } from '../auth/principal.js';
import { PrismaService } from '../database/prisma.service.js';
import type { DeliveryJob, Order, Prisma } from '../generated/prisma/client.js';

export type OrderWithJob = Order & { activeJob: DeliveryJob | null };

export interface OrderListFilter {
  merchantId?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
  q?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

const withActiveJob = { jobs: { where: { status: 'ACTIVE' as const }, take: 1 } };

function attachJob(order: Order & { jobs: DeliveryJob[] }): OrderWithJob {
  const { jobs, ...rest } = order;
  return { ...rest, activeJob: jobs[0] ?? null };
}

/** Orders and their timeline, as stored. Status changes go through OrderStateRepository only. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the order with its first timeline entries, in one transaction. */
  async create(data: Prisma.OrderUncheckedCreateInput, events: Array<{ type: string; from: OrderStatus | null; to: OrderStatus; message: string; payload?: object }>, actor: Actor): Promise<Order> {
    return this.prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data });
      await tx.deliveryEvent.createMany({
        data: events.map((e) => ({
          orderId: order.id,
          type: e.type,
          fromStatus: e.from,
          toStatus: e.to,
          actorId: actor.id,
          actorRole: actor.role,
          message: e.message,
          payload: (e.payload ?? {}) as Prisma.InputJsonValue,
        })),
      });
      return order;
    });
  }

  async findById(id: string): Promise<OrderWithJob | null> {
    const order = await this.prisma.order.findUnique({ where: { id }, include: withActiveJob });
    return order ? attachJob(order) : null;
  }

  async findByTrackingId(publicTrackingId: string): Promise<OrderWithJob | null> {
    const order = await this.prisma.order.findUnique({ where: { publicTrackingId }, include: withActiveJob });
    return order ? attachJob(order) : null;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(f: OrderListFilter): Promise<OrderWithJob[]> {
    const and: Prisma.OrderWhereInput[] = [];
    if (f.merchantId) and.push({ merchantId: f.merchantId });
    if (f.status) and.push({ status: f.status });
    if (f.from) and.push({ createdAt: { gte: f.from } });
    if (f.to) and.push({ createdAt: { lt: f.to } });
    if (f.q) {
      and.push({
        OR: [
          { customerName: { contains: f.q, mode: 'insensitive' } },
          { customerPhone: { contains: f.q } },
          { publicTrackingId: { equals: f.q } },
          { payloadType: { contains: f.q, mode: 'insensitive' } },
        ],
      });
    }
    if (f.after) and.push({ OR: [{ createdAt: { lt: f.after.createdAt } }, { createdAt: f.after.createdAt, id: { lt: f.after.id } }] });
    const orders = await this.prisma.order.findMany({
      where: { AND: and },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: f.limit,
      include: withActiveJob,
    });
    return orders.map(attachJob);
  }

  /** Changes plain fields (not status) if the order is still at `version`; false when it moved meanwhile. */
  async updateFields(id: string, version: number, data: Prisma.OrderUpdateManyMutationInput, actor: Actor, message: string, payload: object): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.order.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (count !== 1) return false;
      await tx.deliveryEvent.create({
        data: { orderId: id, type: 'UPDATED', actorId: actor.id, actorRole: actor.role, message, payload: payload as Prisma.InputJsonValue },
      });
      return true;
    });
  }

  events(orderId: string, afterId: bigint | undefined, limit: number) {
    return this.prisma.deliveryEvent.findMany({
      where: { orderId, ...(afterId !== undefined ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** Records a wrong OTP attempt; returns the attempts now used. */
  async countOtpAttempt(id: string): Promise<number> {
    const o = await this.prisma.order.update({ where: { id }, data: { otpAttempts: { increment: 1 } }, select: { otpAttempts: true } });
    return o.otpAttempts;
  }

  /** Orders whose scheduled time has come, still waiting in VALIDATED. */
  dueScheduled(now: Date, limit: number): Promise<Order[]> {
    return this.prisma.order.findMany({ where: { status: 'VALIDATED', OR: [{ scheduledFor: null }, { scheduledFor: { lte: now } }] }, take: limit });
  }

  /** QUEUED orders in dispatch order: MEDICAL, then URGENT, then NORMAL; oldest first within each. */
  queuedForDispatch(limit: number): Promise<Order[]> {
    return this.prisma.order.findMany({ where: { status: 'QUEUED' }, orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }], take: limit });
  }
}
