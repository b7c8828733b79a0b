import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@wingxtra/contracts';
import type { Actor } from '@wingxtra/service-kit';
import { PrismaService } from '../database/prisma.service.js';
import type { Order, Prisma } from '../generated/prisma/client.js';
import { canTransition, ConcurrentTransitionError, IllegalTransitionError, isTerminal } from './order-transitions.js';

export type Tx = Prisma.TransactionClient;

/** One status change, as the timeline will show it. */
export interface TransitionRequest {
  to: OrderStatus;
  actor: Actor;
  message: string;
  /** Event type; defaults to the new status. */
  type?: string;
  payload?: Record<string, unknown>;
  jobId?: string | null;
  /** Fail with ConcurrentTransitionError unless the order is still at this version. */
  expectedVersion?: number;
}

export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} not found`);
    this.name = 'OrderNotFoundError';
  }
}

/**
 * The only writer of Order.status. Each transition runs in one transaction: it reads the order, checks the
 * transition table, moves the status with a compare-and-set on `version` (so of two concurrent transitions
 * exactly one wins), appends the DeliveryEvent, and runs the caller's effects (job changes) in the same
 * transaction: all of it happens, or none.
 */
@Injectable()
export class OrderStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  transition(orderId: string, req: TransitionRequest, effects?: (tx: Tx, order: Order) => Promise<void>): Promise<Order> {
    return this.prisma.$transaction((tx) => this.transitionIn(tx, orderId, req, effects));
  }

  /** The same inside a transaction the caller already holds. */
  async transitionIn(tx: Tx, orderId: string, req: TransitionRequest, effects?: (tx: Tx, order: Order) => Promise<void>): Promise<Order> {
    const current = await tx.order.findUnique({ where: { id: orderId } });
    if (!current) throw new OrderNotFoundError(orderId);
    if (req.expectedVersion !== undefined && current.version !== req.expectedVersion) throw new ConcurrentTransitionError(orderId);
    if (!canTransition(current.status, req.to)) throw new IllegalTransitionError(current.status, req.to);
    const now = new Date();
    const { count } = await tx.order.updateMany({
      where: { id: orderId, version: current.version },
      data: { status: req.to, version: { increment: 1 }, updatedAt: now, closedAt: isTerminal(req.to) ? now : null },
    });
    if (count !== 1) throw new ConcurrentTransitionError(orderId);
    const updated: Order = { ...current, status: req.to, version: current.version + 1, updatedAt: now, closedAt: isTerminal(req.to) ? now : null };
    await this.appendEvent(tx, {
      orderId,
      jobId: req.jobId ?? null,
      type: req.type ?? req.to,
      fromStatus: current.status,
      toStatus: req.to,
      actor: req.actor,
      message: req.message,
      payload: req.payload,
    });
    if (effects) await effects(tx, updated);
    return updated;
  }

  /** A timeline entry that is not a status change (ETA, offline, publish failure, ...). */
  appendEvent(
    tx: Tx,
    e: { orderId: string; jobId?: string | null; type: string; fromStatus?: OrderStatus | null; toStatus?: OrderStatus | null; actor: Actor; message: string; payload?: Record<string, unknown> },
  ): Promise<unknown> {
    return tx.deliveryEvent.create({
      data: {
        orderId: e.orderId,
        jobId: e.jobId ?? null,
        type: e.type,
        fromStatus: e.fromStatus ?? null,
        toStatus: e.toStatus ?? null,
        actorId: e.actor.id,
        actorRole: e.actor.role,
        message: e.message,
        payload: (e.payload ?? {}) as Prisma.InputJsonValue,
      },
    });
  }

  /** appendEvent in its own transaction. */
  recordEvent(e: Parameters<OrderStateRepository['appendEvent']>[1]): Promise<unknown> {
    return this.appendEvent(this.prisma, e);
  }
}
