import { describe, expect, it } from '@jest/globals';
import { intentProblems } from './intent-validator.js';

const validIntent = () => ({
  schema_version: 1,
  intent_id: '0b6f3c1e-8a8e-4a53-9d55-2f1f6c1d8e01',
  order_id: '5d1c2e7a-0f0b-4a4b-8a43-0d6f0e9b7c11',
  job_id: '9a3e5b6c-1d2f-4e8a-b7c9-0a1b2c3d4e5f',
  drone_id: 'WX-SIM-001',
  pickup: { lat: 5.6037, lng: -0.187, alt_m: 60 },
  dropoff: { lat: 5.6101, lng: -0.1712, alt_m: 60, delivery_alt_m: 15 },
  actions: ['TAKEOFF', 'CRUISE', 'DESCEND', 'DROP_OR_WINCH', 'ASCEND', 'RTL'],
  constraints: { battery_min_pct: 25 },
  safety: { abort_rtl_on_fail: true, loiter_timeout_s: 120, lost_link_behavior: 'RTL' },
  metadata: { payload_weight_kg: 1.2, payload_type: 'medicine', priority: 'MEDICAL', order_created_at: '2026-11-22T10:00:00.000Z', intent_created_at: '2026-11-22T10:02:00.000Z' },
});

describe('mission intent contract check', () => {
  it('accepts the example intent of docs/mission-intent.md', () => {
    expect(intentProblems(validIntent())).toEqual([]);
  });

  it('names each bad field by its dotted path', () => {
    const bad = validIntent() as Record<string, unknown>;
    (bad.safety as Record<string, unknown>).loiter_timeout_s = 4000;
    (bad.dropoff as Record<string, unknown>).lat = 91;
    bad.intent_id = 'not-a-uuid';
    expect(intentProblems(bad)).toEqual(
      expect.arrayContaining([
        { field: 'safety.loiter_timeout_s', message: 'must be <= 3600' },
        { field: 'dropoff.lat', message: 'must be <= 90' },
        { field: 'intent_id', message: 'must match format "uuid"' },
      ]),
    );
  });

  it('refuses unknown fields and missing parts', () => {
    const bad = validIntent() as Record<string, unknown>;
    bad.colour = 'red';
    delete bad.metadata;
    expect(intentProblems(bad)).toEqual(
      expect.arrayContaining([
        { field: '(intent)', message: 'must NOT have additional properties (colour)' },
        { field: '(intent)', message: "must have required property 'metadata'" },
      ]),
    );
  });

  it('refuses something that is not an object', () => {
    expect(intentProblems([1, 2])).toEqual([{ field: '(intent)', message: 'must be object' }]);
  });
});
