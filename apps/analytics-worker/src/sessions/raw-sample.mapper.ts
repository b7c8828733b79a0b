import type { TelemetrySample } from '../flights/sample.js';
import type { RawSample } from '../history/telemetry-raw.repository.js';

/** A telemetry_raw row as the flight logic reads it (absent columns stay absent). */
export function toTelemetrySample(r: RawSample): TelemetrySample {
  const s: TelemetrySample = { tsMs: r.ts.getTime() };
  if (r.lat !== null) s.lat = r.lat;
  if (r.lon !== null) s.lon = r.lon;
  if (r.alt_m !== null) s.altM = r.alt_m;
  if (r.groundspeed_mps !== null) s.groundspeedMps = r.groundspeed_mps;
  if (r.vz_mps !== null) s.vzMps = r.vz_mps;
  if (r.armed !== null) s.armed = r.armed;
  if (r.mode !== null) s.mode = r.mode;
  if (r.voltage_v !== null) s.voltageV = r.voltage_v;
  if (r.current_a !== null) s.currentA = r.current_a;
  if (r.mah_drawn !== null) s.mahDrawn = r.mah_drawn;
  if (r.remaining_pct !== null) s.remainingPct = r.remaining_pct;
  if (r.throttle !== null) s.throttle = r.throttle;
  if (r.roll_deg !== null) s.rollDeg = r.roll_deg;
  if (r.pitch_deg !== null) s.pitchDeg = r.pitch_deg;
  if (r.yaw_deg !== null) s.yawDeg = r.yaw_deg;
  return s;
}
