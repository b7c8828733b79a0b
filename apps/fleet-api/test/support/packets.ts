import type { TelemetryV1 } from '@wingxtra/contracts';

let clock = Date.now() - 60_000;

/** A unique, increasing reading time (so packets of one test never collide by accident). */
export function nextTs(): string {
  clock += 10;
  return new Date(clock).toISOString();
}

/** The spec's example packet (§4), with a fresh ts unless given. */
export function packet(droneId = 'WX-DRN-001', overrides: Partial<TelemetryV1> = {}): TelemetryV1 {
  return {
    schema_version: 1,
    drone_id: droneId,
    ts: nextTs(),
    position: { lat: 5.6037, lon: -0.187, alt_m: 120.3 },
    attitude: { yaw_deg: 45.0 },
    velocity: { groundspeed_mps: 12.4 },
    state: { armed: true, mode: 'AUTO' },
    battery: { voltage_v: 22.1, remaining_pct: 67 },
    link: { rssi_dbm: -62 },
    ...overrides,
  } as TelemetryV1;
}
