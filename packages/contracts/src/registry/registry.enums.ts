/** Kinds of airframe a drone is registered as (GET /api/v1/drones?type=). */
export const DRONE_TYPES = ['quadcopter', 'hexacopter', 'octocopter', 'vtol', 'fixed_wing', 'other'] as const;
export type DroneType = (typeof DRONE_TYPES)[number];

/** A registered drone's derived status (fleet-api's drone-status.ts holds the rules; docs/architecture.md). */
export const DRONE_STATUSES = ['healthy', 'degraded', 'offline', 'maintenance'] as const;
export type DroneStatus = (typeof DRONE_STATUSES)[number];

/** What the companion computer reports of its DroneEngage link; anything but `connected` is a warning. */
export const DRONEENGAGE_STATUSES = ['connected', 'connecting', 'disconnected', 'error'] as const;
export type DroneEngageStatus = (typeof DRONEENGAGE_STATUSES)[number];

export const DRONE_EVENT_TYPES = [
  'registered',
  'updated',
  'maintenance_on',
  'maintenance_off',
  'deactivated',
  'reactivated',
  'key_rotated',
  'key_revoked',
  'status_changed',
  'heartbeat_warning',
  'error',
] as const;
export type DroneEventType = (typeof DRONE_EVENT_TYPES)[number];

export const EVENT_SEVERITIES = ['info', 'warning', 'error'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** Per-drone API keys start with this, so the ingest check tells them from the global development key. */
export const DRONE_KEY_PREFIX = 'wxd_';

/** Service areas are where drones may fly (and deliver); no-fly zones are where they may not. */
export const GEOFENCE_KINDS = ['service_area', 'no_fly_zone'] as const;
export type GeofenceKind = (typeof GEOFENCE_KINDS)[number];

/**
 * What fleet-api watches (rules in docs/architecture.md): inside a no-fly zone, outside every service area,
 * outside a service area's altitude band, battery low, telemetry lost while armed, companion computer degraded.
 */
export const ALERT_RULES = ['no_fly_zone', 'outside_service_area', 'altitude_limit', 'low_battery', 'link_loss', 'heartbeat_degraded'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** active -> acknowledged (by OPS or ADMIN) -> cleared (when the condition ends); active -> cleared also. */
export const ALERT_STATES = ['active', 'acknowledged', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Name of the Server-Sent Event carrying one AlertDto on GET /api/v1/alerts/stream. */
export const ALERT_STREAM_EVENT = 'alert';
