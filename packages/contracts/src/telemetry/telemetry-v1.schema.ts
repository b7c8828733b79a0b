import { TELEMETRY_V1 } from './telemetry-v1.rules.js';

/*
 * JSON Schema (draft-07) of canonical telemetry v1, for plugin authors and for the compiled
 * validator on fleet-api's hot path. Built from the same rule constants as TelemetryV1Dto;
 * telemetry-v1.agreement.spec.ts proves the two judge every rule alike. Unknown properties are
 * allowed here and dropped by fleet-api, so a plugin that adds a field keeps working.
 */

// A null leaf means "no reading"; a null section means "not carried". Union types keep ajv's errors flat.
const nullableNumber = { type: ['number', 'null'] } as const;
const nullableRange = (r: { min: number; max: number }) =>
  ({ type: ['number', 'null'], minimum: r.min, maximum: r.max }) as const;
const range = (r: { min: number; max: number }) => ({ type: 'number', minimum: r.min, maximum: r.max }) as const;
const section = (properties: Record<string, unknown>, required: string[] = []) =>
  ({ type: ['object', 'null'], properties, required }) as const;

export const TELEMETRY_V1_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://wingxtra.aero/schemas/telemetry-v1.schema.json',
  title: 'Wingxtra canonical telemetry v1',
  description:
    'One packet from a drone companion computer. Only schema_version, drone_id and ts are required; ' +
    'a missing or null section leaves the stored section unchanged.',
  type: 'object',
  required: ['schema_version', 'drone_id', 'ts'],
  properties: {
    schema_version: { const: TELEMETRY_V1.schemaVersion },
    drone_id: { type: 'string', pattern: TELEMETRY_V1.droneIdPattern },
    ts: { type: 'string', pattern: TELEMETRY_V1.timestampPattern, description: 'RFC 3339 time of the reading' },
    position: section(
      {
        lat: range(TELEMETRY_V1.lat),
        lon: range(TELEMETRY_V1.lon),
        alt_m: nullableRange(TELEMETRY_V1.altM),
      },
      ['lat', 'lon'],
    ),
    attitude: section({ yaw_deg: nullableNumber }),
    velocity: section({ groundspeed_mps: nullableNumber }),
    state: section({
      armed: { type: ['boolean', 'null'] },
      mode: { type: ['string', 'null'], maxLength: TELEMETRY_V1.modeMaxLength },
    }),
    battery: section({
      voltage_v: nullableNumber,
      remaining_pct: nullableRange(TELEMETRY_V1.remainingPct),
    }),
    link: section({ rssi_dbm: nullableNumber }),
  },
} as const;
