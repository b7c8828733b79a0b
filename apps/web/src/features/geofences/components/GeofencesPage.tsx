import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../app/auth/AuthContext';
import { useGeofences } from '../../../api/registry-hooks';
import { BaseMap } from '../../../components/BaseMap';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime } from '../../../utils/format';
import { GEOFENCE_KIND_LABELS } from '../utils/geofence-form';
import { altitudeBand, GeofenceShapes } from './GeofenceShapes';

/** Where the fences lie, for fitting the map to them. */
export function fencesBounds(fences: ReadonlyArray<{ geometry: { coordinates: number[][][] } }>): [[number, number], [number, number]] | undefined {
  let minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
  for (const f of fences) {
    for (const [lon, lat] of f.geometry.coordinates[0] ?? []) {
      minLat = Math.min(minLat, lat!);
      maxLat = Math.max(maxLat, lat!);
      minLon = Math.min(minLon, lon!);
      maxLon = Math.max(maxLon, lon!);
    }
  }
  return minLat <= maxLat ? [[minLat, minLon], [maxLat, maxLon]] : undefined;
}

/** Service areas and no-fly zones: a map of them all and the list; ADMIN draws new ones. */
export function GeofencesPage() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [inactive, setInactive] = useState(false);
  const fences = useGeofences(inactive ? { include_inactive: true } : {});
  const items = fences.data?.items ?? [];
  const bounds = useMemo(() => fencesBounds(items), [items]);
  return (
    <div>
      <div className="page-head">
        <h1>Geofences</h1>
        {session?.role === 'ADMIN' ? (
          <Link className="button" to="/admin/geofences/new">
            Draw a geofence
          </Link>
        ) : null}
      </div>
      <p className="note">
        Service areas (outlined in blue) are where drones may fly and deliver; no-fly zones (red) are where they may not. Orders, dispatch and alerts all judge
        positions against these.
      </p>
      <label className="inline">
        <input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} /> Inactive ones too
      </label>
      {fences.isPending ? (
        <Loading what="geofences" />
      ) : fences.error ? (
        <ErrorMessage error={fences.error} title="Geofences" onRetry={() => void fences.refetch()} />
      ) : items.length === 0 ? (
        <Empty>No geofence yet{session?.role === 'ADMIN' ? ': draw the first service area.' : '.'}</Empty>
      ) : (
        <div className="split">
          <BaseMap className="geofence-map" label="Geofences" bounds={bounds} fitKey={items.map((f) => f.id).join(',')}>
            <GeofenceShapes fences={items} onSelect={(id) => navigate(`/admin/geofences/${id}`)} />
          </BaseMap>
          <div className="table-scroll">
            <table className="geofences-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Altitudes</th>
                  <th scope="col">Active</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id} data-geofence={g.id} className={g.active ? '' : 'inactive'}>
                    <td>
                      <Link to={`/admin/geofences/${g.id}`}>{g.name}</Link>
                    </td>
                    <td>
                      <span className={`badge badge-${g.kind}`}>{GEOFENCE_KIND_LABELS[g.kind]}</span>
                    </td>
                    <td>{altitudeBand(g)}</td>
                    <td>{g.active ? 'yes' : 'no'}</td>
                    <td>{fmtDateTime(g.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
