import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { MissionEventDto, MissionEventResultDto, MissionIntentDto, MissionSubmissionDto, OrderStatus } from '@wingxtra/contracts';
import { systemActor, type Actor } from '@wingxtra/service-kit';
import { conflict, notFound, ProblemError } from '../common/problem.error.js';
import { DeliveryConfig } from '../config/delivery-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { JobsRepository } from '../dispatch/jobs.repository.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { DeliveryProgressService } from '../progress/delivery-progress.service.js';
import { OrderStateRepository } from '../state-machine/order-state.repository.js';
import { buildMissionIntent } from './mission-intent.builder.js';
import { withinMs } from '@wingxtra/service-kit';
import { missionIntentProblems } from './mission-intent.validator.js';
import { MISSION_PUBLISH_QUEUE, PUBLISH_INTENT_JOB, type PublishIntentJob } from './mission-queue.js';
import { MissionsRepository } from './missions.repository.js';
import type { PublishOutcome } from './gcs-bridge.client.js';

const BRIDGE = systemActor('gcs-bridge');

/** Bridge event types that move the delivery forward, and the state each means. */
const PROGRESS_EVENTS: Partial<Record<MissionEventDto['type'], OrderStatus>> = {
  LAUNCHED: 'LAUNCHED',
  ENROUTE: 'ENROUTE',
  ARRIVED: 'ARRIVED',
  DELIVERING: 'DELIVERING',
  DROPPED: 'DELIVERING',
};

/**
 * Mission intents: built from order + drone, checked against the published JSON Schema, stored, then
 * published to the GCS bridge by a BullMQ job (retries with backoff; the intent id makes repeats harmless).
 * The order becomes MISSION_SUBMITTED only when the bridge has accepted. The bridge's signed progress and
 * failure events come back through handleEvent.
 */
@Injectable()
export class MissionsService {
  private readonly logger = new Logger('Missions');

  constructor(
    private readonly config: DeliveryConfig,
    private readonly prisma: PrismaService,
    private readonly missions: MissionsRepository,
    private readonly orders: OrdersRepository,
    private readonly state: OrderStateRepository,
    private readonly jobs: JobsRepository,
    private readonly progress: DeliveryProgressService,
    @InjectQueue(MISSION_PUBLISH_QUEUE) private readonly queue: Queue<PublishIntentJob>,
  ) {}

  async submit(orderId: string, actor: Actor): Promise<MissionSubmissionDto> {
    const order = await this.orders.findById(orderId);
    if (!order) throw notFound(`Order ${orderId}`);
    if (order.status !== 'ASSIGNED' || !order.activeJob) {
      throw conflict(`Order is ${order.status}; a mission intent is submitted for ASSIGNED orders`, { allowed_from: ['ASSIGNED'] });
    }
    const job = order.activeJob;
    if (job.missionIntentId) {
      const existing = await this.missions.find(job.missionIntentId);
      if (existing && existing.status === 'PENDING') {
        await this.enqueue(existing.id);
        return { intent_id: existing.id, status: existing.status, intent: existing.body as unknown as MissionIntentDto };
      }
    }
    const intent = buildMissionIntent(randomUUID(), order, { id: job.id, droneId: job.assignedDroneId }, {
      cruiseAltM: this.config.CRUISE_ALT_M,
      deliveryAltM: this.config.DELIVERY_ALT_M,
      batteryMinPct: this.config.BATTERY_MIN_PCT,
      loiterTimeoutS: this.config.LOITER_TIMEOUT_S,
    });
    const problems = missionIntentProblems(intent);
    if (problems.length > 0) {
      throw new ProblemError(422, `The mission intent does not satisfy its contract: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { errors: problems });
    }
    await this.prisma.$transaction(async (tx) => {
      await this.missions.create(tx, intent);
      await this.jobs.setIntent(tx, job.id, intent.intent_id);
      await this.state.appendEvent(tx, { orderId, jobId: job.id, type: 'MISSION_INTENT_CREATED', actor, message: `Mission intent ${intent.intent_id} created for drone ${job.assignedDroneId}; publishing to the GCS bridge`, payload: { intent_id: intent.intent_id } });
    });
    await this.enqueue(intent.intent_id);
    return { intent_id: intent.intent_id, status: 'PENDING', intent };
  }

  /**
   * Queues the publish job (deduplicated by intent id). While Redis is away the request does not wait more
   * than 2 s: the intent stays PENDING in PostgreSQL and housekeeping re-queues it (a late add is harmless).
   */
  private async enqueue(intentId: string): Promise<void> {
    try {
      await withinMs(this.queue.add(PUBLISH_INTENT_JOB, { intent_id: intentId }, {
        jobId: intentId,
        attempts: this.config.GCS_BRIDGE_MAX_RETRIES + 1,
        backoff: { type: 'exponential', delay: this.config.GCS_BRIDGE_RETRY_BACKOFF_S * 1000 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }), 2000);
    } catch (err) {
      this.logger.warn(`could not queue publication of intent ${intentId} (will retry from housekeeping): ${(err as Error).message}`);
    }
  }

  /**
   * One publish attempt (the BullMQ processor calls this). An intent whose job is no longer the order's
   * active one, or whose order has left ASSIGNED (canceled, rescheduled, reassigned), is withdrawn instead
   * of published.
   */
  async publishAttempt(intentId: string, publish: (intent: MissionIntentDto) => Promise<PublishOutcome>): Promise<PublishOutcome | { kind: 'done' }> {
    const intent = await this.missions.find(intentId);
    if (!intent || intent.status !== 'PENDING') return { kind: 'done' };
    const order = await this.orders.findById(intent.orderId);
    if (order?.status !== 'ASSIGNED' || order.activeJob?.id !== intent.jobId) {
      await this.missions.markRejected(intentId, `withdrawn before publication: the order is ${order?.status ?? 'gone'}${order?.activeJob && order.activeJob.id !== intent.jobId ? ' with another job' : ''}`);
      return { kind: 'done' };
    }
    const outcome = await publish(intent.body as unknown as MissionIntentDto);
    if (outcome.kind === 'accepted') {
      await this.prisma.$transaction(async (tx) => {
        await this.missions.markAccepted(tx, intentId);
        const current = await tx.order.findUnique({ where: { id: intent.orderId } });
        const job = await this.jobs.activeForOrder(intent.orderId, tx);
        if (current?.status === 'ASSIGNED' && job?.id === intent.jobId) {
          await this.state.transitionIn(tx, intent.orderId, { to: 'MISSION_SUBMITTED', actor: BRIDGE, message: `GCS bridge accepted mission intent ${intentId}`, jobId: intent.jobId, payload: { intent_id: intentId, attempts: intent.attempts + 1 } });
        } else {
          await this.state.appendEvent(tx, { orderId: intent.orderId, jobId: intent.jobId, type: 'MISSION_ACCEPTED_LATE', actor: BRIDGE, message: `GCS bridge accepted intent ${intentId} after the order moved on (now ${current?.status}); ops should withdraw it in the GCS`, payload: { intent_id: intentId } });
        }
      });
      return outcome;
    }
    await this.missions.recordAttempt(intentId, outcome.reason);
    if (outcome.kind === 'rejected') {
      await this.missions.markRejected(intentId, outcome.reason);
      await this.state.recordEvent({ orderId: intent.orderId, jobId: intent.jobId, type: 'MISSION_REJECTED', actor: BRIDGE, message: outcome.reason, payload: { intent_id: intentId } });
    }
    return outcome;
  }

  /**
   * The publish job gave up after its last retry: the intent is closed (REJECTED, so housekeeping leaves it
   * alone), the timeline says why, and the order stays ASSIGNED for ops to submit again or reassign.
   */
  async publishGaveUp(intentId: string, reason: string): Promise<void> {
    const intent = await this.missions.find(intentId);
    if (!intent || intent.status !== 'PENDING') return;
    await this.missions.markRejected(intentId, `publication gave up: ${reason}`);
    await this.state.recordEvent({ orderId: intent.orderId, jobId: intent.jobId, type: 'MISSION_PUBLISH_FAILED', actor: BRIDGE, message: `Publishing intent ${intentId} failed after ${intent.attempts} attempts: ${reason}`, payload: { intent_id: intentId, attempts: intent.attempts } });
  }

  /** Re-queues PENDING intents whose publish job is missing (e.g. lost while Redis was down). */
  async requeueStale(olderThanMs = 60_000): Promise<number> {
    const stale = await this.missions.stalePending(new Date(Date.now() - olderThanMs));
    let requeued = 0;
    for (const intent of stale) {
      const job = await this.queue.getJob(intent.id);
      if (job && !(await job.isFailed()) && !(await job.isCompleted())) continue;
      if (job) await job.remove();
      await this.enqueue(intent.id);
      requeued++;
    }
    return requeued;
  }

  /** A signed progress or failure report from the bridge. Redelivered events change nothing. */
  async handleEvent(intentId: string, event: MissionEventDto): Promise<MissionEventResultDto> {
    const intent = await this.missions.find(intentId);
    if (!intent) throw notFound(`Mission intent ${intentId}`);
    return this.prisma.$transaction(async (tx) => {
      const order = await tx.order.findUnique({ where: { id: intent.orderId } });
      if (!order) throw notFound(`Order ${intent.orderId}`);
      if (!(await this.missions.recordReceipt(tx, intentId, event.event_id))) return { applied: false, duplicate: true, order_status: order.status };
      const job = await this.jobs.activeForOrder(order.id, tx);
      const payload = { intent_id: intentId, event_id: event.event_id, bridge_type: event.type, at: event.at, ...(event.position ? { position: event.position } : {}), ...(event.failsafe ? { failsafe: event.failsafe } : {}) };
      if (!job || job.id !== intent.jobId || order.status === 'ASSIGNED') {
        await this.state.appendEvent(tx, { orderId: order.id, jobId: intent.jobId, type: 'BRIDGE_EVENT_IGNORED', actor: BRIDGE, message: `Bridge reported ${event.type} for an attempt that is no longer active`, payload });
        return { applied: false, duplicate: false, order_status: order.status };
      }
      const target = PROGRESS_EVENTS[event.type];
      if (target) {
        const moved = await this.progress.advanceIn(tx, order, target, BRIDGE, `GCS bridge reported ${event.type}${event.reason ? `: ${event.reason}` : ''}`, payload, job.id);
        if (event.type === 'DROPPED') await this.state.appendEvent(tx, { orderId: order.id, jobId: job.id, type: 'PAYLOAD_DROPPED', actor: BRIDGE, message: 'Payload released at the dropoff', payload });
        const now = await tx.order.findUnique({ where: { id: order.id }, select: { status: true } });
        return { applied: moved || event.type === 'DROPPED', duplicate: false, order_status: now!.status };
      }
      const outcome = event.type === 'FAILED' ? 'FAILED' : 'ABORTED';
      const reason = event.type === 'FAILSAFE' ? `failsafe ${event.failsafe ?? 'triggered'}${event.reason ? `: ${event.reason}` : ''}` : (event.reason ?? `bridge reported ${event.type}`);
      const status = await this.progress.endAttemptIn(tx, order, outcome, reason, BRIDGE, payload);
      return { applied: true, duplicate: false, order_status: status };
    });
  }
}
