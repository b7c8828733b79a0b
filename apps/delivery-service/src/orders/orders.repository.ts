import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@wingxtra/contracts';
import type { Actor } from '@wingxtra/service-kit';
import { PrismaService } from '../database/prisma.service.js';
import type { DeliveryJob, Order, Prisma } from '../generated/prisma/client.js';

/** Every column of a new order but those the database fills in. */
export type NewOrder = Omit<Order, 'id' | 'otpAttempts' | 'createdAt' | 'updatedAt' | 'closedAt'>;

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

  /**
   * Inserts the order with its first timeline entries in one SQL statement (atomic on its own, one round
   * trip). Order creation is the API's hottest write, so it goes straight to the pool, past Prisma's query
   * layer. Returns the stored order.
   */
  async create(data: NewOrder, events: Array<{ type: string; from: OrderStatus | null; to: OrderStatus; message: string; payload?: object }>, actor: Actor): Promise<Order> {
    const id = randomUUID();
    const params: unknown[] = [
      id, data.publicTrackingId, data.merchantId, data.customerName, data.customerPhone, data.pickupLat, data.pickupLng,
      data.dropoffLat, data.dropoffLng, data.dropoffAccuracyM, data.dropoffCapturedAt, data.payloadWeightKg, data.payloadType,
      data.priority, data.status, data.serviceAreaId, data.scheduledFor, data.otpHash, data.version, actor.id, actor.role,
    ];
    const values = events.map((e) => {
      params.push(e.type, e.from, e.to, e.message, JSON.stringify(e.payload ?? {}));
      const n = params.length;
      return `(${events.indexOf(e)}, $${n - 4}, $${n - 3}::"OrderStatus", $${n - 2}::"OrderStatus", $${n - 1}, $${n}::jsonb)`;
    });
    const { rows } = await this.prisma.pool.query<{ created_at: Date }>(
      `WITH o AS (
        INSERT INTO orders (id, public_tracking_id, merchant_id, customer_name, customer_phone, pickup_lat, pickup_lng,
          dropoff_lat, dropoff_lng, dropoff_accuracy_m, dropoff_captured_at, payload_weight_kg, payload_type, priority,
          status, service_area_id, scheduled_for, otp_hash, version)
        VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12, $13, $14::"Priority", $15::"OrderStatus",
          $16::uuid, $17::timestamptz, $18, $19)
        RETURNING id, created_at
      ), e AS (
        INSERT INTO delivery_events (order_id, type, from_status, to_status, actor_id, actor_role, message, payload, created_at)
        SELECT o.id, v.type, v.from_status, v.to_status, $20, $21, v.message, v.payload, o.created_at
        FROM o, (VALUES ${values.join(', ')}) AS v(n, type, from_status, to_status, message, payload)
        ORDER BY v.n
      )
      SELECT created_at FROM o`,
      params,
    );
    return { ...data, id, otpAttempts: 0, createdAt: rows[0].created_at, updatedAt: rows[0].created_at, closedAt: null };
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

  /**
   * Takes one OTP attempt if any is left (atomically, so concurrent guesses cannot exceed the limit);
   * returns the attempts used including this one, or null when none was left.
   */
  async takeOtpAttempt(id: string, max: number): Promise<number | null> {
    const { count } = await this.prisma.order.updateMany({ where: { id, otpAttempts: { lt: max } }, data: { otpAttempts: { increment: 1 } } });
    if (count === 0) return null;
    return (await this.prisma.order.findUniqueOrThrow({ where: { id }, select: { otpAttempts: true } })).otpAttempts;
  }

  /** A right code gives its attempt back. */
  async returnOtpAttempt(id: string): Promise<void> {
    await this.prisma.order.updateMany({ where: { id, otpAttempts: { gt: 0 } }, data: { otpAttempts: { decrement: 1 } } });
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
