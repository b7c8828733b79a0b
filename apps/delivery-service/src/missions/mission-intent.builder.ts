import { MISSION_ACTIONS, type MissionIntentDto } from '@wingxtra/contracts';
import type { Order } from '../generated/prisma/client.js';

export interface MissionShape {
  cruiseAltM: number;
  deliveryAltM: number;
  batteryMinPct: number;
  loiterTimeoutS: number;
}

/** The mission intent for one order flown by one drone (docs/mission-intent.md). Pure. */
export function buildMissionIntent(intentId: string, order: Order, job: { id: string; droneId: string }, shape: MissionShape, now = new Date()): MissionIntentDto {
  return {
    schema_version: 1,
    intent_id: intentId,
    order_id: order.id,
    job_id: job.id,
    drone_id: job.droneId,
    pickup: { lat: order.pickupLat, lng: order.pickupLng, alt_m: shape.cruiseAltM },
    dropoff: { lat: order.dropoffLat, lng: order.dropoffLng, alt_m: shape.cruiseAltM, delivery_alt_m: shape.deliveryAltM },
    actions: [...MISSION_ACTIONS],
    constraints: { battery_min_pct: shape.batteryMinPct, ...(order.serviceAreaId ? { service_area_id: order.serviceAreaId } : {}) },
    safety: { abort_rtl_on_fail: true, loiter_timeout_s: shape.loiterTimeoutS, lost_link_behavior: 'RTL' },
    metadata: {
      payload_weight_kg: order.payloadWeightKg,
      payload_type: order.payloadType,
      priority: order.priority,
      order_created_at: order.createdAt.toISOString(),
      intent_created_at: now.toISOString(),
    },
  };
}
