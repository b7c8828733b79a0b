import L from 'leaflet';
import { Marker, Tooltip } from 'react-leaflet';
import type { AirspaceTrackDto } from '@wingxtra/contracts/client';
import { fmtNumber } from '../../../utils/format';
import { FADED_AFTER_S, trackAgeS, trackLabel } from '../utils/traffic';

/** An aircraft seen from above (pointing north before rotation) and a quadcopter, as inline SVG: nothing to fetch. */
const GLYPH = {
  aircraft:
    '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M12 2 13.5 9 21 13v2l-7.5-2.2L13 18l2.5 2v1.5L12 20.5 8.5 21.5V20l2.5-2-.5-5.2L3 15v-2l7.5-4z" fill="#6a1b9a" stroke="#fff" stroke-width="1"/></svg>',
  drone:
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><g stroke="#e65100" stroke-width="2.2"><line x1="6" y1="6" x2="18" y2="18"/><line x1="18" y1="6" x2="6" y2="18"/></g><g fill="#fff" stroke="#e65100" stroke-width="1.6"><circle cx="6" cy="6" r="3"/><circle cx="18" cy="6" r="3"/><circle cx="6" cy="18" r="3"/><circle cx="18" cy="18" r="3"/></g><path d="M12 3.5 14.5 9h-5z" fill="#e65100"/></svg>',
};

const icons = new Map<string, L.DivIcon>();

/** One icon per kind, 10° of heading and freshness, made once. */
function trackIcon(t: AirspaceTrackDto, faded: boolean): L.DivIcon {
  const heading = t.heading_deg === null ? null : (Math.round(t.heading_deg / 10) * 10) % 360;
  const key = `${t.kind}|${heading}|${faded}`;
  let icon = icons.get(key);
  if (!icon) {
    icon = L.divIcon({
      className: `traffic traffic-${t.kind}${faded ? ' traffic-faded' : ''}`,
      html: `<span class="traffic-glyph" style="transform: rotate(${heading ?? 0}deg)">${GLYPH[t.kind] ?? GLYPH.aircraft}</span>`,
      iconSize: [26, 26],
      iconAnchor: [13, 13],
    });
    icons.set(key, icon);
  }
  return icon;
}

/** Other traffic on the map: aircraft and drones that are not ours, pointing along their heading, faded when old. */
export function AirspaceLayer({ tracks, serverNowMs }: { tracks: readonly AirspaceTrackDto[]; serverNowMs: number }) {
  return (
    <>
      {tracks.map((t) => {
        const age = trackAgeS(t, serverNowMs);
        const label = trackLabel(t);
        const what = t.kind === 'aircraft' ? 'Aircraft' : 'Drone';
        return (
          <Marker
            key={t.track_id}
            position={[t.lat, t.lon]}
            icon={trackIcon(t, age > FADED_AFTER_S)}
            title={`${what} ${label}`}
            alt={`${what} ${label}`}
            zIndexOffset={500}
            eventHandlers={{ add: (e) => (e.target as L.Marker).getElement()?.setAttribute('data-track', t.track_id) }}
          >
            <Tooltip>
              <strong>
                {what} {label}
              </strong>
              <br />
              {t.source ?? 'unknown source'} via {t.kit_id} · seen {age} s ago
              <br />
              altitude {fmtNumber(t.alt_m, 0, 'm')} · speed {fmtNumber(t.speed_mps, 1, 'm/s')} · heading {fmtNumber(t.heading_deg, 0, '°')}
              {t.operator_id ? (
                <>
                  <br />
                  operator {t.operator_id}
                </>
              ) : null}
            </Tooltip>
          </Marker>
        );
      })}
    </>
  );
}
