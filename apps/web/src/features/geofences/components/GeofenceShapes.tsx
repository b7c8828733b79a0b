import { Polygon, Tooltip } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { GeofenceDto, GeofenceKind } from '@wingxtra/contracts/client';
import { GEOFENCE_KIND_LABELS } from '../utils/geofence-form';

/** No-fly zones filled red, service areas outlined in blue (so the drones inside stay easy to see). */
export const GEOFENCE_STYLE: Record<GeofenceKind, PathOptions> = {
  no_fly_zone: { color: '#c62828', weight: 2, fillColor: '#e53935', fillOpacity: 0.3 },
  service_area: { color: '#1565c0', weight: 2, dashArray: '6 4', fill: false },
};
const INACTIVE_STYLE: PathOptions = { color: '#9e9e9e', weight: 1, dashArray: '2 4', fill: false };

/** Leaflet takes [lat, lon]; GeoJSON rings are [lon, lat]. */
export function ringsToLatLngs(coordinates: number[][][]): Array<Array<[number, number]>> {
  return coordinates.map((ring) => ring.map(([lon, lat]) => [lat!, lon!] as [number, number]));
}

export function altitudeBand(g: Pick<GeofenceDto, 'min_alt_m' | 'max_alt_m'>): string {
  if (g.min_alt_m === null && g.max_alt_m === null) return 'all altitudes';
  if (g.min_alt_m === null) return `up to ${g.max_alt_m} m`;
  if (g.max_alt_m === null) return `from ${g.min_alt_m} m`;
  return `${g.min_alt_m}–${g.max_alt_m} m`;
}

/** Geofences drawn on a map, each with its name, kind and altitude band on hover or tap. */
export function GeofenceShapes({ fences, exceptId, onSelect }: { fences: readonly GeofenceDto[]; exceptId?: string; onSelect?(id: string): void }) {
  return (
    <>
      {fences
        .filter((g) => g.id !== exceptId)
        .map((g) => (
          <Polygon
            key={`${g.id}-${g.updated_at}`}
            positions={ringsToLatLngs(g.geometry.coordinates)}
            // className is read when the path is made (react-leaflet applies pathOptions later, without it).
            className={`geofence geofence-${g.kind}${g.active ? '' : ' geofence-inactive'}`}
            pathOptions={g.active ? GEOFENCE_STYLE[g.kind] : INACTIVE_STYLE}
            eventHandlers={onSelect ? { click: () => onSelect(g.id) } : undefined}
          >
            <Tooltip sticky>
              {g.name}: {GEOFENCE_KIND_LABELS[g.kind]}, {altitudeBand(g)}
              {g.active ? '' : ' (inactive)'}
            </Tooltip>
          </Polygon>
        ))}
    </>
  );
}
