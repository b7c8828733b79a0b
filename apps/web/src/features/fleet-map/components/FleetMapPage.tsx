import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Polyline, useMap } from 'react-leaflet';
import { useSearchParams } from 'react-router';
import type { DroneLatest } from '@wingxtra/contracts/client';
import { appConfig } from '../../../config';
import { useGeofences } from '../../../api/registry-hooks';
import { BaseMap } from '../../../components/BaseMap';
import { errorStatus } from '../../../api/errors';
import { ErrorMessage } from '../../../components/Feedback';
import { fmtAgo } from '../../../utils/format';
import { AlertsPanel } from '../../alerts/components/AlertsPanel';
import { useAlertStream } from '../../alerts/hooks/useAlertStream';
import { useOpenAlerts } from '../../alerts/hooks/useOpenAlerts';
import { AirspaceLayer } from '../../airspace/components/AirspaceLayer';
import { KitHealthPanel } from '../../airspace/components/KitHealthPanel';
import { useOtherTraffic } from '../../airspace/hooks/useOtherTraffic';
import { GeofenceShapes } from '../../geofences/components/GeofenceShapes';
import { useFleetFeed, type FeedMode, type FeedState } from '../hooks/useFleetFeed';
import { useStoreVersion } from '../hooks/useStoreVersion';
import { DroneCanvasLayer } from '../utils/drone-canvas-layer';
import { FleetStore } from '../utils/fleet-store';
import { UpdateStats } from '../utils/update-stats';
import { DroneDetail } from './DroneDetail';
import { FleetTable } from './FleetTable';

const FEED_LABEL: Record<FeedState, string> = {
  connecting: 'Connecting…',
  stream: 'Live (stream)',
  'polling-fallback': 'Stream unavailable: polling every 2 s',
  polling: 'Polling every 2 s',
};

type Panel = 'drones' | 'alerts' | 'airspace';
const PANELS: Panel[] = ['drones', 'alerts', 'airspace'];

/** Mounts the canvas layer on the map and hands it back. */
function CanvasLayerMount({ layer }: { layer: DroneCanvasLayer }) {
  const map = useMap();
  useEffect(() => {
    layer.addTo(map);
    return () => void layer.remove();
  }, [layer, map]);
  return null;
}

/**
 * The ops fleet map: every drone on a canvas, geofences and other traffic as layers, and beside it the drones'
 * table and detail, the live alerts and the detection kits' health.
 */
export function FleetMapPage() {
  const offlineAfterS = appConfig.offlineAfterS;
  const [params, setParams] = useSearchParams();
  const store = useMemo(() => new FleetStore(), []);
  const stats = useMemo(() => new UpdateStats(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  const [mode, setMode] = useState<FeedMode>(() => (params.get('live') === 'poll' ? 'poll' : 'auto'));
  const [panel, setPanel] = useState<Panel>(() => (PANELS.includes(params.get('panel') as Panel) ? (params.get('panel') as Panel) : 'drones'));
  const [showFences, setShowFences] = useState(true);
  const [showTraffic, setShowTraffic] = useState(true);
  const [focusNote, setFocusNote] = useState<string | null>(null);
  // A drone to show once it is known (?drone= from another page, or an alert clicked before its telemetry came).
  const pendingFocus = useRef<string | null>(params.get('drone'));

  const select = useCallback((id: string) => setSelected(id), []);
  const layer = useMemo(() => new DroneCanvasLayer(store, { offlineAfterS, onSelect: select, selected: () => selectedRef.current }), [store, offlineAfterS, select]);

  useEffect(() => {
    window.__wingxtraFleetStats = stats;
    return () => {
      if (window.__wingxtraFleetStats === stats) delete window.__wingxtraFleetStats;
    };
  }, [stats]);

  const focusDrone = useCallback(
    (id: string) => {
      setSelected(id);
      setPanel('drones');
      if (layer.focus(id)) {
        pendingFocus.current = null;
        setFocusNote(null);
      } else {
        pendingFocus.current = id;
        setFocusNote(store.get(id) ? `${id} reports no position yet.` : `${id} has not reported to fleet-api yet; the map goes to it when it does.`);
      }
      layer.draw();
    },
    [layer, store],
  );

  const fitted = useRef(false);
  const onBatch = useCallback(
    (drones: DroneLatest[], source: 'stream' | 'poll') => {
      if (!fitted.current && drones.length > 0) {
        store.apply(drones);
        fitted.current = layer.fitToDrones();
      }
      const t0 = performance.now();
      store.apply(drones);
      const t1 = performance.now();
      layer.draw();
      const t2 = performance.now();
      stats.record({ source, drones: drones.length, total: store.size, applyMs: t1 - t0, drawMs: t2 - t1, totalMs: t2 - t0, at: Date.now() });
      const waiting = pendingFocus.current;
      if (waiting && store.get(waiting)?.lat != null) focusDrone(waiting);
    },
    [store, layer, stats, focusDrone],
  );

  const feed = useFleetFeed(store, mode, onBatch);
  const version = useStoreVersion(store);
  const fences = useGeofences({}, 60_000);
  // fleet-api without its registry answers 404 on the registry routes: one note rather than errors.
  const noRegistry = errorStatus(fences.error) === 404;
  const alertStream = useAlertStream(!noRegistry);
  const openAlerts = useOpenAlerts(alertStream, !noRegistry);
  const reportingIds = useMemo(() => store.ids(), [store, version]);
  const traffic = useOtherTraffic(showTraffic, reportingIds);

  // OFFLINE is a matter of time passing: redraw every second even when nothing arrives.
  useEffect(() => {
    const t = setInterval(() => layer.draw(), 1_000);
    return () => clearInterval(t);
  }, [layer]);
  useEffect(() => void layer.draw(), [layer, selected]);

  const choosePanel = (p: Panel) => {
    setPanel(p);
    const next = new URLSearchParams(params);
    if (p === 'drones') next.delete('panel');
    else next.set('panel', p);
    setParams(next, { replace: true });
  };

  const entry = selected ? store.get(selected) : undefined;
  const track = useMemo(() => {
    if (!entry) return [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < entry.track.length; i += 2) out.push([entry.track[i]!, entry.track[i + 1]!]);
    return out;
  }, [entry, version]);

  const tabLabel: Record<Panel, string> = {
    drones: `Drones (${store.size})`,
    alerts: `Alerts (${openAlerts.counts.open})`,
    airspace: 'Airspace',
  };

  return (
    <div className="fleet-page">
      <div className="fleet-status" role="status" aria-live="polite">
        <span className={`feed feed-${feed.state}`}>{FEED_LABEL[feed.state]}</span>
        {feed.lastUpdateAt ? <span> · last update {fmtAgo(Date.now() - feed.lastUpdateAt)}</span> : null}
        <label className="inline">
          <input type="checkbox" checked={mode === 'poll'} onChange={(e) => setMode(e.target.checked ? 'poll' : 'auto')} /> Polling only
        </label>
        <label className="inline">
          <input type="checkbox" checked={showFences} onChange={(e) => setShowFences(e.target.checked)} /> Geofences
        </label>
        <label className="inline">
          <input type="checkbox" checked={showTraffic} onChange={(e) => setShowTraffic(e.target.checked)} /> Other traffic
        </label>
        <span className="legend">
          <i className="dot dot-online" /> online <i className="dot dot-offline" /> offline (no report for {offlineAfterS} s)
          {showTraffic ? (
            <>
              {' '}
              <i className="dot dot-aircraft" /> aircraft <i className="dot dot-foreign-drone" /> other drone
            </>
          ) : null}
          {showFences ? (
            <>
              {' '}
              <i className="swatch swatch-no-fly" /> no-fly zone <i className="swatch swatch-service" /> service area
            </>
          ) : null}
        </span>
      </div>
      {feed.pollError ? <ErrorMessage error={feed.pollError} title="Fleet positions" /> : null}
      {noRegistry ? (
        <p className="note" role="status">
          fleet-api runs without its drone registry (REGISTRY_ENABLED=false): no geofences and no alerts.
        </p>
      ) : showFences && fences.error ? (
        <ErrorMessage error={fences.error} title="Geofences" />
      ) : null}
      {showTraffic && traffic.error ? <ErrorMessage error={traffic.error} title="Other traffic" /> : null}
      <div className="fleet-layout">
        <BaseMap className="fleet-map" label="Fleet map" zoom={12}>
          {showFences ? <GeofenceShapes fences={fences.data?.items ?? []} /> : null}
          <CanvasLayerMount layer={layer} />
          {track.length > 1 ? <Polyline positions={track} pathOptions={{ color: '#ff6f00', weight: 3 }} /> : null}
          {showTraffic ? <AirspaceLayer tracks={traffic.tracks} serverNowMs={traffic.serverNowMs} /> : null}
        </BaseMap>
        <div className="fleet-side">
          <div className="tabs" role="tablist" aria-label="Side panel">
            {PANELS.map((p) => (
              <button key={p} type="button" role="tab" id={`tab-${p}`} aria-selected={panel === p} aria-controls={`panel-${p}`} className={panel === p ? 'tab active' : 'tab'} onClick={() => choosePanel(p)}>
                {tabLabel[p]}
                {p === 'alerts' && openAlerts.counts.unacknowledged > 0 ? <span className="tab-alarm" aria-label={`${openAlerts.counts.unacknowledged} to acknowledge`} /> : null}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="tab-panel">
            {panel === 'drones' ? (
              <>
                {focusNote ? (
                  <p className="note" role="status">
                    {focusNote}
                  </p>
                ) : null}
                {entry ? <DroneDetail entry={entry} offline={store.isOffline(entry, offlineAfterS)} skewMs={store.skewMs} onClose={() => setSelected(null)} /> : null}
                <FleetTable store={store} version={version} offlineAfterS={offlineAfterS} selected={selected} onSelect={select} />
              </>
            ) : null}
            {panel === 'alerts' && !noRegistry ? <AlertsPanel stream={alertStream} open={openAlerts} onFocusDrone={focusDrone} /> : null}
            {panel === 'alerts' && noRegistry ? <p className="note">No alerts: fleet-api runs without its registry.</p> : null}
            {panel === 'airspace' ? (
              <>
                <p className="note">
                  {showTraffic
                    ? `${traffic.tracks.length} other aircraft or drone${traffic.tracks.length === 1 ? '' : 's'} on the map${traffic.ours > 0 ? ` (${traffic.ours} of ours left out)` : ''}.`
                    : 'Other traffic is hidden on the map.'}
                </p>
                <KitHealthPanel />
              </>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}
