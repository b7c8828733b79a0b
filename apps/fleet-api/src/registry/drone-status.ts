import type { DroneEngageStatus, DroneStatus } from '@wingxtra/contracts';

/** The readings of a heartbeat that the status rules look at. */
export interface HeartbeatReadings {
  cpu_pct?: number | null;
  memory_pct?: number | null;
  disk_pct?: number | null;
  temperature_c?: number | null;
  droneengage_status?: DroneEngageStatus | null;
}

export interface HealthThresholds {
  /** A heartbeat older than this is no longer current (HEARTBEAT_TIMEOUT_S). */
  heartbeatTimeoutS: number;
  /** Telemetry older than this is no longer current (OFFLINE_AFTER_S, as for the latest views). */
  telemetryTimeoutS: number;
  cpuWarnPct: number;
  memoryWarnPct: number;
  diskWarnPct: number;
  temperatureWarnC: number;
}

export interface StatusInput {
  maintenance: boolean;
  lastHeartbeatAtMs: number | null;
  heartbeat: HeartbeatReadings | null;
  lastTelemetryAtMs: number | null;
  nowMs: number;
}

export interface DerivedStatus {
  status: DroneStatus;
  /** Why, in words; empty when healthy. */
  reasons: string[];
}

/** What a heartbeat is found wanting: each reading at or above its limit, and a DroneEngage link that is not connected. */
export function heartbeatWarnings(hb: HeartbeatReadings, t: HealthThresholds): string[] {
  const warnings: string[] = [];
  const over = (value: number | null | undefined, limit: number) => typeof value === 'number' && value >= limit;
  if (over(hb.cpu_pct, t.cpuWarnPct)) warnings.push(`cpu at ${hb.cpu_pct}% (limit ${t.cpuWarnPct}%)`);
  if (over(hb.memory_pct, t.memoryWarnPct)) warnings.push(`memory at ${hb.memory_pct}% (limit ${t.memoryWarnPct}%)`);
  if (over(hb.disk_pct, t.diskWarnPct)) warnings.push(`disk at ${hb.disk_pct}% (limit ${t.diskWarnPct}%)`);
  if (over(hb.temperature_c, t.temperatureWarnC)) warnings.push(`temperature ${hb.temperature_c} °C (limit ${t.temperatureWarnC} °C)`);
  if (hb.droneengage_status && hb.droneengage_status !== 'connected') warnings.push(`DroneEngage ${hb.droneengage_status}`);
  return warnings;
}

const age = (nowMs: number, atMs: number) => `${Math.round((nowMs - atMs) / 1000)} s`;

/**
 * The one home of a drone's status (docs/architecture.md, "Drone status"):
 * 1. maintenance mode: `maintenance`;
 * 2. neither a current heartbeat nor current telemetry: `offline`;
 * 3. a current heartbeat with warnings, or only one of the two current: `degraded`, naming each reason;
 * 4. otherwise `healthy`.
 */
export function deriveDroneStatus(input: StatusInput, t: HealthThresholds): DerivedStatus {
  if (input.maintenance) return { status: 'maintenance', reasons: ['in maintenance mode'] };
  const { nowMs, lastHeartbeatAtMs: hbAt, lastTelemetryAtMs: telAt } = input;
  const heartbeatCurrent = hbAt !== null && nowMs - hbAt <= t.heartbeatTimeoutS * 1000;
  const telemetryCurrent = telAt !== null && nowMs - telAt <= t.telemetryTimeoutS * 1000;
  const noHeartbeat = hbAt === null ? 'no heartbeat yet' : `no heartbeat for ${age(nowMs, hbAt)}`;
  const noTelemetry = telAt === null ? 'no telemetry yet' : `no telemetry for ${age(nowMs, telAt)}`;
  if (!heartbeatCurrent && !telemetryCurrent) return { status: 'offline', reasons: hbAt === null && telAt === null ? ['never heard from'] : [noHeartbeat, noTelemetry] };
  const reasons: string[] = [];
  if (!heartbeatCurrent) reasons.push(noHeartbeat);
  if (!telemetryCurrent) reasons.push(noTelemetry);
  if (heartbeatCurrent && input.heartbeat) reasons.push(...heartbeatWarnings(input.heartbeat, t));
  return reasons.length > 0 ? { status: 'degraded', reasons } : { status: 'healthy', reasons: [] };
}
