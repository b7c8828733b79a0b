import { useEffect, useState, type ReactNode } from 'react';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';
import type { LatLngBoundsExpression, LatLngExpression } from 'leaflet';
import { appConfig } from '../config';

interface BaseMapProps {
  center?: LatLngExpression;
  zoom?: number;
  bounds?: LatLngBoundsExpression;
  className?: string;
  label: string;
  /** When this changes, the map fits `bounds` again (data that arrives after the map was made). */
  fitKey?: string;
  children?: ReactNode;
}

function FitBounds({ bounds, fitKey }: { bounds: LatLngBoundsExpression; fitKey: string }) {
  const map = useMap();
  useEffect(() => {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17, animate: false });
    // Only a new key refits: a moving drone must not make the map jump.
  }, [map, fitKey]);
  return null;
}

/**
 * A Leaflet map on the configured tiles (TILE_URL). Without reachable tiles it still works on a plain
 * background, with a note saying so: markers, tracks and clicks do not depend on tiles.
 */
export function BaseMap({ center = [5.6037, -0.187], zoom = 13, bounds, className = 'map', label, fitKey, children }: BaseMapProps) {
  const [tilesFailing, setTilesFailing] = useState(false);
  return (
    <div className={`map-frame ${className}`} role="region" aria-label={label}>
      <MapContainer center={bounds ? undefined : center} zoom={bounds ? undefined : zoom} bounds={bounds} className="map-canvas">
        <TileLayer
          url={appConfig.tileUrl}
          attribution={appConfig.tileAttribution}
          eventHandlers={{ tileerror: () => setTilesFailing(true), tileload: () => setTilesFailing(false) }}
        />
        {bounds && fitKey !== undefined ? <FitBounds bounds={bounds} fitKey={fitKey} /> : null}
        {children}
      </MapContainer>
      {tilesFailing ? <p className="map-note">Map tiles cannot be loaded; positions are still shown.</p> : null}
    </div>
  );
}
