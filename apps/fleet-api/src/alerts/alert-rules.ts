import { checkPosition, type AlertRule, type AlertSeverity, type GeofenceShape } from '@wingxtra/contracts';

/** What the rules read of a drone's latest merged state. */
export interface DroneState {
  droneId: string;
  /** null: the drone never said (no state section). */
  armed: boolean | null;
  position: { lat: number; lon: number; alt_m?: number | null } | null;
  batteryPct: number | null;
  /** Server time the state was last stored. */
  lastSeenMs: number;
}

export interface AlertThresholds {
  lowBatteryPct: number;
  lowBatteryClearPct: number;
  linkLossS: number;
}

/** A rule's finding: the condition holds (raise, or keep) or not (clear), and what to say when raising. */
export interface RuleVerdict {
  holds: boolean;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
}

export const RULE_SEVERITY: Record<AlertRule, AlertSeverity> = {
  no_fly_zone: 'critical',
  outside_service_area: 'warning',
  altitude_limit: 'warning',
  low_battery: 'warning',
  link_loss: 'critical',
  heartbeat_degraded: 'warning',
};

const verdict = (rule: AlertRule, holds: boolean, message = '', details: Record<string, unknown> = {}): RuleVerdict => ({ holds, severity: RULE_SEVERITY[rule], message, details });

/**
 * The telemetry rules on a drone's latest state (docs/architecture.md, "Alert rules"). Only the rules the
 * state can judge are answered: no position, no geofence verdict; no battery reading, no battery verdict.
 * - geofences (checkPosition of the contracts, one home with delivery-service's dropoff check): inside a
 *   no-fly zone's volume, outside every service area, outside the altitude band of the areas it is in; judged
 *   unless the drone says it is disarmed (a disarmed drone clears them);
 * - low_battery: below lowBatteryPct while not disarmed, kept open until lowBatteryClearPct (no flapping);
 * - link_loss: only cleared here, by fresh telemetry; it is raised by the sweep (judgeLinkLoss).
 */
export function judgeTelemetry(s: DroneState, fences: GeofenceShape[], t: AlertThresholds, nowMs: number, open: ReadonlySet<AlertRule>): Map<AlertRule, RuleVerdict> {
  const out = new Map<AlertRule, RuleVerdict>();
  const flying = s.armed !== false;
  if (!flying) {
    for (const rule of ['no_fly_zone', 'outside_service_area', 'altitude_limit', 'low_battery'] as const) out.set(rule, verdict(rule, false));
  } else {
    if (s.position) {
      const alt = typeof s.position.alt_m === 'number' ? s.position.alt_m : null;
      const found = checkPosition(fences, s.position, alt);
      for (const rule of ['no_fly_zone', 'outside_service_area', 'altitude_limit'] as const) {
        const v = found.violations.find((x) => x.rule === rule);
        out.set(rule, v ? verdict(rule, true, `${s.droneId} ${v.message}`, { fences: v.fences, lat: s.position.lat, lon: s.position.lon, alt_m: alt }) : verdict(rule, false));
      }
    }
    if (s.batteryPct !== null) {
      const limit = open.has('low_battery') ? t.lowBatteryClearPct : t.lowBatteryPct;
      const low = s.batteryPct < limit;
      out.set('low_battery', verdict('low_battery', low, `${s.droneId} battery at ${s.batteryPct}% (below ${t.lowBatteryPct}%)`, { remaining_pct: s.batteryPct, threshold_pct: t.lowBatteryPct }));
    }
  }
  if (nowMs - s.lastSeenMs < t.linkLossS * 1000) out.set('link_loss', verdict('link_loss', false));
  return out;
}

/** link_loss: an armed drone silent for linkLossS or more. */
export function judgeLinkLoss(s: DroneState, t: AlertThresholds, nowMs: number): RuleVerdict {
  const silentS = Math.round((nowMs - s.lastSeenMs) / 100) / 10;
  const holds = s.armed === true && nowMs - s.lastSeenMs >= t.linkLossS * 1000;
  return verdict('link_loss', holds, `${s.droneId} silent for ${silentS} s while armed`, { silent_s: silentS, last_seen_ts: new Date(s.lastSeenMs).toISOString() });
}

/** The rule state of a stored latest document ({"drone_id","last_seen_ts","telemetry",...}). */
export function droneStateOf(doc: { drone_id: string; last_seen_ts: string; telemetry: { state?: { armed?: boolean | null }; position?: { lat: number; lon: number; alt_m?: number | null }; battery?: { remaining_pct?: number | null } } }): DroneState {
  const t = doc.telemetry;
  return {
    droneId: doc.drone_id,
    armed: typeof t.state?.armed === 'boolean' ? t.state.armed : null,
    position: t.position && typeof t.position.lat === 'number' && typeof t.position.lon === 'number' ? t.position : null,
    batteryPct: typeof t.battery?.remaining_pct === 'number' ? t.battery.remaining_pct : null,
    lastSeenMs: Date.parse(doc.last_seen_ts),
  };
}
