import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { TelemetryV1Dto } from './telemetry-v1.dto.js';
import { TELEMETRY_V1_JSON_SCHEMA } from './telemetry-v1.schema.js';
import { telemetryV1Example } from './telemetry-v1.example.js';

const ajvValidate = new Ajv({ allErrors: true, strict: false }).compile(TELEMETRY_V1_JSON_SCHEMA);

const base = () => telemetryV1Example() as unknown as Record<string, unknown>;

type Packet = Record<string, unknown>;
const withSection = (name: string, value: unknown) => ({ ...base(), [name]: value });
const withField = (sectionName: string, field: string, value: unknown) => {
  const p = base() as Packet;
  p[sectionName] = { ...(p[sectionName] as object), [field]: value };
  return p;
};
const without = (field: string) => {
  const p = base() as Packet;
  delete p[field];
  return p;
};

// [description, packet, valid?]
const cases: Array<[string, unknown, boolean]> = [
  ['the spec example', base(), true],
  ['only the required fields', { schema_version: 1, drone_id: 'ABC', ts: '2026-02-16T12:34:56Z' }, true],
  ['schema_version missing', without('schema_version'), false],
  ['schema_version 2', { ...base(), schema_version: 2 }, false],
  ['schema_version "1" as a string', { ...base(), schema_version: '1' }, false],
  ['drone_id missing', without('drone_id'), false],
  ['drone_id of 3 characters', { ...base(), drone_id: 'A-1' }, true],
  ['drone_id of 2 characters', { ...base(), drone_id: 'A1' }, false],
  ['drone_id of 64 characters', { ...base(), drone_id: 'A'.repeat(64) }, true],
  ['drone_id of 65 characters', { ...base(), drone_id: 'A'.repeat(65) }, false],
  ['drone_id with underscore and dash', { ...base(), drone_id: 'WX_DRN-9' }, true],
  ['drone_id in lower case', { ...base(), drone_id: 'wx-drn-001' }, false],
  ['drone_id with a space', { ...base(), drone_id: 'WX DRN' }, false],
  ['drone_id with a brace', { ...base(), drone_id: 'WX{1}' }, false],
  ['drone_id as a number', { ...base(), drone_id: 12345 }, false],
  ['ts missing', without('ts'), false],
  ['ts with an offset', { ...base(), ts: '2026-02-16T14:34:56.123+02:00' }, true],
  ['ts with microseconds', { ...base(), ts: '2026-02-16T12:34:56.123456Z' }, true],
  ['ts without a zone', { ...base(), ts: '2026-02-16T12:34:56' }, false],
  ['ts as a date only', { ...base(), ts: '2026-02-16' }, false],
  ['ts in month 13', { ...base(), ts: '2026-13-16T12:34:56Z' }, false],
  ['ts as epoch number', { ...base(), ts: 1771245296 }, false],
  ['latitude 90', withField('position', 'lat', 90), true],
  ['latitude 90.000001', withField('position', 'lat', 90.000001), false],
  ['latitude -90', withField('position', 'lat', -90), true],
  ['latitude -90.000001', withField('position', 'lat', -90.000001), false],
  ['latitude as a string', withField('position', 'lat', '5.6'), false],
  ['latitude null', withField('position', 'lat', null), false],
  ['longitude 180', withField('position', 'lon', 180), true],
  ['longitude 180.000001', withField('position', 'lon', 180.000001), false],
  ['longitude -180', withField('position', 'lon', -180), true],
  ['longitude -180.000001', withField('position', 'lon', -180.000001), false],
  ['position without lon', withSection('position', { lat: 1 }), false],
  ['altitude -500', withField('position', 'alt_m', -500), true],
  ['altitude -500.1', withField('position', 'alt_m', -500.1), false],
  ['altitude 20000', withField('position', 'alt_m', 20000), true],
  ['altitude 20000.1', withField('position', 'alt_m', 20000.1), false],
  ['altitude null (unknown)', withField('position', 'alt_m', null), true],
  ['remaining_pct 0', withField('battery', 'remaining_pct', 0), true],
  ['remaining_pct -1', withField('battery', 'remaining_pct', -1), false],
  ['remaining_pct 100', withField('battery', 'remaining_pct', 100), true],
  ['remaining_pct 100.5', withField('battery', 'remaining_pct', 100.5), false],
  ['remaining_pct null (unknown)', withField('battery', 'remaining_pct', null), true],
  ['armed as a string', withField('state', 'armed', 'true'), false],
  ['mode of 32 characters', withField('state', 'mode', 'M'.repeat(32)), true],
  ['mode of 33 characters', withField('state', 'mode', 'M'.repeat(33)), false],
  ['yaw as a string', withField('attitude', 'yaw_deg', '45'), false],
  ['groundspeed as a boolean', withField('velocity', 'groundspeed_mps', true), false],
  ['voltage as a string', withField('battery', 'voltage_v', '22.1'), false],
  ['rssi as a string', withField('link', 'rssi_dbm', '-62'), false],
  ['a null section', withSection('link', null), true],
  ['a section that is a number', withSection('battery', 5), false],
  ['a section that is an array', withSection('position', [1, 2]), false],
  ['an unknown top-level field', { ...base(), firmware: '4.5.1' }, true],
  ['an unknown field inside a section', withField('battery', 'temperature_c', 31), true],
  ['an array instead of a packet', [base()], false],
  ['a string instead of a packet', 'hello', false],
];

function classValidatorAccepts(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const dto = plainToInstance(TelemetryV1Dto, input);
  return validateSync(dto as object, { forbidUnknownValues: true }).length === 0;
}

describe('telemetry v1: DTO classes and JSON Schema agree', () => {
  it.each(cases)('%s', (_name, packet, valid) => {
    expect(ajvValidate(packet)).toBe(valid);
    expect(classValidatorAccepts(packet)).toBe(valid);
  });

  it('publishes the JSON Schema file that the source defines', () => {
    const published = JSON.parse(readFileSync(new URL('../../schemas/telemetry-v1.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(TELEMETRY_V1_JSON_SCHEMA)));
  });
});
