import type { DroneDto } from '@wingxtra/contracts/client';
import { useHeartbeatHistory } from '../../../api/registry-hooks';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtAgo, fmtDateTime } from '../../../utils/format';
import { summarizeHeartbeats } from '../utils/heartbeat-summary';

/** The companion computer: its last heartbeat and what its heartbeats raised in the last 24 hours. */
export function HeartbeatPanel({ drone }: { drone: DroneDto }) {
  const history = useHeartbeatHistory(drone.drone_id);
  const s = summarizeHeartbeats(drone, history.data?.events ?? []);
  const atLeast = history.data?.truncated ? 'at least ' : '';
  return (
    <section aria-labelledby="heartbeat-title">
      <h2 id="heartbeat-title">Companion computer</h2>
      <dl className="fields">
        <dt>Last heartbeat</dt>
        <dd>{s.lastHeartbeatAgoMs === null ? 'none received yet' : `${fmtAgo(s.lastHeartbeatAgoMs)} (${fmtDateTime(drone.last_heartbeat_at)})`}</dd>
        {history.data ? (
          <>
            <dt>Last 24 hours</dt>
            <dd>
              {atLeast}
              {s.warnings} heartbeat warning{s.warnings === 1 ? '' : 's'}, {s.statusChanges} status change{s.statusChanges === 1 ? '' : 's'}, {s.errors} error
              {s.errors === 1 ? '' : 's'}
            </dd>
            {s.latestChange ? (
              <>
                <dt>Latest status change</dt>
                <dd>
                  {s.latestChange.from} → {s.latestChange.to}, {fmtDateTime(s.latestChange.at)}
                </dd>
              </>
            ) : null}
            {s.latestWarning ? (
              <>
                <dt>Latest warning</dt>
                <dd>
                  {s.latestWarning.message} ({fmtDateTime(s.latestWarning.at)})
                  {s.latestWarning.readings.length > 0 ? (
                    <span className="readings"> · {s.latestWarning.readings.map(([label, value]) => `${label} ${value}`).join(', ')}</span>
                  ) : null}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {history.isPending ? <Loading what="heartbeat history" /> : null}
      {history.error ? <ErrorMessage error={history.error} title="Heartbeat history" /> : null}
    </section>
  );
}
