import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
let validate: ValidateFunction | undefined;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Checks a received intent against the published contract, schemas/mission-intent.schema.json, with format checks
 * (uuid, date-time) on, as an outside GCS bridge would: the problems per dotted field, none when it conforms.
 */
export function intentProblems(body: unknown): FieldProblem[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('@wingxtra/contracts/schemas/mission-intent.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => {
    const field = e.instancePath.slice(1).replace(/\//g, '.') || '(intent)';
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return { field, message: `${e.message ?? 'is invalid'}${extra}` };
  });
}
