import type { HistoryPacket } from '@wingxtra/contracts';

/** One telemetry_raw row, column by column (v1 packets leave the v2-only columns null). */
export interface HistoryRow {
  drone_id: string;
  ts: string;
  received_at: string;
  schema_version: number;
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
  if (typeof p.ts !== 'string' || typeof p.drone_id !== 'string') return null;
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

const NULL = '\\N';
const esc = (v: string) => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v);
const n = (s: Section, k: string): string => (s && typeof s[k] === 'number' ? String(s[k]) : NULL);
const t = (v: unknown): string => (typeof v === 'string' ? esc(v) : NULL);

/**
 * The packet's telemetry_raw row as one line of COPY's text format (columns in HISTORY_COLUMNS order), built
 * straight from the parsed packet: storing history is the worker's hot path, and an intermediate row object
 * per packet costs more than the line itself. Null for an entry that is not a packet (see toHistoryRow).
 */
export function toCopyLine(h: HistoryPacket): string | null {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(h.packet) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof p.ts !== 'string' || typeof p.drone_id !== 'string') return null;
  const position = p.position as Section;
  const attitude = p.attitude as Section;
  const velocity = p.velocity as Section;
  const state = p.state as Section;
  const battery = p.battery as Section;
  const power = p.power as Section;
  const mahValue = mahOf(power);
  const mah = mahValue === null ? NULL : String(mahValue);
  const armed = state && typeof state.armed === 'boolean' ? (state.armed ? 't' : 'f') : NULL;
  return `${esc(p.drone_id)}\t${esc(p.ts)}\t${t(h.received_at)}\t${typeof p.schema_version === 'number' ? p.schema_version : 1}\t${n(position, 'lat')}\t${n(position, 'lon')}\t${n(position, 'alt_m')}\t${n(velocity, 'groundspeed_mps')}\t${n(velocity, 'vz_mps')}\t${n(attitude, 'yaw_deg')}\t${n(attitude, 'roll_deg')}\t${n(attitude, 'pitch_deg')}\t${armed}\t${t(state?.mode)}\t${n(battery, 'voltage_v')}\t${n(battery, 'remaining_pct')}\t${n(power, 'current_a')}\t${mah}\t${n(power, 'throttle')}\t${n(p.link as Section, 'rssi_dbm')}\t${t(h.source_ip)}\n`;
}
