/**
 * Pure mapping of what detection kits report (DragonSync's /drones, /signals and /status, in the shapes seen in
 * the field) into one set of rows. Nothing here throws on bad input: a field that is missing, of the wrong type
 * or out of range becomes null; an entry that cannot be identified at all is left out.
 */

const FEET_TO_M = 0.3048;
const KNOTS_TO_MPS = 0.514444;
/** Detection times further ahead of the collector's clock than this are not believed (a kit clock off). */
const MAX_FUTURE_MS = 5 * 60_000;

export interface TrackRow {
  time: Date;
  kit_id: string;
  track_id: string;
  kind: 'drone' | 'aircraft';
  source: string | null;
  serial: string | null;
  callsign: string | null;
  lat: number | null;
  lon: number | null;
  alt_m: number | null;
  height_m: number | null;
  speed_mps: number | null;
  vspeed_mps: number | null;
  heading_deg: number | null;
  rssi_dbm: number | null;
  freq_mhz: number | null;
  mac: string | null;
  ua_type: string | null;
  operator_id: string | null;
  caa_id: string | null;
  pilot_lat: number | null;
  pilot_lon: number | null;
  home_lat: number | null;
  home_lon: number | null;
  rid_make: string | null;
  rid_model: string | null;
  squawk: string | null;
  on_ground: boolean | null;
}

export interface SignalRow {
  time: Date;
  kit_id: string;
  signal_id: string;
  detection_type: string | null;
  source: string | null;
  freq_mhz: number | null;
  bandwidth_mhz: number | null;
  power_dbm: number | null;
  lat: number | null;
  lon: number | null;
  alt_m: number | null;
}

export interface SystemHealthRow {
  time: Date;
  kit_id: string;
  lat: number | null;
  lon: number | null;
  alt_m: number | null;
  gps_fix: boolean | null;
  cpu_percent: number | null;
  memory_percent: number | null;
  disk_percent: number | null;
  uptime_hours: number | null;
  temp_cpu_c: number | null;
  temp_gpu_c: number | null;
  temp_sdr_c: number | null;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A finite number from a number or a numeric string; anything else null. */
export function safeFloat(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function safeInt(v: unknown): number | null {
  const n = safeFloat(v);
  return n === null ? null : Math.trunc(n);
}

/** Trimmed non-empty text (numbers are written out); anything else null. */
export function safeText(v: unknown, max = 200): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t.slice(0, max);
}

function safeBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (['true', 'yes', '1'].includes(t)) return true;
    if (['false', 'no', '0'].includes(t)) return false;
  }
  return null;
}

function within(v: number | null, min: number, max: number): number | null {
  return v !== null && v >= min && v <= max ? v : null;
}

/** A latitude/longitude pair, or nulls when either is missing, out of range, or exactly (0, 0) ("no fix"). */
function position(latV: unknown, lonV: unknown): [number | null, number | null] {
  const lat = within(safeFloat(latV), -90, 90);
  const lon = within(safeFloat(lonV), -180, 180);
  if (lat === null || lon === null || (lat === 0 && lon === 0)) return [null, null];
  return [lat, lon];
}

const heading = (v: unknown) => {
  const n = safeFloat(v);
  return n === null || n < -360 || n > 720 ? null : ((n % 360) + 360) % 360;
};

/** A frequency in MHz: values above 100,000 are taken as Hz (kits report both). */
function mhz(v: unknown): number | null {
  const n = safeFloat(v);
  if (n === null || n <= 0) return null;
  return n > 1e5 ? n / 1e6 : n;
}

/**
 * The time of a detection: epoch seconds or milliseconds, or an ISO 8601 / "YYYY-MM-DD HH:MM:SS" text (UTC when
 * it names no zone). Missing, unreadable or more than 5 minutes ahead of `receivedAt`: `receivedAt`.
 */
export function parseTime(v: unknown, receivedAt: Date): Date {
  let ms: number | null = null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null;
  if (n !== null && Number.isFinite(n) && n > 0) ms = n > 1e11 ? n : n * 1000;
  else if (typeof v === 'string' && v.trim() !== '') {
    let t = v.trim().replace(' ', 'T');
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
    const parsed = Date.parse(t);
    if (Number.isFinite(parsed)) ms = parsed;
  }
  if (ms === null || ms > receivedAt.getTime() + MAX_FUTURE_MS || ms < Date.UTC(2000, 0, 1)) return receivedAt;
  return new Date(Math.round(ms));
}

/** The entries of a list answer: a bare array or the array under one of `keys`; null when neither. */
export function listOf(payload: unknown, keys: string[]): unknown[] | null {
  if (Array.isArray(payload)) return payload;
  if (isObj(payload)) for (const k of keys) if (Array.isArray(payload[k])) return payload[k] as unknown[];
  return null;
}

/** First value present (not undefined/null/'') among the keys. */
function pick(o: Obj, ...keys: string[]): unknown {
  for (const k of keys) {
    const v = o[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function isAircraft(d: Obj): boolean {
  const t = typeof d.track_type === 'string' ? d.track_type.toLowerCase() : '';
  if (t === 'aircraft') return true;
  if (t === 'drone') return false;
  return pick(d, 'icao', 'hex') !== undefined;
}

/** Feet to metres; readsb's `alt_baro: "ground"` is 0. */
function feet(v: unknown): number | null {
  if (typeof v === 'string' && v.trim().toLowerCase() === 'ground') return 0;
  const n = safeFloat(v);
  return n === null ? null : Math.round(n * FEET_TO_M * 10) / 10;
}

/** One entry of /drones as a row (Remote ID or DJI drone, or an ADS-B aircraft); null when it has no id. */
export function normalizeTrack(entry: unknown, kitId: string, receivedAt: Date): TrackRow | null {
  if (!isObj(entry)) return null;
  const d = entry;
  const rid = isObj(d.rid) ? d.rid : {};
  const aircraft = isAircraft(d);
  const hex = safeText(pick(d, 'icao', 'hex'), 16)?.toUpperCase() ?? null;
  const trackId = safeText(pick(d, 'id', 'drone_id', 'uid'), 128) ?? (hex ? `adsb-${hex.toLowerCase()}` : null) ?? safeText(d.mac, 64);
  if (!trackId) return null;
  const [lat, lon] = position(d.lat, d.lon);
  const [pilotLat, pilotLon] = position(d.pilot_lat, d.pilot_lon);
  const [homeLat, homeLon] = position(d.home_lat, d.home_lon);
  // readsb's `seen`: seconds since the aircraft's last message, when no absolute time is given.
  const seen = safeFloat(d.seen);
  const when = pick(d, 'observed_at', 'timestamp', 'time', 'last_update_time') ?? (seen !== null && seen >= 0 ? (receivedAt.getTime() - seen * 1000) : undefined);
  const base = {
    time: parseTime(when, receivedAt),
    kit_id: kitId,
    track_id: trackId,
    lat,
    lon,
    heading_deg: heading(pick(d, 'direction', 'heading', 'track', 'course')),
    rssi_dbm: within(safeFloat(d.rssi), -200, 50),
    freq_mhz: mhz(d.freq),
    mac: safeText(d.mac, 64),
    pilot_lat: pilotLat,
    pilot_lon: pilotLon,
    home_lat: homeLat,
    home_lon: homeLon,
  };
  if (aircraft) {
    const alt = pick(d, 'alt_geom', 'alt_baro', 'alt', 'altitude');
    const knots = safeFloat(pick(d, 'ground_speed', 'gs'));
    return {
      ...base,
      kind: 'aircraft',
      source: safeText(d.source, 32) ?? 'adsb',
      serial: hex,
      callsign: safeText(d.flight, 16) ?? safeText(d.callsign, 32),
      alt_m: feet(alt),
      height_m: null,
      speed_mps: knots !== null ? Math.round(knots * KNOTS_TO_MPS * 100) / 100 : safeFloat(d.speed),
      vspeed_mps: ((fpm) => (fpm === null ? null : Math.round(fpm * FEET_TO_M / 60 * 100) / 100))(safeFloat(pick(d, 'geom_rate', 'baro_rate'))),
      ua_type: safeText(pick(d, 'category', 'cat'), 8),
      operator_id: null,
      caa_id: null,
      rid_make: null,
      rid_model: null,
      squawk: safeText(d.squawk, 8),
      on_ground: safeBool(pick(d, 'on_ground', 'onground', 'OnGround')) ?? (typeof d.alt_baro === 'string' && d.alt_baro.toLowerCase() === 'ground' ? true : null),
    };
  }
  const idType = typeof d.id_type === 'string' ? d.id_type : '';
  const serial = safeText(pick(d, 'serial', 'serial_number'), 64) ?? (/serial/i.test(idType) ? trackId.replace(/^drone-/, '') : null);
  return {
    ...base,
    kind: 'drone',
    source: safeText(pick(d, 'transport', 'source'), 32) ?? 'remote_id',
    serial,
    callsign: null,
    alt_m: safeFloat(pick(d, 'alt', 'altitude')),
    height_m: safeFloat(d.height),
    speed_mps: safeFloat(d.speed),
    vspeed_mps: safeFloat(d.vspeed),
    ua_type: safeText(pick(d, 'ua_type_name', 'ua_type'), 64),
    operator_id: safeText(d.operator_id, 64),
    caa_id: safeText(d.caa_id, 64),
    rid_make: safeText(pick(d, 'rid_make', 'make') ?? rid.make, 64),
    rid_model: safeText(pick(d, 'rid_model', 'model') ?? rid.model, 64),
    squawk: null,
    on_ground: null,
  };
}

/** One entry of /signals (an FPV or other RF detection) as a row; null when it is not an object. */
export function normalizeSignal(entry: unknown, kitId: string, receivedAt: Date): SignalRow | null {
  if (!isObj(entry)) return null;
  const s = entry;
  const freq = mhz(pick(s, 'freq_mhz', 'freq', 'center_hz', 'frequency_hz', 'frequency'));
  const type = safeText(pick(s, 'signal_type', 'type', 'detection_type'), 32);
  const bw = pick(s, 'bandwidth_mhz', 'bandwidth', 'bandwidth_hz');
  const id = safeText(pick(s, 'uid', 'id', 'alert_id'), 128) ?? `${type ?? 'signal'}-${freq === null ? 'unknown' : `${Math.round(freq)}MHz`}`;
  const [lat, lon] = position(s.lat, s.lon);
  return {
    time: parseTime(pick(s, 'observed_at', 'timestamp', 'time', 'last_update_time'), receivedAt),
    kit_id: kitId,
    signal_id: id,
    detection_type: type,
    source: safeText(s.source, 64),
    freq_mhz: freq === null ? null : Math.round(freq * 1000) / 1000,
    bandwidth_mhz: mhz(bw),
    power_dbm: within(safeFloat(pick(s, 'power_dbm', 'power', 'rssi')), -200, 50),
    lat,
    lon,
    alt_m: safeFloat(s.alt),
  };
}

const percent = (v: unknown) => within(safeFloat(v), 0, 100);
const ratioPercent = (part: unknown, whole: unknown) => {
  const p = safeFloat(part);
  const w = safeFloat(whole);
  return p === null || w === null || w <= 0 ? null : within(Math.round((p / w) * 1000) / 10, 0, 100);
};
const celsius = (v: unknown) => within(safeFloat(v), -80, 200);

/**
 * /status as a system-health row (the kit's GPS position, CPU, memory, disk, uptime, temperatures); null when the
 * answer is not an object or is DragonSync's `{"error": ...}`.
 */
export function normalizeStatus(payload: unknown, kitId: string, receivedAt: Date): SystemHealthRow | null {
  if (!isObj(payload) || (payload.error !== undefined && Object.keys(payload).length <= 2)) return null;
  const p = payload;
  const gps = isObj(p.gps) ? p.gps : p;
  const cpu = isObj(p.cpu) ? p.cpu : {};
  const memory = isObj(p.memory) ? p.memory : {};
  const disk = isObj(p.disk) ? p.disk : {};
  const temps = isObj(p.temps) ? p.temps : {};
  const [lat, lon] = position(gps.lat ?? gps.latitude, gps.lon ?? gps.longitude);
  const uptimeHours = safeFloat(p.uptime_hours);
  const uptimeS = safeFloat(p.uptime);
  const memTotal = safeFloat(p.memory_total);
  const memAvail = safeFloat(p.memory_available);
  return {
    time: parseTime(pick(p, 'timestamp', 'time', 'last_update_time'), receivedAt),
    kit_id: kitId,
    lat,
    lon,
    alt_m: safeFloat(gps.alt ?? gps.altitude),
    gps_fix: safeBool(p.gps_fix ?? gps.fix),
    cpu_percent: percent(pick(cpu, 'percent') ?? pick(p, 'cpu_percent', 'cpu_usage')),
    memory_percent: percent(pick(memory, 'percent') ?? p.memory_percent) ?? (memTotal !== null && memAvail !== null ? ratioPercent(memTotal - memAvail, memTotal) : null),
    disk_percent: percent(pick(disk, 'percent') ?? p.disk_percent) ?? ratioPercent(p.disk_used, p.disk_total),
    uptime_hours: uptimeHours ?? (uptimeS === null ? null : Math.round((uptimeS / 3600) * 1000) / 1000),
    temp_cpu_c: celsius(pick(temps, 'cpu') ?? pick(p, 'temp_cpu', 'temperature')),
    temp_gpu_c: celsius(pick(temps, 'gpu') ?? p.temp_gpu),
    temp_sdr_c: celsius(pick(temps, 'sdr', 'pluto') ?? p.pluto_temp),
  };
}

/** Every identifiable entry of a /drones answer, the newest report per track (kits may list a track twice). */
export function normalizeTracks(payload: unknown, kitId: string, receivedAt: Date): TrackRow[] | null {
  const list = listOf(payload, ['drones', 'tracks', 'aircraft']);
  if (list === null) return null;
  return dedupe(list.map((e) => normalizeTrack(e, kitId, receivedAt)), (r) => `${r.track_id}|${r.time.getTime()}`);
}

export function normalizeSignals(payload: unknown, kitId: string, receivedAt: Date): SignalRow[] | null {
  const list = listOf(payload, ['signals', 'alerts']);
  if (list === null) return null;
  return dedupe(list.map((e) => normalizeSignal(e, kitId, receivedAt)), (r) => `${r.signal_id}|${r.time.getTime()}`);
}

/** Rows with a unique key (the table's primary key within one kit), first kept. */
function dedupe<T>(rows: Array<T | null>, key: (r: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of rows) {
    if (r === null) continue;
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
