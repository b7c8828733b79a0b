import { telemetryV1Example, telemetryV2Example, type TelemetryV1, type TelemetryV2 } from '@wingxtra/contracts';

let clock = Date.now() - 60_000;

/** A unique, increasing reading time (so packets of one test never collide by accident). */
export function nextTs(): string {
  clock += 10;
  return new Date(clock).toISOString();
}

/** The spec's example packet (§4), with a fresh ts unless given. */
export function packet(droneId = 'WX-DRN-001', overrides: Partial<TelemetryV1> = {}): TelemetryV1 {
  return { ...telemetryV1Example(), drone_id: droneId, ts: nextTs(), ...overrides } as TelemetryV1;
}

/** The v2 example packet (every v2 field), with a fresh ts unless given. */
export function packetV2(droneId = 'WX-DRN-001', overrides: Partial<TelemetryV2> = {}): TelemetryV2 {
  return { ...telemetryV2Example(), drone_id: droneId, ts: nextTs(), ...overrides } as TelemetryV2;
}
