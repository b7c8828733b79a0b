import { Injectable, Logger } from '@nestjs/common';
import { FleetApiClient, type CreatePodDto, type PodDto } from '@wingxtra/contracts';
import { actorOf, type Principal } from '@wingxtra/service-kit';
import { conflict, notFound, ProblemError } from '../common/problem.error.js';
import { DeliveryConfig } from '../config/delivery-config.js';
import { JobsRepository } from '../dispatch/jobs.repository.js';
import { distanceM } from '../geo/geo.js';
import type { ProofOfDelivery } from '../generated/prisma/client.js';
import { otpMatches } from '../orders/order-codes.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { OrdersService } from '../orders/orders.service.js';
import { OrderStateRepository } from '../state-machine/order-state.repository.js';
import { PhotoStore, sniffImage } from './photo-store.js';
import { PodRepository } from './pod.repository.js';

export interface PodUpload {
  bytes: Buffer;
  filename: string;
}

const POD_STATES = ['ARRIVED', 'DELIVERING'] as const;

export function toPodDto(pod: ProofOfDelivery): PodDto {
  return {
    order_id: pod.orderId,
    method: pod.method,
    photo_url: pod.photoPath ? `/api/v1/orders/${pod.orderId}/pod/file` : null,
    confirmed_by: pod.confirmedBy,
    metadata: pod.metadata as Record<string, unknown>,
    flagged: pod.flagged,
    created_at: pod.createdAt.toISOString(),
  };
}

/**
 * Proof of delivery: the one way an order becomes DELIVERED. Accepted at ARRIVED or DELIVERING, by OTP
 * (hashed, limited attempts), photo or signature image (type sniffed, size limited), or an operator's
 * confirmation. The drone's position at the drop comes from its telemetry; a drop farther than
 * POD_MAX_DISTANCE_M from the dropoff (or with no position) is flagged for ops.
 */
@Injectable()
export class PodService {
  private readonly logger = new Logger('Pod');
  readonly photos: PhotoStore;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly fleet: FleetApiClient,
    private readonly ordersService: OrdersService,
    private readonly orders: OrdersRepository,
    private readonly state: OrderStateRepository,
    private readonly jobs: JobsRepository,
    private readonly pods: PodRepository,
  ) {
    this.photos = new PhotoStore(config.POD_STORAGE_DIR);
  }

  async record(orderId: string, dto: CreatePodDto, upload: PodUpload | null, principal: Principal): Promise<PodDto> {
    const order = await this.ordersService.getVisible(orderId, principal);
    if (!(POD_STATES as readonly string[]).includes(order.status)) {
      throw conflict(`Order is ${order.status}; proof of delivery is recorded when the drone has ARRIVED or is DELIVERING`, { allowed_from: POD_STATES });
    }
    const job = order.activeJob;
    if (!job) throw conflict('The order has no active delivery job');
    if (dto.method === 'OPERATOR_CONFIRM' && principal.role !== 'OPS' && principal.role !== 'ADMIN') throw new ProblemError(403, 'Only OPS or ADMIN can confirm a delivery as operator');
    const needsImage = dto.method === 'PHOTO' || dto.method === 'SIGNATURE';
    if (needsImage && !upload) throw new ProblemError(400, `${dto.method} proof needs an image: send multipart/form-data with a "file" part`);
    if (!needsImage && upload) throw new ProblemError(400, `${dto.method} proof takes no file`);
    if (dto.method === 'OTP') await this.checkOtp(order.id, order.otpHash, dto.otp);

    let photoPath: string | null = null;
    if (upload) {
      const kind = sniffImage(upload.bytes);
      if (!kind) throw new ProblemError(415, 'The file must be a JPEG, PNG or WebP image');
      photoPath = await this.photos.save(order.id, dto.method, upload.bytes, kind.ext);
    }
    const drop = await this.dropPosition(job.assignedDroneId);
    const distance = drop.position ? Math.round(distanceM(drop.position, { lat: order.dropoffLat, lng: order.dropoffLng }) * 10) / 10 : null;
    const flagged = distance === null || distance > this.config.POD_MAX_DISTANCE_M;
    const metadata = {
      drone_id: job.assignedDroneId,
      drone_position: drop.position,
      position_at: drop.at,
      distance_to_dropoff_m: distance,
      max_distance_m: this.config.POD_MAX_DISTANCE_M,
      ...(dto.notes ? { notes: dto.notes } : {}),
      ...(flagged ? { flag_reason: distance === null ? 'drone position at drop unknown' : `dropped ${distance} m from the dropoff` } : {}),
    };
    const actor = actorOf(principal);
    try {
      let pod!: ProofOfDelivery;
      await this.state.transition(order.id, { to: 'DELIVERED', actor, jobId: job.id, message: `Delivered: proof by ${dto.method}${flagged ? ` (flagged: ${metadata.flag_reason})` : ''}`, payload: { method: dto.method, flagged, distance_to_dropoff_m: distance }, expectedVersion: order.version }, async (tx) => {
        pod = await this.pods.create(tx, { orderId: order.id, method: dto.method, photoPath, confirmedBy: dto.method === 'OPERATOR_CONFIRM' ? principal.sub : null, metadata, flagged });
        await this.jobs.endActive(tx, order.id, 'COMPLETED', 'delivered');
      });
      if (flagged) this.logger.warn(`order ${order.id} delivered with a flagged proof: ${metadata.flag_reason}`);
      return toPodDto(pod);
    } catch (err) {
      if (photoPath) await this.photos.remove(photoPath).catch(() => undefined);
      throw err;
    }
  }

  private async checkOtp(orderId: string, hash: string | null, otp: string | undefined): Promise<void> {
    if (!otp) throw new ProblemError(400, 'OTP proof needs the 6-digit otp', { errors: [{ field: 'otp', message: 'otp is required for method OTP' }] });
    if (!hash) throw conflict('This order has no OTP');
    const attempts = await this.orders.takeOtpAttempt(orderId, this.config.OTP_MAX_ATTEMPTS);
    if (attempts === null) throw new ProblemError(423, `Too many wrong codes (${this.config.OTP_MAX_ATTEMPTS}); use another proof method`);
    if (otpMatches(otp, hash, this.config.JWT_SECRET)) {
      await this.orders.returnOtpAttempt(orderId);
      return;
    }
    const left = Math.max(0, this.config.OTP_MAX_ATTEMPTS - attempts);
    throw new ProblemError(422, `The code is wrong; ${left} attempt${left === 1 ? '' : 's'} left`, { attempts_left: left });
  }

  private async dropPosition(droneId: string): Promise<{ position: { lat: number; lng: number; alt_m: number | null } | null; at: string | null }> {
    try {
      const latest = await this.fleet.getDroneLatest(droneId);
      const pos = latest?.telemetry.position;
      return pos ? { position: { lat: pos.lat, lng: pos.lon, alt_m: pos.alt_m ?? null }, at: latest!.telemetry.ts } : { position: null, at: null };
    } catch (err) {
      this.logger.warn(`drone ${droneId} position for the proof unavailable: ${(err as Error).message}`);
      return { position: null, at: null };
    }
  }

  async get(orderId: string, principal: Principal): Promise<ProofOfDelivery> {
    await this.ordersService.getVisible(orderId, principal);
    const pod = await this.pods.findByOrder(orderId);
    if (!pod) throw notFound(`Proof of delivery for order ${orderId}`);
    return pod;
  }
}
