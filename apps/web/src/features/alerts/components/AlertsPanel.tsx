import { hasRole, useAuth } from '../../../app/auth/AuthContext';
import { OPS_ROLES } from '../../../app/navigation';
import { useAcknowledgeAlert } from '../../../api/registry-hooks';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import type { OpenAlerts } from '../hooks/useOpenAlerts';
import { ALERT_POLL_MS, type AlertStream, type AlertStreamState } from '../hooks/useAlertStream';
import { AlertList } from './AlertList';

export const ALERT_FEED_LABEL: Record<AlertStreamState, string> = {
  connecting: 'Connecting…',
  stream: 'Live',
  'polling-fallback': `Alert stream unavailable: checking every ${ALERT_POLL_MS / 1000} s`,
};

/** The open alerts (and those cleared while watching, greyed), live, with acknowledge; a click on a drone focuses it. */
export function AlertsPanel({ stream, open, onFocusDrone }: { stream: AlertStream; open: OpenAlerts; onFocusDrone(droneId: string): void }) {
  const { session } = useAuth();
  const ack = useAcknowledgeAlert(stream.apply);
  return (
    <section className="alerts-panel" aria-label="Alerts">
      <div className="panel-head">
        <span className={`feed feed-${stream.state}`} role="status">
          {ALERT_FEED_LABEL[stream.state]}
        </span>
        <span className="counts">
          {open.counts.open} open, {open.counts.unacknowledged} to acknowledge
        </span>
      </div>
      {open.error ? <ErrorMessage error={open.error} title="Alerts" onRetry={open.refetch} /> : null}
      {ack.error ? <ErrorMessage error={ack.error} title="Not acknowledged" /> : null}
      {open.isPending ? (
        <Loading what="alerts" />
      ) : (
        <AlertList
          alerts={open.alerts}
          compact
          canAcknowledge={hasRole(session, OPS_ROLES)}
          acknowledging={ack.isPending ? (ack.variables?.id ?? null) : null}
          onAcknowledge={(id) => ack.mutate({ id })}
          onFocusDrone={onFocusDrone}
          empty="No open alert."
        />
      )}
    </section>
  );
}
