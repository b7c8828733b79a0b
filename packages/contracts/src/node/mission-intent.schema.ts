import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
// The storage class-transformer's @Type decorators write to (the CommonJS build is the one Node loads).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import '../delivery/mission-intent.dto.js';

/** Published at schemas/mission-intent.schema.json. */
export const MISSION_INTENT_SCHEMA_ID = 'https://wingxtra.dev/schemas/mission-intent.schema.json';

const PARTS = ['MissionIntentDto', 'MissionPointDto', 'MissionDropoffDto', 'MissionConstraintsDto', 'MissionSafetyDto', 'MissionMetadataDto'];

/**
 * The mission-intent contract as a self-contained JSON Schema (draft-07), generated from the class-validator
 * DTOs in delivery/mission-intent.dto.ts, so the GCS bridge validates exactly what delivery-service does.
 */
export function missionIntentJsonSchema(): Record<string, unknown> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: '#/definitions/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, Record<string, unknown>>;
  const definitions = Object.fromEntries(PARTS.map((name) => [name, { ...all[name], additionalProperties: false }]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: MISSION_INTENT_SCHEMA_ID,
    title: 'Wingxtra delivery mission intent v1',
    $ref: '#/definitions/MissionIntentDto',
    definitions,
  };
}
