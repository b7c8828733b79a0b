import { useMemo, useState } from 'react';
import type { FleetStore } from '../utils/fleet-store';
import { fmtAgo, fmtNumber, NONE } from '../../../utils/format';

const ROW_HEIGHT = 36;
const VISIBLE_ROWS = 14;
const OVERSCAN = 6;

interface FleetTableProps {
  store: FleetStore;
  version: number;
  offlineAfterS: number;
  selected: string | null;
  onSelect(id: string): void;
}

type StatusFilter = 'all' | 'online' | 'offline';

/**
 * The fleet as a table (drone, last seen, mode, battery, armed, link, status). Only the rows in view are
 * rendered, so 10,000 drones cost as much as 30. Rows are buttons: the keyboard reaches every drone.
 */
export function FleetTable({ store, version, offlineAfterS, selected, onSelect }: FleetTableProps) {
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [scrollTop, setScrollTop] = useState(0);
  const now = Date.now();

  const rows = useMemo(() => {
    const q = filter.trim().toUpperCase();
    return store.ids().filter((id) => {
      if (q && !id.includes(q)) return false;
      if (status === 'all') return true;
      const off = store.isOffline(store.get(id)!, offlineAfterS, now);
      return status === 'offline' ? off : !off;
    });
    // version: the store changed (OFFLINE moves on with it, re-rendered every second)
  }, [store, version, filter, status, offlineAfterS]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, first + VISIBLE_ROWS + OVERSCAN * 2);
  const offlineCount = store.countOffline(offlineAfterS, now);

  return (
    <section className="fleet-table" aria-label="Drones">
      <div className="toolbar">
        <label>
          Find drone <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="WX-DRN-001" />
        </label>
        <label>
          Show{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">all</option>
            <option value="online">online</option>
            <option value="offline">offline</option>
          </select>
        </label>
        <span className="counts" aria-live="polite">
          {store.size} drones, {offlineCount} offline
        </span>
      </div>
      {store.size === 0 ? (
        <p className="empty">No drone has reported to fleet-api yet.</p>
      ) : (
        <div className="table-scroll" style={{ maxHeight: ROW_HEIGHT * (VISIBLE_ROWS + 1) }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <table>
            <thead>
              <tr>
                <th scope="col">Drone</th>
                <th scope="col">Status</th>
                <th scope="col">Last seen</th>
                <th scope="col">Mode</th>
                <th scope="col">Battery</th>
                <th scope="col">Armed</th>
                <th scope="col">Link</th>
              </tr>
            </thead>
            <tbody>
              {first > 0 ? <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" /> : null}
              {rows.slice(first, last).map((id) => {
                const e = store.get(id)!;
                const t = e.latest.telemetry;
                const off = store.isOffline(e, offlineAfterS, now);
                return (
                  <tr key={id} className={`${off ? 'offline' : 'online'}${id === selected ? ' selected' : ''}`} style={{ height: ROW_HEIGHT }} data-drone={id}>
                    <td>
                      <button type="button" className="link" onClick={() => onSelect(id)} aria-pressed={id === selected}>
                        {id}
                      </button>
                    </td>
                    <td className="status">{off ? 'OFFLINE' : 'ONLINE'}</td>
                    <td>{fmtAgo(now + store.skewMs - e.lastSeenMs)}</td>
                    <td>{t?.state?.mode ?? NONE}</td>
                    <td>{fmtNumber(t?.battery?.remaining_pct, 0, '%')}</td>
                    <td>{t?.state?.armed === undefined || t?.state?.armed === null ? NONE : t.state.armed ? 'yes' : 'no'}</td>
                    <td>{fmtNumber(t?.link?.rssi_dbm, 0, 'dBm')}</td>
                  </tr>
                );
              })}
              {last < rows.length ? <tr style={{ height: (rows.length - last) * ROW_HEIGHT }} aria-hidden="true" /> : null}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="empty">No drone matches.</p> : null}
        </div>
      )}
    </section>
  );
}
