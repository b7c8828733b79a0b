import type { AirspaceKitDto } from '@wingxtra/contracts/client';
import { useAirspaceKits } from '../../../api/airspace-hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtAgo, fmtDateTime } from '../../../utils/format';
import { fmtBackoff, KIT_STATUS_LABELS, KIT_STATUS_MEANING, orderKits } from '../utils/kit-status';

/** One kit's health: status (coloured), since when, last seen, success rate, last error, the current backoff. */
export function KitCard({ kit, serverNowMs }: { kit: AirspaceKitDto; serverNowMs: number }) {
  const ago = (iso: string | null) => (iso ? fmtAgo(serverNowMs - Date.parse(iso)) : 'never');
  return (
    <li className={`kit kit-${kit.status}${kit.enabled ? '' : ' kit-disabled'}`} data-kit={kit.kit_id} aria-label={`Kit ${kit.name}: ${kit.enabled ? KIT_STATUS_LABELS[kit.status] : 'disabled'}`}>
      <div className="kit-head">
        <strong>{kit.name}</strong>
        <span className={`badge kit-status kit-status-${kit.status}`} title={KIT_STATUS_MEANING[kit.status]}>
          {kit.enabled ? KIT_STATUS_LABELS[kit.status] : 'Disabled'}
        </span>
      </div>
      <dl className="fields">
        <dt>Kit</dt>
        <dd>
          {kit.kit_id}
          {kit.location ? ` · ${kit.location}` : ''}
        </dd>
        <dt>Status</dt>
        <dd>
          {KIT_STATUS_MEANING[kit.status]}
          {kit.status_since ? `, since ${fmtDateTime(kit.status_since)}` : ''}
        </dd>
        <dt>Last seen</dt>
        <dd>{ago(kit.last_seen)}</dd>
        <dt>Last data</dt>
        <dd>{ago(kit.last_data_at)}</dd>
        <dt>Success rate</dt>
        <dd>
          {kit.requests.success_rate_pct.toFixed(1)} % ({kit.requests.ok} of {kit.requests.total} poll rounds)
        </dd>
        <dt>Next poll after</dt>
        <dd>
          {fmtBackoff(kit.current_backoff_s)}
          {kit.consecutive_failures > 0 ? ` (${kit.consecutive_failures} failure${kit.consecutive_failures === 1 ? '' : 's'} in a row)` : ''}
        </dd>
        <dt>Last error</dt>
        <dd className={kit.last_error ? 'kit-error' : undefined}>{kit.last_error ?? 'none'}</dd>
        <dt>Detections</dt>
        <dd>{kit.detections_stored}</dd>
      </dl>
    </li>
  );
}

/** Every detection kit of analytics-worker's KITS_CONFIG, the ones needing attention first. */
export function KitHealthPanel() {
  const kits = useAirspaceKits();
  const serverNowMs = kits.data ? Date.parse(kits.data.server_time) : Date.now();
  return (
    <section className="kit-panel" aria-label="Detection kits">
      <h2>Detection kits</h2>
      {kits.isPending ? (
        <Loading what="detection kits" />
      ) : kits.error ? (
        <ErrorMessage error={kits.error} title="Detection kits" onRetry={() => void kits.refetch()} />
      ) : kits.data.kits.length === 0 ? (
        <Empty>No detection kit is configured (analytics-worker's KITS_CONFIG).</Empty>
      ) : (
        <ul className="kit-list">
          {orderKits(kits.data.kits).map((k) => (
            <KitCard key={k.kit_id} kit={k} serverNowMs={serverNowMs} />
          ))}
        </ul>
      )}
    </section>
  );
}
