/** Geometry on the WGS-84 sphere for dispatch, progress and validation. Points are {lat, lng} in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A GeoJSON Polygon's coordinates: rings of [lng, lat], the first the outer boundary, the rest holes. */
export type PolygonCoordinates = number[][][];

/** Ray casting on one ring (planar in degrees: fine for service areas of city size). */
function inRing(p: LatLng, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(p: LatLng, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  return inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/**
 * Why the coordinates are not a usable GeoJSON polygon, or null when they are: at least one ring, each
 * closed, with 4+ positions of [lng, lat] in range.
 */
export function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'polygon must be an array of rings ([[[lng, lat], ...]])';
  for (const [r, ring] of polygon.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return `polygon ring ${r} must have at least 4 positions (closed)`;
    for (const [i, pos] of ring.entries()) {
      if (!Array.isArray(pos) || pos.length < 2 || pos.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        return `polygon[${r}][${i}] must be [lng, lat] numbers`;
      }
      if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) return `polygon[${r}][${i}] is out of range ([lng, lat] in degrees)`;
    }
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) return `polygon ring ${r} must end where it starts`;
  }
  return null;
}
