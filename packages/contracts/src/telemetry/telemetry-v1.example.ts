import type { TelemetryV1 } from './telemetry-v1.dto.js';

/** The example packet of the fleet-api spec §4, for docs, tests and simulators. Returns a fresh copy. */
export function telemetryV1Example(): TelemetryV1 {
  return {
    schema_version: 1,
    drone_id: 'WX-DRN-001',
    ts: '2026-02-16T12:34:56.123Z',
    position: { lat: 5.6037, lon: -0.187, alt_m: 120.3 },
    attitude: { yaw_deg: 45.0 },
    velocity: { groundspeed_mps: 12.4 },
    state: { armed: true, mode: 'AUTO' },
    battery: { voltage_v: 22.1, remaining_pct: 67 },
    link: { rssi_dbm: -62 },
  };
}
