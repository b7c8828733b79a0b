import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DRONE_STATUSES, DRONE_TYPES, type DroneListQueryDto, type DroneStatus, type DroneType } from '@wingxtra/contracts/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useDrones } from '../../../api/registry-hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtAgo, fmtNumber, NONE } from '../../../utils/format';
import { DRONE_TYPE_LABELS } from '../utils/drone-form';
import { DRONE_STATUS_LABELS, droneStatusLabel } from '../utils/drone-status';

export const DRONES_PAGE_SIZE = 50;

/** The registered drones, by drone id: filters (status, type, text, deactivated too), a page at a time. */
export function DronesPage() {
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as DroneStatus | '';
  const type = (params.get('type') ?? '') as DroneType | '';
  const q = params.get('q') ?? '';
  const inactive = params.get('inactive') === 'true';
  const [search, setSearch] = useState(q);
  // Cursors of the pages before this one (the first page has none).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;

  const query: Omit<DroneListQueryDto, 'cursor'> = { limit: DRONES_PAGE_SIZE };
  if (status) query.status = status;
  if (type) query.type = type;
  if (q) query.q = q;
  if (inactive) query.include_inactive = true;
  const drones = useDrones(query, cursor);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setCursors([null]);
  };
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilter('q', search.trim().slice(0, 120));
  };

  const items = drones.data?.items ?? [];
  const now = Date.now();
  return (
    <div>
      <div className="page-head">
        <h1>Drones</h1>
        {session?.role === 'ADMIN' ? (
          <Link className="button" to="/admin/drones/new">
            Register a drone
          </Link>
        ) : null}
      </div>
      <form className="toolbar" onSubmit={submitSearch} role="search" aria-label="Filter drones">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">any</option>
            {DRONE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DRONE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">any</option>
            {DRONE_TYPES.map((t) => (
              <option key={t} value={t}>
                {DRONE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="id, name or notes" maxLength={120} />
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
        <label className="inline">
          <input type="checkbox" checked={inactive} onChange={(e) => setFilter('inactive', e.target.checked ? 'true' : '')} /> Deactivated too
        </label>
      </form>
      {drones.isPending ? (
        <Loading what="drones" />
      ) : drones.error ? (
        <ErrorMessage error={drones.error} title="Drones" onRetry={() => void drones.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{status || type || q || cursors.length > 1 ? 'No drone matches these filters.' : 'No drone is registered yet.'}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="drones-table">
            <thead>
              <tr>
                <th scope="col">Drone</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Why</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Payload</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const s = droneStatusLabel(d);
                return (
                  <tr key={d.drone_id} data-drone={d.drone_id} className={d.active ? '' : 'inactive'}>
                    <td>
                      <Link to={`/admin/drones/${encodeURIComponent(d.drone_id)}`}>{d.drone_id}</Link>
                    </td>
                    <td>{d.name}</td>
                    <td>{DRONE_TYPE_LABELS[d.type] ?? d.type}</td>
                    <td>
                      <span className={`badge ${s.className}`}>{s.label}</span>
                    </td>
                    <td className="wrap">{d.status_reasons.join('; ') || NONE}</td>
                    <td>{d.last_heartbeat_at ? fmtAgo(now - Date.parse(d.last_heartbeat_at)) : 'never'}</td>
                    <td>{fmtNumber(d.max_payload_kg, 1, 'kg')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages of drones">
        <button type="button" className="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <span>Page {cursors.length}</span>
        <button
          type="button"
          className="secondary"
          disabled={!drones.data?.next_cursor || drones.isPlaceholderData}
          onClick={() => setCursors((c) => [...c, drones.data!.next_cursor])}
        >
          Next page
        </button>
      </nav>
    </div>
  );
}
