import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useFlights } from '../../../api/hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime, fmtDistance, fmtDuration, fmtNumber, humanize, NONE } from '../../../utils/format';
import { DroneIdInput, droneIdProblem } from './DroneIdInput';

/** A drone's flights, newest first, with their headline figures. */
export function FlightsPage() {
  const [params, setParams] = useSearchParams();
  const drone = params.get('drone') ?? '';
  const [input, setInput] = useState(drone);
  const [problem, setProblem] = useState<string | null>(null);
  const flights = useFlights(drone);
  const items = flights.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = droneIdProblem(input.trim());
    setProblem(p);
    if (!p) setParams({ drone: input.trim() });
  };

  return (
    <div>
      <h1>Flights</h1>
      <form className="toolbar" onSubmit={submit} noValidate>
        <label htmlFor="flights-drone">Drone</label>
        <DroneIdInput id="flights-drone" value={input} onChange={setInput} />
        <button type="submit">Show flights</button>
        {problem ? <p className="field-error">{problem}</p> : null}
      </form>
      {drone === '' ? (
        <Empty>Choose a drone to see its flights.</Empty>
      ) : flights.isPending ? (
        <Loading what={`flights of ${drone}`} />
      ) : flights.error ? (
        <ErrorMessage error={flights.error} title="Flights" onRetry={() => void flights.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{drone} has no finished flight yet. A flight is listed once it has ended.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Distance</th>
                <th scope="col">Max altitude</th>
                <th scope="col">Energy</th>
                <th scope="col">Battery used</th>
                <th scope="col">Ended by</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id} data-flight={f.id}>
                  <td>
                    <Link to={`/analytics/flights/${f.id}`}>{fmtDateTime(f.start_ts)}</Link>
                  </td>
                  <td>{fmtDuration(f.duration_s ?? (Date.parse(f.end_ts) - Date.parse(f.start_ts)) / 1000)}</td>
                  <td>{fmtDistance(f.distance_m)}</td>
                  <td>{fmtNumber(f.max_alt_m, 0, 'm')}</td>
                  <td>{f.wh_used === null ? NONE : `${fmtNumber(f.wh_used, 2, 'Wh')} (${fmtNumber(f.wh_per_km, 2, 'Wh/km')})`}</td>
                  <td>{fmtNumber(f.battery_pct_used, 0, '%')}</td>
                  <td>{humanize(f.end_reason)}</td>
                  <td>{f.order_id ? <Link to={`/orders/${f.order_id}`}>order</Link> : NONE}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {flights.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void flights.fetchNextPage()} disabled={flights.isFetchingNextPage}>
          {flights.isFetchingNextPage ? 'Loading…' : 'Older flights'}
        </button>
      ) : null}
    </div>
  );
}
