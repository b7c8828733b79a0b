import type { DroneDto, DroneEventDto } from '@wingxtra/contracts/client';

/** What the registry tells of a companion computer's recent health, for the drone page. */
export interface HeartbeatSummary {
  /** Since the last heartbeat, ms (null: none yet). */
  lastHeartbeatAgoMs: number | null;
  /** Heartbeat warnings raised within the window (each is a warning that appeared, not every heartbeat carrying it). */
  warnings: number;
  /** The newest warning's words and time, and the readings it came with. */
  latestWarning: { at: string; message: string; readings: Array<[string, string]> } | null;
  /** Status changes within the window, and the newest one. */
  statusChanges: number;
  latestChange: { at: string; from: string; to: string } | null;
  /** DroneEngage or other companion-computer errors within the window. */
  errors: number;
}

const READING_LABELS: Array<[string, string, string]> = [
  ['cpu_pct', 'CPU', '%'],
  ['memory_pct', 'Memory', '%'],
  ['disk_pct', 'Disk', '%'],
  ['temperature_c', 'Temperature', '°C'],
  ['software_version', 'Software', ''],
  ['uptime_s', 'Uptime', 's'],
  ['droneengage_status', 'DroneEngage', ''],
];

/** The readings a heartbeat event carries (details.heartbeat), labelled, in a fixed order. */
export function heartbeatReadings(details: Record<string, unknown>): Array<[string, string]> {
  const hb = details.heartbeat;
  if (!hb || typeof hb !== 'object') return [];
  const out: Array<[string, string]> = [];
  for (const [key, label, unit] of READING_LABELS) {
    const v = (hb as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    out.push([label, typeof v === 'number' ? `${Math.round(v * 10) / 10}${unit ? (unit === '%' || unit === '°C' ? unit : ` ${unit}`) : ''}` : String(v)]);
  }
  return out;
}

/**
 * Sums up a drone's heartbeat history from its events (newest first, as fleet-api lists them) within the last
 * `windowMs`: the registry keeps every heartbeat but answers only the newest time and the events it caused.
 */
export function summarizeHeartbeats(drone: Pick<DroneDto, 'last_heartbeat_at'>, events: readonly DroneEventDto[], nowMs = Date.now(), windowMs = 86_400_000): HeartbeatSummary {
  const recent = events.filter((e) => nowMs - Date.parse(e.created_at) <= windowMs);
  const warnings = recent.filter((e) => e.type === 'heartbeat_warning');
  const changes = recent.filter((e) => e.type === 'status_changed');
  const w = warnings[0];
  const c = changes[0];
  const lastAt = drone.last_heartbeat_at ? Date.parse(drone.last_heartbeat_at) : Number.NaN;
  return {
    lastHeartbeatAgoMs: Number.isFinite(lastAt) ? Math.max(0, nowMs - lastAt) : null,
    warnings: warnings.length,
    latestWarning: w ? { at: w.created_at, message: w.message, readings: heartbeatReadings(w.details) } : null,
    statusChanges: changes.length,
    latestChange: c ? { at: c.created_at, from: String(c.details.from ?? '?'), to: String(c.details.to ?? '?') } : null,
    errors: recent.filter((e) => e.type === 'error').length,
  };
}
