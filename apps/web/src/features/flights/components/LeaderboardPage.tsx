import { useState } from 'react';
import { Link } from 'react-router';
import { useLeaderboard } from '../../../api/hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtNumber, localInputToIso } from '../../../utils/format';

/** analytics-worker's leaderboard metrics, their units and which way is better. */
export const LEADERBOARD_METRICS: Record<string, { label: string; unit: string; lowerIsBetter: boolean }> = {
  wh_per_km: { label: 'Energy per km', unit: 'Wh/km', lowerIsBetter: true },
  wh_used: { label: 'Energy per flight', unit: 'Wh', lowerIsBetter: true },
  mah_used: { label: 'Charge per flight', unit: 'mAh', lowerIsBetter: true },
  battery_pct_used: { label: 'Battery per flight', unit: '%', lowerIsBetter: true },
  distance_m: { label: 'Distance per flight', unit: 'm', lowerIsBetter: false },
  duration_s: { label: 'Flight time', unit: 's', lowerIsBetter: false },
  max_alt_m: { label: 'Max altitude', unit: 'm', lowerIsBetter: false },
};

export function LeaderboardPage() {
  const [metric, setMetric] = useState('wh_per_km');
  const [order, setOrder] = useState<'' | 'asc' | 'desc'>('');
  const [since, setSince] = useState('');
  const sinceIso = localInputToIso(since);
  const board = useLeaderboard({ metric, ...(order ? { order } : {}), ...(sinceIso ? { since: sinceIso } : {}), limit: 100 });
  const m = LEADERBOARD_METRICS[metric]!;
  return (
    <div>
      <h1>Fleet leaderboard</h1>
      <div className="toolbar">
        <label>
          Rank by{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            {Object.entries(LEADERBOARD_METRICS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order{' '}
          <select value={order} onChange={(e) => setOrder(e.target.value as '' | 'asc' | 'desc')}>
            <option value="">best first ({m.lowerIsBetter ? 'lowest' : 'highest'})</option>
            <option value="asc">lowest first</option>
            <option value="desc">highest first</option>
          </select>
        </label>
        <label>
          Flights since <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
      </div>
      {board.isPending ? (
        <Loading what="the leaderboard" />
      ) : board.error ? (
        <ErrorMessage error={board.error} title="Leaderboard" onRetry={() => void board.refetch()} />
      ) : board.data.items.length === 0 ? (
        <Empty>No measured flight yet{sinceIso ? ' in this period' : ''}.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Drone</th>
              <th scope="col">
                {m.label} ({m.unit}, mean)
              </th>
              <th scope="col">Flights</th>
            </tr>
          </thead>
          <tbody>
            {board.data.items.map((e, i) => (
              <tr key={e.drone_id}>
                <td>{i + 1}</td>
                <td>
                  <Link to={`/analytics/flights?drone=${encodeURIComponent(e.drone_id)}`}>{e.drone_id}</Link>
                </td>
                <td>{fmtNumber(e.value, 2)}</td>
                <td>{e.flights}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
