import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TelemetryV1Dto, TelemetryV2Dto } from '@wingxtra/contracts';
import { toTelemetryV1, toTelemetryV2, type DroneSnapshot } from './telemetry.js';

const snapshot: DroneSnapshot = {
  droneId: 'WX-SIM-001',
  position: { lat: 5.603712345678, lng: -0.18701234567, altM: 59.96 },
  headingDeg: 89.96,
  groundspeedMps: 14.996,
  vzMps: -0.004,
  rollDeg: 1.234,
  pitchDeg: -8.996,
  armed: true,
  mode: 'AUTO',
  voltageV: 24.123,
  remainingPct: 87.44,
  currentA: 33.333,
  mahDrawn: 1250.6,
  throttle: 0.58549,
  rssiDbm: -71.6,
};
const TS = new Date('2026-12-01T10:00:00.123Z');

describe('telemetry packets', () => {
  it('writes the canonical v1 packet, rounded as an autopilot reports', () => {
    expect(toTelemetryV1(snapshot, TS)).toEqual({
      schema_version: 1,
      drone_id: 'WX-SIM-001',
      ts: '2026-12-01T10:00:00.123Z',
      position: { lat: 5.6037123, lon: -0.1870123, alt_m: 60 },
      attitude: { yaw_deg: 90 },
      velocity: { groundspeed_mps: 15 },
      state: { armed: true, mode: 'AUTO' },
      battery: { voltage_v: 24.12, remaining_pct: 87.4 },
      link: { rssi_dbm: -72 },
    });
  });

  it('adds roll, pitch, vertical speed and power in v2, with whole milliampere-hours', () => {
    const p = toTelemetryV2(snapshot, TS);
    expect(p.schema_version).toBe(2);
    expect(p.attitude).toEqual({ yaw_deg: 90, roll_deg: 1.23, pitch_deg: -9 });
    expect(p.velocity).toEqual({ groundspeed_mps: 15, vz_mps: 0 });
    expect(p.power).toEqual({ current_a: 33.33, mah_drawn: 1251, throttle: 0.585 });
  });

  it('sends position null while the drone has no fix', () => {
    expect(toTelemetryV1({ ...snapshot, position: null }, TS).position).toBeNull();
  });

  it('produces packets the contracts accept', () => {
    expect(validateSync(plainToInstance(TelemetryV1Dto, toTelemetryV1(snapshot, TS)))).toEqual([]);
    expect(validateSync(plainToInstance(TelemetryV2Dto, toTelemetryV2(snapshot, TS)))).toEqual([]);
  });
});
