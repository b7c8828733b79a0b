/** A point on the ground (WGS-84 degrees), named as in the delivery contracts. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** A point in flight: altitude in metres above the drone's home (what the autopilot reports as relative altitude). */
export interface Position extends LatLng {
  altM: number;
}

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LatLng, b: LatLng): number {
  const y = Math.sin(rad(b.lng - a.lng)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lng - a.lng));
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** The point distanceM metres from a along the great circle that starts at bearing bearingDeg. */
export function destination(a: LatLng, bearing: number, distance: number): LatLng {
  const d = distance / EARTH_RADIUS_M;
  const b = rad(bearing);
  const lat1 = rad(a.lat);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = rad(a.lng) + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: deg(lat2), lng: ((deg(lng2) + 540) % 360) - 180 };
}

/** The point a fraction f (0..1) of the way from a to b along the great circle. */
export function interpolate(a: LatLng, b: LatLng, f: number): LatLng {
  if (f <= 0) return { lat: a.lat, lng: a.lng };
  if (f >= 1) return { lat: b.lat, lng: b.lng };
  return destination(a, bearingDeg(a, b), distanceM(a, b) * f);
}

/** a moved north and east by the given metres (small offsets: GPS glitches, landing pads). */
export function offsetM(a: LatLng, northM: number, eastM: number): LatLng {
  return {
    lat: a.lat + deg(northM / EARTH_RADIUS_M),
    lng: a.lng + deg(eastM / (EARTH_RADIUS_M * Math.cos(rad(a.lat)))),
  };
}
