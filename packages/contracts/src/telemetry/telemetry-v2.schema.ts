import { TELEMETRY_V1_JSON_SCHEMA } from './telemetry-v1.schema.js';
import { TELEMETRY_V2 } from './telemetry-v2.rules.js';

/*
 * JSON Schema (draft-07) of canonical telemetry v2, for plugin authors and for fleet-api's compiled validator.
 * v1's section schemas are reused as they are; only the v2 additions are written here, from the same rule
 * constants as TelemetryV2Dto (telemetry-v2.agreement.spec.ts proves the two agree). Unknown properties are
 * allowed and dropped by fleet-api, as in v1.
 */

const v1 = TELEMETRY_V1_JSON_SCHEMA.properties;

const nullableNumber = { type: ['number', 'null'] } as const;
const nullableRange = (r: { min: number; max: number }) =>
  ({ type: ['number', 'null'], minimum: r.min, maximum: r.max }) as const;
const section = <P extends Record<string, unknown>>(properties: P) =>
  ({ type: ['object', 'null'], properties, required: [] as string[] }) as const;

export const TELEMETRY_V2_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://wingxtra.aero/schemas/telemetry-v2.schema.json',
  title: 'Wingxtra canonical telemetry v2',
  description:
    'One packet from a drone companion computer: telemetry v1 plus attitude roll and pitch, vertical speed and ' +
    'a power section. Only schema_version, drone_id and ts are required; a missing or null section leaves the ' +
    'stored section unchanged.',
  type: 'object',
  required: ['schema_version', 'drone_id', 'ts'],
  properties: {
    schema_version: { const: TELEMETRY_V2.schemaVersion },
    drone_id: v1.drone_id,
    ts: v1.ts,
    position: v1.position,
    attitude: section({
      ...v1.attitude.properties,
      roll_deg: { ...nullableRange(TELEMETRY_V2.rollDeg), description: 'degrees, positive right wing down' },
      pitch_deg: { ...nullableRange(TELEMETRY_V2.pitchDeg), description: 'degrees, positive nose up' },
    }),
    velocity: section({
      ...v1.velocity.properties,
      vz_mps: { ...nullableNumber, description: 'vertical speed in m/s, positive climbing' },
    }),
    state: v1.state,
    battery: v1.battery,
    link: v1.link,
    power: section({
      current_a: { ...nullableRange(TELEMETRY_V2.currentA), description: 'battery current in amperes' },
      mah_drawn: { type: ['integer', 'null'], minimum: TELEMETRY_V2.mahDrawn.min, description: 'milliampere-hours drawn' },
      throttle: { ...nullableRange(TELEMETRY_V2.throttle), description: 'fraction of full throttle' },
    }),
  },
} as const;
