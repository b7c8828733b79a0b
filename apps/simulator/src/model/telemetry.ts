import type { TelemetryV1, TelemetryV2 } from '@wingxtra/contracts';
import type { Position } from './geo.js';

/** Everything a drone's autopilot would tell the telemetry plugin at one moment. */
export interface DroneSnapshot {
  droneId: string;
  /** Where the GPS says the drone is; null while it has no fix. */
  position: Position | null;
  headingDeg: number;
  groundspeedMps: number;
  vzMps: number;
  rollDeg: number;
  pitchDeg: number;
  armed: boolean;
  mode: string;
  voltageV: number;
  remainingPct: number;
  currentA: number;
  mahDrawn: number;
  throttle: number;
  rssiDbm: number;
}

/** Rounded to the given decimals, never -0. */
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits || 0;

/** The canonical v1 packet the DroneEngage telemetry plugin posts, stamped with the reading time. */
export function toTelemetryV1(s: DroneSnapshot, ts: Date): TelemetryV1 {
  return {
    schema_version: 1,
    drone_id: s.droneId,
    ts: ts.toISOString(),
    position: s.position ? { lat: round(s.position.lat, 7), lon: round(s.position.lng, 7), alt_m: round(s.position.altM, 1) } : null,
    attitude: { yaw_deg: round(s.headingDeg, 1) },
    velocity: { groundspeed_mps: round(s.groundspeedMps, 2) },
    state: { armed: s.armed, mode: s.mode },
    battery: { voltage_v: round(s.voltageV, 2), remaining_pct: round(s.remainingPct, 1) },
    link: { rssi_dbm: Math.round(s.rssiDbm) },
  };
}

/** The v2 packet: v1 plus roll, pitch, vertical speed and the power section analytics measures flights with. */
export function toTelemetryV2(s: DroneSnapshot, ts: Date): TelemetryV2 {
  const v1 = toTelemetryV1(s, ts);
  return {
    ...v1,
    schema_version: 2,
    attitude: { yaw_deg: round(s.headingDeg, 1), roll_deg: round(s.rollDeg, 2), pitch_deg: round(s.pitchDeg, 2) },
    velocity: { groundspeed_mps: round(s.groundspeedMps, 2), vz_mps: round(s.vzMps, 2) },
    power: { current_a: round(s.currentA, 2), mah_drawn: Math.round(s.mahDrawn), throttle: round(s.throttle, 3) },
  };
}
