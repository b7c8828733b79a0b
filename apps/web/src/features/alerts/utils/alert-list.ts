import type { AlertDto, AlertListQueryDto, AlertRule, AlertState } from '@wingxtra/contracts/client';

/** An alert only moves forward: active → acknowledged → cleared (or active → cleared). */
const RANK: Record<AlertState, number> = { active: 0, acknowledged: 1, cleared: 2 };

/** The later of two copies of one alert: the further state wins; at the same state, the one given second. */
export function newerAlert(held: AlertDto, incoming: AlertDto): AlertDto {
  return RANK[incoming.state] >= RANK[held.state] ? incoming : held;
}

/**
 * One list from alerts of any source (a page of GET /alerts, stream events, an acknowledgement's answer), each
 * alert once in its latest state, whatever order the copies arrived in.
 */
export function mergeAlerts(...sources: ReadonlyArray<readonly AlertDto[]>): AlertDto[] {
  const byId = new Map<string, AlertDto>();
  for (const source of sources) {
    for (const a of source) {
      const held = byId.get(a.id);
      byId.set(a.id, held ? newerAlert(held, a) : a);
    }
  }
  return orderAlerts([...byId.values()]);
}

/** Open ones first (active before acknowledged, critical before warning), then cleared; newest first within each. */
export function orderAlerts(alerts: AlertDto[]): AlertDto[] {
  const sev = (a: AlertDto) => (a.severity === 'critical' ? 0 : 1);
  return alerts.sort((a, b) => RANK[a.state] - RANK[b.state] || (a.state === 'active' ? sev(a) - sev(b) : 0) || Date.parse(b.raised_at) - Date.parse(a.raised_at) || a.id.localeCompare(b.id));
}

export type AlertFilter = Pick<AlertListQueryDto, 'state' | 'rule' | 'drone_id'>;

/** Whether an alert belongs in a list asked for with these filters (GET /alerts' own meaning: open = active or acknowledged). */
export function matchesAlertFilter(a: AlertDto, f: AlertFilter): boolean {
  if (f.state === 'open' ? a.state === 'cleared' : f.state !== undefined && a.state !== f.state) return false;
  if (f.rule !== undefined && a.rule !== f.rule) return false;
  if (f.drone_id !== undefined && a.drone_id !== f.drone_id) return false;
  return true;
}

/**
 * What an alerts list shows: the alerts fleet-api listed, overlaid with every change the stream brought since,
 * kept only while it still matches the filter (an alert acknowledged under "active" leaves that list).
 */
export function alertsView(listed: readonly AlertDto[], streamed: readonly AlertDto[], filter: AlertFilter): AlertDto[] {
  return mergeAlerts(listed, streamed).filter((a) => matchesAlertFilter(a, filter));
}

export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  no_fly_zone: 'Inside a no-fly zone',
  outside_service_area: 'Outside every service area',
  altitude_limit: 'Outside the altitude band',
  low_battery: 'Low battery',
  link_loss: 'Telemetry lost while armed',
  heartbeat_degraded: 'Companion computer degraded',
};

export const ALERT_STATE_LABELS: Record<AlertState, string> = { active: 'Active', acknowledged: 'Acknowledged', cleared: 'Cleared' };

/** How many alerts are open, and how many of those still want someone to acknowledge them. */
export function alertCounts(alerts: readonly AlertDto[]): { open: number; unacknowledged: number } {
  let open = 0;
  let unacknowledged = 0;
  for (const a of alerts) {
    if (a.state !== 'cleared') open++;
    if (a.state === 'active') unacknowledged++;
  }
  return { open, unacknowledged };
}
