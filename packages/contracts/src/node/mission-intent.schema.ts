import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
// The storage class-transformer's @Type decorators write to (the CommonJS build is the one Node loads).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import '../delivery/mission-intent.dto.js';

/** Published at schemas/mission-intent.schema.json. */
export const MISSION_INTENT_SCHEMA_ID = 'https://wingxtra.dev/schemas/mission-intent.schema.json';

const PARTS = ['MissionIntentDto', 'MissionPointDto', 'MissionDropoffDto', 'MissionConstraintsDto', 'MissionSafetyDto', 'MissionMetadataDto'];

/**
 * @IsISO8601 renders as oneOf [date, date-time]; a validator that ignores formats sees both branches match
 * and fails oneOf. Intents always carry full timestamps, so say exactly that.
 */
function withDateTimes(properties: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(properties).map(([k, v]) => {
      const oneOf = v.oneOf as Array<{ format?: string }> | undefined;
      return [k, oneOf?.some((o) => o.format === 'date-time') ? { type: 'string', format: 'date-time' } : v];
    }),
  );
}

/**
 * The mission-intent contract as a self-contained JSON Schema (draft-07), generated from the class-validator
 * DTOs in delivery/mission-intent.dto.ts, so the GCS bridge validates exactly what delivery-service does.
 */
export function missionIntentJsonSchema(): Record<string, unknown> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: '#/definitions/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, Record<string, unknown>>;
  const definitions = Object.fromEntries(PARTS.map((name) => [name, { ...all[name], properties: withDateTimes(all[name].properties as Record<string, Record<string, unknown>>), additionalProperties: false }]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: MISSION_INTENT_SCHEMA_ID,
    title: 'Wingxtra delivery mission intent v1',
    $ref: '#/definitions/MissionIntentDto',
    definitions,
  };
}
