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
