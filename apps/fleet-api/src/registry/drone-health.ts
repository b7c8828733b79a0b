import type { FleetConfig } from '../config/fleet-config.js';
import type { HealthThresholds } from './drone-status.js';

/** The status thresholds of the configuration. */
export const healthThresholds = (c: FleetConfig): HealthThresholds => ({
  heartbeatTimeoutS: c.HEARTBEAT_TIMEOUT_S,
  telemetryTimeoutS: c.OFFLINE_AFTER_S,
  cpuWarnPct: c.HEARTBEAT_CPU_WARN_PCT,
  memoryWarnPct: c.HEARTBEAT_MEMORY_WARN_PCT,
  diskWarnPct: c.HEARTBEAT_DISK_WARN_PCT,
  temperatureWarnC: c.HEARTBEAT_TEMPERATURE_WARN_C,
});
