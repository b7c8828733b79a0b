import type { HistoryPacket } from '@wingxtra/contracts';
import { BinaryCopyWriter } from './copy-binary.js';

/** The readings of one sample, as stored and as the sessionizer and the metrics read them (v1 leaves the v2-only ones null). */
export interface SampleReadings {
  lat: number | null;
  lon: number | null;
  alt_m: number | null;
  groundspeed_mps: number | null;
  vz_mps: number | null;
  yaw_deg: number | null;
  roll_deg: number | null;
  pitch_deg: number | null;
  armed: boolean | null;
  mode: string | null;
  voltage_v: number | null;
  remaining_pct: number | null;
  current_a: number | null;
  mah_drawn: number | null;
  throttle: number | null;
}

/** One telemetry_raw row, column by column. */
export interface HistoryRow extends SampleReadings {
  drone_id: string;
  ts: string;
  received_at: string;
  schema_version: number;
  rssi_dbm: number | null;
  source_ip: string | null;
}

export const HISTORY_COLUMNS = [
  'drone_id', 'ts', 'received_at', 'schema_version', 'lat', 'lon', 'alt_m', 'groundspeed_mps', 'vz_mps', 'yaw_deg', 'roll_deg',
  'pitch_deg', 'armed', 'mode', 'voltage_v', 'remaining_pct', 'current_a', 'mah_drawn', 'throttle', 'rssi_dbm', 'source_ip',
] as const satisfies ReadonlyArray<keyof HistoryRow>;

type Section = Record<string, unknown> | null | undefined;
const num = (s: Section, k: string): number | null => (s && typeof s[k] === 'number' ? (s[k] as number) : null);

/** The mAh counter as a whole number; a value no battery reaches (the contract sets no upper bound) is kept out. */
function mahOf(power: Section): number | null {
  const v = num(power, 'mah_drawn');
  return v === null || Math.abs(v) > 1e12 ? null : Math.round(v);
}

/**
 * The row for one handed-off packet. fleet-api validated the packet before it was accepted; a packet that
 * does not parse here (which would be a bug upstream) yields null so one bad entry cannot block a batch.
 */
export function toHistoryRow(h: HistoryPacket): HistoryRow | null {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(h.packet) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof p.ts !== 'string' || Number.isNaN(Date.parse(p.ts)) || typeof p.drone_id !== 'string') return null;
  const position = p.position as Section;
  const attitude = p.attitude as Section;
  const velocity = p.velocity as Section;
  const state = p.state as Section;
  const battery = p.battery as Section;
  const power = p.power as Section;
  const link = p.link as Section;
  const mah = mahOf(power);
  return {
    drone_id: p.drone_id,
    ts: p.ts,
    received_at: h.received_at,
    schema_version: typeof p.schema_version === 'number' ? p.schema_version : 1,
    lat: num(position, 'lat'),
    lon: num(position, 'lon'),
    alt_m: num(position, 'alt_m'),
    groundspeed_mps: num(velocity, 'groundspeed_mps'),
    vz_mps: num(velocity, 'vz_mps'),
    yaw_deg: num(attitude, 'yaw_deg'),
    roll_deg: num(attitude, 'roll_deg'),
    pitch_deg: num(attitude, 'pitch_deg'),
    armed: state && typeof state.armed === 'boolean' ? state.armed : null,
    mode: state && typeof state.mode === 'string' ? state.mode : null,
    voltage_v: num(battery, 'voltage_v'),
    remaining_pct: num(battery, 'remaining_pct'),
    current_a: num(power, 'current_a'),
    mah_drawn: mah,
    throttle: num(power, 'throttle'),
    rssi_dbm: num(link, 'rssi_dbm'),
    source_ip: h.source_ip,
  };
}

/** Bytes a row can take in binary COPY besides its text: 21 length words and the fixed-size values. */
const ROW_FIXED_BYTES = 21 * 4 + 2 * 8 + 2 + 8 * 8 + 1 + 3 * 8 + 8 + 4 + 8;

/**
 * The rows as one binary COPY payload, columns in HISTORY_COLUMNS order and in telemetry_raw's types
 * (a test decodes it back by column name).
 */
export function encodeHistoryCopy(rows: readonly HistoryRow[]): Buffer {
  const w = new BinaryCopyWriter(rows.length * 256);
  for (const r of rows) {
    w.row(HISTORY_COLUMNS.length, ROW_FIXED_BYTES + 3 * (r.drone_id.length + (r.mode?.length ?? 0) + (r.source_ip?.length ?? 0)));
    w.text(r.drone_id);
    w.timestamptz(r.ts);
    w.timestamptz(r.received_at);
    w.int2(r.schema_version);
    w.float8(r.lat);
    w.float8(r.lon);
    w.float8(r.alt_m);
    w.float8(r.groundspeed_mps);
    w.float8(r.vz_mps);
    w.float8(r.yaw_deg);
    w.float8(r.roll_deg);
    w.float8(r.pitch_deg);
    w.bool(r.armed);
    w.text(r.mode);
    w.float8(r.voltage_v);
    w.float8(r.remaining_pct);
    w.float8(r.current_a);
    w.int8(r.mah_drawn);
    w.float4(r.throttle);
    w.float8(r.rssi_dbm);
    w.text(r.source_ip);
  }
  return w.finish();
}
