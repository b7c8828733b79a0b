import type { TelemetryV2 } from './telemetry-v2.dto.js';

/** An example v2 packet (the v1 example plus every v2 field), for docs, tests and simulators. Returns a fresh copy. */
export function telemetryV2Example(): TelemetryV2 {
  return {
    schema_version: 2,
    drone_id: 'WX-DRN-001',
    ts: '2026-02-16T12:34:56.123Z',
    position: { lat: 5.6037, lon: -0.187, alt_m: 120.3 },
    attitude: { yaw_deg: 45.0, roll_deg: -2.5, pitch_deg: 4.0 },
    velocity: { groundspeed_mps: 12.4, vz_mps: 0.8 },
    state: { armed: true, mode: 'AUTO' },
    battery: { voltage_v: 22.1, remaining_pct: 67 },
    link: { rssi_dbm: -62 },
    power: { current_a: 18.6, mah_drawn: 1250, throttle: 0.42 },
  };
}
