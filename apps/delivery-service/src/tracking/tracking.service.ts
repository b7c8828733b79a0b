import { createHmac } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { FleetApiClient, IN_FLIGHT_ORDER_STATUSES, type OrderStatus, type TrackingDroneDto, type TrackingViewDto } from '@wingxtra/contracts';
import { ProblemError } from '../common/problem.error.js';
import { DeliveryConfig } from '../config/delivery-config.js';
import { TRACKING_ID_PATTERN } from '../orders/order-codes.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { PodRepository } from '../pod/pod.repository.js';

/** Statuses a customer sees as milestones (internal steps such as VALIDATED are left out). */
const PUBLIC_MILESTONES = new Set<OrderStatus>(['CREATED', 'QUEUED', 'ASSIGNED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING', 'DELIVERED', 'CANCELED', 'FAILED', 'ABORTED']);

/**
 * The public tracking view. It carries status, milestones (status and time only), ETA, the drone's position
 * under a pseudonym while it flies this delivery, and a proof summary once delivered. Never names, phones,
 * operators or internal ids. Links stop answering (410) TRACKING_EXPIRES_AFTER_H after the order closed.
 */
@Injectable()
export class TrackingService {
  private readonly logger = new Logger('Tracking');

  constructor(
    private readonly config: DeliveryConfig,
    private readonly orders: OrdersRepository,
    private readonly pods: PodRepository,
    private readonly fleet: FleetApiClient,
  ) {}

  async view(publicTrackingId: string): Promise<TrackingViewDto> {
    const unknown = new ProblemError(404, 'No delivery with this tracking link');
    if (!TRACKING_ID_PATTERN.test(publicTrackingId)) throw unknown;
    const order = await this.orders.findByTrackingId(publicTrackingId);
    if (!order) throw unknown;
    if (order.closedAt && Date.now() - order.closedAt.getTime() > this.config.TRACKING_EXPIRES_AFTER_H * 3600_000) {
      throw new ProblemError(410, 'This tracking link has expired');
    }
    const events = await this.orders.events(order.id, undefined, 500);
    const milestones = events.filter((e) => e.toStatus && PUBLIC_MILESTONES.has(e.toStatus)).map((e) => ({ status: e.toStatus!, at: e.createdAt.toISOString() }));
    const inFlight = IN_FLIGHT_ORDER_STATUSES.includes(order.status) && order.activeJob !== null;
    const pod = order.status === 'DELIVERED' ? await this.pods.findByOrder(order.id) : null;
    return {
      public_tracking_id: order.publicTrackingId,
      status: order.status,
      milestones,
      eta_seconds: inFlight ? (order.activeJob?.etaSeconds ?? null) : null,
      dropoff_lat: order.dropoffLat,
      dropoff_lng: order.dropoffLng,
      drone: inFlight ? await this.drone(order.activeJob!.assignedDroneId) : null,
      pod: pod ? { method: pod.method, delivered_at: pod.createdAt.toISOString() } : null,
      updated_at: order.updatedAt.toISOString(),
    };
  }

  private async drone(droneId: string): Promise<TrackingDroneDto | null> {
    try {
      const latest = await this.fleet.getDroneLatest(droneId);
      const pos = latest?.telemetry.position;
      if (!latest || !pos) return null;
      return { label: this.pseudonym(droneId), lat: pos.lat, lng: pos.lon, heading_deg: latest.telemetry.attitude?.yaw_deg ?? null, updated_at: latest.last_seen_ts };
    } catch (err) {
      this.logger.warn(`drone position for tracking unavailable: ${(err as Error).message}`);
      return null;
    }
  }

  /** A stable name for the drone that does not reveal its id. */
  private pseudonym(droneId: string): string {
    return `Drone ${createHmac('sha256', this.config.JWT_SECRET).update(`drone:${droneId}`).digest('hex').slice(0, 4).toUpperCase()}`;
  }
}
