import { describe, expect, it } from '@jest/globals';
import { telemetryV1Example, telemetryV2Example } from '@wingxtra/contracts';
import type { FieldError } from '@wingxtra/contracts';
import { TelemetryValidator, type NormalizedPacket } from './telemetry-validator.js';

const NOW = Date.parse('2026-02-16T12:00:00Z');
const SKEW_MS = 300_000;
const validator = new TelemetryValidator(SKEW_MS);

const TS_MESSAGE = 'must be an RFC 3339 date-time with a zone, such as 2026-02-16T12:34:56.123Z';
const DRONE_ID_MESSAGE = 'must be 3 to 64 characters of A-Z, 0-9, - or _';

const packet = (extra: Record<string, unknown> = {}) => ({ schema_version: 1, drone_id: 'WX-DRN-001', ts: '2026-02-16T11:59:00Z', ...extra });

const FULL = { ...telemetryV1Example(), ts: '2026-02-16T11:59:30.250Z' };

function accepted(input: unknown, nowMs = NOW, v = validator): NormalizedPacket {
  const verdict = v.validate(input, nowMs);
  if (!verdict.ok) throw new Error(`refused: ${JSON.stringify(verdict.errors)}`);
  return verdict.packet;
}

function errorsOf(input: unknown, nowMs = NOW, v = validator): FieldError[] {
  const verdict = v.validate(input, nowMs);
  if (verdict.ok) throw new Error('the packet was accepted');
  return verdict.errors;
}

describe('TelemetryValidator field errors', () => {
  it('rejects a packet whose latitude is 90.000001', () => {
    expect(errorsOf(packet({ position: { lat: 90.000001, lon: 0 } }))).toEqual([{ field: 'position.lat', message: 'must be between -90 and 90' }]);
  });

  it('accepts latitudes of exactly -90 and 90', () => {
    expect(accepted(packet({ position: { lat: -90, lon: 0 } })).droneId).toBe('WX-DRN-001');
    expect(accepted(packet({ position: { lat: 90, lon: 0 } })).droneId).toBe('WX-DRN-001');
  });

  it('rejects a longitude of -180.5', () => {
    expect(errorsOf(packet({ position: { lat: 0, lon: -180.5 } }))).toEqual([{ field: 'position.lon', message: 'must be between -180 and 180' }]);
  });

  it('rejects a battery above 100 %', () => {
    expect(errorsOf(packet({ battery: { remaining_pct: 101 } }))).toEqual([{ field: 'battery.remaining_pct', message: 'must be between 0 and 100' }]);
  });

  it('says which type a field needs', () => {
    const errors = errorsOf(packet({ position: { lat: 1, lon: '2', alt_m: 'high' }, state: { armed: 'yes' }, attitude: [] }));

    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'position.lon', message: 'must be a number' },
        { field: 'position.alt_m', message: 'must be a number or null' },
        { field: 'state.armed', message: 'must be true or false or null' },
        { field: 'attitude', message: 'must be an object or null' },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('rejects a flight mode longer than 32 characters', () => {
    expect(errorsOf(packet({ state: { mode: 'M'.repeat(33) } }))).toEqual([{ field: 'state.mode', message: 'must NOT have more than 32 characters' }]);
  });

  it('names each missing required field', () => {
    expect(errorsOf({})).toEqual([
      { field: 'schema_version', message: 'is required' },
      { field: 'drone_id', message: 'is required' },
      { field: 'ts', message: 'is required' },
    ]);
  });

  it('names lat and lon when a position carries neither', () => {
    expect(errorsOf(packet({ position: { alt_m: 10 } }))).toEqual([
      { field: 'position.lat', message: 'is required' },
      { field: 'position.lon', message: 'is required' },
    ]);
  });

  it.each(['wx-drn-001', 'AB', 'WX DRN 001', 'X'.repeat(65)])('rejects the drone id %j with the allowed characters spelled out', (droneId) => {
    expect(errorsOf(packet({ drone_id: droneId }))).toEqual([{ field: 'drone_id', message: DRONE_ID_MESSAGE }]);
  });

  it('rejects a drone id that is not a string', () => {
    const verdict = validator.validate(packet({ drone_id: 42 }), NOW);

    expect(verdict).toEqual({ ok: false, droneId: null, errors: [{ field: 'drone_id', message: 'must be a string' }] });
  });

  it.each([3, 0, '1', '2', 1.5, null, true])('rejects schema_version %j, naming the versions it accepts', (version) => {
    expect(validator.validate(packet({ schema_version: version }), NOW)).toEqual({
      ok: false,
      droneId: 'WX-DRN-001',
      errors: [{ field: 'schema_version', message: 'must be 1 or 2' }],
    });
  });

  it('reports only the version of a packet whose version it does not know, whatever else it carries', () => {
    expect(errorsOf(packet({ schema_version: 3, position: { lat: 91, lon: 0 }, power: { throttle: 5 } }))).toEqual([
      { field: 'schema_version', message: 'must be 1 or 2' },
    ]);
  });

  it.each(['2026-02-16 11:59:00Z', '2026-02-16T11:59:00', '1771243140', '2026-02-16T11:59Z', '2026-13-01T00:00:00Z'])(
    'rejects the ts %j with an example of the expected form',
    (ts) => {
      expect(errorsOf(packet({ ts }))).toEqual([{ field: 'ts', message: TS_MESSAGE }]);
    },
  );

  it('rejects a leap second (seconds 60)', () => {
    expect(errorsOf(packet({ ts: '2026-06-30T23:59:60Z' }), Date.parse('2026-07-01T00:00:00Z'))).toEqual([{ field: 'ts', message: TS_MESSAGE }]);
  });

  it('reports every bad field of a packet at once and keeps its drone id', () => {
    const verdict = validator.validate(packet({ ts: 'yesterday', position: { lat: 91, lon: 0 }, link: { rssi_dbm: 'weak' } }), NOW);

    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.droneId).toBe('WX-DRN-001');
    expect(verdict.errors.map((e) => e.field).sort()).toEqual(['link.rssi_dbm', 'position.lat', 'ts']);
  });

  it.each([null, [], 'WX-DRN-001', 42, true])('rejects %j as not a JSON object', (input) => {
    expect(validator.validate(input, NOW)).toEqual({ ok: false, droneId: null, errors: [{ field: '(packet)', message: 'must be a JSON object' }] });
  });
});

describe('TelemetryValidator calendar and clock', () => {
  it.each(['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2100-02-29T10:00:00Z'])('refuses %s, a day that does not exist', (ts) => {
    expect(errorsOf(packet({ ts }))).toEqual([{ field: 'ts', message: 'is not a real time' }]);
  });

  it.each(['2024-02-29T10:00:00Z', '2000-02-29T10:00:00Z', '2026-01-31T23:59:59.999Z'])('accepts %s', (ts) => {
    expect(accepted(packet({ ts })).ts).toBe(ts);
  });

  it('accepts a ts exactly 300 s ahead of the server clock', () => {
    expect(accepted(packet({ ts: '2026-02-16T12:05:00Z' })).tsMs).toBe(NOW + SKEW_MS);
  });

  it('refuses a ts 300.001 s ahead of the server clock', () => {
    expect(errorsOf(packet({ ts: '2026-02-16T12:05:00.001Z' }))).toEqual([{ field: 'ts', message: 'is more than 300 s ahead of the server clock' }]);
  });

  it('judges the skew on the instant, whatever the zone offset', () => {
    expect(errorsOf(packet({ ts: '2026-02-16T13:06:00+01:00' }))).toEqual([{ field: 'ts', message: 'is more than 300 s ahead of the server clock' }]);
    expect(accepted(packet({ ts: '2026-02-16T07:04:00-05:00' })).tsMs).toBe(Date.parse('2026-02-16T12:04:00Z'));
  });

  it('accepts a packet from long ago', () => {
    expect(accepted(packet({ ts: '2025-02-16T12:00:00Z' })).tsMs).toBe(Date.parse('2025-02-16T12:00:00Z'));
  });

  it('refuses any future ts when no skew is allowed', () => {
    const strict = new TelemetryValidator(0);

    expect(accepted(packet({ ts: '2026-02-16T12:00:00Z' }), NOW, strict).tsMs).toBe(NOW);
    expect(errorsOf(packet({ ts: '2026-02-16T12:00:00.001Z' }), NOW, strict)).toEqual([{ field: 'ts', message: 'is more than 0 s ahead of the server clock' }]);
  });
});

describe('TelemetryValidator normalization', () => {
  it('stores a minimal packet as schema_version, drone_id and ts', () => {
    expect(accepted(packet())).toEqual({
      droneId: 'WX-DRN-001',
      schemaVersion: 1,
      ts: '2026-02-16T11:59:00Z',
      tsMs: Date.parse('2026-02-16T11:59:00Z'),
      sectionFields: [],
      json: '{"schema_version":1,"drone_id":"WX-DRN-001","ts":"2026-02-16T11:59:00Z"}',
    });
  });

  it('stores a full packet whose JSON parses back to the packet', () => {
    const stored = accepted(FULL);

    expect(JSON.parse(stored.json)).toEqual(FULL);
    expect(stored.tsMs).toBe(Date.parse('2026-02-16T11:59:30.250Z'));
  });

  it('lists each carried section with its JSON, in section order', () => {
    const stored = accepted(packet({ battery: FULL.battery, position: FULL.position }));

    expect(stored.sectionFields).toEqual(['position', JSON.stringify(FULL.position), 'battery', JSON.stringify(FULL.battery)]);
  });

  it('drops unknown fields, top-level and inside sections, from what is stored', () => {
    const stored = accepted({
      ...FULL,
      firmware: 'px4-1.15',
      position: { ...FULL.position, hdop: 0.8 },
      link: { ...FULL.link, secret: 'x' },
    });

    expect(JSON.parse(stored.json)).toEqual(FULL);
    expect(stored.json).not.toContain('firmware');
    expect(stored.sectionFields).toContain(JSON.stringify(FULL.position));
    expect(stored.sectionFields).toContain(JSON.stringify(FULL.link));
  });

  it('leaves out null sections, so they do not replace the stored ones', () => {
    const stored = accepted(packet({ position: null, battery: { voltage_v: 22.1 }, link: null }));

    expect(stored.sectionFields).toEqual(['battery', '{"voltage_v":22.1}']);
    expect(JSON.parse(stored.json)).toEqual(packet({ battery: { voltage_v: 22.1 } }));
  });

  it('writes section JSON as JSON.stringify would: strings escaped, an empty section as {}', () => {
    const stored = accepted(packet({ state: { mode: 'AUTO "RTL"\\x\u00e9' }, link: {} }));

    expect(stored.sectionFields).toEqual(['state', JSON.stringify({ mode: 'AUTO "RTL"\\x\u00e9' }), 'link', '{}']);
    expect(JSON.parse(stored.json).state.mode).toBe('AUTO "RTL"\\x\u00e9');
  });

  it('keeps a null reading inside a section', () => {
    const stored = accepted(packet({ position: { lat: 1, lon: 2, alt_m: null } }));

    expect(stored.sectionFields).toEqual(['position', '{"lat":1,"lon":2,"alt_m":null}']);
  });

  it('keeps ts exactly as sent, with its offset and nanoseconds', () => {
    const stored = accepted(packet({ ts: '2026-02-16T13:59:00.123456789+02:00' }));

    expect(stored.ts).toBe('2026-02-16T13:59:00.123456789+02:00');
    expect(stored.tsMs).toBe(Date.parse('2026-02-16T11:59:00.123Z'));
    expect(JSON.parse(stored.json).ts).toBe('2026-02-16T13:59:00.123456789+02:00');
  });

  it('does not change the packet it was given', () => {
    const input = { ...FULL, extra: 1, position: { ...FULL.position, hdop: 1 } };
    const copy = structuredClone(input);

    accepted(input);

    expect(input).toEqual(copy);
  });
});

describe('TelemetryValidator schema v2', () => {
  const v2 = (extra: Record<string, unknown> = {}) => packet({ schema_version: 2, ...extra });
  const FULL_V2 = { ...telemetryV2Example(), ts: '2026-02-16T11:59:30.250Z' };

  it('stores a full v2 packet whose JSON parses back to the packet', () => {
    const stored = accepted(FULL_V2);

    expect(stored.schemaVersion).toBe(2);
    expect(JSON.parse(stored.json)).toEqual(FULL_V2);
    expect(stored.json.startsWith('{"schema_version":2,"drone_id":"WX-DRN-001",')).toBe(true);
  });

  it("lists power after v1's sections, with the v2 fields of attitude and velocity", () => {
    const stored = accepted(FULL_V2);

    expect(stored.sectionFields.filter((_, i) => i % 2 === 0)).toEqual(['position', 'attitude', 'velocity', 'state', 'battery', 'link', 'power']);
    expect(stored.sectionFields).toContain('{"yaw_deg":45,"roll_deg":-2.5,"pitch_deg":4}');
    expect(stored.sectionFields).toContain('{"groundspeed_mps":12.4,"vz_mps":0.8}');
    expect(stored.sectionFields.slice(-2)).toEqual(['power', '{"current_a":18.6,"mah_drawn":1250,"throttle":0.42}']);
  });

  it('stores a minimal v2 packet as schema_version 2, drone_id and ts', () => {
    expect(accepted(v2())).toEqual({
      droneId: 'WX-DRN-001',
      schemaVersion: 2,
      ts: '2026-02-16T11:59:00Z',
      tsMs: Date.parse('2026-02-16T11:59:00Z'),
      sectionFields: [],
      json: '{"schema_version":2,"drone_id":"WX-DRN-001","ts":"2026-02-16T11:59:00Z"}',
    });
  });

  it('keeps null readings and leaves out a null power section', () => {
    const stored = accepted(v2({ power: null, attitude: { roll_deg: null, pitch_deg: 3 } }));

    expect(stored.sectionFields).toEqual(['attitude', '{"roll_deg":null,"pitch_deg":3}']);
  });

  it('drops unknown fields of v2 sections', () => {
    const stored = accepted(v2({ power: { current_a: 10, cell_v: [4.1, 4.1] }, velocity: { vz_mps: -1, vx_mps: 2 } }));

    expect(stored.sectionFields).toEqual(['velocity', '{"vz_mps":-1}', 'power', '{"current_a":10}']);
  });

  it('drops the v2 fields of a packet that says it is v1: v1 does not know them', () => {
    const stored = accepted(packet({ attitude: { yaw_deg: 10, roll_deg: 500 }, power: { current_a: -3 } }));

    expect(stored.schemaVersion).toBe(1);
    expect(stored.sectionFields).toEqual(['attitude', '{"yaw_deg":10}']);
    expect(stored.json).not.toContain('power');
  });

  it.each([
    ['attitude', 'roll_deg', 180.5, 'must be between -180 and 180'],
    ['attitude', 'roll_deg', -181, 'must be between -180 and 180'],
    ['attitude', 'pitch_deg', 90.01, 'must be between -90 and 90'],
    ['attitude', 'pitch_deg', -91, 'must be between -90 and 90'],
    ['velocity', 'vz_mps', 'up', 'must be a number or null'],
    ['power', 'current_a', -0.1, 'must be between 0 and 500'],
    ['power', 'current_a', 500.5, 'must be between 0 and 500'],
    ['power', 'current_a', '18', 'must be a number or null'],
    ['power', 'mah_drawn', -1, 'must be >= 0'],
    ['power', 'mah_drawn', 12.5, 'must be a whole number or null'],
    ['power', 'throttle', 1.01, 'must be between 0 and 1'],
    ['power', 'throttle', -0.01, 'must be between 0 and 1'],
  ])('rejects %s.%s = %j: %s', (section, field, value, message) => {
    expect(errorsOf(v2({ [section]: { [field]: value } }))).toEqual([{ field: `${section}.${field}`, message }]);
  });

  it.each([
    ['attitude', 'roll_deg', -180],
    ['attitude', 'roll_deg', 180],
    ['attitude', 'pitch_deg', -90],
    ['attitude', 'pitch_deg', 90],
    ['power', 'current_a', 0],
    ['power', 'current_a', 500],
    ['power', 'mah_drawn', 0],
    ['power', 'throttle', 0],
    ['power', 'throttle', 1],
  ])('accepts %s.%s = %j', (section, field, value) => {
    expect(accepted(v2({ [section]: { [field]: value } })).sectionFields).toEqual([section, JSON.stringify({ [field]: value })]);
  });

  it('rejects a power section that is not an object', () => {
    expect(errorsOf(v2({ power: [1] }))).toEqual([{ field: 'power', message: 'must be an object or null' }]);
  });

  it("applies v1's rules to v2 packets too", () => {
    const errors = errorsOf(v2({ drone_id: 'ab', position: { lat: 91, lon: 0 }, battery: { remaining_pct: 101 }, power: { throttle: 2 } }));

    expect(errors.map((e) => e.field).sort()).toEqual(['battery.remaining_pct', 'drone_id', 'position.lat', 'power.throttle']);
  });

  it('applies the clock rules to v2 packets too', () => {
    expect(errorsOf(v2({ ts: '2026-02-30T10:00:00Z' }))).toEqual([{ field: 'ts', message: 'is not a real time' }]);
    expect(errorsOf(v2({ ts: '2026-02-16T12:05:00.001Z' }))).toEqual([{ field: 'ts', message: 'is more than 300 s ahead of the server clock' }]);
  });
});
