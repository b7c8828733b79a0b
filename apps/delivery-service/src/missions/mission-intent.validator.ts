import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { MissionIntentDto } from '@wingxtra/contracts';

const require = createRequire(import.meta.url);
let validate: ValidateFunction | undefined;

/** Checks an intent against the published contract (schemas/mission-intent.schema.json); returns the problems per field. */
export function missionIntentProblems(intent: MissionIntentDto): Array<{ field: string; message: string }> {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('@wingxtra/contracts/schemas/mission-intent.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
  }
  if (validate(intent)) return [];
  return (validate.errors ?? []).map((e) => ({ field: e.instancePath.slice(1).replace(/\//g, '.') || '(intent)', message: e.message ?? 'is invalid' }))
}
