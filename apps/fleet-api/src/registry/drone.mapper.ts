import type { DroneDto, DroneEventDto, DroneKeyDto, DroneStatus, DroneType, DroneEventType, EventSeverity } from '@wingxtra/contracts';
import type { Drone, DroneEvent, DroneKey } from '../generated/prisma/client.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDroneDto(d: Drone): DroneDto {
  return {
    drone_id: d.droneId,
    name: d.name,
    type: d.type as DroneType,
    max_payload_kg: d.maxPayloadKg,
    home: d.homeLat !== null && d.homeLon !== null ? { lat: d.homeLat, lon: d.homeLon } : null,
    notes: d.notes,
    maintenance: d.maintenance,
    active: d.active,
    status: d.status as DroneStatus,
    status_reasons: d.statusReasons,
    status_changed_at: d.statusChangedAt.toISOString(),
    last_heartbeat_at: iso(d.lastHeartbeatAt),
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    deactivated_at: iso(d.deactivatedAt),
  };
}

export function toKeyDto(k: DroneKey, nowMs = Date.now()): DroneKeyDto {
  return {
    id: k.id,
    drone_id: k.droneId,
    prefix: k.prefix,
    created_at: k.createdAt.toISOString(),
    expires_at: iso(k.expiresAt),
    revoked_at: iso(k.revokedAt),
    valid: k.revokedAt === null && (k.expiresAt === null || k.expiresAt.getTime() > nowMs),
  };
}

export function toEventDto(e: DroneEvent): DroneEventDto {
  return {
    id: e.id.toString(),
    drone_id: e.droneId,
    type: e.type as DroneEventType,
    severity: e.severity as EventSeverity,
    message: e.message,
    details: (e.details ?? {}) as Record<string, unknown>,
    created_at: e.createdAt.toISOString(),
  };
}
