import { describe, expect, it } from '@jest/globals';
import { acknowledged, alert, cleared } from '../../../../test/support/alerts';
import { alertCounts, alertsView, matchesAlertFilter, mergeAlerts, newerAlert } from './alert-list';

describe('merging alerts from the list and the stream', () => {
  it('adds an alert the stream brings that the list did not have', () => {
    const listed = alert({ raised_at: '2026-12-01T10:00:00.000Z' });
    const fresh = alert({ rule: 'link_loss', raised_at: '2026-12-01T10:05:00.000Z' });
    expect(mergeAlerts([listed], [fresh]).map((a) => a.id)).toEqual([fresh.id, listed.id]);
  });

  it('keeps each alert once, in its latest state, whichever copy arrives last', () => {
    const a = alert();
    const ack = acknowledged(a);
    expect(mergeAlerts([a], [ack])).toEqual([ack]);
    // A list read before the acknowledgement arrives after the stream's copy: the acknowledgement stands.
    expect(mergeAlerts([acknowledged(a)], [a])[0]!.state).toBe('acknowledged');
    expect(newerAlert(cleared(a), acknowledged(a)).state).toBe('cleared');
    expect(mergeAlerts([a], [acknowledged(a)], [cleared(a)])).toHaveLength(1);
    expect(mergeAlerts([a], [acknowledged(a)], [cleared(a)])[0]!.state).toBe('cleared');
  });

  it('lists open alerts first (active, critical first), then acknowledged, then cleared', () => {
    const warn = alert({ raised_at: '2026-12-01T10:02:00.000Z' });
    const crit = alert({ severity: 'critical', rule: 'no_fly_zone', raised_at: '2026-12-01T10:00:00.000Z' });
    const ack = acknowledged(alert({ raised_at: '2026-12-01T10:03:00.000Z' }));
    const gone = cleared(alert({ raised_at: '2026-12-01T10:04:00.000Z' }));
    expect(mergeAlerts([gone, warn, ack, crit]).map((a) => a.id)).toEqual([crit.id, warn.id, ack.id, gone.id]);
  });
});

describe('alerts under a filter', () => {
  it('reads "open" as active or acknowledged, as fleet-api does', () => {
    const a = alert();
    expect(matchesAlertFilter(a, { state: 'open' })).toBe(true);
    expect(matchesAlertFilter(acknowledged(a), { state: 'open' })).toBe(true);
    expect(matchesAlertFilter(cleared(a), { state: 'open' })).toBe(false);
    expect(matchesAlertFilter(a, { rule: 'link_loss' })).toBe(false);
    expect(matchesAlertFilter(a, { drone_id: 'WX-DRN-002' })).toBe(false);
  });

  it('drops an alert from a list it no longer belongs to once the stream says it changed', () => {
    const a = alert();
    expect(alertsView([a], [acknowledged(a)], { state: 'active' })).toEqual([]);
    expect(alertsView([a], [acknowledged(a)], { state: 'acknowledged' })).toHaveLength(1);
    expect(alertsView([a], [alert({ drone_id: 'WX-DRN-002' })], { drone_id: 'WX-DRN-001' })).toEqual([a]);
  });

  it('counts the open alerts and those nobody acknowledged yet', () => {
    const a = alert();
    expect(alertCounts([a, acknowledged(alert()), cleared(alert())])).toEqual({ open: 2, unacknowledged: 1 });
    expect(alertCounts([])).toEqual({ open: 0, unacknowledged: 0 });
    expect(a.state).toBe('active');
  });
});
