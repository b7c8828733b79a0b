import { Link } from 'react-router';
import { TRACKS_REFRESH_MS } from '../../../api/airspace-hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtNumber, NONE } from '../../../utils/format';
import { useOtherTraffic } from '../hooks/useOtherTraffic';
import { trackAgeS, trackLabel } from '../utils/traffic';
import { KitHealthPanel } from './KitHealthPanel';

const NO_IDS: string[] = [];

/** The detection kits' health and the traffic they see that is not ours, as lists (the map has the same as a layer). */
export function AirspacePage() {
  const traffic = useOtherTraffic(true, NO_IDS);
  return (
    <div>
      <div className="page-head">
        <h1>Airspace</h1>
        <Link to="/ops/map?panel=airspace">Show on the map</Link>
      </div>
      <div className="split">
        <KitHealthPanel />
        <section aria-label="Other traffic">
          <h2>Other traffic</h2>
          <p className="note">
            Aircraft and drones the kits saw in the last 5 minutes that are not ours, refreshed every {TRACKS_REFRESH_MS / 1000} s
            {traffic.ours > 0 ? `; ${traffic.ours} of our own drones left out` : ''}.
          </p>
          {traffic.isPending ? (
            <Loading what="traffic" />
          ) : traffic.error ? (
            <ErrorMessage error={traffic.error} title="Traffic" />
          ) : traffic.tracks.length === 0 ? (
            <Empty>No other aircraft or drone seen in the last 5 minutes.</Empty>
          ) : (
            <div className="table-scroll">
              <table className="traffic-table">
                <thead>
                  <tr>
                    <th scope="col">What</th>
                    <th scope="col">Seen</th>
                    <th scope="col">Altitude</th>
                    <th scope="col">Speed</th>
                    <th scope="col">Heading</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {traffic.tracks.map((t) => (
                    <tr key={t.track_id} data-track={t.track_id}>
                      <td>
                        {t.kind === 'aircraft' ? 'Aircraft' : 'Drone'} {trackLabel(t)}
                      </td>
                      <td>{trackAgeS(t, traffic.serverNowMs)} s ago</td>
                      <td>{fmtNumber(t.alt_m, 0, 'm')}</td>
                      <td>{fmtNumber(t.speed_mps, 1, 'm/s')}</td>
                      <td>{fmtNumber(t.heading_deg, 0, '°')}</td>
                      <td>
                        {t.source ?? NONE} · {t.kit_id}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
