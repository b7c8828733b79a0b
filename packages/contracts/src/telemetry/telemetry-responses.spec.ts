import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DroneLatestDetailDto } from './telemetry-responses.js';
import { TelemetryV1Dto } from './telemetry-v1.dto.js';
import { telemetryV1Example } from './telemetry-v1.example.js';
import { TelemetryV2Dto } from './telemetry-v2.dto.js';
import { telemetryV2Example } from './telemetry-v2.example.js';

const latest = (telemetry: unknown) =>
  plainToInstance(DroneLatestDetailDto, { drone_id: 'WX-DRN-001', last_seen_ts: '2026-02-16T12:34:56.301Z', online: true, source_ip: null, telemetry });

describe('DroneLatestDto: the merged state is a v1 or a v2 packet', () => {
  it('reads a v1 state with the v1 classes', () => {
    const dto = latest(telemetryV1Example());
    expect(dto.telemetry).toBeInstanceOf(TelemetryV1Dto);
    expect(validateSync(dto)).toEqual([]);
  });

  it('reads a v2 state, power section included, with the v2 classes', () => {
    const dto = latest(telemetryV2Example());
    expect(dto.telemetry).toBeInstanceOf(TelemetryV2Dto);
    expect(validateSync(dto)).toEqual([]);
  });

  it("judges a v2 state by v2's rules", () => {
    const errors = validateSync(latest({ ...telemetryV2Example(), power: { throttle: 1.5 } }));
    expect(errors.map((e) => e.property)).toEqual(['telemetry']);
  });

  it('refuses a state of an unknown schema_version', () => {
    expect(validateSync(latest({ ...telemetryV1Example(), schema_version: 3 }))).toHaveLength(1);
  });

  it('documents telemetry as one of the two packet schemas', () => {
    const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Record<string, { properties: Record<string, unknown> }>;
    const oneOf = { oneOf: [{ $ref: '#/components/schemas/TelemetryV1Dto' }, { $ref: '#/components/schemas/TelemetryV2Dto' }] };
    expect(schemas.DroneLatestDto!.properties.telemetry).toEqual(oneOf);
    expect(schemas.DroneLatestDetailDto!.properties.telemetry).toEqual(oneOf);
  });
});
