import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Polyline, useMap } from 'react-leaflet';
import type { DroneLatest } from '@wingxtra/contracts/client';
import { appConfig } from '../../../config';
import { BaseMap } from '../../../components/BaseMap';
import { ErrorMessage } from '../../../components/Feedback';
import { fmtAgo } from '../../../utils/format';
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

/** Mounts the canvas layer on the map and hands it back. */
function CanvasLayerMount({ layer }: { layer: DroneCanvasLayer }) {
  const map = useMap();
  useEffect(() => {
    layer.addTo(map);
    return () => void layer.remove();
  }, [layer, map]);
  return null;
}

/** The ops fleet map: every drone on a canvas, the table beside it, a detail panel for the one clicked. */
export function FleetMapPage() {
  const offlineAfterS = appConfig.offlineAfterS;
  const store = useMemo(() => new FleetStore(), []);
  const stats = useMemo(() => new UpdateStats(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  const [mode, setMode] = useState<FeedMode>(() => (new URLSearchParams(window.location.search).get('live') === 'poll' ? 'poll' : 'auto'));

  const select = useCallback((id: string) => setSelected(id), []);
  const layer = useMemo(() => new DroneCanvasLayer(store, { offlineAfterS, onSelect: select, selected: () => selectedRef.current }), [store, offlineAfterS, select]);

  useEffect(() => {
    window.__wingxtraFleetStats = stats;
    return () => {
      if (window.__wingxtraFleetStats === stats) delete window.__wingxtraFleetStats;
    };
  }, [stats]);

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
    },
    [store, layer, stats],
  );

  const feed = useFleetFeed(store, mode, onBatch);
  const version = useStoreVersion(store);

  // OFFLINE is a matter of time passing: redraw every second even when nothing arrives.
  useEffect(() => {
    const t = setInterval(() => layer.draw(), 1_000);
    return () => clearInterval(t);
  }, [layer]);
  useEffect(() => void layer.draw(), [layer, selected]);

  const entry = selected ? store.get(selected) : undefined;
  const track = useMemo(() => {
    if (!entry) return [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < entry.track.length; i += 2) out.push([entry.track[i]!, entry.track[i + 1]!]);
    return out;
  }, [entry, version]);

  return (
    <div className="fleet-page">
      <div className="fleet-status" role="status" aria-live="polite">
        <span className={`feed feed-${feed.state}`}>{FEED_LABEL[feed.state]}</span>
        {feed.lastUpdateAt ? <span> · last update {fmtAgo(Date.now() - feed.lastUpdateAt)}</span> : null}
        <label className="inline">
          <input type="checkbox" checked={mode === 'poll'} onChange={(e) => setMode(e.target.checked ? 'poll' : 'auto')} /> Polling only
        </label>
        <span className="legend">
          <i className="dot dot-online" /> online <i className="dot dot-offline" /> offline (no report for {offlineAfterS} s)
        </span>
      </div>
      {feed.pollError ? <ErrorMessage error={feed.pollError} title="Fleet positions" /> : null}
      <div className="fleet-layout">
        <BaseMap className="fleet-map" label="Fleet map" zoom={12}>
          <CanvasLayerMount layer={layer} />
          {track.length > 1 ? <Polyline positions={track} pathOptions={{ color: '#ff6f00', weight: 3 }} /> : null}
        </BaseMap>
        <div className="fleet-side">
          {entry ? <DroneDetail entry={entry} offline={store.isOffline(entry, offlineAfterS)} skewMs={store.skewMs} onClose={() => setSelected(null)} /> : null}
          <FleetTable store={store} version={version} offlineAfterS={offlineAfterS} selected={selected} onSelect={select} />
        </div>
      </div>
    </div>
  );
}
