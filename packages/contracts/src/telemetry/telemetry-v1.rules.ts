/**
 * The numeric limits and patterns of canonical telemetry schema v1 (fleet-api spec §4).
 * The DTO classes and the JSON Schema are both built from these constants, so a rule has one home.
 * v1 is a contract with drones already flying: never change it; additions go in v2.
 */
export const TELEMETRY_V1 = {
  schemaVersion: 1,
  droneIdPattern: '^[A-Z0-9_-]{3,64}$',
  /** RFC 3339 date-time with a zone (Z or ±hh:mm), up to nanosecond fractions. */
  timestampPattern:
    '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$',
  lat: { min: -90, max: 90 },
  lon: { min: -180, max: 180 },
  altM: { min: -500, max: 20000 },
  remainingPct: { min: 0, max: 100 },
  modeMaxLength: 32,
} as const;

/** The optional sections of a packet; each is stored and merged as a whole (see docs/architecture.md). */
export const TELEMETRY_SECTIONS = ['position', 'attitude', 'velocity', 'state', 'battery', 'link'] as const;
export type TelemetrySection = (typeof TELEMETRY_SECTIONS)[number];

/** Largest batch one POST /api/v1/telemetry may carry. */
export const MAX_TELEMETRY_BATCH = 500;
