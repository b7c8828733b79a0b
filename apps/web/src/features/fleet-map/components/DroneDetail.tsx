import { Link } from 'react-router';
import { useDroneLatest } from '../../../api/hooks';
import { ErrorMessage } from '../../../components/Feedback';
import { fmtAgo, fmtDateTime, NONE } from '../../../utils/format';
import type { DroneEntry } from '../utils/fleet-store';
import { telemetryRows } from '../utils/telemetry-fields';

interface DroneDetailProps {
  entry: DroneEntry;
  offline: boolean;
  skewMs: number;
  onClose(): void;
}

/** Everything fleet-api knows of one drone: its merged telemetry, when it was last heard, and from where. */
export function DroneDetail({ entry, offline, skewMs, onClose }: DroneDetailProps) {
  const detail = useDroneLatest(entry.id, 5_000);
  return (
    <aside className="drone-detail" aria-label={`Drone ${entry.id}`}>
      <header>
        <h2>{entry.id}</h2>
        <span className={`badge ${offline ? 'badge-offline' : 'badge-online'}`}>{offline ? 'OFFLINE' : 'ONLINE'}</span>
        <button type="button" className="secondary" onClick={onClose} aria-label="Close drone details">
          Close
        </button>
      </header>
      <dl className="fields">
        <dt>Last seen</dt>
        <dd>
          {fmtAgo(Date.now() + skewMs - entry.lastSeenMs)} ({fmtDateTime(entry.latest.last_seen_ts)})
        </dd>
        <dt>Source address</dt>
        <dd>{detail.data?.source_ip ?? NONE}</dd>
        {telemetryRows(entry.latest.telemetry).map(([label, value]) => (
          <FragmentRow key={label} label={label} value={value} />
        ))}
        <dt>Recent track</dt>
        <dd>{entry.track.length / 2} positions (drawn on the map)</dd>
      </dl>
      {detail.error ? <ErrorMessage error={detail.error} title="Drone detail" /> : null}
      <p>
        <Link to={`/admin/drones/${encodeURIComponent(entry.id)}`}>Registry record, keys and events</Link> ·{' '}
        <Link to={`/ops/alerts?state=all&drone=${encodeURIComponent(entry.id)}`}>Alerts</Link>
      </p>
    </aside>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
