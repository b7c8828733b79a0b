import { describe, expect, it } from '@jest/globals';
import { deriveDroneStatus, heartbeatWarnings, type HealthThresholds, type StatusInput } from './drone-status.js';

const T: HealthThresholds = { heartbeatTimeoutS: 60, telemetryTimeoutS: 30, cpuWarnPct: 90, memoryWarnPct: 90, diskWarnPct: 90, temperatureWarnC: 80 };
const NOW = Date.parse('2026-12-01T12:00:00Z');
const fine = { cpu_pct: 20, memory_pct: 40, disk_pct: 50, temperature_c: 55, droneengage_status: 'connected' as const };
const input = (over: Partial<StatusInput>): StatusInput => ({ maintenance: false, lastHeartbeatAtMs: NOW - 5000, heartbeat: fine, lastTelemetryAtMs: NOW - 1000, nowMs: NOW, ...over });

describe('deriveDroneStatus', () => {
  it('is healthy with a current, unremarkable heartbeat and current telemetry', () => {
    expect(deriveDroneStatus(input({}), T)).toEqual({ status: 'healthy', reasons: [] });
  });

  it('is maintenance whatever else holds', () => {
    expect(deriveDroneStatus(input({ maintenance: true, lastHeartbeatAtMs: null, lastTelemetryAtMs: null }), T)).toEqual({ status: 'maintenance', reasons: ['in maintenance mode'] });
  });

  it('is offline when never heard from', () => {
    expect(deriveDroneStatus(input({ lastHeartbeatAtMs: null, heartbeat: null, lastTelemetryAtMs: null }), T)).toEqual({ status: 'offline', reasons: ['never heard from'] });
  });

  it('is offline once both the heartbeat (60 s) and telemetry (30 s) are stale, naming each', () => {
    expect(deriveDroneStatus(input({ lastHeartbeatAtMs: NOW - 61_000, lastTelemetryAtMs: NOW - 31_000 }), T)).toEqual({
      status: 'offline',
      reasons: ['no heartbeat for 61 s', 'no telemetry for 31 s'],
    });
  });

  it('still counts a heartbeat exactly 60 s old as current', () => {
    expect(deriveDroneStatus(input({ lastHeartbeatAtMs: NOW - 60_000 }), T).status).toBe('healthy');
  });

  it('is degraded when telemetry flows but the companion computer is silent', () => {
    expect(deriveDroneStatus(input({ lastHeartbeatAtMs: null, heartbeat: null }), T)).toEqual({ status: 'degraded', reasons: ['no heartbeat yet'] });
  });

  it('is degraded when heartbeats come but telemetry does not', () => {
    expect(deriveDroneStatus(input({ lastTelemetryAtMs: NOW - 45_000 }), T)).toEqual({ status: 'degraded', reasons: ['no telemetry for 45 s'] });
  });

  it('is degraded by every reading at or over its limit, each named', () => {
    const hot = { cpu_pct: 90, memory_pct: 95, disk_pct: 99, temperature_c: 81, droneengage_status: 'disconnected' as const };
    expect(deriveDroneStatus(input({ heartbeat: hot }), T)).toEqual({
      status: 'degraded',
      reasons: ['cpu at 90% (limit 90%)', 'memory at 95% (limit 90%)', 'disk at 99% (limit 90%)', 'temperature 81 °C (limit 80 °C)', 'DroneEngage disconnected'],
    });
  });

  it('ignores the readings of a heartbeat that is no longer current', () => {
    const hot = { cpu_pct: 99 };
    expect(deriveDroneStatus(input({ heartbeat: hot, lastHeartbeatAtMs: NOW - 120_000 }), T)).toEqual({ status: 'degraded', reasons: ['no heartbeat for 120 s'] });
  });
});

describe('heartbeatWarnings', () => {
  it('finds nothing wanting in a heartbeat that carries no readings', () => {
    expect(heartbeatWarnings({}, T)).toEqual([]);
  });

  it('keeps just under a limit quiet', () => {
    expect(heartbeatWarnings({ cpu_pct: 89.9, temperature_c: 79.9, droneengage_status: 'connected' }, T)).toEqual([]);
  });
});
