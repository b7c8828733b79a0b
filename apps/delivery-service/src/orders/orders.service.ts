import { Injectable, Logger } from '@nestjs/common';
import type {
  CreatedOrderDto,
  CreateOrderDto,
  DeliveryEventDto,
  DeliveryEventListDto,
  OrderDto,
  OrderListDto,
  OrderListQueryDto,
  OrderStatus,
  RescheduleOrderDto,
  UpdateOrderDto,
} from '@wingxtra/contracts';
import { actorOf, type Principal } from '@wingxtra/service-kit';
import { conflict, notFound, ProblemError, unprocessable } from '../common/problem.error.js';
import { isUniqueViolation } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { JobsRepository } from '../dispatch/jobs.repository.js';
import { FleetRegistryGateway } from '../fleet/fleet-registry.gateway.js';
import type { DeliveryEvent } from '../generated/prisma/client.js';
import { ServiceAreasService } from '../service-areas/service-areas.service.js';
import { JOB_HOLDING_STATUSES } from '../state-machine/order-transitions.js';
import { OrderStateRepository } from '../state-machine/order-state.repository.js';
import { hashOtp, newOtp, newTrackingId } from './order-codes.js';
import { toOrderDto } from './order.mapper.js';
import { OrdersRepository, type OrderWithJob } from './orders.repository.js';

/** Fields a PATCH may change, and the states in which it may (before a drone is committed). */
const EDITABLE_IN: readonly OrderStatus[] = ['CREATED', 'VALIDATED', 'QUEUED'];
/** Merchants may cancel or reschedule their own orders until dispatch commits a drone; OPS until the drone is airborne. */
const MERCHANT_CANCELABLE: readonly OrderStatus[] = ['CREATED', 'VALIDATED', 'QUEUED'];

function encodeCursor(o: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([o.createdAt.toISOString(), o.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string') throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw new ProblemError(400, 'cursor is not a cursor this API returned', { errors: [{ field: 'cursor', message: 'invalid cursor' }] });
  }
}

export function toEventDto(e: DeliveryEvent): DeliveryEventDto {
  return {
    id: e.id.toString(),
    order_id: e.orderId,
    job_id: e.jobId,
    type: e.type,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    actor: { id: e.actorId, role: e.actorRole },
    message: e.message,
    payload: e.payload as Record<string, unknown>,
    created_at: e.createdAt.toISOString(),
  };
}

/** Orders: creation with validation, reads scoped to the caller, and the limited changes the spec allows. */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly config: DeliveryConfig,
    private readonly orders: OrdersRepository,
    private readonly state: OrderStateRepository,
    private readonly jobs: JobsRepository,
    private readonly registry: FleetRegistryGateway,
    private readonly areas: ServiceAreasService,
  ) {}

  /**
   * Validates and stores a new order: CREATED → VALIDATED, then QUEUED unless scheduled for later, all in
   * one transaction with its timeline. Invalid orders are refused (422) and nothing is stored. The payload is
   * judged against the fleet registry's largest active drone, pickup and dropoff against fleet-api's geofences.
   */
  async create(dto: CreateOrderDto, principal: Principal): Promise<CreatedOrderDto> {
    if (principal.role === 'MERCHANT' && dto.merchant_id !== undefined && dto.merchant_id !== principal.merchant_id) {
      throw new ProblemError(403, 'Merchants create orders for their own merchant_id only');
    }
    const largest = await this.registry.largestActivePayloadKg();
    if (largest === null) throw unprocessable('No active drone is registered in the fleet registry, so no payload can be carried yet');
    if (dto.payload_weight_kg > largest) {
      throw unprocessable(`payload_weight_kg ${dto.payload_weight_kg} exceeds the largest capacity in the fleet (${largest} kg)`, {
        errors: [{ field: 'payload_weight_kg', message: `must be at most ${largest}` }],
      });
    }
    const area = await this.areas.admit([
      { field: 'pickup', at: { lat: dto.pickup_lat, lng: dto.pickup_lng } },
      { field: 'dropoff', at: { lat: dto.dropoff_lat, lng: dto.dropoff_lng } },
    ]);
    const scheduledFor = dto.scheduled_for ? new Date(dto.scheduled_for) : null;
    const waits = scheduledFor !== null && scheduledFor.getTime() > Date.now();
    const otp = newOtp();
    const actor = actorOf(principal);
    const merchantId = principal.role === 'MERCHANT' ? principal.merchant_id! : (dto.merchant_id ?? null);
    const events = [
      { type: 'CREATED', from: null, to: 'CREATED' as const, message: 'Order created', payload: { priority: dto.priority ?? 'NORMAL' } },
      { type: 'VALIDATED', from: 'CREATED' as const, to: 'VALIDATED' as const, message: area ? `Validated: inside service area ${area.name}` : 'Validated (no service areas configured)', payload: area ? { service_area_id: area.id } : {} },
      ...(waits ? [] : [{ type: 'QUEUED', from: 'VALIDATED' as const, to: 'QUEUED' as const, message: 'Queued for dispatch' }]),
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        const order = await this.orders.create(
          {
            publicTrackingId: newTrackingId(),
            merchantId,
            customerName: dto.customer_name ?? null,
            customerPhone: dto.customer_phone ?? null,
            pickupLat: dto.pickup_lat,
            pickupLng: dto.pickup_lng,
            dropoffLat: dto.dropoff_lat,
            dropoffLng: dto.dropoff_lng,
            dropoffAccuracyM: dto.dropoff_accuracy_m ?? null,
            dropoffCapturedAt: dto.dropoff_captured_at ? new Date(dto.dropoff_captured_at) : null,
            payloadWeightKg: dto.payload_weight_kg,
            payloadType: dto.payload_type,
            priority: dto.priority ?? 'NORMAL',
            status: waits ? 'VALIDATED' : 'QUEUED',
            version: events.length - 1,
            serviceAreaId: area?.id ?? null,
            scheduledFor,
            otpHash: hashOtp(otp, this.config.JWT_SECRET),
          },
          events,
          actor,
        );
        return { ...toOrderDto(order, null), otp };
      } catch (err) {
        if (isUniqueViolation(err, 'public_tracking_id') && attempt < 3) continue; // 60-bit id collided: draw again
        throw err;
      }
    }
  }

  /** The order if the caller may see it; merchants get 404 for other merchants' orders. */
  async getVisible(id: string, principal: Principal): Promise<OrderWithJob> {
    const order = await this.orders.findById(id);
    if (!order || (principal.role === 'MERCHANT' && order.merchantId !== principal.merchant_id)) throw notFound(`Order ${id}`);
    return order;
  }

  async get(id: string, principal: Principal): Promise<OrderDto> {
    const order = await this.getVisible(id, principal);
    return toOrderDto(order, order.activeJob);
  }

  async list(query: OrderListQueryDto, principal: Principal): Promise<OrderListDto> {
    const limit = query.limit ?? 50;
    const rows = await this.orders.list({
      merchantId: principal.role === 'MERCHANT' ? principal.merchant_id : undefined,
      status: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      q: query.q?.trim() || undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map((o) => toOrderDto(o, o.activeJob)), next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  async update(id: string, dto: UpdateOrderDto, principal: Principal): Promise<OrderDto> {
    const order = await this.getVisible(id, principal);
    const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    if (fields.length === 0) throw new ProblemError(400, 'Nothing to change: send dropoff_lat/dropoff_lng (with accuracy and capture time), customer_phone or priority');
    if (!EDITABLE_IN.includes(order.status)) throw conflict(`Order is ${order.status}; it can be changed only while ${EDITABLE_IN.join(', ')}`, { editable_in: EDITABLE_IN });
    if ((dto.dropoff_lat === undefined) !== (dto.dropoff_lng === undefined)) throw new ProblemError(400, 'dropoff_lat and dropoff_lng change together');
    if (dto.dropoff_lat === undefined && (dto.dropoff_accuracy_m !== undefined || dto.dropoff_captured_at !== undefined)) {
      throw new ProblemError(400, 'dropoff_accuracy_m and dropoff_captured_at describe a new dropoff: send them with dropoff_lat and dropoff_lng');
    }
    let serviceAreaId = order.serviceAreaId;
    if (dto.dropoff_lat !== undefined && dto.dropoff_lng !== undefined) {
      // Only the position that changes is judged again (the pickup was judged when the order was created).
      const area = await this.areas.admit([{ field: 'dropoff', at: { lat: dto.dropoff_lat, lng: dto.dropoff_lng } }]);
      serviceAreaId = area?.id ?? null;
    }
    const data = {
      ...(dto.dropoff_lat !== undefined ? { dropoffLat: dto.dropoff_lat, dropoffLng: dto.dropoff_lng, dropoffAccuracyM: dto.dropoff_accuracy_m ?? null, dropoffCapturedAt: dto.dropoff_captured_at ? new Date(dto.dropoff_captured_at) : null, serviceAreaId } : {}),
      ...(dto.customer_phone !== undefined ? { customerPhone: dto.customer_phone } : {}),
      ...(dto.priority !== undefined ? { priority: dto.priority } : {}),
    };
    const changed = fields.map((f) => (f === 'customer_phone' ? 'customer_phone' : f));
    const ok = await this.orders.updateFields(id, order.version, data, actorOf(principal), `Changed ${changed.join(', ')}`, {
      fields: changed,
      ...(dto.priority ? { priority: { from: order.priority, to: dto.priority } } : {}),
      ...(dto.dropoff_lat !== undefined ? { dropoff: { from: [order.dropoffLat, order.dropoffLng], to: [dto.dropoff_lat, dto.dropoff_lng] } } : {}),
    });
    if (!ok) throw conflict(`Order ${id} was changed by another request at the same time; reload it and try again`);
    return this.get(id, principal);
  }

  async cancel(id: string, reason: string | undefined, principal: Principal): Promise<OrderDto> {
    const order = await this.getVisible(id, principal);
    if (principal.role === 'MERCHANT' && !MERCHANT_CANCELABLE.includes(order.status)) {
      throw conflict(`Order is ${order.status}; merchants can cancel only while ${MERCHANT_CANCELABLE.join(', ')} (ask operations)`, { allowed_from: MERCHANT_CANCELABLE });
    }
    await this.state.transition(id, { to: 'CANCELED', actor: actorOf(principal), message: `Canceled${reason ? `: ${reason}` : ''}`, payload: reason ? { reason } : {}, expectedVersion: order.version }, async (tx) => {
      await this.jobs.endActive(tx, id, 'CANCELED', reason ?? 'order canceled');
    });
    return this.get(id, principal);
  }

  /** New delivery time: back to VALIDATED (releasing any assigned drone); the scheduler queues it when due. */
  async reschedule(id: string, dto: RescheduleOrderDto, principal: Principal): Promise<OrderDto> {
    const order = await this.getVisible(id, principal);
    if (principal.role === 'MERCHANT' && !MERCHANT_CANCELABLE.includes(order.status)) {
      throw conflict(`Order is ${order.status}; merchants can reschedule only while ${MERCHANT_CANCELABLE.join(', ')} (ask operations)`, { allowed_from: MERCHANT_CANCELABLE });
    }
    const when = new Date(dto.scheduled_for);
    const actor = actorOf(principal);
    const message = `Rescheduled for ${when.toISOString()}${dto.reason ? `: ${dto.reason}` : ''}`;
    const payload = { scheduled_for: when.toISOString(), previous: order.scheduledFor?.toISOString() ?? null, ...(dto.reason ? { reason: dto.reason } : {}) };
    if (order.status === 'VALIDATED') {
      const ok = await this.orders.updateFields(id, order.version, { scheduledFor: when }, actor, message, payload);
      if (!ok) throw conflict(`Order ${id} was changed by another request at the same time; reload it and try again`);
    } else {
      await this.state.transition(id, { to: 'VALIDATED', type: 'RESCHEDULED', actor, message, payload, expectedVersion: order.version, jobId: order.activeJob?.id }, async (tx) => {
        await tx.order.update({ where: { id }, data: { scheduledFor: when } });
        if (JOB_HOLDING_STATUSES.includes(order.status)) await this.jobs.endActive(tx, id, 'CANCELED', 'order rescheduled');
      });
    }
    return this.get(id, principal);
  }

  async events(id: string, cursor: string | undefined, limit: number, principal: Principal): Promise<DeliveryEventListDto> {
    await this.getVisible(id, principal);
    let after: bigint | undefined;
    if (cursor !== undefined) {
      if (!/^\d{1,19}$/.test(cursor)) throw new ProblemError(400, 'cursor is not a cursor this API returned');
      after = BigInt(cursor);
    }
    const rows = await this.orders.events(id, after, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(toEventDto), next_cursor: rows.length > limit ? page[page.length - 1].id.toString() : null };
  }

  /** Moves VALIDATED orders whose time has come into the dispatch queue (scheduler). */
  async queueDue(): Promise<number> {
    let queued = 0;
    for (const order of await this.orders.dueScheduled(new Date(), 500)) {
      try {
        await this.state.transition(order.id, { to: 'QUEUED', actor: { id: 'system:scheduler', role: 'SYSTEM' }, message: 'Scheduled time reached; queued for dispatch', expectedVersion: order.version });
        queued++;
      } catch (err) {
        this.logger.debug(`order ${order.id} not queued: ${(err as Error).message}`);
      }
    }
    return queued;
  }
}
