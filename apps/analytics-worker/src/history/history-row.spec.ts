import { describe, expect, it } from '@jest/globals';
import { telemetryV1Example } from '@wingxtra/contracts';
import { rfc3339ToMicros } from './copy-binary.js';
import { encodeHistoryCopy, HISTORY_COLUMNS, toHistoryRow } from './history-row.js';

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

/** Reads a binary COPY payload back, column by column in telemetry_raw's types (a decoder for the test only). */
function decodeHistoryCopy(buf: Buffer): Array<Record<string, unknown>> {
  expect(buf.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  const types: Record<string, string> = { drone_id: 'text', ts: 'ts', received_at: 'ts', schema_version: 'int2', armed: 'bool', mode: 'text', mah_drawn: 'int8', throttle: 'float4', source_ip: 'text' };
  let at = 19;
  const rows: Array<Record<string, unknown>> = [];
  for (;;) {
    const fields = buf.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    expect(fields).toBe(HISTORY_COLUMNS.length);
    const row: Record<string, unknown> = {};
    for (const column of HISTORY_COLUMNS) {
      const len = buf.readInt32BE(at);
      at += 4;
      if (len === -1) {
        row[column] = null;
        continue;
      }
      const type = types[column] ?? 'float8';
      const v = buf.subarray(at, at + len);
      row[column] =
        type === 'text' ? v.toString('utf8')
        : type === 'ts' ? new Date(Number(v.readBigInt64BE() / 1000n) + Date.UTC(2000, 0, 1)).toISOString()
        : type === 'int2' ? v.readInt16BE()
        : type === 'int8' ? Number(v.readBigInt64BE())
        : type === 'float4' ? v.readFloatBE()
        : type === 'bool' ? v[0] === 1
        : v.readDoubleBE();
      at += len;
    }
    rows.push(row);
  }
  expect(at).toBe(buf.length);
  return rows;
}

describe('binary COPY payload', () => {
  it('holds every column of every row in HISTORY_COLUMNS order, nulls as nulls', () => {
    const v1 = toHistoryRow(handoff({ ...telemetryV1Example(), state: { armed: false, mode: 'A\tB\nC\\D ✈' } }))!;
    const v2 = toHistoryRow(handoff({ ...telemetryV1Example(), schema_version: 2, power: { current_a: -2.5, mah_drawn: 123_456_789_012, throttle: 0.5 } }))!;
    const [a, b] = decodeHistoryCopy(encodeHistoryCopy([v1, v2]));
    expect(a).toEqual({ ...v1 });
    expect(b).toEqual({ ...v2 });
  });

  it('grows past its first guess for long text', () => {
    const row = toHistoryRow(handoff({ ...telemetryV1Example(), state: { armed: true, mode: 'M'.repeat(5000) } }))!;
    const decoded = decodeHistoryCopy(encodeHistoryCopy(Array.from({ length: 3 }, () => row)));
    expect(decoded).toHaveLength(3);
    expect(decoded[2].mode).toHaveLength(5000);
  });

  it('is an empty table for no rows', () => {
    expect(decodeHistoryCopy(encodeHistoryCopy([]))).toEqual([]);
  });
});

describe('RFC 3339 to microseconds', () => {
  it('keeps the digits below the millisecond and rounds at the seventh', () => {
    const base = Date.UTC(2026, 10, 22, 12, 0, 0) * 1000;
    expect(rfc3339ToMicros('2026-11-22T12:00:00Z')).toBe(base);
    expect(rfc3339ToMicros('2026-11-22T12:00:00.1Z')).toBe(base + 100_000);
    expect(rfc3339ToMicros('2026-11-22T12:00:00.123456Z')).toBe(base + 123_456);
    expect(rfc3339ToMicros('2026-11-22T12:00:00.1234565Z')).toBe(base + 123_457);
    expect(rfc3339ToMicros('2026-11-22T12:00:00.1234564Z')).toBe(base + 123_456);
  });

  it('applies the offset', () => {
    expect(rfc3339ToMicros('2026-11-22T14:00:00.250+02:00')).toBe(Date.UTC(2026, 10, 22, 12, 0, 0, 250) * 1000);
  });

  it('is NaN for text that is not a time', () => {
    expect(rfc3339ToMicros('yesterday')).toBeNaN();
  });
});
