// Writes the published JSON Schema files from their single definition in src/ (run after tsc).
import { writeFileSync } from 'node:fs';
import { TELEMETRY_V1_JSON_SCHEMA, TELEMETRY_V2_JSON_SCHEMA } from '../dist/index.js';
import { missionIntentJsonSchema } from '../dist/node.js';

const schemas = {
  'telemetry-v1.schema.json': TELEMETRY_V1_JSON_SCHEMA,
  'telemetry-v2.schema.json': TELEMETRY_V2_JSON_SCHEMA,
  'mission-intent.schema.json': missionIntentJsonSchema(),
};
for (const [file, schema] of Object.entries(schemas)) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
}
