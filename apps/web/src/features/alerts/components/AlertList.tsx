import type { AlertDto } from '@wingxtra/contracts/client';
import { Empty } from '../../../components/Feedback';
import { fmtAgo, fmtDateTime } from '../../../utils/format';
import { ALERT_RULE_LABELS, ALERT_STATE_LABELS } from '../utils/alert-list';

interface AlertListProps {
  alerts: readonly AlertDto[];
  /** OPS and ADMIN acknowledge; others only read. */
  canAcknowledge: boolean;
  acknowledging: string | null;
  onAcknowledge(id: string): void;
  /** The drone's id was clicked: show it (on the map). */
  onFocusDrone(droneId: string): void;
  empty: string;
  compact?: boolean;
}

/** Alerts, newest first within open then cleared; cleared ones greyed; each names its drone, which can be shown. */
export function AlertList({ alerts, canAcknowledge, acknowledging, onAcknowledge, onFocusDrone, empty, compact = false }: AlertListProps) {
  if (alerts.length === 0) return <Empty>{empty}</Empty>;
  const now = Date.now();
  return (
    <ul className={`alert-list${compact ? ' compact' : ''}`}>
      {alerts.map((a) => (
        <li key={a.id} className={`alert alert-${a.state} alert-${a.severity}`} data-alert={a.id} data-state={a.state} aria-label={`${ALERT_RULE_LABELS[a.rule]} on ${a.drone_id}, ${a.state}`}>
          <div className="alert-head">
            <span className={`badge badge-${a.state === 'cleared' ? 'cleared' : a.severity}`}>{a.state === 'cleared' ? 'cleared' : a.severity}</span>
            <strong>{ALERT_RULE_LABELS[a.rule] ?? a.rule}</strong>
            <button type="button" className="link" onClick={() => onFocusDrone(a.drone_id)} title={`Show ${a.drone_id} on the map`}>
              {a.drone_id}
            </button>
            <time dateTime={a.raised_at} title={fmtDateTime(a.raised_at)}>
              {fmtAgo(now - Date.parse(a.raised_at))}
            </time>
          </div>
          <p className="alert-message">{a.message}</p>
          {a.state === 'acknowledged' ? (
            <p className="note">
              {ALERT_STATE_LABELS.acknowledged} by {a.acknowledged_by ?? 'someone'} {a.acknowledged_at ? fmtAgo(now - Date.parse(a.acknowledged_at)) : ''}
              {a.ack_note ? `: ${a.ack_note}` : ''}
            </p>
          ) : null}
          {a.state === 'cleared' ? (
            <p className="note">
              Cleared {a.cleared_at ? fmtAgo(now - Date.parse(a.cleared_at)) : ''}
              {a.clear_reason ? `: ${a.clear_reason}` : ''}
            </p>
          ) : null}
          {a.state === 'active' && canAcknowledge ? (
            <button type="button" className="secondary" disabled={acknowledging === a.id} onClick={() => onAcknowledge(a.id)}>
              {acknowledging === a.id ? 'Acknowledging…' : 'Acknowledge'}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
