import { TELEMETRY_SECTIONS, TELEMETRY_V1 } from './telemetry-v1.rules.js';

/**
 * The numeric limits of canonical telemetry schema v2: v1's rules (unchanged, shared) plus the fields analytics
 * needs and v1 lacks. The DTO classes and the JSON Schema of v2 are both built from these constants.
 * Once drones fly v2 it is frozen like v1; later additions go in v3.
 */
export const TELEMETRY_V2 = {
  ...TELEMETRY_V1,
  schemaVersion: 2,
  /** attitude.roll_deg: degrees, positive right wing down. */
  rollDeg: { min: -180, max: 180 },
  /** attitude.pitch_deg: degrees, positive nose up. */
  pitchDeg: { min: -90, max: 90 },
  /** power.current_a: battery current in amperes. */
  currentA: { min: 0, max: 500 },
  /** power.mah_drawn: whole milliampere-hours drawn from the battery; no upper limit. */
  mahDrawn: { min: 0 },
  /** power.throttle: fraction of full throttle. */
  throttle: { min: 0, max: 1 },
} as const;

/** The optional sections of a v2 packet: v1's, in v1's order, then `power`. Each is stored and merged whole. */
export const TELEMETRY_V2_SECTIONS = [...TELEMETRY_SECTIONS, 'power'] as const;
export type TelemetryV2Section = (typeof TELEMETRY_V2_SECTIONS)[number];

/** Every schema_version fleet-api accepts, oldest first. */
export const TELEMETRY_SCHEMA_VERSIONS = [TELEMETRY_V1.schemaVersion, TELEMETRY_V2.schemaVersion] as const;
export type TelemetrySchemaVersion = (typeof TELEMETRY_SCHEMA_VERSIONS)[number];
