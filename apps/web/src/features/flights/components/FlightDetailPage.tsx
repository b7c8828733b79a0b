import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Polyline } from 'react-leaflet';
import { useFlight, useFlightTrack, useRecomputeFlight } from '../../../api/hooks';
import { errorStatus } from '../../../api/errors';
import { BaseMap } from '../../../components/BaseMap';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { PointMarker } from '../../../components/MapMarkers';
import { fmtDateTime, fmtDistance, fmtDuration, fmtNumber, humanize, NONE } from '../../../utils/format';
import { flightSeries, hasValues } from '../utils/flight-series';
import { UPlotChart } from './UPlotChart';

/** One flight: its figures, its track on the map, and altitude, speed, power and voltage over time. */
export function FlightDetailPage() {
  const { flightId = '' } = useParams();
  const flight = useFlight(flightId);
  const track = useFlightTrack(flightId);
  const recompute = useRecomputeFlight(flightId);
  const series = useMemo(() => flightSeries(flight.data?.points ?? []), [flight.data]);
  const path = useMemo(() => (track.data?.geometry.coordinates ?? []).map(([lon, lat]) => [lat, lon] as [number, number]), [track.data]);

  if (flight.isPending) return <Loading what="the flight" />;
  if (flight.error) {
    return errorStatus(flight.error) === 404 ? <h1>No such flight</h1> : <ErrorMessage error={flight.error} title="Flight" onRetry={() => void flight.refetch()} />;
  }
  const f = flight.data;
  const figures: Array<[string, string]> = [
    ['Drone', f.drone_id],
    ['Started', fmtDateTime(f.start_ts)],
    ['Ended', `${fmtDateTime(f.end_ts)} (${humanize(f.end_reason)})`],
    ['Duration', fmtDuration(f.duration_s)],
    ['Distance', fmtDistance(f.distance_m)],
    ['Max altitude', fmtNumber(f.max_alt_m, 0, 'm')],
    ['Energy', fmtNumber(f.wh_used, 2, 'Wh')],
    ['Energy per km', fmtNumber(f.wh_per_km, 2, 'Wh/km')],
    ['Charge used', fmtNumber(f.mah_used, 0, 'mAh')],
    ['Battery used', fmtNumber(f.battery_pct_used, 0, '%')],
    ['Lowest voltage', fmtNumber(f.min_voltage_v, 2, 'V')],
    ['Peak current', fmtNumber(f.max_current_a, 1, 'A')],
    ['Samples', String(f.sample_count)],
    ['Metrics computed', f.computed_at ? fmtDateTime(f.computed_at) : 'not yet'],
  ];
  const charts = [
    { title: 'Altitude', unit: 'm', values: series.altitudeM, color: '#1565c0' },
    { title: 'Speed', unit: 'm/s', values: series.speedMps, color: '#2e7d32' },
    { title: 'Power', unit: 'W', values: series.powerW, color: '#c62828' },
    { title: 'Voltage', unit: 'V', values: series.voltageV, color: '#6a1b9a' },
  ];
  return (
    <div className="flight-detail">
      <p>
        <Link to={`/analytics/flights?drone=${encodeURIComponent(f.drone_id)}`}>← Flights of {f.drone_id}</Link>
      </p>
      <h1>
        Flight of {f.drone_id} on {fmtDateTime(f.start_ts)}
      </h1>
      <div className="order-grid">
        <dl className="fields">
          {figures.map(([k, v]) => (
            <FigureRow key={k} label={k} value={v} />
          ))}
          <dt>Order</dt>
          <dd>{f.order_id ? <Link to={`/orders/${f.order_id}`}>{f.order_id}</Link> : NONE}</dd>
        </dl>
        {track.error ? (
          <ErrorMessage error={track.error} title="Track" />
        ) : (
          <BaseMap className="flight-map" label="Flight track" bounds={path.length > 1 ? path : undefined} fitKey={`${flightId}:${path.length}`} center={path[0]}>
            {path.length > 1 ? <Polyline positions={path} pathOptions={{ color: '#1565c0', weight: 3 }} /> : null}
            {path.length > 0 ? <PointMarker position={path[0]!} letter="S" kind="start" title="Start" /> : null}
            {path.length > 1 ? <PointMarker position={path[path.length - 1]!} letter="E" kind="end" title="End" /> : null}
          </BaseMap>
        )}
      </div>
      <p>
        <button type="button" className="secondary" onClick={() => recompute.mutate()} disabled={recompute.isPending}>
          Recompute metrics
        </button>{' '}
        {recompute.isSuccess ? <span role="status">Queued; the figures update in a moment.</span> : null}
      </p>
      {recompute.error ? <ErrorMessage error={recompute.error} title="Recompute" /> : null}
      <section className="charts" aria-label="Charts">
        {charts.map((c) =>
          hasValues(c.values) ? (
            <UPlotChart key={c.title} title={c.title} unit={c.unit} t={series.t} values={c.values} color={c.color} />
          ) : (
            <p key={c.title} className="empty">
              {c.title}: the drone reported no {c.title.toLowerCase()} on this flight.
            </p>
          ),
        )}
      </section>
    </div>
  );
}

function FigureRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
