import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { TelemetryV2Dto } from './telemetry-v2.dto.js';
import { TELEMETRY_V2_JSON_SCHEMA } from './telemetry-v2.schema.js';
import { telemetryV2Example } from './telemetry-v2.example.js';
import { telemetryV1Example } from './telemetry-v1.example.js';
import { TELEMETRY_V1_JSON_SCHEMA } from './telemetry-v1.schema.js';
import { TELEMETRY_SECTIONS } from './telemetry-v1.rules.js';
import { TELEMETRY_V2_SECTIONS } from './telemetry-v2.rules.js';

const ajvValidate = new Ajv({ allErrors: true, strict: false }).compile(TELEMETRY_V2_JSON_SCHEMA);

type Packet = Record<string, unknown>;
const base = () => telemetryV2Example() as unknown as Packet;

const withSection = (name: string, value: unknown) => ({ ...base(), [name]: value });
const withField = (sectionName: string, field: string, value: unknown) => {
  const p = base();
  p[sectionName] = { ...(p[sectionName] as object), [field]: value };
  return p;
};
const without = (field: string) => {
  const p = base();
  delete p[field];
  return p;
};

// [description, packet, valid?]
const cases: Array<[string, unknown, boolean]> = [
  ['the v2 example', base(), true],
  ['only the required fields', { schema_version: 2, drone_id: 'ABC', ts: '2026-02-16T12:34:56Z' }, true],
  ['the v1 example marked as v2 (no v2 field)', { ...telemetryV1Example(), schema_version: 2 }, true],
  ['schema_version missing', without('schema_version'), false],
  ['schema_version 1', { ...base(), schema_version: 1 }, false],
  ['schema_version 3', { ...base(), schema_version: 3 }, false],
  ['schema_version "2" as a string', { ...base(), schema_version: '2' }, false],

  // v1's rules hold unchanged in v2 (a sample of each kind; the full list is in the v1 spec)
  ['drone_id of 2 characters', { ...base(), drone_id: 'A1' }, false],
  ['drone_id in lower case', { ...base(), drone_id: 'wx-drn-001' }, false],
  ['ts without a zone', { ...base(), ts: '2026-02-16T12:34:56' }, false],
  ['ts with an offset', { ...base(), ts: '2026-02-16T14:34:56.123+02:00' }, true],
  ['latitude 90.000001', withField('position', 'lat', 90.000001), false],
  ['position without lon', withSection('position', { lat: 1 }), false],
  ['altitude 20000.1', withField('position', 'alt_m', 20000.1), false],
  ['remaining_pct 100.5', withField('battery', 'remaining_pct', 100.5), false],
  ['mode of 33 characters', withField('state', 'mode', 'M'.repeat(33)), false],
  ['yaw as a string', withField('attitude', 'yaw_deg', '45'), false],
  ['groundspeed as a boolean', withField('velocity', 'groundspeed_mps', true), false],

  // attitude.roll_deg, -180..180
  ['roll 180', withField('attitude', 'roll_deg', 180), true],
  ['roll 180.1', withField('attitude', 'roll_deg', 180.1), false],
  ['roll -180', withField('attitude', 'roll_deg', -180), true],
  ['roll -180.1', withField('attitude', 'roll_deg', -180.1), false],
  ['roll null (unknown)', withField('attitude', 'roll_deg', null), true],
  ['roll as a string', withField('attitude', 'roll_deg', '3'), false],
  // attitude.pitch_deg, -90..90
  ['pitch 90', withField('attitude', 'pitch_deg', 90), true],
  ['pitch 90.000001', withField('attitude', 'pitch_deg', 90.000001), false],
  ['pitch -90', withField('attitude', 'pitch_deg', -90), true],
  ['pitch -90.5', withField('attitude', 'pitch_deg', -90.5), false],
  ['pitch null (unknown)', withField('attitude', 'pitch_deg', null), true],
  ['pitch as a boolean', withField('attitude', 'pitch_deg', false), false],
  ['attitude with only roll', withSection('attitude', { roll_deg: 1 }), true],
  // velocity.vz_mps, any number
  ['vz negative (descending)', withField('velocity', 'vz_mps', -3.2), true],
  ['vz 0', withField('velocity', 'vz_mps', 0), true],
  ['vz null (unknown)', withField('velocity', 'vz_mps', null), true],
  ['vz as a string', withField('velocity', 'vz_mps', '1.5'), false],
  // power.current_a, 0..500
  ['current 0', withField('power', 'current_a', 0), true],
  ['current -0.001', withField('power', 'current_a', -0.001), false],
  ['current 500', withField('power', 'current_a', 500), true],
  ['current 500.001', withField('power', 'current_a', 500.001), false],
  ['current null (unknown)', withField('power', 'current_a', null), true],
  ['current as a string', withField('power', 'current_a', '18'), false],
  // power.mah_drawn, whole number >= 0
  ['mah_drawn 0', withField('power', 'mah_drawn', 0), true],
  ['mah_drawn -1', withField('power', 'mah_drawn', -1), false],
  ['mah_drawn 1.5', withField('power', 'mah_drawn', 1.5), false],
  ['mah_drawn 250000', withField('power', 'mah_drawn', 250_000), true],
  ['mah_drawn null (unknown)', withField('power', 'mah_drawn', null), true],
  ['mah_drawn as a string', withField('power', 'mah_drawn', '12'), false],
  // power.throttle, 0..1
  ['throttle 0', withField('power', 'throttle', 0), true],
  ['throttle -0.01', withField('power', 'throttle', -0.01), false],
  ['throttle 1', withField('power', 'throttle', 1), true],
  ['throttle 1.01', withField('power', 'throttle', 1.01), false],
  ['throttle 42 (a percentage)', withField('power', 'throttle', 42), false],
  ['throttle null (unknown)', withField('power', 'throttle', null), true],
  // the power section as a whole
  ['power null', withSection('power', null), true],
  ['power absent', without('power'), true],
  ['power empty', withSection('power', {}), true],
  ['power that is a number', withSection('power', 5), false],
  ['power that is an array', withSection('power', [1, 2]), false],
  ['power that is a string', withSection('power', 'high'), false],
  ['an unknown field inside power', withField('power', 'temperature_c', 40), true],
  ['an unknown top-level field', { ...base(), firmware: '4.5.1' }, true],
  ['an array instead of a packet', [base()], false],
  ['a string instead of a packet', 'hello', false],
];

function classValidatorAccepts(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const dto = plainToInstance(TelemetryV2Dto, input);
  return validateSync(dto as object, { forbidUnknownValues: true }).length === 0;
}

describe('telemetry v2: DTO classes and JSON Schema agree', () => {
  it.each(cases)('%s', (_name, packet, valid) => {
    expect(ajvValidate(packet)).toBe(valid);
    expect(classValidatorAccepts(packet)).toBe(valid);
  });

  it('publishes the JSON Schema file that the source defines', () => {
    const published = JSON.parse(readFileSync(new URL('../../schemas/telemetry-v2.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(TELEMETRY_V2_JSON_SCHEMA)));
  });

  it('keeps every v1 field and section, so a v1 packet becomes v2 by changing schema_version alone', () => {
    const properties = TELEMETRY_V2_JSON_SCHEMA.properties as Record<string, { properties?: object }>;
    const fieldsOf = (section: string) => Object.keys(properties[section]?.properties ?? {});
    expect(Object.keys(properties)).toEqual(['schema_version', 'drone_id', 'ts', ...TELEMETRY_V2_SECTIONS]);
    expect(TELEMETRY_V2_SECTIONS).toEqual([...TELEMETRY_SECTIONS, 'power']);
    for (const section of TELEMETRY_SECTIONS) {
      expect(fieldsOf(section)).toEqual(expect.arrayContaining(Object.keys((TELEMETRY_V1_JSON_SCHEMA.properties[section] as { properties: object }).properties)));
    }
    expect(fieldsOf('attitude')).toEqual(['yaw_deg', 'roll_deg', 'pitch_deg']);
    expect(fieldsOf('velocity')).toEqual(['groundspeed_mps', 'vz_mps']);
    expect(fieldsOf('power')).toEqual(['current_a', 'mah_drawn', 'throttle']);
  });
});
