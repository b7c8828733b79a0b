import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MissionIntentDto, type MissionIntentDto as Intent } from '../delivery/mission-intent.dto.js';
import { missionIntentJsonSchema } from './mission-intent.schema.js';

/** What a GCS bridge author gets: the published schema, checked with formats and without. */
const schema = missionIntentJsonSchema();
const withFormats = new Ajv({ allErrors: true, strict: false });
addFormats.default(withFormats);
const strictValidate = withFormats.compile(schema);
const looseValidate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

const example = (): Intent => ({
  schema_version: 1,
  intent_id: '0b6f3c1e-8a8e-4a53-9d55-2f1f6c1d8e01',
  order_id: '5d9a3c3e-1f3a-4d7e-8c1b-7a6b5c4d3e2f',
  job_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  drone_id: 'WX-DRN-001',
  pickup: { lat: 5.6037, lng: -0.187, alt_m: 60 },
  dropoff: { lat: 5.6137, lng: -0.177, alt_m: 60, delivery_alt_m: 15 },
  actions: ['TAKEOFF', 'CRUISE', 'DESCEND', 'DROP_OR_WINCH', 'ASCEND', 'RTL'],
  constraints: { battery_min_pct: 25, service_area_id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' },
  safety: { abort_rtl_on_fail: true, loiter_timeout_s: 120, lost_link_behavior: 'RTL' },
  metadata: { payload_weight_kg: 1.2, payload_type: 'medicine', priority: 'MEDICAL', order_created_at: '2026-11-22T10:00:00.000Z', intent_created_at: '2026-11-22T10:01:00.000Z' },
});

type Mutable = Record<string, unknown>;
const change = (path: string, value: unknown): unknown => {
  const intent = example() as unknown as Mutable;
  const keys = path.split('.');
  let node = intent;
  for (const k of keys.slice(0, -1)) node = node[k] as Mutable;
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return intent;
};

// [description, intent, valid?]
const cases: Array<[string, unknown, boolean]> = [
  ['the documented example', example(), true],
  ['without the optional service_area_id', change('constraints.service_area_id', undefined), true],
  ['schema_version 2', change('schema_version', 2), false],
  ['intent_id that is not a UUID', change('intent_id', 'intent-1'), false],
  ['drone_id in lower case', change('drone_id', 'wx-drn-001'), false],
  ['pickup latitude 90.5', change('pickup.lat', 90.5), false],
  ['dropoff longitude -180.1', change('dropoff.lng', -180.1), false],
  ['latitude as a string', change('pickup.lat', '5.6'), false],
  ['delivery_alt_m of 121', change('dropoff.delivery_alt_m', 121), false],
  ['dropoff without delivery_alt_m', change('dropoff.delivery_alt_m', undefined), false],
  ['an unknown action', change('actions', ['TAKEOFF', 'BARREL_ROLL']), false],
  ['no actions', change('actions', []), false],
  ['battery_min_pct of 101', change('constraints.battery_min_pct', 101), false],
  ['loiter_timeout_s of 3601', change('safety.loiter_timeout_s', 3601), false],
  ['lost_link_behavior HOVER', change('safety.lost_link_behavior', 'HOVER'), false],
  ['priority LOW', change('metadata.priority', 'LOW'), false],
  ['order_created_at that is not a timestamp', change('metadata.order_created_at', 'yesterday'), false],
  ['metadata missing', change('metadata', undefined), false],
];

describe('mission intent: DTO and published JSON Schema agree', () => {
  it.each(cases)('%s', (_name, intent, valid) => {
    const dtoErrors = validateSync(plainToInstance(MissionIntentDto, intent as object), { forbidUnknownValues: true });
    expect({ dto: dtoErrors.length === 0, schema: strictValidate(intent) }).toEqual({ dto: valid, schema: valid });
  });

  it('accepts a valid intent even with a validator that ignores formats', () => {
    expect(looseValidate(example())).toBe(true);
  });

  it('refuses fields the contract does not name, at every level', () => {
    expect(strictValidate({ ...example(), extra: 1 })).toBe(false);
    expect(strictValidate(change('pickup.speed', 3))).toBe(false);
  });
});
