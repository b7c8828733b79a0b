import { describe, expect, it } from '@jest/globals';
import { telemetryV1Example } from '@wingxtra/contracts';
import { copyLine, HISTORY_COLUMNS, toHistoryRow } from './history-row.js';

const handoff = (packet: unknown) => ({ drone_id: 'WX-DRN-001', received_at: '2026-11-22T12:00:00.000Z', source_ip: '10.0.0.7', packet: JSON.stringify(packet) });

describe('history rows', () => {
  it('keeps every v1 field in its column and leaves the v2-only ones null', () => {
    expect(toHistoryRow(handoff(telemetryV1Example()))).toEqual({
      drone_id: 'WX-DRN-001',
      ts: '2026-02-16T12:34:56.123Z',
      received_at: '2026-11-22T12:00:00.000Z',
      schema_version: 1,
      lat: 5.6037,
      lon: -0.187,
      alt_m: 120.3,
      groundspeed_mps: 12.4,
      vz_mps: null,
      yaw_deg: 45,
      roll_deg: null,
      pitch_deg: null,
      armed: true,
      mode: 'AUTO',
      voltage_v: 22.1,
      remaining_pct: 67,
      current_a: null,
      mah_drawn: null,
      throttle: null,
      rssi_dbm: -62,
      source_ip: '10.0.0.7',
    });
  });

  it('reads the v2 power section and the new attitude and velocity fields', () => {
    const v2 = { ...telemetryV1Example(), schema_version: 2, attitude: { yaw_deg: 10, roll_deg: -3.5, pitch_deg: 2 }, velocity: { groundspeed_mps: 8, vz_mps: -1.2 }, power: { current_a: 14.2, mah_drawn: 812, throttle: 0.42 } };
    expect(toHistoryRow(handoff(v2))).toMatchObject({ schema_version: 2, roll_deg: -3.5, pitch_deg: 2, vz_mps: -1.2, current_a: 14.2, mah_drawn: 812, throttle: 0.42 });
  });

  it('treats null and missing sections alike', () => {
    const row = toHistoryRow(handoff({ schema_version: 1, drone_id: 'WX-1', ts: '2026-11-22T12:00:00Z', position: null }));
    expect(row).toMatchObject({ lat: null, lon: null, armed: null, mode: null });
  });

  it('yields null for an entry that is not a packet instead of failing the batch', () => {
    expect(toHistoryRow({ ...handoff({}), packet: '{not json' })).toBeNull();
    expect(toHistoryRow(handoff({ drone_id: 'WX-1' }))).toBeNull();
  });
});

describe('COPY lines', () => {
  it('writes nulls as \\N, booleans as t/f and escapes tabs, newlines and backslashes in text', () => {
    const line = copyLine(toHistoryRow(handoff({ ...telemetryV1Example(), state: { armed: false, mode: 'A\tB\nC\\D' } }))!);
    const fields = line.slice(0, -1).split('\t');
    expect(fields).toHaveLength(HISTORY_COLUMNS.length);
    expect(fields[HISTORY_COLUMNS.indexOf('armed')]).toBe('f');
    expect(fields[HISTORY_COLUMNS.indexOf('mode')]).toBe('A\\tB\\nC\\\\D');
    expect(fields[HISTORY_COLUMNS.indexOf('vz_mps')]).toBe('\\N');
    expect(line.endsWith('\n')).toBe(true);
  });
});
