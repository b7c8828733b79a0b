import { useParams } from 'react-router';
import type { TrackingViewDto } from '@wingxtra/contracts/client';
import { useTracking } from '../../../api/hooks';
import { errorStatus } from '../../../api/errors';
import { BaseMap } from '../../../components/BaseMap';
import { ErrorMessage } from '../../../components/Feedback';
import { DroneMarker, PointMarker } from '../../../components/MapMarkers';
import { fmtTime } from '../../../utils/format';
import { endedWithoutDelivery, fmtEta, podMethodWords, statusHeadline, trackingSteps } from '../utils/tracking-steps';

/** The customer's page at /t/{public_tracking_id}: no sign-in, made for a phone. */
export function TrackingPage() {
  const { publicTrackingId = '' } = useParams();
  const tracking = useTracking(publicTrackingId);
  return (
    <main className="tracking" id="main">
      <header className="tracking-brand">
        <span className="logo" aria-hidden="true">
          ✈
        </span>{' '}
        Wingxtra delivery
      </header>
      {tracking.isPending ? (
        <p role="status">Looking up your delivery…</p>
      ) : tracking.error ? (
        <TrackingProblem error={tracking.error} onRetry={() => void tracking.refetch()} />
      ) : (
        <TrackingView view={tracking.data} refreshing={tracking.isFetching} onRefresh={() => void tracking.refetch()} />
      )}
    </main>
  );
}

function TrackingProblem({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const status = errorStatus(error);
  if (status === 404) {
    return (
      <section className="tracking-card" aria-labelledby="t-title">
        <h1 id="t-title">We can't find this delivery</h1>
        <p>Check that the link is complete: it ends in a 12-character code. If it came from a message, open it again from there.</p>
      </section>
    );
  }
  if (status === 410) {
    return (
      <section className="tracking-card" aria-labelledby="t-title">
        <h1 id="t-title">This tracking link has expired</h1>
        <p>Links stop working a few days after a delivery ends. Contact the shop you ordered from if you need details.</p>
      </section>
    );
  }
  if (status === 429) {
    return (
      <section className="tracking-card" aria-labelledby="t-title">
        <h1 id="t-title">Too many refreshes</h1>
        <p>Please wait a minute, then try again.</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </section>
    );
  }
  return (
    <section className="tracking-card" aria-labelledby="t-title">
      <h1 id="t-title">Tracking is not available right now</h1>
      <ErrorMessage error={error} onRetry={onRetry} />
    </section>
  );
}

function TrackingView({ view, refreshing, onRefresh }: { view: TrackingViewDto; refreshing: boolean; onRefresh(): void }) {
  const steps = trackingSteps(view.status, view.milestones);
  const eta = fmtEta(view.eta_seconds);
  const ended = endedWithoutDelivery(view.status);
  const drone = view.drone;
  return (
    <>
      <section className="tracking-card" aria-labelledby="t-title">
        <p className="tracking-id">
          Delivery <code>{view.public_tracking_id}</code>
        </p>
        <h1 id="t-title" aria-live="polite" data-status={view.status}>
          {statusHeadline(view.status)}
        </h1>
        <p className="tracking-status">
          Status: <strong data-testid="tracking-status">{view.status.replace(/_/g, ' ')}</strong>
        </p>
        {eta ? <p className="eta">Arriving in {eta}.</p> : null}
        {view.pod ? (
          <p className="pod" data-testid="tracking-pod">
            Delivered at {fmtTime(view.pod.delivered_at)}, confirmed by {podMethodWords(view.pod.method)}.
          </p>
        ) : null}
        <button type="button" className="secondary" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        <p className="updated">Updated {fmtTime(view.updated_at)}; this page refreshes by itself.</p>
      </section>
      <section className="tracking-card" aria-labelledby="t-steps">
        <h2 id="t-steps">Progress</h2>
        <ol className={`steps${ended ? ' ended' : ''}`}>
          {steps.map((s) => (
            <li key={s.label} className={`step step-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
              <span className="step-label">{s.label}</span>
              {s.at ? <time dateTime={s.at}>{fmtTime(s.at)}</time> : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="tracking-card tracking-map" aria-labelledby="t-map">
        <h2 id="t-map">{drone ? `${drone.label} on the map` : 'Dropoff'}</h2>
        <BaseMap className="tracking-map-view" label="Delivery map" center={drone ? [drone.lat, drone.lng] : [view.dropoff_lat, view.dropoff_lng]} zoom={15}>
          <PointMarker position={[view.dropoff_lat, view.dropoff_lng]} letter="D" kind="dropoff" title="Your dropoff" />
          {drone ? <DroneMarker position={[drone.lat, drone.lng]} headingDeg={drone.heading_deg} title={drone.label} /> : null}
        </BaseMap>
        {drone ? <p className="note">Drone position at {fmtTime(drone.updated_at)}.</p> : null}
      </section>
    </>
  );
}
