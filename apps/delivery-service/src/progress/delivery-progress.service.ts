import { Injectable, Logger } from '@nestjs/common';
import type { OrderStatus } from '@wingxtra/contracts';
import type { Actor } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { JobsRepository } from '../dispatch/jobs.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Order } from '../generated/prisma/client.js';
import { OrderStateRepository, type Tx } from '../state-machine/order-state.repository.js';

/** The in-flight part of the happy path, in order. Progress only ever moves forward along it. */
export const FLIGHT_PROGRESS: readonly OrderStatus[] = ['MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING'];

/**
 * Moves a delivery forward as the bridge or telemetry reports it, and ends a failed attempt. Shared by the
 * mission-event endpoint and the telemetry progress sweep so both follow the same rules.
 */
@Injectable()
export class DeliveryProgressService {
  private readonly logger = new Logger('Progress');

  constructor(
    private readonly prisma: PrismaService,
    private readonly state: OrderStateRepository,
    private readonly jobs: JobsRepository,
    private readonly config: DeliveryConfig,
  ) {}

  /**
   * Advances the order to `target` through every intermediate flight state (a missed LAUNCHED is filled in
   * before ENROUTE), in one transaction. Returns false when the order is already there or beyond.
   */
  async advanceIn(tx: Tx, order: Order, target: OrderStatus, actor: Actor, message: string, payload: Record<string, unknown>, jobId: string | null): Promise<boolean> {
    const from = FLIGHT_PROGRESS.indexOf(order.status);
    const to = FLIGHT_PROGRESS.indexOf(target);
    if (from < 0 || to <= from) return false;
    for (const step of FLIGHT_PROGRESS.slice(from + 1, to + 1)) {
      await this.state.transitionIn(tx, order.id, { to: step, actor, message: step === target ? message : `${message} (${step} inferred)`, payload, jobId });
    }
    return true;
  }

  advance(order: Order, target: OrderStatus, actor: Actor, message: string, payload: Record<string, unknown>, jobId: string | null): Promise<boolean> {
    return this.prisma.$transaction((tx) => this.advanceIn(tx, order, target, actor, message, payload, jobId));
  }

  /**
   * Ends the active attempt as ABORTED or FAILED. While flights remain (MAX_DELIVERY_ATTEMPTS counts failed
   * and aborted jobs, not reassignments or cancellations) and the
   * payload was not dropped, the order goes back to QUEUED for a new job; otherwise it ends in `outcome`.
   */
  async endAttemptIn(tx: Tx, order: Order, outcome: 'ABORTED' | 'FAILED', reason: string, actor: Actor, payload: Record<string, unknown>): Promise<OrderStatus> {
    const job = await this.jobs.endActive(tx, order.id, outcome, reason);
    const attempts = await this.jobs.failedAttempts(order.id, tx);
    const requeue = attempts < this.config.MAX_DELIVERY_ATTEMPTS && order.status !== 'DELIVERING';
    const to: OrderStatus = requeue ? 'QUEUED' : outcome;
    await this.state.transitionIn(tx, order.id, {
      to,
      type: requeue ? `${outcome}_REQUEUED` : outcome,
      actor,
      message: requeue ? `Attempt ${attempts} ${outcome.toLowerCase()}: ${reason}. Re-queued for a new attempt.` : `Delivery ${outcome.toLowerCase()}: ${reason}`,
      payload: { ...payload, outcome, attempt: attempts, requeued: requeue },
      jobId: job?.id ?? null,
    });
    this.logger.warn(`order ${order.id} attempt ${attempts} ${outcome}: ${reason}${requeue ? ' (re-queued)' : ''}`);
    return to;
  }

  endAttempt(order: Order, outcome: 'ABORTED' | 'FAILED', reason: string, actor: Actor, payload: Record<string, unknown>): Promise<OrderStatus> {
    return this.prisma.$transaction((tx) => this.endAttemptIn(tx, order, outcome, reason, actor, payload));
  }
}
