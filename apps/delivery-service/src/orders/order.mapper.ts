import type { ActiveJobDto, OrderDto } from '@wingxtra/contracts';
import type { DeliveryJob, Order } from '../generated/prisma/client.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toActiveJobDto(job: DeliveryJob): ActiveJobDto {
  return {
    id: job.id,
    drone_id: job.assignedDroneId,
    status: job.status,
    attempt: job.attempt,
    eta_seconds: job.etaSeconds,
    mission_intent_id: job.missionIntentId,
  };
}

/** The API shape of an order (snake_case, as the spec names the fields). */
export function toOrderDto(order: Order, activeJob: DeliveryJob | null | undefined): OrderDto {
  return {
    id: order.id,
    public_tracking_id: order.publicTrackingId,
    merchant_id: order.merchantId,
    customer_name: order.customerName,
    customer_phone: order.customerPhone,
    pickup_lat: order.pickupLat,
    pickup_lng: order.pickupLng,
    dropoff_lat: order.dropoffLat,
    dropoff_lng: order.dropoffLng,
    dropoff_accuracy_m: order.dropoffAccuracyM,
    dropoff_captured_at: iso(order.dropoffCapturedAt),
    payload_weight_kg: order.payloadWeightKg,
    payload_type: order.payloadType,
    priority: order.priority,
    status: order.status,
    version: order.version,
    service_area_id: order.serviceAreaId,
    scheduled_for: iso(order.scheduledFor),
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
    active_job: activeJob ? toActiveJobDto(activeJob) : null,
  };
}
