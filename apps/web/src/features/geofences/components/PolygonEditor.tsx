import L from 'leaflet';
import { useMemo, useState } from 'react';
import { Marker, Polygon, Polyline, useMapEvents } from 'react-leaflet';
import type { GeofenceKind } from '@wingxtra/contracts/client';
import { addVertex, edgeMidpoints, insertVertex, moveVertex, removeVertex, type PolygonDraft } from '../utils/polygon-edit';
import { GEOFENCE_STYLE } from './GeofenceShapes';

const vertexIcon = (selected: boolean) => L.divIcon({ className: `vertex-handle${selected ? ' selected' : ''}`, iconSize: [18, 18], iconAnchor: [9, 9] });
const midpointIcon = L.divIcon({ className: 'midpoint-handle', iconSize: [12, 12], iconAnchor: [6, 6] });

function ClickToAdd({ onAdd }: { onAdd(lat: number, lon: number): void }) {
  useMapEvents({ click: (e) => onAdd(e.latlng.lat, e.latlng.lng) });
  return null;
}

interface PolygonEditorProps {
  draft: PolygonDraft;
  kind: GeofenceKind;
  onChange(d: PolygonDraft): void;
}

/**
 * Draws the outline on the map (place it inside a BaseMap): a click adds a point at the end, a point is dragged to
 * move it, the small handle in the middle of an edge adds a point there, a click on a point selects it for removal.
 */
export function PolygonEditor({ draft, kind, onChange }: PolygonEditorProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const mids = useMemo(() => edgeMidpoints(draft), [draft]);
  const style = GEOFENCE_STYLE[kind];
  const outline = draft.outline;
  return (
    <>
      <ClickToAdd
        onAdd={(lat, lon) => {
          setSelected(null);
          onChange(addVertex(draft, [lat, lon]));
        }}
      />
      {outline.length >= 3 ? <Polygon positions={[outline, ...draft.holes.map((h) => h.map(([lon, lat]) => [lat!, lon!] as [number, number]))]} className="draft-polygon" pathOptions={style} interactive={false} /> : null}
      {outline.length === 2 ? <Polyline positions={outline} pathOptions={{ color: style.color, weight: 2 }} interactive={false} /> : null}
      {outline.map((v, i) => (
        <Marker
          key={`v-${i}`}
          position={v}
          icon={vertexIcon(i === selected)}
          draggable
          keyboard
          title={`Point ${i + 1}`}
          alt={`Point ${i + 1}`}
          eventHandlers={{
            click: () => setSelected(i === selected ? null : i),
            dragend: (e) => {
              const ll = (e.target as L.Marker).getLatLng();
              onChange(moveVertex(draft, i, [ll.lat, ll.lng]));
            },
          }}
        />
      ))}
      {mids.map((m) => (
        <Marker
          key={`m-${m.index}`}
          position={m.at}
          icon={midpointIcon}
          title={`Add a point between points ${m.index} and ${(m.index % outline.length) + 1}`}
          alt="Add a point here"
          eventHandlers={{
            click: () => {
              setSelected(m.index);
              onChange(insertVertex(draft, m.index, m.at));
            },
          }}
        />
      ))}
      <EditorControls draft={draft} selected={selected} onChange={onChange} onSelect={setSelected} />
    </>
  );
}

/** The editor's buttons, over the map's top-right corner. */
function EditorControls({ draft, selected, onChange, onSelect }: { draft: PolygonDraft; selected: number | null; onChange(d: PolygonDraft): void; onSelect(i: number | null): void }) {
  const n = draft.outline.length;
  // Leaflet listens on the map's own element: a click on these buttons must not reach it as a new point.
  const shield = (el: HTMLDivElement | null) => {
    if (el) {
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
    }
  };
  return (
    <div className="leaflet-top leaflet-right">
      <div className="leaflet-control editor-controls" ref={shield}>
        <span className="note">{n} point{n === 1 ? '' : 's'}</span>
        <button type="button" className="secondary" disabled={selected === null} onClick={() => { onChange(removeVertex(draft, selected!)); onSelect(null); }}>
          {selected === null ? 'Remove point' : `Remove point ${selected + 1}`}
        </button>
        <button type="button" className="secondary" disabled={n === 0} onClick={() => { onChange(removeVertex(draft, n - 1)); onSelect(null); }}>
          Undo last point
        </button>
        <button type="button" className="secondary" disabled={n === 0} onClick={() => { onChange({ ...draft, outline: [] }); onSelect(null); }}>
          Clear outline
        </button>
      </div>
    </div>
  );
}
